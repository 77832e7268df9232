"""The restaurant's profile: its name, address, receipt text, currency and business day."""
