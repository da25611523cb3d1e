"""Every legal pattern matches its examples and none of its counterexamples."""

from __future__ import annotations

import pytest

import extract.patterns.structure  # noqa: F401  (registers the patterns)
from extract.patterns.registry import REGISTRY


def _hits(name: str, text: str) -> bool:
    return REGISTRY[name].hits(text)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_examples_match(name: str) -> None:
    pattern = REGISTRY[name]
    assert pattern.examples, f"{name} has no examples"
    missing = [e for e in pattern.examples if not _hits(name, e)]
    assert missing == []


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_counterexamples_do_not_match(name: str) -> None:
    wrong = [c for c in REGISTRY[name].counterexamples if _hits(name, c)]
    assert wrong == []


def test_every_pattern_is_documented() -> None:
    assert all(p.doc and len(p.doc) > 20 for p in REGISTRY.values())
