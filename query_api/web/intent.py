"""What the single box on the home page was given: a question, an article reference or words.

The three forms are patterns of the language, kept as named data with
examples and counterexamples (the tests check both ways):

* an article reference names an article and, after it, the work:
  "artículo 10 de la ordenanza de régimen administrativo", "art. 378-A de la ley
  de régimen municipal";
* a question asks who ("¿quién es responsable de…?", "quién custodia el
  archivo", "a quién corresponde…") or ends with a question mark;
* anything else is words to search.

The work of an article reference is found by its title words (folded and
stemmed like the search index), best overlap first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Literal

from query_api.textindex import terms

Kind = Literal["article", "question", "search"]


@dataclass(frozen=True)
class IntentPattern:
    name: str
    kind: Kind
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


ARTICLE_REF = IntentPattern(
    "referencia_a_articulo", "article",
    re.compile(
        r"^\s*(?:el\s+)?(?:art[íi]culo|art\s*\.?)\s*(?:n(?:[°º.]|o\.|úm\.?|um\.?)\s*)?"
        r"(?P<n>\d+(?:\s*[-.]?\s*(?:bis|ter|qu[aá]ter|[a-z])\b)?)[º°]?"
        r"(?:\s*,?\s*(?:de\s+(?:la|el|los|las)\s+|del\s+|de\s+|,\s*)?(?P<work>\S.*?))?\s*[.?]?\s*$",
        re.IGNORECASE),
    ("artículo 10 de la ordenanza de régimen administrativo", "Art. 378-A de la Ley de Régimen Municipal",
     "articulo 12 bis del reglamento de mercados", "art 5 ordenanza de ejidos", "artículo 7"),
    ("¿quién aprueba el artículo del presupuesto?", "artículos de oficina", "régimen del artículo 10",
     "el artista municipal"),
)

QUESTION = IntentPattern(
    "pregunta", "question",
    re.compile(
        r"^\s*¿|\?\s*$|^\s*(?:(?:a|ante|de|por)\s+)?(?:qui[eé]n(?:es)?|qu[eé]\s+[óo]rgano|cu[aá]l(?:es)?|"
        r"c[oó]mo|d[oó]nde|cu[aá]ndo)\b|\b(?:responsable|competente|encargad[oa]s?|corresponde|compete)\s+"
        r"(?:de|a|por|para)\b",
        re.IGNORECASE),
    ("¿Quién es responsable de la recaudación de tasas?", "quien custodia el archivo histórico",
     "a quién corresponde aprobar el presupuesto", "qué órgano otorga las licencias",
     "responsable de las ferias", "el presupuesto lo aprueba el concejo?"),
    ("archivo histórico", "recaudación de tasas municipales", "licencias de construcción",
     "quienquiera sea el titular"),
)


@dataclass(frozen=True)
class Intent:
    kind: Kind
    text: str
    number: str | None = None
    work_words: str | None = None


def classify(text: str) -> Intent:
    """The intent of the home box's input (article reference first: it is the most specific)."""
    clean = " ".join(text.split())
    m = ARTICLE_REF.regex.match(clean)
    if m:
        return Intent("article", clean, number=" ".join(m.group("n").split()), work_words=m.group("work"))
    if QUESTION.regex.search(clean):
        return Intent("question", clean)
    return Intent("search", clean)


@dataclass(frozen=True)
class WorkCandidate:
    id: str
    title: str
    type: str
    score: float


def rank_works(words: str, works: Iterable[tuple[str, str | None, str]]) -> list[WorkCandidate]:
    """Works whose title (and type) share the words, best first: Jaccard of stems, half the words at least.

    ``works`` are (id, title, type) triples.
    """
    wanted = set(terms(words))
    if not wanted:
        return []
    out = []
    for wid, title, wtype in works:
        have = set(terms(f"{title or ''} {wtype.replace('-', ' ')}"))
        shared = wanted & have
        if len(shared) * 2 < len(wanted):
            continue
        out.append(WorkCandidate(wid, title or wid, wtype, len(shared) / len(wanted | have)))
    return sorted(out, key=lambda c: (-c.score, c.id))
