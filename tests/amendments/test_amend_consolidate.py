"""Consolidation on a small inline base: every operation kind, dates known, unknown and future."""

from __future__ import annotations

from datetime import date

from extract.amendments import read_operations
from extract.consolidate import (
    ArticleHistory,
    BaseArticle,
    Consolidation,
    Reform,
    Status,
    Version,
    consolidate,
    cross_check,
    current,
    replace_term,
    text_at,
    word_diff,
)

from amend_versions import at, cur  # noqa: E402


BASE = [
    BaseArticle("1", "Objeto", "Esta ordenanza regula los mercados del Instituto Municipal de Deporte y "
                "Recreación y los del Instituto Municipal de Deporte.", "base#1"),
    BaseArticle("2", None, "La Dirección de Mercados administrará los puestos y informará al Alcalde.", "base#2"),
    BaseArticle("3", None, "Los puestos se adjudican por sorteo.\n\nEl sorteo es público.\n\n"
                "La Dirección de Mercados publica el resultado.", "base#3"),
    BaseArticle("4", None, "Las tasas son:\n1. Puesto fijo: 2 U.T.\n2. Puesto móvil: 1 U.T.", "base#4"),
    BaseArticle("5", None, "Las infracciones se sancionan con multa.", "base#5"),
    BaseArticle("6", None, "El Alcalde o Alcaldesa publicará esta ordenanza.", "base#6"),
]

REFORM_A = [  # Venezuelan drafting, read end to end from the printed instructions
    ("1", "Se modifica el Artículo 5, el cual en lo sucesivo será del siguiente tenor:\n\n"
          "ARTÍCULO 5.- Las infracciones se sancionan con multa de 1 a 10 U.T."),
    ("2", "Se elimina el Artículo 3 de la ordenanza vigente."),
    ("3", "Se agrega, después del Artículo 4, el siguiente, que pasará a ser el Artículo 5: "
          "ARTICULO 5.- Los comerciantes deben exhibir su permiso."),
    ("4", "Todos los Artículos donde aparezca “Alcalde” deben ser modificados por “Alcalde o Alcaldesa”"),
    ("5", "Corríjase el orden numérico del articulado."),
]
REFORM_B = [  # date unknown: a numeral replaced, and a broken term that matches nothing
    ("1", "Se modifica el Artículo 4 en su Numeral 2, quedando de la forma siguiente:\n2. Puesto móvil: 3 U.T."),
    ("2", "Todos los Artículos donde aparezca “Puesto fijo y fijo deben ser modificados por “Puesto permanente”"),
]
REFORM_C = [  # in the future relative to as_of; a term whose replacement contains it
    ("1", "Derógase el artículo 7°."),
    ("2", "Todos los Artículos donde aparezca “Instituto Municipal de Deporte” deben ser modificados por "
          "“Instituto Municipal de Deportes y Recreación”"),
]


def reform(rid: str, when: date | None, articles: list[tuple[str, str]]) -> Reform:
    return Reform(rid, when, [(n, op) for n, text in articles for op in read_operations(text)])


def run(as_of: date | None = date(2025, 1, 1)) -> Consolidation:
    return consolidate(BASE, [reform("A", date(2021, 3, 1), REFORM_A), reform("B", None, REFORM_B),
                              reform("C", date(2030, 1, 1), REFORM_C)], base_date=date(2020, 1, 1), as_of=as_of)


def by_origin(c: Consolidation, number: str) -> ArticleHistory:
    return next(h for h in c.articles if h.origin == "base" and h.versions[0].number == number)


def test_document_order_and_current_numbers() -> None:
    c = run()
    rows = [(h.versions[0].number, cur(h).number, cur(h).status.value) for h in c.articles]
    assert rows == [("1", "1", "in_force"), ("2", "2", "in_force"), ("3", "3", "repealed"),
                    ("4", "4", "in_force"), ("5", "5", "in_force"), ("5", "6", "in_force"),
                    ("6", "7", "in_force")]
    inserted = c.articles[4]
    assert inserted.origin == "inserted" and inserted.versions[0].introduced_by == "A"
    assert inserted.versions[0].reform_article == "3"


