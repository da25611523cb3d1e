"""The Spanish pages: home box, works, articles in time, organs, answers, console, chart, audit.

Every page calls the same service functions as the JSON API (works, articles,
search, organs routes), so the pages never answer differently from the API.
Bad input (unknown work, a date that is not a date, hostile text) gives a
page with a 4xx status and a Spanish explanation, never a server error.
"""

from __future__ import annotations

import functools
import mimetypes
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Callable
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from extract.lines import normalise_number
from query_api import audit as audit_mod
from query_api.deps import get_settings
from query_api.queries import load
from query_api.routes import articles as articles_api
from query_api.routes import organs as organs_api
from query_api.routes import search as search_api
from query_api.routes import works as works_api
from query_api.settings import Settings
from query_api.store import Store, StoreQueryError, StoreUnavailable
from query_api.web import console, intent, links, timeline
from query_api.web.orgchart import Node, layout
from query_api.web.render import STATIC, jurisdiction_label, render_page

router = APIRouter(include_in_schema=False)

MAX_Q = 500  # longest accepted box input, as in the JSON API


def optional_store(request: Request) -> Store | None:
    store: Store | None = getattr(request.app.state, "store", None)
    return store


PageStore = Annotated[Store | None, Depends(optional_store)]
PageSettings = Annotated[Settings, Depends(get_settings)]


class PageError(Exception):
    """A page that cannot be shown, with the status and the Spanish reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def html_errors(fn: Callable[..., Response]) -> Callable[..., Response]:
    """Turn the service layer's errors into an error page of the same status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        try:
            return fn(*args, **kwargs)
        except PageError as exc:
            return error_page(request, exc.status, exc.message)
        except HTTPException as exc:
            return error_page(request, exc.status_code, str(exc.detail))
        except StoreUnavailable:
            return error_page(request, 503, "La base de conocimiento no está disponible (¿se ejecutó «cabildo build»?).")
        except StoreQueryError as exc:
            return error_page(request, 400, f"La consulta no se pudo responder: {exc}")

    return wrapper


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {400: "Petición no válida", 404: "No encontrado", 503: "Servicio no disponible"}
    return render_page(request, "error.html", status_code=status, title=titles.get(status, "Error"),
                       status=status, message=message)


def need_store(store: Store | None) -> Store:
    if store is None:
        raise PageError(503, "La base de conocimiento no está construida todavía (ejecute «cabildo build»).")
    return store


