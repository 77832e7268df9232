from __future__ import annotations

import os
import select
import time
import tty

from hardware.display import SerialDisplay, decode_frames


def test_the_pole_display_gets_frames_over_a_serial_line() -> None:
    controller, device = os.openpty()
    tty.setraw(device)
    tty.setraw(controller)
    display = SerialDisplay(os.ttyname(device), 9600)
    received = bytearray()
    try:
        display.show("Kung Pao Chicken x2", "TOTAL 76.00")
        display.show("PAID 100.00", "CHANGE 24.00")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(decode_frames(bytes(received))) < 2:
            if select.select([controller], [], [], 0.05)[0]:
                received.extend(os.read(controller, 4096))
        frames = decode_frames(bytes(received))
        assert frames[-1] == ("PAID 100.00         ", "CHANGE 24.00        ")
        assert display.online
    finally:
        display.stop()
        os.close(controller)
        os.close(device)


def test_a_missing_display_never_blocks_the_caller(tmp_path: object) -> None:
    display = SerialDisplay("/dev/ttyNOSUCHDISPLAY", 9600)
    try:
        started = time.monotonic()
        for n in range(50):
            display.show(f"line {n}", "")
        assert time.monotonic() - started < 0.5  # show() only hands over the frame
        deadline = time.monotonic() + 3
        while display.online and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not display.online
    finally:
        display.stop()
