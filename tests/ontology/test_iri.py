"""IRI minting: deterministic, valid, parseable, consistent with the ontology."""

from __future__ import annotations

import doctest
from functools import lru_cache

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

import ontology.iri as iri
from extract.model import NUMBERED_KINDS, InstrumentType, NodeKind
from ontology import ONTOLOGY_PATH
from ontology.iri import (
    AknIri,
    article_eid,
    chapter_eid,
    component,
    concept_iri,
    duty_iri,
    eid,
    expression_iri,
    list_item_eid,
    normalize_number,
    organ_iri,
    paragraph_eid,
    parse_akn,
    point_eid,
    section_eid,
    selector_iri,
    slugify,
    source_graph_iri,
    title_eid,
    work_iri,
)

WORK = "https://cabildo.example/akn/ve-heres/act/ordenanza/2007-02-01/regimen-administrativo-concejo"


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def _valid(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def test_module_doctests() -> None:
    result = doctest.testmod(iri)
    assert result.failed == 0 and result.attempted >= 20


def test_brief_examples() -> None:
    work = work_iri("ve-heres", "ordenanza", "2007-02-01", slugify("Régimen Administrativo del Concejo"))
    assert str(work) == WORK
    expr = expression_iri(work, "spa", "2007-02-01")
    assert str(expr) == WORK + "/spa@2007-02-01"
    assert str(component(expr, article_eid("10"))) == WORK + "/spa@2007-02-01/!main~art_10"
    art = article_eid("10")
    assert point_eid(art, "3") == "art_10__point_3"
    assert list_item_eid(point_eid(art, "3"), "a") == "art_10__point_3__item_a"
    assert chapter_eid("2", parent=title_eid("1")) == "title_1__chp_2"
    assert section_eid("1", parent=chapter_eid("2")) == "chp_2__sec_1"
    assert paragraph_eid(art, "Único") == "art_10__para_unico"
    # articles are unique in an act: a container prefix is ignored
    assert eid("article", "5", parent="title_1__chp_2") == "art_5"


@pytest.mark.parametrize(
    ("printed", "same_as"),
    [("12 bis", "12bis"), ("12 BIS", "12-bis"), ("378-A", "378A"), ("378-A", "378 a"), ("1º", "1"), ("1.-", "1"),
     ("Único", "unico"), ("a)", "a"), ("II", "ii")],
)
def test_number_variants_share_an_eid(printed: str, same_as: str) -> None:
    assert normalize_number(printed) == normalize_number(same_as)


@pytest.mark.parametrize(("one", "other"), [("1.2", "12"), ("12 bis", "12"), ("378-A", "378"), ("1", "11"), ("a", "b")])
def test_different_numbers_never_collide(one: str, other: str) -> None:
    assert normalize_number(one) != normalize_number(other)


def test_garbage_numbers_still_give_a_stable_eid() -> None:
    assert normalize_number("***") == normalize_number("***")
    assert normalize_number("***") != normalize_number("---")
    assert article_eid("§").startswith("art_x")


def test_eid_kinds_cover_the_numbered_structure_kinds() -> None:
    kinds = {k.value for k in NUMBERED_KINDS} - {NodeKind.QUOTED_ARTICLE.value}
    assert kinds == set(iri.ELEMENT_REF) == set(iri.SUBDIVISION_TYPE)
    with pytest.raises(ValueError):
        eid("quotedArticle", "1")


def test_slugify() -> None:
    assert slugify("Ordenanza sobre el Régimen Administrativo del Concejo") == "ordenanza-regimen-administrativo-concejo"
    assert slugify("Ordenanza sobre el Régimen", drop_leading=("Ordenanza",)) == "regimen"
    assert slugify("Ordenanza", drop_leading=("ordenanza",)) == "ordenanza"  # never empty
    long_title = "Ordenanza " + " ".join(f"palabra{i}" for i in range(40))
    slug = slugify(long_title)
    assert len(slug) <= 60 and not slug.endswith("-")
    assert slugify("¿¡!?") == slugify("¿¡!?") and slugify("¿¡!?") != ""


@given(st.text(max_size=200))
def test_slugify_is_stable_and_safe(title: str) -> None:
    slug = slugify(title)
    assert slug == slugify(title)
    assert slug and len(slug) <= 60
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert _valid(str(organ_iri("ve", slug)))


_SEG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
_NUM = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,3}){0,1}", fullmatch=True)
_DATE = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)


@st.composite
def akn_values(draw: st.DrawFn) -> AknIri:
    subtype = draw(st.sampled_from([t.value for t in InstrumentType]))
    lang = draw(st.one_of(st.none(), st.just("spa")))
    portion = None
    if draw(st.booleans()):
        kinds = draw(st.lists(st.sampled_from(sorted(iri.ELEMENT_REF.values())), min_size=1, max_size=3))
        portion = "__".join(f"{k}_{draw(_NUM)}" for k in kinds)
    return AknIri(
        base=draw(st.sampled_from(["https://cabildo.example/", "http://kb.example.org/data/"])),
        jurisdiction=draw(st.sampled_from(["ve", "ve-heres", "ec-quito", "mx-leon-gto"])),
        doc_type=iri.akn_doc_type(subtype),
        subtype=subtype,
        date=draw(st.one_of(_DATE, st.just("2007"), st.just("sin-fecha"))),
        name=draw(_SEG),
        lang=lang,
        version=None if lang is None else draw(st.one_of(st.just(""), _DATE)),
        component=None if portion is None else "main",
        portion=portion,
    )


