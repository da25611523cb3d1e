"""The ``cabildo_organs`` component: organ names as kinds with open completions.

A rule in ``organs.jsonl`` matches a head word ("Dirección", "Secretario",
"Concejo"); the ruler then completes the name with what the language allows
after such a head: a gender pair ("o Directora", "(a)"), capitalised
adjectives ("Municipal"), and capitalised words joined by connectors ("de los
Servicios Administrativos y Presupuesto", "de Mesa, Excusas y Calificaciones").
A post keeps a following "de <organ>" ("Jefe de la División de Comisiones");
the inner organ is also reported, marked as nested.  Heads whose rule needs a
completion are dropped without one, so "Dirección de correo electrónico" is not
an organ.  An acronym in parentheses right after a name is kept with it.

The ruler only needs the tokenizer, so it runs on every passage cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from . import _extensions
from .canon import is_external
from .rules import Rule, expand_lower, load_rules
from .text import fold

MAX_NAME_TOKENS = 16


@dataclass(frozen=True, slots=True)
class OrganInfo:
    """What the ruler knows about one organ mention."""

    rule_index: int
    kind: str  # unit | post | collegial | external
    name: str  # the printed name (gender pair and "(a)" still in it)
    nested: bool  # inside a longer mention ("División X" in "Jefe de la División X")
    complement: tuple[int, int] | None  # token span of "de <organ>" inside a post
    acronym: str | None


class OrganGrammar:
    """The word lists of ``organ_names.jsonl``."""

    def __init__(self, rules: list[Rule]) -> None:
        by_label: dict[str, list[Rule]] = {}
        for rule in rules:
            by_label.setdefault(rule.label, []).append(rule)
        self.connectors = {r.literal for r in by_label.get("CONNECTOR", [])}
        self.joiners = {r.literal for r in by_label.get("CONNECTOR", []) if r.meta.get("joins_organs")}
        self.openers = {r.literal for r in by_label.get("CONNECTOR", []) if r.meta.get("opens")}
        self.stop_names = {fold(r.literal) for r in by_label.get("STOP_NAME", [])}
        self.gender_suffixes = {str(r.meta["suffix"]) for r in by_label.get("GENDER_SUFFIX", [])}
        self.not_organ = [r for r in by_label.get("NOT_ORGAN", []) if r.pattern]


class OrganRuler:
    """Find organ mentions; see the module docstring.

    doc (Doc): the document (only tokens are needed).
    RETURNS (Doc): the document with ``doc.spans[spans_key]`` set.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "cabildo_organs",
        *,
        spans_key: str = "cabildo_organs",
        rules: str = "organs",
        grammar: str = "organ_names",
    ) -> None:
        _extensions.register()
        self.name = name
        self.spans_key = spans_key
        self.rules: list[Rule] = []
        self.grammar = OrganGrammar(list(load_rules(grammar)))
        self.vocab = nlp.vocab
        self.matcher = Matcher(nlp.vocab)
        self._make_doc = nlp.make_doc
        self.initialize(nlp=nlp, rules=list(load_rules(rules)))

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None, rules: list[Rule] | None = None) -> None:
        """Load the rules (as a list) and build the matchers.

        Patterns made only of ``LOWER``/``IN`` tokens (optionally ``"OP": "?"``)
        are expanded to phrases for a PhraseMatcher, which is hash based and
        much faster than the token Matcher; other patterns use the Matcher.
        """
        if rules is None:
            return
        vocab = self.vocab
        self.rules = list(rules)
        self.matcher = Matcher(vocab)
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        make = nlp.make_doc if nlp is not None else self._make_doc
        for i, rule in enumerate(self.rules):
            if not rule.pattern:
                continue
            expanded = expand_lower(rule.pattern)
            if expanded is not None:
                self.phrases.add(f"ORG{i}", [make(" ".join(words)) for words in expanded])
            else:
                self.matcher.add(f"ORG{i}", [rule.pattern], greedy="LONGEST")
        self.not_organ = PhraseMatcher(vocab, attr="LOWER")
        for i, rule in enumerate(self.grammar.not_organ):
            expanded = expand_lower(rule.pattern or [])
            if expanded:
                self.not_organ.add(f"NOT{i}", [make(" ".join(words)) for words in expanded])

    # -- matching -------------------------------------------------------------

    def heads(self, doc: Doc) -> dict[int, tuple[int, int]]:
        """Token index -> (end of head, rule index) for every head match."""
        out: dict[int, tuple[int, int]] = {}
        blocked: set[int] = set()
        for _, start, end in self.not_organ(doc):
            blocked.update(range(start, end))
        matches = list(self.phrases(doc))
        if len(self.matcher):
            matches += list(self.matcher(doc))
        for match_id, start, end in matches:
            if start in blocked:
                continue
            index = int(doc.vocab.strings[match_id][3:])
            prev = out.get(start)
            if prev is None or end > prev[0]:
                out[start] = (end, index)
        return out

    def __call__(self, doc: Doc) -> Doc:
        heads = self.heads(doc)
        spans: list[Span] = []
        covered_until = -1
        for start in sorted(heads):
            if start < covered_until:
                continue  # inside a longer name; its nested organs came with it
            found = self.complete(doc, start, heads)
            if found is None:
                continue
            spans.extend(found)
            covered_until = found[0].end
        doc.spans[self.spans_key] = spans
        return doc

    # -- completion -----------------------------------------------------------

    def _case_ok(self, token: Token, rule: Rule, opened: bool) -> bool:
        text = token.text
        if text.isupper() and len(text) > 1:
            return False  # headings in capitals: not reliable names
        if text[:1].isupper():
            return True
        mode = rule.meta.get("lowercase", "never")
        return mode == "always" or (mode == "with_name" and opened)

    def _after_connectors(self, doc: Doc, i: int) -> int | None:
        """Index of the first word after "de la", "del", "y" ... (spaces skipped)."""
        j = i
        n = len(doc)
        while j < n and j - i < 6 and (doc[j].lower_ in self.grammar.connectors or (doc[j].is_space and "\n" not in doc[j].text)):
            j += 1
        if j >= n or not doc[j].text[:1].isupper():
            return None
        return j

    def _is_name_word(self, token: Token) -> bool:
        text = token.text
        if not text[:1].isupper() or not token.is_alpha or len(text) < 2:
            return False
        low = fold(text)
        return low not in self.grammar.stop_names and low not in self.grammar.connectors

    def _skip_gender(self, doc: Doc, i: int, forms: set[str]) -> int:
        """Skip "o Directora", "y Concejalas", "(a)" after a head token."""
        n = len(doc)
        while i < n and doc[i].is_space:
            i += 1
        if i + 1 < n and doc[i].lower_ in ("o", "y", "/"):
            if doc[i + 1].lower_ in forms or fold(doc[i + 1].text) in forms:
                return i + 2
        if i + 2 < n and doc[i].text == "(" and doc[i + 1].lower_ in self.grammar.gender_suffixes and doc[i + 2].text.startswith(")"):
            return i + 3
        return i

    def complete(self, doc: Doc, start: int, heads: dict[int, tuple[int, int]], nested: bool = False) -> list[Span] | None:
        """The mention starting at head ``start`` (plus nested ones), or None."""
        head_end, index = heads[start]
        rule = self.rules[index]
        forms = {fold(seq[0]) for seq in expand_lower(rule.pattern or []) or []}
        n = len(doc)
        i = self._skip_gender(doc, head_end, forms) if head_end < n else head_end
        name_end = i
        has_name = False
        complement: tuple[int, int] | None = None
        extra: list[Span] = []
        kind = str(rule.meta["kind"])
        completion = rule.meta.get("completion", "optional")
        opened = False  # the completion went through a connector ("de ...")
        while completion != "none" and i < n and i - start < MAX_NAME_TOKENS:
            tok = doc[i]
            if tok.is_space:
                if "\n" in tok.text or "\t" in tok.text:
                    break  # names do not cross lines or table cells
                i += 1
                continue
            if self._is_name_word(tok) and i not in heads:
                i += 1
                name_end, has_name = i, True
                continue
            if tok.lower_ in self.grammar.openers and not tok.text[:1].isupper():
                j = self._after_connectors(doc, i)
                if j is None:
                    break
                joiner = tok.lower_ in self.grammar.joiners
                if joiner and j > i + 1:
                    break  # "y las Normas": a new phrase, not part of the name
                if j in heads:
                    if joiner or tok.lower_ not in ("de", "del"):
                        break
                    inner = self.complete(doc, j, heads, nested=True)
                    if inner is not None:
                        if complement is not None or (kind != "post" and opened):
                            break  # "Dirección de Catastro de la Alcaldía": two organs
                        complement = (inner[0].start, inner[0].end)
                        extra.extend(inner)
                        i = name_end = inner[0].end
                        has_name = opened = True
                        continue
                    if not self._is_name_word(doc[j]):
                        break
                    i = name_end = j + 1  # a head word used as a plain name: "de Comisiones"
                    has_name = opened = True
                    continue
                if not self._is_name_word(doc[j]):
                    break
                opened = True
                i = j
                continue
            if tok.text == "," and has_name:
                end = self._comma_list(doc, i, heads)
                if end is not None:
                    i = name_end = end
                    continue
            break
        if completion == "required" and not has_name:
            return None
        if not self._case_ok(doc[start], rule, opened):
            return None
        span = Span(doc, start, name_end, label=kind)
        acronym = self._acronym(doc, name_end)
        if kind != "external" and is_external(span.text):
            kind = "external"
            span = Span(doc, start, name_end, label=kind)
        span._.cabildo_organ = OrganInfo(index, kind, span.text, nested, complement, acronym)
        return [span] + extra

    def _comma_list(self, doc: Doc, i: int, heads: dict[int, tuple[int, int]]) -> int | None:
        """End of ", Excusas y Calificaciones" when a name continues as a list."""
        n = len(doc)
        j = i
        while j < n and doc[j].text == ",":
            k = j + 1
            if k >= n or not self._is_name_word(doc[k]) or k in heads:
                return None
            while k < n and self._is_name_word(doc[k]) and k not in heads:
                k += 1
            j = k
        if j < n and doc[j].lower_ in ("y", "e") and j + 1 < n and self._is_name_word(doc[j + 1]) and j + 1 not in heads:
            k = j + 1
            while k < n and self._is_name_word(doc[k]) and k not in heads:
                k += 1
            return k
        return None

    @staticmethod
    def _acronym(doc: Doc, i: int) -> str | None:
        """"(IMPLAN)" right after a name."""
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text.startswith(")"):
            tok = doc[i + 1]
            if tok.is_alpha and tok.text.isupper() and 2 <= len(tok.text) <= 15:
                return tok.text
        return None


@Language.factory(
    "cabildo_organs",
    assigns=["doc.spans"],
    default_config={"spans_key": "cabildo_organs", "rules": "organs", "grammar": "organ_names"},
)
def make_organ_ruler(nlp: Language, name: str, spans_key: str, rules: str, grammar: str) -> OrganRuler:
    """Factory of the organ ruler (rules and grammar are rule file names)."""
    return OrganRuler(nlp, name, spans_key=spans_key, rules=rules, grammar=grammar)


def outer_mentions(spans: list[Span]) -> list[Span]:
    """Mentions not nested in a longer one, in text order."""
    return [s for s in spans if not s._.cabildo_organ.nested]
