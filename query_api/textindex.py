"""A small full-text index: accent- and morphology-insensitive BM25 ranking.

Why not ``FILTER(CONTAINS())``: a scan over every text per question grows
with the corpus (tens of ms at 10k articles) and cannot match "recaudación"
to "recaudar".  Texts are folded (case, accents), cut into words, stop words
dropped and reduced with the Spanish Snowball stemmer; postings are kept in
memory and built once per store generation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, Iterable, TypeVar

import snowballstemmer

T = TypeVar("T")

STOPWORDS = frozenset(
    """a al algo ante antes bajo cada como con contra cual cuando de del desde donde durante e el ella ellas ellos
    en entre es esa ese eso esta este esto estos fue ha han hasta la las le les lo los mas me mediante mi muy
    ni no nos o otra otro para pero por que quien quienes se segun ser si sin sobre son su sus tal tambien
    toca toda todo todos tras un una uno unos unas y ya quién qué cuál cuáles le corresponde corresponden
    encarga encargado encargada responsable responsables hace hacer debe deben tiene tienen esta está
    """.split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("spanish")


def fold(text: str) -> str:
    """Lower case without accents (ñ kept as n)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """Index terms of a text: folded, stop words removed, stemmed."""
    out = []
    for w in _WORD.findall(fold(text)):
        if len(w) < 2 or w in STOPWORDS or w.isdigit():
            continue
        out.append(stem(w))
    return out


@dataclass
class Hit(Generic[T]):
    item: T
    score: float
    matched: list[str]


@dataclass
class TextIndex(Generic[T]):
    """BM25 over items; each item has one text (its fields concatenated by the caller)."""

    k1: float = 1.4
    b: float = 0.75
    items: list[T] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, item: T, text: str) -> None:
        doc = len(self.items)
        words = terms(text)
        self.items.append(item)
        self.lengths.append(len(words))
        for term, count in Counter(words).items():
            self.postings[term].append((doc, count))

    @classmethod
    def of(cls, pairs: Iterable[tuple[T, str]]) -> "TextIndex[T]":
        index: TextIndex[T] = cls()
        for item, text in pairs:
            index.add(item, text)
        return index

    def search(self, query: str, *, limit: int = 20, min_coverage: float = 0.0) -> list[Hit[T]]:
        """Best items first; ``min_coverage`` is the share of query terms an item must contain."""
        wanted = list(dict.fromkeys(terms(query)))
        if not wanted or not self.items:
            return []
        n = len(self.items)
        avg = sum(self.lengths) / n or 1.0
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for term in wanted:
            plist = self.postings.get(term)
            if not plist:
                continue
            idf = math.log(1 + (n - len(plist) + 0.5) / (len(plist) + 0.5))
            for doc, tf in plist:
                norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * self.lengths[doc] / avg))
                scores[doc] += idf * norm
                matched[doc].append(term)
        need = math.ceil(min_coverage * len(wanted))
        ranked = sorted((d for d in scores if len(matched[d]) >= need), key=lambda d: (-scores[d], d))
        return [Hit(self.items[d], scores[d], matched[d]) for d in ranked[:limit]]
