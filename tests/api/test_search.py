"""Full-text search is accent- and morphology-insensitive; discrepancies carry both texts."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_matches_other_word_forms_without_accents(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "publicacion gaceta legislativa"}).json()["hits"]
    assert hits and any("Gaceta Legislativa" in h["snippet"] for h in hits[:3])
    morph = client.get("/api/search", params={"q": "recaudar ingresos municipales"}).json()["hits"]
    assert any("recaudación" in h["snippet"].lower() for h in morph[:5])


def test_search_filters_by_jurisdiction(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "alcalde", "jurisdiction": "ec"}).json()["hits"]
    assert hits and all(h["jurisdiction"] == "ec" for h in hits)


def test_search_input_is_text_not_query_syntax(client: TestClient) -> None:
    for q in ['"}) DROP ALL #', "<http://x>", "?s ?p ?o", "ñ" * 400]:
        resp = client.get("/api/search", params={"q": q})
        assert resp.status_code == 200 and isinstance(resp.json()["hits"], list)


def test_discrepancies_report_printed_although_repealed(client: TestClient) -> None:
    found = client.get("/api/discrepancies").json()
    kinds = {d["kind"] for d in found}
    assert "printed_although_repealed" in kinds
    repealed = [d for d in found if d["kind"] == "printed_although_repealed"]
    assert {d["number"] for d in repealed} >= {"31", "32", "33", "34", "35"}
    assert all(d["printed_text"] and d["source"] and d["end"] > d["start"] for d in repealed)
