"""Fixtures of the reliability suite and the summary of the numbers it measured."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from extract.build import build

from .helpers import BASE, CORPUS, NUMBERS


@pytest.fixture(scope="session")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built in-process from the whole seed corpus (read-only tests share it)."""
    path = tmp_path_factory.mktemp("kb") / "store"
    summary = build([CORPUS], store_dir=path, base=BASE)
    assert not summary.refused, summary.refused
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not NUMBERS:
        return
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    terminalreporter.section("cabildo reliability numbers")
    for name, value in NUMBERS.items():
        terminalreporter.write_line(f"{name}: {value}")
    terminalreporter.write_line(f"memory peak (max RSS) of the test process: {own} MiB; "
                                f"of the largest child (build/query worker): {children} MiB")
