"""work_key merges wordings of one work and keeps different works apart."""

from __future__ import annotations

import pytest

from extract.citations import WorkRef, find_citations, parse_work, work_key


def _key(text: str) -> str:
    ref = parse_work(text)
    assert ref is not None, text
    return work_key(ref)


@pytest.mark.parametrize(
    "variants",
    [
        (
            "Ley Orgánica del Poder Público Municipal",
            "LEY ORGANICA DEL PODER PUBLICO MUNICIPAL",
            "la Ley Orgánica de Poder Público Municipal",
            "Ley Orgánica del Poder Publico Municipal",
            "Ley\u00a0 Orgánica del Poder Público Municipal",
            "Ley Orgánica del Poder Público Municipal de 8 de junio de 2005",
        ),
        ("Ley N° 18.695", "Ley Nº 18695", "la ley N° 18.695, Orgánica Constitucional de Municipalidades"),
        ("Ley No. 104", "Ley 104"),
        ("Ordenanza sobre Gaceta Municipal", "ORDENANZA SOBRE GACETA MUNICIPAL"),
        ("Código de Procedimiento Penal", "el Código de Procedimiento Penal", "CODIGO DE PROCEDIMIENTO PENAL"),
        ("Registro Oficial 315", "Registro Oficial No. 315"),
        ("Gaceta Municipal Nº 0354", "Gaceta Municipal N° 354"),
    ],
)
def test_variants_merge(variants: tuple[str, ...]) -> None:
    assert len({_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ley Orgánica del Poder Público Municipal", "Ley Orgánica de Municipalidades"),
        ("Código Penal", "Código de Procedimiento Penal"),
        ("Ley No. 104", "Decreto No. 104"),
        ("Registro Oficial 315", "Registro Oficial Suplemento 315"),
        ("Ordenanza de Contraloría", "Ordenanza de Contraloría Municipal"),
        ("Decreto Legislativo de 4 de enero de 1980", "Decreto Legislativo de 9 de marzo de 1961"),
    ],
)
def test_different_works_stay_apart(a: str, b: str) -> None:
    assert _key(a) != _key(b)


def test_keys_from_found_citations_merge_across_documents() -> None:
    one = find_citations("el Artículo 208 de la Ley Orgánica del Poder Público Municipal.")[0]
    two = find_citations("por la Ley Orgánica de Poder Público Municipal, el Código Civil")[0]
    assert one.work_ref is not None and two.work_ref is not None
    assert work_key(one.work_ref) == work_key(two.work_ref)


def test_deictic_and_self_references() -> None:
    assert parse_work("esta Ordenanza") is None
    vigente = parse_work("Ordenanza vigente")
    assert vigente is not None and vigente.deictic == "vigente"
    assert work_key(vigente) != work_key(WorkRef("ordenanza", "Ordenanza"))
    assert parse_work("nada que ver") is None