def parse_date(value: str | None, field: str = "fecha") -> date | None:
    """A YYYY-MM-DD date from the query string, or a 400 page saying what was wrong."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PageError(400, f"«{value[:40]}» no es una fecha válida para «{field}»: use el formato AAAA-MM-DD.") from None


def check_text(q: str) -> str:
    text = " ".join(q.split())
    if len(text) > MAX_Q:
        raise PageError(400, f"El texto es demasiado largo ({len(text)} caracteres; máximo {MAX_Q}).")
    return text


# ------------------------------------------------------------------ static


_STATIC_FILES = {p.name: p for p in STATIC.iterdir() if p.is_file()} if STATIC.is_dir() else {}


@router.get("/static/{name}")
def static(name: str) -> Response:
    """Our own CSS, JS and icons (no CDN: the pages work offline)."""
    path = _STATIC_FILES.get(name)
    if path is None:
        return Response("no encontrado", status_code=404, media_type="text/plain; charset=utf-8")
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if media.startswith("text/") or media in ("application/javascript", "image/svg+xml"):
        media += "; charset=utf-8"
    return Response(path.read_bytes(), media_type=media, headers={"Cache-Control": "public, max-age=3600"})


# -------------------------------------------------------------------- home


@router.get("/", response_class=HTMLResponse)
@html_errors
def home(request: Request, store: PageStore, settings: PageSettings) -> Response:
    counts: dict[str, int] = {}
    examples: list[tuple[str, str]] = []
    if store is not None:
        try:
            works = works_api.list_works(store, settings, jurisdiction=None, type=None)
            organs = organs_api.list_organs(store, settings, jurisdiction=None)
            passages = search_api.corpus_index(store).items
            counts = {"obras": len(works), "artículos vigentes": sum(1 for p in passages if p.number),
                      "órganos y cargos": len(organs)}
            examples = _examples(store, works)
        except StoreUnavailable:
            store = None
    return render_page(request, "home.html", title="Inicio", counts=counts, examples=examples,
                       ready=store is not None)


def _examples(store: Store, works: list[works_api.WorkPublic]) -> list[tuple[str, str]]:
    """One example of each kind of input, made from what the store holds."""
    out = []
    duties, _ = organs_api.duty_index(store)
    today = date.today()
    ranked = sorted((d for d in duties if d.holds_on(today) and d.object and 3 <= len(d.object.split()) <= 7),
                    key=lambda d: (-d.confidence, d.iri))
    if ranked:
        d = ranked[0]
        out.append(("Pregunta", f"¿Quién debe {d.action} {d.object.rstrip('.;:,')}?"))  # type: ignore[union-attr]
    passages = search_api.corpus_index(store).items
    titled = [p for p in passages if p.number and p.work_title]
    if titled:
        p = min(titled, key=lambda p: (len(p.work_title or ""), p.work, p.version))
        out.append(("Artículo", f"artículo {p.number} de la {(p.work_title or '').lower()}"))
        words = [w for w in re.findall(r"\w{6,}", p.text.lower())][:2]
        if words:
            out.append(("Palabras", " ".join(words)))
    return out


@router.get("/ir")
@html_errors
def go(request: Request, store: PageStore, settings: PageSettings, q: str = "") -> Response:
    """Where the home box sends its input: answers, an article page or search results."""
    text = check_text(q)
    if not text:
        return RedirectResponse("/", status_code=303)
    found = intent.classify(text)
    if found.kind == "question":
        return RedirectResponse("/preguntas?" + urlencode({"q": text}), status_code=303)
    if found.kind == "article" and found.number:
        target = _resolve_article(need_store(store), settings, found)
        if target is not None:
            return RedirectResponse(target, status_code=303)
        return RedirectResponse("/buscar?" + urlencode({"q": text, "ref": "1"}), status_code=303)
    return RedirectResponse("/buscar?" + urlencode({"q": text}), status_code=303)


def _resolve_article(store: Store, settings: Settings, found: intent.Intent) -> str | None:
    if not found.work_words or not found.number:
        return None
    works = works_api.list_works(store, settings, jurisdiction=None, type=None)
    candidates = intent.rank_works(found.work_words, ((w.id, w.title, w.type) for w in works))
    for c in candidates[:5]:
        try:
            articles_api.answer_article(store, settings.base_iri, c.id, found.number, date.today())
        except HTTPException:
            continue
        return f"/obras/{quote(c.id, safe='/')}/articulos/{quote(normalise_number(found.number), safe='')}"
    return None


# -------------------------------------------------------------- search, answers


@router.get("/buscar", response_class=HTMLResponse)
@html_errors
def search_page(request: Request, store: PageStore, q: str = "", ref: str = "") -> Response:
    text = check_text(q)
    hits: list[search_api.SearchHit] = []
    if text:
        hits = search_api.search(need_store(store), q=text, jurisdiction=None, limit=25).hits
    numbers = links.current_numbers(store) if store is not None and hits else {}
    rows = [(h, links.article_href(h.iri, _base(request), numbers) or links.work_href(h.work, _base(request)))
            for h in hits]
    return render_page(request, "search.html", title=f"Búsqueda: {text}" if text else "Búsqueda", q=text,
                       rows=rows, unresolved_ref=bool(ref))


def _base(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return settings.base_iri


@router.get("/preguntas", response_class=HTMLResponse)
@html_errors
def answers_page(request: Request, store: PageStore, settings: PageSettings, q: str = "",
                 fecha: str | None = None) -> Response:
    text = check_text(q)
    when = parse_date(fecha) or date.today()
    result = None
    rows = []
    if text:
        st = need_store(store)
        result = organs_api.responsible(st, settings.base_iri, text, when=when, limit=10)
        numbers = links.current_numbers(st)
        titles = _titles(st, settings)
        for a in result.answers:
            at = None if a.source.valid_to is None else a.source.valid_from
            rows.append({"answer": a, "organ_href": links.organ_href(a.organ.iri, settings.base_iri),
                         "article_href": links.article_href(a.source.iri, settings.base_iri, numbers, at=at),
                         "work_title": titles.get(a.source.work or "", a.source.work or "")})
    return render_page(request, "answers.html", title=f"Respuestas: {text}" if text else "Preguntas", q=text,
                       result=result, rows=rows, fecha=fecha if fecha else "", when=when)


def _titles(store: Store, settings: Settings) -> dict[str, str]:
    return {w.iri: w.title or w.id for w in works_api.list_works(store, settings, jurisdiction=None, type=None)}


# ------------------------------------------------------------------------ works


@router.get("/obras", response_class=HTMLResponse)
@html_errors
def works_page(request: Request, store: PageStore, settings: PageSettings) -> Response:
    works = works_api.list_works(need_store(store), settings, jurisdiction=None, type=None)
    grouped: dict[str, dict[str, list[works_api.WorkPublic]]] = defaultdict(lambda: defaultdict(list))
    for w in works:
        grouped[w.jurisdiction][w.type].append(w)
    groups = [(j, sorted(types.items())) for j, types in sorted(grouped.items(), key=lambda kv: jurisdiction_label(kv[0]))]
    return render_page(request, "works.html", title="Obras", groups=groups, total=len(works))


@dataclass
class TocRow:
    number: str | None
    heading: str | None
    status: str
    href: str | None
    badges: list[str]


#: Badges of the table of contents, from the kinds of modification that produced an article's versions.
REFORMED = frozenset({"substitution", "termSubstitution", "renumbering", "renumberAll"})


def article_badges(store: Store, work_iri: str) -> dict[str, list[str]]:
    """Article IRI -> badges (reformado, derogado, insertado, renumerado, discrepancia), from the graph."""
    kinds: dict[str, set[str]] = defaultdict(set)
    statuses: dict[str, str] = {}
    versions: dict[str, set[str]] = defaultdict(set)
    disputed: set[str] = set()
    for r in store.query(load("audit_article_changes"), substitutions={"work": ox.NamedNode(work_iri)}):  # type: ignore[union-attr]
        article = r["article"].value
        versions[article].add(r["version"].value)
        statuses[article] = r["status"].value if r["status"] is not None else "unknown"
        if r["modType"] is not None:
            kinds[article].add(r["modType"].value)
        if r["discrepancy"] is not None:
            disputed.add(article)
    out: dict[str, list[str]] = {}
    for article in statuses:
        badges = []
        repealed_only = statuses[article] == "repealed" and len(versions[article]) <= 2
        if kinds[article] & REFORMED or (len(versions[article]) > 1 and not repealed_only
                                         and "insertion" not in kinds[article]):
            badges.append("reformado")
        if kinds[article] & {"renumbering", "renumberAll"}:
            badges.append("renumerado")
        if "insertion" in kinds[article]:
            badges.append("insertado")
        if statuses[article] == "repealed" or "repeal" in kinds[article]:
            badges.append("derogado")
        if article in disputed:
            badges.append("discrepancia")
        out[article] = badges
    return out


@router.get("/obras/{work_id:path}/articulos/{number}", response_class=HTMLResponse)
@html_errors
def article_page(request: Request, work_id: str, number: str, store: PageStore, settings: PageSettings,
                 fecha: str | None = None) -> Response:
    st = need_store(store)
    base = settings.base_iri
    when = parse_date(fecha)
    day = when or date.today()
    if len(number) > 40:
        raise PageError(400, "El número de artículo no es válido.")
    work = works_api.get_work(work_id, st, settings)
    work_iri, article_iri, answer = articles_api.answer_article(st, base, work_id, number, day)
    history = articles_api.article_history(work_id, number, st, settings)
    numbers = links.current_numbers(st)
    titles = _titles(st, settings)
    versions = []
    bars, ticks = timeline.bars([(v.valid_from, v.valid_to) for v in history.versions], date.today())
    for k, (v, bar) in enumerate(zip(history.versions, bars), 1):
        intro = v.introduced_by
        intro_href = None
        intro_title = None
        if intro is not None and intro.article:
            intro_href = links.article_href(intro.article, base, numbers)
        if intro is not None and intro.work and intro.work != work_iri:
            intro_title = titles.get(intro.work, links.work_id(intro.work, base))
            found = links.article_of(intro.article) if intro.article else None
            if found is not None:
                intro_title = f"artículo {links.article_number(found[0], numbers)} de {intro_title}"
            intro_href = intro_href or links.work_href(intro.work, base)
        versions.append({"n": k, "v": v, "bar": bar, "intro_href": intro_href, "intro_title": intro_title,
                         "current": answer.version is not None and answer.version.iri == v.version})
    duties, _ = organs_api.duty_index(st)
    competences = [d for d in duties if d.article == article_iri]
    competences.sort(key=lambda d: (not d.holds_on(day), d.part, d.iri))
    disc = [d for d in search_api.discrepancies(st, work=work_iri) if d.article == article_iri]
    shown = answer.version
    text = shown.text if shown is not None and answer.status in ("in_force", "unknown") else None
    eid = article_iri.rsplit("~", 1)[-1]
    shown_number = normalise_number(number)
    return render_page(
        request, "article.html", title=f"Artículo {shown_number} — {work.title or work.id}", work=work,
        work_href=links.work_href(work_iri, base), number=shown_number, answer=answer, text=text,
        paragraphs=_paragraphs(text or "", eid), fecha=when.isoformat() if when else "", day=day,
        versions=versions, ticks=ticks, article_iri=article_iri, competences=competences, discrepancies=disc,
        organ_href=lambda iri: links.organ_href(iri, base),
        part_anchor=lambda iri: iri.rsplit("~", 1)[-1],
        api_href=f"/api/works/{quote(work.id, safe='/')}/articles/{quote(shown_number, safe='')}"
                 + (f"?at={when.isoformat()}" if when else ""))


_ITEM = re.compile(r"^\s*(?P<n>\d{1,3}|[a-zñ])\s*(?:[.)°º]|-(?!\d))", re.IGNORECASE)


def _paragraphs(text: str, eid: str) -> list[tuple[str | None, str]]:
    """Lines of an article's text; numbered lines get the anchor of their numeral or literal."""
    out: list[tuple[str | None, str]] = []
    seen: set[str] = set()
    for line in re.split(r"\n\s*\n|\n", text):
        line = " ".join(line.split())
        if not line:
            continue
        m = _ITEM.match(line)
        anchor = None
        if m:
            n = m.group("n").lower()
            anchor = f"{eid}__point_{n}" if n.isdigit() else f"{eid}__item_{n}"
            if anchor in seen:
                anchor = None
            else:
                seen.add(anchor)
        out.append((anchor, line))
    return out


