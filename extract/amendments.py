"""Amending instructions and editorial notes → typed operations.

Two readers over plain text, independent of the structural parser:

* :func:`read_operations` reads one amending article ("ARTICULO 1.- Se modifica
  el Artículo 10 …, el cual en lo sucesivo será del siguiente tenor: …") and
  returns AKN ``textualMod``-style :class:`Operation` values with spans into
  the source and the quoted new text exactly as printed.
* :func:`read_notes` reads editorial notes of consolidated texts ("Nota:
  Artículo reformado por Ley No. 104, publicado en Registro Oficial 315 de 26
  de Agosto de 1982.") into :class:`AmendmentNote` values.  Such notes never
  carry the old text, so consolidation can date a change but not show it.

The language itself lives in ``extract/patterns/amendments.json``; this module
only walks the text, picks the earliest pattern and reads details.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from extract.patterns.amendment_patterns import AmendmentPattern, load, part


class OperationKind(StrEnum):
    """Kinds of modification, named after AKN ``textualMod`` types."""

    SUBSTITUTION = "substitution"
    REPEAL = "repeal"
    INSERTION = "insertion"
    RENUMBERING = "renumbering"
    TERM_SUBSTITUTION = "termSubstitution"
    RENUMBER_ALL = "renumberAll"
    UNKNOWN = "unknown"


@dataclass(slots=True)
class Operation:
    """One amending instruction read from an amending article.

    ``targets`` are article numbers in the numbering of the amended text
    *before* the reform, normalised like the parser does ("10", "378-A",
    "12 bis").  ``new_text`` is the quoted text exactly as printed (NFC),
    quotes excluded; ``new_text_span`` points at it in the source.
    """

    kind: OperationKind
    targets: list[str]
    span: tuple[int, int]
    pattern: str
    confidence: float
    target_sub: tuple[str, str] | None = None  # ("numeral", "10"), ("inciso", "2"), ("literal", "b")
    position: tuple[str, str] | None = None  # ("after", "49") / ("before", "3")
    new_number: str | None = None
    new_text: str | None = None
    new_text_span: tuple[int, int] | None = None
    new_heading: str | None = None
    term_from: str | None = None
    term_to: str | None = None
    amended_work_hint: str | None = None
    whole_work: bool = False  # the instruction repeals the whole amended work
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AmendmentNote:
    """An editorial note of a consolidated text, dating a change it does not show."""

    kind: OperationKind
    scope: str  # article | title_and_article | literal | inciso | numeral | ... | document | other
    span: tuple[int, int]
    text: str
    pattern: str
    verb: str | None = None  # as printed, lower case without accents: "reformado", "sustituido", ...
    article: str | None = None  # article the note sits in (nearest preceding heading)
    sub: tuple[str, str] | None = None  # ("literal", "d") for "d) Nota: Literal suprimido."
    which: str | None = None  # words between scope and verb: "segundo y tercero"
    instrument: str | None = None  # "Ley No. 104", "Ley de Control Constitucional"
    instrument_type: str | None = None
    instrument_number: str | None = None
    instrument_provision: str | None = None  # "Art. 30", "Disposición Transitoria Primera"
    gazette: str | None = None  # "Registro Oficial"
    gazette_number: str | None = None
    gazette_supplement: bool = False
    date: str | None = None  # ISO
    terms: list[tuple[str | None, str]] = field(default_factory=list)
    old_text_available: bool = False  # notes never print the replaced text
    confidence: float = 0.9
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- numbers

_ORDINALS = {
    "primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3,
    "tercera": 3, "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6,
    "sexta": 6, "septimo": 7, "septima": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9,
    "decimo": 10, "decima": 10, "undecimo": 11, "undecima": 11, "duodecimo": 12,
    "duodecima": 12, "vigesimo": 20, "vigesima": 20,
}
_NUMBER = re.compile(
    r"(?P<int>\d+)\s*(?:[°º]|o\.?(?![a-z])|\.[°º])?\s*(?:[-–]\s*(?P<letter>[a-z])(?![a-zñ]))?"
    r"\s*(?P<latin>bis|ter|qu[áa]ter|quinquies|sexies)?\b",
    re.IGNORECASE,
)


def _plain(s: str) -> str:
    """Lower case without accents (for dictionary look-ups only)."""
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def normalise_number(raw: str) -> str:
    """"05" → "5", "5°" → "5", "378-A" → "378-A", "9° bis" → "9 bis", "primero" → "1"."""
    s = " ".join(raw.split()).strip(" .:-–")
    m = _NUMBER.match(s)
    if m:
        out = str(int(m.group("int")))
        if m.group("letter"):
            out += "-" + m.group("letter").upper()
        if m.group("latin"):
            out += " " + _plain(m.group("latin"))
        return out
    words = _plain(s).split()
    if words and words[0] in ("unico", "unica"):
        return "único"
    if words and words[0] in _ORDINALS:
        value = _ORDINALS[words[0]]
        if value == 10 and len(words) > 1 and words[1] in _ORDINALS:
            value += _ORDINALS[words[1]]
        return str(value)
    return _plain(s)


_RANGE_SEP = re.compile(r"^\s*(?:del?\s+)?(?:al|a|hasta(?:\s+el)?)\s*$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _compiled(name: str) -> re.Pattern[str]:
    """Regexes composed here from named parts, compiled once."""
    if name == "ART_NUMLIST":
        return re.compile(part("ART") + r"[ \t\u00a0]+(" + part("NUMLIST") + ")", re.IGNORECASE)
    return re.compile(part(name), re.IGNORECASE)


def parse_number_list(raw: str) -> list[str]:
    """Numbers of a list or range: "31, 32 y 35" → 3 items; "del 31 al 35" → 31…35."""
    num = _compiled("NUM")
    found = [(m.start(), m.end(), normalise_number(m.group(0))) for m in num.finditer(raw)]
    out: list[str] = []
    for i, (start, _end, value) in enumerate(found):
        if i and _RANGE_SEP.match(raw[found[i - 1][1] : start]):
            lo, hi = out[-1], value
            if lo.isdigit() and hi.isdigit() and 0 < int(hi) - int(lo) <= 500:
                out.extend(str(k) for k in range(int(lo) + 1, int(hi) + 1))
                continue
        out.append(value)
    return out


_LABEL = re.compile(
    r"[ \t\u00a0]*(?:art[íi]culo|art\.?)[ \t\u00a0]*(?P<num>" + part("NUM") + r")"
    r"[ \t\u00a0]*(?:\.[ \t\u00a0]*[-–—]|:[ \t\u00a0]*[-–—]?|[-–—]|\.)?[ \t\u00a0]*",
    re.IGNORECASE,
)


def split_label(text: str) -> tuple[str | None, int]:
    """Number of a leading article heading ("ARTÍCULO 10.- ") and where the body starts."""
    m = _LABEL.match(text)
    if not m:
        return None, 0
    return normalise_number(m.group("num")), m.end()


# ---------------------------------------------------------------- quotes

_OPEN, _CLOSE = "“\"«‘'", "”\"»’'"


def unquote(raw: str) -> tuple[str, str]:
    """Strip one pair of quotes; state is "quoted", "unquoted" or "unbalanced"."""
    s = raw.strip().rstrip(",;").strip()
    opened, closed = s[:1] in _OPEN, len(s) > 1 and s[-1:] in _CLOSE
    if opened and closed:
        return s[1:-1].strip(), "quoted"
    if opened or closed:
        return s.lstrip(_OPEN).rstrip(_CLOSE).strip(), "unbalanced"
    return s.rstrip("."), "unquoted"


def _quoted_all(raw: str) -> list[str]:
    return [m.group(0) for m in _compiled("QUOTED").finditer(raw)]


# ---------------------------------------------------------------- operations

_END = re.compile(r":|\.(?=[ \t]*(?:\n|$)|\s+[A-ZÁÉÍÓÚÑ«“\"])|\n")
_MAX_INSTRUCTION = 600


def _instruction_end(text: str, pos: int) -> tuple[int, str]:
    """End of an instruction: after its colon or sentence end, or at the line end."""
    m = _END.search(text, pos, min(len(text), pos + _MAX_INSTRUCTION))
    if not m:
        return min(len(text), pos + _MAX_INSTRUCTION), ""
    if m.group(0) == "\n":
        return m.start(), "\n"
    return m.end(), m.group(0)


def _modifier(name: str, segment: str) -> re.Match[str] | None:
    return load().modifiers[name].regex.search(segment)


def _work_hint(segment: str) -> str | None:
    m = _modifier("work_hint", segment)
    return " ".join(m.group("work").split()).rstrip(" .") if m else None


def _sub(segment: str) -> tuple[str, str] | None:
    m = _modifier("target_sub", segment)
    if not m:
        return None
    label = _plain(m.group("sub"))
    label = label[:-2] if label.endswith("ales") else label.rstrip("s")  # numerales → numeral
    return label, normalise_number(m.group("subnum").rstrip(")"))


_ITEM = re.compile(r"\n[ \t\u00a0]*(?:(?:\d{1,3}|[a-zñ])[.)°º-]+[ \t\u00a0]*)", re.IGNORECASE)
_HEAD = re.compile(
    r"\n[ \t\u00a0]*(?:art[íi]culo|art\.)[ \t\u00a0]*\d{1,4}[^\n]{0,12}?(?:\.[ \t\u00a0]*[-–—]|:|\.|[-–—])[ \t\u00a0]*",
    re.IGNORECASE)


def _own_number(text: str, before: int) -> int | None:
    """Number of the amending article the instruction at ``before`` belongs to, if its heading is there."""
    heads = list(_HEAD.finditer("\n" + text[:before]))
    if not heads:
        return None
    label, _ = split_label(heads[-1].group(0).lstrip("\n"))
    return int(label) if label and label.isdigit() else None


def _next_instruction_line(text: str, pos: int, quoted: bool, own: int | None = None) -> int:
    """Where the new text that starts at ``pos`` ends: the next instruction, or the text end.

    The next instruction is a list item ("2) Agrégase …"), an article heading
    whose first words are an instruction ("ARTICULO 2.- Se reforma …"), or the
    heading of the next amending article (``own`` + 1, e.g. "ARTICULO 4.-
    Imprímase …").  Any other article heading is quoted new text and goes on.
    """
    ops = [p for p in load().operations if p.kind != OperationKind.UNKNOWN]
    cands = [(m.start(), m.end(), 0) for m in _ITEM.finditer(text, pos)]
    cands += [(m.start(), m.end(), 60) for m in _HEAD.finditer(text, pos)]
    for start, at, slack in sorted(cands):
        if quoted and not text[pos:start].rstrip().endswith(tuple(_CLOSE)):
            continue
        if slack and own is not None and text[pos:start].strip():
            label, _ = split_label(text[start:at].lstrip("\n"))
            if label == str(own + 1):
                return start
        for p in ops:
            m = p.regex.search(text, at, min(len(text), at + slack + 200))
            if m and m.start() - at <= slack:
                return start
    return len(text)


@dataclass(slots=True)
class _NewText:
    text: str | None = None
    span: tuple[int, int] | None = None
    heading: str | None = None
    warnings: list[str] = field(default_factory=list)


def _read_new_text(text: str, start: int, offset: int, own: int | None = None) -> _NewText:
    """The new text that follows an instruction: a quoted block or the rest of the article."""
    i = start
    while i < len(text) and text[i] in " \t\n\r\u00a0":
        i += 1
    if i >= len(text):
        return _NewText(warnings=["new text announced but not found"])
    quoted = text[i] in _OPEN
    end = _next_instruction_line(text, i, quoted, own)
    body_start, body_end = i, end
    warnings: list[str] = []
    if quoted:
        close = max(text.rfind(c, i + 1, end) for c in _CLOSE)
        if close > i:
            body_start, body_end = i + 1, close
        else:
            body_start = i + 1
            warnings.append("opening quote of the new text is never closed")
    while body_end > body_start and text[body_end - 1] in " \t\n\r\u00a0":
        body_end -= 1
    while body_start < body_end and text[body_start] in " \t\n\r\u00a0":
        body_start += 1
    if body_end <= body_start:
        return _NewText(warnings=["new text announced but empty"])
    new = unicodedata.normalize("NFC", text[body_start:body_end])
    heading = None
    first, _, rest = new.partition("\n")
    if rest and len(first) < 80 and not first.rstrip().endswith((".", ":", ";")) and split_label(rest.lstrip())[0]:
        heading = first.strip()
    return _NewText(new, (offset + body_start, offset + body_end), heading, warnings)


def _targets(m: re.Match[str]) -> list[str]:
    for group in ("targets", "targets2"):
        if group in m.re.groupindex and m.group(group):
            return parse_number_list(m.group(group))
    return []


def _term_ops(pat: AmendmentPattern, m: re.Match[str], offset: int) -> list[Operation]:
    raw_from, raw_to = m.group("from"), m.group("to")
    scope = " ".join(m.group(g) or "" for g in ("scope1", "scope2") if g in m.re.groupindex)
    art = _compiled("ART_NUMLIST").search(scope)
    targets = parse_number_list(art.group(1)) if art else []
    term_to, to_state = unquote(raw_to)
    froms = _quoted_all(raw_from)
    if len(froms) < 2:
        froms = [raw_from]
    ops = []
    for raw in froms:
        term_from, state = unquote(raw)
        warnings, conf = [], pat.confidence
        for which, st in (("replaced", state), ("replacement", to_state)):
            if st == "unbalanced":
                warnings.append(f"unbalanced quotes around the {which} term: its boundary is uncertain")
                conf -= 0.45
            elif st == "unquoted":
                warnings.append(f"{which} term printed without quotes: boundary read up to the connecting words")
                conf -= 0.1
        if not term_from or not term_to:
            continue
        ops.append(Operation(
            OperationKind.TERM_SUBSTITUTION, targets, (offset + m.start(), offset + m.end()), pat.name,
            round(max(conf, 0.05), 2), term_from=term_from, term_to=term_to,
            amended_work_hint=_work_hint(scope) if scope else None, warnings=warnings))
    return ops


def _build(pat: AmendmentPattern, m: re.Match[str], text: str, offset: int) -> tuple[list[Operation], int]:
    """Operations for one pattern match, and where reading resumes."""
    kind = OperationKind(pat.kind)
    if kind is OperationKind.TERM_SUBSTITUTION:
        return _term_ops(pat, m, offset), m.end()
    seg_end, terminator = _instruction_end(text, m.end())
    segment = text[m.start() : seg_end]
    span = (offset + m.start(), offset + seg_end)
    op = Operation(kind, _targets(m), span, pat.name, pat.confidence, amended_work_hint=_work_hint(segment))
    resume = seg_end
    if kind is OperationKind.RENUMBER_ALL:
        return [op], resume
    if kind is OperationKind.REPEAL:
        if "work" in m.re.groupindex:
            op.whole_work, op.amended_work_hint = True, " ".join(m.group("work").split()).rstrip(" .")
        else:
            op.target_sub = _sub(text[m.start() : m.end()])
        return [op], resume
    if kind is OperationKind.RENUMBERING:
        op.new_number = normalise_number(m.group("new"))
        return [op], resume
    if kind is OperationKind.UNKNOWN:
        art = _compiled("ART_NUMLIST").search(segment)
        op.targets = parse_number_list(art.group(1)) if art else []
        op.warnings.append("amending verb recognised but the instruction is not understood; not applied")
        return [op], resume
    # substitution or insertion: details, then the new text
    mod = _modifier("new_number_after", segment) or (
        _modifier("new_number_named", segment) if kind is OperationKind.INSERTION else None)
    op.new_number = normalise_number(mod.group("num")) if mod else None
    op.target_sub = _sub(segment)
    if kind is OperationKind.INSERTION:
        pos_m = _modifier("position_after", segment)
        before = _modifier("position_before", segment)
        if pos_m:
            op.position = ("after", normalise_number(pos_m.group("num")))
        elif before:
            op.position = ("before", normalise_number(before.group("num")))
        if op.target_sub:
            cleaned = segment[: pos_m.start()] + segment[pos_m.end() :] if pos_m else segment
            host = _modifier("sub_insert_article", cleaned)
            op.targets = [normalise_number(host.group("num"))] if host else []
    follows = text[seg_end:].lstrip(" \t\n\r\u00a0")
    wants_text = pat.takes_text and (
        terminator == ":" or bool(_modifier("text_intro", segment)) or follows[:1] in tuple(_OPEN))
    new = _read_new_text(text, seg_end, offset, _own_number(text, m.start())) if wants_text else _NewText()
    if new.text is not None and new.span is not None:
        op.new_text, op.new_text_span, op.new_heading = new.text, new.span, new.heading
        resume = new.span[1] - offset
        label, _ = split_label(new.text)
        if label and kind is OperationKind.INSERTION and op.new_number is None and not op.targets:
            op.new_number = label
        expected = op.new_number or (op.targets[0] if len(op.targets) == 1 else None)
        if label and expected and label != expected and not op.target_sub:
            op.warnings.append(f"quoted article is numbered {label}, instruction says {expected}")
            op.confidence -= 0.2
    op.warnings.extend(new.warnings)
    if kind is OperationKind.INSERTION and not (op.new_number or op.position or op.new_text or op.targets):
        return [], m.end()
    if op.new_text is None:
        if kind is OperationKind.SUBSTITUTION and op.new_number:
            op.kind = OperationKind.RENUMBERING
        elif kind is OperationKind.SUBSTITUTION:
            op.warnings.append("substitution without new text")
            op.confidence -= 0.4
    op.confidence = round(max(op.confidence, 0.05), 2)
    return [op], max(resume, m.end())


_HEADER = re.compile(r"(?im)^[^\n]*\b(?:modificaciones|reformas|t[ée]rminos)\b[^\n]*:[ \t]*$")


def _header_hint(text: str, before: int) -> str | None:
    """Work named by a list header ("Introdúcense las siguientes modificaciones en la Ley N° 18.695:")."""
    headers = list(_HEADER.finditer(text, 0, before))
    return _work_hint(headers[-1].group(0)) if headers else None


def read_operations(text: str, *, offset: int = 0) -> list[Operation]:
    """All amending operations in the text of one amending article.

    ``offset`` is where ``text`` starts in the source, so spans are source
    offsets.  Text that is not an amendment yields an empty list.  A whole
    amending instrument gives the same operations as its articles one by one
    (an article heading followed by an instruction ends the previous new text).
    """
    patterns = load().operations
    ops: list[Operation] = []
    pos = 0
    nxt: dict[int, re.Match[str] | None] = {}  # next match of each pattern at or after pos
    for _ in range(10_000):  # bound: every step advances pos
        best: tuple[int, int, re.Match[str]] | None = None
        for index, pat in enumerate(patterns):
            if index not in nxt or ((cached := nxt[index]) is not None and cached.start() < pos):
                nxt[index] = pat.regex.search(text, pos)
            m = nxt[index]
            if m and (best is None or (m.start(), index) < best[:2]):
                best = (m.start(), index, m)
        if best is None:
            break
        built, resume = _build(patterns[best[1]], best[2], text, offset)
        for op in built:
            op.amended_work_hint = op.amended_work_hint or _header_hint(text, best[0])
        ops.extend(built)
        pos = max(resume, best[2].start() + 1)
    return ops


# ---------------------------------------------------------------- notes

_LABEL_LINE = re.compile(  # an article heading at a line start, as in consolidated codes
    r"(?im)^[ \t]*(?:art[íi]culo|art\.?)[ \t]*(?P<num>" + part("NUM") + r")[ \t]*(?:\.?[ \t]*[-–—]|:|\.)[ \t]*")
_NOTE_ANCHOR = re.compile(r"\bnotas?(?P<general>[ \t]+generale?s?)?[ \t]*:[ \t]*", re.IGNORECASE)
_HEADING_LINE = re.compile(
    r"(?im)^[ \t]*(?:t[íi]tulo|cap[íi]tulo|secci[óo]n|libro|art(?:[íi]culo|\.)[ \t]*\d|notas?[ \t]*:)")
_MONTHS = {m: i for i, m in enumerate(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), 1)}
_MONTHS["setiembre"] = 9
_VERB_KIND = {
    "reformad": OperationKind.SUBSTITUTION, "modificad": OperationKind.SUBSTITUTION,
    "sustituid": OperationKind.SUBSTITUTION, "reemplazad": OperationKind.SUBSTITUTION,
    "derogad": OperationKind.REPEAL, "suprimid": OperationKind.REPEAL, "eliminad": OperationKind.REPEAL,
    "agregad": OperationKind.INSERTION, "anadid": OperationKind.INSERTION,
    "incorporad": OperationKind.INSERTION, "renumerad": OperationKind.RENUMBERING,
}
_SCOPES = (("titulo y articulo", "title_and_article"), ("articulo", "article"), ("literal", "literal"),
           ("inciso", "inciso"), ("numeral", "numeral"), ("ordinal", "ordinal"), ("parrafo", "paragraph"),
           ("paragrafo", "paragraph"), ("capitulo", "chapter"), ("seccion", "section"),
           ("titulo", "title"), ("disposicion", "disposition"))


def _cite(note: AmendmentNote, text: str) -> None:
    """Fill instrument, gazette and date of a note from its citation text."""
    cits = load().citations
    inst = cits["instrument"].regex.search(text)
    if inst:
        note.instrument = " ".join(inst.group("inst").split()).rstrip(" .")
        note.instrument_type = " ".join(inst.group("type").split()) if inst.group("type") else None
        note.instrument_number = inst.group("number")
        note.instrument_provision = " ".join(inst.group("prov").split()) if inst.group("prov") else None
    gaz = cits["gazette"].regex.search(text)
    if gaz:
        name = " ".join(gaz.group("gname").split())
        note.gazette = "Registro Oficial" if _plain(name).replace(".", "").startswith("ro") else name
        note.gazette_number, note.gazette_supplement = gaz.group("gnum"), bool(gaz.group("sup"))
    date = cits["date"].regex.search(text, gaz.end() if gaz else 0) or cits["date"].regex.search(text)
    if date:
        note.date = f"{int(date.group('y')):04d}-{_MONTHS[date.group('m').lower()]:02d}-{int(date.group('d')):02d}"


def _note_body_end(text: str, start: int, general: bool) -> int:
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if not general:
        return line_end
    nxt = _HEADING_LINE.search(text, line_end + 1, min(len(text), start + 3000))
    return (nxt.start() if nxt else min(len(text), start + 3000))


def _classify(note: AmendmentNote, body: str) -> None:
    ps = load()
    scoped = ps.notes["note_scope_verb"].regex.match(body.lstrip())
    rename = ps.notes["note_rename"].regex.search(body)
    if scoped:
        note.pattern = "note_scope_verb"
        verb = _plain(scoped.group("verb"))
        note.kind = _VERB_KIND.get(verb, OperationKind.UNKNOWN)
        note.verb = _plain(scoped.group(0)[scoped.start("verb") - scoped.start() :].split()[0]).rstrip(",.")
        scope = " ".join(_plain(scoped.group("scope")).split())
        note.scope = next((v for k, v in _SCOPES if scope.startswith(k)), "other")
        note.which = " ".join(scoped.group("which").split()) if scoped.group("which") else None
        _cite(note, scoped.group("by") or "")
        return
    if rename:
        note.pattern, note.kind, note.scope = "note_rename", OperationKind.TERM_SUBSTITUTION, "document"
        note.terms = [(unquote(rename.group("from"))[0] if rename.group("from") else None,
                       unquote(rename.group("to"))[0])]
        _cite(note, body[rename.end() :])
        return
    terms = [op for op in read_operations(body) if op.kind is OperationKind.TERM_SUBSTITUTION]
    if terms:
        note.pattern, note.kind, note.scope = "note_terms", OperationKind.TERM_SUBSTITUTION, "document"
        note.terms = [(op.term_from, op.term_to or "") for op in terms]
        _cite(note, body[body.find(terms[-1].term_to or "") :])
        return
    note.pattern, note.kind, note.scope, note.confidence = "note_other", OperationKind.UNKNOWN, "other", 0.5
    note.warnings.append("editorial note not understood as an amendment; citation read if present")
    _cite(note, body)


def read_notes(text: str, *, offset: int = 0) -> list[AmendmentNote]:
    """Editorial amendment notes in any span of a consolidated text."""
    labels = list(_LABEL_LINE.finditer(text))
    label_pos = [m.start() for m in labels]
    starts: list[tuple[int, int, bool]] = []  # (note start, body start, general)
    for m in _NOTE_ANCHOR.finditer(text):
        starts.append((m.start(), m.end(), bool(m.group("general"))))
    scoped = load().notes["note_scope_verb"].regex
    for lab in labels:
        at = lab.end()
        if scoped.match(text, at) and not _NOTE_ANCHOR.match(text, at):
            starts.append((at, at, False))
    notes: list[AmendmentNote] = []
    for start, body_start, general in sorted(starts):
        end = _note_body_end(text, body_start, general)
        body = text[body_start:end]
        note = AmendmentNote(OperationKind.UNKNOWN, "other", (offset + start, offset + end),
                             unicodedata.normalize("NFC", text[start:end].strip()), "")
        _classify(note, body)
        i = bisect.bisect_right(label_pos, start) - 1
        if i >= 0:
            note.article = normalise_number(labels[i].group("num"))
        line_start = text.rfind("\n", 0, start) + 1
        prefix = re.fullmatch(r"[ \t]*([a-zñ]|\d{1,3})[).-]+[ \t]*", text[line_start:start], re.IGNORECASE)
        if prefix and note.scope in ("literal", "numeral", "inciso", "ordinal"):
            note.sub = (note.scope, normalise_number(prefix.group(1)) if prefix.group(1).isdigit() else prefix.group(1).lower())
        if general:
            note.article, note.scope = None, "document"
        elif note.pattern == "note_rename" and note.article:
            note.scope = "article"  # a renaming note applies to the article it follows
        notes.append(note)
    return notes

