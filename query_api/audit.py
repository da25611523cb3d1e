"""Competence audit for the Sindicatura: where the municipality's competences clash.

Seven checks over the graph, each giving :class:`Finding` values with a
severity and evidence (quotes, IRIs and links to the pages that show them):

``overlap``              the same duty (same action lemma, similar object) held by
                         two or more organs of one jurisdiction;
``abolished_reference``  texts in force and duties that still name an organ a
                         reform abolished (its articles repealed) or renamed
                         (a term substitution);
``no_competences``       organs with no competence at all;
``stale_competence``     competences read from a version that is repealed or no
                         longer in force and not restated by the new text;
``hierarchy_conflict``   an organ placed under two different parents;
``orphan_deadline``      deadlines that no duty (hence no organ) carries;
``discrepancy``          printed texts that disagree with the reforms.

Nothing here knows a particular municipality: organs, names and thresholds
are read from the graph or are patterns of the language (``SUBJECT_PATTERNS``,
with examples and counterexamples that the tests check both ways).

Use: ``audit(store, base)`` -> findings; ``render(findings, "json"|"csv"|"html")``;
``router`` serves ``GET /api/audit``; ``register_cli`` adds ``cabildo audit``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import itertools
import json
import math
import re
import sys
import threading
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Iterable, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from query_api.deps import SettingsDep, StoreDep
from query_api.queries import load
from query_api.routes.organs import DutyRow, duty_index
from query_api.routes.search import Passage, corpus_index
from query_api.store import Store
from query_api.textindex import terms
from query_api.web import links, names
from query_api.web.render import jurisdiction_label

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
SEVERITY_LABELS = {"high": "alta", "medium": "media", "low": "baja"}

#: Kinds of finding, in report order, with their Spanish titles.
KINDS: dict[str, str] = {
    "overlap": "Un mismo deber en dos o más órganos",
    "abolished_reference": "Órganos suprimidos o renombrados que siguen nombrados",
    "hierarchy_conflict": "Jerarquía contradictoria",
    "stale_competence": "Competencias tomadas de artículos derogados o ya no vigentes",
    "discrepancy": "Textos impresos que no coinciden con las reformas",
    "orphan_deadline": "Plazos sin órgano responsable",
    "no_competences": "Órganos sin competencias",
}

# ----------------------------------------------------------------- thresholds

#: An overlap needs at least this many shared content stems in the two objects…
OVERLAP_MIN_SHARED = 3
#: …and this share of the smaller object's weight (IDF-weighted stems).
OVERLAP_MIN_SIMILARITY = 0.5
#: The matter of a duty comes first in its object: the first ``OVERLAP_HEAD`` terms of the two
#: objects must share ``OVERLAP_MIN_HEAD`` ("elaborar el proyecto de presupuesto …" and
#: "elaborar el proyecto de ordenanza …" do not overlap although both "someterlo a consideración").
OVERLAP_HEAD = 3
OVERLAP_MIN_HEAD = 2
#: Above this similarity an overlap is of high severity.
OVERLAP_HIGH_SIMILARITY = 0.75
#: A renamed organ's label must cover this share of the old term's words (misprints
#: such as a repeated tail "… y Recursos Humanos y Recursos Humanos" still match).
RENAME_MIN_COVERAGE = 0.6


@dataclass(frozen=True)
class NamePattern:
    """How an article says it is *about* an organ: text just before the organ's name."""

    name: str
    doc: str
    before: re.Pattern[str]  # matched against the folded text that precedes the name
    examples: tuple[tuple[str, str], ...]  # (article text, organ name) that must match
    counterexamples: tuple[tuple[str, str], ...]  # that must not


#: An article whose subject is an organ creates, defines or staffs it; when all such
#: articles are repealed and nothing in force restates it, the organ is abolished.
SUBJECT_PATTERNS: tuple[NamePattern, ...] = (
    NamePattern(
        "sujeto_inicial",
        "El artículo empieza por el nombre del órgano (su sujeto): lo define, lo dota o fija su titular.",
        re.compile(r"^\W*(?:(?:el|la|los|las|un|una)\s+)?$"),
        (("La Coordinación de Archivo, es el órgano encargado de custodiar los expedientes.",
          "Coordinación de Archivo"),
         ("El Jefe o Jefa de Almacén tendrá las siguientes funciones:", "Jefe de Almacén")),
        (("El Alcalde remitirá a la Coordinación de Archivo los expedientes.", "Coordinación de Archivo"),
         ("Corresponde al Jefe de Almacén llevar el inventario.", "Jefe de Almacén")),
    ),
    NamePattern(
        "verbo_de_creacion",
        "«Se crea», «créase» o «se crean» seguido del nombre del órgano.",
        re.compile(r"\b(?:se\s+crea[n]?|crea(?:n)?se|se\s+instituye[n]?)\s+(?:(?:el|la|los|las|un|una)\s+)?$"),
        (("Para la mejor atención del público se crea la Oficina de Quejas, adscrita a la Presidencia.",
          "Oficina de Quejas"),
         ("Créase el Consejo de Vivienda como órgano asesor.", "Consejo de Vivienda")),
        (("La Oficina de Quejas informará al Concejo de lo que se crea necesario.", "Oficina de Quejas"),
         ("El Consejo de Vivienda creará comisiones de trabajo.", "Consejo de Vivienda")),
    ),
)


def names_subject(text: str, name: str, toks: list[names.Token] | None = None) -> str | None:
    """The pattern by which ``text`` is about the organ ``name`` (None if it is not)."""
    toks = names.tokens(text) if toks is None else toks
    for _, start, _end in names.find(names.words(name), toks):
        before = _fold(text[:start])
        for pattern in SUBJECT_PATTERNS:
            if pattern.before.search(before):
                return pattern.name
    return None


