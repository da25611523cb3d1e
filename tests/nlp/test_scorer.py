"""The scorer on small hand-made facts and gold."""

from __future__ import annotations

from extract import scorer
from extract.nlp import Deadline, Duty, DutyType, Organ, OrganKind, Unit

GOLD_ORGANS = [
    {"jurisdiction": "ve-x", "canonical": "Secretario o Secretaria del Concejo Municipal", "kind": "post", "variants": ["Secretario"]},
    {"jurisdiction": "ve-x", "canonical": "Dirección de Servicios Administrativos", "kind": "unit", "variants": []},
    {"jurisdiction": "ve-x", "canonical": "Alcaldía", "kind": "unit", "variants": []},
]


def organ(name: str, jur: str = "ve-x") -> Organ:
    from extract.nlp.canon import name_key

    return Organ(jur, name_key(name, jur), name, OrganKind.UNIT, (name,), ())


def test_organs_match_by_variant_aware_key() -> None:
    pred = [organ("Secretario del Concejo Municipal"), organ("Dirección de los Servicios Administrativos"), organ("Oficina de Compras"), organ("Alcaldía", "other")]
    s = scorer.score_organs(pred, GOLD_ORGANS)
    assert (s.pred_matched, s.pred_total, s.gold_matched, s.gold_total) == (2, 3, 2, 3)
    assert abs(s.precision - 2 / 3) < 1e-9 and abs(s.recall - 2 / 3) < 1e-9 and abs(s.f1 - 2 / 3) < 1e-9


def duty(start: int, end: int, bearer: str, key: str = "src#1") -> Duty:
    return Duty("ve-x", key, start, end, "", (bearer,), "x", None, DutyType.OBLIGATION, (), 0.9, "t")


GOLD_DUTIES = [
    {"source": "src", "jurisdiction": "ve-x", "start": 10, "end": 50, "bearer": "Secretario o Secretaria del Concejo Municipal"},
    {"source": "src", "jurisdiction": "ve-x", "start": 100, "end": 140, "bearers": ["Alcaldía", "Secretario"]},
    {"source": "src", "jurisdiction": "ve-x", "start": 200, "end": 240, "bearer": "Alcaldía"},
]


def test_duties_by_overlap_and_bearer() -> None:
    pred = [
        duty(0, 60, "Secretario del Concejo Municipal"),  # overlap, same organ by variant
        duty(120, 130, "Alcaldía"),  # one of two joint bearers
        duty(205, 210, "Dirección de Servicios Administrativos"),  # overlap, wrong bearer
        duty(500, 520, "Alcaldía"),  # no gold there
        duty(0, 60, "Alcaldía", key="other#1"),  # a source without gold: not scored
    ]
    scores = scorer.score_duties(pred, GOLD_DUTIES, GOLD_ORGANS)
    s = scores["duties"]
    assert (s.pred_matched, s.pred_total, s.gold_matched, s.gold_total) == (2, 4, 2, 3)
    s = scores["duties_any_bearer"]
    assert (s.pred_matched, s.gold_matched) == (3, 3)


def test_judged_precision_only_counts_regions_with_gold() -> None:
    pred = [duty(0, 60, "Secretario"), duty(500, 520, "Alcaldía"), duty(205, 210, "Secretario")]
    regions = [("src", 0, 80), ("src", 480, 560), ("src", 190, 260)]
    scores = scorer.score_duties(pred, GOLD_DUTIES, GOLD_ORGANS, regions=regions)
    judged = scores["duties@judged"]
    assert (judged.pred_matched, judged.pred_total) == (1, 2)  # the region 480-560 holds no gold


def test_deadlines_need_the_same_iso() -> None:
    gold = [
        {"source": "src", "start": 10, "end": 40, "iso": "P15D"},
        {"source": "src", "start": 100, "end": 130, "iso": None},
    ]

    def dl(start: int, end: int, iso: str | None) -> Deadline:
        unit = Unit.DAY if iso else None
        return Deadline("ve-x", "src#1", start, end, "", 15 if iso else None, unit, iso, None, None if iso else "P3M", None, None, None, 0.9, "t")

    s = scorer.score_deadlines([dl(20, 30, "P15D"), dl(105, 110, None), dl(12, 14, "P10D")], gold)["deadlines"]
    assert (s.pred_matched, s.pred_total, s.gold_matched, s.gold_total) == (2, 3, 2, 2)


def test_empty_and_report() -> None:
    s = scorer.score_organs([], [])
    assert s.precision == s.recall == s.f1 == 0.0
    text = scorer.report({"organs": scorer.PRF(1, 2, 1, 4)})
    assert "organs" in text and "0.500" in text and "0.250" in text
