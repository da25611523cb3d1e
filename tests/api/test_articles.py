"""Article text now, at a date, and its history — checked against what the seeds say."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import work_id

ROOT = Path(__file__).resolve().parents[2]


def test_works_have_the_minimum_fields(client: TestClient) -> None:
    works = client.get("/api/works").json()
    assert {"id", "iri", "title", "type", "jurisdiction", "date"} <= set(works[0])
    assert {w["jurisdiction"] for w in works} >= {"ve-heres", "ec", "pe", "hn-trujillo", "mx"}
    only = client.get("/api/works", params={"jurisdiction": "ec"}).json()
    assert [w["type"] for w in only] == ["ley"]


def test_work_detail_lists_articles_in_order(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-municipal", type="ley")
    detail = client.get(f"/api/works/{wid}").json()
    numbers = [a["number"] for a in detail["articles"]]
    assert numbers[:5] == ["1", "2", "3", "4", "5"] and len(numbers) >= 600
    assert client.get("/api/works/xx/act/nada/sin-fecha/nada").status_code == 404


def test_substituted_article_has_the_reform_text(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    ans = client.get(f"/api/works/{wid}/articles/10").json()
    assert ans["status"] == "in_force"
    assert ans["text"].startswith("Corresponde al Vicepresidente o Vicepresidenta en materia administrativa")
    assert ans["introduced_by"]["type"] == "substitution" and "reforma-parcial" in ans["introduced_by"]["work"]
    assert set(ans) >= {"work", "number", "status", "text", "heading", "valid_from", "valid_to", "introduced_by", "notes"}


def test_repealed_article_says_so_and_has_no_text(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    for n in ("31", "32", "33", "34", "35"):
        ans = client.get(f"/api/works/{wid}/articles/{n}").json()
        assert ans["status"] == "repealed" and ans["text"] is None
        assert "reforma-parcial" in (ans["introduced_by"]["work"] or "")


def test_inserted_article_is_not_yet_in_force_before_the_reform(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    now = client.get(f"/api/works/{wid}/articles/50").json()
    assert now["status"] == "in_force" and "Oficina de Atención al Ciudadano" in now["text"]
    before = client.get(f"/api/works/{wid}/articles/50", params={"at": "2006-06-01"}).json()
    assert before["status"] == "not_yet_in_force" and before["text"] is None


def test_text_before_the_corpus_is_unknown_never_invented(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    old = client.get(f"/api/works/{wid}/articles/10", params={"at": "2006-06-01"}).json()
    assert old["status"] == "unknown" and old["text"] is None and old["notes"]


def test_history_has_versions_and_word_diff(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    hist = client.get(f"/api/works/{wid}/articles/10/history").json()
    assert len(hist["versions"]) == 2
    assert hist["versions"][0]["status"] == "unknown" and hist["versions"][1]["status"] == "in_force"


def test_editorial_note_dates_a_version_of_the_national_law(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-municipal", type="ley")
    notes = json.loads((ROOT / "tests/gold/amendments/notes.json").read_text(encoding="utf-8"))
    reformed = [n for n in (notes if isinstance(notes, list) else notes["notes"])
                if n.get("kind") == "substitution" and n.get("date") and n.get("scope") == "article"]
    assert reformed
    note = reformed[0]
    number = note.get("article")
    ans = client.get(f"/api/works/{wid}/articles/{number}").json()
    assert ans["valid_from"] == note["date"] and ans["status"] == "in_force"
    before = client.get(f"/api/works/{wid}/articles/{number}", params={"at": "1975-01-01"}).json()
    assert before["status"] == "unknown"


def test_unknown_article_is_404(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    assert client.get(f"/api/works/{wid}/articles/999").status_code == 404


def test_lettered_article_numbers_are_found_in_any_case(client: TestClient) -> None:
    wid = work_id(client, contains="regimen-municipal", type="ley")
    lettered = [a["number"] for a in client.get(f"/api/works/{wid}").json()["articles"] if "-" in (a["number"] or "")]
    assert lettered
    for number in (lettered[0], lettered[0].lower()):
        ans = client.get(f"/api/works/{wid}/articles/{number}")
        assert ans.status_code == 200 and ans.json()["number"] == lettered[0]
