"""Cabildo's ontology: own terms, SHACL shapes, closed namespaces, IRI minting.

Files shipped with the package:

* ``cabildo.ttl`` -- own terms (``cab:``) and the SKOS code lists;
* ``shapes.ttl``  -- SHACL shapes the built graph must satisfy;
* ``README.md``   -- the model, the IRI scheme and one query per user question.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The ontology (own terms and code lists), to load into every store.
ONTOLOGY_PATH = HERE / "cabildo.ttl"
#: The SHACL shapes (see :mod:`ontology.validation`).
SHAPES_PATH = HERE / "shapes.ttl"

__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH"]