@router.get("/obras/{work_id:path}", response_class=HTMLResponse)
@html_errors
def work_page(request: Request, work_id: str, store: PageStore, settings: PageSettings) -> Response:
    st = need_store(store)
    work = works_api.get_work(work_id, st, settings)
    badges = article_badges(st, work.iri)
    base = settings.base_iri
    rows = []
    for a in work.articles:
        href = (f"{links.work_href(work.iri, base)}/articulos/{quote(a.number, safe='')}" if a.number else None)
        rows.append(TocRow(a.number, a.heading, a.status, href, badges.get(a.iri, [])))
    body = None
    if not work.articles:
        body = next((p.text for p in search_api.corpus_index(st).items if p.part == work.iri), None)
    titles = _titles(st, settings)
    amended_by = [(titles.get(r, links.work_id(r, base)), links.work_href(r, base)) for r in work.amended_by]
    counts = {b: sum(1 for r in rows if b in r.badges) for b in ("reformado", "derogado", "insertado", "discrepancia")}
    return render_page(request, "work.html", title=work.title or work.id, work=work, rows=rows, body=body,
                       amended_by=amended_by, counts=counts)


# ----------------------------------------------------------------------- organs


@router.get("/organos", response_class=HTMLResponse)
@html_errors
def organs_page(request: Request, store: PageStore, settings: PageSettings, jurisdiccion: str = "") -> Response:
    st = need_store(store)
    organs = organs_api.list_organs(st, settings, jurisdiction=jurisdiccion or None)
    duties, _ = organs_api.duty_index(st)
    today = date.today()
    held: dict[str, int] = defaultdict(int)
    for d in duties:
        if d.holds_on(today):
            held[d.bearer] += 1
            if d.unit:
                held[d.unit] += 1
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels = {o.iri: o.label for o in organs}
    for o in organs:
        grouped[o.jurisdiction].append({"o": o, "href": links.organ_href(o.iri, settings.base_iri),
                                        "count": held.get(o.iri, 0),
                                        "parent": labels.get(o.parent or o.unit or "", "")})
    groups = sorted(grouped.items(), key=lambda kv: jurisdiction_label(kv[0]))
    return render_page(request, "organs.html", title="Órganos y cargos", groups=groups, total=len(organs),
                       jurisdiccion=jurisdiccion)


