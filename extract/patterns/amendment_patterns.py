"""Load the amending-language patterns kept as data in ``amendments.json``.

The JSON file is the single place where the language of amendments lives
(eyecite/reporters-db style): named parts, operation patterns, modifiers, note
and citation patterns, each with examples and counterexamples.  This module
only expands ``$PART`` references and compiles; it holds no legal knowledge.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("amendments.json")
FLAGS = re.IGNORECASE | re.UNICODE
_PART_REF = re.compile(r"\$([A-Z_]+)")


@dataclass(frozen=True, slots=True)
class AmendmentPattern:
    """One named regex of the amending language, with its evidence."""

    name: str
    group: str  # "operation_patterns" | "modifiers" | "note_patterns" | "citation_patterns"
    kind: str  # operation kind, modifier field or note kind
    doc: str
    regex: re.Pattern[str]
    takes_text: bool
    confidence: float
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PatternSet:
    operations: tuple[AmendmentPattern, ...]
    modifiers: dict[str, AmendmentPattern]
    notes: dict[str, AmendmentPattern]
    citations: dict[str, AmendmentPattern]

    def all(self) -> tuple[AmendmentPattern, ...]:
        return (
            self.operations
            + tuple(self.modifiers.values())
            + tuple(self.notes.values())
            + tuple(self.citations.values())
        )


def expand(regex: str, parts: dict[str, str], depth: int = 0) -> str:
    """Replace ``$NAME`` by its part, recursively; an unknown name is an error."""
    if depth > 10:
        raise ValueError("pattern parts nest too deeply (cycle?)")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in parts:
            raise ValueError(f"unknown pattern part ${name}; known: {sorted(parts)}")
        return expand(parts[name], parts, depth + 1)

    return _PART_REF.sub(sub, regex)


def _build(entry: dict[str, Any], group: str, parts: dict[str, str]) -> AmendmentPattern:
    kind = str(entry.get("kind") or entry.get("field") or "")
    return AmendmentPattern(
        name=str(entry["name"]),
        group=group,
        kind=kind,
        doc=str(entry.get("doc", "")),
        regex=re.compile(expand(str(entry["regex"]), parts), FLAGS),
        takes_text=bool(entry.get("takes_text", False)),
        confidence=float(entry.get("confidence", 0.9)),
        examples=tuple(entry.get("examples", ())),
        counterexamples=tuple(entry.get("counterexamples", ())),
    )


@lru_cache(maxsize=1)
def load(path: str | None = None) -> PatternSet:
    """Read and compile the pattern file once (names must be unique)."""
    data = json.loads((Path(path) if path else DATA_FILE).read_text(encoding="utf-8"))
    parts = {k: v for k, v in data["parts"].items() if not k.endswith("#")}
    built: dict[str, list[AmendmentPattern]] = {}
    seen: set[str] = set()
    for group in ("operation_patterns", "modifiers", "note_patterns", "citation_patterns"):
        built[group] = []
        for entry in data.get(group, []):
            pat = _build(entry, group, parts)
            if pat.name in seen:
                raise ValueError(f"amendment pattern {pat.name!r} defined twice")
            seen.add(pat.name)
            built[group].append(pat)
    return PatternSet(
        operations=tuple(built["operation_patterns"]),
        modifiers={p.name: p for p in built["modifiers"]},
        notes={p.name: p for p in built["note_patterns"]},
        citations={p.name: p for p in built["citation_patterns"]},
    )


@lru_cache(maxsize=64)
def part(name: str, path: str | None = None) -> str:
    """The expanded regex text of one named part (for code that composes)."""
    data = json.loads((Path(path) if path else DATA_FILE).read_text(encoding="utf-8"))
    parts = {k: v for k, v in data["parts"].items() if not k.endswith("#")}
    return expand(f"${name}", parts)
