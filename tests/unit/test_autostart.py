from __future__ import annotations

from pathlib import Path

import pytest

from app.autostart import autostart_entry


def test_linux_gets_an_xdg_autostart_entry_with_the_command_quoted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = autostart_entry(["/opt/till/pos", "--db", "sqlite:////srv/my till.db"], "linux")
    assert entry.path == tmp_path / "autostart" / "membership-till.desktop"
    assert "Exec=/opt/till/pos --db 'sqlite:////srv/my till.db'\n" in entry.content
    assert entry.content.startswith("[Desktop Entry]\nType=Application\n")


def test_windows_gets_a_script_in_the_startup_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path))
    entry = autostart_entry([r"C:\Program Files\Till\pos.exe"], "win32")
    startup = tmp_path / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert entry.path == startup / "membership-till.cmd"
    assert entry.content == '@start "" "C:\\Program Files\\Till\\pos.exe"\r\n'
