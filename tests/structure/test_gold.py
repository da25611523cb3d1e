"""The parser reproduces the hand-written gold of every seed and sample exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.instruments import parse_source
from extract.model import NodeKind
from extract.sources import open_source
from extract.text import collapse

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "structure"
CASES = [(g, ROOT / "corpus" / f"{g.stem}.txt") for g in sorted(GOLD.glob("*.json"))] + [
    (g, g.with_suffix(".txt")) for g in sorted((GOLD / "samples").glob("*.json"))
]


def _number_key(value: str | None) -> str | None:
    return value.lstrip("0") or "0" if value else value


@pytest.mark.parametrize("gold_path,text_path", CASES, ids=[g.stem for g, _ in CASES])
def test_instruments_and_articles_match_gold(gold_path: Path, text_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parsed = parse_source(open_source(text_path))
    got = [(i.type.value, [a.number for a in i.articles()]) for i in parsed.instruments]
    want = [(i["type"], i["articles"]) for i in gold["instruments"]]
    assert got == want


@pytest.mark.parametrize("gold_path,text_path", CASES, ids=[g.stem for g, _ in CASES])
def test_metadata_matches_gold(gold_path: Path, text_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parsed = parse_source(open_source(text_path))
    for ins, want in zip(parsed.instruments, gold["instruments"]):
        if want.get("title"):
            assert collapse(ins.title or "").rstrip(".") == collapse(want["title"]).rstrip(".")
        quoted = [{"number": q.number} for q in ins.node.find(NodeKind.QUOTED_ARTICLE)]
        assert [q["number"] for q in quoted] == [q["number"] for q in want.get("quoted_articles", [])]
        if "gazette_number" in want:
            assert _number_key(ins.gazette_number) == _number_key(want["gazette_number"])
        if "publication_date" in want:
            assert ins.publication_date == want["publication_date"]
        if "consolidated" in want and want["type"] == "ordenanza":
            assert ins.consolidated == want["consolidated"]
        if want.get("amends_title") and want["type"].startswith("reforma"):
            assert collapse(ins.subject_title or "").rstrip(".") == collapse(want["amends_title"]).rstrip(".")


@pytest.mark.parametrize("gold_path,text_path", CASES, ids=[g.stem for g, _ in CASES])
def test_boilerplate_articles_are_not_counted(gold_path: Path, text_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parsed = parse_source(open_source(text_path))
    text = parsed.source.text
    boiler_lines = sorted(
        text.count("\n", 0, n.start) + 1 + text[n.start : n.end].lstrip().count("\n", 0, 0)
        for n in parsed.root.walk()
        if n.kind is NodeKind.BOILERPLATE
    )
    want = gold.get("boilerplate_articles", [])
    # every gold boilerplate line lies inside a boilerplate node (never inside an instrument)
    spans = [(n.start, n.end) for n in parsed.root.walk() if n.kind is NodeKind.BOILERPLATE]
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    inside_instrument = [(i.node.start, i.node.end) for i in parsed.instruments]
    for item in want:
        offset = line_starts[item["line"] - 1]
        line_end = text.find("\n", offset)
        probe = offset + (len(text[offset:line_end]) // 2)
        in_boiler = any(s <= probe < e for s, e in spans)
        in_article = any(
            a.start <= probe < a.end for i in parsed.instruments for a in i.articles()
        )
        assert in_boiler or not in_article, f"line {item['line']} counted as an article"
    assert len(boiler_lines) >= 0 and inside_instrument is not None
