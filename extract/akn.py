"""Akoma Ntoso 3.0 XML export of parsed instruments.

Why: AKN is the exchange format of legislative XML (Indigo, LIIs, the EU),
so an instrument exported here can be read by tools that know nothing of
Cabildo.  One ``<akomaNtoso>`` document is written per work expression.

Where names come from: a work's IRI is the one :mod:`extract.graph` gives it
(``work_iri_of`` over the works :func:`extract.corpus.assemble` finds in the
same corpus), an expression is that work as of the printing's date
(``ontology.iri.expression_iri``), so the XML and the graph name each work and
version alike.  eIds follow ontology.iri's AKN naming rules over the *printed*
structure (an eId names a part of this expression); a number printed twice
gets an occurrence suffix, as the graph does for sub-articles.  Elements
Cabildo mints no eId for (``alinea``, quoted structures, notes) carry none;
the schema does not require one.

Text: only the source's own text, one ``<p>`` per source line with its
whitespace collapsed.  What the markup states instead of text is the header of
a subdivision: its keyword ("ARTÍCULO") is the element name, its number goes in
``<num>`` as printed and its epígrafe in ``<heading>``.  Characters XML 1.0
forbids are removed and the removal is reported in ``<meta><proprietary>``.

Mapping: preface → ``<preface>`` (title as ``<docTitle>``), enacting formula →
``<preamble><formula name="enactingFormula">``, títulos/capítulos/secciones/
artículos/parágrafos → ``title/chapter/section/article/paragraph``, numerales
and literales → ``point`` (the literal keeps its ``item`` eId), unnumbered text
between subdivisions → ``alinea`` (``hcontainer`` above article level), notes →
``<authorialNote>``, articles quoted by an amending article →
``<mod><quotedStructure>``, closing formula and signatures → ``<conclusions>``
with ``<signature><person/><role/></signature>``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import logging
import os
import re
import tempfile
from pathlib import Path
from lxml import etree

import ontology
from extract.corpus import Printing, assemble
from extract.graph import UNKNOWN_JURISDICTION, work_iri_of
from extract.instruments import parse_source
from extract.model import Instrument, Node, NodeKind, ParsedSource, Signatory
from extract.sources import SourceError, discover, open_source
from extract.text import DecodeError
from ontology import iri as I
from ontology.namespace import CAB

log = logging.getLogger(__name__)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CAB_NS = str(CAB)
SCHEMA_DIR = Path(ontology.__file__).resolve().parent / "akn"
SCHEMA_PATH = SCHEMA_DIR / "akomantoso30.xsd"
LANGUAGE = "spa"  # extract.graph mints every expression in Spanish
#: FRBRdate needs a full xsd:date; an unknown one is this, named "desconocida".
UNKNOWN_DATE = "0001-01-01"

#: Structure node kind -> AKN element.  A literal "a)" is a ``point`` whose eId
#: keeps ontology.iri's ``item`` ref (AKN has no hierarchical ``item``).
HIER_TAG = {
    NodeKind.TITLE: "title",
    NodeKind.CHAPTER: "chapter",
    NodeKind.SECTION: "section",
    NodeKind.ARTICLE: "article",
    NodeKind.PARAGRAPH: "paragraph",
    NodeKind.NUMERAL: "point",
    NodeKind.LITERAL: "point",
}
#: Structure node kind -> the kind name ontology.iri.eid takes.
_EID_KIND = {kind: kind.value for kind in HIER_TAG}
_ABOVE_ARTICLE = frozenset({NodeKind.TITLE, NodeKind.CHAPTER, NodeKind.SECTION})
_HEAD_KINDS = frozenset({NodeKind.PREFACE, NodeKind.PREAMBLE})

#: Characters XML 1.0 forbids (§2.2).  The first group is whitespace to Python
#: and becomes a space; the rest are dropped.
_FORBIDDEN_SPACE = re.compile("[\x0b\x0c\x1c-\x1f]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_QUOTES = "\"'“”«»‘’„"
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Item = Node | tuple[int, int]  # a child node, or a span of the parent's own text


def _q(tag: str) -> str:
    return f"{{{AKN_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (whitespace ones become spaces)."""
    return _FORBIDDEN.sub("", _FORBIDDEN_SPACE.sub(" ", text))


