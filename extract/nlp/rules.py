"""Rules as data, medspacy style: a readable ``literal`` plus a matcher.

Each line of a ``resources/es/*.jsonl`` file is one rule::

    {"label": "UNIT", "literal": "Dirección de <Nombre>",
     "pattern": [{"LOWER": {"IN": ["dirección", "direcciones"]}}],
     "meta": {"kind": "unit", "completion": "required"},
     "examples": [{"text": "La Dirección de Catastro informará", "match": "Dirección de Catastro"}],
     "counterexamples": ["Indique su dirección de correo electrónico"]}

``pattern`` is a spaCy token pattern, ``regex`` a Python regular expression;
a rule has at least one of ``literal``/``pattern``/``regex``.  Rules load as
lists (spaCy 3.8 rejects generators as patterns).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).parent / "resources" / "es"


class RuleError(ValueError):
    """A rule file line that cannot be used."""


@dataclass(frozen=True)
class Example:
    """A text a rule must match, and optionally the exact words it must yield."""

    text: str
    match: str | None = None


@dataclass(frozen=True)
class Rule:
    """One named rule of the legal language."""

    label: str
    literal: str
    pattern: list[dict[str, Any]] | None = None
    regex: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def compiled(self) -> re.Pattern[str]:
        """The regex, compiled (literal escaped when there is no regex)."""
        return _compile(self.regex if self.regex is not None else re.escape(self.literal))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        """Build a rule from one decoded JSONL line, checking its shape."""
        if "label" not in data or "literal" not in data:
            raise RuleError(f"rule needs 'label' and 'literal': {data!r}")
        pattern = data.get("pattern")
        if pattern is not None and not isinstance(pattern, list):
            raise RuleError(f"'pattern' must be a list of token dicts: {data['literal']!r}")
        regex = data.get("regex")
        if regex is not None:
            try:
                _compile(regex)
            except re.error as exc:
                raise RuleError(f"bad regex in {data['literal']!r}: {exc}") from exc
        examples = tuple(
            Example(e) if isinstance(e, str) else Example(e["text"], e.get("match"))
            for e in data.get("examples", [])
        )
        return cls(
            label=str(data["label"]),
            literal=str(data["literal"]),
            pattern=pattern,
            regex=regex,
            meta=dict(data.get("meta", {})),
            examples=examples,
            counterexamples=tuple(data.get("counterexamples", [])),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSONL form of the rule."""
        out: dict[str, Any] = {"label": self.label, "literal": self.literal}
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.regex is not None:
            out["regex"] = self.regex
        if self.meta:
            out["meta"] = self.meta
        if self.examples:
            out["examples"] = [
                {"text": e.text, "match": e.match} if e.match else e.text for e in self.examples
            ]
        if self.counterexamples:
            out["counterexamples"] = list(self.counterexamples)
        return out


@lru_cache(maxsize=512)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def expand_lower(pattern: list[dict[str, Any]]) -> list[list[str]] | None:
    """Every word sequence a ``LOWER``/``IN`` token pattern matches.

    Returns None when the pattern uses anything else (other attributes or
    operators than ``"?"``), so callers can fall back to the token Matcher.
    """
    seqs: list[list[str]] = [[]]
    for tok in pattern:
        if set(tok) - {"LOWER", "OP"} or tok.get("OP") not in (None, "?"):
            return None
        value = tok["LOWER"]
        if isinstance(value, dict):
            if set(value) != {"IN"} or not isinstance(value["IN"], list):
                return None
            words = [str(w) for w in value["IN"]]
        else:
            words = [str(value)]
        grown = [seq + [w.lower()] for seq in seqs for w in words]
        seqs = grown + seqs if tok.get("OP") == "?" else grown
    return [seq for seq in seqs if seq]


def read_rules(path: Path) -> list[Rule]:
    """Read a JSONL rule file into a list (blank lines and ``//`` comments skipped)."""
    rules: list[Rule] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RuleError(f"{path.name}:{number}: {exc}") from exc
            try:
                rules.append(Rule.from_dict(data))
            except RuleError as exc:
                raise RuleError(f"{path.name}:{number}: {exc}") from exc
    return rules


@lru_cache(maxsize=32)
def load_rules(name: str) -> tuple[Rule, ...]:
    """The rules of ``resources/es/<name>.jsonl`` (cached, immutable)."""
    return tuple(read_rules(RESOURCES / f"{name}.jsonl"))


def rule_files() -> list[str]:
    """Names of every rule file shipped with the package."""
    return sorted(p.stem for p in RESOURCES.glob("*.jsonl"))
