"""Child process: one full ``extract.build.build`` with stage timings, peak RSS and load figures.

Why a child: a fresh interpreter pays the model load and owns its RSS.  The
stages are timed by wrapping the functions ``extract.build`` calls (looked up
by name, so a renamed stage just falls into "other"); the build itself is the
real one, unchanged.  Prints one JSON line.

    python -m bench.runbuild --corpus corpus --store /tmp/s [--load-reps 2] [--profile 25]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import pstats
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

#: extract.build global name → stage it belongs to.
STAGES = {
    "discover": "parse", "open_source": "parse", "parse_source": "parse",
    "assemble": "assemble",
    "emit_corpus": "emit",
    "passages": "nlp_facts", "extract_facts": "nlp_facts", "facts_for": "nlp_facts",
    "emit_facts": "emit_facts",
    "ontology_quads": "publish", "publish": "publish",
}
STAGE_ORDER = ("parse", "assemble", "emit", "nlp_facts", "emit_facts", "publish", "other")


class StageClock:
    """Wraps module-level functions of ``extract.build`` and adds up their wall time per stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.publish_args: tuple[Any, ...] | None = None
        self._depth = 0

    def install(self, module: Any) -> None:
        for name, stage in STAGES.items():
            fn = getattr(module, name, None)
            if callable(fn):
                setattr(module, name, self._wrap(fn, stage, name == "publish"))

    def _wrap(self, fn: Callable[..., Any], stage: str, keep_args: bool) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if keep_args:
                self.publish_args = (args, kwargs)
            self._depth += 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:  # nested stages count once, in the outer one
                    self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started
        return timed


def peak_rss_mb() -> float:
    """Peak resident set of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def raw_load_seconds(quads: list[Any], directory: Path) -> float:
    """Reference: a bare on-disk ``Store.bulk_extend`` of the same quads (plus flush)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(directory))
    store.bulk_extend(quads)
    store.flush()
    del store
    return time.perf_counter() - started


def profile_summary(profiler: cProfile.Profile, top: int) -> list[dict[str, Any]]:
    """The ``top`` functions by own time, and project functions by cumulative time."""
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{_short(filename)}:{line}({func})", "calls": nc, "tottime": round(tt, 3),
                     "cumtime": round(ct, 3)})
    by_own = sorted(rows, key=lambda r: -r["tottime"])[:top]
    ours = [r for r in rows if r["function"].startswith(("extract/", "query_api/", "ontology/"))]
    by_cum = sorted(ours, key=lambda r: -r["cumtime"])[:top]
    return [dict(r, rank="own") for r in by_own] + [dict(r, rank="cumulative") for r in by_cum]


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/work/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--base", default="https://cabildo.example/")
    ap.add_argument("--load-reps", type=int, default=0, help="extra publish/raw-load pairs, interleaved")
    ap.add_argument("--profile", type=int, default=0, help="run under cProfile and report the top N")
    args = ap.parse_args(argv)

    import extract.build as build_module

    clock = StageClock()
    clock.install(build_module)
    profiler = cProfile.Profile() if args.profile else None
    cpu0 = cpu_seconds()
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = build_module.build([args.corpus], store_dir=args.store, base=args.base)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    rss = peak_rss_mb()
    stages = {s: round(clock.seconds.get(s, 0.0), 4) for s in STAGE_ORDER if s != "other"}
    stages["other"] = round(max(0.0, seconds - sum(stages.values())), 4)
    out: dict[str, Any] = {
        "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": rss, "triples": summary.triples,
        "articles": summary.articles, "duties": summary.duties, "organs": summary.organs,
        "sources": summary.sources, "refused": len(summary.refused), "stages": stages,
        "cached_sources": getattr(summary, "cached_sources", 0),  # must be 0: a fresh store has no fact cache
        "generation": summary.generation,
    }
    if args.load_reps and clock.publish_args is not None:
        (pub_args, pub_kwargs) = clock.publish_args
        emitter, extra = pub_args[0], pub_args[1]
        quads = list(emitter.quads) + list(extra)
        publish_s, raw_s = [clock.seconds.get("publish", 0.0)], []
        scratch = Path(tempfile.mkdtemp(prefix="bench-load-"))
        try:
            for k in range(args.load_reps):
                raw_s.append(raw_load_seconds(quads, scratch / f"raw{k}"))
                t = time.perf_counter()
                build_module.publish(emitter, extra, store_dir=scratch / f"pub{k}")
                publish_s.append(time.perf_counter() - t)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        out.update(load_quads=len(quads), publish_seconds=publish_s, raw_load_seconds=raw_s)
    if profiler:
        out["profile"] = profile_summary(profiler, args.profile)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
