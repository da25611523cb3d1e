"""Every page answers in Spanish over the seed store; bad input gives a 4xx page, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import parse

REGIMEN = "/obras/ve-heres/act/ordenanza/sin-fecha/regimen-administrativo-concejo-municipio-heres"


def _work_with_reformed_article(web: TestClient) -> tuple[str, str]:
    """A work page and the first article it badges «reformado» (found through the pages, not hard-coded)."""
    works = parse(web.get("/obras").text)
    for href in works.xpath("//main//ul[@class='works']//a/@href"):
        doc = parse(web.get(href).text)
        for li in doc.xpath("//ol[@class='toc']/li"):
            if li.xpath(".//span[contains(@class,'reformado')]"):
                return href, li.xpath(".//a/@href")[0]
    raise AssertionError("no reformed article in the corpus")


def test_home_has_one_box_and_examples_from_the_store(web: TestClient) -> None:
    r = web.get("/")
    assert r.status_code == 200
    doc = parse(r.text)
    assert len(doc.xpath("//main//form[@action='/ir']//input[@name='q']")) == 1
    assert "Consulte el derecho municipal" in r.text
    examples = doc.xpath("//ul[@class='examples']//a")
    assert {e.getparent().xpath("string(span)") for e in examples} == {"Pregunta", "Artículo", "Palabras"}


def test_box_sends_each_kind_of_input_to_its_page(web: TestClient) -> None:
    r = web.get("/ir", params={"q": "artículo 10 de la ordenanza de régimen administrativo"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == REGIMEN + "/articulos/10"
    r = web.get("/ir", params={"q": "¿Quién custodia el archivo histórico?"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/preguntas?q=")
    r = web.get("/ir", params={"q": "archivo histórico"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/buscar?q=")
    r = web.get("/ir", params={"q": "artículo 10 de la ordenanza de cosas que no existen"}, follow_redirects=False)
    assert r.status_code == 303 and "/buscar?" in r.headers["location"] and "ref=1" in r.headers["location"]


def test_answers_link_each_quote_to_its_article(web: TestClient) -> None:
    r = web.get("/preguntas", params={"q": "¿Quién custodia el archivo histórico del Concejo?"})
    assert r.status_code == 200
    doc = parse(r.text)
    answers = doc.xpath("//li[@class='answer']")
    assert answers
    first = answers[0]
    assert "Secretari" in first.xpath("string(.//h3)")
    assert "Archivo Histórico" in first.xpath("string(.//blockquote)")
    link = first.xpath(".//a[@class='source-link']/@href")[0]
    assert "/articulos/15" in link and "#art_15__point_8" in link
    article = web.get(link.split("#")[0])
    assert article.status_code == 200 and 'id="art_15__point_8"' in article.text


def test_unanswerable_question_says_so(web: TestClient) -> None:
    r = web.get("/preguntas", params={"q": "¿Quién pilota las naves espaciales interplanetarias?"})
    assert r.status_code == 200 and "no encontrado" in r.text.lower()


def test_search_page_lists_hits_with_links(web: TestClient) -> None:
    r = web.get("/buscar", params={"q": "archivo histórico"})
    assert r.status_code == 200
    links = parse(r.text).xpath("//ol[@class='results']//h3/a/@href")
    assert links and all(h.startswith("/obras/") for h in links)
    assert web.get(links[0]).status_code == 200


def test_works_grouped_by_jurisdiction_and_type(web: TestClient) -> None:
    r = web.get("/obras")
    doc = parse(r.text)
    assert r.status_code == 200
    headings = [h.text_content() for h in doc.xpath("//main//h2")]
    assert "Heres (Venezuela)" in headings and "Ecuador" in headings
    assert "Reforma parcial" in [h.text_content() for h in doc.xpath("//main//h3")]


def test_work_page_badges_come_from_the_graph(web: TestClient) -> None:
    doc = parse(web.get(REGIMEN).text)
    rows = {li.xpath("string(a)"): {b.text for b in li.xpath(".//span[contains(@class,'badge')]")}
            for li in doc.xpath("//ol[@class='toc']/li")}
    assert "derogado" in rows["Artículo 31"] and "discrepancia" in rows["Artículo 31"]
    assert "reformado" in rows["Artículo 10"]
    assert "insertado" in rows["Artículo 50"]
    assert rows["Artículo 1"] == set()


def test_article_page_now_and_at_an_earlier_date(web: TestClient) -> None:
    now = web.get(REGIMEN + "/articulos/10")
    assert now.status_code == 200
    doc = parse(now.text)
    assert doc.xpath("string(//*[@id='estado'])") == "vigente"
    assert "Vicepresidente" in doc.xpath("string(//*[@id='texto'])")
    versions = doc.xpath("//ol[@class='versions']/li")
    assert len(versions) == 2
    amending = versions[1].xpath(".//a/@href")
    assert amending and "/reforma-parcial/" in amending[0] and "/articulos/1" in amending[0]
    assert web.get(amending[0]).status_code == 200
    before = parse(web.get(REGIMEN + "/articulos/10", params={"fecha": "2006-05-01"}).text)
    assert before.xpath("string(//*[@id='estado'])") == "desconocido"
    assert before.xpath("//ul[@class='notes']/li"), "an unknown text must say why"
    assert not before.xpath("//*[@id='texto']")


def test_repealed_article_has_no_text_in_force(web: TestClient) -> None:
    doc = parse(web.get(REGIMEN + "/articulos/34").text)
    assert doc.xpath("string(//*[@id='estado'])") == "derogado"
    assert "Impreso aunque derogado" in doc.text_content()


def test_page_without_articles_shows_its_text(web: TestClient) -> None:
    works = parse(web.get("/obras").text).xpath("//a[contains(@href,'/doc/plan/')]/@href")
    assert works
    r = web.get(works[0])
    assert r.status_code == 200 and "Texto" in r.text and "Índice de artículos" not in r.text


def test_organ_page_groups_competences_and_shows_hierarchy(web: TestClient) -> None:
    r = web.get("/organos/organ/ve-heres/direccion-servicios-administrativos")
    assert r.status_code == 200
    doc = parse(r.text)
    assert doc.xpath("string(//h1)") == "Dirección de Servicios Administrativos"
    assert doc.xpath("//section[@aria-labelledby='competencias']//h3")
    children = doc.xpath("//dt[.='A su cargo']/following-sibling::dd[1]//a/text()")
    assert "Oficina de Informática" in children
    sources = doc.xpath("//section[@aria-labelledby='fuentes']//a/@href")
    assert sources and all("/articulos/" in s for s in sources)


def test_organ_with_two_parents_is_flagged(web: TestClient) -> None:
    doc = parse(web.get("/organos/organ/ve-heres/coordinacion-medios-protocolo").text)
    parents = doc.xpath("//dt[.='Depende de']/following-sibling::dd[1]//a/text()")
    assert len(parents) == 2
    assert "jerarquía contradictoria" in doc.text_content()


def test_organ_chart_is_svg_with_links_and_a_list(web: TestClient) -> None:
    r = web.get("/organigrama/ve-heres")
    assert r.status_code == 200
    doc = parse(r.text)
    svg = doc.xpath("//svg")
    assert svg and svg[0].xpath(".//title")
    boxes = svg[0].xpath(".//a/@href")
    assert "/organos/organ/ve-heres/direccion-servicios-administrativos" in boxes
    assert svg[0].xpath(".//path[contains(@class,'conflict')]"), "the second parent is drawn"
    assert doc.xpath("//section[@aria-labelledby='lista']//li")
    assert web.get("/organigrama").status_code == 200


def test_console_examples_are_readme_queries_on_real_values(web: TestClient) -> None:
    r = web.get("/sparql-consola")
    assert r.status_code == 200
    doc = parse(r.text)
    queries = doc.xpath("//button/@data-query")
    assert len(queries) >= 5
    assert all("ve-ejemplo" not in q for q in queries), "README sample values are replaced by the store's"
    assert doc.xpath("//script[@src='/static/console.js']")
    assert web.get("/static/console.js").status_code == 200


def test_console_query_runs_on_the_sparql_endpoint(web: TestClient) -> None:
    query = parse(web.get("/sparql-consola").text).xpath("//button/@data-query")[0]
    r = web.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"]


def test_audit_page_lists_findings_with_links(web: TestClient) -> None:
    r = web.get("/auditoria", params={"gravedad": "high"})
    assert r.status_code == 200
    doc = parse(r.text)
    findings = doc.xpath("//article[contains(@class,'finding')]")
    assert findings and all("sev-high" in f.get("class") for f in findings)
    link = doc.xpath("//a[@class='evidence-link'][contains(@href,'/articulos/')]/@href")[0]
    assert web.get(link).status_code == 200
    assert web.get("/api/audit", params={"kind": "overlap"}).json()["findings"]
    csv_text = web.get("/api/audit", params={"format": "csv"}).text
    assert csv_text.startswith("id,tipo,gravedad")


@pytest.mark.parametrize("url,status", [
    ("/obras/ve-heres/act/ordenanza/no-existe", 404),
    (REGIMEN + "/articulos/9999", 404),
    (REGIMEN + "/articulos/10?fecha=2020-13-45", 400),
    (REGIMEN + "/articulos/10?fecha=ayer", 400),
    ("/preguntas?q=abc&fecha=31-12-2020", 400),
    ("/organos/organ/xx/nadie", 404),
    ("/organigrama/zz-ninguna", 404),
    ("/auditoria?tipo=inventado", 400),
    ("/buscar?q=" + "a" * 600, 400),
    ("/static/../../etc/passwd", 404),
])
def test_bad_input_gives_a_spanish_error_page(web: TestClient, url: str, status: int) -> None:
    r = web.get(url)
    assert r.status_code == status
    if "/static/" not in url:
        assert r.headers["content-type"].startswith("text/html")
        doc = parse(r.text)
        assert f"Error {status}" in doc.xpath("string(//*[@role='alert'])")


@pytest.mark.parametrize("q", ['<script>alert("x")</script>', "\"'><img src=x onerror=alert(1)>", "} DROP ALL {",
                               "artículo 1 de <b>ley</b>", "¿" * 300, "\u202e\u0000x", "%00%0a"])
def test_hostile_text_is_escaped_never_a_500(web: TestClient, q: str) -> None:
    for path in ("/preguntas", "/buscar", "/ir"):
        r = web.get(path, params={"q": q})
        assert r.status_code < 500, (path, q)
        assert "<script>alert" not in r.text and "<img src=x" not in r.text and "<b>ley</b>" not in r.text


def test_script_in_question_is_shown_as_text(web: TestClient) -> None:
    r = web.get("/preguntas", params={"q": "<script>alert(1)</script>"})
    assert r.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert not parse(r.text).xpath("//main//script")


PAGES = ["/", "/obras", REGIMEN, REGIMEN + "/articulos/10", REGIMEN + "/articulos/10?fecha=2006-01-01",
         "/organos", "/organos/organ/ve-heres/direccion-servicios-administrativos",
         "/preguntas?q=" + quote("¿Quién custodia el archivo histórico?"), "/buscar?q=archivo", "/sparql-consola",
         "/organigrama", "/organigrama/ve-heres", "/auditoria?gravedad=high", "/obras/no-existe"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_landmarks_headings_and_labels(web: TestClient, url: str) -> None:
    doc = parse(web.get(url).text)
    assert doc.get("lang") == "es"
    assert len(doc.xpath("//main")) == 1 and len(doc.xpath("//h1")) == 1
    assert doc.xpath("//header") and doc.xpath("//nav[@aria-label]") and doc.xpath("//footer")
    assert doc.xpath("//a[@class='skip'][@href='#contenido']") and doc.xpath("//main[@id='contenido']")
    assert doc.xpath("string(//title)").strip()
    for control in doc.xpath("//input[not(@type='hidden')] | //select | //textarea"):
        cid = control.get("id")
        assert cid and doc.xpath(f"//label[@for='{cid}']"), f"unlabelled control on {url}"
    for img in doc.xpath("//svg"):
        assert img.get("role") == "img" and img.xpath("./title")
    levels = [int(h.tag[1]) for h in doc.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4]")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"skipped heading level on {url}"