def test_substitution_keeps_identity_across_renumbering() -> None:
    h = by_origin(run(), "5")
    assert [v.number for v in h.versions] == ["5", "6"]
    assert h.versions[0].text == "Las infracciones se sancionan con multa."
    assert h.versions[1].text == "Las infracciones se sancionan con multa de 1 a 10 U.T."
    assert (h.versions[0].valid_from, h.versions[0].valid_to) == (date(2020, 1, 1), date(2021, 3, 1))
    assert h.versions[1].introduced_by == "A" and h.versions[1].reform_article == "1"


def test_renumber_all_keeps_slots_because_the_reform_prints_number_5() -> None:
    c = run()
    assert by_origin(c, "3").versions[-1].number == "3"  # the repealed article keeps its slot
    assert not [w for w in c.warnings if "renumbering" in w]


def test_term_substitution_never_duplicates_the_new_term() -> None:
    c = run()
    assert (cur(by_origin(c, "2")).text or "").endswith("informará al Alcalde o Alcaldesa.")
    art6 = by_origin(c, "6")
    assert cur(art6).text == "El Alcalde o Alcaldesa publicará esta ordenanza."
    assert cur(art6).number == "7"


def test_sub_part_substitution_with_unknown_date() -> None:
    h = by_origin(run(), "4")
    assert [v.introduced_by for v in h.versions] == ["base", "B"]
    assert h.versions[1].text == "Las tasas son:\n1. Puesto fijo: 2 U.T.\n2. Puesto móvil: 3 U.T."
    assert h.versions[0].end_unknown and h.versions[1].valid_from is None
    assert text_at(h, date(2020, 6, 1)) is h.versions[0]  # B comes after A (2021-03-01) …
    assert h.versions[1].not_before == date(2021, 3, 1)  # … so it cannot start earlier
    uncertain = text_at(h, date(2022, 6, 1))
    assert uncertain is not None and uncertain.status is Status.UNKNOWN and uncertain.text is None
    assert cur(h) is h.versions[1]


def test_broken_term_is_reported_and_changes_nothing() -> None:
    c = run()
    assert any("Puesto fijo y fijo" in w and "nothing replaced" in w for w in c.warnings)
    record = next(t for t in c.terms if t.reform == "B")
    assert not record.certain and record.applied == 0
    assert "Puesto fijo: 2 U.T." in (cur(by_origin(c, "4")).text or "")


def test_overlapping_term_is_skipped_not_garbled() -> None:
    c = run(as_of=None)
    text = cur(by_origin(c, "1")).text or ""
    assert "Deporte y Recreación y" in text  # the variant is left as printed …
    assert text.endswith("los del Instituto Municipal de Deportes y Recreación.")  # … the plain one replaced
    assert "Recreación y Recreación" not in text
    assert any("left as is" in w for w in c.warnings)


def test_future_reform_is_not_yet_in_force() -> None:
    c = run()
    last = by_origin(c, "6")
    assert last.versions[-1].status is Status.NOT_YET_IN_FORCE
    assert last.versions[-1].reason and last.versions[-1].reason.startswith("repealed from 2030-01-01")
    assert cur(last).status is Status.IN_FORCE
    assert text_at(last, date(2031, 1, 1)) is last.versions[-1]
    assert run(as_of=None).articles[-1].versions[-1].status is Status.REPEALED


def test_text_at_before_and_after() -> None:
    c = run()
    inserted = c.articles[4]
    assert text_at(inserted, date(2020, 6, 1)) is None  # did not exist yet
    assert at(inserted, date(2021, 3, 1)).text == "Los comerciantes deben exhibir su permiso."
    art3 = by_origin(c, "3")
    assert at(art3, date(2021, 2, 28)).status is Status.IN_FORCE
    assert at(art3, date(2021, 3, 1)).status is Status.REPEALED


