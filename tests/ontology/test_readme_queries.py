"""Every example query in ontology/README.md runs on the golden sample and gives the expected answer."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from ontology import ONTOLOGY_PATH

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
SAMPLE = ROOT / "tests" / "golden" / "sample.trig"
BASE = "https://cabildo.example/"
ORD = BASE + "akn/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales"
REFORM = BASE + "akn/ve-ejemplo/act/reforma-parcial/2010-05-03/ferias-mercados-municipales"

Row = dict[str, str]


def _queries() -> dict[str, str]:
    found = re.findall(r"<!-- query: (\w+) -->.*?```sparql\n(.*?)```", README, flags=re.S)
    return dict(found)


@lru_cache(maxsize=1)
def _store() -> ox.Store:
    store = ox.Store()
    store.load(SAMPLE.read_bytes(), ox.RdfFormat.TRIG)
    store.load(ONTOLOGY_PATH.read_bytes(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/cabildo/ontology"))
    return store


def _run(query: str) -> list[Row]:
    results = _store().query(query, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    rows = []
    for solution in results:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term.value
        rows.append(row)
    return rows


def test_readme_has_one_query_per_user_question() -> None:
    assert set(_queries()) == {
        "current_text", "text_at_date", "history", "responsible", "organs", "deadlines", "discrepancies"}


def test_current_text() -> None:
    rows = _run(_queries()["current_text"])
    assert len(rows) == 1
    assert rows[0]["version"] == ORD + "/spa@2010-05-03/!main~art_2"
    assert "quince (15) días hábiles" in rows[0]["text"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2008-06-01", "treinta (30) días continuos"),
        ("2010-05-02", "treinta (30) días continuos"),  # last day of the first version
        ("2010-05-03", "quince (15) días hábiles"),  # validTo is exclusive: the reform applies
        ("2030-01-01", "quince (15) días hábiles"),
        ("2006-12-31", None),  # before the ordinance
    ],
)
def test_text_at_date(date: str, expected: str | None) -> None:
    query = _queries()["text_at_date"]
    assert query.count('"2008-06-01"^^xsd:date') == 1
    rows = _run(query.replace('"2008-06-01"^^xsd:date', f'"{date}"^^xsd:date'))
    if expected is None:
        assert rows == []
    else:
        assert len(rows) == 1 and expected in rows[0]["text"]


def test_history() -> None:
    rows = _run(_queries()["history"])
    assert [r["validFrom"] for r in rows] == ["2007-02-01", "2010-05-03"]
    assert rows[0]["validTo"] == "2010-05-03" and "validTo" not in rows[1]
    assert "operation" not in rows[0]
    assert rows[1]["operation"] == "substitution" and rows[1]["amendingWork"] == REFORM


def test_responsible() -> None:
    rows = _run(_queries()["responsible"])
    # only the duty of the version in force today; the 2007 duty is history
    assert len(rows) == 1
    row = rows[0]
    assert row["bearerLabel"] == "Dirección de Hacienda Municipal"
    assert row["action"] == "decidir" and row["modality"] == "Obligación"
    assert row["number"] == "2" and row["workTitle"] == "Ordenanza sobre Ferias y Mercados Municipales"
    assert row["duty"] == BASE + "duty/gaceta-2010-045/377-544"


def test_responsible_finds_nothing_for_an_unrelated_term() -> None:
    query = _queries()["responsible"]
    assert query.count('"solicitudes de permiso"') == 1
    assert _run(query.replace('"solicitudes de permiso"', '"alumbrado público"')) == []


def test_organs() -> None:
    rows = _run(_queries()["organs"])
    labels = sorted({r["organLabel"] for r in rows})
    assert labels == ["Concejo Municipal", "Dirección de Hacienda Municipal", "Municipio Ejemplo"]
    competences = [(r["organLabel"], r.get("action")) for r in rows if "action" in r]
    assert competences == [("Dirección de Hacienda Municipal", "decidir")]
    parents = {r["organLabel"]: r.get("parentLabel") for r in rows}
    assert parents["Concejo Municipal"] == "Municipio Ejemplo"


def test_deadlines() -> None:
    rows = _run(_queries()["deadlines"])
    assert [(r["amount"], r["unitLabel"], r["iso"], r["current"]) for r in rows] == [
        ("15", "día hábil", "P15D", "true"),
        ("30", "día", "P30D", "false"),
    ]
    assert all(r["trigger"] == "su recepción" for r in rows)


def test_discrepancies() -> None:
    rows = _run(_queries()["discrepancies"])
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "Texto distinto" and row["number"] == "2"
    assert "hábiles" in row["computedText"] and "hábiles" not in row["printedText"]
    assert (row["source"], row["start"], row["end"]) == ("gaceta-2010-045", "931", "1090")