def _fold(text: str) -> str:
    from query_api.textindex import fold

    return " ".join(fold(text).split()) + (" " if text[-1:].isspace() else "")


# ------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: what it is, the quote, its graph IRI and the page showing it."""

    role: str
    text: str
    iri: str | None = None
    href: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Finding:
    id: str
    kind: str
    severity: Severity
    jurisdiction: str
    title: str
    detail: str
    subjects: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kind_label"], out["severity_label"] = self.kind_label, self.severity_label
        out["subjects"], out["evidence"] = list(self.subjects), [asdict(e) for e in self.evidence]
        return out


def _finding(kind: str, severity: Severity, jurisdiction: str, title: str, detail: str,
             subjects: Iterable[str], evidence: Iterable[Evidence]) -> Finding:
    subj = tuple(dict.fromkeys(subjects))
    key = "|".join((kind, jurisdiction, *sorted(subj)))
    fid = f"{kind}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"
    return Finding(fid, kind, severity, jurisdiction, title, detail, subj, tuple(evidence))


# ---------------------------------------------------------------- graph facts


def _v(term: Any) -> str | None:
    return None if term is None else str(term.value)


@dataclass
class Organ:
    iri: str
    label: str
    kind: str
    jurisdiction: str
    parents: set[str] = field(default_factory=set)
    unit: str | None = None
    variants: set[str] = field(default_factory=set)

    def name_words(self, *, exact: bool = False) -> set[tuple[str, ...]]:
        return {w for w in (names.words(n, exact=exact) for n in {self.label, *self.variants}) if w}


@dataclass(frozen=True)
class VersionSpan:
    version: str
    part: str
    part_type: str | None
    source: str
    start: int
    end: int
    valid_from: str | None
    valid_to: str | None


@dataclass
class Facts:
    """What the checks read, loaded once per audit."""

    base: str
    today: date
    duties: list[DutyRow]
    organs: dict[str, Organ]
    passages: list[Passage]  # texts in force (article versions with no end, page texts)
    numbers: dict[str, str]
    spans: dict[str, list[VersionSpan]]  # by source id, sorted by start
    joint: dict[str, set[str]]
    titles: dict[str, str]
    reforms: set[str]  # works that amend another work (their texts restate the amended ones)
    _tokens: dict[str, list[names.Token]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, base: str, today: date) -> Facts:
        duties, _ = duty_index(store)
        organs: dict[str, Organ] = {}
        for r in store.query(load("organs")):  # type: ignore[union-attr]
            iri = _v(r["organ"]) or ""
            organ = organs.setdefault(iri, Organ(iri, _v(r["label"]) or "", _v(r["kind"]) or "",
                                                 _v(r["jurisdiction"]) or ""))
            if r["parent"] is not None:
                organ.parents.add(_v(r["parent"]) or "")
            organ.unit = organ.unit or _v(r["unit"])
            organ.variants |= {v for v in (_v(r["variants"]) or "").split("|") if v}
        spans: dict[str, list[VersionSpan]] = defaultdict(list)
        for r in store.query(load("audit_version_spans")):  # type: ignore[union-attr]
            spans[_v(r["source"]) or ""].append(VersionSpan(
                _v(r["version"]) or "", _v(r["part"]) or "", _v(r["partType"]), _v(r["source"]) or "",
                int(_v(r["start"]) or 0), int(_v(r["end"]) or 0), _v(r["validFrom"]), _v(r["validTo"])))
        for items in spans.values():
            items.sort(key=lambda s: (s.start, -s.end))
        joint: dict[str, set[str]] = defaultdict(set)
        for r in store.query(load("audit_joint_bearers")):  # type: ignore[union-attr]
            joint[_v(r["duty"]) or ""].add(_v(r["joint"]) or "")
        passages = list(corpus_index(store).items)
        titles = {p.work: p.work_title for p in passages if p.work_title}
        reforms = {_v(r["reform"]) or "" for r in store.query(load("audit_reform_texts"))}  # type: ignore[union-attr]
        return cls(base, today, duties, organs, passages, links.current_numbers(store), dict(spans), dict(joint),
                   titles, reforms)

    def toks(self, key: str, text: str) -> list[names.Token]:
        got = self._tokens.get(key)
        if got is None:
            got = self._tokens[key] = names.tokens(text)
        return got

    def label(self, iri: str) -> str:
        organ = self.organs.get(iri)
        return organ.label if organ else iri.rsplit("/", 1)[-1]

    def organ_evidence(self, iri: str, role: str = "órgano") -> Evidence:
        return Evidence(role, self.label(iri), iri, links.organ_href(iri, self.base))

    def article_evidence(self, role: str, part: str, quote: str, *, at: str | None = None,
                         note: str | None = None) -> Evidence:
        return Evidence(role, quote, part, links.article_href(part, self.base, self.numbers, at=at),
                        note or self.cite(part))

    def cite(self, part: str) -> str | None:
        """'art. 9, numeral 2 — ORDENANZA …' for a part IRI (the work's title for a whole work)."""
        found = links.article_of(part)
        if found is None:
            return self.titles.get(part)
        article, work = found
        number = links.article_number(article, self.numbers)
        title = self.titles.get(work) or links.work_id(work, self.base)
        sub = part.rsplit("~", 1)[-1].split("__")[1:]
        where = f"art. {number}" + "".join(f", {_SUB_NAMES.get(s.split('_')[0], s.split('_')[0])} "
                                           f"{s.split('_', 1)[-1]}" for s in sub)
        return f"{where} — {title}"

    def in_force(self, valid_to: str | None) -> bool:
        return valid_to is None or date.fromisoformat(valid_to) > self.today

    def containing(self, source: str, start: int, end: int, *, articles_only: bool = True) -> VersionSpan | None:
        """The innermost printed version (an article unless told) whose span contains [start, end)."""
        best: VersionSpan | None = None
        for s in self.spans.get(source, []):
            if s.start > start:
                break
            if s.end >= end and (not articles_only or s.part_type == "articulo"):
                if best is None or (s.end - s.start) < (best.end - best.start):
                    best = s
        return best


    def nearest_before(self, source: str, start: int) -> VersionSpan | None:
        """The last printed version that starts before ``start`` (to place an unparsed passage)."""
        before = [s for s in self.spans.get(source, []) if s.start <= start]
        return before[-1] if before else None


