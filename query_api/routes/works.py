"""Works: list and table of contents."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from extract.consolidate import number_key
from query_api.deps import SettingsDep, StoreDep
from query_api.queries import load

router = APIRouter(prefix="/api", tags=["works"])


class WorkPublic(BaseModel):
    id: str
    iri: str
    title: str | None
    type: str
    jurisdiction: str
    date: str | None
    first_version: str | None = None


class ArticleRef(BaseModel):
    number: str | None
    status: str
    iri: str
    heading: str | None


class WorkDetail(WorkPublic):
    articles: list[ArticleRef]
    amended_by: list[str]


def _value(term: object) -> str | None:
    return None if term is None else getattr(term, "value", str(term))


def work_id(iri: str, base: str) -> str:
    """The path of a work IRI under the base (stable: IRIs derive from content)."""
    return iri[len(base) + len("akn/"):] if iri.startswith(base + "akn/") else iri


def _works(store: StoreDep, base: str) -> list[WorkPublic]:
    out = []
    for row in store.query(load("works")):  # type: ignore[union-attr]
        iri = _value(row["work"]) or ""
        out.append(WorkPublic(id=work_id(iri, base), iri=iri, title=_value(row["title"]), type=_value(row["type"]) or "",
                              jurisdiction=_value(row["jurisdiction"]) or "", date=_value(row["date"]),
                              first_version=_value(row["firstVersion"])))
    return out


@router.get("/works", response_model=list[WorkPublic], summary="Lista de obras (instrumentos)")
def list_works(store: StoreDep, settings: SettingsDep,
               jurisdiction: str | None = Query(None, examples=["ve-heres"]),
               type: str | None = Query(None, examples=["ordenanza"])) -> list[WorkPublic]:
    works = _works(store, settings.base_iri)
    return [w for w in works if (jurisdiction is None or w.jurisdiction == jurisdiction)
            and (type is None or w.type == type)]


@router.get("/works/{work_path:path}", response_model=WorkDetail, summary="Metadatos y tabla de contenido de una obra")
def get_work(work_path: str, store: StoreDep, settings: SettingsDep) -> WorkDetail:
    found = next((w for w in _works(store, settings.base_iri) if w.id == work_path), None)
    if found is None:
        raise HTTPException(status_code=404, detail=f"obra no encontrada: {work_path}")
    work = {"work": ox.NamedNode(found.iri)}
    rows = store.query(load("work_articles"), substitutions=work)
    articles = [ArticleRef(number=_value(r["number"]), status=_value(r["status"]) or "unknown",
                           iri=_value(r["article"]) or "", heading=_value(r["heading"]))
                for r in rows]  # type: ignore[union-attr]
    articles.sort(key=lambda a: number_key(a.number))
    amended_by = sorted({_value(r["reform"]) or "" for r in store.query(load("amended_by"), substitutions=work)})  # type: ignore[union-attr]
    return WorkDetail(**found.model_dump(), articles=articles, amended_by=amended_by)
