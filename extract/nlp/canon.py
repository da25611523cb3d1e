"""Canonical names of organs, per jurisdiction.

Texts name one organ in many ways: "Secretario o Secretaria", "Gerente(a)",
"Dirección de los Servicios Administrativos", "Concejo del Municipio Heres",
"Concejo".  :func:`name_key` reduces a name to a key that is equal for all of
them: gender pairs collapse to the masculine, articles and honorifics ("H.")
go, ``del``/``al`` become ``de``/``a``, words are singularised, a qualifier
naming the jurisdiction's place or owner ("de Heres", "de la Municipalidad")
is dropped, and so is the word "municipal".  The key is for comparing only;
people see the most frequent printed form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import Rule, expand_lower, load_rules
from .text import fold, squash

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_GENDER_PARENS = re.compile(r"\((?:a|as|o|os|es|ra|ras)\)", re.IGNORECASE)
_PAIR = re.compile(r"\b([^\W\d_]+)\s*(?:\bo\b|\by\b|/)\s*([^\W\d_]+)\b", re.UNICODE)


@dataclass(frozen=True)
class HeadInfo:
    """What the organ rules say about one head word."""

    rule: Rule
    index: int  # position of the rule in organs.jsonl
    words: int  # how many words the head has ("síndico procurador" = 2)

    @property
    def kind(self) -> str:
        return str(self.rule.meta["kind"])

    @property
    def head(self) -> str:
        return str(self.rule.meta["head"])


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, ...], HeadInfo]:
    """Lower-case head word tuples (1 or 2 words) to their organ rule.

    Keys keep accents ("secretaría" is the unit, "secretaria" the woman who is
    Secretario); :func:`find_head` falls back to folded keys for texts printed
    without accents.
    """
    table: dict[tuple[str, ...], HeadInfo] = {}
    for index, rule in enumerate(load_rules("organs")):
        for words in expand_lower(rule.pattern or []) or []:
            table.setdefault(tuple(words), HeadInfo(rule, index, len(words)))
    return table


@lru_cache(maxsize=1)
def folded_lexicon() -> dict[tuple[str, ...], HeadInfo]:
    """:func:`lexicon` with folded keys (first rule wins)."""
    table: dict[tuple[str, ...], HeadInfo] = {}
    for words, info in lexicon().items():
        table.setdefault(tuple(fold(w) for w in words), info)
    return table


def _grammar(label: str) -> list[Rule]:
    return [r for r in load_rules("organ_names") if r.label == label]


@lru_cache(maxsize=1)
def articles() -> frozenset[str]:
    return frozenset(fold(r.literal) for r in _grammar("ARTICLE"))


@lru_cache(maxsize=1)
def locality_heads() -> frozenset[str]:
    return frozenset(fold(r.literal) for r in _grammar("LOCALITY_HEAD"))


@lru_cache(maxsize=1)
def external_markers() -> tuple[str, ...]:
    return tuple(fold(r.literal) for r in _grammar("EXTERNAL_MARKER"))


def find_head(words: list[str]) -> HeadInfo | None:
    """The organ rule whose head opens ``words`` (lower case), longest first."""
    for table, norm in ((lexicon(), str.lower), (folded_lexicon(), fold)):
        ws = [norm(w) for w in words[:2]]
        if len(ws) == 2 and (ws[0], ws[1]) in table:
            return table[(ws[0], ws[1])]
        if ws and (ws[0],) in table:
            return table[(ws[0],)]
    return None


def is_gender_pair(a: str, b: str) -> bool:
    """True for masculine/feminine forms of one word ("Director", "Directora")."""
    fa, fb = fold(a), fold(b)
    if fa == fb or len(fa) < 3 or len(fb) < 3:
        return False
    for m, f in ((fa, fb), (fb, fa)):
        options = {m + "a", m[:-1] + "a", m[:-1] + "esa", m + "as"}
        if m.endswith("s"):
            options |= {m[:-2] + "as", m[:-1] + "as", m[:-2] + "esas"}
        if f in options:
            return True
    return False


def masculine(a: str, b: str) -> str:
    """Of a gender pair, the form used as the name (the masculine)."""
    fa, fb = fold(a), fold(b)
    if len(fb) < len(fa) or (fa.endswith(("a", "as")) and not fb.endswith(("a", "as"))):
        return b
    return a


def collapse_gender(text: str) -> str:
    """Drop '(a)' suffixes and keep one form of 'Secretario o Secretaria'."""
    text = _GENDER_PARENS.sub("", text)

    def repl(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if is_gender_pair(a, b):
            return masculine(a, b)
        return m.group(0)

    # pairs never overlap in practice; two passes cover "A o B de C y D"
    return squash(_PAIR.sub(repl, _PAIR.sub(repl, text)))


def singular(word: str) -> str:
    """A crude singular, only for keys ("comisiones" -> "comision")."""
    if len(word) <= 3:
        return word
    if word.endswith("es") and word[-3] in "lrndzj":
        return word[:-2]
    if word.endswith("s") and word[-2] in "aeiou":
        return word[:-1]
    return word


def locality_words(jurisdiction: str) -> list[str]:
    """Place words of a jurisdiction id: "ve-heres" -> ["heres"]; "ec" -> []."""
    parts = jurisdiction.split("-", 1)
    if len(parts) < 2:
        return []
    return [fold(w) for w in re.split(r"[-_.\s]+", parts[1]) if w]


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(fold(r.literal).strip(".") for r in _grammar("HONORIFIC"))


@lru_cache(maxsize=1)
def owner_words() -> frozenset[str]:
    return frozenset(fold(r.literal) for r in _grammar("OWNER_QUALIFIER"))


def _strip_qualifiers(words: list[str], place: list[str]) -> list[str]:
    """Cut a trailing qualifier that only says whose organ it is.

    "de municipio heres de estado bolivar" (the jurisdiction's place),
    "de municipalidad", "de canton": in a municipal text they add nothing.
    """
    heads = locality_heads() | owner_words()
    for i in range(1, len(words)):
        if words[i] != "de":
            continue
        rest = [w for w in words[i + 1 :] if w != "de"]
        j = 0
        while j < len(rest) and rest[j] in heads:
            j += 1
        if place and rest[j : j + len(place)] == place:
            return words[:i]
        if j == len(rest) and j > 0 and all(w in owner_words() for w in rest):
            return words[:i]
    return words


@lru_cache(maxsize=65536)
def name_key(name: str, jurisdiction: str = "") -> str:
    """Identity key of an organ name within a jurisdiction (see module doc).

    The word "municipal" is left out: in a municipal text "Concejo",
    "Concejo Municipal" and "Concejo del Municipio" name one body.
    """
    text = collapse_gender(name)
    lower = [w.lower() for w in _WORD.findall(text)]
    lower = [w for w in lower if fold(w) not in articles() and fold(w) not in honorifics()]
    if not lower:
        return ""
    head = find_head(lower)
    words = ["de" if w == "del" else "a" if w == "al" else w for w in map(fold, lower)]
    if head is not None:
        head_words = fold(head.head).split()
        if len(head_words) == 1:
            words = head_words + words[head.words :]  # "sub gerentes" -> "subgerente"
        else:
            words = head_words[:1] + words[1:]  # "agentes de retención" -> "agente de retencion"
        unit = head.rule.meta.get("unit")
        if head.rule.meta.get("member") and unit and words[1:2] == ["de"]:
            if " ".join(singular(w) for w in words[2:] if w != "municipal") == name_key(str(unit), ""):
                words = words[:1]  # "regidores del Concejo Municipal" = "regidores"
    words = _strip_qualifiers(words, locality_words(jurisdiction))
    return " ".join(singular(w) for w in words if w != "municipal")


def simple_key(name: str) -> str:
    """Key of a name without jurisdiction knowledge (for lookups and scoring)."""
    return name_key(name, "")


def head_of(name: str) -> HeadInfo | None:
    """The organ rule of a printed name, if its first words are a known head."""
    words = [w.lower() for w in _WORD.findall(collapse_gender(name))]
    return find_head([w for w in words if fold(w) not in articles()])


def is_external(name: str) -> bool:
    """True when the name marks a body outside the municipality."""
    folded = " " + " ".join(fold(w) for w in _WORD.findall(name)) + " "
    return any(f" {m} " in folded for m in external_markers())


def display_name(name: str, jurisdiction: str = "") -> str:
    """A printed name cleaned for display: one gender, place qualifier dropped."""
    text = collapse_gender(name)
    place = locality_words(jurisdiction)
    tokens = text.split(" ")
    folded = [fold(t.strip(",.;:")) for t in tokens]
    heads = locality_heads()
    for i in range(1, len(tokens)):
        if folded[i] not in ("de", "del"):
            continue
        j = i + 1
        while j < len(tokens) and folded[j] in heads | articles():
            j += 1
        if place and folded[j : j + len(place)] == place:
            kept = " ".join(tokens[:i])
            if "municipio" in folded[i + 1 : j] and "municipal" not in folded[:i]:
                kept += " Municipal"
            return kept
    return text


def derive_unit(post: str) -> str | None:
    """The unit a post heads, by the rules of the language.

    "Director de Servicios Administrativos" -> "Dirección de Servicios
    Administrativos", "Gerente Municipal" -> "Gerencia Municipal", "Alcalde" ->
    "Alcaldía".  Posts whose unit is named after them ("Jefe de la División
    de Comisiones") return the complement; members of a body return the body.
    """
    text = collapse_gender(post)
    tokens = text.split(" ")
    while tokens and fold(tokens[0]) in articles():
        tokens = tokens[1:]
    head = find_head([t.lower() for t in tokens])
    if head is None or head.kind != "post":
        return None
    unit = head.rule.meta.get("unit")
    rest = tokens[head.words :]
    if unit is None:
        return None
    if unit == "@complement":
        while rest and fold(rest[0]) in articles() | {"de", "del"}:
            rest = rest[1:]
        return " ".join(rest) or None
    unit_head = find_head(str(unit).lower().split())
    if unit_head is not None and unit_head.kind != "unit":
        return str(unit)  # a member of a collegial body: the body itself
    return squash(" ".join([str(unit)] + rest))
