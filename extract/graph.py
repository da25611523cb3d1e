"""The only place that turns extracted values into triples.

Each source becomes one named graph (``source_graph_iri``), so a source can be
replaced without touching the others.  IRIs come from :mod:`ontology.iri`
only, and every subject points at the span of text that supports it
(``cab:span`` → an ``oa:TextPositionSelector``) and at the extractor that
produced it.

Modelling (see ontology/README.md): a printed instrument is an
``eli:LegalResource`` (work) realised by one ``eli:LegalExpression`` per
version; its títulos … literales are ``eli:LegalResourceSubdivision`` with
``eli:is_part_of``; time-varying number, heading and text sit on the
subdivision's expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from extract.model import Instrument, Node, NodeKind, ParsedSource
from extract.text import collapse
from ontology import iri as I
from ontology.namespace import CAB, ELI, OA

EXTRACTOR_VERSION = "0.1.0"
UNKNOWN_JURISDICTION = "xx"  # ISO 3166 user-assigned code: the text does not say

_SUBDIVISION_KINDS = {
    NodeKind.TITLE: "title",
    NodeKind.CHAPTER: "chapter",
    NodeKind.SECTION: "section",
    NodeKind.ARTICLE: "article",
    NodeKind.PARAGRAPH: "paragraph",
    NodeKind.NUMERAL: "point",
    NodeKind.LITERAL: "list_item",
}

_nodes: dict[str, ox.NamedNode] = {}


def N(term: str | URIRef) -> ox.NamedNode:
    """The pyoxigraph node of an IRI (cached: the same few predicates repeat)."""
    key = str(term)
    node = _nodes.get(key)
    if node is None:
        node = ox.NamedNode(key)
        if len(_nodes) < 10_000:
            _nodes[key] = node
    return node


def lit(value: str, *, lang: str | None = None, datatype: URIRef | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype is not None:
        return ox.Literal(value, datatype=N(datatype))
    return ox.Literal(value)


@dataclass
class PartRef:
    """Where a structure node landed in the graph (for facts to attach to)."""

    subdivision: ox.NamedNode
    expression: ox.NamedNode
    work: ox.NamedNode
    number: str | None


@dataclass
class SourceGraph:
    """Quads of one source plus the index from node keys to their IRIs."""

    graph: ox.NamedNode
    quads: list[ox.Quad] = field(default_factory=list)
    parts: dict[str, PartRef] = field(default_factory=dict)  # "n<offset>" -> refs
    works: list[ox.NamedNode] = field(default_factory=list)

    def add(self, s: ox.NamedNode, p: str | URIRef, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, N(p), o, self.graph))


def work_for(ins: Instrument, jurisdiction: str, source_id: str, *, base: str) -> URIRef:
    """The work IRI of an instrument: jurisdiction, type, its own date and title slug."""
    date = None if ins.consolidated else (ins.publication_date or ins.sanction_date)
    title = (ins.subject_title if ins.consolidated else None) or ins.title or f"documento {source_id}"
    slug = I.slugify(title, drop_leading=(ins.type.value.replace("-", " "), "ordenanza", "ley"))
    return I.work_iri(jurisdiction, ins.type.value, date, slug, base=base)


def source_graph(parsed: ParsedSource, *, base: str) -> SourceGraph:
    """All structural triples of one parsed source."""
    src = parsed.source
    out = SourceGraph(graph=N(I.source_graph_iri(src.id, base=base)))
    source_node = N(I.source_iri(src.id, base=base))
    out.add(source_node, RDF.type, N(PROV.Entity))
    out.add(source_node, RDFS.label, lit(src.path.rsplit("/", 1)[-1]))
    out.add(source_node, CAB.sha256, lit(src.sha256))
    agent = N(I.agent_iri(f"cabildo-structure-{EXTRACTOR_VERSION}", base=base))
    out.add(agent, RDF.type, N(PROV.SoftwareAgent))
    out.add(agent, RDFS.label, lit(f"cabildo structure parser {EXTRACTOR_VERSION}"))
    jurisdiction = src.meta.jurisdiction or UNKNOWN_JURISDICTION
    juris_node = N(I.jurisdiction_iri(jurisdiction, base=base))
    out.add(juris_node, RDF.type, N(ELI.AdministrativeArea))
    out.add(juris_node, RDF.type, N(SKOS.Concept))
    out.add(juris_node, SKOS.notation, lit(jurisdiction))
    seen_works: set[str] = set()
    for ins in parsed.instruments:
        work_iri = work_for(ins, jurisdiction, src.id, base=base)
        if str(work_iri) in seen_works:  # the same instrument printed twice in one source
            continue
        seen_works.add(str(work_iri))
        _instrument(out, parsed, ins, N(work_iri), juris_node, source_node, agent, base=base)
    return out


def _span(out: SourceGraph, subject: ox.NamedNode, source_id: str, source_node: ox.NamedNode,
          start: int, end: int, agent: ox.NamedNode, *, base: str) -> None:
    sel = N(I.selector_iri(source_id, start, end, base=base))
    out.add(sel, RDF.type, N(OA.TextPositionSelector))
    out.add(sel, OA.start, lit(str(start), datatype=XSD.nonNegativeInteger))
    out.add(sel, OA.end, lit(str(end), datatype=XSD.nonNegativeInteger))
    out.add(sel, CAB.sourceFile, source_node)
    out.add(subject, CAB.span, sel)
    out.add(subject, CAB.extractor, agent)


def _instrument(out: SourceGraph, parsed: ParsedSource, ins: Instrument, work: ox.NamedNode,
                juris: ox.NamedNode, source_node: ox.NamedNode, agent: ox.NamedNode, *, base: str) -> None:
    src = parsed.source
    text = src.text
    out.works.append(work)
    out.add(work, RDF.type, N(ELI.LegalResource))
    out.add(work, ELI.type_document, N(I.concept_iri("instrument-type", ins.type.value)))
    out.add(work, ELI.jurisdiction, juris)
    if ins.title:
        out.add(work, ELI.title, lit(collapse(ins.title), lang="es"))
    if ins.sanction_date:
        out.add(work, ELI.date_document, lit(ins.sanction_date, datatype=XSD.date))
    if ins.gazette_number:
        out.add(work, ELI.id_local, lit(f"{ins.gazette_name or 'Gaceta'} {ins.gazette_kind or ''} {ins.gazette_number}".replace("  ", " ")))
    _span(out, work, src.id, source_node, ins.node.start, ins.node.end, agent, base=base)
    expr = N(I.expression_iri(work.value, "spa", ins.publication_date))
    out.add(expr, RDF.type, N(ELI.LegalExpression))
    out.add(expr, ELI.realizes, work)
    out.add(work, ELI.is_realized_by, expr)
    if ins.title:
        out.add(expr, ELI.title, lit(collapse(ins.title), lang="es"))
    if ins.publication_date:
        out.add(expr, ELI.date_publication, lit(ins.publication_date, datatype=XSD.date))
        out.add(expr, CAB.validFrom, lit(ins.publication_date, datatype=XSD.date))
    else:
        out.add(expr, CAB.validityUnknownReason,
                lit("el texto no indica fecha de publicación ni de entrada en vigor", lang="es"))
    used: dict[str, int] = {}
    _children(out, ins.node, work, expr, work.value, expr.value, None, text, src.id, source_node, agent, used, base=base)


def _eid_for(node: Node, parent_eid: str | None, used: dict[str, int]) -> str:
    element = _SUBDIVISION_KINDS[node.kind]
    number = node.number or ""
    try:
        eid = I.eid(element, number or None, parent=parent_eid)
    except ValueError:
        eid = I.eid(element, f"n{node.start}", parent=parent_eid)
    count = used.get(eid, 0)
    used[eid] = count + 1
    if count:  # a number printed twice: keep both, the later one marked by its occurrence
        eid = f"{eid}-{count + 1}"
    return eid


def _children(out: SourceGraph, node: Node, work: ox.NamedNode, expr: ox.NamedNode, work_str: str, expr_str: str,
              parent_eid: str | None, text: str, source_id: str, source_node: ox.NamedNode, agent: ox.NamedNode,
              used: dict[str, int], *, base: str) -> None:
    parent_sub = N(I.component(work_str, parent_eid)) if parent_eid else work
    for child in node.children:
        if child.kind not in _SUBDIVISION_KINDS:
            if child.kind in (NodeKind.PREFACE, NodeKind.PREAMBLE, NodeKind.CONCLUSIONS, NodeKind.QUOTED_ARTICLE,
                              NodeKind.NOTE, NodeKind.BLOCK):
                continue
            _children(out, child, work, expr, work_str, expr_str, parent_eid, text, source_id, source_node, agent,
                      used, base=base)
            continue
        eid = _eid_for(child, parent_eid, used)
        sub = N(I.component(work_str, eid))
        sub_expr = N(I.component(expr_str, eid))
        element = _SUBDIVISION_KINDS[child.kind]
        out.add(sub, RDF.type, N(ELI.LegalResourceSubdivision))
        out.add(sub, ELI.is_part_of, parent_sub)
        out.add(parent_sub, ELI.has_part, sub)
        out.add(sub, ELI.type_subdivision, N(I.subdivision_type_iri(element)))
        if child.number:
            out.add(sub, ELI.number, lit(child.number))
        out.add(sub_expr, RDF.type, N(ELI.LegalExpression))
        out.add(sub_expr, ELI.realizes, sub)
        out.add(sub, ELI.is_realized_by, sub_expr)
        if child.number:
            out.add(sub_expr, ELI.number, lit(child.number))
        if child.heading:
            out.add(sub_expr, CAB.heading, lit(child.heading, lang="es"))
        body_start = child.body_start if child.body_start is not None else child.start
        out.add(sub_expr, CAB.text, lit(text[body_start : child.end].strip(), lang="es"))
        _span(out, sub_expr, source_id, source_node, child.start, child.end, agent, base=base)
        out.parts[f"n{child.start}"] = PartRef(sub, sub_expr, work, child.number)
        _children(out, child, work, expr, work_str, expr_str, eid, text, source_id, source_node, agent, used,
                   base=base)


def all_quads(graphs: Iterable[SourceGraph]) -> Iterator[ox.Quad]:
    for g in graphs:
        yield from g.quads