_SUB_NAMES = {"point": "numeral", "item": "literal", "para": "parágrafo", "chp": "capítulo"}


def _unit_key(organs: dict[str, Organ], iri: str) -> str:
    organ = organs.get(iri)
    return organ.unit if organ is not None and organ.unit else iri


# -------------------------------------------------------------------- overlap


def check_overlap(f: Facts) -> list[Finding]:
    """Same action lemma and a similar object, held by organs that are not post/unit of each other."""
    current = [d for d in f.duties if d.holds_on(f.today)]
    verbs = {d.action for d in f.duties}
    ordered = {d.iri: object_terms(d.object or d.quote, verbs) for d in current}
    docs = {k: set(v) for k, v in ordered.items()}
    df = Counter(t for ts in docs.values() for t in ts)
    idf = {t: math.log(1 + len(docs) / c) for t, c in df.items()}
    by_action: dict[tuple[str, str], list[DutyRow]] = defaultdict(list)
    for d in current:
        by_action[(d.jurisdiction, d.action)].append(d)
    findings = []
    for (jurisdiction, action), duties in sorted(by_action.items()):
        pairs: list[tuple[float, DutyRow, DutyRow]] = []
        for x, y in itertools.combinations(duties, 2):
            if _same_organ(f, x, y) or _acting_together(f, x, y):
                continue
            a, b = docs[x.iri], docs[y.iri]
            shared = a & b
            head = set(ordered[x.iri][:OVERLAP_HEAD]) & set(ordered[y.iri][:OVERLAP_HEAD])
            if len(shared) < OVERLAP_MIN_SHARED or len(head) < OVERLAP_MIN_HEAD:
                continue
            similarity = sum(idf[t] for t in shared) / min(sum(idf[t] for t in a), sum(idf[t] for t in b))
            if similarity >= OVERLAP_MIN_SIMILARITY:
                pairs.append((similarity, x, y))
        for group, best in _clusters(f, pairs):
            bearers = sorted({_unit_key(f.organs, d.bearer) for d in group})
            labels = ", ".join(f.label(d.bearer) for d in _one_per_bearer(f, group))
            severity: Severity = "high" if best >= OVERLAP_HIGH_SIMILARITY else "medium"
            evidence = [f.article_evidence(f"deber de {d.bearer_label}", d.part, d.quote) for d in group]
            evidence += [f.organ_evidence(b) for b in bearers]
            findings.append(_finding(
                "overlap", severity, jurisdiction, f"«{action}» asignado a {len(bearers)} órganos: {labels}",
                f"Deberes vigentes con la misma acción («{action}») y un objeto parecido "
                f"(similitud {best:.2f}) en órganos distintos de {jurisdiction_label(jurisdiction)}; "
                "puede ser una competencia duplicada o en conflicto.",
                [*bearers, *(d.iri for d in group)], evidence))
    return findings


#: Enclitic pronouns an infinitive may carry ("someterlo", "presentárselo" unaccented by folding).
CLITICS = ("selos", "selas", "selo", "sela", "nos", "los", "las", "les", "lo", "la", "le", "se")


def object_terms(text: str, verbs: set[str]) -> list[str]:
    """Index terms of a duty's object in text order, without the verbs chained to the action.

    "dirigir y controlar el trabajo de la Oficina" keeps only "trabajo oficina": two duties that
    share the verbs of a chain ("coordinar, dirigir y controlar …") but not their matter do not
    overlap.  The verbs are the graph's own action lemmas, so no verb list is kept here.
    """
    from query_api.textindex import fold

    kept = []
    for word in re.findall(r"\w+", fold(text)):
        bare = next((word[: -len(c)] for c in CLITICS if word.endswith(c) and word[: -len(c)] in verbs), word)
        if bare not in verbs:
            kept.append(word)
    return list(dict.fromkeys(terms(" ".join(kept))))


def _same_organ(f: Facts, x: DutyRow, y: DutyRow) -> bool:
    return _unit_key(f.organs, x.bearer) == _unit_key(f.organs, y.bearer)


def _acting_together(f: Facts, x: DutyRow, y: DutyRow) -> bool:
    """A duty shared on purpose: a joint bearer, or one duty's words name the other's organ."""
    if y.bearer in f.joint.get(x.iri, set()) or x.bearer in f.joint.get(y.iri, set()):
        return True
    for d, other in ((x, y), (y, x)):
        toks = f.toks("duty:" + d.iri, d.quote)
        for iri in {other.bearer, _unit_key(f.organs, other.bearer)}:
            organ = f.organs.get(iri)
            if organ is not None and names.any_name(organ.name_words(), toks):
                return True
    return False


