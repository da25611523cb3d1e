"""Facts from municipal law text with spaCy: organs, duties, deadlines.

Public API::

    from extract.nlp import Passage, extract_facts, load_nlp
    facts = extract_facts(passages)           # Facts(organs, edges, duties, deadlines, stats)

The components are registered as spaCy factories (``cabildo_organs``,
``cabildo_hierarchy``, ``cabildo_deadlines``, ``cabildo_duties``) and read
their rules from ``resources/es/*.jsonl``.
"""

from __future__ import annotations

from .facts import Deadline, Duty, DutyType, Facts, HierarchyEdge, Mention, Organ, OrganKind, Unit
from .passage import Passage
from .pipeline import EXTRACTOR_VERSION, blank_nlp, extract_facts, load_nlp, split_sentences

__all__ = [
    "EXTRACTOR_VERSION",
    "Deadline",
    "Duty",
    "DutyType",
    "Facts",
    "HierarchyEdge",
    "Mention",
    "Organ",
    "OrganKind",
    "Passage",
    "Unit",
    "blank_nlp",
    "extract_facts",
    "load_nlp",
    "split_sentences",
]
