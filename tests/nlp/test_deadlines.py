"""Deadlines and periodicities on inline Spanish samples."""

from __future__ import annotations

import pytest

from extract.nlp.deadlines import find_deadlines, iso_duration
from extract.nlp.facts import Unit


def one(text: str):  # type: ignore[no-untyped-def]
    found = find_deadlines(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "amount", "unit", "iso"),
    [
        ("enterarlo dentro de los quince (15) días siguientes al cierre del mes correspondiente.", 15, Unit.DAY, "P15D"),
        ("dentro de los tres días hábiles posteriores a la posesión", 3, Unit.BUSINESS_DAY, "P3D"),
        ("dentro de los ocho días siguientes hábiles a su recepción", 8, Unit.BUSINESS_DAY, "P8D"),
        ("en un término no mayor de cuarenta y cinco (45) días continuos contados a partir de la fecha", 45, Unit.CALENDAR_DAY, "P45D"),
        ("en el plazo de treinta días calendario", 30, Unit.CALENDAR_DAY, "P30D"),
        ("dentro de las cuarenta y ocho horas siguientes", 48, Unit.HOUR, "PT48H"),
        ("se concede un plazo improrrogable de seis (06) meses, a partir de la promulgación", 6, Unit.MONTH, "P6M"),
        ("no podrá exceder del lapso de un (1) año", 1, Unit.YEAR, "P1Y"),
        ("dentro del plazo de 60 días", 60, Unit.DAY, "P60D"),
        ("en el término de tres semanas", 3, Unit.WEEK, "P3W"),
    ],
)
def test_amounts_units_iso(text: str, amount: int, unit: Unit, iso: str) -> None:
    d = one(text)
    assert (d.amount, d.unit, d.iso) == (amount, unit, iso)
    assert d.confidence >= 0.7


def test_triggers() -> None:
    assert one("dentro de los quince (15) días siguientes al cierre del mes correspondiente.").trigger == "siguientes al cierre del mes correspondiente"
    assert one("dentro de los ocho días hábiles siguientes a su recepción, las ordenanzas").trigger == "siguientes a su recepción"
    d = one("en un plazo no mayor de ocho (08) días hábiles contados a partir de la fecha de recepción de la solicitud.")
    assert d.trigger == "contados a partir de la fecha de recepción de la solicitud"


def test_words_and_digits_disagreeing_lower_confidence() -> None:
    agree = one("dentro de los quince (15) días siguientes")
    disagree = one("dentro de los quince (16) días siguientes")
    assert disagree.amount == 16 and disagree.confidence < agree.confidence


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Rendir trimestralmente cuenta de sus actuaciones a la Presidencia.", "P3M"),
        ("Presentar a la Contraloría Municipal informe trimestral de la gestión", "P3M"),
        ("La Gaceta Municipal se publicará en forma mensual", "P1M"),
        ("presentarán antes de finalizar el mes de Julio de cada año.", "P1Y"),
        ("se reunirá ordinariamente una vez por semana", "P1W"),
        ("Sesionar ordinariamente cada quince días", "P15D"),
    ],
)
def test_periodicities(text: str, iso: str) -> None:
    d = one(text)
    assert d.periodicity == iso and d.iso is None


def test_yearly_limit_keeps_the_date_as_trigger() -> None:
    d = one("presentarán antes de finalizar el mes de Julio de cada año.")
    assert d.trigger == "antes de finalizar el mes de Julio"
    d = one("deberá presentarse hasta el 30 de noviembre de cada año.")
    assert d.periodicity == "P1Y"


@pytest.mark.parametrize(
    "text",
    [
        "Dada, firmada y sellada a los Diez (10) días del mes de Diciembre del año Dos Mil Siete (2007).",
        "vecinos mayores de dieciocho años",
        "El presupuesto anual de gastos del Concejo",
        "la agenda parlamentaria mensual, el orden del día",
        "pagará 1 U.T. por cada día de espectáculo",
        "el Alcalde tendrá un período de cuatro años",
        "los cambios ocurridos hasta el 30 de noviembre del año próximo anterior",
        "Ingresos mensuales y/o anuales del grupo familiar",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_iso_duration() -> None:
    assert iso_duration(15, Unit.BUSINESS_DAY) == "P15D"
    assert iso_duration(48, Unit.HOUR) == "PT48H"
    assert iso_duration(2, Unit.YEAR) == "P2Y"


def test_odd_input() -> None:
    for text in ["", "días", "dentro de los", "dentro de los ( ) días", "(15)", "dentro de los 99999 días", "cada"]:
        find_deadlines(text)
