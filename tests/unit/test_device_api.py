"""The app's device-facing API: the protocols screens test devices by, and job errors."""

from __future__ import annotations

import pytest

from app.devices import (
    DeviceOffline,
    DeviceTimeout,
    Fault,
    HardwareError,
    PrinterFault,
    print_job_error,
)
from app.ports import DisplayPreview, KeyboardWedge, SimulatesSwipes
from hardware.display import SimDisplay
from hardware.readers.sim import SimCardReader
from hardware.readers.wedge import WedgeCardReader


def test_the_simulated_display_is_one_the_till_can_mirror() -> None:
    display = SimDisplay()
    shown: list[tuple[str, str]] = []
    assert isinstance(display, DisplayPreview)
    display.add_listener(lambda top, bottom: shown.append((top, bottom)))
    display.show("Tea", "TOTAL 8.00")
    assert shown == [display.lines]


def test_only_the_keyboard_wedge_reader_asks_for_key_presses() -> None:
    assert isinstance(WedgeCardReader(), KeyboardWedge)
    assert not isinstance(SimCardReader(), KeyboardWedge)
    assert not isinstance(WedgeCardReader(), SimulatesSwipes)


@pytest.mark.parametrize(
    ("fault", "family"),
    [
        ("offline", DeviceOffline),
        ("timeout", DeviceTimeout),
        ("paper_out", PrinterFault),
        ("cover_open", PrinterFault),
        ("error", PrinterFault),
        ("", PrinterFault),
        ("melted", PrinterFault),
    ],
)
def test_a_failed_print_job_is_rebuilt_into_its_error_family(
    fault: str, family: type[HardwareError]
) -> None:
    error = print_job_error(fault, "Printer 192.168.1.50 said no")
    assert type(error) is family
    assert str(error) == "Printer 192.168.1.50 said no"
    if fault in ("paper_out", "cover_open"):
        assert error.fault is Fault(fault)
    elif family is PrinterFault:
        assert error.fault is Fault.ERROR
