"""The HardwareError family: every device failure is translated into one of these."""

from __future__ import annotations


class HardwareError(Exception):
    """A device could not do what was asked; ``str()`` is a sentence for staff."""


class DeviceUrlError(HardwareError, ValueError):
    """A device URL in settings is not one the till understands."""


class DeviceOffline(HardwareError):
    """The device refused the connection, is unplugged or does not answer."""


class DeviceTimeout(HardwareError):
    """The device accepted the connection but did not take the data in time."""
