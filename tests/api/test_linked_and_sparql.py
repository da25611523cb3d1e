"""Graph IRIs dereference under the server; the SPARQL endpoint answers over the corpus."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import work_id

BASE = "https://cabildo.example/"


def test_article_iri_dereferences_as_turtle_and_jsonld(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    path = f"/akn/{wid}/!main~art_10"
    ttl = client.get(path, headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    assert "LegalResourceSubdivision" in ttl.text
    js = client.get(path, headers={"Accept": "application/ld+json"})
    assert js.status_code == 200 and js.json()
    assert client.get(path, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/akn/xx/act/nada/sin-fecha/nada").status_code == 404


def test_sparql_endpoint_sees_every_source_graph(client: TestClient) -> None:
    q = "PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT (COUNT(?w) AS ?n) WHERE { ?w a eli:LegalResource }"
    resp = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200
    assert int(resp.json()["results"]["bindings"][0]["n"]["value"]) >= 10
    assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 400
