"""The pieces of the pages: box intents, links, organ chart layout, timeline, console examples,
and the article page over the golden sample (a reformed article with a word diff)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from query_api.web import console, intent, links, timeline
from query_api.web.names import clause, tokens, words
from query_api.web.orgchart import Node, layout
from query_api.web.render import jurisdiction_label, long_date
from tests.web.conftest import parse, web_app

BASE = "https://cabildo.example/"


@pytest.mark.parametrize("pattern", [intent.ARTICLE_REF, intent.QUESTION], ids=lambda p: p.name)
def test_intent_patterns_both_ways(pattern: intent.IntentPattern) -> None:
    for text in pattern.examples:
        assert intent.classify(text).kind == pattern.kind, text
    for text in pattern.counterexamples:
        assert intent.classify(text).kind != pattern.kind, text


def test_article_reference_keeps_number_and_work_words() -> None:
    got = intent.classify("Art. 378-A de la Ley de Régimen Municipal")
    assert (got.number, got.work_words) == ("378-A", "Ley de Régimen Municipal")


def test_rank_works_prefers_the_closest_title() -> None:
    works = [("a", "ORDENANZA SOBRE RÉGIMEN ADMINISTRATIVO DEL CONCEJO", "ordenanza"),
             ("b", "REFORMA PARCIAL DE LA ORDENANZA SOBRE RÉGIMEN ADMINISTRATIVO DEL CONCEJO", "reforma-parcial"),
             ("c", "ORDENANZA DE MERCADOS", "ordenanza")]
    assert [c.id for c in intent.rank_works("ordenanza de regimen administrativo", works)] == ["a", "b"]
    assert intent.rank_works("ley de aguas", works) == []


def test_names_match_gender_pairs_articles_and_plurals() -> None:
    text = "Corresponde al Secretario o Secretaria y a la Coordinación de los Servicios Administrativos y Presupuesto"
    toks = tokens(text)
    from query_api.web.names import find
    assert find(words("Secretario"), toks)
    hit = find(words("Coordinación de Servicio Administrativo y Presupuesto"), toks)
    assert hit and text[hit[0][1]:hit[0][2]].startswith("Coordinación")
    assert not find(words("Instituto de Deporte", exact=True), tokens("Instituto de Deportes", exact=True))
    assert clause("Uno. Dos tres: cuatro.", 5, 8) == "…Dos tres:"


def test_links_of_parts_and_organs() -> None:
    part = BASE + "akn/ve-x/act/ordenanza/2001-01-01/y/spa@2001-01-01/!main~art_12-bis__point_3"
    assert links.article_href(part, BASE, {}) == "/obras/ve-x/act/ordenanza/2001-01-01/y/articulos/12%20bis#art_12-bis__point_3"
    numbers = {BASE + "akn/ve-x/act/ordenanza/2001-01-01/y/!main~art_12-bis": "13"}
    assert (links.article_href(part, BASE, numbers, at="2001-02-03") or "").startswith(
        "/obras/ve-x/act/ordenanza/2001-01-01/y/articulos/13?fecha=2001-02-03")
    assert links.page_for_iri(BASE + "organ/ve-x/concejo", BASE, {}) == "/organos/organ/ve-x/concejo"
    assert links.page_for_iri(BASE + "akn/ve-x/act/ordenanza/2001-01-01/y", BASE, {}) == "/obras/ve-x/act/ordenanza/2001-01-01/y"
    assert links.page_for_iri(BASE + "source/abc", BASE, {}) is None


def test_chart_layout_draws_boxes_links_and_second_parents() -> None:
    nodes = {k: Node(k, label, f"/organos/{k}", parents=ps) for k, label, ps in [
        ("a", "Concejo <Municipal>", []), ("b", "Dirección", ["a"]), ("c", "Oficina", ["a", "b"]), ("d", "Otra", ["b"])]}
    chart = layout(nodes)
    assert [r.iri for r in chart.roots] == ["a"]
    assert chart.nodes["c"].depth == 2, "the deepest parent places the organ"
    assert chart.extra_edges == [("c", "a")]
    assert "Concejo &lt;Municipal&gt;" in chart.svg and "<Municipal>" not in chart.svg
    assert chart.svg.count("<rect") == 4 and 'class="edge conflict"' in chart.svg
    xs = sorted(n.x for n in chart.nodes.values() if n.depth == 2)
    assert xs[1] - xs[0] >= 190, "boxes of a layer do not overlap"


def test_chart_survives_cycles() -> None:
    nodes = {k: Node(k, k, "/", parents=[p]) for k, p in [("a", "b"), ("b", "a")]}
    assert layout(nodes).svg.count("<rect") == 2


def test_timeline_bars_cover_known_and_unknown_starts() -> None:
    bars, ticks = timeline.bars([(None, "2007-02-01"), ("2007-02-01", None)], date(2020, 1, 1))
    assert not bars[0].start_known and bars[0].left == 0.0
    assert bars[1].open_ended and bars[1].left > bars[0].left
    assert bars[1].left + bars[1].width <= 100.0 + 1e-6
    assert ticks and [t.left for t in ticks] == sorted(t.left for t in ticks) and ticks[0].label.isdigit()


def test_labels_in_spanish() -> None:
    assert jurisdiction_label("ve-heres") == "Heres (Venezuela)" and jurisdiction_label("ec") == "Ecuador"
    assert long_date("2007-02-01") == "1 de febrero de 2007" and long_date("2007") == "2007"


def test_console_adapts_values_by_variable_name() -> None:
    query = ('SELECT * WHERE {\n  VALUES (?work ?number) {\n    (<https://cabildo.example/akn/x> "2")\n  }\n'
             '  VALUES ?term { "permiso" }\n ?s ?p ?o }')
    out = console.adapt(query, {"work": "<https://k.example/akn/y>", "number": '"7"'}, "https://k.example/")
    assert '(<https://k.example/akn/y> "7")' in out and '"permiso"' in out
    assert len(console.readme_queries()) == 7


@pytest.fixture(scope="module")
def golden(golden_dir: Path) -> Iterator[TestClient]:
    with web_app(golden_dir) as client:
        yield client


GOLDEN_ART2 = "/obras/ve-ejemplo/act/ordenanza/2007-02-01/ferias-mercados-municipales/articulos/2"


def test_reformed_article_shows_older_text_and_word_diff(golden: TestClient) -> None:
    now = parse(golden.get(GOLDEN_ART2).text)
    assert now.xpath("string(//*[@id='estado'])") == "vigente"
    diff = now.xpath("//p[@class='diff']")
    assert diff and diff[0].xpath(".//ins") and diff[0].xpath(".//del")
    amending = now.xpath("//ol[@class='versions']/li[2]//a/@href")
    assert amending and "/reforma-parcial/" in amending[0]
    old = parse(golden.get(GOLDEN_ART2, params={"fecha": "2008-01-01"}).text)
    assert old.xpath("string(//*[@id='estado'])") == "vigente"
    assert old.xpath("string(//*[@id='texto'])") != now.xpath("string(//*[@id='texto'])")
    assert "treinta (30) días" in old.xpath("string(//*[@id='texto'])")
    before = parse(golden.get(GOLDEN_ART2, params={"fecha": "1990-01-01"}).text)
    assert before.xpath("string(//*[@id='estado'])") in ("desconocido", "aún no vigente")
