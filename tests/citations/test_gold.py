"""find_citations against hand-annotated gold lines of the seed corpus.

A gold citation counts as found when a found citation overlaps its quote and
has the same articles, work key and relative kind. Precision is measured over
every citation found on the gold lines (every citation on those lines is
annotated, see the gold file's notes).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extract.citations import Citation, find_citations, parse_work, work_key

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests/gold/citations/citations.json").read_text(encoding="utf-8"))["citations"]

#: Measured: on the 109 tuned-on citations, precision 0.944 / recall 0.927 before the grammar was fitted to them;
#: after fitting, all 159 at 1.000 / 0.994 and the 50 held-out ones (sampled and annotated afterwards, never tuned
#: on) at 1.000 / 0.980. The floors leave room for a few regressions; below them the grammar lost a seed form.
PRECISION_FLOOR = 0.93
RECALL_FLOOR = 0.90


@lru_cache(maxsize=None)
def _lines(stem: str) -> tuple[str, ...]:
    return tuple((ROOT / "corpus" / f"{stem}.txt").read_text(encoding="utf-8").split("\n"))


def _gold_key(g: dict[str, Any]) -> str | None:
    if g["work"] is None:
        return None
    ref = parse_work(g["work"])
    assert ref is not None, g["work"]
    return work_key(ref)


def _found_key(c: Citation) -> str | None:
    return work_key(c.work_ref) if c.work_ref is not None else None


def _gold_sub(g: dict[str, Any]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for name, value in (g["sub"] or {}).items():
        for v in value if isinstance(value, list) else [value]:
            pairs.add((name, v))
    return pairs


def _found_sub(c: Citation) -> set[tuple[str, str]]:
    return {pair for p in c.parts for pair in p.sub().items()}


def _quote_start(line: str, g: dict[str, Any]) -> int:
    start = -1
    for _ in range(g.get("occurrence", 1)):
        start = line.index(g["quote"], start + 1)
    return start


def _same(g: dict[str, Any], c: Citation, start: int) -> bool:
    end = start + len(g["quote"])
    return (
        c.start < end
        and start < c.end
        and c.articles == g["articles"]
        and _found_key(c) == _gold_key(g)
        and c.relative == g["relative"]
        and c.internal == g["internal"]
    )


def _evaluate(gold: list[dict[str, Any]]) -> dict[str, Any]:
    by_line: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for g in gold:
        by_line.setdefault((g["source"], g["line"]), []).append(g)
    found_total = matched_found = matched_gold = sub_ok = 0
    misses: list[str] = []
    extras: list[str] = []
    for (stem, line_no), golds in by_line.items():
        line = _lines(stem)[line_no - 1]
        found = find_citations(line)
        found_total += len(found)
        used: set[int] = set()
        for g in golds:
            start = _quote_start(line, g)
            hit = next((i for i, c in enumerate(found) if i not in used and _same(g, c, start)), None)
            if hit is None:
                misses.append(f"{stem[:3]}:{line_no} {g['quote']!r}")
                continue
            used.add(hit)
            matched_gold += 1
            sub_ok += _found_sub(found[hit]) == _gold_sub(g)
        matched_found += len(used)
        extras += [f"{stem[:3]}:{line_no} {c.text!r}" for i, c in enumerate(found) if i not in used]
    return {
        "precision": matched_found / found_total,
        "recall": matched_gold / len(gold),
        "sub_accuracy": sub_ok / matched_gold,
        "misses": misses,
        "extras": extras,
    }


def test_gold_is_well_formed() -> None:
    assert len(GOLD) >= 40
    assert any(g["internal"] for g in GOLD) and any(not g["internal"] for g in GOLD)
    for g in GOLD:
        assert _lines(g["source"])[g["line"] - 1].count(g["quote"]) >= g.get("occurrence", 1), g
        assert g["relative"] in (None, "previous", "next", "self")
        assert g["internal"] == (g["work"] is None), g


@pytest.mark.parametrize("subset", ["all", "heldout"])
def test_precision_and_recall_over_gold_lines(subset: str, capsys: pytest.CaptureFixture[str]) -> None:
    gold = GOLD if subset == "all" else [g for g in GOLD if g.get("set") == "heldout"]
    result = _evaluate(gold)
    with capsys.disabled():
        print(
            f"\ncitations gold ({subset}): precision={result['precision']:.3f} recall={result['recall']:.3f} "
            f"sub-parts={result['sub_accuracy']:.3f} (n={len(gold)})"
        )
        for miss in result["misses"]:
            print("  missed:", miss)
        for extra in result["extras"]:
            print("  extra: ", extra)
    assert result["precision"] >= PRECISION_FLOOR
    assert result["recall"] >= RECALL_FLOOR
    assert result["sub_accuracy"] >= 0.95


def test_offsets_point_into_the_source() -> None:
    stem = "001_9436064a5e1ddc25"
    text = "\n".join(_lines(stem))
    start = text.index("ARTICULO 04: Los Ejidos")
    end = text.index("\n", start)
    for c in find_citations(text[start:end], offset=start):
        assert text[c.start : c.end] == c.text
