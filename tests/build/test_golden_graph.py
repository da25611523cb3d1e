"""The graph of a small sample equals the reviewed golden graph (compared as graphs, not text).

Regenerate after an intended change with ``python -m tests.build.test_golden_graph`` and
review the diff of tests/golden/pipeline/*.trig before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from extract.corpus import assemble
from extract.graph import emit_corpus
from extract.graph_citations import emit_citations
from extract.graph_facts import emit_facts
from extract.instruments import parse_source
from extract.nlp import extract_facts
from extract.passages import passages
from extract.sources import open_source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests/gold/structure/samples/cl_decreto_alcaldicio_1873.txt"
GOLDEN = ROOT / "tests/golden/pipeline/cl_decreto_alcaldicio_1873.trig"
BASE = "https://cabildo.example/"


def sample_graph() -> bytes:
    parsed = [parse_source(open_source(SAMPLE))]
    works = assemble(parsed)
    em = emit_corpus(parsed, works, base=BASE)
    emit_citations(em, works)
    emit_facts(em, extract_facts(passages(parsed[0])), parsed)
    store = ox.Store()
    store.extend(em.quads)
    return store.dump(format=ox.RdfFormat.TRIG)


def _graphs(data: bytes) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format="trig")
    out: dict[str, Graph] = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


def test_sample_graph_equals_the_golden_graph() -> None:
    got, want = _graphs(sample_graph()), _graphs(GOLDEN.read_bytes())
    assert got.keys() == want.keys()
    for name in want:
        if not isomorphic(got[name], want[name]):
            _both, only_got, only_want = graph_diff(to_isomorphic(got[name]), to_isomorphic(want[name]))
            lines = sorted(only_got.serialize(format="nt").splitlines())[:20]
            missing = sorted(only_want.serialize(format="nt").splitlines())[:20]
            raise AssertionError(f"graph {name} differs\nnew:\n" + "\n".join(lines) + "\nmissing:\n" + "\n".join(missing))


if __name__ == "__main__":
    GOLDEN.write_bytes(sample_graph())
    print(f"wrote {GOLDEN}")