def normalise(text: str) -> str:
    """XML-safe text with whitespace runs collapsed: what one ``<p>`` holds."""
    return " ".join(xml_safe(text).split())


@dataclasses.dataclass(frozen=True)
class AknNames:
    """The work and expression IRIs an instrument is exported under."""

    work: str
    expression: str


def names_for(parsed_sources: list[ParsedSource], *, base: str) -> dict[tuple[str, int], AknNames]:
    """Names of every instrument, keyed by (source id, instrument offset), as the graph of this corpus has them.

    A work may be printed in several sources (a consolidated reprint belongs to
    the work of its original), so names depend on the whole corpus: pass the
    same sources the graph is built from.  Instruments that are part of no work
    (a page, a plan with no articles) are named by the same recipe.
    """
    out: dict[tuple[str, int], AknNames] = {}
    for w in assemble(parsed_sources):
        work = work_iri_of(w, base=base).value
        for p in w.printings:
            out[(p.source_id, p.instrument.node.start)] = AknNames(
                work, str(I.expression_iri(work, LANGUAGE, p.date)))
    for parsed in parsed_sources:
        for ins in parsed.instruments:
            out.setdefault((parsed.source.id, ins.node.start), _standalone_names(parsed, ins, base))
    return out


def _standalone_names(parsed: ParsedSource, ins: Instrument, base: str) -> AknNames:
    """Names of an instrument that is no work's printing: its own type, date and title."""
    printing = Printing(parsed, ins)
    kind = ins.type.value
    when = None if ins.consolidated else (ins.publication_date or ins.sanction_date)
    title = (ins.subject_title if ins.consolidated else None) or ins.title or ""
    slug = I.slugify(title, drop_leading=(kind.replace("-", " "), "ordenanza", "ley", "reforma", "parcial", "total"))
    if not title.strip():
        slug = I.slugify(parsed.source.id)
    jurisdiction = parsed.source.meta.jurisdiction or UNKNOWN_JURISDICTION
    work = str(I.work_iri(jurisdiction, kind, when, slug, base=base))
    return AknNames(work, str(I.expression_iri(work, LANGUAGE, printing.date)))


def _eid_for(node: Node, parent_eid: str | None, used: dict[str, int]) -> str:
    """ontology.iri's eId of a subdivision; the n-th occurrence of a printed number gets ``-n``."""
    kind = _EID_KIND[node.kind]
    try:
        eid = I.eid(kind, node.number or None, parent=parent_eid)
    except ValueError:  # a number with nothing addressable in it
        eid = I.eid(kind, f"n{node.start}", parent=parent_eid)
    count = used.get(eid, 0)
    used[eid] = count + 1
    return f"{eid}-{count + 1}" if count else eid


def eid_map(instrument_node: Node) -> dict[int, str]:
    """eId of every subdivision of an instrument, keyed by ``id(node)``.

    Document order; quoted articles (new text of another act), notes and free
    blocks get none.
    """
    used: dict[str, int] = {}
    out: dict[int, str] = {}

    def walk(node: Node, parent_eid: str | None) -> None:
        for child in node.children:
            if child.kind not in HIER_TAG:
                if child.kind in (NodeKind.PREFACE, NodeKind.PREAMBLE, NodeKind.CONCLUSIONS,
                                  NodeKind.QUOTED_ARTICLE, NodeKind.NOTE, NodeKind.BLOCK):
                    continue
                walk(child, parent_eid)
                continue
            eid = _eid_for(child, parent_eid, used)
            out[id(child)] = eid
            walk(child, eid)

    walk(instrument_node, None)
    return out


def _frbr_date(value: str | None) -> tuple[str, str | None]:
    """A full date for FRBRdate, or the sentinel and what was known."""
    if value and _FULL_DATE.fullmatch(value):
        return value, None
    return UNKNOWN_DATE, value


