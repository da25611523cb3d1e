"""Who is responsible for X; organs, their competences and deadlines."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from ontology.iri import parse_akn
from query_api.deps import SettingsDep, StoreDep
from query_api.queries import load
from query_api.store import Store
from query_api.textindex import TextIndex, fold, terms

router = APIRouter(prefix="/api", tags=["organs"])


def _v(term: Any) -> str | None:
    return None if term is None else term.value


def _d(term: Any) -> date | None:
    return date.fromisoformat(term.value) if term is not None else None


@dataclass(frozen=True)
class DutyRow:
    iri: str
    bearer: str
    bearer_label: str
    unit: str | None
    action: str
    object: str | None
    type: str
    quote: str
    confidence: float
    version: str
    valid_from: date | None
    valid_to: date | None
    part: str
    number: str | None
    part_type: str | None
    article: str | None
    article_number: str | None
    work: str | None
    jurisdiction: str
    source: str
    start: int
    end: int

    def holds_on(self, when: date) -> bool:
        """The version the duty comes from is in force on ``when`` (unknown start: from the past)."""
        started = self.valid_from is None or self.valid_from <= when
        return started and (self.valid_to is None or when < self.valid_to)


def _article_and_work(part: str) -> tuple[str | None, str | None]:
    """The article (``~art_N``) and the work a part IRI belongs to, read from the AKN IRI."""
    try:
        parsed = parse_akn(part)
    except ValueError:
        return None, None
    work = str(parsed.work())
    if parsed.portion is None:
        return None, work
    article = parsed.portion.split("__", 1)[0]
    return (str(parsed.subdivision().part(article)) if article.startswith("art_") else None), work


_lock = threading.Lock()
_cache: dict[str, tuple[list[DutyRow], TextIndex[DutyRow]]] = {}


def duty_index(store: Store) -> tuple[list[DutyRow], TextIndex[DutyRow]]:
    """All duties and their full-text index, for the generation being served."""
    generation = store.generation()
    with _lock:
        cached = _cache.get(generation)
        if cached is not None:
            return cached
        numbers = {(_v(r["part"]) or ""): (_v(r["number"]) or "") for r in store.query(load("current_numbers"))}  # type: ignore[union-attr]
        rows: dict[str, DutyRow] = {}
        for r in store.query(load("duties")):  # type: ignore[union-attr]
            iri = _v(r["duty"]) or ""
            if iri in rows:
                continue
            part = _v(r["part"]) or ""
            article, work = _article_and_work(part)
            rows[iri] = DutyRow(
                iri, _v(r["bearer"]) or "", _v(r["bearerLabel"]) or "", _v(r["unit"]), _v(r["action"]) or "",
                _v(r["object"]), _v(r["type"]) or "", _v(r["quote"]) or "", float(_v(r["confidence"]) or 0.5),
                _v(r["version"]) or "", _d(r["validFrom"]), _d(r["validTo"]), part, _v(r["number"]),
                _v(r["partType"]), article, numbers.get(article or "") or None, work,
                _v(r["jurisdiction"]) or "", _v(r["source"]) or "", int(_v(r["start"]) or 0), int(_v(r["end"]) or 0))
        duties = sorted(rows.values(), key=lambda d: d.iri)
        subjects: dict[str, str] = {}
        for r in store.query(load("duty_subjects")):  # type: ignore[union-attr]
            key = _v(r["duty"]) or ""
            subjects[key] = f"{subjects.get(key, '')} {_v(r['label'])}"
        index = TextIndex.of((d, f"{d.action} {d.object or ''} {d.quote} {subjects.get(d.iri, '')}") for d in duties)
        _cache.clear()
        _cache[generation] = (duties, index)
        return duties, index


class OrganRef(BaseModel):
    id: str
    label: str
    iri: str


class DutyOut(BaseModel):
    text: str
    type: str
    action: str
    object: str | None


class SourceRef(BaseModel):
    work: str | None
    article: str | None
    numeral: str | None
    iri: str
    quote: str
    version: str
    valid_from: str | None
    valid_to: str | None


class ResponsibleAnswer(BaseModel):
    organ: OrganRef
    duty: DutyOut
    source: SourceRef
    score: float
    confidence: float


class ResponsibleOut(BaseModel):
    query: str
    at: str
    answers: list[ResponsibleAnswer]
    note: str | None = None


def organ_id(iri: str, base: str) -> str:
    return iri[len(base):] if iri.startswith(base) else iri


#: A duty must contain at least this share of the question's content words.
MIN_COVERAGE = 0.5


def responsible(store: Store, base: str, q: str, *, when: date, jurisdiction: str | None = None,
                limit: int = 5) -> ResponsibleOut:
    """Organs whose duties in force on ``when`` match the question, best first, with their quote."""
    duties, index = duty_index(store)
    if jurisdiction is None:
        jurisdiction, q = _place_in_question(q, {d.jurisdiction for d in duties})
    wanted = list(dict.fromkeys(terms(q)))
    if not wanted:
        return ResponsibleOut(query=q, at=when.isoformat(), answers=[], note="la pregunta no tiene palabras de contenido")
    hits = index.search(q, limit=400, min_coverage=MIN_COVERAGE if len(wanted) > 1 else 1.0)
    best: dict[str, tuple[float, DutyRow]] = {}
    for hit in hits:
        d = hit.item
        if not d.holds_on(when) or (jurisdiction and d.jurisdiction != jurisdiction):
            continue
        coverage = len(set(hit.matched)) / len(wanted)
        score = hit.score * (0.5 + 0.5 * coverage) * (0.75 + 0.25 * d.confidence)
        key = d.unit or d.bearer  # a post and the unit it heads answer together
        if key not in best or score > best[key][0]:
            best[key] = (score, d)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].iri))[:limit]
    answers = []
    for score, d in ranked:
        answers.append(ResponsibleAnswer(
            organ=OrganRef(id=organ_id(d.bearer, base), label=d.bearer_label, iri=d.bearer),
            duty=DutyOut(text=d.quote, type=d.type, action=d.action, object=d.object),
            source=SourceRef(work=d.work, article=d.article_number, numeral=d.number if d.part_type in
                             ("numeral", "literal") else None, iri=d.part, quote=d.quote, version=d.version,
                             valid_from=d.valid_from.isoformat() if d.valid_from else None,
                             valid_to=d.valid_to.isoformat() if d.valid_to else None),
            score=round(score, 3), confidence=d.confidence))
    note = None if answers else "no encontrado: ningún deber vigente del corpus trata ese tema"
    return ResponsibleOut(query=q, at=when.isoformat(), answers=answers, note=note)


def _place_in_question(q: str, jurisdictions: set[str]) -> tuple[str | None, str]:
    """'… en Heres?' names the jurisdiction ``ve-heres``: use it as a filter, not as a search word."""
    words = fold(q).split()
    for code in sorted(jurisdictions):
        locality = code.split("-", 1)[1] if "-" in code else None
        if locality and all(part in [w.strip("¿?¡!.,;:()") for w in words] for part in locality.split("-")):
            kept = [w for w in q.split() if fold(w).strip("¿?¡!.,;:()") not in locality.split("-")]
            return code, " ".join(kept)
    return None, q


@router.get("/responsible", response_model=ResponsibleOut, summary="¿Quién es responsable de…?",
            description="Órganos cuyos deberes vigentes tratan el tema, con la cita textual y su fuente. "
                        "Lista vacía cuando nada del corpus responde.")
def get_responsible(store: StoreDep, settings: SettingsDep,
                    q: str = Query(..., min_length=1, max_length=500,
                                   examples=["¿Quién custodia el archivo histórico del Concejo?"]),
                    at: date | None = Query(None, examples=["2008-01-01"]),
                    jurisdiction: str | None = Query(None, examples=["ve-heres"]),
                    limit: int = Query(5, ge=1, le=50)) -> ResponsibleOut:
    return responsible(store, settings.base_iri, q, when=at or date.today(), jurisdiction=jurisdiction, limit=limit)


class OrganOut(BaseModel):
    id: str
    iri: str
    label: str
    kind: str
    jurisdiction: str
    parent: str | None
    unit: str | None
    variants: list[str]


def _organs(store: Store, base: str) -> list[OrganOut]:
    out: dict[str, OrganOut] = {}
    for r in store.query(load("organs")):  # type: ignore[union-attr]
        iri = _v(r["organ"]) or ""
        if iri in out:
            continue
        out[iri] = OrganOut(id=organ_id(iri, base), iri=iri, label=_v(r["label"]) or "", kind=_v(r["kind"]) or "",
                            jurisdiction=_v(r["jurisdiction"]) or "", parent=_v(r["parent"]), unit=_v(r["unit"]),
                            variants=[v for v in (_v(r["variants"]) or "").split("|") if v])
    return sorted(out.values(), key=lambda o: (o.jurisdiction, o.label))


@router.get("/organs", response_model=list[OrganOut], summary="Órganos y cargos")
def list_organs(store: StoreDep, settings: SettingsDep,
                jurisdiction: str | None = Query(None, examples=["ve-heres"])) -> list[OrganOut]:
    return [o for o in _organs(store, settings.base_iri) if jurisdiction is None or o.jurisdiction == jurisdiction]


class Competence(BaseModel):
    text: str
    type: str
    action: str
    current: bool
    source: SourceRef


class DeadlineOut(BaseModel):
    iri: str
    iso: str | None
    amount: float
    unit: str | None
    trigger: str | None
    periodicity: str | None
    quote: str
    duty_action: str | None
    bearer: str | None
    bearer_label: str | None


class OrganDetail(OrganOut):
    children: list[str]
    competences: list[Competence]
    deadlines: list[DeadlineOut]


def _deadlines(store: Store) -> list[DeadlineOut]:
    out: dict[str, DeadlineOut] = {}
    for r in store.query(load("deadlines")):  # type: ignore[union-attr]
        iri = _v(r["deadline"]) or ""
        if iri in out:
            continue
        out[iri] = DeadlineOut(iri=iri, iso=_v(r["iso"]), amount=float(_v(r["amount"]) or 0), unit=_v(r["unit"]),
                               trigger=_v(r["trigger"]), periodicity=_v(r["periodicity"]), quote=_v(r["quote"]) or "",
                               duty_action=_v(r["action"]), bearer=_v(r["bearer"]), bearer_label=_v(r["bearerLabel"]))
    return sorted(out.values(), key=lambda d: d.iri)


@router.get("/organs/{organ_path:path}", response_model=OrganDetail,
            summary="Un órgano: competencias, plazos, jerarquía y fuentes")
def get_organ(organ_path: str, store: StoreDep, settings: SettingsDep) -> OrganDetail:
    organs = _organs(store, settings.base_iri)
    found = next((o for o in organs if o.id == organ_path), None)
    if found is None:
        raise HTTPException(status_code=404, detail=f"órgano no encontrado: {organ_path}")
    members = {found.iri} | {o.iri for o in organs if o.unit == found.iri}
    duties, _ = duty_index(store)
    today = date.today()
    competences = [Competence(
        text=d.quote, type=d.type, action=d.action, current=d.holds_on(today),
        source=SourceRef(work=d.work, article=d.article_number, numeral=d.number if d.part_type in ("numeral", "literal")
                         else None, iri=d.part, quote=d.quote, version=d.version,
                         valid_from=d.valid_from.isoformat() if d.valid_from else None,
                         valid_to=d.valid_to.isoformat() if d.valid_to else None))
        for d in duties if d.bearer in members]
    deadlines = [d for d in _deadlines(store) if d.bearer in members]
    children = sorted(o.iri for o in organs if o.parent == found.iri or o.unit == found.iri)
    return OrganDetail(**found.model_dump(), children=children, competences=competences, deadlines=deadlines)


@router.get("/deadlines", response_model=list[DeadlineOut], summary="Plazos, por órgano si se indica")
def list_deadlines(store: StoreDep, settings: SettingsDep,
                   organ: str | None = Query(None, description="id o IRI del órgano")) -> list[DeadlineOut]:
    items = _deadlines(store)
    if organ:
        iri = organ if organ.startswith("http") else settings.base_iri + organ
        items = [d for d in items if d.bearer == iri]
    return items
