"""Typed values that flow from text to graph.

Every value produced from text carries a character span (``start``/``end``)
into the NFC text of its :class:`Source`, so any fact can be traced back to
the words that support it.  Values are plain dataclasses: the extractors are
pure functions over them and only :mod:`extract.graph` turns them into triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterator


class NodeKind(StrEnum):
    """Kinds of structural node, named after their Akoma Ntoso element."""

    DOCUMENT = "document"  # the whole source file
    INSTRUMENT = "instrument"  # one legal instrument inside a source
    PREFACE = "preface"  # title block of an instrument
    PREAMBLE = "preamble"  # enacting formula ("El Concejo ... sanciona la siguiente:")
    CONCLUSIONS = "conclusions"  # closing formula and signatures
    MASTHEAD = "masthead"  # Gaceta header (name, number, date, deposit)
    BOILERPLATE = "boilerplate"  # text printed beside an instrument that is not part of it
    HEADING = "heading"  # a source-level heading between instruments (page title)
    TITLE = "title"  # título
    CHAPTER = "chapter"  # capítulo
    SECTION = "section"  # sección
    ARTICLE = "article"  # artículo
    QUOTED_ARTICLE = "quotedArticle"  # an article quoted inside an amending article
    PARAGRAPH = "paragraph"  # parágrafo (único, primero, ...)
    NUMERAL = "point"  # numeral "1.", "1.-", "1o.-"
    LITERAL = "list_item"  # literal "a)"
    NOTE = "note"  # editorial note ("Nota: Artículo reformado por ...")
    BLOCK = "p"  # free paragraph (text with no number)
    UNASSIGNED = "unassigned"  # blank or unrecognised text kept for the round trip


#: Kinds whose ``number`` is meaningful and addressable in IRIs.
NUMBERED_KINDS = frozenset(
    {
        NodeKind.TITLE,
        NodeKind.CHAPTER,
        NodeKind.SECTION,
        NodeKind.ARTICLE,
        NodeKind.QUOTED_ARTICLE,
        NodeKind.PARAGRAPH,
        NodeKind.NUMERAL,
        NodeKind.LITERAL,
    }
)


@dataclass(slots=True)
class Node:
    """A node of the structure tree.

    ``start``/``end`` delimit the node in the source text.  Children are
    ordered, do not overlap and lie inside the parent; text of the parent not
    covered by a child belongs to the parent itself ("own text").  The tree
    therefore partitions the input: rendering it gives the input back.
    """

    kind: NodeKind
    start: int
    end: int
    number: str | None = None  # normalised number ("10", "378-A", "12 bis", "a")
    raw_number: str | None = None  # as printed ("05", "1º", "378-A", "a)")
    heading: str | None = None  # epígrafe or heading text, normalised spaces
    heading_span: tuple[int, int] | None = None
    body_start: int | None = None  # where the content after the heading starts
    children: list[Node] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    def walk(self) -> Iterator[Node]:
        """Yield this node and its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, kind: NodeKind) -> Iterator[Node]:
        """Yield descendants (not self) of the given kind, in document order."""
        for child in self.children:
            if child.kind is kind:
                yield child
            yield from child.find(kind)

    def text(self, source_text: str) -> str:
        """The exact source text of the node."""
        return source_text[self.start : self.end]

    def body(self, source_text: str) -> str:
        """The text after the heading (the article's content)."""
        start = self.body_start if self.body_start is not None else self.start
        return source_text[start : self.end]


class InstrumentType(StrEnum):
    """Types of legal instrument; values are SKOS notations in the ontology."""

    ORDENANZA = "ordenanza"
    REFORMA_PARCIAL = "reforma-parcial"
    REFORMA_TOTAL = "reforma-total"
    LEY = "ley"
    REGLAMENTO = "reglamento"
    DECRETO = "decreto"
    ACUERDO = "acuerdo"
    RESOLUCION = "resolucion"
    MANUAL = "manual"  # manual / page listing an organ's functions
    PLAN = "plan"  # plan operativo
    DOCUMENT = "documento"  # anything else


@dataclass(slots=True)
class Signatory:
    name: str
    role: str | None
    start: int
    end: int


@dataclass(slots=True)
class Instrument:
    """One legal instrument found in a source, with its printed metadata."""

    node: Node  # the INSTRUMENT node in the tree
    type: InstrumentType
    title: str | None = None
    title_span: tuple[int, int] | None = None
    subject_title: str | None = None  # for a reform: the title of the work it amends
    consolidated: bool = False  # a printed full text of a reformed work
    gazette_name: str | None = None  # "Gaceta Municipal", "Registro Oficial"
    gazette_kind: str | None = None  # "Extraordinaria", "Ordinaria", "Suplemento"
    gazette_number: str | None = None
    publication_date: str | None = None  # ISO date
    session_dates: list[str] = field(default_factory=list)
    sanction_date: str | None = None
    place: str | None = None
    signatories: list[Signatory] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def articles(self) -> list[Node]:
        """Articles of the instrument itself (not quoted ones), in order."""
        return list(self.node.find(NodeKind.ARTICLE))


@dataclass(slots=True)
class SourceMeta:
    """What cannot always be read from a text: where and who it is from."""

    jurisdiction: str | None = None  # AKN country[-locality], e.g. "ve-heres"
    country: str | None = None  # ISO 3166-1 alpha-2, lower case
    locality: str | None = None
    issuing_body: str | None = None
    language: str = "spa"
    title: str | None = None


@dataclass(slots=True)
class Source:
    """A decoded source text (always NFC) and where it came from."""

    id: str  # stable id derived from the file name
    path: str
    text: str
    sha256: str  # hash of the raw bytes
    meta: SourceMeta = field(default_factory=SourceMeta)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedSource:
    """The structure tree of a source and the instruments found in it."""

    source: Source
    root: Node
    instruments: list[Instrument]
    warnings: list[str] = field(default_factory=list)
