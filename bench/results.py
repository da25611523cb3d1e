"""The results file other tools read, its schema, and the table printed and put in README.md.

``bench/results.json`` holds the headline figures at top level (numbers, or
null when a figure was skipped, with the reason under ``skipped``), every other
measurement under ``details``, and how/when under ``meta``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

README_BEGIN = "<!-- bench:table:begin -->"
README_END = "<!-- bench:table:end -->"


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    goal: str  # "<=" or ">=" or "<"
    bound: float
    unit: str = ""

    def met(self, value: float | None) -> bool | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        if self.goal == "<=":
            return value <= self.bound
        if self.goal == "<":
            return value < self.bound
        return value >= self.bound


#: The headline figures (issue 8) and their targets; every one is a top-level key of results.json.
TARGETS = (
    Target("build_ratio", "build ÷ bare spaCy pass (1×)", "<=", 1.0),
    Target("scale_cost_per_word_ratio", "build time per word, 10× ÷ 1×", "<=", 1.2),
    Target("peak_rss_mb_10x", "peak RSS of the 10× build", "<", 2048, " MiB"),
    Target("load_vs_raw_ratio", "publish ÷ raw bulk_extend, triples/s (10×)", ">=", 0.5),
    Target("responsible_p95_ms_1x", "who-is-responsible p95 (1×)", "<=", 50, " ms"),
    Target("responsible_p95_ms_10x", "who-is-responsible p95 (10×)", "<=", 50, " ms"),
    Target("article_p95_ms_1x", "article p95 (1×)", "<=", 50, " ms"),
    Target("article_p95_ms_10x", "article p95 (10×)", "<=", 50, " ms"),
    Target("api_vs_oxigraph_ratio", "article req/s, API ÷ Oxigraph server (1×)", ">=", 0.5),
)
REQUIRED = ("build_ratio", "api_vs_oxigraph_ratio", "responsible_p95_ms_1x", "responsible_p95_ms_10x",
            "scale_cost_per_word_ratio", "peak_rss_mb_10x")

#: Absolute values shown under the targets, for context.
CONTEXT = (
    ("build_seconds_1x", "build, seed corpus", " s"),
    ("spacy_seconds_1x", "bare spaCy pass (ner off, 1 process), same text", " s"),
    ("build_cpu_ratio", "build ÷ spaCy in CPU seconds", ""),
    ("words_1x", "words, seed corpus", ""),
    ("build_seconds_10x", "build, 10× corpus", " s"),
    ("words_10x", "words, 10× corpus", ""),
    ("scale_cpu_per_word_ratio", "CPU time per word, 10× ÷ 1×", ""),
    ("triples_10x", "triples, 10×", ""),
    ("publish_triples_per_s_10x", "publish, triples/s (10×)", ""),
    ("raw_bulk_triples_per_s_10x", "raw bulk_extend on disk, triples/s (10×)", ""),
    ("responsible_p50_ms_1x", "who-is-responsible p50 (1×)", " ms"),
    ("responsible_p50_ms_10x", "who-is-responsible p50 (10×)", " ms"),
    ("responsible_cold_ms_10x", "first who-is-responsible, index built (10×)", " ms"),
    ("article_p50_ms_1x", "article p50 (1×)", " ms"),
    ("article_p50_ms_10x", "article p50 (10×)", " ms"),
    ("article_errors_1x", "sampled articles the API answered 404 (1×)", ""),
    ("article_errors_10x", "sampled articles the API answered 404 (10×)", ""),
    ("api_article_rps_1x", "API article req/s (wrk, 32 conn., 1×)", ""),
    ("oxigraph_article_rps_1x", "Oxigraph server, article answers/s: its req/s ÷ queries per answer (1×)", ""),
    ("oxigraph_query_rps_1x", "Oxigraph server, SPARQL req/s (1×)", ""),
    ("sparql_queries_per_answer_1x", "SPARQL queries per article answer", ""),
    ("api_vs_oxigraph_ratio_10x", "article req/s, API ÷ Oxigraph server (10×)", ""),
    ("api_article_rps_10x", "API article req/s (wrk, 32 conn., 10×)", ""),
    ("oxigraph_article_rps_10x", "Oxigraph server, article answers/s (10×)", ""),
    ("api_vs_oxigraph_ratio_uncached_10x", "same, 10×, 6000 distinct articles (API cache no help)", ""),
    ("api_article_rps_uncached_10x", "API article req/s, distinct articles (10×)", ""),
    ("oxigraph_article_rps_uncached_10x", "Oxigraph answers/s, distinct articles (10×)", ""),
    ("responsible_cold_ms_1x", "first who-is-responsible, index built (1×)", " ms"),
    ("peak_rss_mb_1x", "peak RSS of the 1× build", " MiB"),
    ("bench_seconds", "whole benchmark run", " s"),
)


def assemble(flat: dict[str, Any], *, meta: dict[str, Any], skipped: dict[str, str]) -> dict[str, Any]:
    """Headline keys at top level, everything else under ``details``."""
    headline = {t.key for t in TARGETS} | set(REQUIRED)
    out: dict[str, Any] = {k: _num(flat.get(k)) for k in sorted(headline)}
    out["targets_met"] = {t.key: t.met(out[t.key]) for t in TARGETS}
    out["skipped"] = skipped
    out["details"] = {k: v for k, v in sorted(flat.items()) if k not in headline}
    out["meta"] = meta
    return out


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    f = float(value)
    return None if math.isnan(f) else f


def validate(results: dict[str, Any]) -> list[str]:
    """Problems with a results document (empty when it is well formed)."""
    problems = []
    for key in REQUIRED:
        if key not in results:
            problems.append(f"missing key {key}")
            continue
        value = results[key]
        if value is None:
            if key not in results.get("skipped", {}):
                problems.append(f"{key} is null without a reason under 'skipped'")
        elif not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
            problems.append(f"{key} is not a non-negative number: {value!r}")
    for section in ("details", "meta", "skipped", "targets_met"):
        if not isinstance(results.get(section), dict):
            problems.append(f"missing section {section}")
    return problems


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "skipped"
    if isinstance(value, float):
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    return text + unit


def table(results: dict[str, Any]) -> str:
    """Markdown: the targets, then context values, then where the build's time goes."""
    rows = ["| figure | value | target | met |", "|---|---|---|---|"]
    for t in TARGETS:
        value = results.get(t.key)
        met = t.met(value)
        rows.append(f"| {t.label} (`{t.key}`) | {_fmt(value, t.unit)} | {t.goal} {_fmt(float(t.bound), t.unit)} | "
                    f"{'—' if met is None else 'yes' if met else '**no**'} |")
    details = results.get("details", {})
    rows += ["", "| context | value |", "|---|---|"]
    for key, label, unit in CONTEXT:
        if key in details or key in results:
            rows.append(f"| {label} (`{key}`) | {_fmt(details.get(key, results.get(key)), unit)} |")
    for tag in ("1x", "10x"):
        stages = details.get(f"build_stage_seconds_{tag}")
        if stages:
            total = sum(stages.values()) or 1.0
            parts = ", ".join(f"{k} {v:.2f} s ({v / total:.0%})" for k, v in stages.items() if v)
            rows.append(f"| build stages {tag} (median) | {parts} |")
    return "\n".join(rows)


def write(results: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def update_readme(readme: Path, text: str) -> bool:
    """Replace what stands between the table markers of ``readme``; False when there are no markers."""
    if not readme.is_file():
        return False
    content = readme.read_text(encoding="utf-8")
    start, end = content.find(README_BEGIN), content.find(README_END)
    if start < 0 or end < start:
        return False
    readme.write_text(content[: start + len(README_BEGIN)] + "\n" + text + "\n" + content[end:], encoding="utf-8")
    return True
