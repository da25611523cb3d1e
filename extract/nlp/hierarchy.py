"""Which organ depends on which, and the ``cabildo_hierarchy`` component.

Two shapes, both in ``hierarchy.jsonl``:

* a list header naming a parent, whose items each name one child: "La
  Dirección de Servicios Administrativos, contará con las siguientes
  dependencias bajo su control: 1.- Una Oficina de ..." (read with
  :func:`read_parent_header`, the caller pairs it with the items);
* a sentence: "la Oficina de Atención al Ciudadano, la cual dependerá,
  directamente de la Vicepresidencia ...", "X, adscrita a la Alcaldía".

Both ends must be organ mentions, so "el personal adscrito al organismo"
gives no edge.  Only organ spans and regexes are used: no parse needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import _extensions
from ._extensions import doc_text
from .duties import _mention_after, _mention_before
from .rules import Rule, load_rules


_CUE = re.compile(r"depend|adscrit", re.I)  # every sentence rule has one of these


@dataclass(frozen=True, slots=True)
class ParentHeader:
    """A list header whose items are children of ``parent``."""

    parent: str  # printed name
    relation: str
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class EdgeInfo:
    """A child -> parent link found in one sentence (character offsets)."""

    child: str
    parent: str
    relation: str
    start: int
    end: int
    confidence: float
    rule: str


class HierarchyGrammar:
    def __init__(self, rules: list[Rule]) -> None:
        self.headers = [(re.compile(r.regex or re.escape(r.literal)), r) for r in rules if r.label == "HEADER"]
        self.sentences = [(re.compile(r.regex or re.escape(r.literal), re.I), r) for r in rules if r.label == "SENTENCE"]


@lru_cache(maxsize=1)
def default_grammar() -> HierarchyGrammar:
    return HierarchyGrammar(list(load_rules("hierarchy")))


def _outer(doc: Doc, key: str) -> list[Span]:
    spans = doc.spans[key] if key in doc.spans else []
    return sorted((s for s in spans if not s._.cabildo_organ.nested), key=lambda s: s.start_char)


def read_parent_header(doc: Doc, organs_key: str = "cabildo_organs", grammar: HierarchyGrammar | None = None) -> ParentHeader | None:
    """The parent a list header gives its items, or None."""
    g = grammar or default_grammar()
    spans = _outer(doc, organs_key)
    text = doc_text(doc)
    for rx, rule in g.headers:
        for m in rx.finditer(text):
            needs = rule.meta.get("needs")
            if needs and not re.search(str(needs), text[m.end() :], re.I):
                continue
            if rule.meta.get("parent") == "before":
                found = _mention_before(spans, m.start(), text)
            else:
                found = _mention_after(spans, m.end(), text)
            if found is not None:
                return ParentHeader(found.text, str(rule.meta["relation"]), float(rule.meta.get("confidence", 0.8)), rule.literal)
    return None


def sentence_edges(doc: Doc, organs_key: str = "cabildo_organs", grammar: HierarchyGrammar | None = None) -> list[EdgeInfo]:
    """Edges stated in running text: the child before the cue, the parent after it."""
    g = grammar or default_grammar()
    text = doc_text(doc)
    if not _CUE.search(text):
        return []
    spans = _outer(doc, organs_key)
    if len(spans) < 2:
        return []
    out: list[EdgeInfo] = []
    for rx, rule in g.sentences:
        for m in rx.finditer(text):
            child = _mention_before(spans, m.start(), text)
            parent = _mention_after(spans, m.end(), text)
            if child is None or parent is None or child.text == parent.text:
                continue
            start = child.start_char
            end = parent.end_char
            out.append(EdgeInfo(child.text, parent.text, str(rule.meta["relation"]), start, end, float(rule.meta.get("confidence", 0.8)), rule.literal))
    return out


class HierarchyFinder:
    """Mark sentence-level hierarchy edges as ``doc.spans[spans_key]``.

    doc (Doc): the document, with organ mentions already found.
    RETURNS (Doc): the document with edge spans (``span._.cabildo_edge``).
    """

    def __init__(self, nlp: Language, name: str = "cabildo_hierarchy", *, spans_key: str = "cabildo_hierarchy", organs_key: str = "cabildo_organs", rules: str = "hierarchy") -> None:
        _extensions.register()
        self.name = name
        self.spans_key = spans_key
        self.organs_key = organs_key
        self.grammar = HierarchyGrammar(list(load_rules(rules)))

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None, rules: list[Rule] | None = None) -> None:
        """Replace the rules (given as a list)."""
        if rules is not None:
            self.grammar = HierarchyGrammar(list(rules))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for info in sentence_edges(doc, self.organs_key, self.grammar):
            span = doc.char_span(info.start, info.end, label=info.relation, alignment_mode="expand")
            if span is not None:
                span._.cabildo_edge = info
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("cabildo_hierarchy", assigns=["doc.spans"], default_config={"spans_key": "cabildo_hierarchy", "organs_key": "cabildo_organs", "rules": "hierarchy"})
def make_hierarchy_finder(nlp: Language, name: str, spans_key: str, organs_key: str, rules: str) -> HierarchyFinder:
    """Factory of the hierarchy finder."""
    return HierarchyFinder(nlp, name, spans_key=spans_key, organs_key=organs_key, rules=rules)
