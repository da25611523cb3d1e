"""Deadlines and periodicities, and the ``cabildo_deadlines`` component.

A deadline is an amount ("quince (15)", "tres", "48") and a unit ("días
hábiles", "horas", "meses") next to a cue that makes it a time limit: "dentro
de", "en el plazo de", "a más tardar" before it, or "siguientes",
"contados a partir de", "de antelación" after it.  A number and a unit without
such a cue ("mayores de dieciocho años", "a los diez (10) días del mes") are not
deadlines.  What starts the count ("siguientes al cierre del mes") is kept as
the trigger.  Periodicities are adverbs ("trimestralmente"), adjectives in a
report context ("informe trimestral", "en forma mensual"), "cada mes", and
yearly dates ("antes de finalizar el mes de Julio de cada año").

Everything here works on plain text, so it needs no statistical model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import _extensions
from ._extensions import doc_text
from .facts import Unit
from .rules import Rule, load_rules
from .text import number_word_regex, parse_number_words, squash

_CLAUSE_END = re.compile(r"[.;:()]|,\s|\s+(?:para|a\s+fin|a\s+los\s+fines|so\s+pena|sin\s+perjuicio|y\s+(?:no|se|si|la|el|los|las|lo|le|les)\b)|\n")
_EACH = {"mes": "P1M", "año": "P1Y", "semana": "P1W", "trimestre": "P3M", "semestre": "P6M"}
_ISO = {Unit.HOUR: "PT{n}H", Unit.WEEK: "P{n}W", Unit.MONTH: "P{n}M", Unit.YEAR: "P{n}Y"}


@dataclass(frozen=True, slots=True)
class DeadlineInfo:
    """One deadline or periodicity found in a text (character offsets)."""

    start: int
    end: int
    amount: int | None
    unit: Unit | None
    iso: str | None
    trigger: str | None
    periodicity: str | None
    periodicity_text: str | None
    confidence: float
    rule: str  # literal of the rule that decided


class DeadlineGrammar:
    """Compiled rules of ``deadlines.jsonl``."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        by: dict[str, list[Rule]] = {}
        for rule in rules:
            by.setdefault(rule.label, []).append(rule)
        self.units = [(re.compile(r.regex or r.literal, re.I), Unit(r.meta["unit"])) for r in by["UNIT"]]
        self.qualifiers = [(re.compile(r.regex or r.literal, re.I), Unit(r.meta["unit"])) for r in by["QUALIFIER"]]
        unit_alt = "|".join(f"(?:{r.regex})" for r in by["UNIT"])
        qual_alt = "|".join(f"(?:{r.regex})" for r in by["QUALIFIER"])
        num = number_word_regex()
        amount = (
            rf"(?P<words>{num}(?:\s+(?:y\s+)?{num}){{0,3}})(?:\s*\(\s*(?P<digits>\d{{1,4}})\s*\))?"
            rf"|\(\s*(?P<pdigits>\d{{1,4}})\s*\)|(?P<bare>\d{{1,4}})"
        )
        self.amount_unit = re.compile(
            rf"(?<![\w(])(?:{amount})\s+(?:(?:primeros|primeras|[uú]ltimos|[uú]ltimas)\s+)?(?P<unit>{unit_alt})\b"
            rf"(?:\s+(?P<qual>{qual_alt})\b)?"
            rf"(?:\s+(?:siguientes|posteriores)\s+(?P<qual2>{qual_alt})\b)?",
            re.I,
        )
        self.before = [(re.compile(rf"(?:{r.regex})\s*$", re.I), r) for r in by["CUE_BEFORE"]]
        self.after = [(re.compile(rf"^\s*(?:{r.regex})", re.I), r) for r in by["CUE_AFTER"]]
        self.vetoes = [
            (re.compile(rf"(?:{r.regex})", re.I), re.compile(str(r.meta["after"]), re.I), r)
            for r in by.get("NOT_DEADLINE", [])
        ]
        adverbs = by.get("PERIODIC_ADVERB", [])
        self.adverb = re.compile(r"\b(?:" + "|".join(r.regex or r.literal for r in adverbs) + r")\b", re.I)
        self.adverb_iso = {(r.regex or r.literal).lower(): str(r.meta["iso"]) for r in adverbs}
        adjectives = by.get("PERIODIC_ADJECTIVE", [])
        self.adjective = re.compile(r"\b(" + "|".join(r.regex or r.literal for r in adjectives) + r")(?:es)?\b", re.I)
        self.adjective_iso = {(r.regex or r.literal).lower(): str(r.meta["iso"]) for r in adjectives}
        self.contexts = [
            (re.compile(rf"(?:{r.regex})", re.I), re.compile(str(r.meta["needs_after"])) if r.meta.get("needs_after") else None, r)
            for r in by.get("PERIODIC_CONTEXT", [])
        ]
        self.every = [(re.compile(r.regex or r.literal, re.I), r) for r in by.get("PERIODIC_EVERY", [])]
        self.dates = [(re.compile(r.regex or r.literal, re.I), r) for r in by.get("PERIODIC_DATE", [])]
        self.limits = [
            (re.compile((r.regex or r.literal).replace("NUMBER", num), re.I), r) for r in by.get("DATE_LIMIT", [])
        ]
        self.each = re.compile(r"^\s+de\s+cada\s+(?P<unit>mes|año|semana|trimestre|semestre)\b", re.I)


