"""A short wrk run on loopback against the article endpoint: zero errors, p99 printed.

Bounded: ``CABILDO_WRK_SECONDS`` (default 10, at most 30) seconds, 2 threads,
8 connections, 127.0.0.1 only.  Skipped, saying why, when ``wrk`` is not
installed (Debian: ``apt-get install -y wrk``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from query_api.app import create_app
from query_api.settings import Settings

from .helpers import BASE, LiveServer, record

SECONDS = min(30, max(1, int(os.environ.get("CABILDO_WRK_SECONDS", "10"))))
_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    assert m, f"unreadable wrk latency {value!r}"
    return float(m.group(1)) * _UNIT[m.group(2)]


def parse_wrk(out: str) -> dict[str, float]:
    """Requests, p50/p99 (ms), requests/s, non-2xx and socket errors from ``wrk --latency``."""
    stats = {"requests": float(re.search(r"(\d+) requests in", out).group(1))}  # type: ignore[union-attr]
    for pct in ("50", "99"):
        stats[f"p{pct}"] = to_ms(re.search(rf"^\s*{pct}(?:\.000)?%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    stats["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    stats["non2xx"] = float(non2xx.group(1)) if non2xx else 0.0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    stats["socket_errors"] = float(sum(int(x) for x in sock.groups())) if sock else 0.0
    return stats


def test_parse_wrk_reads_errors() -> None:
    """The parser sees failures (so the zero-error assertion below can fail)."""
    sample = ("  Latency Distribution\n     50%    1.50ms\n     75%    2.00ms\n     90%    3.00ms\n"
              "     99%   12.30ms\n  1000 requests in 10.00s, 1.00MB read\n"
              "  Socket errors: connect 0, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 7\n"
              "Requests/sec:    100.00\n")
    s = parse_wrk(sample)
    assert (s["requests"], s["p50"], s["p99"], s["non2xx"], s["socket_errors"]) == (1000, 1.5, 12.3, 7, 5)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (Debian: apt-get install -y wrk)")
@pytest.mark.timeout(SECONDS + 90)
def test_wrk_article_endpoint(kb_dir: Path) -> None:
    app = create_app(Settings(store_dir=str(kb_dir), base_iri=BASE, workers=1))
    with LiveServer(app) as server:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            target = None
            for work in c.get("/api/works").json():
                numbers = [a["number"] for a in c.get(f"/api/works/{work['id']}").json()["articles"] if a["number"]]
                if numbers:
                    target = f"/api/works/{work['id']}/articles/{numbers[0]}"
                    break
            assert target is not None
            first = c.get(target)
            assert first.status_code == 200 and first.json()["number"]
        run = subprocess.run(["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--timeout", "5s", "--latency",
                              server.url + target], capture_output=True, text=True, timeout=SECONDS + 60)
    assert run.returncode == 0, run.stderr
    s = parse_wrk(run.stdout)
    assert s["requests"] > 0
    assert s["non2xx"] == 0 and s["socket_errors"] == 0, run.stdout
    record("wrk load", f"{int(s['requests']):,} requests in {SECONDS} s on {target}: {s['rps']:.0f} req/s, "
                       f"p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, 0 errors")
