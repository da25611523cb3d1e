"""The only place that turns extracted values into triples.

Layout (the contract is ``tests/golden/sample.trig``):

* one named graph per source file (``source_graph_iri``) with every triple read
  from it, selectors included — a source can be replaced without touching the
  others;
* the default graph holds build provenance (sources, graph records, agents)
  and corpus-level concepts (jurisdictions).

A work is an ``eli:LegalResource``; each article is an
``eli:LegalResourceSubdivision`` whose identity survives renumbering; each of
its versions is an ``eli:LegalExpression`` with number, heading, text and a
``[cab:validFrom, cab:validTo)`` interval.  Only forward links are emitted.
IRIs come from :mod:`ontology.iri` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from extract.consolidate import ArticleHistory, Discrepancy, Status, Version
from extract.corpus import Printing, Work, quoted_for
from extract.model import Instrument, Node, NodeKind, ParsedSource
from extract.text import collapse
from ontology import iri as I
from ontology.namespace import CAB, ELI, OA

EXTRACTOR_VERSION = "0.1.0"
UNKNOWN_JURISDICTION = "xx"  # ISO 3166 user-assigned code: the text does not say
SPA = "http://publications.europa.eu/resource/authority/language/SPA"
AGENTS = ("structure", "amendments", "consolidate", "organs", "duties", "deadlines", "citations")

_SUB_KIND = {NodeKind.NUMERAL: "point", NodeKind.LITERAL: "list_item", NodeKind.PARAGRAPH: "paragraph"}
_DISCREPANCY_KIND = {"text_differs": "text", "numbering_differs": "number"}

_nodes: dict[str, ox.NamedNode] = {}


def N(term: str | URIRef) -> ox.NamedNode:
    """The pyoxigraph node of an IRI (cached: the same predicates repeat)."""
    key = str(term)
    node = _nodes.get(key)
    if node is None:
        node = ox.NamedNode(key)
        if len(_nodes) < 20_000:
            _nodes[key] = node
    return node


def lit(value: str, *, lang: str | None = None, datatype: URIRef | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype is not None:
        return ox.Literal(value, datatype=N(datatype))
    return ox.Literal(value)


def d(value: date | str) -> ox.Literal:
    return lit(value.isoformat() if isinstance(value, date) else value, datatype=XSD.date)


@dataclass
class PartRef:
    """Where a printed node landed in the graph (for facts to attach to)."""

    subdivision: ox.NamedNode
    expression: ox.NamedNode
    work: ox.NamedNode
    number: str | None
    current: bool  # the version is the one in force now (open interval, in force)


@dataclass
class Emitter:
    """Collects quads per named graph and the index facts need."""

    base: str
    quads: list[ox.Quad] = field(default_factory=list)
    parts: dict[str, PartRef] = field(default_factory=dict)  # "<source>#n<offset>" -> refs
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    versions: dict[tuple[str, str], list[tuple[Version, ox.NamedNode]]] = field(default_factory=dict)
    subdivisions: dict[tuple[str, str], ox.NamedNode] = field(default_factory=dict)  # (work, identity) -> article
    distinct: dict[str, set[str]] = field(default_factory=dict)  # kind -> IRIs emitted (counted once)
    slugs: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (jurisdiction, kind, name) -> slug
    seqs: dict[str, int] = field(default_factory=dict)  # amending article -> modifications numbered so far
    _selectors: set[str] = field(default_factory=set)

    def add(self, graph: ox.NamedNode | ox.DefaultGraph, s: ox.NamedNode, p: str | URIRef,
            o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, N(p), o, graph))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def once(self, what: str, iri: str) -> bool:
        """Record ``iri`` under ``what``; True the first time (facts of several sources may repeat it)."""
        seen = self.distinct.setdefault(what, set())
        if iri in seen:
            return False
        seen.add(iri)
        return True

    def graph_of(self, source_id: str) -> ox.NamedNode:
        return N(I.source_graph_iri(source_id, base=self.base))

    def agent(self, name: str) -> ox.NamedNode:
        return N(I.agent_iri(name, base=self.base))

    def evidence(self, graph: ox.NamedNode, subject: ox.NamedNode, source: ParsedSource, start: int, end: int,
                 agent: str, *, confidence: float | None = None) -> None:
        """``subject`` is supported by ``source[start:end]``, found by ``agent``."""
        sid = source.source.id
        sel = N(I.selector_iri(sid, start, end, base=self.base))
        if sel.value not in self._selectors:
            self._selectors.add(sel.value)
            self.add(graph, sel, RDF.type, N(OA.TextPositionSelector))
            self.add(graph, sel, RDF.type, N(OA.TextQuoteSelector))
            self.add(graph, sel, OA.start, lit(str(start), datatype=XSD.integer))
            self.add(graph, sel, OA.end, lit(str(end), datatype=XSD.integer))
            self.add(graph, sel, OA.exact, lit(source.source.text[start:end]))
            self.add(graph, sel, CAB.sourceFile, N(I.source_iri(sid, base=self.base)))
        self.add(graph, subject, CAB.span, sel)
        self.add(graph, subject, CAB.extractor, self.agent(agent))
        if confidence is not None:
            self.add(graph, subject, CAB.confidence, lit(f"{confidence:.2f}", datatype=XSD.decimal))


def emit_corpus(parsed_sources: list[ParsedSource], works: list[Work], *, base: str) -> Emitter:
    """Every structural and temporal triple of the corpus."""
    em = Emitter(base)
    default = ox.DefaultGraph()
    for name in AGENTS:
        em.add(default, em.agent(name), RDF.type, N(PROV.SoftwareAgent))
        em.add(default, em.agent(name), RDFS.label, lit(f"cabildo {name} {EXTRACTOR_VERSION}"))
    jurisdictions: set[str] = set()
    for parsed in parsed_sources:
        src = parsed.source
        node = N(I.source_iri(src.id, base=base))
        graph = em.graph_of(src.id)
        em.add(default, node, RDF.type, N(PROV.Entity))
        em.add(default, node, DCTERMS.identifier, lit(src.id))
        em.add(default, node, RDFS.label, lit(src.path.rsplit("/", 1)[-1]))
        em.add(default, node, CAB.sha256, lit(src.sha256))
        em.add(default, graph, RDF.type, N(PROV.Entity))
        em.add(default, graph, PROV.wasDerivedFrom, node)
        jurisdictions.add(jurisdiction_of(parsed))
    scheme = N(I.jurisdiction_scheme_iri(base=base))
    em.add(default, scheme, RDF.type, N(SKOS.ConceptScheme))
    em.add(default, scheme, SKOS.prefLabel, lit("Jurisdicciones", lang="es"))
    for code in sorted(jurisdictions):
        j = N(I.jurisdiction_iri(code, base=base))
        em.add(default, j, RDF.type, N(SKOS.Concept))
        em.add(default, j, RDF.type, N(ELI.AdministrativeArea))
        em.add(default, j, SKOS.notation, lit(code))
        em.add(default, j, SKOS.prefLabel, lit(code if code != UNKNOWN_JURISDICTION else "desconocida", lang="es"))
        em.add(default, j, SKOS.inScheme, scheme)
    works = sorted(works, key=lambda w: not w.is_reform)  # reforms first: modifications point at their articles
    work_iris = {id(w): work_iri_of(w, base=base) for w in works}
    for w in works:
        _work(em, w, work_iris[id(w)])
    for w in works:
        for reform in w.reforms:
            _reform_links(em, w, reform.printing, work_iris, works)
    discrepancy_quads(em, works, work_iris)
    return em


def jurisdiction_of(parsed: ParsedSource) -> str:
    return parsed.source.meta.jurisdiction or UNKNOWN_JURISDICTION


def work_kind(w: Work) -> str:
    """Instrument type of a work: a work known only from its reforms, or re-enacted whole, is an ordenanza."""
    if w.main is None:
        return "ordenanza"
    value = w.main.instrument.type.value
    return "ordenanza" if value == "reforma-total" else value


def work_iri_of(w: Work, *, base: str) -> ox.NamedNode:
    """A work's IRI: jurisdiction, type, the date of its own text (if printed) and a title slug."""
    main = w.main
    ins: Instrument | None = main.instrument if main else None
    juris = (jurisdiction_of(main.parsed) if main else
             jurisdiction_of(w.reforms[0].printing.parsed) if w.reforms else UNKNOWN_JURISDICTION)
    kind = work_kind(w)
    when = None if ins is None or ins.consolidated or w.base is None else (ins.publication_date or ins.sanction_date)
    title = w.title
    slug = I.slugify(title, drop_leading=(kind.replace("-", " "), "ordenanza", "ley", "reforma", "parcial", "total"))
    if not title.strip():
        slug = I.slugify(main.source_id if main else "documento")
    return N(I.work_iri(juris, kind, when, slug, base=base))


