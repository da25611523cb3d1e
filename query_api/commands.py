"""Subcommands that read the built knowledge base: export, article, ask, discrepancies.

They call the same functions as the HTTP routes, over the embedded store, so
the command line and the API never disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException

from query_api.settings import Settings
from query_api.store import EmbeddedStore, StoreUnavailable

_RDF_FORMATS = {"ttl": ox.RdfFormat.TRIG, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
                "jsonld": ox.RdfFormat.JSON_LD}


def _store(args: argparse.Namespace) -> tuple[EmbeddedStore, Settings]:
    settings = Settings.from_env()
    store_dir = args.store or settings.store_dir
    return EmbeddedStore(store_dir, base_iri=settings.base_iri), settings


def _print(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
    print()


def cmd_export(args: argparse.Namespace) -> int:
    """Dump the whole graph (TriG/N-Quads/JSON-LD) or write Akoma Ntoso XML per work."""
    settings = Settings.from_env()
    if args.format == "akn":
        from extract.akn import export_akn

        out_dir = Path(args.out or "akn")
        written = export_akn([Path(p) for p in args.sources], work=args.work, out_dir=out_dir, base=settings.base_iri)
        for path in written:
            print(path)
        return 0 if written else 1
    store_dir = Path(args.store or settings.store_dir)
    current = store_dir / "current"
    if not current.exists():
        print(f"error: no hay almacén en {store_dir} (ejecute `cabildo build`)", file=sys.stderr)
        return 2
    store = ox.Store.read_only(str(current))
    fmt = _RDF_FORMATS[args.format]
    if args.out:
        with open(args.out, "wb") as fh:
            store.dump(fh, format=fmt)
    else:
        store.dump(sys.stdout.buffer, format=fmt)
    return 0


def cmd_article(args: argparse.Namespace) -> int:
    """Text of article N of a work now, at a date, or its history."""
    from query_api.routes.articles import ArticleAnswer, answer_article, article_history

    try:
        store, settings = _store(args)
        when = date.fromisoformat(args.at) if args.at else date.today()
        if args.history:
            hist = article_history(args.work, args.number, store, settings)
            if args.json:
                _print(hist.model_dump())
            else:
                for item in hist.versions:
                    span = f"{item.valid_from or '¿?'} → {item.valid_to or 'hoy'}"
                    print(f"[{span}] {item.status}  {((item.introduced_by and item.introduced_by.work) or '')}")
                    print(f"   {(item.text or (item.notes[0] if item.notes else '(texto desconocido)'))[:300]}")
            return 0
        work, article, ans = answer_article(store, settings.base_iri, args.work, args.number, when)
    except HTTPException as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    except (StoreUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    v = ans.version
    if args.json:
        _print(ArticleAnswer(work=work, number=args.number, status=ans.status,
                             text=v.text if v and ans.status in ("in_force", "unknown") else None,
                             heading=v.heading if v else None,
                             valid_from=str(v.valid_from) if v and v.valid_from else None,
                             valid_to=str(v.valid_to) if v and v.valid_to else None, introduced_by=None,
                             notes=ans.notes, iri=article, version=v.iri if v else None,
                             at=when.isoformat()).model_dump())
        return 0
    print(f"Artículo {args.number} — {ans.status} al {when.isoformat()}")
    if v is not None and v.text and ans.status in ("in_force", "unknown"):
        print(v.text)
    for note in ans.notes:
        print(f"nota: {note}")
    print(f"fuente: {v.iri if v else article}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Who is responsible for X."""
    from query_api.routes.organs import responsible

    try:
        store, settings = _store(args)
        when = date.fromisoformat(args.at) if args.at else date.today()
        out = responsible(store, settings.base_iri, args.question, when=when, jurisdiction=args.jurisdiction)
    except (StoreUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print(out.model_dump())
        return 0
    if not out.answers:
        print(out.note or "no encontrado")
        return 0
    for k, a in enumerate(out.answers, 1):
        where = f"art. {a.source.article}" + (f", num. {a.source.numeral}" if a.source.numeral else "")
        print(f"{k}. {a.organ.label}  ({a.duty.type}, {where})")
        print(f"   «{' '.join(a.source.quote.split())[:300]}»")
        print(f"   {a.source.iri}")
    return 0


def cmd_discrepancies(args: argparse.Namespace) -> int:
    """What printed texts and reforms disagree on, with both texts."""
    from query_api.routes.search import discrepancies

    try:
        store, _settings = _store(args)
        found = discrepancies(store, work=None)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print([d.model_dump() for d in found])
        return 0
    for d in found:
        print(f"[{d.kind}] art. {d.number or '?'} — {d.source}:{d.start}-{d.end}")
        if d.printed_text:
            print(f"   impreso:  {' '.join(d.printed_text.split())[:200]}")
        if d.computed_text:
            print(f"   calculado: {' '.join(d.computed_text.split())[:200]}")
        if d.detail:
            print(f"   {d.detail}")
    print(f"{len(found)} discrepancias")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    e = sub.add_parser("export", help="exporta el grafo (ttl, nq, jsonld) o Akoma Ntoso (akn)")
    e.add_argument("--format", choices=["ttl", "trig", "nq", "jsonld", "akn"], default="ttl")
    e.add_argument("work", nargs="?", default=None, help="con --format akn: parte del IRI de la obra")
    e.add_argument("--out", default=None, help="archivo (rdf) o directorio (akn)")
    e.add_argument("--sources", nargs="*", default=["corpus"], help="con --format akn: fuentes (por defecto corpus/)")
    e.add_argument("--store", default=None)
    e.set_defaults(func=cmd_export)
    a = sub.add_parser("article", help="texto de un artículo hoy, en una fecha, o su historia")
    a.add_argument("work", help="id de la obra (p. ej. ve-heres/act/ordenanza/…) o su IRI")
    a.add_argument("number")
    a.add_argument("--at", default=None, help="fecha AAAA-MM-DD")
    a.add_argument("--history", action="store_true")
    a.add_argument("--json", action="store_true")
    a.add_argument("--store", default=None)
    a.set_defaults(func=cmd_article)
    q = sub.add_parser("ask", help="¿quién es responsable de…?")
    q.add_argument("question")
    q.add_argument("--at", default=None)
    q.add_argument("--jurisdiction", default=None)
    q.add_argument("--json", action="store_true")
    q.add_argument("--store", default=None)
    q.set_defaults(func=cmd_ask)
    d = sub.add_parser("discrepancies", help="discrepancias entre textos impresos y reformas")
    d.add_argument("--json", action="store_true")
    d.add_argument("--store", default=None)
    d.set_defaults(func=cmd_discrepancies)
