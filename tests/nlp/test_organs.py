"""The organ ruler on inline Spanish samples (tokenizer only, no model)."""

from __future__ import annotations

from spacy.language import Language


def organs(blank: Language, text: str, nested: bool = False) -> list[tuple[str, str]]:
    doc = blank(text)
    return [(s.text, s.label_) for s in doc.spans["cabildo_organs"] if nested or not s._.cabildo_organ.nested]


def test_open_completions_are_kinds_not_lists(blank: Language) -> None:
    # names never seen anywhere: the heads and the grammar make them organs
    text = "La Dirección de Turismo y Cultura coordinará con la Oficina de Asuntos Indígenas y la Gerencia de Catastro Rural."
    assert organs(blank, text) == [
        ("Dirección de Turismo y Cultura", "unit"),
        ("Oficina de Asuntos Indígenas", "unit"),
        ("Gerencia de Catastro Rural", "unit"),
    ]


def test_counterexamples(blank: Language) -> None:
    assert organs(blank, "Indique su Dirección de correo electrónico.") == []
    assert organs(blank, "El plazo de presentación de ofertas es de diez días.") == []
    assert organs(blank, "su dirección de habitación y la oficina de correos") == []
    assert organs(blank, "la Unidad Tributaria vigente") == []
    # a heading in capitals is not read as a name ("DEPARTAMENTO DE COLON" is a place)
    assert organs(blank, "MUNICIPALIDAD DE TRUJILLO\nDEPARTAMENTO DE COLON") == []


def test_posts_gender_pairs_and_nested_units(blank: Language) -> None:
    text = "Son atribuciones del Jefe o Jefa de la División de Comisiones:"
    assert organs(blank, text, nested=True) == [
        ("Jefe o Jefa de la División de Comisiones", "post"),
        ("División de Comisiones", "unit"),
    ]
    assert organs(blank, "está a cargo del Gerente(a) Municipal que es un(a) funcionario(a)") == [("Gerente(a) Municipal", "post")]


def test_names_stop_at_other_organs_and_phrases(blank: Language) -> None:
    text = "Asesorar al Alcalde y al Concejo Municipal y las Normas aplicables."
    assert organs(blank, text) == [("Alcalde", "post"), ("Concejo Municipal", "collegial")]
    text = "la Secretaría, la División de Comisiones, la  Dirección  de los Servicios Administrativos y Presupuesto"
    assert [o for o, _ in organs(blank, text)] == [
        "Secretaría",
        "División de Comisiones",
        "Dirección  de los Servicios Administrativos y Presupuesto",
    ]
    assert organs(blank, "Son deberes de la Comisión de Mesa, Excusas y Calificaciones: a)") == [
        ("Comisión de Mesa, Excusas y Calificaciones", "collegial")
    ]


def test_acronyms_and_external_bodies(blank: Language) -> None:
    doc = blank("El Instituto Municipal de Planeación (IMPLAN) es un organismo público descentralizado.")
    (span,) = [s for s in doc.spans["cabildo_organs"]]
    assert span.text == "Instituto Municipal de Planeación" and span._.cabildo_organ.acronym == "IMPLAN"
    assert organs(blank, "conforme a la Contraloría General de la República") == [("Contraloría General de la República", "external")]
    assert organs(blank, "los agentes de retención y los contribuyentes") == [("agentes de retención", "external"), ("contribuyentes", "external")]


def test_lowercase_rules(blank: Language) -> None:
    assert organs(blank, "Son deberes y atribuciones del alcalde:") == [("alcalde", "post")]
    assert organs(blank, "las actividades del departamento de Servicios Públicos mediante") == [("departamento de Servicios Públicos", "unit")]
    # a lower-case head needs a capitalised name after a connector
    assert organs(blank, "equipo de oficina\tLigia Miranda\tX\tX") == []


def test_odd_input_does_not_crash(blank: Language) -> None:
    for text in ["", " ", "Dirección", "Dirección de", "(", "Jefe o", "Concejo )", "Gerente(a", "\n\n\t", "de de de Dirección de la"]:
        organs(blank, text)
