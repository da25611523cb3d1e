"""Duties from list headers and from sentences, on inline Spanish samples.

The samples are written for the tests (Argentine, Chilean, Venezuelan,
Ecuadorian style); none is copied from the seed files.
"""

from __future__ import annotations

from spacy.language import Language

from extract.nlp import DutyType, Passage, extract_facts


def items(header: str, lines: list[str], jurisdiction: str = "ar-test") -> list[Passage]:
    """A header passage and its items, with consistent offsets in one text."""
    out = [Passage("h", header, 0, None, None, jurisdiction)]
    pos = len(header) + 1
    for i, line in enumerate(lines):
        out.append(Passage(f"i{i}", line, pos, header, 0, jurisdiction))
        pos += len(line) + 1
    return out


def test_argentine_departamento_ejecutivo(nlp: Language) -> None:
    passages = items(
        "Artículo 108.- Corresponde al Departamento Ejecutivo Municipal:",
        [
            "a) Promulgar las ordenanzas, reglamentarlas y velar por su cumplimiento.",
            "b) Nombrar y remover a los funcionarios de su dependencia.",
            "c) Las demás atribuciones que le confieran las leyes.",
        ],
    )
    facts = extract_facts(passages, nlp=nlp)
    got = [(d.passage_key, d.bearers, d.action, d.type) for d in facts.duties]
    assert got[:2] == [
        ("i0", ("Departamento Ejecutivo Municipal",), "promulgar", DutyType.OBLIGATION),
        ("i1", ("Departamento Ejecutivo Municipal",), "nombrar", DutyType.POWER),  # appointing is a power
    ]
    residual = [d for d in facts.duties if d.passage_key == "i2"]
    assert residual and residual[0].confidence < facts.duties[0].confidence
    # the span is the item, without its letter
    assert facts.duties[0].quote.startswith("Promulgar las ordenanzas")


def test_chilean_dative_header_and_power_type(nlp: Language) -> None:
    passages = items(
        "Artículo 63.- El alcalde tendrá las siguientes atribuciones:",
        ["a) Representar judicial y extrajudicialmente a la municipalidad;", "b) Proponer al concejo la organización interna de la municipalidad;"],
        "cl-test",
    )
    facts = extract_facts(passages, nlp=nlp)
    # the verb decides the type, whatever the header calls the list
    assert [(d.bearers, d.action, d.type) for d in facts.duties] == [
        (("Alcalde",), "representar", DutyType.POWER),
        (("Alcalde",), "proponer", DutyType.OBLIGATION),
    ]
    passages = items("Artículo 65.- Al alcalde le corresponderán las siguientes funciones:", ["a) Dirigir la gestión municipal;"], "cl-test")
    assert [(d.bearers, d.action) for d in extract_facts(passages, nlp=nlp).duties] == [(("Alcalde",), "dirigir")]


def test_joint_holders_and_non_infinitive_items(nlp: Language) -> None:
    passages = items(
        "Artículo 30.- El Director o Directora de Finanzas cumplirá las siguientes funciones:",
        [
            "1.- Firmar las órdenes de pago, conjuntamente con el Presidente o Presidenta, y llevar los registros.",
            "2.- Tendrá bajo su custodia los libros de contabilidad.",
            "3.- No autorizará gastos sin disponibilidad presupuestaria.",
        ],
        "ve-test",
    )
    facts = extract_facts(passages, nlp=nlp)
    by_key = {d.passage_key: d for d in facts.duties}
    assert by_key["i0"].bearers == ("Director de Finanzas", "Presidente")
    assert by_key["i1"].action == "tener"
    assert by_key["i2"].type is DutyType.PROHIBITION


def test_prohibition_header(nlp: Language) -> None:
    passages = items("Art. 9.- Es prohibido al Intendente:", ["1o.- Ausentarse del municipio por más de quince días sin licencia;"], "ar-test")
    (duty,) = extract_facts(passages, nlp=nlp).duties
    assert (duty.bearers, duty.action, duty.type) == (("Intendente",), "ausentar", DutyType.PROHIBITION)


def sentence_duties(nlp: Language, text: str, jurisdiction: str = "ec-test") -> list[tuple[tuple[str, ...], str | None, DutyType]]:
    facts = extract_facts([Passage("p", text, 0, None, None, jurisdiction)], nlp=nlp)
    return [(d.bearers, d.action, d.type) for d in facts.duties]


def test_sentence_duties(nlp: Language) -> None:
    assert sentence_duties(nlp, "El Alcalde sancionará las ordenanzas dentro de los ocho días hábiles siguientes a su recepción.") == [
        (("Alcalde",), "sancionar", DutyType.OBLIGATION)
    ]
    assert sentence_duties(nlp, "El Concejo podrá autorizar usos provisionales del suelo.") == [(("Concejo",), "autorizar", DutyType.POWER)]
    assert sentence_duties(nlp, "El Tesorero no podrá mantener en caja sino el fondo rotativo.") == [(("Tesorero",), "mantener", DutyType.PROHIBITION)]
    assert sentence_duties(nlp, "Corresponde a la Dirección de Desarrollo Urbano la ejecución de la resolución.") == [
        (("Dirección de Desarrollo Urbano",), None, DutyType.OBLIGATION)
    ]
    assert sentence_duties(nlp, "La Dirección de Tránsito será la encargada de señalizar las vías públicas.") == [
        (("Dirección de Tránsito",), "señalizar", DutyType.OBLIGATION)
    ]
    assert sentence_duties(nlp, "Los inspectores serán designados por el Alcalde.") == [(("Alcalde",), "designar", DutyType.POWER)]


def test_coordinated_bearers(nlp: Language) -> None:
    got = sentence_duties(nlp, "El Alcalde y el Síndico Procurador deberán suscribir el convenio.", "ve-test")
    assert got == [(("Alcalde", "Síndico Procurador"), "suscribir", DutyType.OBLIGATION)]


def test_no_duty_without_an_organ_or_a_cue(nlp: Language) -> None:
    assert sentence_duties(nlp, "El plazo de presentación de ofertas será de diez días.") == []
    assert sentence_duties(nlp, "Las solicitudes deberán presentarse por escrito.") == []
    assert sentence_duties(nlp, "La resolución del Alcalde podrá ser apelada ante el Concejo.") == []
    assert sentence_duties(nlp, "El Alcalde es la primera autoridad del municipio.") == []
    # a list header states no duty itself: its items do
    assert sentence_duties(nlp, "Son atribuciones del Alcalde:") == []
    # requirements are not duties, even under a header naming an organ
    passages = items("Para ser Director de Catastro se requiere:", ["1. Ser venezolano.", "2. Poseer título universitario."], "ve-test")
    assert extract_facts(passages, nlp=nlp).duties == ()


def test_subject_terms_and_materia(nlp: Language) -> None:
    passages = items(
        "Corresponde al Secretario del Concejo en materia administrativa:",
        ["1. Custodiar el archivo histórico y los sellos del Concejo."],
        "ve-test",
    )
    (duty,) = extract_facts(passages, nlp=nlp).duties
    assert "administrativa" in duty.subjects
    assert duty.object is not None and duty.object.startswith("el archivo histórico")
