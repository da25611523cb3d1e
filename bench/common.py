"""Small helpers shared by the benchmarks: statistics, child processes, ports, words.

Why child processes: a build measured in a fresh interpreter pays what a real
``cabildo build`` pays (model load, cold caches) and its peak RSS is its own.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BASE_IRI = "https://cabildo.example/"
_WORD = re.compile(r"\S+")


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return float(ordered[rank - 1])


def count_words(text: str) -> int:
    """Whitespace-separated words (what ``wc -w`` counts)."""
    return len(_WORD.findall(text))


def corpus_words(corpus: Path) -> int:
    return sum(count_words(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt")))


def run_child(module: str, args: list[str], *, timeout: float = 900.0) -> dict[str, Any]:
    """Run ``python -m module args`` from the repository root; its last stdout line is JSON."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([PYTHON, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError(f"{module} printed nothing; stderr:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def log(message: str) -> None:
    """Progress on stderr, so stdout stays for the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
