"""Cross-references: find them in text, then resolve them against a corpus.

Finding and resolving are separate passes (as in eyecite): :func:`find_citations`
reads only the text and returns :class:`Citation` values with source offsets;
:func:`resolve` maps one citation to a target using what the caller knows (the
citing article, the article numbers of the citing work, the works present in
the corpus).  Nothing is guessed: what cannot be pinned down stays
``"unresolved"``.

The grammar lives in :mod:`extract.patterns.citations`; this module only
assembles its tokens (which article belongs to which work) and normalises.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Literal, Mapping, Sequence

from extract.patterns import citations as P
from extract.patterns.registry import Pattern
from extract.patterns.structure import ARTICLE_HEAD, ARTICLE_INLINE

RelativeKind = Literal["previous", "next", "self"]
TargetKind = Literal[
    "internal-article", "internal-relative", "internal-work", "external-work", "external-part", "unresolved"
]


@dataclass(frozen=True, slots=True)
class PartRef:
    """One cited part: an article (None: the citing article) and optional sub-parts."""

    article: str | None
    numeral: str | None = None
    ordinal: str | None = None
    literal: str | None = None
    paragraph: str | None = None
    inciso: str | None = None

    def sub(self) -> dict[str, str]:
        """The sub-parts that are set, e.g. ``{"numeral": "10"}``."""
        names = ("numeral", "ordinal", "literal", "paragraph", "inciso")
        return {n: v for n in names if (v := getattr(self, n)) is not None}


@dataclass(frozen=True, slots=True)
class WorkRef:
    """Another instrument as cited: its kind, printed title and number.

    ``deictic`` is set when the work is named only by context ("dicho Código",
    "la Ordenanza vigente"); such a reference cannot be resolved from text alone.
    """

    kind: str  # ley, ordenanza, codigo, constitucion, decreto, decreto-ley, reglamento, ..., gaceta
    title: str  # as printed, whitespace collapsed
    number: str | None = None
    deictic: str | None = None


@dataclass(slots=True)
class Citation:
    """A cross-reference found in text, with offsets into the source."""

    text: str
    start: int
    end: int
    parts: list[PartRef]
    work_ref: WorkRef | None  # None: the citing instrument itself
    relative: RelativeKind | None  # "el artículo anterior" -> "previous"
    internal: bool
    pattern: str
    confidence: float
    relative_unit: str | None = None  # "article", "numeral", "literal", "inciso", "paragraph"
    count: int | None = None  # relative units meant; None for an unspecified plural

    @property
    def articles(self) -> list[str]:
        """Cited article numbers in order, without repeats."""
        return list(dict.fromkeys(p.article for p in self.parts if p.article is not None))


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a citation points. ``external`` is True when the corpus lacks the cited work."""

    kind: TargetKind
    work_id: str | None = None
    articles: tuple[str, ...] = ()
    external: bool = False
    missing: tuple[str, ...] = ()  # cited article numbers not found in the target
    reason: str = ""


# --------------------------------------------------------------------------- normalising

_SUB_FIELD = {
    "numeral": "numeral", "numerales": "numeral", "ordinal": "ordinal", "ordinales": "ordinal",
    "literal": "literal", "literales": "literal", "letra": "literal", "letras": "literal",
    "inciso": "inciso", "incisos": "inciso", "paragrafo": "paragraph", "paragrafos": "paragraph",
    "apartado": "paragraph", "apartados": "paragraph",
}
#: Kind of a work from its (folded) keyword; the first that matches wins.
_KIND_OF = re.compile(
    r"(?P<decreto_ley>decreto\s+con\s+fuerza\s+de\s+ley|decreto[\s-]ley\b|d\.\s?f\.\s?l\.)|(?P<constitucion>constitucion)"
    r"|(?P<codigo>codigo)|(?P<carta_organica>carta\s+organica)|(?P<ley>ley)|(?P<decreto>decreto)"
    r"|(?P<ordenanza>ordenanza)|(?P<reglamento>reglamento)|(?P<resolucion>resolucion)|(?P<acuerdo>acuerdo)"
)
_STOPWORDS = frozenset("de del la las el los y e o u sobre para en por a al con contra".split())
_COUNT_WORDS = {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5}
_MAX_RANGE = 200  # "Arts. 31 al 35" is expanded; absurd ranges are kept as their two ends
_MAX_COMBOS = 200  # sub-part combinations per article

