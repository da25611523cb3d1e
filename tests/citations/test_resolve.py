"""resolve: internal, relative, external present/absent, and what must stay unresolved."""

from __future__ import annotations

from extract.citations import Citation, Resolution, find_citations, resolve, work_key

NUMBERS = ["1", "2", "3", "4", "5", "5-A", "6"]
LOPPM = "ley:organica poder publico municipal"
WORKS = {LOPPM: "ve/ley/loppm"}


def _cite(text: str) -> Citation:
    (c,) = find_citations(text)
    return c


def _resolve(text: str, citing: str | None = "5") -> Resolution:
    return resolve(_cite(text), citing_article=citing, article_numbers_in_work=NUMBERS, works_by_key=WORKS,
                   citing_work="this")


def test_internal_article() -> None:
    r = _resolve("los artículos 2 y 5-A de esta Ordenanza")
    assert (r.kind, r.articles, r.work_id, r.external) == ("internal-article", ("2", "5-A"), "this", False)


def test_internal_article_partly_missing_reports_what_is_missing() -> None:
    r = _resolve("los Artículos 6 y 60")
    assert r.kind == "internal-article" and r.articles == ("6",) and r.missing == ("60",)


def test_internal_article_not_in_work_is_unresolved() -> None:
    r = _resolve("el Artículo 129")
    assert r.kind == "unresolved" and r.missing == ("129",)


def test_relative_previous_and_next() -> None:
    assert _resolve("el artículo anterior").articles == ("4",)
    assert _resolve("el artículo anterior", citing="5-A").articles == ("5",)
    assert _resolve("el artículo siguiente.").articles == ("5-A",)
    two = _resolve("los dos artículos precedentes")
    assert (two.kind, two.articles) == ("internal-relative", ("3", "4"))


def test_relative_that_cannot_be_pinned_down_stays_unresolved() -> None:
    assert _resolve("el artículo anterior", citing="1").kind == "unresolved"  # no article before the first
    assert _resolve("el artículo anterior", citing=None).kind == "unresolved"
    assert _resolve("el artículo anterior", citing="99").kind == "unresolved"
    assert _resolve("los artículos anteriores").kind == "unresolved"  # how many?
    assert _resolve("la disposición transitoria precedente").kind == "unresolved"


def test_sub_parts_of_the_citing_article() -> None:
    r = _resolve("los numerales 3, 4 y 5 de este artículo")
    assert (r.kind, r.articles) == ("internal-relative", ("5",))
    assert _resolve("el inciso anterior", citing="2").articles == ("2",)
    assert _resolve("el numeral 1o.", citing=None).kind == "unresolved"


def test_this_instrument() -> None:
    r = _resolve("de conformidad con la presente Ordenanza")
    assert (r.kind, r.work_id) == ("internal-work", "this")


def test_external_work_present_in_corpus() -> None:
    r = _resolve("el Artículo 54, Ordinal 1º de la Ley Orgánica del Poder Público Municipal")
    assert (r.kind, r.work_id, r.articles, r.external) == ("external-part", "ve/ley/loppm", ("54",), False)
    whole = _resolve("conforme a la LEY ORGANICA DE PODER PUBLICO MUNICIPAL")
    assert (whole.kind, whole.work_id, whole.external) == ("external-work", "ve/ley/loppm", False)


def test_external_work_absent_from_corpus() -> None:
    r = _resolve("el Art. 453 del Código de Procedimiento Penal")
    assert (r.kind, r.work_id, r.articles, r.external) == ("external-part", None, ("453",), True)
    gazette = _resolve("publicado en Registro Oficial 315 de 26 de Agosto")
    assert (gazette.kind, gazette.external) == ("external-work", True)


def test_work_named_only_by_context_is_unresolved() -> None:
    r = _resolve("Se modifica el Artículo 10 de la Ordenanza vigente, el cual")
    assert r.kind == "unresolved" and r.work_id is None and not r.external


def test_keys_used_for_lookup_are_work_keys() -> None:
    c = _cite("el Artículo 208 de la Ley Orgánica del Poder Público Municipal.")
    assert c.work_ref is not None and work_key(c.work_ref) == LOPPM