@lru_cache(maxsize=1)
def default_grammar() -> DeadlineGrammar:
    return DeadlineGrammar(list(load_rules("deadlines")))


def iso_duration(amount: int, unit: Unit) -> str:
    """ISO 8601 duration; every kind of day counts as D ("P15D")."""
    return _ISO.get(unit, "P{n}D").format(n=amount)


def _amount(m: re.Match[str]) -> tuple[int | None, float]:
    """The amount and a confidence factor (words and digits disagreeing)."""
    digits = m.group("digits") or m.group("pdigits") or m.group("bare")
    words = m.group("words")
    from_words = parse_number_words(words) if words else None
    if digits is not None:
        value = int(digits)
        if from_words is not None and from_words != value:
            return value, 0.8
        return value, 1.0
    return from_words, 1.0


def _trigger(text: str, pos: int, grammar: DeadlineGrammar) -> tuple[str | None, int]:
    """The phrase that starts the count, right after the unit, and its end."""
    rest = text[pos : pos + 240]
    lead = re.match(r"\s*(?:(?:siguientes|subsiguientes|posteriores|pr[oó]ximos|pr[oó]ximas)(?:\s+h[aá]biles)?\s*|,?\s*contad[oa]s?\s+|,\s*)?", rest, re.I)
    body_start = lead.end() if lead else 0
    if not re.match(
        r"(?:a\s+partir|desde|despu[ée]s|antes|a\s+(?:su|sus|la|las|el|los)\b|al\b|de\s+(?:antelaci|anticipaci|recibid|notificad|promulgad|haber|hab[ée]rsel)|de\s+(?:la|su)\s+(?:recepci|notificaci|publicaci|fecha))",
        rest[body_start:],
        re.I,
    ):
        if lead and lead.group(0).strip(" ,") and not lead.group(0).strip().startswith(","):
            word = squash(lead.group(0)).strip(" ,")
            return (word or None), pos + len(lead.group(0).rstrip())
        return None, pos
    start = 0
    while start < len(rest) and rest[start] in " ,":
        start += 1
    end_match = _CLAUSE_END.search(rest, body_start + 1)
    end = end_match.start() if end_match else len(rest)
    phrase = squash(rest[start:end])
    return (phrase or None), pos + end


_MAYBE = re.compile(r"d[ií]as?\b|horas?\b|mes|mensual|años?\b|semana|quincen|trimestr|semestr|bimestr|mente\b|anual|diari|bienal|cada\b|vez\b|veces\b|hasta|antes|tardar", re.I)


def find_deadlines(text: str, grammar: DeadlineGrammar | None = None) -> list[DeadlineInfo]:
    """Every deadline and periodicity in ``text``, in order, without overlaps."""
    if not _MAYBE.search(text):
        return []  # no unit and no period word: nothing to find
    g = grammar or default_grammar()
    found: list[DeadlineInfo] = []
    for m in g.amount_unit.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        after = text[m.end() : m.end() + 200]
        if any(v.search(before) and a.search(after) for v, a, _ in g.vetoes):
            continue
        confidence = 0.0
        rule_name = ""
        periodic = False
        for rx, rule in g.before:
            if rx.search(before):
                needs = rule.meta.get("needs_after")
                if needs and not re.match(rf"^\s*(?:de\s+)?(?:{needs})", after, re.I):
                    continue
                if float(rule.meta.get("confidence", 0.7)) > confidence:
                    confidence = float(rule.meta.get("confidence", 0.7))
                    rule_name = rule.literal
                    periodic = bool(rule.meta.get("periodic"))
        for rx, rule in g.after:
            if rx.search(after) and float(rule.meta.get("confidence", 0.7)) > confidence:
                confidence = float(rule.meta.get("confidence", 0.7))
                rule_name = rule.literal
                periodic = False
        if confidence == 0.0:
            continue
        amount, factor = _amount(m)
        if amount is None or amount == 0:
            continue
        unit = next(u for rx, u in g.units if rx.fullmatch(m.group("unit")))
        qual = m.group("qual") or m.group("qual2")
        if qual and unit is Unit.DAY:
            unit = next(u for rx, u in g.qualifiers if rx.fullmatch(qual))
        iso: str | None = iso_duration(amount, unit)
        trigger, end = _trigger(text, m.end(), g)
        periodicity: str | None = None
        periodicity_text: str | None = None
        each = g.each.match(after)
        if periodic:
            periodicity = iso
            periodicity_text = squash("cada " + m.group(0))
            iso = None  # "cada quince días" repeats; it is not a time limit
        elif each:
            periodicity = _EACH[each.group("unit").lower()]
            periodicity_text = squash(m.group(0) + each.group(0))
            end = max(end, m.end() + each.end())
        found.append(
            DeadlineInfo(
                start=m.start(),
                end=max(end, m.end()),
                amount=amount,
                unit=unit,
                iso=iso,
                trigger=trigger,
                periodicity=periodicity,
                periodicity_text=periodicity_text,
                confidence=round(confidence * factor, 3),
                rule=rule_name,
            )
        )
    found.extend(_periodicities(text, g))
    return _without_overlaps(found)


