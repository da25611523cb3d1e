"""Real SPARQL clients against the live uvicorn server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .helpers import EX, NAMED_GRAPH, LiveServer

SELECT = f"SELECT ?doc ?n WHERE {{ ?doc <{EX}number> ?n }} ORDER BY ?n LIMIT 3"


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(live: LiveServer, method: str) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setMethod(method)
    sw.setQuery(SELECT)
    sw.setReturnFormat(JSON)
    result = sw.queryAndConvert()
    assert isinstance(result, dict)
    assert [b["n"]["value"] for b in result["results"]["bindings"]] == ["0", "1", "2"]


def test_sparqlwrapper_xml_csv_ask_construct(live: LiveServer) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setQuery(SELECT)
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert len(doc.getElementsByTagName("result")) == 3  # type: ignore[union-attr]
    sw.setReturnFormat(CSV)
    csv_bytes = sw.queryAndConvert()
    assert isinstance(csv_bytes, bytes) and csv_bytes.decode().splitlines()[0] == "doc,n"
    sw.setQuery(f"ASK {{ <{EX}doc/1> <{EX}number> 1 }}")
    sw.setReturnFormat(JSON)
    ask = sw.queryAndConvert()
    assert isinstance(ask, dict) and ask["boolean"] is True
    sw.setQuery(f"CONSTRUCT {{ ?d <{EX}n> ?n }} WHERE {{ ?d <{EX}number> ?n }} LIMIT 4")
    sw.setReturnFormat(TURTLE)
    turtle = sw.queryAndConvert()
    assert len(Graph().parse(data=turtle, format="turtle")) == 4  # type: ignore[arg-type]


def test_sparqlwrapper_reports_bad_queries_and_updates(live: LiveServer) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        sw.queryAndConvert()
    sw.setQuery(f"INSERT DATA {{ <{EX}x> <{EX}y> 1 }}")
    sw.setMethod(POST)
    with pytest.raises(QueryBadFormed):  # SPARQLWrapper posts updates as update=...; 400 here
        sw.query()


def test_rdflib_sparqlstore(live: LiveServer) -> None:
    store = SPARQLStore(live.url + "/sparql", returnFormat="xml")
    g = Graph(store=store)
    rows = list(g.query(SELECT))
    assert [int(str(r[1])) for r in rows] == [0, 1, 2]  # type: ignore[index]
    titles = list(g.triples((URIRef(EX + "doc/4"), URIRef(EX + "title"), None)))
    assert len(titles) == 1 and isinstance(titles[0][2], Literal)
    assert titles[0][2].language == "es"
    assert (URIRef(EX + "doc/4"), URIRef(EX + "number"), None) in g
    named = Graph(store=SPARQLStore(live.url + "/sparql"), identifier=URIRef(NAMED_GRAPH))
    assert len(list(named.triples((None, URIRef(EX + "label"), None)))) == 10
