"""Shared test helpers: the version in force now or at a date, which the tests expect to exist."""

from __future__ import annotations

from datetime import date

from extract.consolidate import ArticleHistory, Version, current, text_at


def cur(h: ArticleHistory) -> Version:
    """The current version, which these tests expect to exist."""
    v = current(h)
    assert v is not None
    return v


def at(h: ArticleHistory, when: date) -> Version:
    v = text_at(h, when)
    assert v is not None
    return v
