"""Find the serial ports this machine has, to offer them by name in settings."""

from __future__ import annotations

from dataclasses import dataclass

from serial.tools import list_ports


@dataclass(frozen=True)
class SerialPortInfo:
    device: str
    description: str


def serial_ports() -> list[SerialPortInfo]:
    found = [SerialPortInfo(port.device, port.description or "") for port in list_ports.comports()]
    return sorted(found, key=lambda port: port.device)
