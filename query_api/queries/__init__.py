"""Each user question is one SPARQL file here; values are bound with ``substitutions``."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def load(name: str) -> str:
    """The text of ``queries/<name>.rq`` (read once)."""
    return (files(__package__) / f"{name}.rq").read_text(encoding="utf-8")
