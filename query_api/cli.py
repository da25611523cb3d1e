"""The ``cabildo`` command: parse, build, serve and ask.

Each subcommand is a thin shell over a library function, so everything the
command does can be tested without a subprocess.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from extract.instruments import parse_source
from extract.sources import SourceError, discover, open_source
from extract.text import DecodeError
from extract.treejson import parsed_json


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the structure tree of one or more sources."""
    try:
        paths = discover([Path(p) for p in args.paths])
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = 0
    results = []
    for path in paths:
        try:
            parsed = parse_source(open_source(path, encoding=args.encoding))
        except (DecodeError, SourceError, OSError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            results.append(parsed_json(parsed, with_text=args.text))
        else:
            src = parsed.source
            print(f"{path}: {len(src.text):,} caracteres, jurisdicción {src.meta.jurisdiction or 'desconocida'}")
            for warning in parsed.warnings:
                print(f"  aviso: {warning}")
            for ins in parsed.instruments:
                arts = [a.number or "?" for a in ins.articles()]
                shown = ", ".join(arts[:12]) + (f", … ({len(arts)})" if len(arts) > 12 else "")
                print(f"  [{ins.type.value}] {ins.title or '(sin título)'}")
                if ins.gazette_number:
                    print(f"    {ins.gazette_name or 'Gaceta'} {ins.gazette_number} del {ins.publication_date or '?'}")
                print(f"    artículos: {shown or '—'}")
    if args.json:
        json.dump(results[0] if len(results) == 1 else results, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return status


def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge base into a new store generation and swap it in."""
    from extract.build import build, stderr_progress
    from query_api.settings import Settings

    settings = Settings.from_env()
    store_dir = Path(args.store or settings.store_dir)
    try:
        summary = build([Path(p) for p in args.paths], store_dir=store_dir, base=settings.base_iri,
                        encoding=args.encoding, progress=None if args.quiet else stderr_progress())
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"generación {summary.generation} en {store_dir}")
    for line in summary.lines():
        print(line)
    return 1 if summary.refused else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API and the SPARQL endpoint with uvicorn."""
    import os

    import uvicorn

    if args.store:
        os.environ["CABILDO_STORE_DIR"] = args.store
    from query_api.app import create_app

    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cabildo", description="Base de conocimiento de derecho municipal.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="muestra la estructura de un texto (instrumentos, artículos, spans)")
    p.add_argument("paths", nargs="+", help="archivos .txt o directorios")
    p.add_argument("--json", action="store_true", help="árbol completo en JSON")
    p.add_argument("--text", action="store_true", help="con --json: incluye el texto de cada hoja")
    p.add_argument("--encoding", default=None, help="codificación si no es UTF-8 (p. ej. latin-1)")
    p.set_defaults(func=cmd_parse)
    b = sub.add_parser("build", help="construye la base de conocimiento desde fuentes .txt")
    b.add_argument("paths", nargs="*", default=["corpus"], help="archivos o directorios (por defecto corpus/)")
    b.add_argument("--store", default=None, help="directorio del almacén (por defecto CABILDO_STORE_DIR o var/store)")
    b.add_argument("--encoding", default=None, help="codificación si no es UTF-8")
    b.add_argument("--quiet", action="store_true", help="sin barra de progreso")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="sirve la API, el punto SPARQL y las páginas")
    s.add_argument("--store", default=None, help="directorio del almacén")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


def _register_readers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    from query_api.audit import register_cli
    from query_api.commands import register

    register(sub)
    register_cli(sub)


# Other modules add their subcommands here.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_register_readers]  # type: ignore[type-arg,unused-ignore]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except BrokenPipeError:  # `cabildo parse … | head`
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
