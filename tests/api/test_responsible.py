"""Who is responsible for X: hit@1 / hit@3 on 40 questions written by hand, and honest "not found"."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from extract.nlp.canon import simple_key

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "facts"


def _gold_names() -> dict[str, set[str]]:
    """Every name of each gold organ (canonical, variants, and the unit of a post)."""
    organs = json.loads((GOLD / "organs.json").read_text(encoding="utf-8"))
    organs = organs if isinstance(organs, list) else organs["organs"]
    names: dict[str, set[str]] = {}
    for o in organs:
        keys = {simple_key(o["canonical"])} | {simple_key(v) for v in o.get("variants", [])}
        names.setdefault(simple_key(o["canonical"]), set()).update(keys)
    for o in organs:  # a post answers for its unit and the unit for its post
        if o.get("post_of"):
            both = names.get(simple_key(o["canonical"]), set()) | names.get(simple_key(o["post_of"]), set())
            names[simple_key(o["canonical"])] = both
            names[simple_key(o["post_of"])] = both
    return names


def _answer_names(client: TestClient) -> dict[str, set[str]]:
    return {o["iri"]: {simple_key(o["label"])} | {simple_key(v) for v in o["variants"]}
            for o in client.get("/api/organs").json()}


def _score(client: TestClient) -> tuple[int, int, int, int, int, list[str]]:
    questions = json.loads((GOLD / "questions.json").read_text(encoding="utf-8"))
    gold_names, names = _gold_names(), _answer_names(client)
    h1 = h3 = n = nf = nf_ok = 0
    misses = []
    for q in questions:
        answers = client.get("/api/responsible", params={"q": q["q"]}).json()["answers"]
        for a in answers:  # every answer shows its source quote
            assert a["source"]["quote"] and a["source"]["iri"] and a["duty"]["text"]
        if not q["expected"]:
            nf += 1
            nf_ok += not answers
            continue
        wanted = set().union(*(gold_names.get(simple_key(e), {simple_key(e)}) for e in q["expected"]))
        ok = [bool(names.get(a["organ"]["iri"], set()) & wanted) for a in answers]
        n += 1
        h1 += bool(ok[:1] and ok[0])
        h3 += any(ok[:3])
        if not any(ok[:3]):
            misses.append(f"{q['q']} -> {[a['organ']['label'] for a in answers[:3]]}")
    return h1, h3, n, nf_ok, nf, misses


def test_who_is_responsible_on_the_hand_written_questions(client: TestClient) -> None:
    h1, h3, n, nf_ok, nf, misses = _score(client)
    print(f"\nresponsible: hit@1 {h1}/{n} = {h1 / n:.2f}, hit@3 {h3}/{n} = {h3 / n:.2f}, "
          f"not found honestly {nf_ok}/{nf}")
    print("\n".join(misses))
    # floors set below the measured values (hit@1 0.45, hit@3 0.60, not-found 7/8) to allow small drift
    assert h1 / n >= 0.40 and h3 / n >= 0.55 and nf_ok >= nf - 2


def test_answers_follow_the_reform(client: TestClient) -> None:
    """The Oficina de Atención al Ciudadano only exists in the reformed text (art. 50)."""
    now = client.get("/api/responsible", params={"q": "atención al ciudadano"}).json()["answers"]
    before = client.get("/api/responsible", params={"q": "atención al ciudadano", "at": "2006-01-01"}).json()["answers"]
    assert now and all(a["source"]["valid_from"] is None or a["source"]["valid_from"] <= "2026-12-31" for a in now)
    assert all(a["source"]["valid_from"] is None or a["source"]["valid_from"] <= "2006-01-01" for a in before)


def test_unrelated_question_is_not_found(client: TestClient) -> None:
    out = client.get("/api/responsible", params={"q": "¿Quién expide los pasaportes diplomáticos?"}).json()
    assert out["answers"] == [] and out["note"]


def test_question_text_is_never_sparql(client: TestClient) -> None:
    for q in ['"} } DROP ALL #', "?s ?p ?o", "<http://example.org/x>", "' OR 1=1 --", "\u0000\u202e", "x" * 500]:
        resp = client.get("/api/responsible", params={"q": q})
        assert resp.status_code in (200, 422), resp.text