def _work(em: Emitter, w: Work, work: ox.NamedNode) -> None:
    main = w.main or (w.reforms[0].printing if w.reforms else None)
    if main is None:
        return
    graph = em.graph_of(main.source_id)
    ins = main.instrument
    em.count("works")
    em.add(graph, work, RDF.type, N(ELI.LegalResource))
    em.add(graph, work, ELI.type_document, N(I.concept_iri("instrument-type", work_kind(w))))
    em.add(graph, work, ELI.jurisdiction, N(I.jurisdiction_iri(jurisdiction_of(main.parsed), base=em.base)))
    if w.base is not None and w.base.instrument.sanction_date:
        em.add(graph, work, ELI.date_document, d(w.base.instrument.sanction_date))
    if w.base is not None and w.base.instrument.publication_date:
        em.add(graph, work, ELI.date_publication, d(w.base.instrument.publication_date))
    if ins.gazette_number and w.main is not None:
        em.add(graph, work, ELI.id_local, lit(collapse(f"{ins.gazette_name or 'Gaceta'} {ins.gazette_kind or ''} "
                                                       f"{ins.gazette_number}")))
    expressions = _work_expressions(em, w, work)
    if not main.articles() and expressions:
        node = main.instrument.node
        body = main.parsed.source.text[node.start : node.end].strip()
        if body:
            em.add(graph, expressions[-1], CAB.text, lit(body, lang="es"))
        # a page or plan without articles: its paragraphs are parts of the work's one version
        for node in main.instrument.node.walk():
            if node.kind in (NodeKind.BLOCK, NodeKind.NUMERAL, NodeKind.LITERAL):
                em.parts.setdefault(f"{main.source_id}#n{node.start}", PartRef(work, expressions[-1], work, None, True))
    if w.consolidation is None:
        return
    used: set[str] = set()
    for hist in w.consolidation.articles:
        _article(em, w, work, hist, used)


