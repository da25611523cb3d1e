"""Odd input never crashes the readers or the consolidation, and spans stay inside the text."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.amendments import Operation, OperationKind, read_notes, read_operations
from extract.consolidate import BaseArticle, Reform, consolidate, cross_check, current, text_at

WORDS = ["Se modifica", "Derógase", "Agrégase", "el Artículo", "artículos", "Art.", "10", "5°", "12 bis", "378-A",
         "del 3 al 7", ",", ".", ":", "“", "”", '"', "\n", "\n\n", "Nota:", "Literal suprimido", "después del",
         "pasará a ser el número", "Todos los Artículos donde aparezca", "deben ser modificados por",
         "Corríjase el orden numérico del articulado", "inciso segundo", "Registro Oficial", "de 1 de enero de 2000",
         "Ley No.", "por el siguiente", "ARTICULO 3.-", "Elimínase", "y", "en su Numeral", "Sustitúyese la expresión"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=40), st.integers(0, 10_000))
def test_readers_never_crash(parts: list[str], offset: int) -> None:
    text = " ".join(parts)
    for op in read_operations(text, offset=offset):
        assert offset <= op.span[0] <= op.span[1] <= offset + len(text)
        assert 0.0 < op.confidence <= 1.0
        if op.new_text_span:
            assert offset <= op.new_text_span[0] <= op.new_text_span[1] <= offset + len(text)
    for note in read_notes(text, offset=offset):
        assert offset <= note.span[0] <= note.span[1] <= offset + len(text)


KINDS = list(OperationKind)
NUMS = ["1", "2", "3", "4", "5", "6", "3 bis", "99"]


@st.composite
def operations(draw: st.DrawFn) -> Operation:
    kind = draw(st.sampled_from(KINDS))
    return Operation(
        kind, draw(st.lists(st.sampled_from(NUMS), max_size=3)), (0, 1), "fuzz", 0.5,
        target_sub=draw(st.none() | st.sampled_from([("numeral", "2"), ("inciso", "2"), ("literal", "b")])),
        position=draw(st.none() | st.tuples(st.sampled_from(["after", "before"]), st.sampled_from(NUMS))),
        new_number=draw(st.none() | st.sampled_from(NUMS)),
        new_text=draw(st.none() | st.sampled_from(["ARTÍCULO 9.- Nuevo.", "2. Otro.", "Texto."])),
        term_from=draw(st.none() | st.sampled_from(["tasa", "el", ""])),
        term_to=draw(st.none() | st.sampled_from(["tasa municipal", "la", "x"])),
        whole_work=draw(st.booleans()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.none() | st.dates(date(2000, 1, 1), date(2030, 1, 1)),
                          st.lists(operations(), max_size=5)), max_size=4),
       st.booleans())
def test_consolidation_never_crashes(reforms: list[tuple[date | None, list[Operation]]], with_base: bool) -> None:
    base = [BaseArticle(str(i), None, f"Artículo sobre la tasa {i}.\n1. uno\n2. dos") for i in range(1, 7)]
    c = consolidate(base if with_base else None,
                    [Reform(f"r{i}", d, [(str(k + 1), op) for k, op in enumerate(ops)]) for i, (d, ops) in enumerate(reforms)],
                    base_date=date(1999, 1, 1), as_of=date(2020, 1, 1))
    for h in c.articles:
        current(h)
        text_at(h, date(2010, 1, 1))
        assert h.versions
    cross_check(c, [("1", "x"), ("2", "Artículo sobre la tasa 2.")])
