"""Integration fixtures: ``pos_main`` runs a ``pos`` command in the test process."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from app.escpos_cache import ENV as ESCPOS_CACHE

PosMain = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def pos_main(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> PosMain:
    """``pos ARGS`` run by the command's ``main`` in this process: its exit status and what
    it printed, as a process would give them, a start saved (~1.5 s of CPU). For what a
    command does; a test about the process itself (killed, its window, its entry point)
    starts one."""
    from ui.cli import main

    cache = tmp_path_factory.mktemp("escpos-cache")
    monkeypatch.setenv(ESCPOS_CACHE, str(cache))  # main would keep it past the test

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
        printed = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), status, printed.out, printed.err)

    return run