class _Writer:
    """Builds one AKN document; collects what it had to leave out as warnings."""

    def __init__(self, parsed: ParsedSource, ins: Instrument, base: str, names: AknNames,
                 generated: _dt.date | None) -> None:
        self.parsed = parsed
        self.ins = ins
        self.text = parsed.source.text
        self.base = base
        self.generated = generated or _dt.date.today()
        self.jurisdiction = parsed.source.meta.jurisdiction or UNKNOWN_JURISDICTION
        self.eids = eid_map(ins.node)
        self.emitted: set[str] = set()
        self.warnings: list[str] = list(ins.warnings)
        self.tlc: dict[str, tuple[str, str, str]] = {}  # eId -> (element, href, showAs)
        self.work = names.work
        self.expression = names.expression

    # -- text --------------------------------------------------------------
    def lines(self, start: int, end: int) -> list[str]:
        """Normalised non-blank lines of ``text[start:end]``."""
        return [n for line in self.text[start:end].split("\n") if (n := normalise(line))]

    def pieces(self, node: Node, start: int) -> list[Item]:
        """Own-text spans and children of ``node`` from ``start`` on, in order."""
        out: list[Item] = []
        cur = start
        for child in node.children:
            if child.start > cur:
                out.append((cur, child.start))
            out.append(child)
            cur = max(cur, child.end)
        if node.end > cur:
            out.append((cur, node.end))
        return out

    def has_text(self, item: Item) -> bool:
        if isinstance(item, tuple):
            return bool(self.lines(*item))
        return item.kind in HIER_TAG or bool(self.lines(item.start, item.end))

    def set_eid(self, el: etree._Element, eid: str | None) -> None:
        if eid is None:
            return
        if eid in self.emitted:  # "5" printed twice gives art_5-2, as does a printed "5-2": keep the XML valid
            self.warnings.append(f"eId duplicado omitido: {eid}")
            return
        self.emitted.add(eid)
        el.set("eId", eid)

    # -- document ----------------------------------------------------------
    def build(self) -> etree._Element:
        work = I.parse_akn(self.work)  # the work's type, as in its IRI and FRBRsubtype
        doc_type = work.doc_type
        root = etree.Element(_q("akomaNtoso"), nsmap={None: AKN_NS, "cab": CAB_NS})
        doc = _sub(root, doc_type, name=work.subtype)
        meta = _sub(doc, "meta")
        head, preamble, body, conclusions = self.zones()
        if head:
            self.head_block(_sub(doc, "preface"), head)
        if preamble:
            self.head_block(_sub(doc, "preamble"), preamble)
        self.body(_sub(doc, "body" if doc_type == "act" else "mainBody"), body, doc_type)
        if conclusions:
            el = _sub(doc, "conclusions")
            self.blocks(el, conclusions, formula_ok=True)
            if len(el) == 0:
                doc.remove(el)
        for el in doc.findall(_q("preface")) + doc.findall(_q("preamble")):
            if len(el) == 0:
                doc.remove(el)
        self.meta(meta)
        return root

    def zones(self) -> tuple[list[Item], list[Item], list[Item], list[Item]]:
        """Split the instrument into preface, preamble, body and conclusions items, keeping order.

        AKN puts the preface before the preamble; when a text prints its
        enacting formula before its title, both stay in the preface.
        """
        node = self.ins.node
        items = self.pieces(node, node.start)
        implicit_title = self.implicit_title(node)
        head: list[Item] = []
        body: list[Item] = []
        closing: list[Item] = []
        first_kind = next((c.kind for c in node.children
                           if c.kind in _HEAD_KINDS or c.kind in HIER_TAG or c is implicit_title), None)
        zone = 0 if first_kind in _HEAD_KINDS or implicit_title is not None else 1
        for item in items:
            if isinstance(item, Node) and (item.kind in _HEAD_KINDS or item is implicit_title):
                if zone > 0:
                    self.warnings.append(f"{item.kind.value} después del cuerpo: exportado como texto del cuerpo")
                    (body if zone == 1 else closing).append(item)
                    continue
            elif isinstance(item, Node) and item.kind in HIER_TAG:
                if zone == 2:
                    self.warnings.append(f"{item.kind.value} {item.number} después de la fórmula final: "
                                         "exportado en el cuerpo")
                    body.append(item)
                    continue
                zone = 1
            elif isinstance(item, Node) and item.kind is NodeKind.CONCLUSIONS:
                zone = 2
            [head, body, closing][zone].append(item)
            if item is implicit_title:  # the first line of a page: what follows is its text
                zone = 1
        self.move_untitled_text(head, body)
        preamble: list[Item] = []
        kinds = [it.kind for it in head if isinstance(it, Node) and it.kind in _HEAD_KINDS]
        if NodeKind.PREAMBLE in kinds and NodeKind.PREFACE not in kinds[kinds.index(NodeKind.PREAMBLE):]:
            cut = next(k for k, it in enumerate(head) if isinstance(it, Node) and it.kind is NodeKind.PREAMBLE)
            head, preamble = head[:cut], head[cut:]
        return head, preamble, body, closing

    def implicit_title(self, node: Node) -> Node | None:
        """The first free block of an instrument with no preface, when it is the title."""
        span = self.ins.title_span
        if "implicit" not in node.attrs or span is None or not node.children:
            return None
        first = node.children[0]
        return first if (first.start, first.end) == span and first.kind is NodeKind.BLOCK else None

    def move_untitled_text(self, head: list[Item], body: list[Item]) -> None:
        """A preface that is all the text there is: the title stays, the rest is the body."""
        if any(self.has_text(it) for it in body):
            return
        texty = [it for it in head if self.has_text(it)]
        last = texty[-1] if texty else None
        if not isinstance(last, Node) or last.kind is not NodeKind.PREFACE or "title_end" not in last.attrs:
            return
        title_end = int(last.attrs["title_end"])
        if not self.lines(title_end, last.end):
            return
        k = head.index(last)
        head[k] = dataclasses.replace(last, end=title_end, children=[])
        del head[k + 1 :]
        body.insert(0, (title_end, last.end))

    # -- blocks ------------------------------------------------------------
    def head_block(self, parent: etree._Element, items: list[Item]) -> None:
        self.blocks(parent, items, formula_ok=True)

    def blocks(self, parent: etree._Element, items: list[Item], *, formula_ok: bool = False) -> None:
        """Render text spans and non-hierarchical nodes as block elements of ``parent``."""
        last_p: etree._Element | None = None
        i = 0
        while i < len(items):
            item = items[i]
            i += 1
            if isinstance(item, tuple):
                for line in self.lines(*item):
                    last_p = _sub(parent, "p", line)
                continue
            kind = item.kind
            if kind is NodeKind.QUOTED_ARTICLE:
                group = [item]
                while i < len(items):
                    nxt = items[i]
                    if isinstance(nxt, tuple) and not self.lines(*nxt):
                        i += 1
                    elif isinstance(nxt, Node) and nxt.kind is NodeKind.QUOTED_ARTICLE:
                        group.append(nxt)
                        i += 1
                    else:
                        break
                self.quoted(parent, group, last_p)
                last_p = None
                continue
            last_p = None
            if kind is NodeKind.PREFACE:
                self.preface_node(parent, item)
            elif kind is NodeKind.PREAMBLE and formula_ok:
                lines = self.lines(item.start, item.end)
                if lines:
                    formula = _sub(parent, "formula", name="enactingFormula")
                    for line in lines:
                        _sub(formula, "p", line)
            elif kind is NodeKind.CONCLUSIONS:
                self.conclusions_node(parent, item)
            elif kind is NodeKind.NOTE:
                lines = self.lines(item.start, item.end)
                if lines:
                    note = _sub(_sub(parent, "p", ""), "authorialNote", placement="inline", class_="nota")
                    for line in lines:
                        _sub(note, "p", line)
            elif kind is NodeKind.BLOCK and item is self.implicit_title(self.ins.node):
                _sub(_sub(parent, "p", ""), "docTitle", normalise(self.text[item.start : item.end]))
            elif kind in HIER_TAG:  # a subdivision where only blocks fit: keep its text
                for line in self.lines(item.start, item.end):
                    _sub(parent, "p", line)
            else:
                for line in self.lines(item.start, item.end):
                    last_p = _sub(parent, "p", line)

    def quoted(self, parent: etree._Element, group: list[Node], last_p: etree._Element | None) -> None:
        """New text quoted by an amending article: ``<mod>`` holding its instruction line when adjacent."""
        if last_p is not None and len(parent) and parent[-1] is last_p and len(last_p) == 0:
            mod = _sub(last_p, "mod")
            mod.text, last_p.text = (last_p.text or "") + " ", None
        else:
            mod = _sub(_sub(parent, "p", ""), "mod", "")
        for node in group:
            header = self.text[node.start : node.body_start if node.body_start is not None else node.start]
            opening = header.lstrip()[:1]
            qs = _sub(mod, "quotedStructure", startQuote=opening if opening and opening in _QUOTES else None)
            self.hier(qs, node, tag="article", quoted=True)

    def preface_node(self, parent: etree._Element, node: Node) -> None:
        if "title_start" not in node.attrs:
            for line in self.lines(node.start, node.end):
                _sub(parent, "p", line)
            return
        ts = max(node.start, min(int(node.attrs["title_start"]), node.end))
        te = max(ts, min(int(node.attrs["title_end"]), node.end))
        for line in self.lines(node.start, ts):
            _sub(parent, "p", line)
        title = normalise(self.text[ts:te])
        if title:
            _sub(_sub(parent, "p", ""), "docTitle", title)
        for line in self.lines(te, node.end):
            _sub(parent, "p", line)

    def conclusions_node(self, parent: etree._Element, node: Node) -> None:
        """Closing formula lines, with the signatories read by extract.instruments marked up."""
        by_start = {s.start: s for s in self.ins.signatories if node.start <= s.start < node.end}
        pos = node.start
        pending: tuple[etree._Element, Signatory] | None = None
        for raw in self.text[node.start : node.end].split("\n"):
            line_start, line_end = pos, pos + len(raw)
            pos = line_end + 1
            line = normalise(raw)
            if not line:
                continue
            lead = line_start + len(raw) - len(raw.lstrip(" \t\u00a0"))
            stripped_end = line_start + len(raw.rstrip(" \t\u00a0"))
            if pending is not None and stripped_end == pending[1].end:
                sig_el, signed = pending
                _sub(sig_el, "role", line, refersTo="#" + self.role_ref(signed))
                pending = None
                continue
            if pending is not None:  # the role line was not where expected: leave the name unmarked
                pending = None
            sig = by_start.get(lead)
            if sig is not None and sig.end > stripped_end:
                sig_el = _sub(_sub(parent, "p", ""), "signature")
                person = _sub(sig_el, "person", line, refersTo="#" + self.person_ref(sig, stripped_end))
                person.tail = " "
                pending = (sig_el, sig)
                continue
            _sub(parent, "p", line)

    def person_ref(self, sig: Signatory, name_end: int) -> str:
        ref = "persona-" + I.safe_segment(sig.name)
        href = str(I.selector_iri(self.parsed.source.id, sig.start, name_end, base=self.base))
        self.tlc.setdefault(ref, ("TLCPerson", href, normalise(sig.name)))
        return ref

    def role_ref(self, sig: Signatory) -> str:
        role = sig.role or "firmante"
        ref = "rol-" + I.safe_segment(role)
        href = str(I.post_iri(self.jurisdiction, I.slugify(role), base=self.base))
        self.tlc.setdefault(ref, ("TLCRole", href, normalise(role)))
        return ref

    # -- hierarchy ---------------------------------------------------------
    def body(self, el: etree._Element, items: list[Item], doc_type: str) -> None:
        if doc_type == "act":
            self.fill(el, items, quoted=False, filler="hcontainer", wrap_ends=False)
        else:
            self.fill_open(el, items)
        if len(el) == 0:
            self.warnings.append("el instrumento no tiene cuerpo: se exporta un contenedor vacío")
            if doc_type == "act":
                _sub(el, "hcontainer", name="sinCuerpo")
            else:
                _sub(el, "p")

    def fill_open(self, el: etree._Element, items: list[Item]) -> None:
        """mainBody of a ``doc``: blocks and subdivisions may mix freely."""
        run: list[Item] = []
        for item in items:
            if isinstance(item, Node) and item.kind in HIER_TAG:
                self.blocks(el, run)
                run = []
                self.hier(el, item, quoted=False)
            else:
                run.append(item)
        self.blocks(el, run)

    def hier(self, parent: etree._Element, node: Node, *, quoted: bool, tag: str | None = None) -> None:
        el = _sub(parent, tag or HIER_TAG[node.kind])
        if not quoted:
            self.set_eid(el, self.eids.get(id(node)))
        num = normalise(node.raw_number or "")
        if num:
            _sub(el, "num", num)
        heading = normalise(node.heading or "")
        if heading:
            _sub(el, "heading", heading)
        start = node.body_start if node.body_start is not None else node.start
        if node.children:
            start = min(start, node.children[0].start)
        filler = "hcontainer" if node.kind in _ABOVE_ARTICLE else "alinea"
        self.fill(el, self.pieces(node, start), quoted=quoted, filler=filler, wrap_ends=True)

    def fill(self, el: etree._Element, items: list[Item], *, quoted: bool, filler: str, wrap_ends: bool) -> None:
        """Content of a hierarchical element: ``content``, or intro / subdivisions / wrapUp."""
        hier = [k for k, it in enumerate(items) if isinstance(it, Node) and it.kind in HIER_TAG]
        if not hier:
            if wrap_ends:
                content = _sub(el, "content")
                self.blocks(content, items)
                if len(content) == 0:
                    _sub(content, "p")
            else:
                self.filler(el, items, filler)
            return
        first, last = hier[0], hier[-1]
        if wrap_ends:
            self.wrapped(el, "intro", items[:first])
        else:
            self.filler(el, items[:first], filler)
        run: list[Item] = []
        for item in items[first : last + 1]:
            if isinstance(item, Node) and item.kind in HIER_TAG:
                self.filler(el, run, filler)
                run = []
                self.hier(el, item, quoted=quoted)
            else:
                run.append(item)
        if wrap_ends:
            self.wrapped(el, "wrapUp", items[last + 1 :])
        else:
            self.filler(el, items[last + 1 :], filler)

    def wrapped(self, el: etree._Element, tag: str, items: list[Item]) -> None:
        box = _sub(el, tag)
        self.blocks(box, items)
        if len(box) == 0:
            el.remove(box)

    def filler(self, el: etree._Element, items: list[Item], tag: str) -> None:
        """Unnumbered text between subdivisions: an ``alinea`` (or ``hcontainer``) of blocks."""
        if not any(self.has_text(it) for it in items):
            return
        box = _sub(el, tag, name="texto" if tag == "hcontainer" else None)
        self.blocks(_sub(box, "content"), items)

    # -- metadata ----------------------------------------------------------
    def meta(self, meta: etree._Element) -> None:
        ins = self.ins
        parts = I.parse_akn(self.work)
        work_this = str(dataclasses.replace(parts, component=I.MAIN))
        expr_parts = I.parse_akn(self.expression)
        expr_this = str(dataclasses.replace(expr_parts, component=I.MAIN))
        author = self.author_ref()
        ident = _sub(meta, "identification", source="#cabildo")
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", value=work_this)
        _sub(work, "FRBRuri", value=self.work)
        date, known = _frbr_date(None if parts.date == "sin-fecha" else parts.date)
        if date == UNKNOWN_DATE:
            date_name = "desconocida" + (f":{known}" if known else "")
        else:
            date_name = "publicacion" if date == ins.publication_date else \
                "sancion" if date == ins.sanction_date else "obra"
        _sub(work, "FRBRdate", date=date, name=date_name)
        _sub(work, "FRBRauthor", href="#" + author)
        _sub(work, "FRBRcountry", value=self.jurisdiction)
        _sub(work, "FRBRsubtype", value=parts.subtype)
        if ins.title:
            _sub(work, "FRBRname", value=normalise(ins.title))
        expr = _sub(ident, "FRBRExpression")
        _sub(expr, "FRBRthis", value=expr_this)
        _sub(expr, "FRBRuri", value=self.expression)
        edate, _ = _frbr_date(expr_parts.version or None)
        ename = "publicacion" if edate == ins.publication_date else "sancion" if edate == ins.sanction_date else \
            "desconocida" if edate == UNKNOWN_DATE else "version"
        _sub(expr, "FRBRdate", date=edate, name=ename)
        _sub(expr, "FRBRauthor", href="#" + author)
        _sub(expr, "FRBRlanguage", language=LANGUAGE)
        manif = _sub(ident, "FRBRManifestation")
        # ontology.iri mints no manifestation IRI; AKN-NC's is the expression's plus a format suffix.
        _sub(manif, "FRBRthis", value=expr_this + ".xml")
        _sub(manif, "FRBRuri", value=self.expression + ".akn")
        _sub(manif, "FRBRdate", date=self.generated.isoformat(), name="generacion")
        _sub(manif, "FRBRauthor", href="#cabildo")
        self.publication(meta)
        refs = _sub(meta, "references", source="#cabildo")
        _sub(refs, "TLCOrganization", eId="cabildo", href=str(I.agent_iri("cabildo", base=self.base)),
             showAs="Cabildo")
        for ref, (element, href, show) in sorted(self.tlc.items(), key=lambda kv: (kv[1][0] != "TLCOrganization",
                                                                                   kv[0])):
            _sub(refs, element, eId=ref, href=href, showAs=show or ref)
        self.proprietary(meta)

    def author_ref(self) -> str:
        body = self.parsed.source.meta.issuing_body
        if body and normalise(body):
            href = str(I.organ_iri(self.jurisdiction, I.slugify(body), base=self.base))
            self.tlc["emisor"] = ("TLCOrganization", href, normalise(body))
        else:
            href = str(I.jurisdiction_iri(self.jurisdiction, base=self.base))
            self.tlc["emisor"] = ("TLCOrganization", href, f"emisor no indicado (jurisdicción {self.jurisdiction})")
        return "emisor"

    def publication(self, meta: etree._Element) -> None:
        ins = self.ins
        if not ins.gazette_name:
            return
        if not (ins.publication_date and _FULL_DATE.fullmatch(ins.publication_date)):
            self.warnings.append(f"{ins.gazette_name} sin fecha de publicación: se omite <publication>")
            return
        show = " ".join(p for p in (ins.gazette_name, ins.gazette_kind,
                                    f"N° {ins.gazette_number}" if ins.gazette_number else None) if p)
        _sub(meta, "publication", date=ins.publication_date, name=normalise(ins.gazette_name),
             showAs=normalise(show), number=normalise(ins.gazette_number or "") or None)

    def proprietary(self, meta: etree._Element) -> None:
        """Provenance (source file, hash, span) and the warnings of this export."""
        span = self.text[self.ins.node.start : self.ins.node.end]
        bad = _FORBIDDEN.findall(span)
        if bad:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            self.warnings.append(f"se eliminaron {len(bad)} caracteres no permitidos en XML 1.0 ({codes})")
        prop = _sub(meta, "proprietary", source="#cabildo")
        src = self.parsed.source
        etree.SubElement(prop, f"{{{CAB_NS}}}source", {
            "id": src.id, "sha256": src.sha256, "start": str(self.ins.node.start), "end": str(self.ins.node.end),
            "href": str(I.selector_iri(src.id, self.ins.node.start, self.ins.node.end, base=self.base)),
        })
        for warning in dict.fromkeys(self.warnings):
            etree.SubElement(prop, f"{{{CAB_NS}}}warning").text = normalise(warning)