@router.get("/organos/{organ_path:path}", response_class=HTMLResponse)
@html_errors
def organ_page(request: Request, organ_path: str, store: PageStore, settings: PageSettings) -> Response:
    st = need_store(store)
    base = settings.base_iri
    detail = organs_api.get_organ(organ_path, st, settings)
    all_organs = {o.iri: o for o in organs_api.list_organs(st, settings, jurisdiction=None)}
    numbers = links.current_numbers(st)
    subjects = _subjects(st)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    history: list[dict[str, Any]] = []
    sources: dict[str, str] = {}
    for c in detail.competences:
        at = c.source.valid_from if not c.current else None
        href = links.article_href(c.source.iri, base, numbers, at=at)
        item = {"c": c, "href": href, "subjects": subjects.get((c.source.iri, c.action), [])}
        if c.current:  # by action: the verb lemma is read reliably; subjects are shown as tags
            groups[c.action].append(item)
        else:
            history.append(item)
        found = links.article_of(c.source.iri)
        if found is not None and href:
            sources[href.split("#")[0].split("?")[0]] = f"art. {links.article_number(found[0], numbers)}"
    deadlines = [(dl, dl.bearer_label) for dl in detail.deadlines]

    def ref(iri: str | None) -> dict[str, str] | None:
        if not iri:
            return None
        o = all_organs.get(iri)
        return {"label": o.label if o else iri, "href": links.organ_href(iri, base)}

    parent_iris = sorted({r["parent"].value for r in st.query(load("organs"))  # type: ignore[union-attr]
                          if r["organ"].value == detail.iri and r["parent"] is not None})
    parents = [ref(p) for p in parent_iris]
    return render_page(
        request, "organ.html", title=detail.label, organ=detail, groups=sorted(groups.items()), history=history,
        deadlines=deadlines, parents=parents, unit=ref(detail.unit),
        children=[ref(c) for c in detail.children], sources=sorted(sources.items(), key=lambda kv: kv[1]),
        chart_href=f"/organigrama/{quote(detail.jurisdiction, safe='')}")


