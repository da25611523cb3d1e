"""The corpus generator makes distinct, valid municipal texts (no timing here, ever)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bench import scale_rules as R
from bench.scale import Variant, fold, generate, place_names, rename_places, shift_dates, shuffle_lists
from extract.build import build
from extract.instruments import parse_source
from extract.model import NodeKind
from extract.sources import open_source

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests/gold/structure/samples"


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(name, getattr(R, name)) for name in dir(R)
            if isinstance(getattr(R, name), re.Pattern) and hasattr(R, name + "_EXAMPLES")]


@pytest.mark.parametrize("name,pattern", _patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_rule_examples_match_and_counterexamples_do_not(name: str, pattern: re.Pattern[str]) -> None:
    for text in getattr(R, name + "_EXAMPLES"):
        assert pattern.search(text), f"{name} should match {text!r}"
    for text in getattr(R, name + "_COUNTEREXAMPLES"):
        assert not pattern.search(text), f"{name} should not match {text!r}"


def test_place_names_are_proper_names_only() -> None:
    text = ("MUNICIPALIDAD DE VILLA TAMBO\nEl Concejo Municipal de Villa Tambo, en el Estado Lara, "
            "con la Dirección de Servicios Públicos.\nVilla Tambo, 3 de mayo de 2010.\nlos servicios públicos")
    assert place_names(text) == ["VILLA TAMBO", "Lara"]
    assert place_names("el municipio de la región y el estado de las cosas") == []


def test_places_are_renamed_in_every_case_and_accent() -> None:
    out = rename_places("MUNICIPIO BOLIVAR; el Municipio Bolívar; Bolivariana", {"Bolívar": "Nerina"})
    assert out == "MUNICIPIO NERINA; el Municipio Nerina; Bolivariana"


def _variant(shift_days: int = -400) -> Variant:
    return Variant(index=0, seed=1, shift_days=shift_days, gazette_offset=3, deadline_factor=2.0)


def test_dates_move_back_together_and_other_numbers_stay() -> None:
    text = "Gaceta del 01 de Febrero de 2007, sesión del 10-01-2007, Ley de 1982, Depósito PP-76-1801, Nº 38.204"
    out = shift_dates(text, _variant(-366))
    assert "31 de Enero de 2006" in out and "09-01-2006" in out and "Ley de 1981" in out
    assert "PP-76-1801" in out and "38.204" in out


def test_identical_lists_are_reordered_identically() -> None:
    block = ["Son funciones:", "1. Coordinar el archivo;", "2. Custodiar las actas;", "3. Firmar las copias;",
             "4. Publicar la gaceta."]
    moved = False
    for seed in range(20):  # some seeds shuffle this list; the two copies must always agree
        v = Variant(index=0, seed=seed, shift_days=0, gazette_offset=0, deadline_factor=1.0)
        out = shuffle_lists(block + ["Artículo 2. Otro."] + block, v)
        assert out[:5] == out[6:]
        assert [line[:3] for line in out[1:5]] == ["1. ", "2. ", "3. ", "4. "]
        assert out[4].endswith(".") and all(line.endswith(";") for line in out[1:4])
        assert {line[3:].rstrip(";.") for line in out[1:5]} == {line[3:].rstrip(";.") for line in block[1:5]}
        moved = moved or out[1:5] != block[1:5]
    assert moved


def _articles(path: Path) -> tuple[int, int]:
    parsed = parse_source(open_source(path))
    return len(parsed.instruments), sum(1 for i in parsed.instruments for _ in i.node.find(NodeKind.ARTICLE))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Path]]:
    seeds = tmp_path_factory.mktemp("seeds")
    for p in sorted(SAMPLES.glob("*.txt"))[:2]:
        shutil.copy(p, seeds / p.name)
    out = tmp_path_factory.mktemp("gen")
    g = generate(seeds, out, factor=3, seed=5)
    return seeds, out, g.files


def test_generated_texts_are_distinct_and_differ_from_their_seeds(generated: tuple[Path, Path, list[Path]]) -> None:
    seeds, _, files = generated
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert len(files) == 3 * len(list(seeds.glob("*.txt")))
    assert len(set(texts)) == len(texts)
    for p, text in zip(files, texts):
        seed_text = (seeds / (p.name.split("__")[0] + ".txt")).read_text(encoding="utf-8")
        assert text != seed_text
        assert all(fold(name) not in fold(text) for name in place_names(seed_text))


def test_each_variant_is_its_own_municipality(generated: tuple[Path, Path, list[Path]]) -> None:
    _, _, files = generated
    localities = [json.loads(p.with_name(p.stem + ".meta.json").read_text(encoding="utf-8"))["locality"]
                  for p in files]
    assert len(set(localities)) == len(localities)
    for p, place in zip(files, localities):
        assert place in p.read_text(encoding="utf-8") or place.upper() in p.read_text(encoding="utf-8")


def test_generation_is_deterministic(generated: tuple[Path, Path, list[Path]], tmp_path: Path) -> None:
    seeds, _, files = generated
    again = generate(seeds, tmp_path, factor=3, seed=5).files
    assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in files]


def test_generated_texts_parse_like_their_seeds_and_build(generated: tuple[Path, Path, list[Path]],
                                                          tmp_path: Path) -> None:
    seeds, out, files = generated
    for p in files:
        instruments, articles = _articles(p)
        seed_instruments, seed_articles = _articles(seeds / (p.name.split("__")[0] + ".txt"))
        assert instruments == seed_instruments
        assert abs(articles - seed_articles) <= max(1, seed_articles // 20)
    summary = build([out], store_dir=tmp_path / "store", base="https://cabildo.test/")
    assert summary.sources == len(files) and not summary.refused
    assert summary.articles > 0 and summary.triples > 0
