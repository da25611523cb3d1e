"""Example queries for the SPARQL console: the user questions of ``ontology/README.md``.

The README holds one query per user question (tested on the golden sample);
the console shows the same text, with the README's example base IRI replaced
by the served one and the example values of each ``VALUES`` clause replaced
by values that exist in the served store (a work with a dated article, an
organ with deadlines…), so every example returns rows when tried.  Values are
chosen by the *variable name* (``?work``, ``?number``, ``?eid``, ``?date``,
``?organ``, ``?jurisdiction``, ``?term``); nothing is keyed to a corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

import ontology
from ontology.iri import jurisdiction_iri
from query_api.queries import load
from query_api.routes.organs import duty_index
from query_api.store import Store

README = Path(ontology.__file__).resolve().parent / "README.md"
README_BASE = "https://cabildo.example/"
_BLOCK = re.compile(r"<!-- query: (\w+) -->\s*\*\*(?P<title>.+?)\*\*(?P<rest>.*?)```sparql\n(?P<q>.*?)```", re.S)
_VALUES = re.compile(r"VALUES\s*(?:\((?P<vars>[^)]*)\)|(?P<var>\?\w+))\s*\{(?P<body>.*?)\}\s*\n", re.S)
_TERM = re.compile(r'<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^\S+|@[\w-]+)?|[^\s()]+')

TITLES = {
    "current_text": "Texto vigente del artículo N de una obra",
    "text_at_date": "Texto de un artículo en una fecha",
    "history": "Historia de un artículo (todas sus versiones)",
    "responsible": "¿Quién es responsable de…? (deberes vigentes)",
    "organs": "Órganos de una jurisdicción y sus competencias vigentes",
    "deadlines": "Plazos de un órgano",
    "discrepancies": "Textos impresos que no coinciden con las reformas",
}


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


def readme_queries(path: Path = README) -> list[tuple[str, str]]:
    """(name, query) of every example block in the ontology README (empty if it is not installed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [(m.group(1), m.group("q")) for m in _BLOCK.finditer(text)]


def _literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def samples(store: Store, base: str) -> dict[str, str]:
    """SPARQL terms by variable name, taken from the store (missing names keep the README's value)."""
    out: dict[str, str] = {}
    rows = list(store.query(load("audit_version_spans")))  # type: ignore[arg-type]
    dated = sorted((r["part"].value, r["validFrom"].value) for r in rows
                   if r["partType"] is not None and r["partType"].value == "articulo" and r["validFrom"] is not None
                   and r["validTo"] is None)
    if dated:
        from query_api.web.links import article_of

        part, valid_from = dated[0]
        found = article_of(part)
        if found is not None:
            article, work = found
            numbers = list(store.query(load("article_versions"), substitutions={  # type: ignore[arg-type]
                "work": ox.NamedNode(work), "n": ox.Literal(_number_of(store, article) or "")}))
            out["work"] = f"<{work}>"
            out["eid"] = _literal(article.rsplit("~", 1)[-1])
            if numbers:
                out["number"] = _literal(numbers[0]["n"].value)
            out["date"] = f'"{valid_from}"^^<http://www.w3.org/2001/XMLSchema#date>'
    duties, _ = duty_index(store)
    today = date.today()
    current = [d for d in duties if d.holds_on(today)]
    if current:
        top = Counter(d.unit or d.bearer for d in current).most_common(1)[0][0]
        juris = next(d.jurisdiction for d in current if (d.unit or d.bearer) == top)
        out["jurisdiction"] = f"<{jurisdiction_iri(juris, base=base)}>"
        with_deadline = sorted({r["bearer"].value for r in store.query(load("deadlines"))  # type: ignore[union-attr]
                                if r["bearer"] is not None})
        out["organ"] = f"<{with_deadline[0] if with_deadline else top}>"
        words = Counter(w for d in current for w in (d.object or "").lower().split() if len(w) > 6 and w.isalpha())
        if words:
            out["term"] = _literal(words.most_common(1)[0][0])
    return out


def _number_of(store: Store, article: str) -> str | None:
    from query_api.web.links import current_numbers

    return current_numbers(store).get(article)


def adapt(query: str, values: dict[str, str], base: str) -> str:
    """The README query with the served base IRI and the store's values in its VALUES clauses."""
    query = query.replace(README_BASE, base)

    def one(m: re.Match[str]) -> str:
        names = (m.group("vars") or m.group("var") or "").split()
        body = m.group("body")
        rows = re.findall(r"\(([^()]*)\)", body) if m.group("vars") else [body]
        first = _TERM.findall(rows[0]) if rows else []
        if len(first) != len(names):
            return m.group(0)
        new = [values.get(n.lstrip("?"), first[k]) for k, n in enumerate(names)]
        inner = " ".join(new)
        if m.group("vars"):
            return f"VALUES ({' '.join(names)}) {{\n    ({inner})\n  }}\n"
        return f"VALUES {names[0]} {{ {inner} }}\n"

    return _VALUES.sub(one, query)


def examples(store: Store, base: str) -> list[Example]:
    values = samples(store, base)
    return [Example(name, TITLES.get(name, name), adapt(q, values, base)) for name, q in readme_queries()]