def _subjects(store: Store) -> dict[tuple[str, str], list[str]]:
    """(part IRI, action) of each duty -> its subject labels (duties are keyed by their source and verb)."""
    duties, _ = organs_api.duty_index(store)
    by_iri = {d.iri: (d.part, d.action) for d in duties}
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in store.query(load("duty_subjects")):  # type: ignore[union-attr]
        key = by_iri.get(r["duty"].value)
        label = r["label"].value
        if key is not None and label not in out[key]:
            out[key].append(label)
    return out


# ------------------------------------------------------------------ org chart


@router.get("/organigrama", response_class=HTMLResponse)
@html_errors
def charts_page(request: Request, store: PageStore, settings: PageSettings) -> Response:
    organs = organs_api.list_organs(need_store(store), settings, jurisdiction=None)
    juris = sorted({o.jurisdiction for o in organs}, key=jurisdiction_label)
    return render_page(request, "charts.html", title="Organigramas", jurisdictions=juris)


@router.get("/organigrama/{jurisdiction}", response_class=HTMLResponse)
@html_errors
def chart_page(request: Request, jurisdiction: str, store: PageStore, settings: PageSettings) -> Response:
    st = need_store(store)
    base = settings.base_iri
    organs = organs_api.list_organs(st, settings, jurisdiction=jurisdiction)
    if not organs:
        raise PageError(404, f"No hay órganos de la jurisdicción «{jurisdiction[:60]}» en la base de conocimiento.")
    by_iri = {o.iri: o for o in organs}
    parents: dict[str, set[str]] = defaultdict(set)
    for r in st.query(load("organs")):  # type: ignore[union-attr]
        if r["organ"].value in by_iri and r["parent"] is not None and r["parent"].value in by_iri:
            parents[r["organ"].value].add(r["parent"].value)
    in_tree = {c for c, ps in parents.items() if ps} | {p for ps in parents.values() for p in ps}
    nodes = {iri: Node(iri, by_iri[iri].label, links.organ_href(iri, base), parents=sorted(parents.get(iri, ())))
             for iri in in_tree if by_iri[iri].kind == "organ"}
    for o in organs:
        if o.kind == "post" and o.unit in nodes:
            nodes[o.unit].posts.append(o.label)
    chart = layout(nodes)
    outside = [{"label": o.label, "href": links.organ_href(o.iri, base), "kind": o.kind,
                "unit": by_iri[o.unit].label if o.unit in by_iri else None}
               for o in organs if o.iri not in nodes and not (o.kind == "post" and o.unit in nodes)]
    tree = [_tree(r.iri, chart.nodes, set()) for r in chart.roots]
    conflicts = [(chart.nodes[c].label, chart.nodes[p].label) for c, p in chart.extra_edges]
    return render_page(request, "chart.html", title=f"Organigrama — {jurisdiction_label(jurisdiction)}",
                       jurisdiction=jurisdiction, svg=chart.svg, tree=tree, outside=outside, conflicts=conflicts,
                       empty=not nodes)


