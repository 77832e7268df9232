"""Where the till keeps its files, and the per-till settings stored beside the database."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

APP_DIR_NAME = "membership-till"
DATABASE_ENV = "POS_DATABASE_URL"


def data_dir() -> Path:
    """The user's data folder: ``$XDG_DATA_HOME/membership-till`` (``~/.local/share/...``)."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def resolve_database_url(cli_url: str | None) -> str:
    """``--db`` wins, then ``$POS_DATABASE_URL``, then the database this till was moved to
    (``pos migrate-to``), then a SQLite file in the data folder."""
    if cli_url:
        return cli_url
    if os.environ.get(DATABASE_ENV):
        return os.environ[DATABASE_ENV]
    return configured_database_url() or f"sqlite:///{data_dir() / 'till.db'}"


DATABASE_SETTING = "database.json"
"""In the data folder: ``{"url": ...}``, written by ``pos migrate-to`` (owner-only: a
PostgreSQL URL may hold a password)."""


def configured_database_url(folder: Path | None = None) -> str | None:
    """The database URL set for this till in ``folder`` (default: the data folder)."""
    path = (folder or data_dir()) / DATABASE_SETTING
    try:
        url = json.loads(path.read_text(encoding="utf-8")).get("url")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("ignoring unreadable database setting %s: %s", path, exc)
        return None
    return url if isinstance(url, str) and url else None


def save_database_url(url: str, folder: Path | None = None, **noted: str) -> Path:
    """Make ``url`` this till's database from its next start; ``noted`` is kept beside it
    (where it moved from, when)."""
    folder = folder or data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DATABASE_SETTING
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"url": url, **noted}, out, indent=2)
    temporary.replace(path)
    return path


@dataclass(frozen=True)
class TillSettings:
    """Settings that belong to one till, not the restaurant: its id, devices, language."""

    till_id: str = ""
    """Empty: none chosen yet; the database hands one out at start (``T1``, ``T2``...)."""
    printer_url: str = "sim://"
    card_reader_url: str = "sim://"
    display_url: str = "sim://"
    language: Literal["zh", "en", "system"] = "system"
    training_real_printer: bool = False
    """In training, print (marked) slips on the real printer instead of the simulator."""
    full_screen: bool = False
    """Open the till full screen (no window frame or task bar); else maximised."""
    usual_dishes: bool = True
    pairing_hints: bool = True
    """The member panel shows the member's usual dishes / suggests one dish often ordered
    with the order's (``app.dishes.habits``)."""
    connect_timeout_s: int = 3
    statement_timeout_s: int = 5
    lock_timeout_s: int = 3
    """How long the till waits for a shared PostgreSQL server (``DatabaseTimeouts``)."""

    def devices(self) -> tuple[str, str, str, str, bool]:
        """What only a manager may change: the till's identity and its devices."""
        return (
            self.till_id,
            self.printer_url,
            self.card_reader_url,
            self.display_url,
            self.training_real_printer,
        )


def load_till_settings(path: Path) -> TillSettings:
    """Read the settings file; a missing or damaged file gives the defaults (and a log line)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return TillSettings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable till settings %s: %s", path, exc)
        return TillSettings()
    known: dict[str, object] = {
        k: str(v) for k, v in raw.items() if k in TillSettings.__dataclass_fields__
    }
    known["training_real_printer"] = raw.get("training_real_printer") is True
    known["full_screen"] = raw.get("full_screen") is True
    known["usual_dishes"] = raw.get("usual_dishes") is not False
    known["pairing_hints"] = raw.get("pairing_hints") is not False
    for name in _SECONDS:
        known.pop(name, None)
        seconds = raw.get(name)
        if isinstance(seconds, int) and not isinstance(seconds, bool) and 0 < seconds <= 600:
            known[name] = seconds
    settings = TillSettings(**known)  # type: ignore[arg-type]
    if settings.language not in ("zh", "en", "system"):
        settings = replace(settings, language="system")
    return settings


_SECONDS = ("connect_timeout_s", "statement_timeout_s", "lock_timeout_s")
"""Whole seconds, 1 to 600; anything else in the file gives the default."""


def save_till_settings(path: Path, settings: TillSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    temporary.replace(path)
