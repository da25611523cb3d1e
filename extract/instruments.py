"""Read each instrument's type and printed metadata from the structure tree.

Type comes from the title *and* the content: a text titled "REFORMA PARCIAL
DE LA ORDENANZA X" whose articles are ordinary provisions is the printed full
text of X as reformed (an ordenanza, ``consolidated``), while one whose
articles say "Se modifica el Artículo 10…" is the reform itself.
"""

from __future__ import annotations

import re
import unicodedata

from extract import dates
from extract.model import Instrument, InstrumentType, Node, NodeKind, ParsedSource, Signatory, Source, SourceMeta
from extract.patterns.structure import AMENDING_CUE
from extract.lines import is_heading_like
from extract.structure import parse_structure
from extract.text import collapse

_TITLE_KIND = [
    (re.compile(r"^(?:LA\s+|EL\s+)?REFORMA\s+PARCIAL", re.I), InstrumentType.REFORMA_PARCIAL),
    (re.compile(r"^(?:LA\s+|EL\s+)?REFORMA\s+TOTAL", re.I), InstrumentType.REFORMA_TOTAL),
    (re.compile(r"^(?:LA\s+|EL\s+)?PLAN\s+OPERATIVO", re.I), InstrumentType.PLAN),
    (re.compile(r"^(?:LA\s+|EL\s+)?ORDENANZA", re.I), InstrumentType.ORDENANZA),
    (re.compile(r"^(?:LA\s+|EL\s+)?(?:LEY|C[OÓ]DIGO)", re.I), InstrumentType.LEY),
    (re.compile(r"^(?:LA\s+|EL\s+)?REGLAMENTO", re.I), InstrumentType.REGLAMENTO),
    (re.compile(r"^(?:LA\s+|EL\s+)?DECRETO", re.I), InstrumentType.DECRETO),
    (re.compile(r"^(?:LA\s+|EL\s+)?ACUERDO", re.I), InstrumentType.ACUERDO),
    (re.compile(r"^(?:LA\s+|EL\s+)?RESOLUCI[OÓ]N", re.I), InstrumentType.RESOLUCION),
    (re.compile(r"^(?:LA\s+|EL\s+)?MANUAL", re.I), InstrumentType.MANUAL),
]
_REFORM_OF = re.compile(r"(?i)^(?:LA\s+|EL\s+)?REFORMA\s+(?:PARCIAL|TOTAL)\s+(?:DE\s+)?(?:LA\s+|EL\s+)?(?P<title>.+)$")
_GAZETTE = re.compile(
    r"(?i)\b(?P<name>gaceta(?:\s+(?:municipal|oficial))?)\s*(?P<kind>extraordinaria|ordinaria)?\s*"
    r"(?:n[oº°]\.?|n[úu]mero)\s*(?P<num>\d[\d.]*)"
)
_RO = re.compile(
    r"(?i)\b(?:registro\s+oficial|R\.?\s?O\.?)\s*/?\s*(?P<sup>sup(?:lemento)?\.?)?\s*(?:n[oº°]\.?\s*)?(?P<num>\d+)\s+de\s+"
    r"(?P<date>\d{1,2}\s+de\s+\w+\s+(?:de|del)\s+\d{4})"
)
_SESSION = re.compile(r"(?i)sesi[oó]n\s+(?:extraordinaria|ordinaria|especial)?\s*(?:de\s+fecha\s+|del?\s+)?(\d{1,2}-\d{1,2}-\d{2,4})")
_ROLE = re.compile(
    r"^(?:EL\s+|LA\s+)?(?:PRESIDENTE|PRESIDENTA|VICEPRESIDENT[EA]|SECRETARI[OA]|ALCALDE|ALCALDESA|S[IÍ]NDIC[OA]|"
    r"INTENDENTE|GOBERNADOR|DIRECTOR|DIRECTORA)(?:\s+[A-ZÁÉÍÓÚÑ ]+)?(?:\s*\((?:e|E)\))?\s*$"
)
_NAME = re.compile(r"^(?:(?:Lic|Abog|Dr|Dra|Ing|Prof|Econ|Arq)\.?\s+|CONCEJAL\s+|CONCEJALA\s+)?[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.\s]{3,60}$")
_COUNTRIES = [
    (re.compile(r"\bVenezuela\b"), "ve"), (re.compile(r"\bEcuador\b"), "ec"), (re.compile(r"\bPer[úu]\b"), "pe"),
    (re.compile(r"\bHonduras\b"), "hn"), (re.compile(r"\bM[ée]xico\b"), "mx"), (re.compile(r"\bArgentina\b"), "ar"),
    (re.compile(r"\bChile\b"), "cl"), (re.compile(r"\bColombia\b"), "co"), (re.compile(r"\bBolivia\b"), "bo"),
    (re.compile(r"\bGuatemala\b"), "gt"), (re.compile(r"\bParaguay\b"), "py"), (re.compile(r"\bUruguay\b"), "uy"),
    (re.compile(r"\bEspaña\b"), "es"), (re.compile(r"\bCosta Rica\b"), "cr"), (re.compile(r"\bPanam[áa]\b"), "pa"),
    (re.compile(r"\bNicaragua\b"), "ni"), (re.compile(r"\bEl Salvador\b"), "sv"),
]
_MUNICIPALITY = re.compile(
    r"\b(?i:Municipio|Municipalidad(?:\s+(?:Provincial|Distrital))?|Cant[oó]n|Partido|Comuna)\s+(?i:de\s+)?"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][\wáéíóúñÁÉÍÓÚÑ]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñÁÉÍÓÚÑ]+)?)"
)
_NOT_PLACE = {"municipal", "autónomo", "autonomo", "provincial", "distrital", "estado", "el", "la", "los"}


