"""Each reform of corpus/001 applied without its base (not in the corpus), checked against the gold,
and cross-checked against the full text printed after it in the same Gaceta."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from amend_seed import GOLD, reform_instruments, seed_text

from extract.amendments import read_operations
from extract.consolidate import Consolidation, Reform, consolidate, cross_check, current, normalise_text

EXPECTED = json.loads((GOLD / "expected_articles.json").read_text(encoding="utf-8"))["articles"]
DISCREPANCIES = json.loads((GOLD / "expected_discrepancies.json").read_text(encoding="utf-8"))


def _run() -> dict[str, tuple[Consolidation, list[tuple[str, str]]]]:
    text = seed_text("001")
    out = {}
    for ins in reform_instruments(text):
        ops = [(n, op) for n, s, e in ins.articles for op in read_operations(text[s:e], offset=s)]
        out[ins.gaceta] = (consolidate(None, [Reform(f"gaceta-{ins.gaceta}", date.fromisoformat(ins.date), ops)]),
                           ins.printed)
    return out


RUNS = _run()


def _find(c: Consolidation, row: dict[str, Any]) -> Any:
    for h in c.articles:
        first = h.versions[0]
        if row["origin"] == "inserted" and h.origin == "inserted" and first.reform_article == row["introduced_by_article"]:
            return h
        if row["origin"] != "inserted" and h.origin == row["origin"] and first.number == row["from_number"]:
            return h
    raise AssertionError(f"no history for {row}")


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: f"{r['gaceta']}-{r['from_number'] or 'new'}→{r['current_number']}")
def test_expected_current_articles(row: dict[str, Any]) -> None:
    c, _printed = RUNS[row["gaceta"]]
    v = current(_find(c, row))
    assert v is not None
    assert (v.number, v.status.value) == (row["current_number"], row["status"])
    got = normalise_text(v.text)[:60] if v.text else None
    assert got == row["text_starts"]
    if row["text_starts"] is None and row["status"] == "unknown":
        assert v.reason == row["reason"]
    if row["status"] != "unknown":
        assert (v.introduced_by, v.reform_article) == (f"gaceta-{row['gaceta']}", row["introduced_by_article"])


def test_gold_covers_the_required_cases() -> None:
    statuses = {r["status"] for r in EXPECTED}
    assert len(EXPECTED) >= 20 and {"in_force", "repealed", "unknown"} <= statuses
    assert any(r["origin"] == "inserted" for r in EXPECTED)
    assert any(r["from_number"] and r["from_number"] != r["current_number"] for r in EXPECTED)
    assert any(r["printed_agrees"] is False for r in EXPECTED)


@pytest.mark.parametrize("gaceta", sorted(RUNS))
def test_cross_check_finds_exactly_the_expected_discrepancies(gaceta: str) -> None:
    c, printed = RUNS[gaceta]
    got = sorted((d.kind, d.severity, d.printed_number or "") for d in cross_check(c, printed))
    want = sorted((d["kind"], d["severity"], d["printed_number"]) for d in DISCREPANCIES["discrepancies"]
                  if d["gaceta"] == gaceta)
    assert got == want


def test_printed_agreement_matches_cross_check() -> None:
    for row in EXPECTED:
        if row["printed_agrees"] is None:
            continue
        c, printed = RUNS[row["gaceta"]]
        flagged = {d.printed_number for d in cross_check(c, printed) if d.kind != "term_not_applied"}
        assert (row["current_number"] not in flagged) == row["printed_agrees"], row
