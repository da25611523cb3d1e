"""Never refuse, never lose: the tree partitions the text, whatever the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.model import NodeKind
from extract.structure import check_partition, parse_structure, render
from extract.text import load_source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests/gold/structure/samples").glob("*.txt"))


def _assert_sound(text: str) -> None:
    root = parse_structure(text)
    assert root.start == 0 and root.end == len(text)
    assert check_partition(root) == []
    assert render(root, text) == text
    for node in root.walk():
        if node.body_start is not None:
            assert node.start <= node.body_start <= node.end


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_round_trip_on_real_texts(path: Path) -> None:
    _assert_sound(load_source(path).text)


PIECES = [
    "Artículo 1.- ", "ARTICULO 05: ", "Art. 378-A.- ", "Art 294.- ", "Artículo  27El ", "Artículo 12 bis.- ",
    "ARTÍCULO 1°.- ", "TITULO I\n", "CAPÍTULO II\n", "SECCION 1a.\n", "Parágrafo Único: ", "  1. ", "1.- ",
    "1o.- ", "a) ", "b.- ", "Nota: Artículo reformado por Ley No. 104.\n", "GACETA MUNICIPAL\n",
    "Gaceta Extraordinaria No. 238\n", "El Concejo, en uso de sus atribuciones, sanciona la siguiente:\n",
    "REFORMA PARCIAL DE LA ORDENANZA SOBRE X\n", "Dada, firmada y sellada en el Salón\n", "PRESIDENTE\n",
    "(ORDENANZA SOBRE GACETA MUNICIPAL)\n", "Se modifica el Artículo 10, del siguiente tenor:\n",
    "Objeto\n", "\n", "\n\n", "\r\n", "\u00a0", "…", ". ARTICULO 50.- Para ", "texto corriente del artículo. ",
    "Corresponde al Secretario:\n", "- viñeta\n", "\t", "ñ", "Á", "\x0c",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60))
def test_random_mixes_never_crash_and_round_trip(parts: list[str]) -> None:
    _assert_sound("".join(parts))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_seed_text_round_trips(data: st.DataObject) -> None:
    text = load_source(SEEDS[1]).text
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(0, 3000))
    chunk = text[start : start + length]
    cut = data.draw(st.integers(0, len(chunk)))
    noise = data.draw(st.text(max_size=20))
    _assert_sound(chunk[:cut] + noise + chunk[cut:])


def test_large_input_is_linear_enough() -> None:
    text = load_source(SEEDS[1]).text * 20  # ~4.5 MB
    root = parse_structure(text)
    assert render(root, text) == text
    assert sum(1 for n in root.walk() if n.kind is NodeKind.INSTRUMENT) >= 20
