"""Precision, recall and F1 of extracted facts against hand-annotated gold.

Gold files (``tests/gold/facts/``) are lists of dicts:

* organs: ``{jurisdiction, canonical, kind, post_of, variants[], parent}``;
* duties: ``{source, start, end, quote, bearer | bearers[], action, type, ...}``;
* deadlines: ``{source, start, end, quote, amount, unit, iso, periodicity, ...}``.

Matching rules:

* an organ matches when its canonical name and a gold organ's canonical name
  or one of its variants have the same :func:`~extract.nlp.canon.name_key` in
  the same jurisdiction (case, accents, articles, gender pairs, plural and the
  place qualifier are ignored);
* a duty matches when its span overlaps the gold span in the same source and
  a bearer names the same gold organ (``duties``; a post and the unit it heads
  count as one, as the gold notes ask), or whatever the bearer
  (``duties_any_bearer``);
* a deadline matches when its span overlaps the gold span and the ISO
  durations are equal (both empty for a bare periodicity).

Gold that samples a text (some items of a list annotated, others not) makes
plain precision a lower bound.  When ``regions`` (source spans, e.g. the
passages) are given, a second precision is reported over the predictions that
fall in a region holding gold of that type: the text the annotator judged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.nlp.canon import name_key
from extract.nlp.facts import Deadline, Duty, Organ

Span = tuple[str, int, int]  # source, start, end


@dataclass(frozen=True)
class PRF:
    """Counts behind precision and recall (matched predictions and gold can differ)."""

    pred_matched: int
    pred_total: int
    gold_matched: int
    gold_total: int

    @property
    def precision(self) -> float:
        return self.pred_matched / self.pred_total if self.pred_total else 0.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(directory: Path, name: str) -> list[dict[str, Any]]:
    """One gold file as a list (empty when it does not exist)."""
    path = directory / f"{name}.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data) if isinstance(data, list) else []


def default_source_of(passage_key: str) -> str:
    """Source id of a passage key written ``"<source>#<n>"``."""
    return passage_key.split("#", 1)[0]


# -- organs ------------------------------------------------------------------


class OrganIndex:
    """Gold organs of each jurisdiction, found by any of their names."""

    def __init__(self, gold: Iterable[Mapping[str, Any]]) -> None:
        self.by_key: dict[tuple[str, str], int] = {}
        self.organs = list(gold)
        for i, organ in enumerate(self.organs):
            jur = str(organ.get("jurisdiction", ""))
            names = [organ.get("canonical", "")] + list(organ.get("variants", []) or [])
            for name in names:
                key = name_key(str(name), jur)
                if key:
                    self.by_key.setdefault((jur, key), i)

    def find(self, jurisdiction: str, name: str) -> int | None:
        return self.by_key.get((jurisdiction, name_key(name, jurisdiction)))

    def identity(self, jurisdiction: str, name: str) -> str:
        """A comparable identity for a bearer name: the gold organ, else the key.

        A post and the unit it heads (gold ``post_of``) share one identity:
        "el Director de X" and "la Dirección de X" hold the same duties.
        """
        found = self.find(jurisdiction, name)
        if found is None:
            return name_key(name, jurisdiction)
        unit = self.organs[found].get("post_of")
        if unit:
            unit_index = self.find(jurisdiction, str(unit))
            if unit_index is not None:
                return f"#{unit_index}"
        return f"#{found}"


def score_organs(pred: Sequence[Organ], gold: Sequence[Mapping[str, Any]]) -> PRF:
    """Organs matched per jurisdiction (only jurisdictions that have gold)."""
    index = OrganIndex(gold)
    jurisdictions = {str(g.get("jurisdiction", "")) for g in gold}
    scored = [o for o in pred if o.jurisdiction in jurisdictions]
    matched_gold: set[int] = set()
    matched_pred = 0
    for organ in scored:
        hits = {index.by_key.get((organ.jurisdiction, k)) for k in (organ.key, name_key(organ.canonical, organ.jurisdiction))}
        hits.discard(None)
        if hits:
            matched_pred += 1
            matched_gold.update(h for h in hits if h is not None)
    return PRF(matched_pred, len(scored), len(matched_gold), len(gold))


# -- spans ---------------------------------------------------------------------


def _gold_span(g: Mapping[str, Any]) -> Span:
    return (str(g["source"]), int(g["start"]), int(g["end"]))


def _overlap(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _judged(pred_spans: Sequence[Span], gold_spans: Sequence[Span], regions: Sequence[Span] | None) -> list[bool]:
    """For each prediction: does it lie in a region that holds gold?"""
    if regions is None:
        return [True] * len(pred_spans)
    holding = [r for r in regions if any(_overlap(r, g) for g in gold_spans if g[0] == r[0])]
    by_source: dict[str, list[Span]] = {}
    for r in holding:
        by_source.setdefault(r[0], []).append(r)
    return [any(_overlap(p, r) for r in by_source.get(p[0], [])) for p in pred_spans]


def _score_spans(
    pred_spans: Sequence[Span],
    gold_spans: Sequence[Span],
    same: Callable[[int, int], bool],
    judged: Sequence[bool],
) -> tuple[PRF, PRF]:
    """(all predictions, judged predictions) against the gold spans."""
    by_source: dict[str, list[int]] = {}
    for j, g in enumerate(gold_spans):
        by_source.setdefault(g[0], []).append(j)
    matched_gold: set[int] = set()
    matched_pred = [False] * len(pred_spans)
    for i, p in enumerate(pred_spans):
        for j in by_source.get(p[0], []):
            if _overlap(p, gold_spans[j]) and same(i, j):
                matched_pred[i] = True
                matched_gold.add(j)
    all_ = PRF(sum(matched_pred), len(pred_spans), len(matched_gold), len(gold_spans))
    jp = [m for m, j in zip(matched_pred, judged) if j]
    return all_, PRF(sum(jp), len(jp), len(matched_gold), len(gold_spans))


# -- duties ----------------------------------------------------------------------


def _gold_bearers(g: Mapping[str, Any]) -> list[str]:
    bearers = g.get("bearers") or ([g["bearer"]] if g.get("bearer") else [])
    return [str(b) for b in bearers]


def score_duties(
    pred: Sequence[Duty],
    gold: Sequence[Mapping[str, Any]],
    organs_gold: Sequence[Mapping[str, Any]] = (),
    *,
    source_of: Callable[[str], str] = default_source_of,
    regions: Sequence[Span] | None = None,
) -> dict[str, PRF]:
    """Duties by span overlap, with and without the same bearer."""
    sources = {str(g["source"]) for g in gold}
    scored = [d for d in pred if source_of(d.passage_key) in sources]
    index = OrganIndex(organs_gold)
    pred_spans = [(source_of(d.passage_key), d.start, d.end) for d in scored]
    gold_spans = [_gold_span(g) for g in gold]
    pred_ids = [{index.identity(d.jurisdiction, b) for b in d.bearers} for d in scored]
    gold_ids = [{index.identity(str(g.get("jurisdiction", "")), b) for b in _gold_bearers(g)} for g in gold]
    judged = _judged(pred_spans, gold_spans, regions)
    with_bearer = _score_spans(pred_spans, gold_spans, lambda i, j: bool(pred_ids[i] & gold_ids[j]), judged)
    any_bearer = _score_spans(pred_spans, gold_spans, lambda i, j: True, judged)
    out = {"duties": with_bearer[0], "duties_any_bearer": any_bearer[0]}
    if regions is not None:
        out["duties@judged"] = with_bearer[1]
        out["duties_any_bearer@judged"] = any_bearer[1]
    return out


def duty_agreement(
    pred: Sequence[Duty],
    gold: Sequence[Mapping[str, Any]],
    organs_gold: Sequence[Mapping[str, Any]] = (),
    *,
    source_of: Callable[[str], str] = default_source_of,
) -> dict[str, float]:
    """On gold duties found with the same bearer: how often type and action agree."""
    index = OrganIndex(organs_gold)
    pairs = 0
    same_type = same_action = 0
    for g in gold:
        span = _gold_span(g)
        ids = {index.identity(str(g.get("jurisdiction", "")), b) for b in _gold_bearers(g)}
        for d in pred:
            if _overlap((source_of(d.passage_key), d.start, d.end), span) and {index.identity(d.jurisdiction, b) for b in d.bearers} & ids:
                pairs += 1
                same_type += str(d.type) == str(g.get("type"))
                same_action += bool(d.action) and name_key(d.action or "") == name_key(str(g.get("action", "")))
                break
    return {
        "pairs": float(pairs),
        "type": same_type / pairs if pairs else 0.0,
        "action": same_action / pairs if pairs else 0.0,
    }


# -- deadlines ---------------------------------------------------------------------


def score_deadlines(
    pred: Sequence[Deadline],
    gold: Sequence[Mapping[str, Any]],
    *,
    source_of: Callable[[str], str] = default_source_of,
    regions: Sequence[Span] | None = None,
) -> dict[str, PRF]:
    """Deadlines by span overlap and equal ISO duration."""
    sources = {str(g["source"]) for g in gold}
    scored = [d for d in pred if source_of(d.passage_key) in sources]
    pred_spans = [(source_of(d.passage_key), d.start, d.end) for d in scored]
    gold_spans = [_gold_span(g) for g in gold]
    judged = _judged(pred_spans, gold_spans, regions)
    same_iso = _score_spans(pred_spans, gold_spans, lambda i, j: (scored[i].iso or None) == (gold[j].get("iso") or None), judged)
    out = {"deadlines": same_iso[0]}
    if regions is not None:
        out["deadlines@judged"] = same_iso[1]
    return out


def report(scores: Mapping[str, PRF]) -> str:
    """A small table: one line per fact type."""
    lines = [f"{'type':28} {'P':>6} {'R':>6} {'F1':>6}   pred ok/total   gold ok/total"]
    for name, s in scores.items():
        lines.append(
            f"{name:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   {s.pred_matched:5d}/{s.pred_total:<5d}    {s.gold_matched:5d}/{s.gold_total:<5d}"
        )
    return "\n".join(lines)
