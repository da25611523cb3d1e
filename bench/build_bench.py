"""Build benchmark: a full build of the seed corpus vs one bare spaCy pass over the same text.

Both run in fresh child processes, interleaved (A B B A …) so that noise from
other work on the machine falls on both; medians are compared.  A last build
runs under cProfile to say where the time goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import corpus_words, log, median, run_child
from bench.runbuild import STAGE_ORDER


@dataclass
class BuildResult:
    metrics: dict[str, Any]
    builds: list[dict[str, Any]] = field(default_factory=list)
    store_dir: Path | None = None  # the store of the last timed build (served by the question bench)


def run_build(corpus: Path, store: Path, *, load_reps: int = 0, profile: int = 0) -> dict[str, Any]:
    args = ["--corpus", str(corpus), "--store", str(store)]
    if load_reps:
        args += ["--load-reps", str(load_reps)]
    if profile:
        args += ["--profile", str(profile)]
    return run_child("bench.runbuild", args)


def stage_medians(builds: list[dict[str, Any]]) -> dict[str, float]:
    return {s: round(median([b["stages"].get(s, 0.0) for b in builds]), 3) for s in STAGE_ORDER}


def run(corpus: Path, work: Path, *, reps: int = 3, profile_top: int = 20) -> BuildResult:
    words = corpus_words(corpus)
    builds: list[dict[str, Any]] = []
    refs: list[dict[str, Any]] = []
    store: Path | None = None
    for r in range(reps):
        order = ("build", "spacy") if r % 2 == 0 else ("spacy", "build")
        for what in order:
            if what == "build":
                store = work / f"store-1x-{r}"
                builds.append(run_build(corpus, store))
                log(f"build 1x #{r + 1}: {builds[-1]['seconds']:.2f} s")
            else:
                refs.append(run_child("bench.spacy_ref", ["--corpus", str(corpus)]))
                log(f"spaCy pass #{r + 1}: {refs[-1]['seconds']:.2f} s")
    build_s = median([b["seconds"] for b in builds])
    spacy_s = median([s["seconds"] for s in refs])
    build_cpu = median([b["cpu_seconds"] for b in builds])
    spacy_cpu = median([s["cpu_seconds"] for s in refs])
    metrics: dict[str, Any] = {
        "build_ratio": build_s / spacy_s,
        "build_cpu_ratio": build_cpu / spacy_cpu,
        "build_seconds_1x": build_s,
        "build_cpu_seconds_1x": build_cpu,
        "spacy_seconds_1x": spacy_s,
        "spacy_cpu_seconds_1x": spacy_cpu,
        "spacy_load_seconds": median([s["load_seconds"] for s in refs]),
        "words_1x": words,
        "build_words_per_s_1x": words / build_s,
        "spacy_words_per_s": refs[0]["words"] / spacy_s,
        "peak_rss_mb_1x": max(b["peak_rss_mb"] for b in builds),
        "triples_1x": builds[-1]["triples"],
        "articles_1x": builds[-1]["articles"],
        "duties_1x": builds[-1]["duties"],
        "build_stage_seconds_1x": stage_medians(builds),
        "build_samples_1x": [round(b["seconds"], 3) for b in builds],
        "cached_sources_1x": sum(b.get("cached_sources", 0) for b in builds),
        "spacy_samples_1x": [round(s["seconds"], 3) for s in refs],
    }
    if profile_top:
        log("build 1x under cProfile")
        prof = run_build(corpus, work / "store-1x-profile", profile=profile_top)
        metrics["profile_1x"] = prof.get("profile", [])
        metrics["profile_build_seconds_1x"] = prof["seconds"]
    return BuildResult(metrics, builds, store)
