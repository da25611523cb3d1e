"""Store interface: embedded generations and safe substitutions."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from query_api.store import (EmbeddedStore, StoreQueryError, StoreUnavailable, current_generation,
                             inject_values, prune_generations, term_to_sparql, values_clause)

from .helpers import EX, build_generation, fixture_quads

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(store: EmbeddedStore) -> int:
    result = store.query(COUNT)
    assert isinstance(result, ox.QuerySolutions)
    value = next(iter(result))["n"]
    assert isinstance(value, ox.Literal)
    return int(value.value)


def test_generation_follows_the_current_link(tmp_path: Path) -> None:
    gen1 = build_generation(tmp_path, fixture_quads()[:30])
    store = EmbeddedStore(tmp_path)
    assert store.generation() == gen1 == current_generation(tmp_path)
    assert _count(store) == 30
    gen2 = build_generation(tmp_path, fixture_quads()[:60])
    assert gen2 != gen1
    assert store.generation() == gen2
    assert _count(store) == 60
    store.close()


def test_readers_see_whole_generations_during_swaps(tmp_path: Path) -> None:
    build_generation(tmp_path, fixture_quads()[:30])
    store = EmbeddedStore(tmp_path)
    seen: set[int] = set()
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(_count(store))
            except BaseException as exc:  # noqa: BLE001 - report any failure
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for size in (60, 90, 30, 60):
        build_generation(tmp_path, fixture_quads()[:size])
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert seen <= {30, 60, 90} and len(seen) >= 2


def test_missing_store_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable):
        EmbeddedStore(tmp_path / "nothing").generation()


def test_prune_keeps_current(tmp_path: Path) -> None:
    for size in (3, 6, 9, 12):
        build_generation(tmp_path, fixture_quads()[:size])
    current = current_generation(tmp_path)
    prune_generations(tmp_path, keep=1)
    remaining = sorted(p.name for p in tmp_path.glob("gen-*"))
    assert remaining == [current]


def test_embedded_substitutions_bind_values(tmp_path: Path) -> None:
    build_generation(tmp_path, fixture_quads())
    store = EmbeddedStore(tmp_path)
    q = f"SELECT ?doc ?title WHERE {{ ?doc <{EX}title> ?title }}"
    result = store.query(q, substitutions={"doc": ox.NamedNode(EX + "doc/7")})
    assert isinstance(result, ox.QuerySolutions)
    rows = list(result)
    assert len(rows) == 1 and "Documento 7" in str(rows[0]["title"])
    with pytest.raises(StoreQueryError):  # pyoxigraph needs the variable projected
        store.query(f"SELECT ?title WHERE {{ ?doc <{EX}title> ?title }}",
                    substitutions={"doc": ox.NamedNode(EX + "doc/7")})


INJECTIONS = ['"', '\\"', "\\u0022", ">", "} UNION { ?s ?p ?o }", "# comment", "a\nb\r\tc",
              '""" . } ; DROP ALL ; #', "'", "\\"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_values_clause_matches_only_the_literal(payload: str) -> None:
    """A VALUES-bound payload selects exactly the rows equal to it, nothing more."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal(payload)))
    store.add(ox.Quad(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal("other")))
    query = inject_values(f"SELECT ?s WHERE {{ ?s <{EX}p> ?v }}",
                          values_clause({"v": ox.Literal(payload)}))
    rows = list(store.query(query))  # type: ignore[arg-type]
    assert [r["s"] for r in rows] == [ox.NamedNode(EX + "a")]


@hsettings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from([None, "es", "en-US"]))
def test_literals_round_trip(text: str, lang: str | None) -> None:
    term = ox.Literal(text, language=lang) if lang else ox.Literal(text)
    rendered = term_to_sparql(term)
    rows = list(ox.Store().query(f"SELECT ?x WHERE {{}} VALUES ?x {{ {rendered} }}"))  # type: ignore[arg-type]
    assert [r["x"] for r in rows] == [term]


def test_quoted_triple_terms_round_trip() -> None:
    t = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("x\ty"))
    assert term_to_sparql(t).startswith("<<(")


@pytest.mark.parametrize("name", ["x y", "x)", "?x", "", "x}{"])
def test_values_clause_rejects_bad_variable_names(name: str) -> None:
    with pytest.raises(ValueError):
        values_clause({name: ox.Literal("1")})


def test_values_clause_rejects_blank_nodes() -> None:
    with pytest.raises(ValueError):
        values_clause({"x": ox.BlankNode()})


CLAUSE = "VALUES (?x) { (1) }"


@pytest.mark.parametrize("query,expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES"),
    ("ask{?s ?p ?o}", "ask{ VALUES"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES"),
    ("PREFIX ex: <http://e/> # { not this\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ?construct "
     "{ ?s ex:p \"}{\" }", "AS ?e) ?construct { VALUES"),
    ("SELECT ?x FROM <http://g> WHERE { ?x ?p ?o FILTER(?o < 3 && ?o > 1) }", "WHERE { VALUES"),
])
def test_inject_values_targets_the_where_group(query: str, expected: str) -> None:
    out = inject_values(query, CLAUSE)
    assert expected in out and out.count(CLAUSE) == 1
    ox.Store().query(out)  # still valid SPARQL


@pytest.mark.parametrize("query", ["DESCRIBE <http://x>", "CONSTRUCT WHERE { ?s ?p ?o }",
                                   "CLEAR ALL", "CONSTRUCT { ?s ?p ?o "])
def test_inject_values_refuses_queries_without_a_where_group(query: str) -> None:
    with pytest.raises(ValueError):
        inject_values(query, CLAUSE)


def test_a_plain_store_directory_is_one_static_generation(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "plain"))
    store.extend(fixture_quads()[:9])
    store.flush()
    del store
    embedded = EmbeddedStore(tmp_path / "plain")
    assert embedded.generation().startswith("static:")
    assert _count(embedded) == 9
    with pytest.raises(StoreUnavailable):  # generations built but none activated yet
        (tmp_path / "layout" / "gen-x").mkdir(parents=True)
        EmbeddedStore(tmp_path / "layout").generation()
