"""Finding organ names in running text, with character offsets for quotes.

Texts name one organ in several ways ("el Secretario o Secretaria", "la
Dirección de los Servicios Administrativos", "Coordinación de Medios y
Protocolos").  A name and a text are both cut into folded words; articles go,
``del``/``al`` become ``de``/``a``, gender pairs keep one form (the rules of
:mod:`extract.nlp.canon`) and, unless ``exact``, words are singularised.  A
name occurs where its words occur in a row.  ``exact`` keeps plurals: a
renaming from "Instituto de Deporte" to "Instituto de Deportes" must tell the
two apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Iterable

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_GENDER_PARENS = re.compile(r"\((?:a|as|o|os|es|ra|ras)\)", re.IGNORECASE)
_JOINERS = frozenset({"o", "y", "/"})
_CONTRACTIONS = {"del": "de", "al": "a"}


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _canon() -> ModuleType:
    """The organ-name rules of the extractor (imported late: importing them loads spaCy)."""
    from extract.nlp import canon

    return canon


def tokens(text: str, *, exact: bool = False) -> list[Token]:
    """Folded name words of ``text`` with their offsets in ``text``."""
    canon = _canon()
    arts: frozenset[str] = canon.articles()
    is_pair, singular, fold = canon.is_gender_pair, canon.singular, canon.fold
    clean = _GENDER_PARENS.sub(lambda m: " " * len(m.group()), text)
    raw = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(clean)]
    out: list[Token] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        if i + 2 < len(raw) and raw[i + 1][0].lower() in _JOINERS and is_pair(word, raw[i + 2][0]):
            end = raw[i + 2][2]
            i += 2  # "Secretario o Secretaria": one word, the masculine is enough to compare
            word = min(word, raw[i][0], key=len)
        folded: str = fold(word)
        i += 1
        if folded in arts:
            continue
        folded = _CONTRACTIONS.get(folded, folded)
        out.append(Token(folded if exact else singular(folded), start, end))
    return out


@lru_cache(maxsize=65536)
def words(name: str, *, exact: bool = False) -> tuple[str, ...]:
    """The name words of a (short) name; cached, names repeat."""
    return tuple(t.word for t in tokens(name, exact=exact))


def find(name_words: tuple[str, ...], toks: list[Token]) -> list[tuple[int, int, int]]:
    """Every (token index, start offset, end offset) where ``name_words`` occur in a row."""
    n = len(name_words)
    if n == 0:
        return []
    hits = []
    for i in range(len(toks) - n + 1):
        if toks[i].word == name_words[0] and all(toks[i + k].word == name_words[k] for k in range(1, n)):
            hits.append((i, toks[i].start, toks[i + n - 1].end))
    return hits


def occurs(name_words: tuple[str, ...], text: str, *, exact: bool = False) -> bool:
    return bool(find(name_words, tokens(text, exact=exact)))


def any_name(names: Iterable[tuple[str, ...]], toks: list[Token]) -> list[tuple[int, int, int]]:
    hits: list[tuple[int, int, int]] = []
    for name in names:
        hits.extend(find(name, toks))
    return sorted(set(hits))


_CLAUSE_END = re.compile(r"[.;:\n]")


def clause(text: str, start: int, end: int, width: int = 320) -> str:
    """The clause around ``text[start:end]`` (cut at . ; : or a line break), at most ``width`` chars."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right_m = _CLAUSE_END.search(text, end)
    right = right_m.end() if right_m else len(text)
    if right - left > width:
        left = max(left, start - width // 2)
        right = min(right, end + width // 2)
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) and not snippet.endswith((".", ";", ":")) else "")
