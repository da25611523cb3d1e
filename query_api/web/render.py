"""Jinja2 environment of the pages: autoescaped templates, Spanish labels and filters.

Autoescape is on for every template, so text from the corpus or from the
query string can never become markup; the only markup built in Python (SVG
of the organ chart and the timeline) escapes its own text.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: ISO 3166 codes of the Spanish-speaking countries, for readable jurisdiction names.
COUNTRIES = {
    "ar": "Argentina", "bo": "Bolivia", "cl": "Chile", "co": "Colombia", "cr": "Costa Rica", "cu": "Cuba",
    "do": "República Dominicana", "ec": "Ecuador", "es": "España", "gq": "Guinea Ecuatorial", "gt": "Guatemala",
    "hn": "Honduras", "mx": "México", "ni": "Nicaragua", "pa": "Panamá", "pe": "Perú", "pr": "Puerto Rico",
    "py": "Paraguay", "sv": "El Salvador", "uy": "Uruguay", "ve": "Venezuela",
}
STATUS = {"in_force": "vigente", "repealed": "derogado", "not_yet_in_force": "aún no vigente",
          "unknown": "desconocido"}
MODIFICATIONS = {"original": "texto original", "substitution": "sustitución", "repeal": "derogación",
                 "insertion": "inserción", "renumbering": "renumeración", "termSubstitution": "sustitución de término",
                 "renumberAll": "renumeración general"}
DUTY_TYPES = {"obligation": "obligación", "power": "atribución", "prohibition": "prohibición"}
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
UNITS = {"day": "días", "business_day": "días hábiles", "week": "semanas", "month": "meses", "year": "años",
         "hour": "horas"}


def jurisdiction_label(code: str | None) -> str:
    """'ve-heres' -> 'Heres (Venezuela)'; 'ec' -> 'Ecuador'."""
    if not code:
        return "jurisdicción desconocida"
    country, _, place = code.partition("-")
    name = COUNTRIES.get(country, country.upper())
    if not place:
        return name
    return f"{' '.join(w.capitalize() for w in place.split('-'))} ({name})"


def long_date(value: str | date | None) -> str:
    """'2007-02-01' -> '1 de febrero de 2007' (partial or odd values are shown as given)."""
    if value is None or value == "":
        return "fecha desconocida"
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


def humanise(code: str | None) -> str:
    """'reforma-parcial' -> 'Reforma parcial'."""
    text = (code or "").replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "svg"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(jurisdiction=jurisdiction_label, long_date=long_date, humanise=humanise,
                       status=lambda s: STATUS.get(s or "unknown", s or "desconocido"),
                       modification=lambda m: MODIFICATIONS.get(m or "", m or ""),
                       duty_type=lambda t: DUTY_TYPES.get(t or "", t or ""),
                       unit=lambda u: UNITS.get(u or "", u or ""))
    return env


def render_page(request: Request, template: str, *, status_code: int = 200, title: str,
                **context: Any) -> HTMLResponse:
    """One page: the template inside the site layout, with the request path for the navigation."""
    html = environment().get_template(template).render(request_path=request.url.path, title=title,
                                                         standalone=False, **context)
    return HTMLResponse(html, status_code=status_code)


def render_standalone(template: str, **context: Any) -> str:
    """A self-contained page (CSS inline, no server needed), e.g. the audit report file."""
    css = Markup((STATIC / "site.css").read_text(encoding="utf-8"))  # our own file, not user input
    return environment().get_template(template).render(standalone=True, inline_css=css, request_path="",
                                                       **context)
