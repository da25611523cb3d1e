"""Duties, powers and prohibitions, and the ``cabildo_duties`` component.

Two sources of duties:

* **List items.**  A header such as "Son atribuciones del Alcalde:" or
  "Corresponde al Secretario en materia administrativa:" names a bearer; each
  item under it is one duty whose action is the lemma of the item's first verb
  ("Coordinar", "Tendrá" -> "tener").  The caller reads the header with
  :func:`read_header` and passes the result as ``doc._.cabildo_item``.
* **Sentences.**  A cue ("deberá", "podrá", "no podrá", "corresponde a",
  "será la encargada de", "queda prohibido", a prescriptive future
  "sancionará") plus an organ that is the grammatical subject (from the
  dependency parse), the dative ("A la Dirección X le corresponde") or the
  agent of a passive ("deberá ser aprobado por el Concejo").

A duty without a bearer is dropped: answers are shown to lawyers, so precision
comes before recall, and every duty carries a confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import _extensions
from ._extensions import doc_text
from .facts import DutyType
from .rules import Rule, load_rules
from .text import fold, squash

_INF_CLITIC = re.compile(r"^(.+?(?:ar|er|ir|ír))(?:se|lo|la|los|las|le|les|nos|selo|sela|selos|selas)$")
_INFINITIVE = re.compile(r"^[a-záéíóúñü]+(?:ar|er|ir|ír)(?:se|lo|la|los|las|le|les)?$")
_LEADING_NUMBER = re.compile(r"^\s*(?:\(?[0-9]{1,3}(?:[.º°o]|\.-|-|\))*-?|\(?[a-zñ]\)|[•·\-–—❖*]+)\s*", re.I)
_MATERIA = re.compile(r"\ben\s+materia\s+(?:de\s+)?((?:[\wáéíóúñ]+)(?:\s+(?:y|e|de|del)?\s*[\wáéíóúñ]+){0,2})", re.I)
_PREPOSITIONS = {"a", "al", "de", "del", "por", "con", "ante", "para", "en", "sobre", "entre", "hacia", "según", "sin", "bajo"}
_RELATIVES = {"que", "cual", "quien", "quienes", "cuales"}
MAX_ITEM_CHARS = 120  # items are tagged only up to here: the action is their first verb


@dataclass(frozen=True, slots=True)
class ItemContext:
    """What a list header says about each item under it."""

    bearers: tuple[str, ...]  # printed names of the holders
    type: DutyType
    confidence: float
    rule: str
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DutyInfo:
    """One duty found in a doc (character offsets into the doc)."""

    start: int
    end: int
    bearers: tuple[str, ...]
    action: str | None
    object: str | None
    type: DutyType
    subjects: tuple[str, ...]
    confidence: float
    rule: str
    action_end: int | None = None  # where the action verb ends (for the object)


class DutyGrammar:
    """Compiled rules of ``duties.jsonl``."""

    def __init__(self, rules: list[Rule]) -> None:
        by: dict[str, list[Rule]] = {}
        for rule in rules:
            by.setdefault(rule.label, []).append(rule)
        self.headers = [(re.compile(r.regex or re.escape(r.literal)), r) for r in by.get("HEADER", [])]
        self.header_nouns = {fold(r.literal): DutyType(r.meta["type"]) for r in by.get("HEADER_NOUN", [])}
        self.not_headers = [re.compile(r.regex or re.escape(r.literal), re.I) for r in by.get("NOT_DUTY_HEADER", [])]
        self.cues = [(re.compile(r.regex or re.escape(r.literal), re.I), r) for r in by.get("SENTENCE_CUE", []) if not r.meta.get("future")]
        self.future = next((r for r in by.get("SENTENCE_CUE", []) if r.meta.get("future")), None)
        cue_alt = "|".join(f"(?:{_unnamed(r.regex)})" for r in by.get("SENTENCE_CUE", []) if not r.meta.get("future") and r.regex)
        self.any_cue = re.compile(cue_alt, re.I) if cue_alt else None
        self.future_cue = re.compile(self.future.regex, re.I) if self.future and self.future.regex else None
        self.joint = [re.compile(r.regex or re.escape(r.literal), re.I) for r in by.get("JOINT", [])]
        self.residual = [(re.compile(r.regex or re.escape(r.literal), re.I), r) for r in by.get("RESIDUAL_ITEM", [])]
        self.negation = [re.compile(r.regex or re.escape(r.literal), re.I) for r in by.get("NEGATION", [])]
        self.not_action = {fold(r.literal) for r in by.get("NOT_ACTION", [])}
        self.generic = {fold(r.literal) for r in by.get("GENERIC_NOUN", [])}
        self.prohibitive = {fold(infinitive(r.literal)) for r in by.get("PROHIBITIVE_VERB", [])}
        self.not_infinitive = {fold(r.literal) for r in by.get("NOT_INFINITIVE", [])}
        self.power_verbs = {fold(r.literal) for r in by.get("POWER_VERB", [])}
        # longest first, so "dispondr" is read as dis+pondr, not as something shorter
        self.irregular_future = sorted(
            ((str(r.meta["stem"]), str(r.meta["infinitive"])) for r in by.get("IRREGULAR_FUTURE", [])), key=lambda x: -len(x[0])
        )
        self.irregular_participle = sorted(
            ((fold(r.literal), str(r.meta["infinitive"])) for r in by.get("IRREGULAR_PARTICIPLE", [])), key=lambda x: -len(x[0])
        )


def _unnamed(regex: str) -> str:
    """A regex with its named groups made anonymous, so several can be joined."""
    return re.sub(r"\(\?P<\w+>", "(?:", regex)


@lru_cache(maxsize=1)
def default_grammar() -> DutyGrammar:
    return DutyGrammar(list(load_rules("duties")))


def infinitive(word: str) -> str:
    """An infinitive without enclitics ("proveerse" -> "proveer")."""
    low = word.lower()
    m = _INF_CLITIC.match(low)
    return m.group(1) if m else low


def object_after(text: str, pos: int) -> str | None:
    """The words after the action verb up to the end of its clause."""
    rest = text[pos:]
    m = re.search(r"[;:.]\s|[;:.]$|\n", rest)
    phrase = squash(rest[: m.start()] if m else rest).strip(" ,")
    if len(phrase) > 200:
        phrase = phrase[:200].rsplit(" ", 1)[0] + " …"
    return phrase or None


def joint_bearers(doc: Doc, spans_key: str = "cabildo_organs", grammar: DutyGrammar | None = None) -> list[str]:
    """Organs named as joint holders: "conjuntamente con el Presidente"."""
    g = grammar or default_grammar()
    spans = sorted((s for s in doc.spans[spans_key] if not s._.cabildo_organ.nested), key=lambda s: s.start_char)
    out: list[str] = []
    for rx in g.joint:
        for m in rx.finditer(doc_text(doc)):
            found = _mention_after(spans, m.end(), doc_text(doc))
            if found is not None:
                out.extend(s.text for s in _coordinated(spans, found, doc_text(doc)))
    return list(dict.fromkeys(out))


def materia_terms(text: str) -> tuple[str, ...]:
    """Subject-matter words of "en materia administrativa" / "en materia de obras"."""
    return tuple(squash(m.group(1)).lower() for m in _MATERIA.finditer(text))


# -- headers -----------------------------------------------------------------


def rx_groups(m: re.Match[str]) -> set[str]:
    """Names of the groups of the regex that made ``m``."""
    return set(m.re.groupindex)


def _mention_after(spans: list[Span], pos: int, text: str) -> Span | None:
    for span in spans:
        if span.start_char >= pos and not text[pos : span.start_char].strip():
            return span
    return None


def _mention_before(spans: list[Span], pos: int, text: str) -> Span | None:
    best = None
    for span in spans:
        if span.end_char <= pos and not text[span.end_char : pos].strip(" ,\t\n\xa0"):
            best = span
    return best


def _coordinated(spans: list[Span], first: Span, text: str, backwards: bool = False) -> list[Span]:
    """``first`` and organs joined to it by "y", "e", "o", "," ("el Alcalde y el Síndico")."""
    chain = [first]
    ordered = sorted(spans, key=lambda s: s.start_char, reverse=backwards)
    current = first
    for span in ordered:
        if (span.start_char <= current.start_char) if not backwards else (span.start_char >= current.start_char):
            continue
        gap = text[current.end_char : span.start_char] if not backwards else text[span.end_char : current.start_char]
        if backwards and re.search(r"\b(?:a|al|de|del|por|con|ante|para|en|un|una)\s+(?:(?:el|la|los|las)\s+)?$", text[max(0, span.start_char - 12) : span.start_char], re.I):
            break  # "acogida por un concejal, el Concejo": not a coordinated subject
        if re.fullmatch(r"\s*(?:,\s*(?:(?:y|e|o|u)\s+)?|(?:y|e|o|u)\s+)(?:(?:el|la|los|las|al|a\s+la|a\s+los|del|de\s+la)\s+)?", gap, re.I):
            chain.append(span)
            current = span
        else:
            break
    return chain


def read_header(doc: Doc, spans_key: str = "cabildo_organs", grammar: DutyGrammar | None = None) -> ItemContext | None:
    """The bearer and duty type a list header gives its items, or None.

    Only the header's last sentence is read ("ARTÍCULO 28.- El Director ...
    cumplirá las siguientes funciones:"), and a header about requirements or
    causes is not a duty header even when it names an organ.
    """
    g = grammar or default_grammar()
    text = doc_text(doc)
    cut = max((m.end() for m in re.finditer(r"[.;]\s+(?=[A-ZÁÉÍÓÚÑ])", text.rstrip())), default=0)
    tail = text[cut:]
    if any(rx.search(tail) for rx in g.not_headers):
        return None
    spans = sorted(
        (s for s in doc.spans[spans_key] if not s._.cabildo_organ.nested and s.start_char >= cut),
        key=lambda s: s.start_char,
    )
    for rx, rule in g.headers:
        for m in rx.finditer(text, cut):
            where = rule.meta.get("bearer", "after")
            confidence = float(rule.meta.get("confidence", 0.85))
            if where == "after":
                found = _mention_after(spans, m.end(), text)
                chain = _coordinated(spans, found, text) if found else []
            elif where == "before":
                found = _mention_before(spans, m.start(), text)
                if found is None and spans and spans[0].start_char < m.start():
                    found = spans[0]  # "La acción del Concejo ..., para lo cual tiene los siguientes deberes"
                    confidence *= 0.8
                chain = _coordinated(spans, found, text, backwards=True) if found else []
            elif where == "previous":
                chain = _previous_topic(doc, spans_key, cut)
            else:
                pos = m.start("bearer")
                found = next((s for s in spans if pos <= s.start_char <= pos + 2), None)
                chain = [found] if found else []
            if not chain:
                continue
            kind = _header_type(rule, m, text, g)
            return ItemContext(
                bearers=tuple(s.text for s in sorted(chain, key=lambda s: s.start_char)),
                type=kind,
                confidence=confidence,
                rule=rule.literal,
                subjects=materia_terms(tail),
            )
    return None


def _previous_topic(doc: Doc, spans_key: str, cut: int) -> list[Span]:
    """For "Sus atribuciones son:": the organ the sentence before introduced.

    An organ brought in with "un"/"una" ("nombrará ... un Secretario") is the
    new topic; otherwise the first organ of that sentence (its subject).
    """
    before = sorted(
        (s for s in doc.spans[spans_key] if not s._.cabildo_organ.nested and s.end_char <= cut),
        key=lambda s: s.start_char,
    )
    if not before:
        return []
    start = max((m.end() for m in re.finditer(r"[.;]\s+(?=[A-ZÁÉÍÓÚÑ])", doc_text(doc)[: max(0, cut - 2)])), default=0)
    sentence = [s for s in before if s.start_char >= start]
    if not sentence:
        return []
    for span in sentence:
        if re.search(r"\b(?:un|una)\s+$", doc_text(doc)[max(0, span.start_char - 5) : span.start_char], re.I):
            return [span]
    return [sentence[0]]


def _header_type(rule: Rule, m: re.Match[str], text: str, g: DutyGrammar) -> DutyType:
    declared = rule.meta.get("type", "obligation")
    if declared == "from_noun":
        for word in re.findall(r"[\wáéíóúñ]+", m.group(0)):
            if fold(word) in g.header_nouns:
                return g.header_nouns[fold(word)]
        return DutyType.OBLIGATION
    if declared == "from_modal":
        if m.group("neg"):
            return DutyType.PROHIBITION
        return DutyType.POWER if fold(m.group("modal")).startswith("pod") else DutyType.OBLIGATION
    return DutyType(declared)


# -- the component -------------------------------------------------------------


class DutyFinder:
    """Find duties; see the module docstring.

    doc (Doc): a parsed list item (with ``doc._.cabildo_item``) or sentence,
        with organ mentions in ``doc.spans[organs_key]``.
    RETURNS (Doc): the document with ``doc.spans[spans_key]`` set.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "cabildo_duties",
        *,
        spans_key: str = "cabildo_duties",
        organs_key: str = "cabildo_organs",
        rules: str = "duties",
        min_confidence: float = 0.45,
    ) -> None:
        _extensions.register()
        self.name = name
        self.spans_key = spans_key
        self.organs_key = organs_key
        self.min_confidence = min_confidence
        self.grammar = DutyGrammar(list(load_rules(rules)))
        self._nlp = nlp
        self._infinitives: frozenset[str] | None = None

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None, rules: list[Rule] | None = None) -> None:
        """Replace the rules (given as a list)."""
        if rules is not None:
            self.grammar = DutyGrammar(list(rules))

    def lemma(self, tok: Token) -> str:
        """The token's lemma; computed here when the lemmatizer did not run.

        The Spanish rule lemmatizer is slow Python, and a duty needs only a
        handful of lemmas, so the pipeline may skip it and ask here.
        """
        if tok.lemma_:
            return tok.lemma_
        if "lemmatizer" in self._nlp.pipe_names:
            lemmatizer: Any = self._nlp.get_pipe("lemmatizer")
            try:
                found = lemmatizer.rule_lemmatize(tok)
                if found:
                    return str(found[0])
            except Exception:  # a lemmatizer without rule tables
                pass
        return tok.lower_

    def __call__(self, doc: Doc) -> Doc:
        infos: list[DutyInfo] = []
        try:
            context = doc._.cabildo_item
            if context is not None:
                info = self.item_duty(doc, context)
                infos = [info] if info else []
            else:
                infos = self.sentence_duties(doc)
        except Exception as exc:  # one odd passage must not stop a build; it is counted
            infos = []
            doc.user_data.setdefault("cabildo_errors", []).append(f"{self.name}: {exc!r}")
        spans = []
        for info in infos:
            if info.confidence < self.min_confidence:
                continue
            span = doc.char_span(info.start, info.end, label=str(info.type), alignment_mode="expand")
            if span is None:
                continue
            span._.cabildo_duty = info
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    # -- helpers on the organ spans --

    def _outer(self, doc: Doc) -> list[Span]:
        spans = doc.spans[self.organs_key] if self.organs_key in doc.spans else []
        return sorted((s for s in spans if not s._.cabildo_organ.nested), key=lambda s: s.start_char)

    def _joint(self, doc: Doc, spans: list[Span]) -> list[Span]:
        out: list[Span] = []
        for rx in self.grammar.joint:
            for m in rx.finditer(doc_text(doc)):
                found = _mention_after(spans, m.end(), doc_text(doc))
                if found is not None:
                    out.extend(_coordinated(spans, found, doc_text(doc)))
        return out

    # -- list items --

    def item_duty(self, doc: Doc, context: ItemContext) -> DutyInfo | None:
        """The one duty a list item states for the header's bearer."""
        text = doc_text(doc)
        lead = _LEADING_NUMBER.match(text)
        body_start = lead.end() if lead else 0
        if not text[body_start:].strip():
            return None
        confidence = context.confidence
        rule = f"item:{context.rule}"
        duty_type = context.type
        for rx, residual_rule in self.grammar.residual:
            if rx.search(text[body_start:]):
                confidence = min(confidence, float(residual_rule.meta.get("confidence", 0.5)))
                rule = f"residual:{context.rule}"
        head = text[body_start : body_start + 40]
        if re.match(r"\s*(?:no|nunca)\b", head, re.I):
            duty_type = DutyType.PROHIBITION
        residual = rule.startswith("residual:")
        verb = self._first_verb(doc, body_start)
        action = None
        obj = None
        if verb is not None:
            action_token = verb
            lemma = fold(self.lemma(verb))
            if lemma in ("deber", "poder"):
                nxt = self._infinitive_after(doc, verb.i)
                if nxt is not None:
                    if lemma == "poder" and duty_type is DutyType.OBLIGATION:
                        duty_type = DutyType.POWER
                    action_token = nxt
            action = self._lemma(action_token)
            obj = self._object(doc, action_token)
            duty_type = self._type_by_verb(action, duty_type)
        elif not residual:
            confidence *= 0.75
        bearers = list(context.bearers)
        for span in self._joint(doc, self._outer(doc)):
            if span.text not in bearers:
                bearers.append(span.text)
        subjects = tuple(dict.fromkeys(context.subjects + self._subject_terms(doc, action_token if verb is not None else None)))
        end = len(text.rstrip())
        action_end = action_token.idx + len(action_token.text) if verb is not None else None
        return DutyInfo(body_start, end, tuple(bearers), action, obj, duty_type, subjects, round(confidence, 3), rule, action_end)

    def infinitives(self) -> frozenset[str]:
        """Known infinitives, from the lemmatizer's verb index (empty without one)."""
        if self._infinitives is None:
            found: frozenset[str] = frozenset()
            if "lemmatizer" in self._nlp.pipe_names:
                lemmatizer: Any = self._nlp.get_pipe("lemmatizer")
                try:
                    found = frozenset(str(w) for w in lemmatizer.lookups.get_table("lemma_index").get("verb", []))
                except Exception:  # a lemmatizer without that table
                    pass
            self._infinitives = found
        return self._infinitives

    def future_infinitive(self, word: str) -> str | None:
        """The infinitive of a future form ("sancionará" -> "sancionar"), if known."""
        low = word.lower()
        m = re.fullmatch(r"([a-záéíóúñü]+?)(?:á|án)", low)
        if not m:
            return None
        stem = m.group(1)
        if stem in self.infinitives():
            return stem
        for irregular, inf in self.grammar.irregular_future:
            if stem.endswith(irregular):
                candidate = stem[: len(stem) - len(irregular)] + inf
                if candidate in self.infinitives() or candidate == inf:
                    return candidate
        return None

    def participle_infinitive(self, word: str) -> str | None:
        """The infinitive of a participle ("designado" -> "designar"), if known."""
        low = fold(word)
        m = re.fullmatch(r"([a-zñü]+?)(ad|id)(?:o|a|os|as)", low)
        if m:
            if m.group(2) == "ad":
                return m.group(1) + "ar"  # every -ado participle comes from an -ar verb
            for ending in ("er", "ir"):
                candidate = m.group(1) + ending
                if candidate in self.infinitives():
                    return candidate
        base = re.sub(r"(?:os|as|a)$", "o", low)
        for irregular, inf in self.grammar.irregular_participle:
            if base.endswith(irregular):
                return base[: len(base) - len(irregular)] + inf
        return None

    def starts_with_infinitive(self, text: str) -> bool:
        """Cheap test for list items: is the first word a known infinitive?

        Such items need no tagging at all: the first word is the action.
        """
        lead = _LEADING_NUMBER.match(text)
        m = re.match(r"\s*([^\W\d_]+)", text[lead.end() if lead else 0 :])
        return m is not None and infinitive(m.group(1)) in self.infinitives()

    def _type_by_verb(self, action: str, declared: DutyType) -> DutyType:
        """Prohibitions stay; otherwise a verb of authority makes a power, any other an obligation.

        List headers mix the two ("Son deberes y atribuciones"), so the verb of
        each item decides, as lawyers read them.
        """
        verb = fold(infinitive(action))
        if declared is DutyType.PROHIBITION or verb in self.grammar.prohibitive:
            return DutyType.PROHIBITION
        return DutyType.POWER if verb in self.grammar.power_verbs else DutyType.OBLIGATION

    def _first_verb(self, doc: Doc, body_start: int) -> Token | None:
        """The item's first verb, if it comes early (nominal items have none)."""
        content = [t for t in doc if t.idx >= body_start and not t.is_space and not t.is_punct]
        if content and infinitive(content[0].lower_) in self.infinitives():
            return content[0]  # a known infinitive: no tagger needed
        for pos, tok in enumerate(content[:6]):
            if tok.pos_ in ("VERB", "AUX") or "Inf" in tok.morph.get("VerbForm", []):
                if pos == 0 or tok.pos_ == "VERB":
                    return tok
            if pos == 0 and _INFINITIVE.match(tok.lower_) and len(content) > 1 and content[1].pos_ in ("DET", "ADP", "CCONJ", "PRON", "PUNCT", "NOUN", "ADV"):
                return tok  # a capitalised infinitive tagged as a name: "Velar por ..."
            if pos == 0 and tok.pos_ in ("DET", "NUM"):
                return None  # "La automatización de ...": a nominal item
        return None

    def _lemma(self, tok: Token) -> str:
        low = tok.lower_
        if infinitive(low) in self.infinitives():
            return infinitive(low)
        if _INFINITIVE.match(low) and ("Inf" in tok.morph.get("VerbForm", []) or tok.i == 0 or tok.pos_ != "VERB"):
            return infinitive(low)
        derived = self.future_infinitive(low) or self.participle_infinitive(low)
        if derived is not None:
            return derived
        lemma = self.lemma(tok).lower() or low
        return infinitive(lemma)

    def _is_infinitive(self, tok: Token) -> bool:
        if "Inf" in tok.morph.get("VerbForm", []):
            return True
        if tok.doc.has_annotation("POS"):
            return bool(_INFINITIVE.match(tok.lower_)) and tok.pos_ in ("VERB", "AUX")
        # untagged: a known infinitive, or a word shaped like one right after a
        # cue ("deberá señalizar", "encargada de señalizar") unless it is a noun
        low = infinitive(tok.lower_)
        return low in self.infinitives() or (bool(_INFINITIVE.match(tok.lower_)) and fold(low) not in self.grammar.not_infinitive)

    def _is_participle(self, tok: Token) -> bool:
        if tok.doc.has_annotation("MORPH"):
            return "Part" in tok.morph.get("VerbForm", [])
        return self.participle_infinitive(tok.lower_) is not None

    def _infinitive_after(self, doc: Doc, i: int) -> Token | None:
        for tok in doc[i + 1 : i + 5]:
            if tok.is_space:
                continue
            if self._is_infinitive(tok):
                return tok
            if tok.is_punct:
                return None
        return None

    def _object(self, doc: Doc, verb: Token) -> str | None:
        return object_after(doc_text(doc), verb.idx + len(verb.text))

    def _subject_terms(self, doc: Doc, verb: Token | None) -> tuple[str, ...]:
        if verb is None:
            return ()
        terms: list[str] = []
        for tok in doc[verb.i + 1 : verb.i + 25]:
            if tok.text in (";", ".", ":"):
                break
            tagged = doc.has_annotation("POS")
            noun = tok.pos_ == "NOUN" if tagged else (tok.is_alpha and tok.is_lower and not tok.is_stop and not _INFINITIVE.match(tok.lower_))
            if noun and len(tok.text) > 3:
                lemma = self.lemma(tok).lower()
                if fold(lemma) not in self.grammar.generic:
                    terms.append(lemma)
            if len(terms) == 3:
                break
        return tuple(terms)

    # -- sentences --

    def sentence_duties(self, doc: Doc) -> list[DutyInfo]:
        """Duties stated in running text (the doc is one sentence or a few)."""
        spans = self._outer(doc)
        if not spans:
            return []
        text = doc_text(doc)
        if text.rstrip().endswith(":") and any(rx.search(text) for rx, _ in self.grammar.headers):
            return []  # a list header: its items carry the duties
        found: dict[tuple[str | None, tuple[str, ...]], DutyInfo] = {}
        sent_start = len(text) - len(text.lstrip())
        sent_end = len(text.rstrip())
        for rx, rule in self.grammar.cues:
            for m in rx.finditer(text):
                info = self._cue_duty(doc, spans, m, rule, sent_start, sent_end)
                if info is not None:
                    key = (info.action, info.bearers)
                    if key not in found or found[key].confidence < info.confidence:
                        found[key] = info
        if self.grammar.future is not None and not text.rstrip().endswith(":"):
            for info in self._future_duties(doc, spans, self.grammar.future, sent_start, sent_end):
                key = (info.action, info.bearers)
                if key not in found:
                    found[key] = info
        return sorted(found.values(), key=lambda d: d.start)

    def _token_at(self, doc: Doc, char: int) -> Token | None:
        span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _cue_duty(self, doc: Doc, spans: list[Span], m: re.Match[str], rule: Rule, s0: int, s1: int) -> DutyInfo | None:
        text = doc_text(doc)
        duty_type = DutyType(rule.meta.get("type", "obligation"))
        confidence = float(rule.meta.get("confidence", 0.75))
        where = rule.meta.get("bearer", "subject")
        cue_tok = self._token_at(doc, m.start())
        if cue_tok is None:
            return None
        before = text[max(0, m.start() - 40) : m.start()]
        negated = any(rx.search(before) for rx in self.grammar.negation)
        action_tok: Token | None = None
        bearers: list[Span] = []
        lemma = rule.meta.get("lemma")
        if lemma in ("deber", "poder"):
            inf = self._infinitive_after(doc, cue_tok.i)
            if inf is None:
                return None  # "debe" as a noun or "puede" without a verb after it
            action_tok = inf
            if fold(inf.lower_) == "ser":
                part = next((t for t in doc[inf.i + 1 : inf.i + 4] if self._is_participle(t)), None)
                if part is not None:
                    action_tok = part
                    agent = self._agent(doc, spans, part)
                    if agent is None:
                        return None
                    bearers = [agent]
            if not bearers:
                if self._reflexive(doc, cue_tok) or (inf.lower_.endswith("se") and fold(inf.lower_) not in ("ser",)):
                    agent = self._agent(doc, spans, inf)
                    if agent is None:
                        return None
                    bearers = [agent]
                else:
                    bearers, confidence = self._subject(doc, spans, cue_tok, inf, confidence)
            if negated:
                duty_type = DutyType.PROHIBITION
        elif where == "after":
            first = _mention_after(spans, m.end(), text)
            if first is None:
                return None
            bearers = _coordinated(spans, first, text)
            action_tok = self._infinitive_after(doc, first[-1].i)
        elif where == "agent":
            first = _mention_after(spans, m.end(), text)
            if first is None:
                return None
            bearers = [first]
            action_tok = self._token_at(doc, m.start("verb")) if "verb" in rx_groups(m) else None
        elif where == "dative":
            dative = self._dative(spans, m.start(), text)
            if dative is None:
                return None
            bearers = [dative]
            action_tok = self._infinitive_after(doc, cue_tok.i + 1) if cue_tok.i + 1 < len(doc) else None
            if action_tok is None and cue_tok.i + 1 < len(doc):
                action_tok = self._infinitive_after(doc, cue_tok.i)
        elif where == "dative_or_subject":
            lead = re.match(r"\s*(?:al|a\s+la|a\s+los|a\s+las|a)?\s*", text[m.end() :], re.I)
            first = _mention_after(spans, m.end() + (lead.end() if lead else 0), text)
            if first is not None:
                bearers = [first]
                action_tok = self._infinitive_after(doc, first[-1].i)
            else:
                bearers, confidence = self._subject(doc, spans, cue_tok, None, confidence)
                end_tok = self._token_at(doc, m.end() - 1)
                action_tok = self._infinitive_after(doc, end_tok.i) if end_tok is not None else None
        else:  # subject
            bearers, confidence = self._subject(doc, spans, cue_tok, None, confidence)
            end_tok = self._token_at(doc, m.end() - 1)
            if end_tok is not None:
                action_tok = self._infinitive_after(doc, end_tok.i)
        if not bearers:
            return None
        action = self._lemma(action_tok) if action_tok is not None else None
        if action is None:
            confidence *= 0.85
        elif lemma != "poder":  # "podrá" already makes a power
            duty_type = self._type_by_verb(action, duty_type)
        obj = self._object(doc, action_tok) if action_tok is not None else self._nominal_object(text, m, s0)
        subjects = tuple(dict.fromkeys(materia_terms(text) + self._subject_terms(doc, action_tok)))
        names = tuple(s.text for s in sorted(set(bearers), key=lambda s: s.start_char))
        action_end = action_tok.idx + len(action_tok.text) if action_tok is not None else None
        return DutyInfo(s0, s1, names, action, obj, duty_type, subjects, round(confidence, 3), f"sentence:{rule.literal}", action_end)

    def _nominal_object(self, text: str, m: re.Match[str], s0: int) -> str | None:
        """For "La ejecución de X corresponde a Y": the words before the cue."""
        head = text[s0 : m.start()]
        head = re.sub(r"^\s*(?:art[íi]culo|art\.?)\s*[\w-]+\s*[.:\-–]*\s*", "", head, flags=re.I)
        head = squash(head).strip(" ,")
        return head or None

    def _reflexive(self, doc: Doc, modal: Token) -> bool:
        prev = doc[modal.i - 1] if modal.i > 0 else None
        return prev is not None and prev.lower_ == "se"

    def _agent(self, doc: Doc, spans: list[Span], verb: Token) -> Span | None:
        """The organ after "por" in a passive ("aprobado por el Concejo")."""
        for tok in doc[verb.i + 1 : verb.i + 10]:
            if tok.is_punct and tok.text != ",":
                return None
            if tok.lower_ == "por":
                after = doc_text(doc)[tok.idx + 3 :]
                lead = re.match(r"\s*(?:el|la|los|las)?\s*", after)
                pos = tok.idx + 3 + (lead.end() if lead else 0)
                return _mention_after(spans, pos, doc_text(doc))
        return None

    def _dative(self, spans: list[Span], pos: int, text: str) -> Span | None:
        """The organ in "A la Dirección X (,) le corresponde"."""
        best = None
        for span in spans:
            if span.end_char > pos:
                break
            lead = text[max(0, span.start_char - 6) : span.start_char]
            gap = text[span.end_char : pos]
            if re.search(r"\b(?:al|a\s+la|a\s+los|a\s+las|a)\s*$", lead, re.I) and re.fullmatch(r"[\s,]*", gap):
                best = span
        return best

    def _subject(self, doc: Doc, spans: list[Span], verb: Token, inf: Token | None, confidence: float) -> tuple[list[Span], float]:
        """The organ that is the subject of ``verb`` (parse first, then position)."""
        by_token: dict[int, Span] = {}
        for span in spans:
            for tok in span:
                by_token[tok.i] = span
        parsed = doc.has_annotation("DEP")
        if parsed:
            other_subject = False
            for head in (verb, inf, verb.head if verb.dep_ in ("aux", "cop") else None):
                if head is None:
                    continue
                for child in head.children:
                    if child.dep_ in ("nsubj", "nsubj:pass"):
                        if child.i in by_token:
                            first = by_token[child.i]
                            chain = [first] + [by_token[c.i] for c in child.conjuncts if c.i in by_token]
                            return list(dict.fromkeys(chain)), confidence
                        other_subject = other_subject or child.lower_ not in _RELATIVES
            if other_subject:
                return [], confidence  # the parser names someone else as the subject
        # fallback: the organ right before the verb, not governed by a preposition;
        # without a parse only an organ next to the verb counts ("El Alcalde, podrá")
        max_gap = 4 if parsed else 1
        for span in reversed(spans):
            if span.end_char > verb.idx:
                continue
            between = doc_text(doc)[span.end_char : verb.idx]
            words = re.findall(r"[\wáéíóúñ]+", between.lower())
            if len(words) > max_gap or any(w in _RELATIVES for w in words[:1]) and len(words) > 2:
                break
            lead = [w for w in re.findall(r"[\wáéíóúñ]+", doc_text(doc)[max(0, span.start_char - 12) : span.start_char].lower()) if w not in ("el", "la", "los", "las")]
            through = re.search(r"\b(?:a\s+trav[eé]s|por\s+intermedio|por\s+medio)\s+de(?:l)?\s+(?:la\s+|el\s+|los\s+|las\s+)?$", doc_text(doc)[max(0, span.start_char - 30) : span.start_char], re.I)
            if through:
                # "X, a través de Y, podrá": X acts (Y is its means) when X is an organ
                actor = _mention_before(spans, span.start_char - len(through.group(0)), doc_text(doc))
                if actor is not None:
                    span = actor
            elif lead and lead[-1] in _PREPOSITIONS:
                break  # "la resolución del Alcalde podrá": not the subject
            if re.search(r"[;:]", between):
                break
            chain = _coordinated(spans, span, doc_text(doc), backwards=True)
            return chain, confidence * 0.85
        return [], confidence

    def _future_duties(self, doc: Doc, spans: list[Span], rule: Rule, s0: int, s1: int) -> list[DutyInfo]:
        """A future indicative verb whose parsed subject is an organ: "El Alcalde sancionará"."""
        out: list[DutyInfo] = []
        base = float(rule.meta.get("confidence", 0.7))
        by_token: dict[int, Span] = {}
        for span in spans:
            for t in span:
                by_token[t.i] = span
        tagged = doc.has_annotation("POS")
        for tok in doc:
            if tagged:
                if tok.pos_ != "VERB" or "Fut" not in tok.morph.get("Tense", []) or "Ind" not in tok.morph.get("Mood", []):
                    continue
                lemma = infinitive(self.lemma(tok).lower())
            else:
                found = self.future_infinitive(tok.lower_)
                if found is None:
                    continue
                lemma = found
            if fold(lemma) in self.grammar.not_action or fold(lemma) in ("deber", "poder"):
                continue
            if any(t.lower_ == "se" for t in doc[max(0, tok.i - 2) : tok.i]) and fold(lemma) not in self.grammar.prohibitive:
                continue  # "se notificará": passive or impersonal ("se abstendrán" is neither)
            subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i in by_token), None)
            confidence = base
            if subj is not None:
                chain = [by_token[subj.i]] + [by_token[c.i] for c in subj.conjuncts if c.i in by_token]
            else:
                if any(c.dep_ == "nsubj" for c in tok.children):
                    continue  # the parser found another subject
                chain, confidence = self._subject(doc, spans, tok, None, base * 0.9)
                if not chain:
                    continue
            names = tuple(s.text for s in sorted(set(chain), key=lambda s: s.start_char))
            before = doc_text(doc)[max(0, tok.idx - 30) : tok.idx]
            negated = any(rx.search(before) for rx in self.grammar.negation)
            kind = DutyType.PROHIBITION if negated else self._type_by_verb(lemma, DutyType.OBLIGATION)
            subjects = tuple(dict.fromkeys(materia_terms(doc_text(doc)) + self._subject_terms(doc, tok)))
            out.append(DutyInfo(s0, s1, names, lemma, self._object(doc, tok), kind, subjects, round(confidence, 3), f"sentence:{rule.literal}", tok.idx + len(tok.text)))
        return out


