"""The open order kept on disk as it is built, so a crash or a restart does not lose it.

One small JSON file per till in the data folder, replaced atomically on every change
(a crash mid-write leaves the previous version, never half a file) and owner-only.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)


class OpenOrderFile:
    def __init__(self, folder: Path, till_id: str) -> None:
        safe_id = re.sub(r"[^A-Za-z0-9_-]", "_", till_id)
        self.path = folder / f"open-order-{safe_id}.json"

    def save(self, order: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = self.path.with_suffix(".json.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(order, file, ensure_ascii=False, sort_keys=True)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, self.path)

    def load(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            order = json.loads(text)
        except ValueError:
            log.warning("the saved open order %s is unreadable; it is set aside", self.path)
            os.replace(self.path, self.path.with_suffix(".json.unreadable"))
            return None
        return order if isinstance(order, dict) else None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def open_order_folder(database_url: str, data_folder: Path) -> Path:
    """Beside an SQLite file (a training sandbox keeps its own); the data folder for a
    server database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser().resolve().parent
    return data_folder
