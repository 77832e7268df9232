"""What guests eat, for the counter: a member's usual dishes and pairing suggestions."""
