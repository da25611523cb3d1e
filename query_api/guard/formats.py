"""Content negotiation and complete, capped serialization of query results.

Why a row cap *before* serializing: pyoxigraph's serializers consume the
result iterator, so the only way to know a result is too large without
streaming a partial body is to collect at most ``max_rows + 1`` rows first.
SELECT rows are then handed back to pyoxigraph through a TSV round trip
(TSV cells are exactly N-Triples terms), so every output format is still
written by pyoxigraph's own serializers.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Sequence, TypeVar

import pyoxigraph as ox

from query_api.guard.model import GuardError
from query_api.store import QueryResult

T = TypeVar("T")


@dataclass(frozen=True)
class Format:
    """One output format: the media type we send and how to write it."""

    media_type: str
    content_type: str  # header value, with charset where the type is textual
    results: ox.QueryResultsFormat | None = None
    rdf: ox.RdfFormat | None = None


JSON = Format("application/sparql-results+json", "application/sparql-results+json",
              results=ox.QueryResultsFormat.JSON)
XML = Format("application/sparql-results+xml", "application/sparql-results+xml",
             results=ox.QueryResultsFormat.XML)
CSV = Format("text/csv", "text/csv; charset=utf-8", results=ox.QueryResultsFormat.CSV)
TSV = Format("text/tab-separated-values", "text/tab-separated-values; charset=utf-8",
             results=ox.QueryResultsFormat.TSV)
TURTLE = Format("text/turtle", "text/turtle; charset=utf-8", rdf=ox.RdfFormat.TURTLE)
NTRIPLES = Format("application/n-triples", "application/n-triples; charset=utf-8",
                  rdf=ox.RdfFormat.N_TRIPLES)
RDFXML = Format("application/rdf+xml", "application/rdf+xml", rdf=ox.RdfFormat.RDF_XML)
JSONLD = Format("application/ld+json", "application/ld+json", rdf=ox.RdfFormat.JSON_LD)

#: Offers per query form: (media range we answer to, format), best first.
#: The first entry is what ``*/*`` or a missing Accept header gets.
#: application/json and application/xml are common aliases of the results formats.
OFFERS: dict[str, tuple[tuple[str, Format], ...]] = {
    "SELECT": (("application/sparql-results+json", JSON), ("application/sparql-results+xml", XML),
               ("text/csv", CSV), ("text/tab-separated-values", TSV),
               ("application/json", JSON), ("application/xml", XML), ("text/xml", XML)),
    "ASK": (("application/sparql-results+json", JSON), ("application/sparql-results+xml", XML),
            ("application/json", JSON), ("application/xml", XML), ("text/xml", XML)),
    "CONSTRUCT": (("text/turtle", TURTLE), ("application/n-triples", NTRIPLES),
                  ("application/rdf+xml", RDFXML), ("application/ld+json", JSONLD)),
}
OFFERS["DESCRIBE"] = OFFERS["CONSTRUCT"]


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """Accept header -> [(type, subtype, q)]; malformed entries are skipped."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0] or "/" not in fields[0]:
            continue
        mtype, _, subtype = fields[0].lower().partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append((mtype.strip(), subtype.strip(), q))
    return ranges


def negotiate(header: str | None, offers: Sequence[tuple[str, Format]]) -> Format | None:
    """Best offer for an Accept header (RFC 9110 q-values; most specific range wins).

    No header, or an empty one, accepts anything.  Ties keep server preference.
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0][1] if offers else None
    best: tuple[float, int] | None = None
    chosen: Format | None = None
    for index, (media, fmt) in enumerate(offers):
        mtype, _, subtype = media.partition("/")
        q, specificity = 0.0, -1
        for rtype, rsub, rq in ranges:
            if (rtype, rsub) == (mtype, subtype):
                spec = 2
            elif rtype == mtype and rsub == "*":
                spec = 1
            elif (rtype, rsub) == ("*", "*"):
                spec = 0
            else:
                continue
            if spec > specificity:
                q, specificity = rq, spec
        if q > 0 and (best is None or q > best[0]):
            best, chosen = (q, index), fmt
    return chosen


def acceptable_types(form: str) -> list[str]:
    """Media types offered for a query form (for 406 messages and the service description)."""
    return sorted({fmt.media_type for _, fmt in OFFERS[form]})


def serialize_result(result: QueryResult, fmt: Format, max_rows: int) -> tuple[bytes, int]:
    """Serialize a whole result, or raise ``result_too_large``; returns (body, rows)."""
    if isinstance(result, ox.QueryBoolean):
        if fmt.results is None:
            raise GuardError("not_acceptable", "ASK results need a SPARQL results format")
        return _bytes(result.serialize(format=fmt.results)), 1
    if isinstance(result, ox.QuerySolutions):
        if fmt.results is None:
            raise GuardError("not_acceptable", "SELECT results need a SPARQL results format")
        variables = list(result.variables)
        rows = _capped(result, max_rows, "rows")
        table = _tsv(variables, rows)
        solutions = ox.parse_query_results(table, format=ox.QueryResultsFormat.TSV)
        return _bytes(solutions.serialize(format=fmt.results)), len(rows)
    if fmt.rdf is None:
        raise GuardError("not_acceptable", "graph results need an RDF format")
    triples = _capped(result, max_rows, "triples")
    return _bytes(ox.serialize(triples, format=fmt.rdf)), len(triples)


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns bytes when no output file is given."""
    assert data is not None
    return data


def _capped(items: Iterable[T], max_rows: int, what: str) -> list[T]:
    taken = list(islice(items, max_rows + 1))
    if len(taken) > max_rows:
        raise GuardError("result_too_large",
                         f"the result has more than {max_rows} {what}; add LIMIT/OFFSET "
                         "to page through it")
    return taken


def _tsv(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL TSV of the rows: header of ?vars, one line per row, N-Triples cells."""
    lines = ["\t".join("?" + v.value for v in variables)]
    for row in rows:
        lines.append("\t".join(_cell(row[v]) for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_cell(term.subject)} {_cell(term.predicate)} {_cell(term.object)} )>>"
    # N-Triples already escapes \t and \n inside literals; the replace is a guard.
    return str(term).replace("\t", "\\t").replace("\n", "\\n")
