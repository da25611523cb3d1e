"""Editorial notes of a consolidated national law (Ecuador) equal the hand-made gold."""

from __future__ import annotations

import json
from typing import Any

from amend_seed import GOLD, line_of, seed_text

from extract.amendments import AmendmentNote, OperationKind, read_notes

GOLD_NOTES = json.loads((GOLD / "notes.json").read_text(encoding="utf-8"))


def as_gold(text: str, n: AmendmentNote) -> dict[str, Any]:
    return {
        "line": line_of(text, n.span[0]), "article": n.article, "kind": n.kind.value, "scope": n.scope,
        "verb": n.verb, "sub": list(n.sub) if n.sub else None, "instrument": n.instrument,
        "instrument_provision": n.instrument_provision, "gazette_number": n.gazette_number,
        "supplement": n.gazette_supplement, "date": n.date, "terms": [list(t) for t in n.terms],
    }


def test_notes_equal_gold() -> None:
    text = seed_text("002")
    got = [as_gold(text, n) for n in read_notes(text)]
    assert len(GOLD_NOTES["notes"]) >= 25
    assert got == GOLD_NOTES["notes"]


def test_notes_never_claim_the_old_text() -> None:
    text = seed_text("002")
    for n in read_notes(text, offset=1000):
        assert n.old_text_available is False
        assert text[n.span[0] - 1000 : n.span[1] - 1000].strip() == n.text


def test_notes_in_one_article_and_other_wordings() -> None:
    sample = (
        "Art. 12.- El Concejo aprobará el presupuesto. Los incisos reformados por esta ley rigen desde hoy.\n\n"
        "Nota: Incisos segundo y tercero agregados por Ley No. 2004-44, publicada en Registro Oficial "
        "Suplemento 429 de 27 de Septiembre del 2004.\n\n"
        "Nota: Numeral 3 derogado por Decreto Supremo No. 1200, publicado en Registro Oficial 78 "
        "de 5 de mayo de 1976.\n\n"
        "Art. 13.- Nota: Artículo sustituido por Ley No. 2005-12.\n"
    )
    notes = read_notes(sample)
    assert [(n.kind, n.scope, n.article, n.which) for n in notes] == [
        (OperationKind.INSERTION, "inciso", "12", "segundo y tercero"),
        (OperationKind.REPEAL, "numeral", "12", "3"),
        (OperationKind.SUBSTITUTION, "article", "13", None),
    ]
    incisos, numeral, last = notes
    assert (incisos.instrument, incisos.gazette_number, incisos.gazette_supplement, incisos.date) == (
        "Ley No. 2004-44", "429", True, "2004-09-27")
    assert (numeral.instrument, numeral.instrument_type, numeral.date) == (
        "Decreto Supremo No. 1200", "Decreto Supremo", "1976-05-05")
    assert last.instrument_number == "2005-12" and last.date is None and last.gazette is None


def test_plain_text_has_no_notes() -> None:
    assert read_notes("Art. 5.- El Alcalde presentará el proyecto. Los recursos serán sustituidos.") == []
    assert read_notes("") == []