_ART_TOKEN = re.compile(
    rf"(?P<range>\b(?:al|a|hasta)\b)|(?P<num>{P.ART_NUM})", re.VERBOSE | re.IGNORECASE
)
_ART_PARTS = re.compile(
    r"(?P<d>\d{1,4})(?:\s?[º°ª]|o\.?|\.[º°])?(?:[-–](?P<l>[A-Z]))?(?:\s+(?P<lat>\w+))?", re.IGNORECASE
)
_SUB_TOKEN = re.compile(rf"(?P<kw>{P.SUB_KW})|(?P<val>{P.SUB_VAL})", re.VERBOSE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: for comparing names."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.lower()).strip()


def _norm_article(token: str) -> str:
    word = fold(token)
    if word in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[word]
    m = _ART_PARTS.match(token.strip())
    if not m:
        return word
    value = str(int(m.group("d")))
    if m.group("l"):
        value += "-" + m.group("l").upper()
    if m.group("lat"):
        value += " " + fold(m.group("lat"))
    return value


def _norm_sub(token: str) -> str:
    word = fold(token).rstrip(".")
    if word in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[word]
    digits = re.match(r"\d+", word)
    if digits:
        return str(int(digits.group(0)))
    return word.rstrip(")").strip()


def _norm_number(number: str) -> str:
    raw = _bare_number(number)
    segments = re.split(r"([/-])", raw.replace(".", "").replace(" ", ""))
    return "".join(str(int(s)) if s.isdigit() else s.upper() for s in segments)


def _bare_number(number: str) -> str:
    """The number as printed, without its "N°" mark: "N° 18.695" -> "18.695"."""
    return re.sub(r"(?i)^(?:n\.\s?[º°]|n[º°o]\.?|nro\.?|n[úu]mero)\s*", "", number.strip())


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _kind(keyword: str) -> str:
    m = _KIND_OF.match(fold(keyword))
    return m.lastgroup.replace("_", "-") if m and m.lastgroup else "documento"


# --------------------------------------------------------------------------- works

def work_key(ref: WorkRef) -> str:
    """Canonical key of a cited work, so that wordings of the same work merge.

    Accents, case, articles and prepositions are ignored ("Ley Orgánica del
    Poder Público Municipal" = "LEY ORGANICA DE PODER PUBLICO MUNICIPAL"); a
    numbered instrument is keyed by kind and number only ("Ley N° 18.695" =
    "Ley 18695, Orgánica Constitucional ..."). Keys carry no jurisdiction:
    callers that mix countries must scope them.

    >>> work_key(WorkRef("ley", "Ley Orgánica del Poder Público Municipal"))
    'ley:organica poder publico municipal'
    """
    if ref.deictic is not None:
        return f"{ref.kind}?{fold(ref.deictic)}"
    if ref.number and ref.kind != "gaceta":
        return f"{ref.kind}#{_norm_number(ref.number)}"
    key = f"{ref.kind}:{' '.join(_title_words(ref))}"
    return f"{key}#{_norm_number(ref.number)}" if ref.number else key


def _title_words(ref: WorkRef) -> list[str]:
    title = ref.title
    kw = re.match(P.WORK_KW, title, re.VERBOSE)
    if kw and ref.kind != "gaceta":
        title = title[kw.end():]
    date = re.search(P.DATE_CLAUSE + r"\s*$", title, re.VERBOSE)
    if date and len(_words(title[: date.start()])) >= 2:  # "Ley Orgánica X de 8 de junio de 2005" = "Ley Orgánica X"
        title = title[: date.start()]
    return _words(title)


def _words(title: str) -> list[str]:
    words = re.findall(r"\w+", fold(title))
    return [w for w in words if w not in _STOPWORDS and w not in ("n", "no", "nro", "numero")]


def parse_work(text: str) -> WorkRef | None:
    """Read a work's name ("la Ley N° 18.695", "Ordenanza vigente") into a :class:`WorkRef`.

    Returns None for the citing instrument itself ("esta Ordenanza") and for
    text that names no work.
    """
    text = text.strip()
    if P.REF_THIS_WORK.compiled.fullmatch(text):
        return None
    stripped = re.sub(r"(?i)^(?:la|el)\s+", "", text)
    for candidate in (stripped, text):
        m = P.REF_GAZETTE.compiled.fullmatch(candidate)
        if m:
            return _gazette_ref(m)
        m = P.REF_WORK_NAMED.compiled.fullmatch(candidate)
        if m:
            return _named_ref(m)
    for candidate in (text, "la " + text):
        m = P.REF_WORK_DEICTIC.compiled.fullmatch(candidate)
        if m:
            return _deictic_ref(m)
    lead = re.match(P.WORK_KW, stripped, re.VERBOSE)
    if lead:  # a title the grammar does not cover whole: keep it as printed
        number = re.search(P.NUMBER_CLAUSE_MARKED, stripped, re.VERBOSE)
        return WorkRef(_kind(lead.group(0)), _collapse(stripped), _bare_number(number.group(0)) if number else None)
    return None


def _named_ref(m: re.Match[str]) -> WorkRef:
    number = m.group("num") or m.group("num2")
    return WorkRef(_kind(m.group("kw")), _collapse(m.group(0)).rstrip(",;"), _bare_number(number) if number else None)


def _gazette_ref(m: re.Match[str]) -> WorkRef:
    name = _collapse(m.group("name") + (" " + m.group("edition") if m.group("edition") else ""))
    return WorkRef("gaceta", name, _bare_number(m.group("num")))


def _deictic_ref(m: re.Match[str]) -> WorkRef:
    kw = m.group("kw1") or m.group("kw2")
    det = m.group("det1") or m.group("det2")
    kind = _kind(kw)
    if det is None and kind == "constitucion":  # "la Constitución": identified within a jurisdiction
        return WorkRef(kind, _collapse(kw))
    return WorkRef(kind, _collapse(kw), None, fold(det) if det else "")


# --------------------------------------------------------------------------- finding

_LINK = re.compile(P.LINK_TO_WORK, re.VERBOSE)
_DET = re.compile(rf"(?i:la|el){P.WS}", re.VERBOSE)
_BACK_GAP = re.compile(P.GAP_WORK_THEN_ARTICLES, re.VERBOSE)
_CHAIN_GAP = re.compile(P.GAP_CHAINED_ARTICLES, re.VERBOSE)
_BOTH_GAP = re.compile(P.GAP_BEFORE_AMBOS, re.VERBOSE)


@dataclass(slots=True)
class _Found:
    cite: Citation
    rank: int  # lower wins an overlap
    both: bool = False  # "ambos de la Ley": the work also belongs to the reference before
    back: bool = False  # work inherited from "Ley X en sus Artículos ..."
    named: bool = False  # a work (or "esta Ley") is printed right after the reference


def _is_heading(text: str, pos: int) -> bool:
    """Is ``pos`` the keyword of an article heading rather than a reference?"""
    line_start = text.rfind("\n", 0, pos) + 1
    if not text[line_start:pos].strip() and ARTICLE_HEAD.match(text, pos):
        return True
    m = ARTICLE_INLINE.search(text, max(0, pos - 8), min(len(text), pos + 80))
    return bool(m and m.start("head") == pos)


def _sub_groups(fragment: str) -> list[tuple[str, list[str]]]:
    """Sub-part groups in order: ", numeral 3, literales a) y b)" -> [(numeral, [3]), (literal, [a, b])]."""
    groups: list[tuple[str, list[str]]] = []
    for tok in _SUB_TOKEN.finditer(fragment):
        if tok.group("kw"):
            groups.append((_SUB_FIELD[fold(tok.group("kw"))], []))
        elif groups and tok.group("val"):
            groups[-1][1].append(_norm_sub(tok.group("val")))
    return [(name, vals) for name, vals in groups if vals]


def _combos(groups: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    """Every choice of one value per group: numeral [3], literal [a, b] -> (3, a), (3, b). Capped."""
    names = [name for name, _ in groups]
    product = itertools.islice(itertools.product(*(vals for _, vals in groups)), _MAX_COMBOS)
    return [dict(zip(names, combo)) for combo in product]


def _combine(articles: Sequence[str | None], groups: list[tuple[str, list[str]]]) -> list[PartRef]:
    """Parts for every article and every combination of the sub-parts printed before them."""
    return [PartRef(a, **combo) for a in articles for combo in _combos(groups)]


def _article_numbers(nums: str) -> list[str]:
    out: list[str] = []
    pending_range = False
    for tok in _ART_TOKEN.finditer(nums):
        if tok.group("range"):
            pending_range = True
            continue
        value = _norm_article(tok.group("num"))
        if pending_range and out and out[-1].isdigit() and value.isdigit():
            lo, hi = int(out[-1]), int(value)
            if lo < hi <= lo + _MAX_RANGE:
                out.extend(str(n) for n in range(lo + 1, hi))
        out.append(value)
        pending_range = False
    return out


def _attach_work(text: str, end: int) -> tuple[int, WorkRef | None, bool] | None:
    """A work named right after a reference: (new end, work or None for this one, "ambos de"?)."""
    link = _LINK.match(text, end)
    if not link:
        return None
    pos = link.end()
    this = P.REF_THIS_WORK.match(text, pos)
    if this:
        return this.end(), None, bool(link.group("both"))
    det = _DET.match(text, pos)
    for start in ((det.end(), pos) if det else (pos,)):
        gazette = P.REF_GAZETTE.match(text, start)
        if gazette:
            return gazette.end(), _gazette_ref(gazette), bool(link.group("both"))
        named = P.REF_WORK_NAMED.match(text, start)
        if named:
            stop = named.end() - (len(named.group(0)) - len(named.group(0).rstrip(",;")))
            return stop, _named_ref(named), bool(link.group("both"))
    deictic = P.REF_WORK_DEICTIC.match(text, pos)
    if deictic:
        return deictic.end(), _deictic_ref(deictic), bool(link.group("both"))
    return None


def _cite(text: str, start: int, end: int, offset: int, **fields: Any) -> Citation:
    return Citation(text=text[start:end], start=start + offset, end=end + offset, **fields)


_ANAPHORIC = re.compile(r"dich|mism|citad|mencionad|indicad|predich")
_CONTINUED = re.compile(P.ARTICLE_CONTINUED, re.VERBOSE)


def _antecedent(work: WorkRef, before: int, named: list[re.Match[str]]) -> WorkRef | None:
    """The work "dicho Código" points back to: the nearest earlier named work of that kind."""
    if work.deictic is None or not _ANAPHORIC.search(work.deictic):
        return None
    for m in reversed(named):
        if m.end() <= before:
            ref = _named_ref(m)
            if ref.kind == work.kind:
                return ref
    return None


def _find_articles(text: str, offset: int, named: list[re.Match[str]]) -> list[_Found]:
    found: list[_Found] = []
    for m in P.REF_ARTICLE.finditer(text):
        if not m.group("pre") and _is_heading(text, m.start("kw")):
            continue
        cite = _article_cite(text, m, m.start(), offset, named)
        if cite is None:
            continue
        found.append(cite)
        more = _CONTINUED.match(text, cite.cite.end - offset)
        if more and cite.cite.work_ref is not None and fold(m.group("kw")).startswith(("articulos", "arts")):
            follow = _article_cite(text, more, more.start("nums"), offset, named)
            if follow is not None and follow.cite.work_ref is not None:
                follow.cite.confidence = 0.8
                found.append(follow)
    return found


def _article_cite(
    text: str, m: re.Match[str], start: int, offset: int, named: list[re.Match[str]]
) -> _Found | None:
    """One article reference from a match with groups nums, suf (and maybe pre), with its work."""
    articles = _article_numbers(m.group("nums"))
    if not articles:
        return None
    pre = m.groupdict().get("pre") or ""
    parts = _combine(articles, _sub_groups(pre))
    parts = _with_suffix(parts, articles[-1], _sub_groups(m.group("suf") or ""))
    end, work, both, confidence = m.end(), None, False, 0.9
    attached = _attach_work(text, m.end())
    if attached:
        end, work, both = attached
        confidence = 0.95 if work is None or work.deictic is None else 0.6
        if work is not None and (earlier := _antecedent(work, start, named)) is not None:
            work, confidence = earlier, 0.75
    cite = _cite(
        text, start, end, offset, parts=parts, work_ref=work, relative=None, internal=work is None,
        pattern=P.REF_ARTICLE.name, confidence=confidence, relative_unit="article",
    )
    return _Found(cite, 0, both=both, named=attached is not None)


def _with_suffix(parts: list[PartRef], last: str, suffix: list[tuple[str, list[str]]]) -> list[PartRef]:
    """Sub-parts printed after the numbers ("Artículo 5, numeral 3") refine the last article only."""
    if not suffix:
        return parts
    out = [p for p in parts if p.article != last]
    out += [replace(p, **combo) for p in parts if p.article == last for combo in _combos(suffix)]
    return out


def _share_works(text: str, arts: list[_Found], named: list[re.Match[str]], offset: int) -> None:
    """Give works to references printed without one: "ambos de la Ley", "Ley X en sus Artículos"."""
    for i in range(len(arts) - 1, 0, -1):  # backwards: "Art. 54 ... y Art. 162, ambos de la Ley"
        prev, cur = arts[i - 1], arts[i]
        gap = text[prev.cite.end - offset : cur.cite.start - offset]
        if cur.both and not prev.named and _BOTH_GAP.fullmatch(gap):
            _inherit(prev, cur.cite.work_ref, 0.8)
            prev.both = prev.named = True
    for i, cur in enumerate(arts):
        if cur.named or not cur.cite.internal:
            continue
        start = cur.cite.start - offset
        before = [w for w in named if w.end() <= start]
        if before and _BACK_GAP.fullmatch(text, before[-1].end(), start):
            w = before[-1]
            _inherit(cur, _named_ref(w), 0.85)
            cur.cite.text = text[w.start() : cur.cite.end - offset]
            cur.cite.start = w.start() + offset
            cur.back = True
        elif i and arts[i - 1].back and _CHAIN_GAP.fullmatch(text, arts[i - 1].cite.end - offset, start):
            _inherit(cur, arts[i - 1].cite.work_ref, 0.8)
            cur.back = True


def _inherit(found: _Found, work: WorkRef | None, confidence: float) -> None:
    if work is None:
        return
    found.cite.work_ref = work
    found.cite.internal = False
    found.cite.confidence = confidence


def _relative(word: str) -> RelativeKind:
    return "next" if fold(word).startswith("siguiente") else "previous"


def _count(plural: bool, word: str | None) -> int | None:
    if word:
        return _COUNT_WORDS[fold(word)]
    return None if plural else 1


def _found(
    text: str, span: tuple[int, int], offset: int, pattern: Pattern, rank: int, confidence: float, **fields: Any
) -> _Found:
    """A candidate citation; by default internal, with no parts, work or relation."""
    values: dict[str, Any] = {"parts": [], "work_ref": None, "relative": None, "internal": True, **fields}
    return _Found(_cite(text, *span, offset, pattern=pattern.name, confidence=confidence, **values), rank)


def _find_relative(text: str, offset: int) -> list[_Found]:
    found: list[_Found] = []
    for m in P.REF_ARTICLE_RELATIVE.finditer(text):
        kw, rel = m.group("kw") or m.group("kw2"), m.group("rel") or m.group("rel2")
        plural = fold(kw).rstrip(".") in ("articulos", "arts") or fold(rel).endswith("n")
        parts = _combine([None], _sub_groups(m.group("pre"))) if m.group("pre") else []
        found.append(_found(
            text, m.span(), offset, P.REF_ARTICLE_RELATIVE, 1, 0.9, parts=parts, relative=_relative(rel),
            relative_unit="article", count=_count(plural, m.group("count")),
        ))
    for m in P.REF_SUBPART_RELATIVE.finditer(text):
        kw = fold(m.group("kw"))
        found.append(_found(
            text, m.span(), offset, P.REF_SUBPART_RELATIVE, 3, 0.85, relative=_relative(m.group("rel")),
            relative_unit=_SUB_FIELD[kw], count=_count(kw.endswith("s"), None),
        ))
    for m in P.REF_DISPOSITION_RELATIVE.finditer(text):
        found.append(_found(
            text, m.span(), offset, P.REF_DISPOSITION_RELATIVE, 3, 0.85, relative=_relative(m.group("rel")),
            relative_unit="disposition", count=_count(fold(m.group("kw")).endswith("s"), None),
        ))
    for m in P.REF_SUBPART_OF_THIS.finditer(text):
        unit = fold(m.group("unit"))
        found.append(_found(
            text, m.span(), offset, P.REF_SUBPART_OF_THIS, 2, 0.9, relative="self",
            parts=_combine([None], _sub_groups(m.group("kw") + " " + m.group("vals"))),
            relative_unit="article" if unit.startswith("articulo") else _SUB_FIELD.get(unit, unit),
        ))
    for m in P.REF_SUBPART_BARE.finditer(text):
        parts = _combine([None], _sub_groups(m.group("kw") + " " + m.group("vals")))
        found.append(_found(text, (m.start("kw"), m.end()), offset, P.REF_SUBPART_BARE, 4, 0.6, parts=parts))
    return found


def _find_works(text: str, offset: int, named: list[re.Match[str]]) -> list[_Found]:
    found = [_found(text, m.span(), offset, P.REF_THIS_WORK, 5, 0.95) for m in P.REF_THIS_WORK.finditer(text)]
    found += [
        _found(text, m.span(), offset, P.REF_GAZETTE, 6, 0.9, work_ref=_gazette_ref(m), internal=False)
        for m in P.REF_GAZETTE.finditer(text)
    ]
    for m in named:
        ref = _named_ref(m)
        span = (m.start(), m.start() + len(m.group(0).rstrip(",;")))
        confidence = 0.9 if ref.number else 0.8
        found.append(_found(text, span, offset, P.REF_WORK_NAMED, 7, confidence, work_ref=ref, internal=False))
    return found


def find_citations(text: str, *, offset: int = 0) -> list[Citation]:
    """Find the cross-references in ``text`` (any span, e.g. one article).

    Offsets are shifted by ``offset`` so they point into the whole source.
    Article headings ("Artículo 10.- Corresponde...") are not references.
    Results are in text order and never overlap.

    >>> [c.text for c in find_citations("según el artículo 5 de esta Ley y el artículo anterior")]
    ['artículo 5 de esta Ley', 'artículo anterior']
    """
    if not text:
        return []
    named = P.REF_WORK_NAMED.finditer(text)
    articles = _find_articles(text, offset, named)
    _share_works(text, articles, named, offset)
    candidates = articles + _find_relative(text, offset) + _find_works(text, offset, named)
    candidates.sort(key=lambda f: (f.rank, f.cite.start, -(f.cite.end - f.cite.start)))
    kept: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for f in candidates:
        span = (f.cite.start, f.cite.end)
        if span[0] >= span[1] or any(span[0] < e and s < span[1] for s, e in taken):
            continue
        taken.append(span)
        kept.append(f.cite)
    return sorted(kept, key=lambda c: c.start)


# --------------------------------------------------------------------------- resolving

def resolve(
    citation: Citation,
    *,
    citing_article: str | None,
    article_numbers_in_work: Sequence[str],
    works_by_key: Mapping[str, str],
    citing_work: str | None = None,
) -> Resolution:
    """Say where ``citation`` points.

    Args:
        citing_article: normalised number of the article the citation sits in.
        article_numbers_in_work: the citing work's article numbers in order
            (for a reform, pass the numbers of the work it amends if internal
            references are meant to point there).
        works_by_key: :func:`work_key` -> id, for works present in the corpus.
        citing_work: id of the citing work, reported for internal targets.
    """
    ref = citation.work_ref
    if ref is not None:
        if ref.deictic is not None:
            return Resolution("unresolved", reason=f"work named only by context: {ref.title} {ref.deictic}".strip())
        work_id = works_by_key.get(work_key(ref))
        kind: TargetKind = "external-part" if citation.articles else "external-work"
        return Resolution(kind, work_id, tuple(citation.articles), external=work_id is None)
    numbers = list(article_numbers_in_work)
    if citation.relative in ("previous", "next") and citation.relative_unit == "article":
        return _resolve_relative(citation, citing_article, numbers, citing_work)
    if citation.relative_unit == "disposition":
        return Resolution("unresolved", reason="dispositions are not numbered articles")
    if citation.relative is not None or (citation.parts and not citation.articles):
        if citing_article is None or (numbers and citing_article not in numbers):
            return Resolution("unresolved", reason="citing article unknown")
        return Resolution("internal-relative", citing_work, (citing_article,))
    if not citation.parts:
        return Resolution("internal-work", citing_work)
    cited = citation.articles
    present = tuple(a for a in cited if a in numbers)
    missing = tuple(a for a in cited if a not in numbers)
    if not present:
        return Resolution("unresolved", missing=missing, reason="no cited article is in the work")
    return Resolution("internal-article", citing_work, present, missing=missing)


def _resolve_relative(
    citation: Citation, citing_article: str | None, numbers: list[str], citing_work: str | None
) -> Resolution:
    if citing_article is None or numbers.count(citing_article) != 1:
        return Resolution("unresolved", reason="citing article unknown or ambiguous")
    if citation.count is None:
        return Resolution("unresolved", reason="plural relative reference without a count")
    i = numbers.index(citing_article)
    if citation.relative == "previous":
        targets = numbers[max(0, i - citation.count) : i]
    else:
        targets = numbers[i + 1 : i + 1 + citation.count]
    if len(targets) != citation.count:
        return Resolution("unresolved", reason="no such neighbouring article")
    return Resolution("internal-relative", citing_work, tuple(targets))
