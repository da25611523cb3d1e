"""``python -m bench`` (``make bench``): every benchmark, side by side, then the table.

Writes ``bench/results.json`` and the table between the markers of
``bench/README.md``.  ``--quick`` is a small smoke run (2× corpus, one
repetition, short wrk) that writes into its work directory instead.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import build_bench, questions, results, scale_bench
from bench.common import ROOT, log

BENCH_DIR = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small smoke run; results go to the work directory")
    ap.add_argument("--factor", type=int, default=None, help="scale factor of the big corpus (default 10)")
    ap.add_argument("--reps", type=int, default=None, help="1x build / spaCy pairs (default 3)")
    ap.add_argument("--scale-reps", type=int, default=None, help="1x/10x build pairs (default 2)")
    ap.add_argument("--requests", type=int, default=None, help="sequential requests per endpoint and scale")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds a latency series may spend once it has 20 samples (default 20)")
    ap.add_argument("--wrk-seconds", type=int, default=None)
    ap.add_argument("--work", type=Path, default=None, help="keep stores and corpora here (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=None, help="results file (default bench/results.json)")
    args = ap.parse_args(argv)

    quick = args.quick
    factor = args.factor or (2 if quick else 10)
    reps = args.reps or (1 if quick else 3)
    scale_reps = args.scale_reps or (1 if quick else 2)
    n_requests = args.requests or (20 if quick else 150)
    wrk_seconds = args.wrk_seconds or (2 if quick else 10)
    budget = args.budget or (5.0 if quick else 20.0)
    work = args.work or Path(tempfile.mkdtemp(prefix="cabildo-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out_path = args.out or (work / "results.json" if quick else BENCH_DIR / "results.json")
    seeds = ROOT / "corpus"
    tag = f"{factor}x"
    started = time.perf_counter()
    flat: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    try:
        log(f"work directory {work}")
        built = build_bench.run(seeds, work, reps=reps, profile_top=0 if quick else 20)
        flat.update(built.metrics)
        scaled = scale_bench.run(seeds, work, factor=factor, reps=scale_reps, one_x=built.builds,
                                 words_1x=built.metrics["words_1x"])
        flat.update(scaled.metrics)
        assert built.store_dir is not None and scaled.store_dir is not None
        asked = questions.run({"1x": built.store_dir, tag: scaled.store_dir}, work, n=n_requests,
                              budget_s=budget, wrk_seconds=wrk_seconds,
                              wrk_reps={"1x": 1 if quick else 2, tag: 1}, uncached_tag=tag)
        if "throughput_skipped" in asked:
            skipped["api_vs_oxigraph_ratio"] = asked.pop("throughput_skipped")
        else:
            asked["api_vs_oxigraph_ratio"] = asked.get("api_vs_oxigraph_ratio_1x")
        flat.update(asked)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    flat["bench_seconds"] = time.perf_counter() - started
    given = argv if argv is not None else sys.argv[1:]
    meta = {"command": "make bench (python -m bench)" if not given else "python -m bench " + " ".join(given),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "cpus": os.cpu_count(), "python": platform.python_version(),
            "machine": platform.platform(), "factor": factor, "reps_1x": reps, "reps_scale": scale_reps,
            "requests_per_endpoint": n_requests, "latency_budget_s": budget, "wrk_seconds": wrk_seconds,
            "load_average": list(os.getloadavg())}
    if factor != 10:
        for key in results.REQUIRED:
            if key.endswith("_10x") and key not in flat:
                skipped[key] = f"--factor {factor}: the big-corpus figures are the *_{tag} keys under details"
    doc = results.assemble(flat, meta=meta, skipped=skipped)
    problems = results.validate(doc)
    results.write(doc, out_path)
    text = results.table(doc)
    if not quick and args.out is None:
        results.update_readme(BENCH_DIR / "README.md", text + f"\n\n_{meta['date']}, `{meta['command']}`, "
                              f"{meta['cpus']} CPUs, {flat['bench_seconds']:.0f} s._")
    print(text)
    print(f"\nresults: {out_path}")
    for p in problems:
        print(f"results problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
