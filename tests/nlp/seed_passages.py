"""A simple splitter that turns the seed texts into passages (test/bench helper).

It stands in for the structural parser: paragraphs are passages; numbered lines
("1.", "1.-", "1o.-", "a)", bullets) are list items under the nearest
preceding line ending in ":" (until the next article or chapter heading).
Lines right after such a header that open with a capitalised verb ("Dirigir,
coordinar ...") are items too: some pages list functions without numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from extract.nlp import Passage

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold" / "facts"

ITEM = re.compile(r"^\s*(?:\d{1,3}(?:\s*[.º°o)]|\.-|-|o\.-|a\.-)+-?|[a-zñ]\s*\)|[•·❖\-–]\s*(?:❖\s*)?)\s*", re.I)
HEADING = re.compile(r"^\s*(?:art[íi]culo|art\.|cap[íi]tulo|t[íi]tulo|secci[óo]n|par[áa]grafo|disposici[óo]n)\b", re.I)
VERB_START = re.compile(r"^[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:ar|er|ir)(?:se)?\b")


def source_ids() -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.txt"))


def jurisdictions() -> dict[str, str]:
    """Source id -> jurisdiction, read from the gold organs (no seed names in code)."""
    path = GOLD / "organs.json"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for organ in json.loads(path.read_text(encoding="utf-8")):
        out.setdefault(organ["source"], organ["jurisdiction"])
    return out


def split(text: str, source: str, jurisdiction: str) -> list[Passage]:
    passages: list[Passage] = []
    header: tuple[str, int] | None = None
    in_list = False  # the previous unit was the header or an item
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        body = line.strip()
        if not body:
            continue
        begin = start + len(line) - len(line.lstrip())
        key = f"{source}#{len(passages)}"
        if HEADING.match(body) and not body.endswith(":"):
            header = None  # a new article closes the list
        is_item = bool(ITEM.match(body)) and not HEADING.match(body)
        if not is_item and in_list and header is not None and VERB_START.match(body) and not body.endswith(":"):
            is_item = True
        if is_item and header is not None:
            passages.append(Passage(key, body, begin, header[0], header[1], jurisdiction))
            in_list = True
            continue
        passages.append(Passage(key, body, begin, None, None, jurisdiction))
        in_list = body.endswith(":")
        if body.endswith(":"):
            header = (body, begin)
    return passages


def seed_passages() -> dict[str, list[Passage]]:
    """Passages of every seed file, keyed by source id."""
    jur = jurisdictions()
    out = {}
    for sid in source_ids():
        text = (CORPUS / f"{sid}.txt").read_text(encoding="utf-8")
        out[sid] = split(text, sid, jur.get(sid, "xx"))
    return out


def seed_texts() -> dict[str, str]:
    return {sid: (CORPUS / f"{sid}.txt").read_text(encoding="utf-8") for sid in source_ids()}
