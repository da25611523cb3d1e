"""Point in time: which version of an article holds on a date, and why not.

Pure functions over version records read from the graph, so the rules —
never invent text, say "unknown" with a reason — are tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extract.consolidate import word_diff

STATUSES = ("in_force", "repealed", "not_yet_in_force", "unknown")


@dataclass
class VersionRecord:
    iri: str
    number: str | None
    heading: str | None
    text: str | None
    valid_from: date | None
    valid_to: date | None  # exclusive
    status: str | None
    reason: str | None = None
    note: str | None = None
    modification: str | None = None
    amending_part: str | None = None
    amending_work: str | None = None


@dataclass
class Answer:
    status: str
    version: VersionRecord | None
    notes: list[str] = field(default_factory=list)


def ordered(versions: list[VersionRecord]) -> list[VersionRecord]:
    """Undated versions first (they are the unknown past), then by start date."""
    return sorted(versions, key=lambda v: (v.valid_from is not None, v.valid_from or date.min))


def at(versions: list[VersionRecord], when: date) -> Answer:
    """The version in force on ``when``, or the honest reason there is none."""
    versions = ordered(versions)
    dated = [v for v in versions if v.valid_from is not None]
    for v in dated:
        assert v.valid_from is not None
        if v.valid_from <= when and (v.valid_to is None or when < v.valid_to):
            if v.text is None and v.status != "repealed":
                return Answer("unknown", v, [v.reason or v.note or "el texto de esta versión no está en el corpus"])
            return Answer(v.status or "in_force", v, [n for n in (v.note,) if n])
    if dated and when < (dated[0].valid_from or when):
        first = dated[0]
        undated = [v for v in versions if v.valid_from is None]
        if not undated and first.modification == "insertion":
            return Answer("not_yet_in_force", None, [f"el artículo fue incorporado el {first.valid_from}"])
        reason = undated[0].reason if undated and undated[0].reason else None
        return Answer("unknown", None, [reason or f"el corpus no contiene el texto vigente antes del {first.valid_from}"])
    if not dated:
        last = versions[-1] if versions else None
        why = (last.reason if last else None) or "la fecha de vigencia no consta en el corpus"
        return Answer("unknown", last if last and last.text else None, [why])
    return Answer("unknown", None, ["ninguna versión cubre esa fecha"])


def history(versions: list[VersionRecord]) -> list[dict[str, object]]:
    """Each version with a word-level diff against the previous known text."""
    out: list[dict[str, object]] = []
    previous: str | None = None
    for v in ordered(versions):
        diff = word_diff(previous, v.text) if previous is not None and v.text is not None else None
        out.append({"version": v, "diff": diff})
        if v.text is not None:
            previous = v.text
    return out
