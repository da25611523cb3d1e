"""What public queries may do: read, never write, never call out.

rdflib's SPARQL parser is the policy parser.  It is stricter than pyoxigraph
in the direction that matters (it decodes ``\\uXXXX`` escapes, so
``\\u0053ERVICE`` is still SERVICE), and anything it cannot parse is refused:
fail closed.  This runs inside the worker process, where the time and memory
limits also bound the parser itself (pyparsing is slow on huge queries).
"""

from __future__ import annotations

from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from query_api.guard.model import GuardError

#: rdflib algebra root name -> SPARQL query form.
FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_SERVICE_NODES = {"ServiceGraphPattern"}


def inspect_query(text: str) -> str:
    """Return the query form, or raise GuardError for updates, SERVICE and bad syntax."""
    try:
        tree = parseQuery(text)
    except ParseBaseException as exc:
        if _parses_as_update(text):
            raise GuardError("update_refused",
                             "SPARQL Update operations are not accepted at this endpoint") from None
        raise GuardError("malformed_query",
                         f"syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except RecursionError:
        raise GuardError("query_too_complex", "the query is nested too deeply to be checked") from None
    if _contains(tree, _SERVICE_NODES):
        raise GuardError("service_refused", "federated queries (SERVICE) are disabled here")
    try:
        algebra = translateQuery(tree).algebra
    except RecursionError:
        raise GuardError("query_too_complex", "the query is nested too deeply to be checked") from None
    except Exception as exc:  # rdflib raises bare Exception for e.g. unknown prefixes
        raise GuardError("malformed_query", f"invalid query: {exc}") from None
    if _contains(algebra, _SERVICE_NODES):
        raise GuardError("service_refused", "federated queries (SERVICE) are disabled here")
    form = FORMS.get(getattr(algebra, "name", ""))
    if form is None:
        raise GuardError("malformed_query", "not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return form


def _parses_as_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except (ParseBaseException, RecursionError):
        return False
    return True


def _contains(root: Any, names: set[str]) -> bool:
    """True when any CompValue named in ``names`` occurs anywhere under ``root``."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, (str, bytes, int, float)):
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name in names:
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)) or _is_parse_results(node):
            stack.extend(node)
    return False


def _is_parse_results(node: Any) -> bool:
    return type(node).__name__ == "ParseResults"
