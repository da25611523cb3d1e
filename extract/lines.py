"""Stage 1 of structure recognition: cut the text into classified segments.

Reads: the NFC text.  Writes: a list of :class:`Segment` — one per line, or
more when an article heading starts in the middle of a line — each with the
mark that the patterns in :mod:`extract.patterns.structure` give it.  No tree
is built here; :mod:`extract.structure` does that from the marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from extract.patterns import structure as P
from extract.patterns.structure import ORDINAL_WORDS

_LEADING_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]*")


class Mark(StrEnum):
    BLANK = "blank"
    ARTICLE = "article"
    STRUCTURE = "structure"
    PARAGRAPH = "paragraph"
    NUMERAL = "numeral"
    LITERAL = "literal"
    BULLET = "bullet"
    NOTE = "note"
    ENACTING = "enacting"
    CLOSING = "closing"
    MASTHEAD = "masthead"
    TITLE = "title"
    QUOTED_SOURCE = "quoted_source"
    TEXT = "text"


@dataclass(slots=True)
class Segment:
    start: int  # first character of the segment (line start or inline heading)
    end: int  # end of the segment's text, excluding the newline
    content: int  # first non-blank character
    mark: Mark
    number: str | None = None
    raw_number: str | None = None
    keyword: str | None = None
    body_start: int | None = None  # after the heading's separator
    heading: str | None = None  # inline heading (structure title, run-in epígrafe)
    heading_span: tuple[int, int] | None = None
    strong: bool = False  # a masthead line that is unambiguous anywhere

    def text(self, source: str) -> str:
        return source[self.content : self.end]


_STRONG_MASTHEAD = re.compile(
    r"GACETA\ (?:MUNICIPAL|OFICIAL|LEGISLATIVA)\s*$|(?i:a[ñn]o\ edici[oó]n|.*dep[oó]sito\ legal|fundada\ por\ decreto"
    r"|.*\bgaceta\ (?:extraordinaria|ordinaria)\b)",
    re.VERBOSE,
)


def normalise_number(num: str, *, letter: str | None = None, latin: str | None = None, trans: str | None = None) -> str:
    """Canonical article number: no leading zeros or ordinal marks; '378-A'; '12 bis'."""
    word = num.lower()
    if word in ORDINAL_WORDS:
        value = ORDINAL_WORDS[word]
    elif word in ("...", "…"):
        value = "..."
    elif word.isdigit():
        value = str(int(word))
    else:
        value = word.replace("ú", "u")
    if letter:
        value += f"-{letter.upper()}"
    if latin:
        value += f" {latin.lower().replace('á', 'a')}"
    if trans:
        value += " transitorio" if value != "transitorio" else ""
    return value


def roman_to_int(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        if ch not in values:
            return None
        val = values[ch]
        total = total - val if val < prev else total + val
        prev = max(prev, val)
    return total


def _structure_number(num: str) -> str:
    if num.isdigit():
        return str(int(num))
    roman = roman_to_int(num)
    if roman is not None and num.isupper():
        return str(roman)
    return normalise_number(num)


def segment(text: str) -> list[Segment]:
    """Cut ``text`` into classified segments covering every line."""
    out: list[Segment] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        _split_line(text, pos, line_end, out)
        if nl < 0:
            break
        pos = nl + 1
    return out


def _split_line(text: str, start: int, end: int, out: list[Segment]) -> None:
    """Classify one line, cutting it where an article heading starts mid-line."""
    cuts = [start]
    if end - start > 20 and ("ART" in text[start:end] or "Art" in text[start:end]):
        for m in P.ARTICLE_INLINE.finditer(text, start, end):
            head = m.start("head")
            if head > cuts[-1]:
                cuts.append(head)
    for i, seg_start in enumerate(cuts):
        seg_end = cuts[i + 1] if i + 1 < len(cuts) else end
        # the text before an inline heading keeps its trailing spaces
        out.append(_classify(text, seg_start, seg_end))


def _classify(text: str, start: int, end: int) -> Segment:
    content = _LEADING_SPACE.match(text, start, end).end()  # type: ignore[union-attr]
    if content >= end:
        return Segment(start, end, end, Mark.BLANK)
    line = text[content:end]

    head_at = content + 1 if text[content] in "\"“«'" else content  # a quoted article: "ARTÍCULO 12°.- …
    m = P.ARTICLE_HEAD.match(text, head_at, end)
    if m and (head_at == content or m["sep"]):
        number = normalise_number(m["num"], letter=m["letter"], latin=m["latin"], trans=m["trans"])
        raw = text[m.start("num") : (m.end("sep") if m["sep"] else m.end("num"))].strip()
        body = m.end()
        while body < end and text[body] in " \t\u00a0":
            body += 1
        seg = Segment(start, end, content, Mark.ARTICLE, number=number, raw_number=raw, keyword=m["kw"], body_start=body)
        _inline_epigraph(text, seg, end)
        return seg
    m = P.STRUCTURE_HEAD.match(text, content, end)
    if m and len(line) < 200:
        seg = Segment(
            start, end, content, Mark.STRUCTURE, number=_structure_number(m["num"]), raw_number=m["num"],
            keyword=_structure_kind(m["kw"]), body_start=end,
        )
        if m["title"]:
            seg.heading = " ".join(m["title"].split())
            seg.heading_span = (m.start("title"), m.end("title"))
        return seg
    m = P.PARAGRAPH_HEAD.match(text, content, end)
    if m:
        return Segment(start, end, content, Mark.PARAGRAPH, number=normalise_number(m["num"]),
                       raw_number=m["num"], keyword="paragrafo", body_start=m.end())
    m = P.NUMERAL_HEAD.match(text, content, end)
    if m:
        return Segment(start, end, content, Mark.NUMERAL, number=str(int(m["num"])),
                       raw_number=text[m.start("num") : m.end("mark")], body_start=m.end())
    m = P.LITERAL_HEAD.match(text, content, end)
    if m:
        return Segment(start, end, content, Mark.LITERAL, number=m["let"],
                       raw_number=text[m.start("let") : m.end("mark")], body_start=m.end())
    m = P.NOTE_HEAD.match(text, content, end)
    if m:
        return Segment(start, end, content, Mark.NOTE, body_start=m.end())
    if P.CLOSING_FORMULA.match(text, content, end):
        return Segment(start, end, content, Mark.CLOSING)
    if P.QUOTED_SOURCE_LINE.match(text, content, end):
        return Segment(start, end, content, Mark.QUOTED_SOURCE)
    if len(line) < 400 and P.INSTRUMENT_TITLE.match(text, content, end):
        return Segment(start, end, content, Mark.TITLE)
    if P.ENACTING_FORMULA.match(text, content, end):
        return Segment(start, end, content, Mark.ENACTING)
    if len(line) < 200 and P.MASTHEAD_LINE.match(text, content, end):
        return Segment(start, end, content, Mark.MASTHEAD, strong=bool(_STRONG_MASTHEAD.match(line)))
    m = P.BULLET_HEAD.match(text, content, end)
    if m:
        return Segment(start, end, content, Mark.BULLET, body_start=m.end())
    return Segment(start, end, content, Mark.TEXT)


def _structure_kind(keyword: str) -> str:
    k = keyword.lower()
    if k.startswith("t"):
        return "titulo"
    if k.startswith("c"):
        return "capitulo"
    if k.startswith("s"):
        return "seccion"
    return "libro"


_INLINE_EPIGRAPH = re.compile(r"([A-ZÁÉÍÓÚÑ][^.\n:]{1,60}?)\.[-–—][ \t\u00a0]*(?=[A-ZÁÉÍÓÚÑ¿«“\"])")


def _inline_epigraph(text: str, seg: Segment, end: int) -> None:
    """'Art. 5.- Objeto.- La presente…': a short heading run into the line."""
    assert seg.body_start is not None
    m = _INLINE_EPIGRAPH.match(text, seg.body_start, end)
    if m and len(m.group(1).split()) <= 8:
        seg.heading = " ".join(m.group(1).split())
        seg.heading_span = (m.start(1), m.end(1))
        seg.body_start = m.end()


def is_heading_like(text: str) -> bool:
    """A short line that can be an epígrafe or a structure title."""
    t = text.strip()
    if not t or len(t) > 90 or t[-1] in ".,;:" or not (t[0].isupper() or t[0] in "¿«\""):
        return False
    return len(t.split()) <= 10