@Language.factory(
    "cabildo_duties",
    assigns=["doc.spans"],
    default_config={"spans_key": "cabildo_duties", "organs_key": "cabildo_organs", "rules": "duties", "min_confidence": 0.45},
)
def make_duty_finder(nlp: Language, name: str, spans_key: str, organs_key: str, rules: str, min_confidence: float) -> DutyFinder:
    """Factory of the duty finder."""
    return DutyFinder(nlp, name, spans_key=spans_key, organs_key=organs_key, rules=rules, min_confidence=min_confidence)


def parse_windows(text: str, organs: list[tuple[int, int]], grammar: DutyGrammar | None = None) -> list[tuple[int, int]]:
    """Stretches of a sentence worth parsing: an organ and a nearby duty cue.

    The parser is the slow part, so only the words from just before an organ
    to a little after a cue that follows it (a modal or future verb a few
    words after the subject), or after an organ that follows "corresponde a",
    are sent to it.  ``organs`` are character spans in ``text``.
    """
    g = grammar or default_grammar()
    if not organs:
        return []
    # cues only matter near an organ: search those stretches, not the sentence
    regions: list[tuple[int, int]] = []
    for start, end in sorted(organs):
        a, b = max(0, start - 160), min(len(text), end + 90)
        if regions and a <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(b, regions[-1][1]))
        else:
            regions.append((a, b))
    cues: list[tuple[int, int]] = []
    for a, b in regions:
        for rx in (g.any_cue, g.future_cue):
            if rx is not None:
                cues.extend((m.start(), m.end()) for m in rx.finditer(text, a, b))
    windows: list[tuple[int, int]] = []
    for c0, c1 in cues:
        for start, end in organs:
            if 0 <= c0 - end <= 70 or 0 <= start - c1 <= 14:
                a = max(0, min(start, c0) - 25)
                b = min(len(text), max(end, c1) + 50)
                windows.append((a, b))
    windows.sort()
    merged: list[tuple[int, int]] = []
    for a, b in windows:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    out = []
    for a, b in merged:  # widen to word boundaries
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        out.append((a, b))
    return out


def needs_parse(text: str, organs: list[tuple[int, int]], grammar: DutyGrammar | None = None) -> bool:
    """True when :func:`parse_windows` finds something to parse."""
    return bool(parse_windows(text, organs, grammar))