def to_akn(parsed: ParsedSource, instrument: Instrument, *, base: str, names: AknNames | None = None,
           generated: _dt.date | None = None) -> etree._Element:
    """The ``<akomaNtoso>`` document of one instrument.

    ``names`` come from :func:`names_for` over the corpus (default: this source
    alone); ``generated`` dates the manifestation (default: today).
    """
    if names is None:
        names = names_for([parsed], base=base)[(parsed.source.id, instrument.node.start)]
    return _Writer(parsed, instrument, base, names, generated).build()


def file_name(expression: str) -> str:
    """File name of an expression: its AKN IRI parts joined by ``_`` (slugs have none)."""
    p = I.parse_akn(expression)
    return f"{p.jurisdiction}_{p.doc_type}_{p.subtype}_{p.date}_{p.name}_{p.lang}@{p.version or ''}.xml"


def _matches(work: str | None, names: AknNames) -> bool:
    """``work`` given as an id, a slug or a whole IRI: the work IRI ends with or contains it."""
    return work is None or work in names.work or work in names.expression


def write_akn(parsed: ParsedSource, *, out_dir: Path, base: str, work: str | None = None,
              names: dict[tuple[str, int], AknNames] | None = None, done: dict[str, Path] | None = None,
              generated: _dt.date | None = None) -> list[Path]:
    """Write one file per work expression of ``parsed`` into ``out_dir``.

    ``names`` from :func:`names_for` over the corpus (default: this source
    alone).  An expression printed twice (here or in a source already
    written, as recorded in ``done``) is written once, from its first printing.
    """
    done = {} if done is None else done
    names = names_for([parsed], base=base) if names is None else names
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for ins in parsed.instruments:
        named = names.get((parsed.source.id, ins.node.start)) or _standalone_names(parsed, ins, base)
        if not _matches(work, named):
            continue
        expression = named.expression
        if expression in done:
            log.info("%s: ya exportada desde otra impresión (%s)", expression, done[expression].name)
            continue
        root = to_akn(parsed, ins, base=base, names=named, generated=generated)
        errors = validate(root)
        if errors:  # written anyway: the text is still worth having; the log says what to fix
            log.warning("%s: no valida contra AKN 3.0: %s", expression, "; ".join(errors[:3]))
        path = out_dir / file_name(expression)
        _atomic_write(path, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        done[expression] = path
        written.append(path)
    return written


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".xml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_akn(paths: list[Path], *, work: str | None, out_dir: Path, base: str) -> list[Path]:
    """Export the works under ``paths`` (all, or those whose IRI contains ``work``) as AKN files.

    Works are named over all of ``paths`` (as ``cabildo build`` of the same
    paths names them).  Unreadable sources are skipped with a logged warning;
    the written paths are returned in source order.
    """
    parsed_sources: list[ParsedSource] = []
    for path in discover(paths):
        try:
            parsed_sources.append(parse_source(open_source(path)))
        except (DecodeError, SourceError, OSError) as exc:
            log.warning("%s: no se exporta: %s", path, exc)
    names = names_for(parsed_sources, base=base)
    done: dict[str, Path] = {}
    written: list[Path] = []
    for parsed in parsed_sources:
        written.extend(write_akn(parsed, out_dir=out_dir, base=base, work=work, names=names, done=done))
    return written


# -- validation -------------------------------------------------------------


class _LocalResolver(etree.Resolver):
    """Resolves the XSD's imports to the vendored copies; every other remote URL is refused."""

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:
        url = system_url or ""
        name = url.rsplit("/", 1)[-1]
        if url.startswith(("http://", "https://", "ftp://")):
            local = SCHEMA_DIR / name
            if name == "xml.xsd" and local.is_file():
                return self.resolve_filename(str(local), context)
            raise OSError(f"remote schema location refused: {url}")
        return None


def schema_parser() -> etree.XMLParser:
    """A parser that never touches the network (for the schema and for documents)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalResolver())
    return parser


@functools.lru_cache(maxsize=1)
def load_schema() -> etree.XMLSchema:
    """The vendored OASIS AKN 3.0 schema (strict: eIds unique per document)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), schema_parser()))


def validate(root: etree._Element) -> list[str]:
    """Schema errors of an AKN document (empty when valid)."""
    schema = load_schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
