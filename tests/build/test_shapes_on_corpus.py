"""The graph built from the whole seed corpus conforms to ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from extract.corpus import assemble
from extract.graph import emit_corpus
from extract.graph_citations import emit_citations
from extract.graph_facts import emit_facts
from extract.instruments import parse_source
from extract.nlp import extract_facts
from extract.passages import passages
from extract.sources import open_source
from ontology.validation import validate

ROOT = Path(__file__).resolve().parents[2]


def test_full_corpus_graph_conforms() -> None:
    parsed = [parse_source(open_source(p)) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    works = assemble(parsed)
    em = emit_corpus(parsed, works, base="https://cabildo.test/")
    emit_citations(em, works)
    emit_facts(em, extract_facts([p for src in parsed for p in passages(src)]), parsed)
    store = ox.Store()
    store.extend(em.quads)
    report = validate(store)
    assert report.conforms, report.text[:4000]
    assert em.counts["versions"] > em.counts["articles"] > 900
    assert em.counts["amendments"] >= 20 and em.counts["discrepancies"] >= 10
    assert em.counts["citations"] >= 200
    assert em.counts["duties"] >= 300 and em.counts["organs"] >= 50 and em.counts["deadlines"] >= 50


def test_a_broken_corpus_graph_is_rejected() -> None:
    parsed = [parse_source(open_source(ROOT / "tests/gold/structure/samples/ar_ordenanza_1234.txt"))]
    em = emit_corpus(parsed, assemble(parsed), base="https://cabildo.test/")
    store = ox.Store()
    store.extend(em.quads)
    assert validate(store).conforms
    # a second, overlapping version of an article must be refused
    version = next(q for q in em.quads if q.predicate.value.endswith("validFrom"))
    realizes = next(q.object for q in em.quads if q.subject == version.subject and q.predicate.value.endswith("realizes"))
    clone = ox.NamedNode(version.subject.value.replace("spa@", "spa@") + "-copia")
    store.add(ox.Quad(clone, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode("http://data.europa.eu/eli/ontology#LegalExpression")))
    store.add(ox.Quad(clone, ox.NamedNode("http://data.europa.eu/eli/ontology#realizes"), realizes))
    store.add(ox.Quad(clone, version.predicate, version.object))
    report = validate(store)
    assert not report.conforms
    assert any("overlap" in v.message for v in report.violations)
