"""Test helpers: find reform instruments, their articles and printed full texts in the seeds.

Deliberately simple regexes (no dependency on extract.structure): a reform
article is an "ARTICULO n" line whose n is the next expected number, so the
articles quoted inside an amending article (numbered 10, 15, …) are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold" / "amendments"

_MONTHS = {m: i for i, m in enumerate(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), 1)}
_LABEL = re.compile(r"(?im)^[^\S\n]*(?:ART[ÍI]CULO|Art[íi]culo)[^\S\n]+0*(\d+)[^\S\n]*(?:\.[^\S\n]*-|:|\.|-)?")
_PRINTED_LABEL = re.compile(r"(?im)^[^\S\n]*(?:ART[ÍI]CULO|Art[íi]culo)[^\S\n]+0*(\d+)")
_ANY_LABEL = re.compile(r"(?im)^[^\S\n]*(?:ART[ÍI]CULO|Art[íi]culo|Art\.)[^\S\n]*0*\d+")
_END = re.compile(r"(?im)^[^\S\n]*(?:Dad[oa],?[^\S\n]+firmad[oa]|República Bolivariana de Venezuela,|Publíquese)")


def seed_text(prefix: str) -> str:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class ReformInstrument:
    title: str
    gaceta: str
    date: str
    start: int
    end: int
    articles: list[tuple[str, int, int]]  # (number, start, end)
    printed: list[tuple[str, str]]  # printed full text that follows: (number, text)


def _articles(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int]] = []
    for m in _LABEL.finditer(text, start, end):
        if int(m.group(1)) == len(found) + 1:
            found.append((m.group(1), m.start()))
    return [(n, s, found[i + 1][1] if i + 1 < len(found) else end) for i, (n, s) in enumerate(found)]


def _trim(body: str) -> str:
    """Drop trailing heading lines (chapter titles, epígrafes) printed before the next article."""
    lines = body.rstrip().split("\n")
    while len(lines) > 1:
        last = lines[-1].strip()
        if re.match(r"(?:\d{1,3}|[a-z])[.)-]|[•–-]", last):  # a list item belongs to the article
            break
        shouting = last.upper() == last and any(c.isalpha() for c in last)
        if last and not shouting and (len(last) >= 80 or last.endswith((".", ";", ":", ","))):
            break
        lines.pop()
    return "\n".join(lines).strip()


def printed_articles(text: str, start: int) -> list[tuple[str, str]]:
    """Articles of the full text printed after a reform, up to its closing formula."""
    first = next(m for m in _PRINTED_LABEL.finditer(text, start) if m.group(1).lstrip("0") == "1")
    stop = _END.search(text, first.start())
    end = stop.start() if stop else len(text)
    heads = [m for m in _PRINTED_LABEL.finditer(text, first.start(), end)]
    return [(m.group(1), _trim(text[m.start() : heads[i + 1].start() if i + 1 < len(heads) else end]))
            for i, m in enumerate(heads)]


def reform_instruments(text: str) -> list[ReformInstrument]:
    out = []
    for m in re.finditer(r"sanciona la siguiente:\s*\n\s*(REFORMA PARCIAL[^\n]*)", text):
        start = m.start(1)
        first = _LABEL.search(text, start)
        assert first is not None
        title = " ".join(text[start : first.start()].split()).rstrip(".")
        end_m = _END.search(text, first.start())
        end = end_m.start() if end_m else len(text)
        gac = list(re.finditer(r"Gaceta Extraordinaria[^\S\n]+N[oº°]\.?[^\S\n]+(\d+)", text[:start]))[-1]
        d = re.search(r"Ciudad Bolívar,\s+(\d{1,2}) de (\w+)(?: de)? (\d{4})", text[gac.end() : start])
        assert d is not None
        iso = f"{d.group(3)}-{_MONTHS[d.group(2).lower()]:02d}-{int(d.group(1)):02d}"
        out.append(ReformInstrument(title, gac.group(1), iso, start, end, _articles(text, first.start(), end),
                                    printed_articles(text, end)))
    return out


def article_chunks(text: str) -> list[tuple[int, int]]:
    """Every span between article headings (and the text before the first): for precision checks."""
    heads = [m.start() for m in _ANY_LABEL.finditer(text)]
    bounds = [0, *heads, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
