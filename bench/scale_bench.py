"""Scale benchmark: build cost per word at N× vs 1×, peak RSS at N×, load vs raw bulk load.

1× and N× builds alternate (1× N× 1× N× …), each in its own child process;
the 1× builds of the build benchmark count as further 1× samples.  Each N×
build also times its publish against a bare ``Store.bulk_extend`` of the
very same quads on disk, alternating, in the same child.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.build_bench import run_build, stage_medians
from bench.common import log, median
from bench.scale import generate


@dataclass
class ScaleResult:
    metrics: dict[str, Any]
    store_dir: Path | None


def run(seeds: Path, work: Path, *, factor: int = 10, reps: int = 2, load_reps: int = 1,
        one_x: list[dict[str, Any]] | None = None, words_1x: int) -> ScaleResult:
    big = work / f"corpus-{factor}x"
    gen = generate(seeds, big, factor=factor)
    log(f"generated {len(gen.files)} files, {gen.words:,} words, {len(set(gen.municipalities))} municipalities")
    small_runs = list(one_x or [])
    big_runs: list[dict[str, Any]] = []
    store: Path | None = None
    for r in range(reps):
        small_runs.append(run_build(seeds, work / f"store-scale-1x-{r}"))
        log(f"build 1x (scale) #{r + 1}: {small_runs[-1]['seconds']:.2f} s")
        store = work / f"store-{factor}x-{r}"
        big_runs.append(run_build(big, store, load_reps=load_reps))
        log(f"build {factor}x #{r + 1}: {big_runs[-1]['seconds']:.2f} s, peak {big_runs[-1]['peak_rss_mb']:.0f} MiB")
    s1 = median([b["seconds"] for b in small_runs])
    sn = median([b["seconds"] for b in big_runs])
    c1 = median([b["cpu_seconds"] for b in small_runs])
    cn = median([b["cpu_seconds"] for b in big_runs])
    per_word_1 = s1 / words_1x
    per_word_n = sn / gen.words
    publish = [s for b in big_runs for s in b.get("publish_seconds", [])]
    raw = [s for b in big_runs for s in b.get("raw_load_seconds", [])]
    quads = big_runs[-1].get("load_quads", big_runs[-1]["triples"])
    tag = f"{factor}x"
    metrics: dict[str, Any] = {
        "scale_factor": factor,
        "scale_cost_per_word_ratio": per_word_n / per_word_1,
        "scale_cpu_per_word_ratio": (cn / gen.words) / (c1 / words_1x),
        f"peak_rss_mb_{tag}": max(b["peak_rss_mb"] for b in big_runs),
        f"build_seconds_{tag}": sn,
        f"build_cpu_seconds_{tag}": cn,
        f"words_{tag}": gen.words,
        "build_ms_per_kword_1x": 1e6 * per_word_1 / 1000,
        f"build_ms_per_kword_{tag}": 1e6 * per_word_n / 1000,
        f"triples_{tag}": big_runs[-1]["triples"],
        f"articles_{tag}": big_runs[-1]["articles"],
        f"duties_{tag}": big_runs[-1]["duties"],
        f"build_stage_seconds_{tag}": stage_medians(big_runs),
        f"build_samples_{tag}": [round(b["seconds"], 3) for b in big_runs],
        f"cached_sources_{tag}": sum(b.get("cached_sources", 0) for b in big_runs),
        "build_samples_1x_scale": [round(b["seconds"], 3) for b in small_runs],
        f"municipalities_{tag}": len(set(gen.municipalities)),
        f"verbatim_prose_line_share_{tag}": round(gen.identical_line_share, 3),
    }
    if publish and raw:
        publish_tps = quads / median(publish)
        raw_tps = quads / median(raw)
        metrics.update({
            "load_vs_raw_ratio": publish_tps / raw_tps,
            f"publish_triples_per_s_{tag}": publish_tps,
            f"raw_bulk_triples_per_s_{tag}": raw_tps,
            f"load_quads_{tag}": quads,
            "publish_samples": [round(s, 3) for s in publish],
            "raw_load_samples": [round(s, 3) for s in raw],
        })
    return ScaleResult(metrics, store)
