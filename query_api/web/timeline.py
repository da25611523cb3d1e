"""The history of an article as a timeline: one bar per version over a shared date axis.

Drawn with HTML and CSS (bars are positioned by percentages), so the text
stays real text at any width, readable on a phone and by a screen reader.
A version whose start is unknown is drawn from the start of the axis with a
dashed edge: the corpus does not say when it began.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Bar:
    left: float  # percent of the axis
    width: float
    start_known: bool
    open_ended: bool


@dataclass(frozen=True)
class Tick:
    left: float
    label: str


def _d(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def bars(intervals: list[tuple[str | None, str | None]], today: date) -> tuple[list[Bar], list[Tick]]:
    """Bars for ``[(valid_from, valid_to)]`` (ISO dates or None) and year ticks for the axis."""
    dates = [d for pair in intervals for d in map(_d, pair) if d is not None]
    if not dates:
        return [Bar(0.0, 100.0, False, True) for _ in intervals], []
    first = min(dates)
    lo = date(first.year - 1, 1, 1) if any(_d(a) is None for a, _ in intervals) else date(first.year, 1, 1)
    hi = date(max(max(dates), today).year + 1, 1, 1)
    span = (hi - lo).days or 1

    def pos(d: date) -> float:
        return round(100.0 * (d - lo).days / span, 2)

    out = []
    for start, end in intervals:
        s, e = _d(start), _d(end)
        left = pos(s) if s else 0.0
        right = pos(e) if e else pos(today)
        out.append(Bar(left, max(right - left, 1.0), s is not None, e is None))
    years = list(range(lo.year, hi.year + 1))
    step = max(1, len(years) // 6)
    ticks = [Tick(pos(date(y, 1, 1)), str(y)) for y in years[::step]]
    return out, ticks
