"""Every custom attribute the Cabildo components set, declared in one place."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

#: spans_key -> what the spans in ``doc.spans[key]`` hold
SPANS_KEYS = {
    "cabildo_organs": "organ mentions (label = kind)",
    "cabildo_duties": "duties (label = type)",
    "cabildo_deadlines": "deadlines and periodicities",
    "cabildo_hierarchy": "evidence of hierarchy edges (label = relation)",
}

SPAN_EXTENSIONS: dict[str, Any] = {
    "cabildo_organ": None,  # organs.OrganInfo
    "cabildo_duty": None,  # duties.DutyInfo
    "cabildo_deadline": None,  # deadlines.DeadlineInfo
    "cabildo_edge": None,  # hierarchy.EdgeInfo
}

DOC_EXTENSIONS: dict[str, Any] = {
    # set by the caller before the pipeline runs: the bearer and type a list
    # header gives to this item (duties.ItemContext), or None
    "cabildo_item": None,
}


def register() -> None:
    """Declare the extensions once (idempotent)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from the tokens on each access."""
    cached = doc.user_data.get("cabildo_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["cabildo_text"] = cached
    return cached
