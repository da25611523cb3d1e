"""Linked data: every IRI of the graph dereferences under the server.

``GET /akn/ve-heres/…~art_10`` answers with the triples about
``{base}akn/ve-heres/…~art_10`` in Turtle, N-Triples, RDF/XML or JSON-LD by
``Accept``; a browser (``text/html``) is sent to the human page when one
exists, else gets a readable HTML table.  Mounted last: it only answers
paths no other route claims.
"""

from __future__ import annotations

import html

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from query_api.deps import SettingsDep, StoreDep
from query_api.queries import load

router = APIRouter(tags=["linked data"])

_FORMATS = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
]
#: Path prefixes of the IRIs the build mints (see ontology/iri.py).
PREFIXES = ("akn/", "organ/", "post/", "source/", "graph/", "concept/", "duty/", "deadline/", "modification/",
            "citation/", "discrepancy/", "agent/")


def _choose(accept: str) -> tuple[str, ox.RdfFormat] | None:
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",") if part.strip()]
    for media in wanted:
        for name, fmt in _FORMATS:
            if media == name:
                return name, fmt
    if not wanted or any(m in ("*/*", "text/*") for m in wanted):
        return _FORMATS[0]
    return None


def human_page(iri: str, base: str) -> str | None:
    """The web page of a resource, when the interface has one (works, articles, organs)."""
    path = iri[len(base):]
    if path.startswith("akn/") and "/!main~art_" in path:
        work, portion = path[4:].split("/!main~", 1)
        work = work.split("/spa@", 1)[0]
        number = portion.split("__", 1)[0].removeprefix("art_")
        return f"/obras/{work}/articulos/{number}"
    if path.startswith("akn/") and "/!main" not in path:
        return f"/obras/{path[4:].split('/spa@', 1)[0]}"
    if path.startswith(("organ/", "post/")):
        return f"/organos/{path}"
    return None


def dereference(prefix: str, rest: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Triples about ``{base}{prefix}{rest}`` in the negotiated format."""
    iri = settings.base_iri + prefix + rest
    triples = list(store.query(load("describe"), substitutions={"s": ox.NamedNode(iri)}))  # type: ignore[arg-type]
    if not triples:
        raise HTTPException(status_code=404, detail=f"ningún recurso con el IRI {iri}")
    accept = request.headers.get("accept", "*/*")
    if "text/html" in accept:
        page = human_page(iri, settings.base_iri)
        if page and any(r.path.startswith("/obras") for r in request.app.routes if hasattr(r, "path")):
            return RedirectResponse(page, status_code=303)
        rows = "".join(f"<tr><td>{html.escape(t.predicate.value)}</td><td>{html.escape(str(t.object))}</td></tr>"
                       for t in triples if t.subject.value == iri)
        return HTMLResponse(f"<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><title>{html.escape(iri)}</title>"
                            f"<main><h1>{html.escape(iri)}</h1><table>{rows}</table></main></html>")
    chosen = _choose(accept)
    if chosen is None:
        raise HTTPException(status_code=406, detail="formatos: " + ", ".join(n for n, _ in _FORMATS))
    media, fmt = chosen
    body = ox.serialize(triples, format=fmt)
    return Response(body, media_type=media, headers={"Access-Control-Allow-Origin": "*", "Vary": "Accept"})


def _route(prefix: str) -> None:
    def handler(rest: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
        return dereference(prefix, rest, request, store, settings)

    router.add_api_route(f"/{prefix}{{rest:path}}", handler, methods=["GET"], include_in_schema=False)


for _prefix in PREFIXES:  # one route per IRI family: other paths stay free for other routers
    _route(_prefix)
