"""Validate Cabildo data against ``shapes.ttl``.

Why a helper: the shapes must see the UNION of all named graphs (two
versions of one article can come from different source files), and pySHACL
is ~10x faster when its data graph is a pyoxigraph store, because rdflib
re-parses each SHACL-SPARQL query for every focus node.  This module does
both, so callers never validate one graph at a time by mistake.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
from pyshacl.graph_abstraction import DataGraph
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from ontology import SHAPES_PATH


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result, with terms as plain strings."""

    focus: str
    path: str | None
    component: str  # local name, e.g. "MinCountConstraintComponent"
    message: str
    value: str | None
    severity: str  # local name: "Violation", "Warning", "Info"


@dataclass(frozen=True, slots=True)
class Report:
    """Outcome of a validation run."""

    conforms: bool
    violations: tuple[Violation, ...]
    text: str


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The parsed shapes (cached; treat as read-only)."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def union_store(data: ox.Store | Graph) -> ox.Store:
    """A fresh store whose default graph holds every triple of ``data``."""
    union = ox.Store()
    if isinstance(data, ox.Store):
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in data)
    else:
        with warnings.catch_warnings():  # rdflib's own serializers use deprecated Dataset API
            warnings.simplefilter("ignore", DeprecationWarning)
            nquads = data.serialize(format="nquads" if data.context_aware else "nt", encoding="utf-8")
        staging = ox.Store()
        staging.load(nquads, ox.RdfFormat.N_QUADS)
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in staging)
    return union


def _local(term: Node | None) -> str:
    text = str(term) if term is not None else ""
    return text.rsplit("#", 1)[-1]


def validate(data: ox.Store | Graph) -> Report:
    """Validate the union of all graphs in ``data`` against the shapes."""
    conforms, results, text = pyshacl.validate(
        DataGraph.from_oxigraph_store(union_store(data)),
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        inplace=True,  # the union store is a private copy
    )
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if path is not None else None,
                component=_local(results.value(result, SH.sourceConstraintComponent)),
                message=str(results.value(result, SH.resultMessage) or ""),
                value=str(value) if value is not None else None,
                severity=_local(results.value(result, SH.resultSeverity)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.component))
    return Report(conforms=bool(conforms), violations=tuple(violations), text=str(text))
