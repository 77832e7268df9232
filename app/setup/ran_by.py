"""Who ran a command-line set-up step, for the audit log: no one is signed in there."""

from __future__ import annotations

import getpass


def ran_by(command: str) -> dict[str, str]:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    return {"by": command, "os_user": user}