def _work_expressions(em: Emitter, w: Work, work: ox.NamedNode) -> list[ox.NamedNode]:
    """One expression of the whole work per dated printing or reform (carries the title)."""
    out: list[ox.NamedNode] = []
    dated: dict[str, Printing] = {}
    undated: Printing | None = None
    for p in [*w.printings, *(r.printing for r in w.reforms)]:
        if p.date is None:
            undated = undated or p
        else:
            dated.setdefault(p.date.isoformat(), p)
    days = sorted(dated)
    for k, day in enumerate(days):
        p = dated[day]
        expr = N(I.expression_iri(work.value, "spa", day))
        graph = em.graph_of(p.source_id)
        em.add(graph, expr, RDF.type, N(ELI.LegalExpression))
        em.add(graph, expr, ELI.realizes, work)
        em.add(graph, expr, ELI.title, lit(collapse(w.title), lang="es"))
        em.add(graph, expr, ELI.language, N(SPA))
        em.add(graph, expr, CAB.validFrom, d(day))
        if k + 1 < len(days):
            em.add(graph, expr, CAB.validTo, d(days[k + 1]))
        if p.instrument.title_span:
            em.evidence(graph, expr, p.parsed, *p.instrument.title_span, "structure")
        out.append(expr)
    if not days and undated is not None:
        expr = N(I.expression_iri(work.value, "spa", None))
        graph = em.graph_of(undated.source_id)
        em.add(graph, expr, RDF.type, N(ELI.LegalExpression))
        em.add(graph, expr, ELI.realizes, work)
        em.add(graph, expr, ELI.title, lit(collapse(w.title), lang="es"))
        em.add(graph, expr, CAB.validityUnknownReason,
               lit("el texto no indica fecha de publicación ni de entrada en vigor"))
        out.append(expr)
    return out


