"""Builds are deterministic, atomic and survive being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from extract.build import build
from query_api.store import CURRENT_LINK

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://cabildo.test/"


def _quads(store_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(store_dir / CURRENT_LINK))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def test_rebuild_gives_an_isomorphic_graph(tmp_path: Path) -> None:
    sample = [ROOT / "tests/gold/structure/samples/ar_ordenanza_1234.txt"]
    build(sample, store_dir=tmp_path / "a", base=BASE)
    build(sample, store_dir=tmp_path / "b", base=BASE)
    ds = []
    for name in "ab":
        d = Dataset()
        store = ox.Store.read_only(str(tmp_path / name / CURRENT_LINK))
        d.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
        ds.append(d)
    graphs_a = {g.identifier: g for g in ds[0].graphs() if len(g)}
    graphs_b = {g.identifier: g for g in ds[1].graphs() if len(g)}
    assert graphs_a.keys() == graphs_b.keys() and graphs_a
    for key in graphs_a:
        assert isomorphic(graphs_a[key], graphs_b[key])


def test_full_corpus_builds_and_counts(tmp_path: Path) -> None:
    summary = build([ROOT / "corpus"], store_dir=tmp_path, base=BASE)
    assert summary.sources == 5 and not summary.refused
    assert summary.instruments == 13
    assert summary.articles == 947
    assert summary.triples == len(_quads(tmp_path))


def test_bad_source_is_refused_and_others_built(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bueno.txt").write_text("Artículo 1.- El Alcalde publicará la Gaceta.\n", encoding="utf-8")
    (src / "malo.txt").write_bytes(b"\x00\x01\x02binary")
    summary = build([src], store_dir=tmp_path / "store", base=BASE)
    assert summary.sources == 1 and len(summary.refused) == 1 and "binari" in summary.refused[0]


@pytest.mark.parametrize("delay", [0.2, 0.5, 0.9, 1.4])
def test_killed_build_leaves_previous_store_intact(tmp_path: Path, delay: float) -> None:
    store_dir = tmp_path / "store"
    build([ROOT / "tests/gold/structure/samples"], store_dir=store_dir, base=BASE)
    before = _quads(store_dir)
    env = dict(os.environ, CABILDO_BASE_IRI=BASE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "query_api.cli", "build", str(ROOT / "corpus"), "--store", str(store_dir), "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    after = _quads(store_dir)
    if killed:
        print(f"killed after {delay}s: previous store answers with {len(after)} quads")
        assert after == before  # never a half-built graph
    else:  # the build finished first: the new graph is whole
        assert len(after) > len(before)


def test_adding_a_source_is_incremental_and_equals_a_full_build(tmp_path: Path) -> None:
    samples = ROOT / "tests/gold/structure/samples"
    first = [samples / "ar_ordenanza_1234.txt", samples / "ec_ordenanza_mercados.txt"]
    build(first, store_dir=tmp_path / "inc", base=BASE)
    summary = build([*first, samples / "cl_decreto_alcaldicio_1873.txt"], store_dir=tmp_path / "inc", base=BASE)
    assert summary.cached_sources == 2 and summary.sources == 3  # only the new source ran the extractors
    build([*first, samples / "cl_decreto_alcaldicio_1873.txt"], store_dir=tmp_path / "full", base=BASE)
    assert _quads(tmp_path / "inc") == _quads(tmp_path / "full")
