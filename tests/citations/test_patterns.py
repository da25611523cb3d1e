"""Every citation pattern matches its examples and none of its counterexamples."""

from __future__ import annotations

import pytest

import extract.patterns.citations  # noqa: F401  (registers the citation patterns)
from extract.patterns.registry import REGISTRY

CITATION_PATTERNS = sorted(name for name in REGISTRY if name.startswith("ref_"))


def test_the_citation_grammar_is_registered() -> None:
    assert {"ref_article", "ref_article_relative", "ref_work_named", "ref_this_work", "ref_gazette"} <= set(
        CITATION_PATTERNS
    )
    assert all(not REGISTRY[name].anchored for name in CITATION_PATTERNS)


@pytest.mark.parametrize("name", CITATION_PATTERNS)
def test_examples_match(name: str) -> None:
    pattern = REGISTRY[name]
    assert pattern.examples and pattern.counterexamples, f"{name} needs examples both ways"
    assert [e for e in pattern.examples if not pattern.hits(e)] == []


@pytest.mark.parametrize("name", CITATION_PATTERNS)
def test_counterexamples_do_not_match(name: str) -> None:
    pattern = REGISTRY[name]
    assert [c for c in pattern.counterexamples if pattern.hits(c)] == []


@pytest.mark.parametrize("name", CITATION_PATTERNS)
def test_documented(name: str) -> None:
    assert len(REGISTRY[name].doc) > 20