def test_missing_base_gives_unknown_texts_not_inventions() -> None:
    c = consolidate(None, [reform("A", date(2021, 3, 1), REFORM_A)])
    assert not c.base_complete
    h5 = next(h for h in c.articles if h.versions[0].number == "5" and h.origin == "placeholder")
    assert h5.versions[0].text is None and h5.versions[0].status is Status.UNKNOWN
    assert [v.number for v in h5.versions] == ["5", "6"]  # shifted by the insertion
    assert any("nothing replaced" in w for w in c.warnings)  # the term could not be checked


def test_target_not_found_in_a_complete_base_is_a_warning() -> None:
    c = consolidate(BASE, [reform("X", date(2021, 1, 1), [("1", "Derógase el artículo 99.")])])
    assert any("99 not found" in w for w in c.warnings)
    assert all(len(h.versions) == 1 for h in c.articles)


def test_cross_check_ignores_formatting_noise_and_finds_real_differences() -> None:
    c = run(as_of=date(2025, 1, 1))
    printed = [(cur(h).number or "", cur(h).text or "") for h in c.articles
               if cur(h).status is Status.IN_FORCE]
    noisy = [(n, "ARTÍCULO " + n + ".-  " + t.replace(" ", "  ").replace("\n", " \n ")) for n, t in printed]
    assert cross_check(c, noisy) == []
    wrong = [(n, t.replace("multa de 1 a 10", "multa")) for n, t in printed if n != "2"]
    wrong.append(("3", "Los puestos se adjudican por sorteo."))
    found = {(d.kind, d.printed_number or d.computed_number) for d in cross_check(c, wrong)}
    assert found == {("printed_although_repealed", "3"), ("missing_in_print", "2"),
                     ("substitution_not_applied", "6")}
    swapped = [(("8" if n == "7" else n), t) for n, t in noisy]
    assert {(d.kind, d.printed_number) for d in cross_check(c, swapped)} == {("numbering_differs", "8")}


def test_replace_term_and_word_diff() -> None:
    assert replace_term("el  Alcalde y el Alcalde o Alcaldesa", "Alcalde", "Alcalde o Alcaldesa")[:2] == (
        "el  Alcalde o Alcaldesa y el Alcalde o Alcaldesa", 1)
    assert replace_term("Alcaldesa", "Alcalde", "Intendente")[1] == 0  # whole words only
    assert word_diff("multa de 1 U.T.", "multa de 3 U.T.") == [
        ("equal", "multa de "), ("delete", "1"), ("insert", "3"), ("equal", " U.T.")]


def test_parts_inserted_replaced_and_repealed_inside_an_article() -> None:
    base = [BaseArticle("7", None, "Primer inciso.\n\nSegundo inciso.", None),
            BaseArticle("8", None, "Las tasas son:\na) fija;\nb) variable;\nc) especial.", None)]
    ops = [("1", "Agrégase en el artículo 7 el siguiente inciso tercero, nuevo:\n“Tercer inciso.”"),
           ("2", "Agrégase en el artículo 7 el siguiente inciso segundo, nuevo:\n“Inciso intercalado.”"),
           ("3", "Sustitúyese el literal b) del artículo 8 por el siguiente:\n“b) variable por metro;”"),
           ("4", "Suprímese el literal c) del artículo 8.")]
    c = consolidate(base, [reform("P", date(2022, 1, 1), ops)])
    art7, art8 = (cur(h) for h in c.articles)
    assert art7.text == "Primer inciso.\n\nInciso intercalado.\n\nSegundo inciso.\n\nTercer inciso."
    assert art8.text == "Las tasas son:\na) fija;\nb) variable por metro;"
    assert c.warnings == []
