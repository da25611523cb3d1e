"""Annotated citations of the seeds resolve to the right target in the built graph."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from extract.citations import parse_work, work_key

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests/gold/citations/citations.json").read_text(encoding="utf-8"))["citations"]
Q = """
PREFIX cab: <https://w3id.org/cabildo/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?c ?start ?end ?source ?part ?work ?external ?label WHERE {
  ?c a cab:Citation ; cab:span ?s ; cab:external ?external .
  ?s oa:start ?start ; oa:end ?end ; cab:sourceFile/dcterms:identifier ?source .
  OPTIONAL { ?c cab:citedPart ?part }
  OPTIONAL { ?c cab:citedWork ?work . OPTIONAL { ?work rdfs:label ?label } }
}"""


def _line_spans(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def test_annotated_citations_resolve(store_dir: Path) -> None:
    store = ox.Store.read_only(str(store_dir / "current"))
    rows = [{k: (r[k].value if r[k] is not None else None) for k in
             ("c", "start", "end", "source", "part", "work", "external", "label")}
            for r in store.query(Q, use_default_graph_as_union=True)]  # type: ignore[union-attr]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    checked = right = 0
    wrong: list[str] = []
    for g in GOLD:
        if g["source"] not in texts or g.get("relative") or not g["articles"] and g["internal"]:
            continue
        text = texts[g["source"]]
        starts = _line_spans(text)
        line_start = starts[g["line"] - 1]
        pos = text.find(g["quote"], line_start)
        if pos < 0:
            continue
        end = pos + len(g["quote"])
        hits = [r for r in rows if r["source"] == g["source"] and int(r["start"]) < end and pos < int(r["end"])]
        if not hits:
            continue  # printed in a part that is not a current article text (preambles, instructions)
        checked += 1
        ok = False
        for r in hits:
            if g["internal"]:
                ok |= bool(r["part"]) and r["part"].endswith(f"~art_{g['articles'][0].lower().replace(' ', '-')}")
            else:
                ref = parse_work(g["work"] or "")
                label = r["label"] or ""
                ok |= r["work"] is not None and (
                    ref is None or (parse_work(label) is not None and work_key(parse_work(label)) == work_key(ref))
                    or r["external"] == "false")
        right += ok
        if not ok:
            wrong.append(f"{g['source']}:{g['line']} {g['quote']!r} -> {[(h['part'], h['work']) for h in hits]}")
    print(f"\ncitations checked in the graph: {checked}, resolved right: {right}")
    print("\n".join(wrong[:10]))
    assert checked >= 30
    # measured 85/87; the two misses are "será el Artículo 17": the identity renumbered to 17, which
    # this check (eId = number) cannot tell from a wrong target
    assert right / checked >= 0.90
