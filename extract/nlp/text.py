"""Small text helpers shared by the extractors: folding and number words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .rules import load_rules

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents (ñ kept), for comparing names."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    out = []
    for i, ch in enumerate(decomposed):
        if unicodedata.combining(ch):
            # keep the tilde of ñ, drop every other mark
            if ch == "\u0303" and i and decomposed[i - 1] == "n":
                out.append(ch)
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def squash(text: str) -> str:
    """Collapse runs of white space to one space and trim."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Folded Spanish cardinal words to their value (from numbers.jsonl)."""
    return {fold(r.literal): int(r.meta["value"]) for r in load_rules("numbers")}


def number_word_regex() -> str:
    """A regex alternative matching one cardinal word (longest first)."""
    words = sorted({r.literal for r in load_rules("numbers")}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def parse_number_words(text: str) -> int | None:
    """Value of a Spanish cardinal written in words ("cuarenta y ocho" -> 48).

    Returns None when any word is not a number word, so callers can fall back
    to the digits printed beside the words.
    """
    words = number_words()
    total = 0
    current = 0
    seen = False
    for raw in fold(text).replace("-", " ").split():
        if raw == "y":
            continue
        if raw == "mil":
            total += (current or 1) * 1000
            current = 0
            seen = True
            continue
        value = words.get(raw)
        if value is None:
            return None
        current += value
        seen = True
    return total + current if seen else None
