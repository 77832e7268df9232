"""The suite runs on the locked set: every package the lock pins for this platform is
installed at exactly that version, and the lock covers every dependency pyproject names."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "installer" / "lock"
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: str) -> dict[str, str]:
    """Name -> version of the pins that apply on this machine."""
    found = {}
    for line in (LOCKS / f"{lock}.txt").read_text().splitlines():
        match = PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            found[canonicalize_name(match[1].split("[")[0])] = match[2]
    return found


def test_the_test_environment_is_the_locked_one() -> None:
    drift = {}
    for name, pinned in pins("dev").items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            drift[name] = (pinned, installed)
    assert drift == {}, "run installer/setup.sh --for-tests (or installer/lock.sh after a change)"


@pytest.mark.parametrize(
    ("lock", "extras"), [("run", ()), ("dev", ("dev",)), ("bundle", ("bundle",))]
)
def test_every_dependency_pyproject_names_is_pinned(lock: str, extras: tuple[str, ...]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    pinned = pins(lock)
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in installer/lock/{lock}.txt: run installer/lock.sh"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{name}=={pinned[name]} in {lock}.txt does not satisfy pyproject's {line}"
        )
