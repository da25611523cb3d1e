"""The amending language is data: every pattern is checked against its own evidence, both ways."""

from __future__ import annotations

import json

import pytest

from extract.amendments import OperationKind, read_notes, read_operations
from extract.patterns.amendment_patterns import DATA_FILE, load

PATTERNS = load()
DETECTORS = {"operation_patterns": PATTERNS.operations, "note_patterns": tuple(PATTERNS.notes.values())}


def _cases(kind: str) -> list[tuple[str, str, str]]:
    out = []
    for p in PATTERNS.all():
        for text in getattr(p, kind):
            out.append((p.group, p.name, text))
    return out


@pytest.mark.parametrize(("group", "name", "text"), _cases("examples"))
def test_every_example_matches_its_pattern(group: str, name: str, text: str) -> None:
    pat = next(p for p in PATTERNS.all() if p.name == name)
    assert pat.regex.search(text), f"{group}/{name} does not match its example {text!r}"


@pytest.mark.parametrize(("group", "name", "text"), _cases("counterexamples"))
def test_no_counterexample_matches(group: str, name: str, text: str) -> None:
    # detectors (operations, notes): a counterexample must match NO pattern of the group;
    # field readers (modifiers, citations): it must not match the pattern it is listed under.
    pool = DETECTORS.get(group, tuple(p for p in PATTERNS.all() if p.name == name))
    hits = [p.name for p in pool if p.regex.search(text)]
    assert not hits, f"counterexample {text!r} of {name} matched {hits}"


def test_operation_counterexamples_yield_no_operation() -> None:
    for p in PATTERNS.operations:
        for text in p.counterexamples:
            assert read_operations(text) == [], (p.name, text)


def test_every_pattern_is_documented_and_has_examples() -> None:
    kinds = {k.value for k in OperationKind}
    for p in PATTERNS.all():
        assert p.doc.strip() and p.examples, p.name
    for p in PATTERNS.operations:
        assert p.kind in kinds, p.name
        assert p.counterexamples, f"{p.name} needs counterexamples"
    assert len(PATTERNS.operations) >= 10


def test_pattern_file_is_canonical_json() -> None:
    raw = DATA_FILE.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert raw == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    for key in data["parts"]:
        if not key.endswith("#"):
            assert f"{key}#" in data["parts"], f"part ${key} is not documented"


def test_operation_examples_read_as_their_kind() -> None:
    """End to end: an example sentence yields an operation of the pattern's kind."""
    for p in PATTERNS.operations:
        for text in p.examples:
            ops = read_operations(text)
            assert ops, (p.name, text)
            expected = {p.kind, "renumbering"} if p.kind == "substitution" else {p.kind}
            assert ops[0].kind.value in expected, (p.name, text, ops[0])


def test_note_examples_read_as_notes() -> None:
    for p in PATTERNS.notes.values():
        for text in p.examples:
            notes = read_notes("Nota: " + text)
            assert len(notes) == 1 and notes[0].pattern == p.name, (p.name, text, notes)
