"""Every rule file loads, and every rule's examples and counterexamples hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from extract.nlp import duties, hierarchy
from extract.nlp.deadlines import find_deadlines
from extract.nlp.rules import Rule, RuleError, load_rules, read_rules, rule_files


def _cases(name: str, labels: set[str] | None = None) -> list[tuple[str, Rule]]:
    return [(f"{name}:{r.literal}", r) for r in load_rules(name) if labels is None or r.label in labels]


def test_rule_files_load() -> None:
    names = rule_files()
    assert {"organs", "organ_names", "duties", "deadlines", "hierarchy", "numbers"} <= set(names)
    for name in names:
        rules = load_rules(name)
        assert rules, name
        assert all(r.literal for r in rules)


def test_bad_rule_lines_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "X"}\n', encoding="utf-8")
    with pytest.raises(RuleError, match="bad.jsonl:1"):
        read_rules(bad)
    bad.write_text('{"label": "X", "literal": "x", "regex": "("}\n', encoding="utf-8")
    with pytest.raises(RuleError, match="bad regex"):
        read_rules(bad)
    bad.write_text('// a comment\n\n{"label": "X", "literal": "y", "pattern": [{"LOWER": "y"}]}\n', encoding="utf-8")
    assert [r.literal for r in read_rules(bad)] == ["y"]


def test_rules_round_trip_as_json() -> None:
    for name in rule_files():
        for rule in load_rules(name):
            assert Rule.from_dict(json.loads(json.dumps(rule.to_dict()))) == rule


def _outer_texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.text for s in doc.spans["cabildo_organs"] if not s._.cabildo_organ.nested]


@pytest.mark.parametrize(("case", "rule"), _cases("organs"))
def test_organ_rule_examples(case: str, rule: Rule, blank: Language) -> None:
    assert rule.examples or rule.counterexamples or rule.label, case
    for example in rule.examples:
        doc = blank(example.text)
        assert example.match in _outer_texts(doc), (case, example.text, _outer_texts(doc))
    index = list(load_rules("organs")).index(rule)
    for text in rule.counterexamples:
        doc = blank(text)
        found = [s.text for s in doc.spans["cabildo_organs"] if s._.cabildo_organ.rule_index == index]
        assert not found, (case, text, found)


@pytest.mark.parametrize(("case", "rule"), _cases("deadlines"))
def test_deadline_rule_examples(case: str, rule: Rule) -> None:
    for example in rule.examples:
        got = [example.text[d.start : d.end] for d in find_deadlines(example.text)]
        assert example.match in got, (case, example.text, got)
    for text in rule.counterexamples:
        assert find_deadlines(text) == [], (case, text)


@pytest.mark.parametrize(("case", "rule"), _cases("duties", {"HEADER"}))
def test_duty_header_examples(case: str, rule: Rule, blank: Language) -> None:
    for example in rule.examples:
        ctx = duties.read_header(blank(example.text))
        assert ctx is not None and ctx.bearers[0] == example.match, (case, example.text, ctx)
        assert ctx.rule == rule.literal, (case, ctx.rule)
    for text in rule.counterexamples:
        assert duties.read_header(blank(text)) is None, (case, text)


@pytest.mark.parametrize(("case", "rule"), _cases("duties", {"SENTENCE_CUE"}))
def test_duty_sentence_examples(case: str, rule: Rule, nlp: Language) -> None:
    assert rule.examples, f"{case} needs an example"
    for example in rule.examples:
        doc = nlp(example.text)
        infos = [s._.cabildo_duty for s in doc.spans["cabildo_duties"]]
        assert any(example.match in i.bearers for i in infos), (case, example.text, infos)
    for text in rule.counterexamples:
        doc = nlp(text)
        infos = [s._.cabildo_duty for s in doc.spans["cabildo_duties"]]
        assert not infos, (case, text, infos)


@pytest.mark.parametrize(("case", "rule"), _cases("duties", {"JOINT"}))
def test_joint_examples(case: str, rule: Rule, blank: Language) -> None:
    for example in rule.examples:
        assert example.match in duties.joint_bearers(blank(example.text)), (case, example.text)


@pytest.mark.parametrize(("case", "rule"), _cases("duties", {"NOT_DUTY_HEADER"}))
def test_not_duty_headers(case: str, rule: Rule, blank: Language) -> None:
    for example in rule.examples:
        assert duties.read_header(blank(example.text)) is None, (case, example.text)


@pytest.mark.parametrize(("case", "rule"), _cases("hierarchy"))
def test_hierarchy_examples(case: str, rule: Rule, blank: Language) -> None:
    for example in rule.examples:
        doc = blank(example.text)
        if rule.label == "HEADER":
            header = hierarchy.read_parent_header(doc)
            assert header is not None and header.parent == example.match, (case, header)
        else:
            edges = [f"{e.child} > {e.parent}" for e in hierarchy.sentence_edges(doc)]
            assert example.match in edges, (case, edges)
    for text in rule.counterexamples:
        doc = blank(text)
        assert hierarchy.sentence_edges(doc) == [] and hierarchy.read_parent_header(doc) is None, (case, text)
