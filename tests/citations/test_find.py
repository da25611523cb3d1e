"""find_citations: table of drafting styles, headings, overlaps, offsets, odd input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.citations import Citation, find_citations, work_key

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def _one(text: str) -> Citation:
    found = find_citations(text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


# fmt: off
# (text, articles, sub-parts of the parts, work key or None, relative)
CASES = [
    # Venezuela
    ("conferidas por el Artículo 54 Ordinal 1º de la Ley Orgánica del Poder Público Municipal, y",
     ["54"], [{"ordinal": "1"}], "ley:organica poder publico municipal", None),
    ("Se modifica el Artículo 21 en su Numeral 10, quedando", ["21"], [{"numeral": "10"}], None, None),
    ("Las tasas previstas en el Artículo 05 numerales 1, 2 y 3 tendrán", ["5"],
     [{"numeral": "1"}, {"numeral": "2"}, {"numeral": "3"}], None, None),
    ("acorde a lo previsto en el articulo 471-A del Código Penal Venezolano.", ["471-A"], [{}],
     "codigo:penal venezolano", None),
    ("Los Reglamentos a que se refiere el Artículo anterior, deberán", [], [], None, "previous"),
    # Ecuador
    ("la mayoría de que trata el numeral 4o. del Art. 4, mediante plebiscito", ["4"], [{"numeral": "4"}], None, None),
    ("siguiendo el trámite previsto por el Art. 453 del Código de Procedimiento Penal.", ["453"], [{}],
     "codigo:procedimiento penal", None),
    ("el cumplimiento de los requisitos señalados en los numerales 3, 4 y 5 de este artículo;", [],
     [{"numeral": "3"}, {"numeral": "4"}, {"numeral": "5"}], None, "self"),
    ("Disposición dada por Ley No. 104, publicado", [], [], "ley#104", None),
    ("lo determinado en los Arts. 31 al 35 inclusive", ["31", "32", "33", "34", "35"], [{}] * 5, None, None),
    ("Sin perjuicio de la sanción establecida en el inciso anterior, las", [], [], None, "previous"),
    ("el artículo 57 literal a) del Código Orgánico de Organización Territorial, Autonomía y Descentralización atribuye",
     ["57"], [{"literal": "a"}], "codigo:organico organizacion territorial autonomia descentralizacion", None),
    # Argentina
    ("Que el artículo 5° de la Ordenanza N° 987 prevé la intervención", ["5"], [{}], "ordenanza#987", None),
    ("Modifícase el artículo primero de la Ordenanza Nº 1234/98, el que", ["1"], [{}], "ordenanza#1234/98", None),
    ("conforme al inciso b) del artículo 4° de la Carta Orgánica Municipal", ["4"], [{"inciso": "b"}],
     "carta-organica:municipal", None),
    # Chile
    ("Lo dispuesto en los artículos 12 y 65 letra l) de la Ley N° 18.695, Orgánica Constitucional de Municipalidades;",
     ["12", "65"], [{}, {"literal": "l"}], "ley#18695", None),
    ("revocados por el Alcalde, conforme al artículo 36 de la Ley N° 18.695.", ["36"], [{}], "ley#18695", None),
    ("según el inciso segundo del artículo 3° bis de esta ordenanza", ["3 bis"], [{"inciso": "2"}], None, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "articles", "subs", "key", "relative"), CASES)
def test_drafting_styles(text: str, articles: list[str], subs: list[dict[str, str]], key: str | None, relative: str | None) -> None:
    c = _one(text)
    assert c.articles == articles
    assert [p.sub() for p in c.parts] == subs
    assert (work_key(c.work_ref) if c.work_ref else None) == key
    assert c.internal == (key is None)
    assert c.relative == relative
    assert text[c.start : c.end] == c.text


def test_this_instrument_and_deictic_works() -> None:
    this = _one("de conformidad con la presente Ordenanza.")
    assert this.internal and this.work_ref is None and this.parts == []
    vigente = _one("Se modifica el Artículo 10 de la Ordenanza vigente, el cual")
    assert not vigente.internal and vigente.work_ref is not None and vigente.work_ref.deictic == "vigente"


def test_anaphora_takes_the_nearest_named_work_of_that_kind() -> None:
    found = find_citations("a que se refiere el Código Civil y en especial los Arts. 633 y 636 de dicho Código;")
    assert [c.text for c in found] == ["Código Civil", "Arts. 633 y 636 de dicho Código"]
    assert found[1].work_ref == found[0].work_ref


def test_shared_work_with_ambos_and_en_sus() -> None:
    found = find_citations(
        "conferidas por el Artículo 54, Ordinal 1º y Artículo 162, ambos de la Ley Orgánica del Poder Público Municipal"
    )
    assert [c.articles for c in found] == [["54"], ["162"]]
    assert {work_key(c.work_ref) for c in found if c.work_ref} == {"ley:organica poder publico municipal"}
    assert len([c for c in found if c.work_ref]) == 2
    mixed = find_citations("el Artículo 5 de esta Ley y el Artículo 6, ambos de la Ley del Trabajo")
    assert [c.internal for c in mixed] == [True, False]  # "de esta Ley" is not overridden by "ambos"
    back = _one("la Ley del Trabajo en sus Artículos 2 y 3")
    assert back.articles == ["2", "3"] and back.work_ref is not None and back.work_ref.title == "Ley del Trabajo"


def test_generic_mentions_are_not_citations() -> None:
    text = "las que le señalen la Ley, las Ordenanzas, los Acuerdos, los Reglamentos y la Constitución; de acuerdo con el Directorio"
    assert find_citations(text) == []


@pytest.mark.parametrize(
    "heading",
    [
        "Artículo 10.- Corresponde al Alcalde",
        "ARTICULO 05: El contribuyente",
        "Art. 378-A.- Los concejos",
        "Artículo  27El Director",
        "Artículo 42  Los funcionarios",
        "Art. 4. Las municipalidades",
        "texto anterior. ARTICULO 50.- Para la mejor orientación",
    ],
)
def test_headings_are_not_citations(heading: str) -> None:
    assert find_citations(heading) == []


HEADING = re.compile(
    r"^[ \t\u00a0]*(?P<kw>(?:ART[IÍ]CULO|Art[ií]culo|Art\.?))[ \t\u00a0]*\d+(?:[-–][A-Z])?[º°]?[ \t\u00a0]*(?:\.-|\.–|:|\.(?=\s)|-)",
    re.MULTILINE,
)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_no_citation_starts_at_a_heading_in_the_seeds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    headings = {m.start("kw") for m in HEADING.finditer(text)}
    found = find_citations(text)
    assert not [c.text for c in found if c.start in headings]
    if path.stem.startswith(("001", "002")):
        assert len(headings) > 300 and len(found) > 250  # the check is not vacuous


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_whole_files_give_ordered_non_overlapping_spans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = find_citations(text)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(text[c.start : c.end] == c.text and 0 < c.confidence <= 1 for c in found)


def test_offset_shifts_spans() -> None:
    text = "según el artículo 5 de esta Ley"
    (c,) = find_citations(text, offset=100)
    assert (c.start, c.end) == (109, 131)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Artículo 12.-:,y de la Ley N°º()\nanterior numeral a) Código")), max_size=120))
def test_odd_input_never_crashes(text: str) -> None:
    for c in find_citations(text):
        assert text[c.start : c.end] == c.text
