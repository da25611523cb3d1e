"""Typed facts produced by :func:`extract.nlp.extract_facts`.

Every fact keeps the passage key and the source span of the words that support
it, and facts guessed by a rule carry a confidence and the name and version of
the extractor, so a lawyer can be shown the exact text behind an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class OrganKind(StrEnum):
    """What an organ name denotes."""

    UNIT = "unit"  # an administrative unit: Dirección, Oficina, Alcaldía
    POST = "post"  # a post held by one person: Director, Alcalde, Secretario
    COLLEGIAL = "collegial"  # a body that decides as a group: Concejo, Comisión
    EXTERNAL = "external"  # an actor outside the municipal organisation


class DutyType(StrEnum):
    """The deontic type of a duty."""

    OBLIGATION = "obligation"
    POWER = "power"
    PROHIBITION = "prohibition"


class Unit(StrEnum):
    """Units a deadline can be counted in."""

    DAY = "day"
    BUSINESS_DAY = "business_day"
    CALENDAR_DAY = "calendar_day"
    HOUR = "hour"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a name or phrase occurs: passage key and source span."""

    passage_key: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Organ:
    """One organ of a jurisdiction with every way the texts name it."""

    jurisdiction: str
    key: str  # normalised identity within the jurisdiction
    canonical: str  # the name shown to people
    kind: OrganKind
    variants: tuple[str, ...]
    mentions: tuple[Mention, ...]
    post_of: str | None = None  # for a post: canonical name of its unit
    parent: str | None = None  # canonical name of the organ it depends on
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HierarchyEdge:
    """``child`` depends on (or is controlled by) ``parent``."""

    jurisdiction: str
    parent: str
    child: str
    relation: str  # "controls", "depends_on", "attached_to", "composed_of"
    evidence: Mention
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Duty:
    """A duty, power or prohibition of one or more organs."""

    jurisdiction: str
    passage_key: str
    start: int
    end: int
    quote: str
    bearers: tuple[str, ...]  # canonical organ names; joint holders share a duty
    action: str | None  # infinitive lemma of the main verb
    object: str | None
    type: DutyType
    subjects: tuple[str, ...]
    confidence: float
    extractor: str  # "name@version" of the rule family that found it

    @property
    def bearer(self) -> str | None:
        """The first bearer, for callers that expect a single holder."""
        return self.bearers[0] if self.bearers else None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit or a periodicity, with the duty it constrains when known."""

    jurisdiction: str
    passage_key: str
    start: int
    end: int
    quote: str
    amount: int | None
    unit: Unit | None
    iso: str | None  # ISO 8601 duration: "P15D", "PT48H", "P3M"
    trigger: str | None  # what starts the count: "siguientes al cierre del mes"
    periodicity: str | None  # ISO 8601 duration of the period: "P3M", "P1Y"
    periodicity_text: str | None  # as printed: "trimestralmente"
    duty: int | None  # index into Facts.duties
    bearer: str | None
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from a batch of passages."""

    organs: tuple[Organ, ...] = ()
    edges: tuple[HierarchyEdge, ...] = ()
    duties: tuple[Duty, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)

    def organ(self, jurisdiction: str, name: str) -> Organ | None:
        """Find an organ by any of its names (case, accents, articles ignored)."""
        from .canon import simple_key

        wanted = simple_key(name)
        for organ in self.organs:
            if organ.jurisdiction != jurisdiction:
                continue
            if organ.key == wanted or any(simple_key(v) == wanted for v in organ.variants):
                return organ
        return None
