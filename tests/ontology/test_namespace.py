"""The closed namespaces match the ontology file, and typos raise."""

from __future__ import annotations

import doctest
import re
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

import ontology.namespace as namespace_module
from ontology import ONTOLOGY_PATH, SHAPES_PATH
from ontology.namespace import CAB, ELI, OA, terms

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "golden" / "sample.trig"
README = ROOT / "ontology" / "README.md"
ONTOLOGY_IRI = URIRef("https://w3id.org/cabildo/ontology")
CAB_NS = "https://w3id.org/cabildo/ontology#"


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def _declared_cab_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(CAB_NS)}


def test_cab_lists_exactly_the_terms_declared_in_the_ttl() -> None:
    declared = _declared_cab_terms(_ontology())
    in_python = set(terms(CAB))
    assert declared - in_python == set(), "declared in cabildo.ttl but missing from CAB"
    assert in_python - declared == set(), "in CAB but not declared in cabildo.ttl"
    assert len(declared) >= 40


def test_typos_raise() -> None:
    with pytest.raises(AttributeError):
        CAB.typo  # noqa: B018
    with pytest.raises(AttributeError):
        CAB["validfrom"]  # case matters
    with pytest.raises(AttributeError):
        ELI.date_publicaton  # noqa: B018
    with pytest.raises(AttributeError):
        OA.TextSelector  # noqa: B018
    assert str(CAB.validTo) == CAB_NS + "validTo"
    assert str(ELI["InForce-inForce"]) == "http://data.europa.eu/eli/ontology#InForce-inForce"


@pytest.mark.parametrize("term", sorted(terms(CAB)), ids=lambda t: str(t)[len(CAB_NS):])
def test_every_own_term_is_documented_in_both_languages(term: URIRef) -> None:
    graph = _ontology()
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}
        assert {"es", "en"} <= langs, f"{term} needs {prop} in es and en, has {langs}"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in graph
    kinds = set(graph.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


def test_properties_declare_a_domain_or_range() -> None:
    graph = _ontology()
    props = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    lacking = {p for p in props if (p, RDFS.domain, None) not in graph and (p, RDFS.range, None) not in graph}
    assert lacking == set()


def _used_iris(text: str) -> set[str]:
    """Every absolute IRI in <...> and every prefixed name expanded with the file's prefixes."""
    prefixes = dict(re.findall(r"(?im)^\s*(?:@prefix|PREFIX)\s+([\w-]*):\s*<([^>]+)>", text))
    used = set(re.findall(r"<(https?://[^>\s]+)>", text))
    for prefix, local in re.findall(r"(?<![\w<#/])([a-z][\w-]*):([A-Za-z_][\w-]*)", text):
        if prefix in prefixes:
            used.add(prefixes[prefix] + local)
    return used


@pytest.mark.parametrize("path", [ONTOLOGY_PATH, SHAPES_PATH, SAMPLE, README], ids=lambda p: p.name)
def test_files_use_only_declared_terms(path: Path) -> None:
    used = _used_iris(path.read_text(encoding="utf-8"))
    for ns in (CAB, ELI, OA):
        unknown = {iri for iri in used if iri.startswith(str(ns)) and iri != str(ns) and URIRef(iri) not in terms(ns)}
        assert unknown == set(), f"{path.name} uses undeclared {ns} terms"


def test_used_iri_scanner_can_fail() -> None:
    text = "@prefix cab: <https://w3id.org/cabildo/ontology#> .\n<x> cab:bearr <y> ."
    assert CAB_NS + "bearr" in _used_iris(text)


def test_namespace_doctests() -> None:
    result = doctest.testmod(namespace_module)
    assert result.attempted > 0 and result.failed == 0