def parse_source(source: Source) -> ParsedSource:
    """Structure tree + instruments (with metadata) of one source."""
    root = parse_structure(source.text)
    instruments = read_instruments(root, source.text)
    meta = source.meta
    if meta.jurisdiction is None:
        source.meta = infer_meta(_identifying_text(root, source.text), meta)
    warnings = list(source.warnings)
    if not instruments:
        warnings.append("no se encontró ningún instrumento (no instrument found)")
    return ParsedSource(source=source, root=root, instruments=instruments, warnings=warnings)


_HEAD_KINDS = (NodeKind.MASTHEAD, NodeKind.HEADING, NodeKind.PREFACE, NodeKind.PREAMBLE, NodeKind.CONCLUSIONS)


def _identifying_text(root: Node, text: str) -> str:
    """Mastheads, headings, prefaces and closings: where a text says whose it is.

    A body mentioning "el Municipio de Quito" does not make a national law Quito's.
    A text with no such parts (a web page, a plan) is searched whole.
    """
    parts = [text[n.start : n.end] for n in root.walk() if n.kind in _HEAD_KINDS]
    if any(n.kind is NodeKind.INSTRUMENT and "implicit" in n.attrs for n in root.children):
        parts.append(text)
    return "\n".join(parts)


def read_instruments(root: Node, text: str) -> list[Instrument]:
    out: list[Instrument] = []
    masthead: Node | None = None
    for child in root.children:
        if child.kind is NodeKind.MASTHEAD:
            masthead = child
        elif child.kind is NodeKind.INSTRUMENT:
            out.append(_instrument(child, text, masthead))
    _mark_consolidated(out)
    return out


def _instrument(node: Node, text: str, masthead: Node | None) -> Instrument:
    preface = next((c for c in node.children if c.kind is NodeKind.PREFACE and "title" in c.attrs), None)
    title = preface.attrs["title"].rstrip(" .") if preface else None
    title_span = (int(preface.attrs["title_start"]), int(preface.attrs["title_end"])) if preface else None
    if preface is None and "implicit" in node.attrs and node.children:
        first = node.children[0]
        line = text[first.start : first.end]
        if is_heading_like(line):
            title, title_span = collapse(line), (first.start, first.end)
    articles = list(node.find(NodeKind.ARTICLE))
    ins = Instrument(node=node, type=_type_of(title, articles, node, text), title=title, title_span=title_span)
    if title:
        m = _REFORM_OF.match(title)
        if m and ins.type in (InstrumentType.REFORMA_PARCIAL, InstrumentType.REFORMA_TOTAL):
            ins.subject_title = m["title"].rstrip(" .")
        elif m:  # titled as a reform, but printing the full text: the reformed work itself
            ins.consolidated = True
            ins.subject_title = m["title"].rstrip(" .")
    _gazette(ins, text[masthead.start : masthead.end] if masthead else "", text, node)
    for part in node.children:
        if part.kind is NodeKind.PREAMBLE:
            found = (dates.parse_numeric(m.group(1)) for m in _SESSION.finditer(text[part.start : part.end]))
            ins.session_dates = list(dict.fromkeys(d for d in found if d))
        if part.kind is NodeKind.CONCLUSIONS:
            body = text[part.start : part.end]
            ins.sanction_date = dates.parse_spelled(body) or dates.parse_long(body.split("\n", 1)[0])
            ins.signatories = _signatories(part, text)
    if node.attrs.get("warning"):
        ins.warnings.append(node.attrs["warning"])
    return ins