def _tree(iri: str, nodes: dict[str, Node], seen: set[str]) -> dict[str, Any]:
    seen = seen | {iri}
    n = nodes[iri]
    kids = sorted((k for k in nodes.values() if iri in k.parents and k.iri not in seen), key=lambda k: k.label.lower())
    return {"label": n.label, "href": n.href, "posts": n.posts, "children": [_tree(k.iri, nodes, seen) for k in kids]}


# ---------------------------------------------------------------------- console


@router.get("/sparql-consola", response_class=HTMLResponse)
@html_errors
def console_page(request: Request, store: PageStore, settings: PageSettings) -> Response:
    examples = console.examples(need_store(store), settings.base_iri)
    first = examples[0].query if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    return render_page(request, "console.html", title="Consola SPARQL", examples=examples, first=first)


# ------------------------------------------------------------------------ audit


@router.get("/auditoria", response_class=HTMLResponse)
@html_errors
def audit_page(request: Request, store: PageStore, settings: PageSettings, tipo: str = "", gravedad: str = "",
               jurisdiccion: str = "") -> Response:
    st = need_store(store)
    if tipo and tipo not in audit_mod.KINDS:
        raise PageError(400, "Tipo de hallazgo desconocido.")
    if gravedad and gravedad not in audit_mod.SEVERITIES:
        raise PageError(400, "Gravedad desconocida (alta, media o baja: high, medium, low).")
    findings = audit_mod.cached_audit(st, settings.base_iri)
    juris = sorted({f.jurisdiction for f in findings if f.jurisdiction}, key=jurisdiction_label)
    shown = audit_mod.select(findings, kind=tipo or None, severity=gravedad or None,
                             jurisdiction=jurisdiccion or None)
    by_kind = [(k, label, [f for f in shown if f.kind == k]) for k, label in audit_mod.KINDS.items()]
    return render_page(request, "audit.html", title="Auditoría de competencias", by_kind=by_kind,
                       summary=audit_mod.summary(shown), all_summary=audit_mod.summary(findings),
                       kinds=audit_mod.KINDS, severities=audit_mod.SEVERITY_LABELS, jurisdictions=juris,
                       tipo=tipo, gravedad=gravedad, jurisdiccion=jurisdiccion, total=len(findings))