def _article(em: Emitter, w: Work, work: ox.NamedNode, hist: ArticleHistory, used: set[str]) -> None:
    first = hist.versions[0] if hist.versions else None
    if first is None:
        return
    if hist.identity.startswith("art-"):  # an article of the base or printed text: its first number
        identity_number = hist.identity.removeprefix("art-").replace("~", "-").replace("-printed", "")
    else:  # inserted by a reform: the number it was given (a later twin gets "-2")
        identity_number = next((v.number for v in hist.versions if v.number), hist.identity)
    eid = _article_eid(identity_number, hist.identity)
    k = 1
    while eid in used:  # two identities with one first number (a printed twin): keep both, in order
        k += 1
        eid = _article_eid(f"{identity_number}-{k}", f"{hist.identity}-{k}")
    used.add(eid)
    sub = N(I.component(work.value, eid))
    em.subdivisions[(work.value, hist.identity)] = sub
    main = w.main or w.reforms[0].printing
    graph = em.graph_of(main.source_id)
    em.count("articles")
    em.add(graph, sub, RDF.type, N(ELI.LegalResourceSubdivision))
    em.add(graph, sub, ELI.is_part_of, work)
    em.add(graph, sub, ELI.type_subdivision, N(I.subdivision_type_iri("article")))
    em.add(graph, sub, ELI.id_local, lit(eid))
    last = hist.versions[-1]
    em.add(graph, sub, CAB.status, N(I.concept_iri("status", last.status.value)))
    previous: ox.NamedNode | None = None
    used_dates: set[str] = set()
    for k, version in enumerate(hist.versions):
        key = version.valid_from.isoformat() if version.valid_from else ""
        if key in used_dates:
            em.warnings.append(f"{sub.value}: two versions from the same date ({key or 'desconocida'}); later one kept")
            continue
        used_dates.add(key)
        expr = _version(em, w, work, sub, eid, hist, version, k, previous)
        em.versions.setdefault((work.value, hist.identity), []).append((version, expr))
        previous = expr


def _article_eid(number: str, identity: str) -> str:
    try:
        return I.article_eid(number)
    except ValueError:
        return I.article_eid(I.safe_segment(identity))


def _version(em: Emitter, w: Work, work: ox.NamedNode, sub: ox.NamedNode, eid: str, hist: ArticleHistory,
             v: Version, k: int, previous: ox.NamedNode | None) -> ox.NamedNode:
    expr = N(I.component(I.expression_iri(work.value, "spa", v.valid_from), eid))
    evidence = _evidence_node(w, v)
    graph = em.graph_of(evidence[0].source_id) if evidence else em.graph_of((w.main or w.reforms[0].printing).source_id)
    em.count("versions")
    em.add(graph, expr, RDF.type, N(ELI.LegalExpression))
    em.add(graph, expr, ELI.realizes, sub)
    em.add(graph, expr, CAB.status, N(I.concept_iri("status", v.status.value)))
    if v.number:
        em.add(graph, expr, ELI.number, lit(v.number))
    if v.heading:
        em.add(graph, expr, CAB.heading, lit(v.heading, lang="es"))
    if v.text is not None and v.status is not Status.REPEALED:
        em.add(graph, expr, CAB.text, lit(v.text, lang="es"))
    if v.valid_from:
        em.add(graph, expr, CAB.validFrom, d(v.valid_from))
    else:
        em.add(graph, expr, CAB.validityUnknownReason,
               lit(v.reason or "la fecha de entrada en vigor de esta versión no consta en el corpus"))
    if v.valid_to:
        em.add(graph, expr, CAB.validTo, d(v.valid_to))
    if v.text is None and v.reason and v.valid_from:
        em.add(graph, expr, RDFS.comment, lit(v.reason, lang="es"))
    if previous is not None:
        em.add(graph, expr, PROV.wasRevisionOf, previous)
    if evidence:
        printing, node = evidence
        em.evidence(graph, expr, printing.parsed, node.start, node.end, "structure" if k == 0 else "consolidate")
        if node.kind in (NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE) and (
                node.kind is NodeKind.QUOTED_ARTICLE or not _is_instruction(w, printing)):
            # a printed article (or quoted new text) is this version's part; a reform's own
            # instruction article is only evidence of the change and keeps its own part
            em.parts.setdefault(f"{printing.source_id}#n{node.start}", PartRef(
                sub, expr, work, v.number, current=v.valid_to is None and v.status is Status.IN_FORCE))
            _subparts(em, graph, printing, node, work, expr, eid, v)
    if v.introduced_by not in ("base",) and not v.introduced_by.startswith(("printed:", "note:")):
        _modification(em, w, sub, expr, hist, v, k)
    return expr


def _is_instruction(w: Work, printing: Printing) -> bool:
    """Is ``printing`` a reform of ``w`` (its articles are instructions, not ``w``'s text)?"""
    return any(r.printing is printing for r in w.reforms)