def _periodicities(text: str, g: DeadlineGrammar) -> list[DeadlineInfo]:
    out: list[DeadlineInfo] = []
    for rx, rule in g.dates:
        for m in rx.finditer(text):
            out.append(_periodic(m.start(), m.end(), "P1Y", squash(m.group(0)), 0.8, rule.literal, squash(m.group("limit"))))
    for rx, rule in g.limits:
        yearly = re.compile(str(rule.meta.get("yearly_after", "^$")), re.I)
        past = re.compile(str(rule.meta["not_after"]), re.I) if rule.meta.get("not_after") else None
        for m in rx.finditer(text):
            if past is not None and past.match(text[m.end() :]):
                continue
            each = yearly.match(text[m.end() :])
            end = m.end() + (each.end() if each else 0)
            conf = float(rule.meta.get("confidence", 0.75))
            out.append(DeadlineInfo(m.start(), end, None, None, None, squash(m.group(0)), "P1Y" if each else None, squash(text[m.start() : end]) if each else None, conf, rule.literal))
    for m in g.adverb.finditer(text):
        iso = g.adverb_iso.get(m.group(0).lower())
        if iso:
            out.append(_periodic(m.start(), m.end(), iso, m.group(0), 0.85, "adverbio de periodicidad"))
    for m in g.adjective.finditer(text):
        iso = g.adjective_iso.get(m.group(1).lower())
        if not iso or m.group(0).lower().endswith("es"):
            continue  # plural adjectives describe things ("ingresos mensuales"), not acts
        before = text[max(0, m.start() - 60) : m.start()]
        after = text[m.end() : m.end() + 5]
        for rx, needs, rule in g.contexts:
            cm = rx.search(before)
            if cm is None or (needs is not None and not needs.search(after)):
                continue
            start = m.start() if needs is not None else m.start() - len(before) + cm.start()
            out.append(_periodic(start, m.end(), iso, m.group(0), 0.75, rule.literal))
            break
    for rx, rule in g.every:
        table = rule.meta.get("iso", {})
        veto = re.compile(str(rule.meta["not_after"]), re.I) if rule.meta.get("not_after") else None
        for m in rx.finditer(text):
            word = (m.group("unit") or m.groupdict().get("unit2") or "").lower()
            iso = table.get(word) or table.get(word.rstrip("s")) or table.get(word[:-2] if word.endswith("es") else word) if isinstance(table, dict) else None
            if veto is not None and veto.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            if iso:
                out.append(_periodic(m.start(), m.end(), iso, squash(m.group(0)), 0.75, rule.literal))
    return out


def _periodic(start: int, end: int, iso: str, printed: str, confidence: float, rule: str, trigger: str | None = None) -> DeadlineInfo:
    return DeadlineInfo(start, end, None, None, None, trigger, iso, printed, confidence, rule)


def _without_overlaps(found: list[DeadlineInfo]) -> list[DeadlineInfo]:
    """Keep amounts over periodicities, then longer over shorter, in text order."""
    ranked = sorted(found, key=lambda d: (d.amount is None, -(d.end - d.start), d.start))
    kept: list[DeadlineInfo] = []
    for d in ranked:
        if any(d.start < k.end and k.start < d.end for k in kept):
            continue
        kept.append(d)
    return sorted(kept, key=lambda d: d.start)


class DeadlineRuler:
    """Mark deadlines as ``doc.spans[spans_key]`` with ``span._.cabildo_deadline``.

    doc (Doc): the document (only its text is read).
    RETURNS (Doc): the document with the deadline spans set.
    """

    def __init__(self, nlp: Language, name: str = "cabildo_deadlines", *, spans_key: str = "cabildo_deadlines", rules: str = "deadlines") -> None:
        _extensions.register()
        self.name = name
        self.spans_key = spans_key
        self.grammar = DeadlineGrammar(list(load_rules(rules)))

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None, rules: list[Rule] | None = None) -> None:
        """Replace the rules (given as a list)."""
        if rules is not None:
            self.grammar = DeadlineGrammar(list(rules))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for info in find_deadlines(doc_text(doc), self.grammar):
            span = doc.char_span(info.start, info.end, label="deadline" if info.amount else "periodicity", alignment_mode="expand")
            if span is None:
                continue
            span._.cabildo_deadline = info
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("cabildo_deadlines", assigns=["doc.spans"], default_config={"spans_key": "cabildo_deadlines", "rules": "deadlines"})
def make_deadline_ruler(nlp: Language, name: str, spans_key: str, rules: str) -> DeadlineRuler:
    """Factory of the deadline ruler."""
    return DeadlineRuler(nlp, name, spans_key=spans_key, rules=rules)
