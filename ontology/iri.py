"""The only place that mints IRIs for Cabildo.

Why one module: an IRI is a promise.  If two modules built IRIs with
f-strings, they would drift apart and the graph would quietly split one
article into two nodes.  Every function here is deterministic (same inputs,
same IRI), returns an :class:`rdflib.URIRef`, and only ever emits characters
that are safe in an IRI path (slugs, dates, eIds and percent-encoding).

Legal resources follow the Akoma Ntoso Naming Convention (AKN-NC 1.0, §4/§5)
under a configurable base (the real base is a setting passed in)::

    {base}akn/{country}[-{locality}]/{act|doc}/{subtype}/{date}/{name}   work
    {work}/{lang}@{date}                                              expression (version)
    {work or expression}/!main~{eId}                                  portion (subdivision)

Everything else (organs, facts, sources) lives under short typed paths of
the same base.  Code-list concepts are fixed: they ship with the ontology
under ``https://w3id.org/cabildo/concept/{scheme}/{notation}``.

Walkthrough for one (invented) ordinance:

>>> work = work_iri("ve-ejemplo", "ordenanza", "2007-02-01",
...                 slugify("Ordenanza sobre Ferias y Mercados Municipales",
...                         drop_leading=("ordenanza",)))
>>> print(work)
https://cabildo.example/akn/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales
>>> art = article_eid("2")
>>> print(component(work, art))                      # the article (work level)
https://cabildo.example/akn/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales/!main~art_2
>>> v2 = expression_iri(work, "spa", "2010-05-03")   # version of 3 May 2010
>>> print(component(v2, art))                        # that version of article 2
https://cabildo.example/akn/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales/spa@2010-05-03/!main~art_2
>>> print(component(v2, list_item_eid(point_eid(art, "3"), "a)")))
https://cabildo.example/akn/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales/spa@2010-05-03/!main~art_2__point_3__item_a
>>> article_eid("12 bis"), article_eid("378-A"), article_eid("1º")
('art_12-bis', 'art_378-a', 'art_1')
>>> chapter_eid("II", parent=title_eid("I"))
'title_i__chp_ii'
>>> parts = parse_akn(component(v2, art))
>>> parts.jurisdiction, parts.subtype, parts.version, parts.portion
('ve-ejemplo', 'ordenanza', '2010-05-03', 'art_2')
>>> str(parts.work()) == str(work)
True
>>> print(organ_iri("ve-ejemplo", slugify("Dirección de Hacienda Municipal")))
https://cabildo.example/organ/ve-ejemplo/direccion-hacienda-municipal
>>> print(selector_iri("gaceta-2010-045", 412, 572))
https://cabildo.example/source/gaceta-2010-045#char=412,572
>>> print(duty_iri("gaceta-2010-045", 412, 572))
https://cabildo.example/duty/gaceta-2010-045/412-572
>>> print(concept_iri("status", "in_force"))
https://w3id.org/cabildo/concept/status/in_force
>>> print(work_iri("ve-ejemplo", "ordenanza", "2007-02-01", "x", base="https://kb.example.org/data/"))
https://kb.example.org/data/akn/ve-ejemplo/act/ordenanza/2007-02-01/x

eId choices (AKN-NC §5, ``[prefix "__"] element_ref ["_" number]``):

* element refs are the official AKN abbreviations: ``title``, ``chp``,
  ``sec``, ``art``, ``para``, ``point``, ``item`` (a *literal* "a)" is an
  AKN ``item``; ``list_item`` is not an AKN element and its underscore would
  make eIds ambiguous).
* articles are numbered uniquely in an act, so ``art_N`` carries no prefix
  (as in AKN practice); titles/chapters/sections prefix each other, and
  paragraphs/points/items are prefixed by their container
  (``art_10__para_unico``, ``art_10__point_3__item_a``).
* numbers are lower-cased, accent-free, ordinal marks dropped, and split
  into tokens at every change between digits and letters, joined by ``-``:
  "12 bis" and "12bis" give ``12-bis``; "378-A" and "378A" give ``378-a``;
  "1.2" gives ``1-2`` (so it cannot collide with "12").  AKN-NC strips
  punctuation instead; we keep a separator to avoid such collisions.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Collection, Final, Mapping
from urllib.parse import quote

from rdflib import URIRef

#: Default base of instance IRIs.  Deployments pass their own ``base``.
DEFAULT_BASE: Final = "https://cabildo.example/"
#: Fixed namespace of the ontology's own terms (see namespace.CAB).
ONTOLOGY_NS: Final = "https://w3id.org/cabildo/ontology#"
#: Fixed base of the code lists published in cabildo.ttl.
CONCEPT_BASE: Final = "https://w3id.org/cabildo/concept/"
#: AKN component name of the main body.
MAIN: Final = "main"

# --------------------------------------------------------------------------
# Code lists: scheme name -> notations.  cabildo.ttl declares exactly these
# (a test checks both ways).  Instrument types are extract.model.InstrumentType.
CODE_LISTS: Final[Mapping[str, tuple[str, ...]]] = {
    "instrument-type": (
        "ordenanza", "reforma-parcial", "reforma-total", "ley", "reglamento",
        "decreto", "acuerdo", "resolucion", "manual", "plan", "documento",
    ),
    "subdivision-type": (
        "titulo", "capitulo", "seccion", "articulo", "paragrafo", "numeral", "literal",
    ),
    "modification-type": (
        "substitution", "repeal", "insertion", "renumbering", "termSubstitution", "renumberAll",
    ),
    "duty-type": ("obligation", "power", "prohibition"),
    "status": ("in_force", "repealed", "not_yet_in_force", "unknown"),
    "discrepancy-kind": ("text", "number", "heading", "missing_in_print", "missing_in_computed",
                         "printed_although_repealed", "substitution_not_applied", "term_not_applied", "unverifiable", "not_in_computation"),
}

#: Time units (scheme ``time-unit``): notation -> unit IRI (OWL-Time or own).
TIME_UNITS: Final[Mapping[str, str]] = {
    "business_day": ONTOLOGY_NS + "unitBusinessDay",
    "day": "http://www.w3.org/2006/time#unitDay",
    "week": "http://www.w3.org/2006/time#unitWeek",
    "month": "http://www.w3.org/2006/time#unitMonth",
    "year": "http://www.w3.org/2006/time#unitYear",
    "hour": "http://www.w3.org/2006/time#unitHour",
}

#: Structure node kind (extract.model.NodeKind value) -> AKN eId element ref.
ELEMENT_REF: Final[Mapping[str, str]] = {
    "title": "title",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "point": "point",
    "list_item": "item",
}

#: Structure node kind -> notation in the ``subdivision-type`` code list.
SUBDIVISION_TYPE: Final[Mapping[str, str]] = {
    "title": "titulo",
    "chapter": "capitulo",
    "section": "seccion",
    "article": "articulo",
    "paragraph": "paragrafo",
    "point": "numeral",
    "list_item": "literal",
}

#: Instrument types published as AKN ``doc`` (not normative acts).
_DOC_SUBTYPES: Final = frozenset({"manual", "plan", "documento"})

#: Kinds of fact node whose IRIs are keyed by their evidence span.
FACT_KINDS: Final = frozenset({"duty", "deadline", "modification", "citation", "discrepancy"})

#: Spanish words that carry no identity in a title (articles, prepositions,
#: conjunctions).  Kept small on purpose: removing content words would make
#: different titles collide.
STOPWORDS: Final = frozenset(
    """a al ante bajo con contra de del desde e el en entre hacia hasta la las lo los
    mediante o para por segun sin so sobre su sus tras u un una unas unos y que se""".split()
)

_UNDATED: Final = "sin-fecha"
_SLUG_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE_RE: Final = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_FULL_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG_RE: Final = re.compile(r"[a-z]{3}")
_JURISDICTION_RE: Final = re.compile(r"[a-z]{2}(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?")
_ELEMENT_RE: Final = re.compile(r"[a-z]+")
_EID_RE: Final = re.compile(r"[a-z]+(?:_[a-z0-9]+(?:-[a-z0-9]+)*)?(?:__[a-z]+(?:_[a-z0-9]+(?:-[a-z0-9]+)*)?)*")

#: Parser of AKN IRIs minted here (the base is everything before ``akn/``).
_AKN_RE: Final = re.compile(
    r"""
    ^(?P<base>https?://[^\s]*?/)akn/                       # configurable base, then the AKN root
    (?P<jurisdiction>[a-z]{2}(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?)/  # country[-locality]
    (?P<doc_type>act|doc)/                                 # AKN document type
    (?P<subtype>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)/            # FRBRsubtype = instrument type
    (?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?|sin-fecha)/       # work date (or undated)
    (?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)                     # AKN "number": number or title slug
    (?:/(?P<lang>[a-z]{3})@(?P<version>\d{4}-\d{2}-\d{2})?)?  # expression: lang@date ('@' = original)
    (?:/!(?P<component>[a-z][a-z0-9]*)                     # component, always 'main' here
       (?:~(?P<portion>[a-z][a-z0-9_-]*))?)?               # portion: an eId
    $""",
    re.VERBOSE,
)


# --------------------------------------------------------------------------
# Text helpers


def _ascii_fold(text: str) -> str:
    """Lower-case, accent-free text ("Dirección" -> "direccion")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tokens(text: str) -> list[str]:
    """Alphanumeric runs of folded text; ordinal marks (º ª °) vanish."""
    folded = _ascii_fold(text.replace("º", " ").replace("ª", " ").replace("°", " "))
    return re.findall(r"[a-z0-9]+", folded)


def _short_hash(text: str) -> str:
    """Stable 10-hex fallback id for input with no letters or digits."""
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def safe_segment(text: str) -> str:
    """Make ``text`` one IRI-safe path segment without dropping words.

    Idempotent on slugs; used where an identifier (not a title) is given.

    >>> safe_segment("Gaceta 2010/045"), safe_segment("ferias-mercados")
    ('gaceta-2010-045', 'ferias-mercados')
    """
    tokens = _tokens(text)
    return "-".join(tokens) if tokens else _short_hash(text)


def slugify(title: str, *, max_len: int = 60, drop_leading: Collection[str] = ()) -> str:
    """Short, stable, accent-free slug of a title, stop-words removed.

    ``drop_leading`` words are removed from the start while they match (e.g.
    the instrument type, already present in the work IRI); at least one word
    is always kept.  The slug is cut at a word boundary to ``max_len``.

    >>> slugify("ORDENANZA DE REFORMA PARCIAL DE LA ORDENANZA SOBRE FERIAS Y MERCADOS",
    ...         drop_leading=("ordenanza", "reforma", "parcial"))
    'ferias-mercados'
    >>> slugify("Régimen Administrativo del Concejo")
    'regimen-administrativo-concejo'
    """
    words = [w for w in _tokens(title) if w not in STOPWORDS]
    drop = {t for d in drop_leading for t in _tokens(d)}
    while len(words) > 1 and words[0] in drop:
        words.pop(0)
    if not words:
        return _short_hash(title)
    slug = words[0][:max_len]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > max_len:
            break
        slug += "-" + word
    return slug


def _check_base(base: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+/", base):
        raise ValueError(f"base must be an absolute http(s) IRI ending with '/': {base!r}")
    return base


def _check_jurisdiction(jurisdiction: str) -> str:
    value = jurisdiction.strip().lower()
    if not _JURISDICTION_RE.fullmatch(value):
        raise ValueError(f"jurisdiction must be 'cc' or 'cc-locality' (AKN), got {jurisdiction!r}")
    return value


def _iso_date(date: _dt.date | str | None, *, allow_partial: bool) -> str | None:
    """Validate an ISO date (YYYY[-MM[-DD]] when ``allow_partial``)."""
    if date is None:
        return None
    if isinstance(date, _dt.datetime):
        date = date.date()
    if isinstance(date, _dt.date):
        return date.isoformat()
    value = str(date).strip()
    pattern = _DATE_RE if allow_partial else _FULL_DATE_RE
    if not pattern.fullmatch(value):
        raise ValueError(f"not an ISO date: {date!r}")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        _dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ValueError(f"impossible date: {date!r}") from None
    return value


def _quote_id(identifier: str) -> str:
    """Percent-encode a source/activity id (keeps letters, digits, ``-._``)."""
    if not identifier:
        raise ValueError("identifier must not be empty")
    return quote(identifier, safe="")


# --------------------------------------------------------------------------
# eIds


def normalize_number(number: str) -> str:
    """The eId form of a printed or normalised number (see module docstring).

    >>> [normalize_number(n) for n in ["10", "12 bis", "12BIS", "378-A", "1.-", "Único", "II", "a)"]]
    ['10', '12-bis', '12-bis', '378-a', '1', 'unico', 'ii', 'a']
    """
    tokens: list[str] = []
    for run in _tokens(number):
        tokens.extend(re.findall(r"[0-9]+|[a-z]+", run))
    return "-".join(tokens) if tokens else _short_hash(number)


def eid(kind: str, number: str | None, *, parent: str | None = None) -> str:
    """eId of a structure node of ``kind`` (an extract.model.NodeKind value).

    Articles ignore ``parent`` (they are unique in an act); other kinds are
    prefixed by their container's eId when one is given.
    """
    try:
        ref = ELEMENT_REF[kind]
    except KeyError:
        raise ValueError(f"no AKN element for node kind {kind!r}") from None
    own = ref if number is None else f"{ref}_{normalize_number(number)}"
    if kind == "article" or not parent:
        return own
    if not _EID_RE.fullmatch(parent):
        raise ValueError(f"not an eId: {parent!r}")
    return f"{parent}__{own}"


def title_eid(number: str) -> str:
    """eId of a título: ``title_i``."""
    return eid("title", number)


def chapter_eid(number: str, *, parent: str | None = None) -> str:
    """eId of a capítulo, prefixed by its título if any: ``title_i__chp_2``."""
    return eid("chapter", number, parent=parent)


def section_eid(number: str, *, parent: str | None = None) -> str:
    """eId of a sección, prefixed by its container if any."""
    return eid("section", number, parent=parent)


def article_eid(number: str) -> str:
    """eId of an artículo: ``art_10``, ``art_12-bis``."""
    return eid("article", number)


def paragraph_eid(parent: str, number: str) -> str:
    """eId of a parágrafo inside ``parent``: ``art_10__para_unico``."""
    return eid("paragraph", number, parent=parent)


def point_eid(parent: str, number: str) -> str:
    """eId of a numeral inside ``parent``: ``art_10__point_3``."""
    return eid("point", number, parent=parent)


def list_item_eid(parent: str, number: str) -> str:
    """eId of a literal inside ``parent``: ``art_10__point_3__item_a``."""
    return eid("list_item", number, parent=parent)


# --------------------------------------------------------------------------
# AKN IRIs


@dataclass(frozen=True, slots=True)
class AknIri:
    """The parts of an AKN IRI minted here; ``str()`` gives the IRI back."""

    base: str
    jurisdiction: str
    doc_type: str  # "act" or "doc"
    subtype: str  # instrument type, e.g. "ordenanza"
    date: str  # YYYY[-MM[-DD]] or "sin-fecha"
    name: str  # AKN "number" segment: a number or a title slug
    lang: str | None = None  # set on expressions
    version: str | None = None  # expression date; "" for the original ("spa@")
    component: str | None = None  # "main" on portions
    portion: str | None = None  # eId

    def __str__(self) -> str:
        iri = f"{self.base}akn/{self.jurisdiction}/{self.doc_type}/{self.subtype}/{self.date}/{self.name}"
        if self.lang is not None:
            iri += f"/{self.lang}@{self.version or ''}"
        if self.component is not None:
            iri += f"/!{self.component}"
            if self.portion is not None:
                iri += f"~{self.portion}"
        return iri

    @property
    def iri(self) -> URIRef:
        """The IRI as an rdflib term."""
        return URIRef(str(self))

    @property
    def is_work(self) -> bool:
        """True for a work IRI (no expression, no portion)."""
        return self.lang is None and self.component is None

    def work(self) -> AknIri:
        """The work this IRI belongs to."""
        return replace(self, lang=None, version=None, component=None, portion=None)

    def subdivision(self) -> AknIri:
        """The work-level subdivision (drops the expression part)."""
        return replace(self, lang=None, version=None)

    def expression(self, lang: str, date: _dt.date | str | None) -> AknIri:
        """The same work or portion in the expression ``lang@date``."""
        if not _LANG_RE.fullmatch(lang):
            raise ValueError(f"language must be ISO 639-2 alpha-3, got {lang!r}")
        return replace(self, lang=lang, version=_iso_date(date, allow_partial=False) or "")

    def part(self, eid_: str) -> AknIri:
        """The portion ``eid_`` of this work or expression."""
        if not _EID_RE.fullmatch(eid_):
            raise ValueError(f"not an eId: {eid_!r}")
        return replace(self, component=MAIN, portion=eid_)


def akn_doc_type(subtype: str) -> str:
    """AKN document type for an instrument type: normative ones are ``act``."""
    return "doc" if subtype in _DOC_SUBTYPES else "act"


def work_iri(
    jurisdiction: str,
    doc_type: str,
    date: _dt.date | str | None,
    slug: str,
    *,
    base: str = DEFAULT_BASE,
) -> URIRef:
    """IRI of a work: ``{base}akn/{jurisdiction}/act/{doc_type}/{date}/{slug}``.

    ``doc_type`` is the instrument type (InstrumentType value) and becomes
    the AKN subtype; ``date`` may be partial (YYYY, YYYY-MM) or None
    (undated pages become ``sin-fecha``).  ``slug`` is a number or a title
    slug; it is made path-safe (not stop-word filtered) if it is not one.
    """
    subtype = safe_segment(doc_type)
    name = slug if _SLUG_RE.fullmatch(slug) else safe_segment(slug)
    value = AknIri(
        base=_check_base(base),
        jurisdiction=_check_jurisdiction(jurisdiction),
        doc_type=akn_doc_type(subtype),
        subtype=subtype,
        date=_iso_date(date, allow_partial=True) or _UNDATED,
        name=name,
    )
    return value.iri


def expression_iri(work: str, lang: str, date: _dt.date | str | None) -> URIRef:
    """IRI of the version of a work (or subdivision) in ``lang`` as of ``date``.

    One expression per version: ``date`` is the version's first day in force
    (cab:validFrom); None gives ``spa@``, the original with an unknown date.
    Given a subdivision, the result equals ``component(expression_iri(work,
    ...), eid)``.
    """
    parsed = parse_akn(work)
    if parsed.lang is not None:
        raise ValueError(f"already an expression: {work}")
    return parsed.expression(lang, date).iri


def component(expr_or_work: str, eid_: str) -> URIRef:
    """IRI of the portion ``eid_`` of a work (subdivision) or expression (version)."""
    parsed = parse_akn(expr_or_work)
    if parsed.component is not None:
        raise ValueError(f"already a portion: {expr_or_work}")
    return parsed.part(eid_).iri


def parse_akn(iri: str) -> AknIri:
    """Read an AKN IRI minted by this module back into its parts.

    Raises ValueError for anything else (so callers can tell AKN resources
    from organs, facts and sources).
    """
    match = _AKN_RE.match(str(iri))
    if match is None:
        raise ValueError(f"not an AKN IRI minted by Cabildo: {iri}")
    groups = match.groupdict()
    portion = groups["portion"]
    if portion is not None and not _EID_RE.fullmatch(portion):
        raise ValueError(f"bad eId in {iri}")
    lang = groups["lang"]
    return AknIri(
        base=groups["base"],
        jurisdiction=groups["jurisdiction"],
        doc_type=groups["doc_type"],
        subtype=groups["subtype"],
        date=groups["date"],
        name=groups["name"],
        lang=lang,
        version=(groups["version"] or "") if lang is not None else None,
        component=groups["component"],
        portion=portion,
    )


# --------------------------------------------------------------------------
# Organs, jurisdictions, subjects


def organ_iri(jurisdiction: str, slug: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of an organ (org:Organization) of a jurisdiction, keyed by name slug."""
    return URIRef(f"{_check_base(base)}organ/{_check_jurisdiction(jurisdiction)}/{safe_segment(slug)}")


def post_iri(jurisdiction: str, slug: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a post (org:Post, e.g. Alcalde) of a jurisdiction, keyed by name slug."""
    return URIRef(f"{_check_base(base)}post/{_check_jurisdiction(jurisdiction)}/{safe_segment(slug)}")


def jurisdiction_scheme_iri(*, base: str = DEFAULT_BASE) -> URIRef:
    """The concept scheme of jurisdictions (eli:AdministrativeArea values)."""
    return URIRef(f"{_check_base(base)}concept/jurisdiction")


def jurisdiction_iri(jurisdiction: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The SKOS concept of a jurisdiction, e.g. ``{base}concept/jurisdiction/ve-heres``."""
    return URIRef(f"{jurisdiction_scheme_iri(base=base)}/{_check_jurisdiction(jurisdiction)}")


def subject_scheme_iri(*, base: str = DEFAULT_BASE) -> URIRef:
    """The concept scheme of subject matters (materias)."""
    return URIRef(f"{_check_base(base)}concept/subject")


def subject_iri(slug: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """A subject-matter concept (cab:subject values), keyed by slug."""
    return URIRef(f"{subject_scheme_iri(base=base)}/{safe_segment(slug)}")


# --------------------------------------------------------------------------
# Sources, spans and facts


def source_iri(source_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The source file as a prov:Entity (cab:sourceFile values)."""
    return URIRef(f"{_check_base(base)}source/{_quote_id(source_id)}")


def source_graph_iri(source_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph holding every triple read from one source file."""
    return URIRef(f"{_check_base(base)}graph/{_quote_id(source_id)}")


def _check_span(start: int, end: int) -> None:
    if start < 0 or end < start:
        raise ValueError(f"bad span {start}-{end}")


def selector_iri(source_id: str, start: int, end: int, *, base: str = DEFAULT_BASE) -> URIRef:
    """A text span as an oa:TextPositionSelector: RFC 5147 ``#char=start,end``.

    Offsets are code points in the NFC text of the source, end exclusive.
    """
    _check_span(start, end)
    return URIRef(f"{source_iri(source_id, base=base)}#char={start},{end}")


def fact_iri(kind: str, source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a fact read from a span: ``{base}{kind}/{source}/{start}-{end}[-{seq}]``.

    Facts are keyed by their evidence: a source id already changes when the
    file changes, so span keys are stable across rebuilds.  ``seq`` tells
    apart several facts read from the same span.
    """
    if kind not in FACT_KINDS:
        raise ValueError(f"unknown fact kind {kind!r}; expected one of {sorted(FACT_KINDS)}")
    if seq < 0:
        raise ValueError("seq must be >= 0")
    _check_span(start, end)
    suffix = f"-{seq}" if seq else ""
    return URIRef(f"{_check_base(base)}{kind}/{_quote_id(source_id)}/{start}-{end}{suffix}")


def duty_iri(source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a cab:Duty read from ``source_id[start:end]``."""
    return fact_iri("duty", source_id, start, end, seq=seq, base=base)


def deadline_iri(source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a cab:Deadline read from ``source_id[start:end]``."""
    return fact_iri("deadline", source_id, start, end, seq=seq, base=base)


def duration_iri(deadline: str) -> URIRef:
    """IRI of the time:Duration node of a deadline (not a blank node)."""
    return URIRef(f"{deadline}/duration")


def modification_iri(source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a cab:Modification read from ``source_id[start:end]``."""
    return fact_iri("modification", source_id, start, end, seq=seq, base=base)


def citation_iri(source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a cab:Citation read from ``source_id[start:end]``."""
    return fact_iri("citation", source_id, start, end, seq=seq, base=base)


def discrepancy_iri(source_id: str, start: int, end: int, *, seq: int = 0, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a cab:Discrepancy whose printed side is ``source_id[start:end]``."""
    return fact_iri("discrepancy", source_id, start, end, seq=seq, base=base)


def agent_iri(name: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """A prov:SoftwareAgent (an extractor or the build tool), keyed by name."""
    return URIRef(f"{_check_base(base)}agent/{safe_segment(name)}")


def activity_iri(activity_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """A prov:Activity (one build run) keyed by its id, e.g. a UTC timestamp."""
    return URIRef(f"{_check_base(base)}activity/{_quote_id(activity_id)}")


# --------------------------------------------------------------------------
# Code lists (fixed IRIs, declared in cabildo.ttl)


def scheme_iri(scheme: str) -> URIRef:
    """IRI of a code list (skos:ConceptScheme) shipped with the ontology."""
    if scheme not in CODE_LISTS and scheme != "time-unit":
        raise ValueError(f"unknown code list {scheme!r}")
    return URIRef(CONCEPT_BASE + scheme)


def concept_iri(scheme: str, notation: str) -> URIRef:
    """IRI of the concept with ``notation`` in code list ``scheme``.

    Raises ValueError for a notation the ontology does not declare, so a
    typo cannot mint a concept nobody defined.
    """
    if scheme == "time-unit":
        return time_unit_iri(notation)
    notations = CODE_LISTS.get(scheme)
    if notations is None:
        raise ValueError(f"unknown code list {scheme!r}")
    if notation not in notations:
        raise ValueError(f"{notation!r} is not in code list {scheme!r}: {notations}")
    return URIRef(f"{CONCEPT_BASE}{scheme}/{notation}")


def time_unit_iri(notation: str) -> URIRef:
    """The time:TemporalUnit for a unit notation (``business_day`` is own)."""
    try:
        return URIRef(TIME_UNITS[notation])
    except KeyError:
        raise ValueError(f"unknown time unit {notation!r}; expected one of {sorted(TIME_UNITS)}") from None


def subdivision_type_iri(kind: str) -> URIRef:
    """The ``subdivision-type`` concept for a structure node kind."""
    try:
        return concept_iri("subdivision-type", SUBDIVISION_TYPE[kind])
    except KeyError:
        raise ValueError(f"no subdivision type for node kind {kind!r}") from None
