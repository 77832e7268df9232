"""The app's device-facing API: what screens may know about printers, readers and ports.

The UI never imports ``hardware`` (an import-linter contract says so); what a screen
shows, builds or compares about a device comes from here, one owner per concept:

- device addresses: the printer URL grammar (``parse_printer_url``, ``printer_url``,
  ``PrinterSpec``), the card reader's (``parse_reader_url``), the serial ports this
  machine has (``serial_ports``), and ``DeviceUrlError`` for an address the till does
  not understand;
- the ``HardwareError`` family and the printer ``Fault`` it carries, which the UI maps
  to messages, and ``print_job_error`` that rebuilds a failed job's error;
- plain values a screen displays or compares: ``Delivery``, ``ReaderState``;
- the keyboard-wedge detector's verdicts (``Read``, ``Release``) the key filter acts on;
- ``char_width``: how many receipt columns a character takes, as the printer counts them;
  ``FontCoverage``: what a printer's Chinese font has (the printer URL's ``font``).

The names are the hardware layer's own, re-exported rather than copied: a value that
crosses the boundary is the same object, so ``isinstance`` and ``is`` keep working.
The interfaces of devices themselves are protocols in ``app.ports``.
"""

from __future__ import annotations

from hardware.discovery import SerialPortInfo, serial_ports
from hardware.errors import (
    DeviceOffline,
    DeviceTimeout,
    DeviceUrlError,
    HardwareError,
    PrinterFault,
)
from hardware.printing.charset import FontCoverage, char_width
from hardware.printing.status import Fault
from hardware.printing.transports import Delivery
from hardware.readers.state import ReaderState
from hardware.readers.wedge import Action, Read, Release
from hardware.urls import (
    DEFAULT_PROFILES,
    PrinterSpec,
    PrinterTransportKind,
    parse_printer_url,
    parse_reader_url,
    printer_url,
)

__all__ = [
    "DEFAULT_PROFILES",
    "Action",
    "Delivery",
    "DeviceOffline",
    "DeviceTimeout",
    "DeviceUrlError",
    "Fault",
    "FontCoverage",
    "HardwareError",
    "PrinterFault",
    "PrinterSpec",
    "PrinterTransportKind",
    "Read",
    "ReaderState",
    "Release",
    "SerialPortInfo",
    "char_width",
    "parse_printer_url",
    "parse_reader_url",
    "print_job_error",
    "printer_url",
    "serial_ports",
]


def print_job_error(fault: str, message: str) -> HardwareError:
    """The error family of a failed print job, rebuilt from its stored fault and message.

    An unknown stored fault reads as ``Fault.ERROR``, a printer that reported a problem.
    """
    try:
        known = Fault(fault)
    except ValueError:
        known = Fault.ERROR
    if known is Fault.OFFLINE:
        return DeviceOffline(message)
    if known is Fault.TIMEOUT:
        return DeviceTimeout(message)
    return PrinterFault(message, known)
