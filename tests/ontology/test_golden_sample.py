"""The golden sample uses exactly the IRI scheme of ontology/iri.py and its spans fit its sources."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from ontology.iri import (
    component,
    deadline_iri,
    duration_iri,
    expression_iri,
    fact_iri,
    jurisdiction_iri,
    organ_iri,
    parse_akn,
    post_iri,
    selector_iri,
    slugify,
    source_graph_iri,
    source_iri,
    work_iri,
)
from ontology.namespace import CAB, ELI, OA

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"
FACT_CLASSES = {CAB.Duty: "duty", CAB.Deadline: "deadline", CAB.Modification: "modification",
                CAB.Citation: "citation", CAB.Discrepancy: "discrepancy"}


@lru_cache(maxsize=1)
def _dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(GOLDEN / "sample.trig", format="trig")
    return dataset


def _union() -> Graph:
    graph = Graph()
    for s, p, o, _ in _dataset().quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _int(graph: Graph, subject: Node, predicate: URIRef) -> int:
    value = graph.value(subject, predicate)
    assert isinstance(value, Literal)
    return int(value)


def _source_text(source_id: str) -> str:
    raw = (GOLDEN / "sources" / f"{source_id}.txt").read_bytes()
    return unicodedata.normalize("NFC", raw.decode("utf-8"))


def test_selectors_quote_their_source_exactly() -> None:
    graph = _union()
    selectors = set(graph.subjects(RDF.type, OA.TextPositionSelector))
    assert len(selectors) >= 10
    for sel in selectors:
        source = graph.value(sel, CAB.sourceFile)
        source_id = str(graph.value(source, DCTERMS.identifier))
        start, end = _int(graph, sel, OA.start), _int(graph, sel, OA.end)
        assert sel == selector_iri(source_id, start, end)
        assert source == source_iri(source_id)
        assert str(graph.value(sel, OA.exact)) == _source_text(source_id)[start:end]


def test_sources_hash_and_graph_layout() -> None:
    dataset = _dataset()
    graph = _union()
    names = {g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef)}
    for source in set(graph.objects(None, CAB.sourceFile)):
        source_id = str(graph.value(source, DCTERMS.identifier))
        digest = hashlib.sha256((GOLDEN / "sources" / f"{source_id}.txt").read_bytes()).hexdigest()
        assert graph.value(source, CAB.sha256) == Literal(digest)
        named = source_graph_iri(source_id)
        assert named in names
        assert (named, PROV.wasDerivedFrom, source) in graph
        # every selector of this source lives in this source's graph
        for sel in graph.subjects(CAB.sourceFile, source):
            assert (sel, RDF.type, OA.TextPositionSelector, dataset.graph(named)) in dataset


def test_work_and_version_iris_follow_the_scheme() -> None:
    graph = _union()
    ordinance = work_iri("ve-ejemplo", "ordenanza", "2007-02-01",
                         slugify("ORDENANZA SOBRE FERIAS Y MERCADOS MUNICIPALES", drop_leading=("ordenanza",)))
    reform = work_iri("ve-ejemplo", "reforma-parcial", "2010-05-03",
                      slugify("ORDENANZA DE REFORMA PARCIAL DE LA ORDENANZA SOBRE FERIAS Y MERCADOS MUNICIPALES",
                              drop_leading=("ordenanza", "reforma", "parcial")))
    works = set(graph.subjects(RDF.type, ELI.LegalResource))
    assert works == {ordinance, reform}
    for work in works:
        assert (work, ELI.jurisdiction, jurisdiction_iri("ve-ejemplo")) in graph
    for sub in graph.subjects(RDF.type, ELI.LegalResourceSubdivision):
        parent = graph.value(sub, ELI.is_part_of)
        assert sub == component(str(parent), str(graph.value(sub, ELI.id_local)))
    for version in graph.subjects(RDF.type, ELI.LegalExpression):
        realized = graph.value(version, ELI.realizes)
        parts = parse_akn(str(realized))
        valid_from = str(graph.value(version, CAB.validFrom))
        expected = expression_iri(str(parts.work()), "spa", valid_from)
        if parts.portion is not None:
            expected = component(str(expected), parts.portion)
        assert version == expected


def test_organ_post_and_fact_iris_follow_the_scheme() -> None:
    graph = _union()
    for organ in graph.subjects(RDF.type, ORG.Organization):
        assert organ == organ_iri("ve-ejemplo", slugify(str(graph.value(organ, SKOS.prefLabel))))
    for post in graph.subjects(RDF.type, ORG.Post):
        assert post == post_iri("ve-ejemplo", slugify(str(graph.value(post, SKOS.prefLabel))))
    for cls, kind in FACT_CLASSES.items():
        facts = set(graph.subjects(RDF.type, cls))
        assert facts, f"the sample shows at least one {kind}"
        for fact in facts:
            keys = {
                fact_iri(kind, str(graph.value(graph.value(sel, CAB.sourceFile), DCTERMS.identifier)),
                         _int(graph, sel, OA.start), _int(graph, sel, OA.end))
                for sel in graph.objects(fact, CAB.span)
            }
            assert fact in keys, f"{fact} is not keyed by one of its spans"
    for deadline in graph.subjects(RDF.type, CAB.Deadline):
        assert graph.value(deadline, CAB.duration) == duration_iri(str(deadline))
    assert deadline_iri("gaceta-2010-045", 479, 543) in set(graph.subjects(RDF.type, CAB.Deadline))


def test_sample_covers_the_contract() -> None:
    graph = _union()
    art2 = component(str(work_iri("ve-ejemplo", "ordenanza", "2007-02-01", "ferias-mercados-municipales")), "art_2")
    versions = set(graph.subjects(ELI.realizes, art2))
    assert len(versions) == 2  # amended once
    assert any((v, CAB.validTo, None) in graph for v in versions)
    assert (None, RDF.type, ORG.Post) in graph and (None, RDF.type, ORG.OrganizationalUnit) in graph
    assert (None, CAB.isoDuration, Literal("P15D", datatype=URIRef("http://www.w3.org/2001/XMLSchema#duration"))) in graph
    assert (None, RDF.type, CAB.Citation) in graph and (None, ELI.cites, None) in graph
