"""Start the till when the person logs in: an XDG autostart entry on Linux, a script in
the Startup folder on Windows. Both name the launcher that is running now."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ENTRY_NAME = "membership-till"


@dataclass(frozen=True)
class AutostartEntry:
    path: Path
    content: str


def launcher() -> list[str]:
    """The command that starts this till again: the bundle's executable, the installed
    ``pos`` script, or this Python running the CLI module."""
    if getattr(sys, "frozen", False):
        windowed = Path(sys.executable).with_name("till.exe")  # Windows: no console window
        return [str(windowed if windowed.exists() else sys.executable)]
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "pos" and script.exists():
        return [str(script)]
    found = shutil.which("pos")
    return [found] if found else [sys.executable, "-m", "ui.cli"]


def autostart_entry(command: list[str], platform: str = sys.platform) -> AutostartEntry:
    if platform == "win32":
        startup = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
        folder = startup / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        quoted = " ".join(f'"{part}"' for part in command)
        return AutostartEntry(folder / f"{ENTRY_NAME}.cmd", f'@start "" {quoted}\r\n')
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    content = "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Membership till",
            "Name[zh_CN]=会员收银台",
            f"Exec={shlex.join(command)}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )
    return AutostartEntry(config / "autostart" / f"{ENTRY_NAME}.desktop", content)


def enable_autostart(command: list[str]) -> AutostartEntry:
    entry = autostart_entry(command)
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    entry.path.write_text(entry.content, encoding="utf-8")
    return entry


def disable_autostart() -> AutostartEntry:
    entry = autostart_entry([])
    entry.path.unlink(missing_ok=True)
    return entry


def autostart_enabled() -> bool:
    return autostart_entry([]).path.exists()
