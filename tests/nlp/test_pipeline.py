"""extract_facts end to end on a small invented ordinance."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extract.nlp import OrganKind, Passage, extract_facts, load_nlp, split_sentences

SOURCE = """Artículo 1.- La Dirección de los Servicios Generales estará dirigida por un Director o Directora.
Artículo 2.- El Director o Directora de Servicios Generales cumplirá las siguientes funciones:
1.- Elaborar el inventario de bienes y presentarlo trimestralmente a la Presidencia.
2.- Pagar las facturas, conjuntamente con el Presidente o Presidenta, dentro de los quince (15) días hábiles siguientes a su recepción.
Artículo 3.- La Dirección de Servicios Generales contará con las siguientes dependencias bajo su control:
1.- Una Oficina de Compras
2.- Una Oficina de Archivo.
Artículo 4.- Se crea la Unidad de Atención al Vecino, la cual dependerá directamente de la Presidencia del Concejo Municipal de Villa Sol.
Artículo 5.- El Concejo del Municipio Villa Sol deberá aprobar el presupuesto antes del 30 de noviembre de cada año."""

JUR = "xx-villa-sol"


def passages() -> list[Passage]:
    out: list[Passage] = []
    header: tuple[str, int] | None = None
    pos = 0
    for line in SOURCE.split("\n"):
        if line[:1].isdigit() and header:
            out.append(Passage(f"p{len(out)}", line, pos, header[0], header[1], JUR))
        else:
            out.append(Passage(f"p{len(out)}", line, pos, None, None, JUR))
            header = (line, pos) if line.endswith(":") else None
        pos += len(line) + 1
    return out


def test_organs_are_canonical_per_jurisdiction(nlp: Language) -> None:
    facts = extract_facts(passages(), nlp=nlp)
    names = {o.canonical: o for o in facts.organs}
    unit = names["Dirección de Servicios Generales"]
    assert unit.kind is OrganKind.UNIT
    assert {"Dirección de los Servicios Generales", "Dirección de Servicios Generales"} <= set(unit.variants)
    post = names["Director de Servicios Generales"]
    assert post.kind is OrganKind.POST and post.post_of == "Dirección de Servicios Generales"
    # "Concejo Municipal de Villa Sol" and "Concejo del Municipio Villa Sol" are one body
    concejos = [o for o in facts.organs if o.key == "concejo"]
    assert len(concejos) == 1 and len(concejos[0].mentions) == 2
    # every mention points at its words in the source
    for organ in facts.organs:
        for m in organ.mentions:
            assert SOURCE[m.start : m.end] == m.text


def test_hierarchy(nlp: Language) -> None:
    facts = extract_facts(passages(), nlp=nlp)
    edges = {(e.child, e.relation, e.parent) for e in facts.edges}
    assert ("Oficina de Compras", "controls", "Dirección de Servicios Generales") in edges
    assert ("Oficina de Archivo", "controls", "Dirección de Servicios Generales") in edges
    assert ("Unidad de Atención al Vecino", "depends_on", "Presidencia del Concejo Municipal") in edges
    by_name = {o.canonical: o for o in facts.organs}
    assert by_name["Oficina de Compras"].parent == "Dirección de Servicios Generales"
    for e in facts.edges:
        assert SOURCE[e.evidence.start : e.evidence.end] == e.evidence.text


def test_duties_and_linked_deadlines(nlp: Language) -> None:
    facts = extract_facts(passages(), nlp=nlp)
    duties = [(d.bearers, d.action) for d in facts.duties]
    assert (("Director de Servicios Generales",), "elaborar") in duties
    assert (("Director de Servicios Generales", "Presidente"), "pagar") in duties
    assert (("Concejo Municipal",), "aprobar") in duties
    for d in facts.duties:
        assert SOURCE[d.start : d.end] == d.quote
        assert d.extractor.startswith("cabildo_duties@") and 0 < d.confidence <= 1
    by_text = {dl.quote: dl for dl in facts.deadlines}
    quarterly = by_text["trimestralmente"]
    assert quarterly.periodicity == "P3M" and quarterly.bearer == "Director de Servicios Generales"
    pay = next(dl for dl in facts.deadlines if dl.iso == "P15D")
    assert pay.unit == "business_day" and pay.trigger == "siguientes a su recepción"
    assert pay.duty is not None and facts.duties[pay.duty].action == "pagar"
    budget = next(dl for dl in facts.deadlines if dl.periodicity == "P1Y")
    assert budget.bearer == "Concejo Municipal" and budget.trigger == "antes del 30 de noviembre"


def test_stats_and_empty_input(nlp: Language) -> None:
    facts = extract_facts(passages(), nlp=nlp)
    assert facts.stats["words"] > 100 and facts.stats["seconds"] > 0
    assert extract_facts([], nlp=nlp).duties == ()


def test_load_nlp_is_cached_and_quiet() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # W095 would raise here
        load_nlp.cache_clear()
        first = load_nlp()
    assert load_nlp() is first
    assert "ner" not in first.pipe_names
    assert first.pipe_names[-4:] == ["cabildo_organs", "cabildo_hierarchy", "cabildo_deadlines", "cabildo_duties"]


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Art. 5.- El Alcalde firmará. La Secretaría publicará el acto."
    assert [text[a:b] for a, b in split_sentences(text)] == ["Art. 5.- El Alcalde firmará.", "La Secretaría publicará el acto."]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="aeiou ADCJ().,:;-\n\t0123456789ñéíáó", max_size=80), max_size=4))
def test_never_crashes(nlp: Language, texts: list[str]) -> None:
    ps = [Passage(f"k{i}", t, i * 100, "Son atribuciones del Alcalde:" if i % 2 else None, 0, "xx") for i, t in enumerate(texts)]
    assert extract_facts(ps, nlp=nlp).stats["errors"] == 0