def _clusters(f: Facts, pairs: list[tuple[float, DutyRow, DutyRow]]) -> list[tuple[list[DutyRow], float]]:
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    rows: dict[str, DutyRow] = {}
    for _, x, y in pairs:
        rows[x.iri], rows[y.iri] = x, y
        parent[root(x.iri)] = root(y.iri)
    groups: dict[str, list[DutyRow]] = defaultdict(list)
    for iri, row in rows.items():
        groups[root(iri)].append(row)
    best: dict[str, float] = defaultdict(float)
    for sim, x, _ in pairs:
        best[root(x.iri)] = max(best[root(x.iri)], sim)
    return [(sorted(g, key=lambda d: d.iri), best[k]) for k, g in sorted(groups.items())]


def _one_per_bearer(f: Facts, group: list[DutyRow]) -> list[DutyRow]:
    seen: dict[str, DutyRow] = {}
    for d in group:
        seen.setdefault(_unit_key(f.organs, d.bearer), d)
    return list(seen.values())


# ---------------------------------------------------- abolished / renamed organs


@dataclass
class Abolished:
    """An organ name that a reform took out of the law, with why we think so."""

    key: str
    jurisdiction: str
    name: str
    name_words: set[tuple[str, ...]]
    exact: bool  # match without singularising (renamings may differ only by a plural)
    organs: set[str]
    how: str  # "repealed" | "renamed"
    new_name: str | None
    scope_work: str | None
    evidence: list[Evidence]
    new_words: tuple[str, ...] = ()


def abolished_names(store: Store, f: Facts) -> list[Abolished]:
    """Organs whose defining articles are all repealed, and names replaced by term substitutions.

    A renaming of an organ that was also repealed joins the repeal's entry (one finding, both reasons).
    """
    repealed = _repealed_organs(store, f)
    out = list(repealed)
    for renamed in _renamed(store, f):
        same = next((r for r in repealed if r.organs & renamed.organs), None)
        if same is None:
            out.append(renamed)
            continue
        same.how, same.new_name = "repealed+renamed", renamed.new_name
        same.evidence.extend(renamed.evidence)
        same.name_words |= {names.words(" ".join(w)) for w in renamed.name_words}
    return out


def _repealed_organs(store: Store, f: Facts) -> list[Abolished]:
    texts: dict[str, list[tuple[str, str | None]]] = defaultdict(list)  # article -> (text, repealing part)
    for r in store.query(load("audit_repealed")):  # type: ignore[union-attr]
        article = _v(r["article"]) or ""
        for text in (_v(r["text"]), _v(r["printed"])):
            if text and (text, _v(r["by"])) not in texts[article]:
                texts[article].append((text, _v(r["by"])))
    current_subject: set[str] = set()
    for p in f.passages:
        head = p.text[:400]
        toks = names.tokens(head)
        for organ in f.organs.values():
            if organ.jurisdiction == p.jurisdiction and _subject_of(head, organ, toks):
                current_subject.add(organ.iri)
    holds_now = {_unit_key(f.organs, d.bearer) for d in f.duties if d.holds_on(f.today)} | {
        d.bearer for d in f.duties if d.holds_on(f.today)}
    found: dict[str, Abolished] = {}
    for article, items in sorted(texts.items()):
        found_in = links.article_of(article)
        jurisdiction = _jurisdiction_of(article)
        for text, by in items:
            toks = names.tokens(text[:400])
            for organ in f.organs.values():
                if organ.jurisdiction != jurisdiction or organ.iri in current_subject or organ.iri in holds_now:
                    continue
                pattern = _subject_of(text[:400], organ, toks)
                if pattern is None:
                    continue
                entry = found.setdefault(organ.iri, Abolished(
                    organ.iri, jurisdiction, organ.label, organ.name_words(), False, {organ.iri}, "repealed",
                    None, found_in[1] if found_in else None, []))
                entry.evidence.append(f.article_evidence(
                    "artículo derogado que lo regulaba", article, names.clause(text, 0, 1, 260),
                    note=f"derogado ({pattern})"))
                if by and by not in {e.iri for e in entry.evidence}:
                    entry.evidence.append(f.article_evidence("disposición derogatoria", by, "", note=f.cite(by)))
    for organ in f.organs.values():  # a post of an abolished unit goes with it
        if organ.unit in found and organ.iri not in found and organ.iri not in holds_now:
            unit = found[organ.unit]
            found[organ.iri] = Abolished(organ.iri, organ.jurisdiction, organ.label, organ.name_words(), False,
                                         {organ.iri}, "repealed", None, unit.scope_work,
                                         [f.organ_evidence(unit.key, "unidad suprimida")] + unit.evidence[:2])
    return list(found.values())


def _subject_of(text: str, organ: Organ, toks: list[names.Token]) -> str | None:
    for name in {organ.label, *organ.variants}:
        got = names_subject(text, name, toks)
        if got:
            return got
    return None


def _jurisdiction_of(iri: str) -> str:
    from ontology.iri import parse_akn

    try:
        return parse_akn(iri).jurisdiction
    except ValueError:
        return ""


