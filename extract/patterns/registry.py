"""A named, documented, example-checked regular expression.

Every legal pattern in Cabildo is a :class:`Pattern`: a name, the regex, what
it is for, and examples that must match plus counterexamples that must not.
``tests/test_patterns.py`` checks every registered pattern both ways, so a
pattern cannot drift away from the language it claims to recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REGISTRY: dict[str, "Pattern"] = {}


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: str
    doc: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...] = ()
    flags: int = re.VERBOSE
    anchored: bool = True  # applied with match() at a line start; False: searched anywhere
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))
        if self.name in REGISTRY:
            raise ValueError(f"pattern {self.name!r} registered twice")
        REGISTRY[self.name] = self

    def hits(self, text: str) -> bool:
        """Does the pattern recognise ``text`` the way the parser applies it?"""
        return bool(self.match(text) if self.anchored else self.search(text))

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        return list(self.compiled.finditer(text, pos, len(text) if endpos is None else endpos))