def _evidence_node(w: Work, v: Version) -> tuple[Printing, Node] | None:
    """The printed node a version's text was read from (a printing, or the reform's quoted text)."""
    if v.source and v.source in w.evidence:
        return w.evidence[v.source]
    for reform in w.reforms:
        rid = f"{reform.printing.source_id}#n{reform.printing.instrument.node.start}"
        if v.introduced_by == rid:
            node = quoted_for(reform.printing, v.reform_article, v.number)
            return (reform.printing, node) if node is not None else None
    return None


def _subparts(em: Emitter, graph: ox.NamedNode, printing: Printing, node: Node, work: ox.NamedNode,
              expr_parent: ox.NamedNode, parent_eid: str, v: Version) -> None:
    """Numerales, literales and parágrafos of a version, versioned with it."""
    used: dict[str, int] = {}
    for child in node.children:
        if child.kind not in _SUB_KIND:
            continue
        element = _SUB_KIND[child.kind]
        try:
            eid = I.eid(element, child.number or None, parent=parent_eid)
        except ValueError:
            eid = I.eid(element, f"n{child.start}", parent=parent_eid)
        used[eid] = used.get(eid, 0) + 1
        if used[eid] > 1:
            eid = f"{eid}-{used[eid]}"
        sub = N(I.component(work.value, eid))
        expr = N(I.component(I.expression_iri(work.value, "spa", v.valid_from), eid))
        parent_sub = N(I.component(work.value, parent_eid))
        em.add(graph, sub, RDF.type, N(ELI.LegalResourceSubdivision))
        em.add(graph, sub, ELI.is_part_of, parent_sub)
        em.add(graph, sub, ELI.type_subdivision, N(I.subdivision_type_iri(element)))
        em.add(graph, sub, ELI.id_local, lit(eid))
        em.add(graph, expr, RDF.type, N(ELI.LegalExpression))
        em.add(graph, expr, ELI.realizes, sub)
        if child.number:
            em.add(graph, expr, ELI.number, lit(child.number))
        body = child.body_start if child.body_start is not None else child.start
        em.add(graph, expr, CAB.text, lit(printing.parsed.source.text[body : child.end].strip(), lang="es"))
        if v.valid_from:
            em.add(graph, expr, CAB.validFrom, d(v.valid_from))
        else:
            em.add(graph, expr, CAB.validityUnknownReason, lit("la fecha de la versión del artículo no consta"))
        if v.valid_to:
            em.add(graph, expr, CAB.validTo, d(v.valid_to))
        em.evidence(graph, expr, printing.parsed, child.start, child.end, "structure")
        em.parts[f"{printing.source_id}#n{child.start}"] = PartRef(
            sub, expr, work, child.number, current=v.valid_to is None and v.status is Status.IN_FORCE)
        _subparts(em, graph, printing, child, work, expr, eid, v)


def _modification(em: Emitter, w: Work, sub: ox.NamedNode, expr: ox.NamedNode, hist: ArticleHistory,
                  v: Version, k: int) -> None:
    for reform in w.reforms:
        printing = reform.printing
        if v.introduced_by != f"{printing.source_id}#n{printing.instrument.node.start}":
            continue
        article = next((a for a in printing.articles() if a.number == v.reform_article), printing.instrument.node)
        ops = [op for art, op in reform.operations if art is article]
        kind = _modification_kind(v, hist, k, [op.kind.value for op in ops])
        graph = em.graph_of(printing.source_id)
        mod = N(I.modification_iri(printing.source_id, article.start, article.end, seq=_seq(em, article, printing),
                                   base=em.base))
        em.count("amendments")
        em.add(graph, mod, RDF.type, N(CAB.Modification))
        em.add(graph, mod, CAB.modificationType, N(I.concept_iri("modification-type", kind)))
        em.add(graph, mod, CAB.affects, sub)
        reform_work = _reform_article_iri(em, printing, article)
        if reform_work is not None:
            em.add(graph, mod, CAB.modifiedBy, reform_work)
        em.add(graph, mod, CAB.produces, expr)
        terms = [op for op in ops if op.kind.value == "termSubstitution" and op.term_from and op.term_to]
        if kind == "termSubstitution" and terms:
            em.add(graph, mod, CAB.oldText, lit(terms[0].term_from or "", lang="es"))
            em.add(graph, mod, CAB.newText, lit(terms[0].term_to or "", lang="es"))
        elif v.text and v.status is not Status.REPEALED:
            em.add(graph, mod, CAB.newText, lit(v.text, lang="es"))
        if k and hist.versions[k - 1].number != v.number and v.number:
            if hist.versions[k - 1].number:
                em.add(graph, mod, CAB.oldNumber, lit(hist.versions[k - 1].number or ""))
            em.add(graph, mod, CAB.newNumber, lit(v.number))
        confidence = min((op.confidence for op in ops), default=0.8)
        em.evidence(graph, mod, printing.parsed, article.start, article.end, "amendments", confidence=confidence)
        return