def _renamed(store: Store, f: Facts) -> list[Abolished]:
    subs: list[tuple[str, str | None, str | None, str | None, str]] = []  # old, new, work, by part, quote
    for r in store.query(load("audit_term_substitutions")):  # type: ignore[union-attr]
        target = _v(r["target"])
        found = links.article_of(target) if target else None
        work = found[1] if found is not None else target
        subs.append((_v(r["old"]) or "", _v(r["new"]), work, _v(r["by"]), ""))
    from extract.amendments import OperationKind, read_operations

    for r in store.query(load("audit_reform_texts")):  # type: ignore[union-attr]
        text = _v(r["text"]) or ""
        for op in read_operations(text):
            if op.kind is OperationKind.TERM_SUBSTITUTION and op.term_from:
                subs.append((op.term_from, op.term_to, _v(r["amended"]), _v(r["part"]),
                             names.clause(text, op.span[0], op.span[1], 300)))
    out: dict[tuple[str, str], Abolished] = {}
    for old, new, work, by, quote in subs:
        old_words = names.words(old, exact=True)
        if not old_words or not work:
            continue
        jurisdiction = _jurisdiction_of(work)
        key = (jurisdiction, " ".join(old_words))
        if key in out:
            continue
        new_words = names.words(new, exact=True) if new else ()
        # Only the organ *named* (prefLabel) by the old term goes: an organ merely also known by a
        # spelling of it (the graph merges "Instituto de Deporte" into "Instituto de Deportes") stays.
        matched = {o.iri for o in f.organs.values() if o.jurisdiction == jurisdiction and _renames(o.label, old_words)}
        words = {old_words} | {names.words(f.organs[iri].label, exact=True) for iri in matched}
        ev = [Evidence("sustitución de término", quote or f"«{old}» → «{new or '?'}»", by,
                       links.article_href(by, f.base, f.numbers) if by else None, f.cite(by) if by else None)]
        out[key] = Abolished(" ".join(old_words), jurisdiction, old, words, True, matched, "renamed", new,
                             work, ev, new_words)
    return list(out.values())


def _renames(label: str, old_words: tuple[str, ...]) -> bool:
    """The organ's name is the old term (or the old term's head, when the printed term has a misprint)."""
    w = names.words(label, exact=True)
    return len(w) >= 2 and w == old_words[: len(w)] and len(w) / len(old_words) >= RENAME_MIN_COVERAGE


def check_abolished(store: Store, f: Facts) -> list[Finding]:
    """Texts in force and duties that still name an abolished or renamed organ."""
    findings = []
    for entry in abolished_names(store, f):
        refs: list[Evidence] = []
        duties_hit: list[DutyRow] = []
        subjects: list[str] = [*sorted(entry.organs)]
        own = {e.iri for e in entry.evidence}
        for p in f.passages:
            if p.jurisdiction != entry.jurisdiction or not p.number or p.part in own or p.work in f.reforms:
                continue
            toks = names.tokens(p.text, exact=entry.exact) if entry.exact else f.toks("p:" + p.version, p.text)
            hits = [h for h in names.any_name(entry.name_words, toks) if not _is_new_name(entry, toks, h[0])]
            if not hits:
                continue
            _, start, end = hits[0]
            scope = "" if entry.scope_work in (None, p.work) else " (otra obra de la misma jurisdicción)"
            refs.append(f.article_evidence(f"texto vigente que lo nombra{scope}", p.part,
                                           names.clause(p.text, start, end)))
            subjects.append(p.part)
        for d in f.duties:
            if d.jurisdiction != entry.jurisdiction or not d.holds_on(f.today):
                continue
            by_bearer = d.bearer in entry.organs or (entry.exact and _names_in(entry, d.bearer_label))
            in_quote = _names_in(entry, d.quote)
            if by_bearer or in_quote:
                duties_hit.append(d)
                role = ("deber vigente de ese órgano" if d.bearer in entry.organs else
                        "deber vigente de un órgano registrado con el nombre anterior" if by_bearer else
                        "deber vigente que lo nombra")
                refs.append(f.article_evidence(f"{role} ({d.bearer_label}: {d.action})", d.part, d.quote))
                subjects.append(d.iri)
        if not refs:
            continue
        what = {"repealed": "suprimido: los artículos que lo regulaban están derogados",
                "renamed": f"renombrado por una reforma como «{entry.new_name or '?'}»",
                "repealed+renamed": "suprimido (sus artículos están derogados) y una reforma manda sustituir su "
                                    f"nombre por «{entry.new_name or '?'}»"}[entry.how]
        severity: Severity = "high" if duties_hit else "medium"
        n_texts = len({e.iri for e in refs})
        findings.append(_finding(
            "abolished_reference", severity, entry.jurisdiction,
            f"«{entry.name}» sigue nombrado en {n_texts} texto(s) vigente(s)",
            f"El órgano «{entry.name}» fue {what}, pero textos y deberes vigentes lo siguen nombrando.",
            subjects, [*entry.evidence, *refs]))
    return findings


def _is_new_name(entry: Abolished, toks: list[names.Token], i: int) -> bool:
    n = entry.new_words
    return bool(n) and tuple(t.word for t in toks[i: i + len(n)]) == n


def _names_in(entry: Abolished, text: str) -> bool:
    toks = names.tokens(text, exact=entry.exact)
    return any(not _is_new_name(entry, toks, h[0]) for h in names.any_name(entry.name_words, toks))


# ------------------------------------------------------------- no competences