@given(akn_values())
@settings(max_examples=300)
def test_parse_round_trip(value: AknIri) -> None:
    text = str(value)
    assert _valid(text)
    assert parse_akn(text) == value
    assert str(parse_akn(text)) == text


@given(akn_values())
def test_work_and_expression_helpers_agree_with_the_value_object(value: AknIri) -> None:
    work = value.work()
    assert str(work_iri(work.jurisdiction, work.subtype, None if work.date == "sin-fecha" else work.date,
                        work.name, base=work.base)) == str(work)
    if value.portion is not None:
        assert str(component(str(work), value.portion)) == str(value.subdivision())
        by_work = component(expression_iri(str(work), "spa", "2010-05-03"), value.portion)
        by_part = expression_iri(str(value.subdivision()), "spa", "2010-05-03")
        assert by_work == by_part
    if value.lang is not None:
        with pytest.raises(ValueError):
            expression_iri(str(value), "spa", "2010-05-03")


@pytest.mark.parametrize(
    "text",
    [
        "https://cabildo.example/organ/ve-heres/alcaldia",
        "https://cabildo.example/akn/ve-heres/act/ordenanza/2007-02-01",  # no name
        "https://cabildo.example/akn/VE/act/ordenanza/2007-02-01/x",  # upper case country
        WORK + "/spa@2007-02-01/!main~art_10__",  # broken eId
        WORK + "/spa@07-02-01",  # bad version date
        "not an iri",
    ],
)
def test_parse_rejects_other_iris(text: str) -> None:
    with pytest.raises(ValueError):
        parse_akn(text)


def test_parse_reads_the_parts() -> None:
    parts = parse_akn(WORK + "/spa@/!main~title_1__chp_2")
    assert (parts.jurisdiction, parts.doc_type, parts.subtype, parts.date, parts.name) == (
        "ve-heres", "act", "ordenanza", "2007-02-01", "regimen-administrativo-concejo")
    assert (parts.lang, parts.version, parts.component, parts.portion) == ("spa", "", "main", "title_1__chp_2")
    assert not parts.is_work and parts.work().is_work
    assert str(parts.subdivision()) == WORK + "/!main~title_1__chp_2"


def test_configurable_base_and_validation() -> None:
    base = "https://datos.example.gob.ve/cabildo/"
    work = work_iri("VE-Heres", "ordenanza", "2007", "12", base=base)
    assert str(work) == base + "akn/ve-heres/act/ordenanza/2007/12"
    assert parse_akn(work).base == base
    for bad_base in ["https://x.example", "ftp://x.example/", "x/"]:
        with pytest.raises(ValueError):
            work_iri("ve", "ordenanza", "2007", "12", base=bad_base)
    with pytest.raises(ValueError):
        work_iri("ve", "ordenanza", "2007-02-30", "12")
    with pytest.raises(ValueError):
        work_iri("venezuela", "ordenanza", "2007", "12")
    with pytest.raises(ValueError):
        expression_iri(work, "spa", "2007")  # versions need a full date
    assert str(work_iri("pe", "manual", None, "gerencia-municipal")).endswith("/akn/pe/doc/manual/sin-fecha/gerencia-municipal")
    assert str(work_iri("ve", "ordenanza", "2007", "Ley N° 5/2007")).endswith("/ley-n-5-2007")


@given(st.text(min_size=1, max_size=40), st.integers(0, 10**6), st.integers(0, 10**6))
def test_source_and_fact_iris_are_valid_for_any_source_id(source_id: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    for value in (selector_iri(source_id, start, end), duty_iri(source_id, start, end), source_graph_iri(source_id)):
        assert _valid(str(value)), value
    assert duty_iri(source_id, start, end) == duty_iri(source_id, start, end)
    assert duty_iri(source_id, start, end, seq=1) != duty_iri(source_id, start, end)


def test_fact_iris_reject_bad_input() -> None:
    with pytest.raises(ValueError):
        duty_iri("s", 10, 5)
    with pytest.raises(ValueError):
        iri.fact_iri("organ", "s", 1, 2)
    with pytest.raises(ValueError):
        duty_iri("", 1, 2)


def _schemes_in_ttl() -> dict[str, set[str]]:
    graph = _ontology()
    found: dict[str, set[str]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        name = str(scheme).removeprefix(iri.CONCEPT_BASE)
        notation = graph.value(concept, SKOS.notation)
        assert isinstance(notation, Literal)
        found.setdefault(name, set()).add(str(notation))
        if name != "time-unit":
            assert concept == concept_iri(name, str(notation))
    return found


def test_code_lists_match_the_ontology_both_ways() -> None:
    schemes = _schemes_in_ttl()
    expected = {name: set(values) for name, values in iri.CODE_LISTS.items()}
    expected["time-unit"] = set(iri.TIME_UNITS)
    assert schemes == expected
    assert set(iri.CODE_LISTS["instrument-type"]) == {t.value for t in InstrumentType}
    graph = _ontology()
    for notation, unit in iri.TIME_UNITS.items():
        assert (URIRef(unit), SKOS.notation, Literal(notation)) in graph


def test_concept_iri_refuses_unknown_notations() -> None:
    assert str(concept_iri("duty-type", "power")) == "https://w3id.org/cabildo/concept/duty-type/power"
    assert str(concept_iri("time-unit", "business_day")) == "https://w3id.org/cabildo/ontology#unitBusinessDay"
    for scheme, notation in [("duty-type", "Power"), ("status", "vigente"), ("nope", "x"), ("time-unit", "dia")]:
        with pytest.raises(ValueError):
            concept_iri(scheme, notation)
