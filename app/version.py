"""The till's version, as installed (a wheel, an editable checkout or the bundle)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "membership-till"


def till_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a bare source tree without installing
        return "0+unknown"