def check_no_competences(f: Facts, abolished: set[str]) -> list[Finding]:
    """Organs (not posts) with no duty at all, for themselves or their posts."""
    from extract.nlp.canon import is_external

    holders = {d.bearer for d in f.duties} | {_unit_key(f.organs, d.bearer) for d in f.duties}
    children: dict[str, set[str]] = defaultdict(set)
    for o in f.organs.values():
        for p in o.parents:
            children[p].add(o.iri)
        if o.unit:
            children[o.unit].add(o.iri)
    findings = []
    for o in sorted(f.organs.values(), key=lambda o: (o.jurisdiction, o.label)):
        if o.kind != "organ" or o.iri in holders or is_external(o.label):
            continue
        in_structure = bool(o.parents or children.get(o.iri))
        severity: Severity = "medium" if in_structure else "low"
        detail = ("Ningún artículo del corpus le atribuye un deber o una facultad"
                  + (" aunque forma parte de la estructura orgánica." if in_structure else "."))
        if o.iri in abolished:
            severity, detail = "low", detail + " Sus artículos fueron derogados: probablemente suprimido."
        evidence = [f.organ_evidence(o.iri)] + [f.organ_evidence(p, "depende de") for p in sorted(o.parents)]
        evidence += [f.organ_evidence(c, "tiene a su cargo") for c in sorted(children.get(o.iri, ()))]
        findings.append(_finding("no_competences", severity, o.jurisdiction, f"«{o.label}» no tiene competencias",
                                 detail, [o.iri], evidence))
    return findings


# ------------------------------------------------------------ stale competences


def check_stale(f: Facts, repealed_articles: set[str]) -> list[Finding]:
    """Duties whose source version ended (or whose article is repealed) and that nothing restates."""
    current = [d for d in f.duties if d.holds_on(f.today)]
    restated = {(_unit_key(f.organs, d.bearer), d.action) for d in current}
    findings = []
    for d in f.duties:
        ended = d.valid_to is not None and d.valid_to <= f.today
        repealed = d.article in repealed_articles
        if not (ended or repealed):
            continue
        if not repealed and (_unit_key(f.organs, d.bearer), d.action) in restated:
            continue  # the new text gives the same organ the same action: history, not a clash
        severity: Severity = "high" if repealed else "medium"
        why = "derogado" if repealed else f"sustituido el {d.valid_to}"
        at = d.valid_from.isoformat() if d.valid_from else None
        findings.append(_finding(
            "stale_competence", severity, d.jurisdiction,
            f"{d.bearer_label}: «{d.action}» procede de un texto {why}",
            "La competencia se leyó de una versión que ya no está vigente y ningún texto vigente se la "
            "atribuye de nuevo al mismo órgano.",
            [d.bearer, d.iri],
            [f.article_evidence(f"versión no vigente ({why})", d.part, d.quote, at=at), f.organ_evidence(d.bearer)]))
    return findings


# ------------------------------------------------------------ hierarchy conflicts


def check_hierarchy(f: Facts) -> list[Finding]:
    """An organ with two or more parents; worst when one parent is itself under the other."""
    findings = []
    for o in sorted(f.organs.values(), key=lambda o: o.iri):
        parents = sorted(p for p in o.parents if p and p != o.iri)
        if len(parents) < 2:
            continue
        nested = [(a, b) for a in parents for b in parents if a != b and a in _ancestors(f, b)]
        evidence = [f.organ_evidence(o.iri)]
        unsupported = False  # some placement is not backed by any text in force
        for p in parents:
            support = _support(f, o, f.organs.get(p))
            evidence.append(f.organ_evidence(p, "lo sitúa bajo"))
            evidence += support
            unsupported |= not support
        if nested:
            upper, lower = nested[0]
            title = f"«{o.label}» está a la vez junto a «{f.label(lower)}» y bajo ella"
            detail = (f"Una disposición sitúa a «{o.label}» directamente bajo «{f.label(upper)}», al mismo nivel "
                      f"que «{f.label(lower)}»; otra la pone bajo «{f.label(lower)}».")
        else:
            title = f"«{o.label}» depende de {len(parents)} órganos distintos"
            detail = f"El grafo sitúa a «{o.label}» bajo {', '.join(f'«{f.label(p)}»' for p in parents)}."
        detail += (" El grafo no guarda qué artículo declara cada relación: se citan los textos vigentes que "
                   "nombran a ambos órganos.")
        severity: Severity = "high" if nested and not unsupported else "medium"
        findings.append(_finding("hierarchy_conflict", severity, o.jurisdiction, title, detail,
                                 [o.iri, *parents], evidence))
    return findings


def _ancestors(f: Facts, iri: str) -> set[str]:
    seen: set[str] = set()
    todo = [iri]
    while todo:
        organ = f.organs.get(todo.pop())
        for p in organ.parents if organ else ():
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


#: Words by which a text states structure ("estará conformada por", "dependencias bajo su control",
#: "adscrita a"): texts with one of them are better evidence of a hierarchy than a mere co-mention.
HIERARCHY_CUES = re.compile(r"\b(?:estructura|conformad[oa]s?|integrad[oa]s?|compuest[oa]s?|dependencias?|"
                            r"depender[áa]n?|adscrit[oa]s?|bajo\s+su\s+(?:control|direcci[oó]n|cargo))\b",
                            re.IGNORECASE)


def _structure_rank(text: str, toks: list[names.Token], parent: Organ, lo: int, hi: int) -> int:
    """0: the opening sentence names the parent and states structure ("La Dirección … contará con las
    siguientes dependencias:"); 1: a structure word near the two names; 2: a mere co-mention."""
    opening = re.search(r"[:.;]", text)
    end = opening.start() if opening else len(text)
    if HIERARCHY_CUES.search(text, 0, end) and any(h[2] <= end for h in names.any_name(parent.name_words(), toks)):
        return 0
    return 1 if HIERARCHY_CUES.search(text, max(0, lo - 150), hi) else 2


