"""The HardwareError family: every device failure is translated into one of these."""

from __future__ import annotations

from hardware.printing.status import Fault


class HardwareError(Exception):
    """A device could not do what was asked; ``str()`` is a sentence for staff."""

    fault = Fault.ERROR


class DeviceUrlError(HardwareError, ValueError):
    """A device URL in settings is not one the till understands."""


class DeviceOffline(HardwareError):
    """The device refused the connection, is unplugged or does not answer."""

    fault = Fault.OFFLINE


class DeviceTimeout(HardwareError):
    """The device accepted the connection but did not take the data in time."""

    fault = Fault.TIMEOUT


class PrinterFault(HardwareError):
    """The printer answered that it cannot print (paper out, cover open, error)."""

    def __init__(self, message: str, fault: Fault) -> None:
        super().__init__(message)
        self.fault = fault