def _seq(em: Emitter, article: Node, printing: Printing) -> int:
    """0, 1, 2… for the modifications one amending article makes (their IRIs share its span)."""
    key = f"{printing.source_id}:{article.start}"
    em.seqs[key] = em.seqs.get(key, -1) + 1
    return em.seqs[key]


def _modification_kind(v: Version, hist: ArticleHistory, k: int, op_kinds: list[str]) -> str:
    if v.status is Status.REPEALED:
        return "repeal"
    if k == 0 or hist.origin == "inserted" and k == 0:
        return "insertion"
    previous = hist.versions[k - 1]
    if previous.text == v.text and previous.number != v.number:
        return "renumberAll" if "renumberAll" in op_kinds else "renumbering"
    if "termSubstitution" in op_kinds and "substitution" not in op_kinds and previous.number == v.number:
        return "termSubstitution"
    return "substitution"


def _reform_article_iri(em: Emitter, printing: Printing, article: Node) -> ox.NamedNode | None:
    ref = em.parts.get(f"{printing.source_id}#n{article.start}")
    return ref.subdivision if ref is not None else None


def _reform_links(em: Emitter, target: Work, printing: Printing, work_iris: dict[int, ox.NamedNode],
                  works: list[Work]) -> None:
    """The reform's own work says which work it amends."""
    own = next((w for w in works if any(p is printing for p in w.printings)), None)
    if own is None:
        return
    graph = em.graph_of(printing.source_id)
    em.add(graph, work_iris[id(own)], ELI.amends, work_iris[id(target)])


def discrepancy_quads(em: Emitter, works: list[Work], work_iris: dict[int, ox.NamedNode]) -> None:
    """Each disagreement between a printed text and the computed versions is a fact."""
    for w in works:
        for k, (printing, finding) in enumerate(w.discrepancies):
            _discrepancy(em, w, work_iris[id(w)], printing, finding, k)


def _discrepancy(em: Emitter, w: Work, work: ox.NamedNode, printing: Printing, finding: Discrepancy, k: int) -> None:
    node = next((a for a in printing.articles() if a.number == (finding.printed_number or finding.computed_number)),
                printing.instrument.node)
    graph = em.graph_of(printing.source_id)
    dis = N(I.discrepancy_iri(printing.source_id, node.start, node.end, seq=k, base=em.base))
    kind = _DISCREPANCY_KIND.get(finding.kind, finding.kind)
    em.count("discrepancies")
    em.add(graph, dis, RDF.type, N(CAB.Discrepancy))
    em.add(graph, dis, CAB.discrepancyKind, N(I.concept_iri("discrepancy-kind", kind)))
    if finding.printed_text:
        em.add(graph, dis, CAB.printedText, lit(finding.printed_text, lang="es"))
    if finding.computed_text:
        em.add(graph, dis, CAB.computedText, lit(finding.computed_text, lang="es"))
    em.add(graph, dis, CAB.printedIn, N(I.source_iri(printing.source_id, base=em.base)))
    computed = _version_at(em.versions.get((work.value, finding.identity or ""), []), printing.date)
    if computed is not None:
        em.add(graph, dis, CAB.computedFrom, computed)
    if finding.detail:
        em.add(graph, dis, RDFS.comment, lit(f"[{finding.severity}] {finding.detail}", lang="en"))
    em.evidence(graph, dis, printing.parsed, node.start, node.end, "consolidate")


def _version_at(versions: list[tuple[Version, ox.NamedNode]], when: date | None) -> ox.NamedNode | None:
    """The expression in force at ``when`` (the last one when the date is unknown)."""
    chosen = None
    for v, expr in versions:
        if when is None or v.valid_from is None or v.valid_from <= when:
            if when is None or v.valid_to is None or when < v.valid_to:
                chosen = expr
    return chosen or (versions[-1][1] if versions else None)
