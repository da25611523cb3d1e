"""Articles: text now or at a date, and the full history with diffs."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from extract.lines import normalise_number
from query_api.deps import SettingsDep, StoreDep
from query_api.pit import Answer, VersionRecord, at, history
from query_api.queries import load

router = APIRouter(prefix="/api", tags=["articles"])


class Introduced(BaseModel):
    type: str | None
    work: str | None
    article: str | None


class ArticleAnswer(BaseModel):
    work: str
    number: str
    status: str
    text: str | None
    heading: str | None
    valid_from: str | None
    valid_to: str | None
    introduced_by: Introduced | None
    notes: list[str]
    iri: str | None
    version: str | None
    at: str


class HistoryItem(BaseModel):
    version: str
    number: str | None
    status: str | None
    text: str | None
    heading: str | None
    valid_from: str | None
    valid_to: str | None
    introduced_by: Introduced | None
    notes: list[str]
    diff: list[tuple[str, str]] | None


class ArticleHistoryOut(BaseModel):
    work: str
    number: str
    iri: str
    versions: list[HistoryItem]


def _v(term: Any) -> str | None:
    return None if term is None else term.value


def _date(term: Any) -> date | None:
    return date.fromisoformat(term.value) if term is not None else None


_NUMBER = re.compile(r"(?i)^\s*(\d{1,4}|[a-záéíóúñ]+)\s*[º°]?\s*(?:-\s*([a-z])(?![a-z]))?\s*(bis|ter|qu[aá]ter|quinquies)?\s*$")


def canonical_number(number: str) -> str:
    """'224-D', '224-d', '12 bis', '1º', 'primero' -> the numbering the graph uses ('224-D', '12 bis', '1')."""
    m = _NUMBER.match(number)
    if m is None:
        return number.strip()
    return normalise_number(m.group(1), letter=m.group(2), latin=m.group(3))


def work_iri_from_id(work_id: str, base: str) -> str:
    return work_id if work_id.startswith(("http://", "https://")) else f"{base}akn/{work_id.strip('/')}"


_cache_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str, str], dict[str, list[VersionRecord]]] = OrderedDict()
_CACHE_SIZE = 4096


def article_versions(store: StoreDep, work: str, number: str) -> dict[str, list[VersionRecord]]:
    """Versions per article identity (IRI) for the articles that ever had ``number``.

    Cached per store generation: the answer only changes when a new build is swapped in.
    """
    key = (store.generation(), work, number)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    found = _article_versions(store, work, number)
    with _cache_lock:
        _cache[key] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def _article_versions(store: StoreDep, work: str, number: str) -> dict[str, list[VersionRecord]]:
    try:
        work_node = ox.NamedNode(work)
    except ValueError:  # not an IRI at all: no such work
        return {}
    rows = store.query(load("article_versions"), substitutions={"work": work_node, "n": ox.Literal(number)})
    versions: dict[str, set[str]] = {}
    for r in rows:  # type: ignore[union-attr]
        article = _v(r["article"]) or ""
        if "/!main~art_" in article and "__" not in article:  # articles, not numerales of the work
            versions.setdefault(article, set()).add(_v(r["version"]) or "")
    out: dict[str, list[VersionRecord]] = {}
    for article, iris in versions.items():
        out[article] = [_detail(store, iri) for iri in sorted(iris)]
    return out


def _detail(store: StoreDep, version: str) -> VersionRecord:
    rows = list(store.query(load("version_detail"), substitutions={"version": ox.NamedNode(version)}))  # type: ignore[arg-type]
    r = rows[0]
    return VersionRecord(version, _v(r["number"]), _v(r["heading"]), _v(r["text"]), _date(r["validFrom"]),
                         _date(r["validTo"]), _v(r["status"]), _v(r["reason"]), _v(r["note"]),
                         _v(r["modType"]), _v(r["amendingPart"]), _v(r["amendingWork"]))


def choose(candidates: dict[str, list[VersionRecord]], number: str, when: date) -> tuple[str, list[VersionRecord]]:
    """The article that carries ``number`` on ``when`` (else the latest that ever carried it)."""
    def score(item: tuple[str, list[VersionRecord]]) -> tuple[int, date]:
        answer = at(item[1], when)
        holds = answer.version is not None and answer.version.number == number
        latest = max((v.valid_from or date.min for v in item[1] if v.number == number), default=date.min)
        return (1 if holds else 0, latest)
    return max(candidates.items(), key=score)


def _introduced(v: VersionRecord | None, work: str) -> Introduced | None:
    if v is None:
        return None
    if v.modification:
        return Introduced(type=v.modification, work=v.amending_work, article=v.amending_part)
    return Introduced(type="original", work=work, article=None)


def answer_article(store: StoreDep, base: str, work_id: str, number: str, when: date) -> tuple[str, str, Answer]:
    work = work_iri_from_id(work_id, base)
    wanted = canonical_number(number)
    candidates = article_versions(store, work, wanted)
    if not candidates:
        raise HTTPException(status_code=404, detail=f"la obra {work_id} no tiene (ni tuvo) un artículo {number}")
    article, versions = choose(candidates, wanted, when)
    return work, article, at(versions, when)


@router.get("/works/{work_id:path}/articles/{number}/history", response_model=ArticleHistoryOut,
            summary="Historia de un artículo: todas sus versiones, con diferencias palabra a palabra")
def article_history(work_id: str, number: str, store: StoreDep, settings: SettingsDep) -> ArticleHistoryOut:
    work = work_iri_from_id(work_id, settings.base_iri)
    wanted = canonical_number(number)
    candidates = article_versions(store, work, wanted)
    if not candidates:
        raise HTTPException(status_code=404, detail=f"la obra {work_id} no tiene (ni tuvo) un artículo {number}")
    article, versions = choose(candidates, wanted, date.today())
    items = []
    for entry in history(versions):
        v: VersionRecord = entry["version"]  # type: ignore[assignment]
        items.append(HistoryItem(
            version=v.iri, number=v.number, status=v.status, text=v.text, heading=v.heading,
            valid_from=v.valid_from.isoformat() if v.valid_from else None,
            valid_to=v.valid_to.isoformat() if v.valid_to else None,
            introduced_by=_introduced(v, work), notes=[n for n in (v.reason, v.note) if n],
            diff=entry["diff"]))  # type: ignore[arg-type]
    return ArticleHistoryOut(work=work, number=wanted, iri=article, versions=items)


@router.get("/works/{work_id:path}/articles/{number}", response_model=ArticleAnswer,
            summary="Texto de un artículo hoy o en una fecha",
            description="`status` es in_force, repealed, not_yet_in_force o unknown; nunca se inventa texto.")
def get_article(work_id: str, number: str, store: StoreDep, settings: SettingsDep,
                at_: date | None = Query(None, alias="at", examples=["2007-06-01"])) -> ArticleAnswer:
    when = at_ or date.today()
    work, article, ans = answer_article(store, settings.base_iri, work_id, number, when)
    v = ans.version
    return ArticleAnswer(
        work=work, number=canonical_number(number), status=ans.status,
        text=v.text if v is not None and ans.status in ("in_force", "unknown") else None,
        heading=v.heading if v else None,
        valid_from=v.valid_from.isoformat() if v and v.valid_from else None,
        valid_to=v.valid_to.isoformat() if v and v.valid_to else None,
        introduced_by=_introduced(v, work), notes=ans.notes, iri=article, version=v.iri if v else None,
        at=when.isoformat())
