"""Canonical organ names: one key for every way a text names an organ."""

from __future__ import annotations

import pytest

from extract.nlp.canon import collapse_gender, derive_unit, display_name, is_gender_pair, name_key

SAME = [
    # gender pairs and "(a)" suffixes
    ("Secretario o Secretaria del Concejo Municipal", "Secretario del Concejo Municipal"),
    ("Director o Directora de Servicios Administrativos", "Directora de Servicios Administrativos"),
    ("Gerente(a) Municipal", "Gerente Municipal"),
    ("Jefe o Jefa de la División de Comisiones", "Jefe de la División de Comisiones"),
    ("Alcalde o Alcaldesa", "alcalde"),
    ("Concejales y Concejalas", "concejal"),
    # articles, prepositions, accents, case, plural
    ("Dirección de los Servicios Administrativos", "Dirección de Servicios Administrativos"),
    ("DIRECCION DE SERVICIOS ADMINISTRATIVOS", "Dirección de Servicios Administrativos"),
    ("Juntas Parroquiales", "Junta Parroquial"),
    # place qualifiers naming the jurisdiction, and the word "Municipal"
    ("Concejo Municipal de Heres", "Concejo"),
    ("Concejo del Municipio Heres del Estado Bolívar", "Concejo Municipal"),
    ("Tesorero de la Municipalidad", "Tesorero Municipal"),
    ("Dirección de Hacienda del Municipio", "Dirección de Hacienda Municipal"),
    # honorifics, members of a body, two-word heads
    ("H. Ayuntamiento", "Ayuntamiento"),
    ("Regidores del Concejo Municipal", "regidores"),
    ("Sub Gerentes(as)", "Subgerente"),
    ("Síndico o Síndica Procurador Municipal", "Síndico Procurador"),
]

DIFFERENT = [
    ("Secretaría del Concejo", "Secretario del Concejo"),  # the unit is not the post
    ("Dirección de Catastro", "Dirección de Hacienda"),
    ("Administración Tributaria Municipal", "Administración Municipal"),
    ("Instituto de Deportes del Estado Bolívar", "Instituto Municipal de Deportes"),  # another place
    ("Presidente del Concejo Municipal", "Presidente del Instituto Municipal de Deportes"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_organ_same_key(a: str, b: str) -> None:
    assert name_key(a, "ve-heres") == name_key(b, "ve-heres") != ""


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organs_differ(a: str, b: str) -> None:
    assert name_key(a, "ve-heres") != name_key(b, "ve-heres")


def test_place_is_only_dropped_for_its_own_jurisdiction() -> None:
    assert name_key("Concejo Municipal de Heres", "ve-heres") == name_key("Concejo", "ve-heres")
    assert name_key("Concejo Municipal de Quito", "ve-heres") != name_key("Concejo", "ve-heres")


def test_gender_pairs() -> None:
    assert is_gender_pair("Director", "Directora")
    assert is_gender_pair("Concejales", "Concejalas")
    assert is_gender_pair("Alcalde", "Alcaldesa")
    assert not is_gender_pair("Presidente", "Vicepresidente")
    assert not is_gender_pair("Ley", "Leyes")
    assert collapse_gender("el Presidente o Presidenta y el Secretario o Secretaria") == "el Presidente y el Secretario"
    assert collapse_gender("Concejo Municipal o Cámara Municipal") == "Concejo Municipal o Cámara Municipal"


@pytest.mark.parametrize(
    ("post", "unit"),
    [
        ("Director o Directora de Servicios Administrativos", "Dirección de Servicios Administrativos"),
        ("Coordinador de Medios y Protocolo", "Coordinación de Medios y Protocolo"),
        ("Secretario del Concejo Municipal", "Secretaría del Concejo Municipal"),
        ("Gerente(a) Municipal", "Gerencia Municipal"),
        ("Jefe de la División de Catastro", "División de Catastro"),
        ("Alcalde o Alcaldesa", "Alcaldía"),
        ("Presidente del Concejo Municipal", "Presidencia del Concejo Municipal"),
        ("Síndico Procurador Municipal", "Sindicatura Municipal"),
        ("Concejales", "Concejo Municipal"),
    ],
)
def test_post_to_unit(post: str, unit: str) -> None:
    assert derive_unit(post) == unit


def test_units_have_no_unit() -> None:
    assert derive_unit("Dirección de Catastro") is None
    assert derive_unit("texto cualquiera") is None


def test_display_name() -> None:
    assert display_name("Secretario o Secretaria del Concejo Municipal de Heres", "ve-heres") == "Secretario del Concejo Municipal"
    assert display_name("Concejo del Municipio Heres", "ve-heres") == "Concejo Municipal"
