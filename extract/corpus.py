"""Assemble works across sources: printings, reforms, versions, discrepancies.

A work (an ordinance, a law) may be printed in one source and reformed in
another; so versions are computed over the whole corpus, grouped by
jurisdiction and title.  For each work:

* its *base* is the earliest printing that is not a consolidated reprint;
* its reforms (``reforma parcial`` instruments naming it) are read into
  operations and applied in date order (:mod:`extract.consolidate`);
* every later printed full text is cross-checked against that computation and
  each disagreement becomes a discrepancy;
* when no base is in the corpus, articles no reform touches are known only
  from a printed full text: they get one version "as printed" from that
  printing's date, and earlier dates stay unknown.

Editorial notes of consolidated national texts ("Nota: Artículo reformado por
Ley No. 104, publicado en Registro Oficial 315 de 26 de Agosto de 1982") become
dated events: the printed text holds from the note's date, before it is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from extract.amendments import AmendmentNote, Operation, OperationKind, read_notes, read_operations
from extract.consolidate import (ArticleHistory, BaseArticle, Consolidation, Discrepancy, Reform, Status, Version,
                                 consolidate, cross_check)
from extract.instruments import title_key
from extract.model import Instrument, InstrumentType, Node, NodeKind, ParsedSource


@dataclass(frozen=True)
class Printing:
    """One instrument as printed in one source."""

    parsed: ParsedSource
    instrument: Instrument

    @property
    def source_id(self) -> str:
        return self.parsed.source.id

    @property
    def date(self) -> date | None:
        value = self.instrument.publication_date or self.instrument.sanction_date
        return date.fromisoformat(value) if value else None

    def articles(self) -> list[Node]:
        return self._articles

    @cached_property
    def _articles(self) -> list[Node]:  # the tree walk is done once per printing
        return self.instrument.articles()

    def article_text(self, node: Node) -> str:
        start = node.body_start if node.body_start is not None else node.start
        return self.parsed.source.text[start : node.end].strip()


@dataclass
class AppliedReform:
    printing: Printing
    operations: list[tuple[Node, Operation]]  # (amending article, operation)


@dataclass
class NoteEvent:
    """An editorial note dating a change to one article of a printed text."""

    printing: Printing
    article: Node
    note: AmendmentNote


@dataclass
class Work:
    """A work and everything the corpus says about it over time."""

    jurisdiction: str
    key: str
    printings: list[Printing] = field(default_factory=list)
    reforms: list[AppliedReform] = field(default_factory=list)
    consolidation: Consolidation | None = None
    discrepancies: list[tuple[Printing, Discrepancy]] = field(default_factory=list)
    evidence: dict[str, tuple[Printing, Node]] = field(default_factory=dict)  # identity -> printed node
    notes: list[NoteEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_reform: bool = False  # the work of an amending instrument itself

    @cached_property
    def base(self) -> Printing | None:
        originals = [p for p in self.printings if not p.instrument.consolidated and p.articles()]
        return min(originals, key=lambda p: (p.date or date.max)) if originals else None

    @cached_property
    def main(self) -> Printing | None:
        """The printing whose metadata names the work (the base, else the latest printing)."""
        if self.base is not None:
            return self.base
        return max(self.printings, key=lambda p: (p.date or date.min)) if self.printings else None

    @property
    def title(self) -> str:
        main = self.main
        if main is not None:
            ins = main.instrument
            return (ins.subject_title if ins.consolidated else None) or ins.title or \
                f"{ins.type.value} sin título ({main.source_id})"
        reform = self.reforms[0].printing.instrument if self.reforms else None
        return (reform.subject_title if reform else None) or self.key


def work_key_of(ins: Instrument) -> str:
    return title_key(ins.subject_title or ins.title or "")


def assemble(parsed_sources: list[ParsedSource]) -> list[Work]:
    """Group every instrument of the corpus into works and compute their versions."""
    works: dict[tuple[str, str], Work] = {}
    reform_works: list[Printing] = []

    def work(jurisdiction: str, key: str) -> Work:
        return works.setdefault((jurisdiction, key), Work(jurisdiction, key))

    for parsed in parsed_sources:
        jurisdiction = parsed.source.meta.jurisdiction or ""
        for ins in parsed.instruments:
            printing = Printing(parsed, ins)
            if ins.type is InstrumentType.REFORMA_PARCIAL:
                reform_works.append(printing)
                own = work(jurisdiction, "reforma:" + title_key(ins.title or parsed.source.id) + f"@{ins.publication_date}")
                own.is_reform = True
                own.printings.append(printing)
                if ins.subject_title:
                    ops = [(art, op) for art in ins.articles()
                           for op in read_operations(_raw(printing, art), offset=art.start)]
                    work(jurisdiction, title_key(ins.subject_title)).reforms.append(AppliedReform(printing, ops))
            else:
                key = work_key_of(ins) or f"documento:{parsed.source.id}#{ins.node.start}"
                work(jurisdiction, key).printings.append(printing)
    out = [w for w in works.values() if w.printings or w.reforms]
    for w in out:
        _compute(w)
    return out


def _raw(printing: Printing, node: Node) -> str:
    return printing.parsed.source.text[node.start : node.end]


def _compute(w: Work) -> None:
    base = w.base
    base_articles: list[BaseArticle] | None = None
    base_date = base.date if base else None
    if base is not None:
        base_articles = []
        for art in base.articles():
            ref = f"{base.source_id}#n{art.start}"
            base_articles.append(BaseArticle(art.number or "", art.heading, base.article_text(art), ref))
            w.evidence.setdefault(f"{base.source_id}#n{art.start}", (base, art))
    reforms = sorted(w.reforms, key=lambda r: (r.printing.date or date.max))
    if not reforms and base is None:
        return _printed_only(w)
    w.consolidation = consolidate(
        base_articles,
        [Reform(_reform_id(r.printing), r.printing.date, [(art.number or "", op) for art, op in r.operations])
         for r in reforms],
        base_date=base_date,
    )
    w.warnings.extend(w.consolidation.warnings)
    later = [p for p in w.printings if p is not base]
    for printed in later:
        pairs = [(a.number or "", printed.article_text(a)) for a in printed.articles()]
        for finding in cross_check(w.consolidation, pairs, as_of=printed.date):
            w.discrepancies.append((printed, finding))
    if base is None and later:
        _fill_from_print(w, max(later, key=lambda p: (p.date or date.min)))
    if base is not None:
        _apply_notes(w, base)


def _reform_id(printing: Printing) -> str:
    return f"{printing.source_id}#n{printing.instrument.node.start}"


def _printed_only(w: Work) -> None:
    """A work known only from printings and no reform: each printing's text from its date."""
    main = w.main
    if main is None:
        return
    arts = [BaseArticle(a.number or "", a.heading, main.article_text(a), f"{main.source_id}#n{a.start}")
            for a in main.articles()]
    for a in main.articles():
        w.evidence[f"{main.source_id}#n{a.start}"] = (main, a)
    w.consolidation = consolidate(arts, [], base_date=main.date)
    _apply_notes(w, main)


