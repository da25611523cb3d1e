"""Stable page URLs for graph IRIs: works, articles (and their parts) and organs.

Why one module: the pages, the audit report and the linked-data dereferencer
must agree on where an IRI is shown; every link is built here.  Article pages
are addressed by the work id and the article's *current* number (what a
lawyer cites), so the number of each article is read once per store
generation from the lead's ``current_numbers`` query.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import quote

from ontology.iri import parse_akn
from query_api.queries import load
from query_api.store import Store

_lock = threading.Lock()
_numbers: dict[str, dict[str, str]] = {}
_EID_NUMBER = re.compile(r"^art_(?P<n>[0-9a-z]+(?:-[0-9a-z]+)*)$")


def current_numbers(store: Store) -> dict[str, str]:
    """Article (and part) IRI -> the number of its open-ended version, per generation."""
    generation = store.generation()
    with _lock:
        cached = _numbers.get(generation)
        if cached is None:
            cached = {}
            for row in store.query(load("current_numbers")):  # type: ignore[union-attr]
                part, number = row["part"], row["number"]
                if part is not None and number is not None:
                    cached[part.value] = number.value
            _numbers.clear()
            _numbers[generation] = cached
        return cached


def work_id(work_iri: str, base: str) -> str:
    """The path of a work IRI under ``{base}akn/`` (same rule as the JSON API)."""
    prefix = base + "akn/"
    return work_iri[len(prefix):] if work_iri.startswith(prefix) else work_iri


def work_href(work_iri: str, base: str) -> str:
    return "/obras/" + quote(work_id(work_iri, base), safe="/@~!")


def organ_id(organ_iri: str, base: str) -> str:
    return organ_iri[len(base):] if organ_iri.startswith(base) else organ_iri


def organ_href(organ_iri: str, base: str) -> str:
    return "/organos/" + quote(organ_id(organ_iri, base), safe="/")


def article_of(part_iri: str) -> tuple[str, str] | None:
    """(article IRI, work IRI) of any subdivision or version IRI under an article, else None."""
    try:
        parsed = parse_akn(part_iri)
    except ValueError:
        return None
    if parsed.portion is None:
        return None
    eid = parsed.portion.split("__", 1)[0]
    if not eid.startswith("art_"):
        return None
    return str(parsed.subdivision().part(eid)), str(parsed.work())


def article_number(article_iri: str, numbers: dict[str, str]) -> str | None:
    """The article's current number; else the number its eId was minted from."""
    known = numbers.get(article_iri)
    if known:
        return known
    eid = article_iri.rsplit("~", 1)[-1]
    m = _EID_NUMBER.match(eid)
    return m.group("n").replace("-", " ") if m else None


def article_href(part_iri: str, base: str, numbers: dict[str, str], *, at: str | None = None) -> str | None:
    """Page of the article containing ``part_iri`` (optionally at a date), or None."""
    found = article_of(part_iri)
    if found is None:
        return None
    article, work = found
    number = article_number(article, numbers)
    if not number:
        return None
    href = f"{work_href(work, base)}/articulos/{quote(number, safe='')}"
    if at:
        href += f"?fecha={quote(at, safe='')}"
    eid = part_iri.rsplit("~", 1)[-1]
    if "__" in eid:
        href += "#" + eid
    return href


def page_for_iri(iri: str, base: str, numbers: dict[str, str]) -> str | None:
    """The HTML page that shows a graph IRI (for browsers dereferencing IRIs), or None."""
    if iri.startswith(base + "organ/") or iri.startswith(base + "post/"):
        return organ_href(iri, base)
    if iri.startswith(base + "akn/"):
        href = article_href(iri, base, numbers)
        if href is not None:
            return href
        try:
            return work_href(str(parse_akn(iri).work()), base)
        except ValueError:
            return None
    return None