def _support(f: Facts, child: Organ, parent: Organ | None, limit: int = 2) -> list[Evidence]:
    """Texts in force naming both organs: those that state structure first, then the closest names."""
    if parent is None:
        return []
    scored = []
    for p in f.passages:
        if p.jurisdiction != child.jurisdiction or not p.number or p.work in f.reforms:
            continue
        toks = f.toks("p:" + p.version, p.text)
        a = names.any_name(child.name_words(), toks)
        b = names.any_name(parent.name_words(), toks)
        if a and b:
            gap, ha, hb = min(((abs(x[1] - y[1]), x, y) for x in a for y in b), key=lambda t: t[0])
            lo, hi = min(ha[1], hb[1]), max(ha[2], hb[2])
            scored.append((_structure_rank(p.text, toks, parent, lo, hi), gap, p, lo, hi))
    scored.sort(key=lambda s: (s[0], s[1], s[2].part))
    return [f.article_evidence("texto vigente que nombra a ambos", p.part, names.clause(p.text, lo, hi, 420))
            for _, _, p, lo, hi in scored[:limit]]


# --------------------------------------------------------------- orphan deadlines


def check_orphan_deadlines(store: Store, f: Facts) -> list[Finding]:
    """Deadlines no duty points at, grouped by the article that prints them."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    where: dict[str, VersionSpan | None] = {}
    for r in store.query(load("audit_deadlines")):  # type: ignore[union-attr]
        if _v(r["bound"]) == "true":
            continue
        span = f.containing(_v(r["source"]) or "", int(_v(r["start"]) or 0), int(_v(r["end"]) or 0))
        key = span.version if span else (_v(r["source"]) or "")
        where[key] = span
        groups[key].append((_v(r["deadline"]) or "", _v(r["quote"]) or ""))
    findings = []
    for key, items in sorted(groups.items()):
        span = where[key]
        current = span is None or f.in_force(span.valid_to)
        jurisdiction = _jurisdiction_of(span.part) if span else ""
        evidence = [Evidence("plazo", quote, iri, None) for iri, quote in sorted(items)]
        text = next((p.text for p in f.passages if span is not None and p.version == span.version), "")
        if span is not None:
            quote = names.clause(text, 0, 1, 260) if text else ""
            evidence.insert(0, f.article_evidence("artículo", span.part, quote,
                                                  at=None if current else span.valid_from))
        named = bool(text) and _names_any_organ(f, jurisdiction, "p:" + (span.version if span else key), text)
        if current and text and not named:
            severity: Severity = "medium"
            detail = ("El texto vigente fija un plazo sin nombrar a ningún órgano municipal: si el plazo obliga a "
                      "la administración, no consta quién debe cumplirlo.")
        else:
            severity = "low"
            detail = ("Ningún deber del grafo lleva este plazo: el texto no dice con claridad quién debe cumplirlo "
                      "o la extracción no lo enlazó; revise el artículo.")
        cite = f.cite(span.part) if span else key
        findings.append(_finding(
            "orphan_deadline", severity, jurisdiction, f"{len(items)} plazo(s) sin órgano responsable en {cite}",
            detail, [key, *(iri for iri, _ in items)], evidence))
    return findings


def _names_any_organ(f: Facts, jurisdiction: str, key: str, text: str) -> bool:
    toks = f.toks(key, text)
    firsts = {t.word for t in toks}
    for organ in f.organs.values():
        if organ.jurisdiction != jurisdiction:
            continue
        for words in organ.name_words():
            if words[0] in firsts and names.find(words, toks):
                return True
    return False


# ------------------------------------------------------------------ discrepancies

#: Severity of each discrepancy kind (``discrepancy-kind`` code list notations).
DISCREPANCY_SEVERITY: dict[str, Severity] = {
    "printed_although_repealed": "high",
    "substitution_not_applied": "medium",
    "term_not_applied": "medium",
    "text": "medium",
    "number": "medium",
    "missing_in_print": "medium",
    "heading": "low",
    "missing_in_computed": "low",
    "unverifiable": "low",
    "not_in_computation": "low",
}


def check_discrepancies(f: Facts, store: Store) -> list[Finding]:
    """Every cab:Discrepancy; a difference of spacing or quotes only is of low severity."""
    from extract.consolidate import normalise_text
    from query_api.routes.search import discrepancies

    findings = []
    for d in discrepancies(store, work=None):
        severity = DISCREPANCY_SEVERITY.get(d.kind, "medium")
        if d.printed_text and d.computed_text and normalise_text(d.printed_text) == normalise_text(d.computed_text):
            severity = "low"
        span = f.containing(d.source, d.start, d.end) or f.containing(d.source, d.start, d.end, articles_only=False)
        part = d.article or (span.part if span else None)
        near = f.nearest_before(d.source, d.start)
        jurisdiction = _jurisdiction_of(part or d.work or (near.part if near else ""))
        evidence = []
        if part:
            evidence.append(f.article_evidence("artículo", part, "", note=f.cite(part)))
        if d.printed_text:
            evidence.append(Evidence("texto impreso", _short(d.printed_text), d.iri, None,
                                     f"{d.source}, caracteres {d.start}–{d.end}"))
        if d.computed_text:
            evidence.append(Evidence("texto según las reformas", _short(d.computed_text), d.computed_version,
                                     links.article_href(d.computed_version or "", f.base, f.numbers)))
        if d.detail:
            evidence.append(Evidence("detalle", d.detail, d.iri, None))
        where = f.cite(part) if part else f"{d.source} {d.start}–{d.end}"
        findings.append(_finding("discrepancy", severity, jurisdiction, f"{d.label or d.kind}: {where}",
                                 "El texto impreso no coincide con el que resulta de aplicar las reformas.",
                                 [d.iri], evidence))
    return findings


def _short(text: str, width: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width].rsplit(" ", 1)[0] + "…"


# ------------------------------------------------------------------------ audit


def audit(store: Store, base: str, *, today: date | None = None) -> list[Finding]:
    """All findings over the store, most severe first."""
    f = Facts.load(store, base, today or date.today())
    repealed_articles = {_v(r["article"]) or "" for r in store.query(load("audit_repealed"))}  # type: ignore[union-attr]
    abolished = check_abolished(store, f)
    abolished_organs = {s for x in abolished for s in x.subjects if s in f.organs}
    findings = (check_overlap(f) + abolished + check_hierarchy(f) + check_stale(f, repealed_articles)
                + check_discrepancies(f, store) + check_orphan_deadlines(store, f)
                + check_no_competences(f, abolished_organs))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(findings, key=lambda x: (SEVERITIES.index(x.severity), order.get(x.kind, 99), x.jurisdiction,
                                           x.title))


_lock = threading.Lock()
_cache: dict[tuple[str, str, str], list[Finding]] = {}


def cached_audit(store: Store, base: str) -> list[Finding]:
    """The audit of the generation being served (computed once per generation and day)."""
    key = (store.generation(), base, date.today().isoformat())
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = audit(store, base)
            _cache.clear()
            _cache[key] = found
        return found


def summary(findings: list[Finding]) -> dict[str, Any]:
    return {"total": len(findings),
            "by_kind": {k: sum(1 for x in findings if x.kind == k) for k in KINDS},
            "by_severity": {s: sum(1 for x in findings if x.severity == s) for s in SEVERITIES}}


# ----------------------------------------------------------------------- render



def render(findings: list[Finding], fmt: str, *, link_base: str = "") -> str:
    """The report as JSON, CSV or a standalone HTML page; ``link_base`` prefixes page links."""
    if fmt == "json":
        return json.dumps({"summary": summary(findings), "findings": [_linked(x, link_base) for x in findings]},
                          ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["id", "tipo", "gravedad", "jurisdicción", "título", "detalle", "evidencia", "iris"])
        for x in findings:
            ev = " | ".join(f"{e.role}: {' '.join(e.text.split())[:300]}"
                            + (f" <{link_base}{e.href}>" if e.href else f" <{e.iri}>" if e.iri else "")
                            for e in x.evidence)
            w.writerow([x.id, x.kind_label, x.severity_label, x.jurisdiction, x.title, x.detail, ev,
                        " ".join(x.subjects)])
        return out.getvalue()
    if fmt == "html":
        from query_api.web.render import render_standalone

        return render_standalone("audit_report.html", title="Auditoría de competencias", findings=findings,
                                 summary=summary(findings),
                                 kinds=KINDS, severities=SEVERITY_LABELS, link_base=link_base)
    raise ValueError(f"formato desconocido: {fmt!r} (json, csv o html)")


def _linked(x: Finding, link_base: str) -> dict[str, Any]:
    out = x.to_dict()
    for e in out["evidence"]:
        if e["href"]:
            e["href"] = link_base + e["href"]
    return out


def select(findings: list[Finding], *, kind: str | None = None, severity: str | None = None,
           jurisdiction: str | None = None) -> list[Finding]:
    return [x for x in findings if (not kind or x.kind == kind) and (not severity or x.severity == severity)
            and (not jurisdiction or x.jurisdiction == jurisdiction)]


# ------------------------------------------------------------------------ HTTP

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/audit", summary="Auditoría de competencias (para la Sindicatura)",
            description="Solapamientos, órganos suprimidos aún nombrados, órganos sin competencias, "
                        "competencias de artículos derogados, jerarquías contradictorias, plazos sin "
                        "responsable y textos impresos que no coinciden con las reformas; cada hallazgo "
                        "con su gravedad y evidencias (citas, IRIs y enlaces).")
def get_audit(store: StoreDep, settings: SettingsDep,
              kind: str | None = Query(None, examples=["overlap"], description=", ".join(KINDS)),
              severity: Severity | None = Query(None, examples=["high"]),
              jurisdiction: str | None = Query(None, examples=["ve-heres"]),
              format: Literal["json", "csv"] = Query("json")) -> Response:
    findings = select(cached_audit(store, settings.base_iri), kind=kind, severity=severity,
                      jurisdiction=jurisdiction)
    if format == "csv":
        return Response(render(findings, "csv"), media_type="text/csv; charset=utf-8")
    return JSONResponse({"summary": summary(findings), "findings": [x.to_dict() for x in findings]})


# ------------------------------------------------------------------------- CLI


def cmd_audit(args: argparse.Namespace) -> int:
    """``cabildo audit``: print the report of the built store."""
    from query_api.settings import Settings
    from query_api.store import EmbeddedStore, StoreUnavailable

    settings = Settings.from_env()
    store = EmbeddedStore(args.store or settings.store_dir, base_iri=settings.base_iri)
    try:
        findings = audit(store, settings.base_iri)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    findings = select(findings, severity=args.severity, kind=args.kind)
    text = render(findings, args.format, link_base=args.link_base)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``cabildo audit`` (append this function to ``query_api.cli.EXTRA_COMMANDS``)."""
    p = sub.add_parser("audit", help="auditoría de competencias (json, csv o html)")
    p.add_argument("--format", choices=["json", "csv", "html"], default="json")
    p.add_argument("--store", default=None, help="directorio del almacén")
    p.add_argument("--output", "-o", default=None, help="archivo de salida (por defecto, la salida estándar)")
    p.add_argument("--severity", choices=list(SEVERITIES), default=None)
    p.add_argument("--kind", choices=list(KINDS), default=None)
    p.add_argument("--link-base", default="", help="prefijo de los enlaces, p. ej. http://localhost:8000")
    p.set_defaults(func=cmd_audit)