def _fill_from_print(w: Work, printed: Printing) -> None:
    """No base in the corpus: what no reform touched is known only as printed."""
    assert w.consolidation is not None
    current_numbers = {h.versions[-1].number for h in w.consolidation.articles if h.versions}
    for art in printed.articles():
        if art.number in current_numbers:
            continue
        ident = f"art-{art.number}-printed"
        version = Version(
            art.number, art.heading, printed.article_text(art), Status.IN_FORCE, printed.date, None,
            f"printed:{printed.source_id}#n{printed.instrument.node.start}",
            reason="texto conocido solo por la publicación impresa; su redacción anterior no está en el corpus",
            source=f"{printed.source_id}#n{art.start}",
        )
        w.consolidation.articles.append(ArticleHistory(ident, "printed", [version]))
        w.evidence[f"{printed.source_id}#n{art.start}"] = (printed, art)


def _apply_notes(w: Work, printing: Printing) -> None:
    """Dated notes: the printed text holds from the note's date; before it, unknown."""
    text = printing.parsed.source.text
    by_number = {a.number: a for a in printing.articles()}
    for art in printing.articles():
        for note in read_notes(text[art.start : art.end], offset=art.start):
            target = by_number.get(note.article or art.number, art)
            w.notes.append(NoteEvent(printing, target, note))
    if w.consolidation is None:
        return
    histories = {h.versions[0].source: h for h in w.consolidation.articles if h.versions and h.versions[0].source}
    for event in w.notes:
        note = event.note
        if not note.date or note.scope not in ("article", "title_and_article") or event.note.sub:
            continue
        hist = histories.get(f"{printing.source_id}#n{event.article.start}")
        if hist is None or len(hist.versions) != 1:
            continue
        when = date.fromisoformat(note.date)
        printed = hist.versions[0]
        if note.kind is OperationKind.REPEAL:
            hist.versions = [
                Version(printed.number, printed.heading, printed.text, Status.REPEALED, when, None,
                        f"note:{printing.source_id}#n{note.span[0]}", source=printed.source,
                        reason=f"derogado según nota editorial: {note.instrument or 'instrumento no indicado'}")]
            continue
        if printed.valid_from and when <= printed.valid_from:
            continue
        before = Version(printed.number, None, None, Status.UNKNOWN, printed.valid_from, when, "base",
                         reason="texto anterior a la reforma indicada en la nota editorial: no está en el corpus")
        after = Version(printed.number, printed.heading, printed.text, Status.IN_FORCE, when, None,
                        f"note:{printing.source_id}#n{note.span[0]}", source=printed.source,
                        reason=f"{note.verb or 'reformado'} por {note.instrument or '?'}")
        hist.versions = [before, after]


def quoted_for(printing: Printing, reform_article_number: str | None, number: str | None) -> Node | None:
    """The quoted new text of ``number`` inside the given amending article, if printed."""
    for art in printing.articles():
        if art.number != reform_article_number:
            continue
        quoted = [q for q in art.find(NodeKind.QUOTED_ARTICLE)]
        for q in quoted:
            if q.number == number:
                return q
        return quoted[0] if len(quoted) == 1 else art
    return None
