"""The wheel carries every file the till reads at run time: installed into a fresh
virtualenv, away from this checkout, it finds its exercises, translations and migrations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.integration.test_cli import ROOT

PROBE = """
import json, sys
import app, db.migrate, resources
from pathlib import Path
from app.training.exercises import load_exercises
from app.training.roster import ROSTER_FILE
from ui.i18n import TRANSLATIONS
print(json.dumps({
    "app": app.__file__,
    "exercises": len(load_exercises()),
    "roster": ROSTER_FILE.is_file(),
    "translations": sorted(p.name for p in TRANSLATIONS.glob("*.qm")),
    "migrations": len(list((db.migrate.MIGRATIONS / "versions").glob("0*.py"))),
    "icons": sorted(p.name for p in Path(resources.__file__).with_name("icons").glob("*")),
    "templates": sorted(p.name for p in Path(resources.__file__).with_name("templates").iterdir()
                        if p.is_file()),
}))
"""


SKIPPED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
)


def test_the_installed_wheel_finds_every_resource(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a build leaves egg-info behind: never in the checkout
    shutil.copytree(ROOT, source, ignore=SKIPPED, symlinks=True)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("membership_till-*.whl")
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the dependencies come from this environment's packages, never its checkout
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    probe = subprocess.run(
        [str(python), "-c", PROBE],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    found = json.loads(probe.stdout)
    assert Path(found["app"]).is_relative_to(fresh)
    assert found["exercises"] == len(list((ROOT / "resources/training/exercises").glob("*.toml")))
    assert found["exercises"] >= 10
    assert found["roster"] is True
    assert found["translations"] == ["till_zh_CN.qm"]
    assert found["migrations"] == len(list((ROOT / "db/migrations/versions").glob("0*.py")))
    assert found["icons"] == ["membership-till.ico", "membership-till.png"]
    assert found["templates"] == ["__init__.py", "menu-template.csv"]
