"""The built bundle on a machine with no Python, no venv and an empty home: opt in with
POS_TEST_BUNDLE=1 (it builds the bundle first, a few minutes), or point POS_BUNDLE_TARBALL
at a tarball built by installer/build-bundle.sh to test that one.

    POS_TEST_BUNDLE=1 installer/test.sh tests/bundle
"""

from __future__ import annotations

import os
import stat
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from hardware.printing.escpos_decode import decode_escpos
from tests.fake_printer import FakeNetworkPrinter
from tests.integration.test_cli import ROOT

pytestmark = pytest.mark.skipif(
    not (os.environ.get("POS_TEST_BUNDLE") or os.environ.get("POS_BUNDLE_TARBALL")),
    reason="builds the PyInstaller bundle: opt in with POS_TEST_BUNDLE=1",
)
SIGN_IN_SHOWN = "sign-in window shown"


@pytest.fixture(scope="module")
def tarball(testrun_uid: str) -> Path:
    """Built once per run: the suite's processes each ask, the first builds under a lock
    (two builds at once in one ``dist/`` break each other) and the others wait for it."""
    given = os.environ.get("POS_BUNDLE_TARBALL")
    if given:
        return Path(given)
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    built_in = dist / ".built-in-test-run"
    with FileLock(dist / ".build.lock"):
        if not built_in.exists() or built_in.read_text() != testrun_uid:
            subprocess.run([str(ROOT / "installer" / "build-bundle.sh")], check=True, timeout=1800)
            built_in.write_text(testrun_uid)
    (built,) = sorted(dist.glob("membership-till-*-linux-*.tar.gz"))[-1:]
    return built


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("empty-home")


@pytest.fixture(scope="module")
def installed(tarball: Path, home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tarball unpacked and installed for a user whose home is empty."""
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    (folder,) = unpacked.iterdir()
    subprocess.run(
        [str(folder / "install.sh")], check=True, env=clean_env(home), capture_output=True
    )
    return home / ".local" / "bin" / "pos"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No Python, no venv, no project on any path: what a restaurant's machine has."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def pos(installed: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed), *args],
        env=clean_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=home,
    )


def data_folder(home: Path) -> Path:
    return home / ".local" / "share" / "membership-till"


def test_the_installer_puts_a_launcher_and_a_menu_entry_in_the_home(
    installed: Path, home: Path
) -> None:
    assert installed.is_symlink() and installed.resolve().name == "pos"
    entry = home / ".local" / "share" / "applications" / "membership-till.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert Path(exec_line.removeprefix("Exec=")) == installed.resolve()
    assert (home / ".local/share/icons/hicolor/256x256/apps/membership-till.png").is_file()


def test_version_demo_backup_and_doctor_run_without_python(installed: Path, home: Path) -> None:
    version = pos(installed, home, "--version")
    assert version.returncode == 0 and version.stdout.startswith("pos ")
    demo = pos(installed, home, "demo", "--members", "40")
    assert demo.returncode == 0, demo.stderr
    assert pos(installed, home, "backup").returncode == 0
    assert any((data_folder(home) / "backups").iterdir())
    doctor = pos(installed, home, "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "all good" in doctor.stdout
    assert "ok   Chinese font" in doctor.stdout
    assert (data_folder(home) / "till.db").is_file()


def test_a_test_slip_reaches_a_network_printer(installed: Path, home: Path) -> None:
    printer = FakeNetworkPrinter()
    try:
        result = pos(installed, home, "print-test", "--printer", printer.url)
        assert result.returncode == 0, result.stderr
        (job,) = printer.wait_for_jobs(1)
    finally:
        printer.close()
    text = "\n".join(decode_escpos(job).lines)
    assert "打印测试" in text and "宫保鸡丁" in text


@pytest.fixture
def running_till(installed: Path, home: Path) -> Iterator[subprocess.Popen[bytes]]:
    if not (data_folder(home) / "till.db").exists():  # a restaurant, else the set-up wizard
        assert pos(installed, home, "demo", "--members", "40").returncode == 0
    log = data_folder(home) / "logs" / "pos.log"
    log.unlink(missing_ok=True)
    process = subprocess.Popen(
        [str(installed)],
        env=clean_env(home, QT_QPA_PLATFORM="offscreen"),
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_the_till_opens_its_sign_in_window_and_keeps_its_files_private(
    running_till: subprocess.Popen[bytes], home: Path
) -> None:
    log = data_folder(home) / "logs" / "pos.log"
    deadline = time.monotonic() + 120
    while not (log.exists() and SIGN_IN_SHOWN in log.read_text()):
        assert running_till.poll() is None, "the till exited before its window"
        assert time.monotonic() < deadline, "no sign-in window within two minutes"
        time.sleep(0.05)
    folder = data_folder(home)
    assert {path.name for path in folder.iterdir()} >= {"till.db", "logs", "cache"}
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() or path.suffix == ".db":
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