def _type_of(title: str | None, articles: list[Node], node: Node, text: str) -> InstrumentType:
    amending = sum(1 for a in articles if _is_amending(a, text))
    by_content = bool(articles) and amending * 2 >= len(articles)
    if title:
        for pattern, kind in _TITLE_KIND:
            if pattern.search(title):
                if kind is InstrumentType.REFORMA_PARCIAL and not by_content:
                    return InstrumentType.ORDENANZA  # printed full text of the reformed ordinance
                if by_content and kind in (InstrumentType.ORDENANZA, InstrumentType.DECRETO, InstrumentType.LEY):
                    return InstrumentType.REFORMA_PARCIAL
                return kind
    if by_content:
        return InstrumentType.REFORMA_PARCIAL
    if articles:
        return InstrumentType.DOCUMENT
    body = text[node.start : node.end].lower()
    if re.search(r"\bplan\s+operativo\b", body):
        return InstrumentType.PLAN
    if re.search(r"\b(?:funciones|atribuciones|competencias)\b", body):
        return InstrumentType.MANUAL
    return InstrumentType.DOCUMENT


def _is_amending(article: Node, text: str) -> bool:
    start = article.body_start if article.body_start is not None else article.start
    first = article.children[0].start if article.children else article.end
    return bool(AMENDING_CUE.search(text, start, min(first, start + 300)))


def _gazette(ins: Instrument, mast: str, text: str, node: Node) -> None:
    m = _GAZETTE.search(mast)
    if m:
        ins.gazette_name = "Gaceta Municipal" if "municipal" in mast.lower() else collapse(m["name"]).title()
        ins.gazette_kind = m["kind"].capitalize() if m["kind"] else None
        ins.gazette_number = m["num"].rstrip(".")
        dated = "\n".join(line for line in mast.split("\n") if not re.search(r"(?i)fundad[oa]", line))
        ins.publication_date = dates.parse_long(dated) or dates.parse_numeric(dated)
        return
    head = text[node.start : min(node.end, node.start + 2000)]
    m = _RO.search(head)
    if m:
        ins.gazette_name = "Registro Oficial"
        ins.gazette_kind = "Suplemento" if m["sup"] else None
        ins.gazette_number = m["num"]
        ins.publication_date = dates.parse_long(m["date"])


def _signatories(conclusions: Node, text: str) -> list[Signatory]:
    lines: list[tuple[int, int, str]] = []
    pos = conclusions.start
    for raw in text[conclusions.start : conclusions.end].split("\n"):
        stripped = raw.strip(" \t\u00a0")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\u00a0"))
            lines.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    out: list[Signatory] = []
    for (s, e, line), nxt in zip(lines, lines[1:] + [(0, 0, "")]):
        if _NAME.match(line) and not _ROLE.match(line) and _ROLE.match(nxt[2]):
            name = re.sub(r"^(?:CONCEJALA?)\s+", "", collapse(line))
            out.append(Signatory(name=name, role=collapse(nxt[2]), start=s, end=nxt[1]))
    return out


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFD", text.lower())
    t = "".join(c for c in t if unicodedata.category(c) != "Mn")
    t = re.sub(r"\([^)]*\)|[^\w\s]", " ", t)
    return " ".join(w for w in t.split() if w not in {"de", "del", "la", "el", "los", "las", "sobre", "y"})


def title_key(title: str) -> str:
    """A comparison key for titles: no accents, case, articles or parentheses."""
    return _fold(title)


def _mark_consolidated(instruments: list[Instrument]) -> None:
    """An ordinance printed right after a reform of the same title is that work's full text as reformed."""
    for prev, cur in zip(instruments, instruments[1:]):
        if prev.type in (InstrumentType.REFORMA_PARCIAL,) and prev.subject_title and cur.title and \
                cur.type is InstrumentType.ORDENANZA and title_key(cur.subject_title or cur.title) == title_key(prev.subject_title):
            cur.consolidated = True
            cur.subject_title = cur.subject_title or cur.title


def infer_meta(text: str, meta: SourceMeta) -> SourceMeta:
    """Jurisdiction from the text when no metadata file says it (None when unsure)."""
    head = text[:20000]
    country = meta.country
    if country is None:
        found = [(m.start(), code) for pattern, code in _COUNTRIES if (m := pattern.search(head))]
        country = min(found)[1] if found else None
    locality = meta.locality
    if locality is None:
        for m in _MUNICIPALITY.finditer(head):
            name = m["name"].split()[0]
            if name.lower() not in _NOT_PLACE:
                locality = name
                break
    jurisdiction = meta.jurisdiction
    if jurisdiction is None and country:
        jurisdiction = country if not locality else f"{country}-{_slug(locality)}"
    return SourceMeta(jurisdiction=jurisdiction, country=country, locality=locality, issuing_body=meta.issuing_body,
                      language=meta.language, title=meta.title)


def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")
