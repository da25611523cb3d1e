"""Full-text search over the texts in force, and the discrepancies report."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ontology.iri import parse_akn
from query_api.deps import StoreDep
from query_api.queries import load
from query_api.store import Store
from query_api.textindex import TextIndex

router = APIRouter(prefix="/api", tags=["search"])


@dataclass(frozen=True)
class Passage:
    version: str
    part: str
    work: str
    work_title: str | None
    number: str | None
    heading: str | None
    text: str
    jurisdiction: str


def _work_of(part: str) -> str:
    try:
        return str(parse_akn(part).work())
    except ValueError:
        return ""


_lock = threading.Lock()
_cache: dict[str, TextIndex[Passage]] = {}


def _v(term: Any) -> str | None:
    return None if term is None else term.value


def corpus_index(store: Store) -> TextIndex[Passage]:
    """The index of the generation being served (built once per generation)."""
    generation = store.generation()
    with _lock:
        index = _cache.get(generation)
        if index is None:
            works = {(_v(r["work"]) or ""): (_v(r["title"]), _v(r["jurisdiction"]) or "")
                     for r in store.query(load("works"))}  # type: ignore[union-attr]
            passages = []
            for r in store.query(load("search_corpus")):  # type: ignore[union-attr]
                part = _v(r["part"]) or ""
                if "__" in part:  # numerales and literales are searched through their article
                    continue
                work = _work_of(part)
                if work not in works:
                    continue
                title, jurisdiction = works[work]
                passages.append(Passage(_v(r["version"]) or "", part, work, title, _v(r["number"]),
                                        _v(r["heading"]), _v(r["text"]) or "", jurisdiction))
            passages.sort(key=lambda p: (p.work, p.version))
            index = TextIndex.of((p, " ".join(filter(None, (p.heading, p.text)))) for p in passages)
            _cache.clear()
            _cache[generation] = index
        return index


class SearchHit(BaseModel):
    work: str
    work_title: str | None
    number: str | None
    heading: str | None
    iri: str
    version: str
    snippet: str
    score: float
    jurisdiction: str


class SearchResult(BaseModel):
    query: str
    hits: list[SearchHit]


def snippet(text: str, words: list[str], width: int = 240) -> str:
    from query_api.textindex import fold

    folded = fold(text)
    for word in words:
        for token_start in range(len(folded)):
            if folded.startswith(word, token_start) and (token_start == 0 or not folded[token_start - 1].isalnum()):
                begin = max(0, token_start - width // 3)
                return ("…" if begin else "") + " ".join(text[begin : begin + width].split()) + "…"
    return " ".join(text[:width].split()) + ("…" if len(text) > width else "")


@router.get("/search", response_model=SearchResult, summary="Búsqueda en el texto vigente (sin acentos, por raíces)")
def search(store: StoreDep, q: str = Query(..., min_length=1, max_length=500, examples=["recaudación de ingresos"]),
           jurisdiction: str | None = Query(None, examples=["ve-heres"]),
           limit: int = Query(20, ge=1, le=100)) -> SearchResult:
    hits = corpus_index(store).search(q, limit=limit * 3)
    out = []
    for h in hits:
        p = h.item
        if jurisdiction and p.jurisdiction != jurisdiction:
            continue
        out.append(SearchHit(work=p.work, work_title=p.work_title, number=p.number, heading=p.heading, iri=p.part,
                             version=p.version, snippet=snippet(p.text, h.matched), score=round(h.score, 3),
                             jurisdiction=p.jurisdiction))
        if len(out) >= limit:
            break
    return SearchResult(query=q, hits=out)


class DiscrepancyOut(BaseModel):
    iri: str
    kind: str
    label: str | None
    printed_text: str | None
    computed_text: str | None
    computed_version: str | None
    article: str | None
    number: str | None
    work: str | None
    source: str
    start: int
    end: int
    detail: str | None


@router.get("/discrepancies", response_model=list[DiscrepancyOut],
            summary="Lo que los textos impresos y las reformas no dicen igual, con ambas versiones")
def discrepancies(store: StoreDep, work: str | None = Query(None, description="IRI de la obra")) -> list[DiscrepancyOut]:
    out = []
    for r in store.query(load("discrepancies")):  # type: ignore[union-attr]
        if work and _v(r["work"]) != work:
            continue
        out.append(DiscrepancyOut(
            iri=_v(r["discrepancy"]) or "", kind=_v(r["kind"]) or "", label=_v(r["kindLabel"]),
            printed_text=_v(r["printedText"]), computed_text=_v(r["computedText"]), computed_version=_v(r["computed"]),
            article=_v(r["article"]), number=_v(r["number"]), work=_v(r["work"]), source=_v(r["source"]) or "",
            start=int(_v(r["start"]) or 0), end=int(_v(r["end"]) or 0), detail=_v(r["detail"])))
    return out
