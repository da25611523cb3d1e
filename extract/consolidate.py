"""Point-in-time article versions from a base text and dated operations.

Pure functions over plain values (no parser, no graph):

* :func:`consolidate` applies reforms, in the order given, to the articles of a
  work and returns one :class:`ArticleHistory` per article *identity*.  An
  identity survives renumbering; numbers belong to versions.
* :func:`text_at` / :func:`current` answer "which version at date D".
* :func:`word_diff` gives a word-level diff for a history view.
* :func:`cross_check` compares the computed consolidation with a *printed*
  full text of the same work and lists real discrepancies (formatting noise
  is normalised away first).

Decisions (documented here because they are policy, not accident):

* Targets of every operation of one reform are read in the numbering the
  work had *before* that reform (reforms number their targets that way);
  parts inside one article (numerales, literales, incisos) are changed one
  instruction after the other.
* When the base text is missing (``base=None``) every article a reform names
  becomes a placeholder identity whose text is unknown; nothing is invented.
* ``renumberAll`` numbers articles consecutively in document order.  Two
  policies exist: ``keep_slots`` (a repealed article keeps its number and its
  place) and ``close_gaps`` (repealed articles leave no gap).  The policy is
  chosen so that every number the same reform prints explicitly ("pasará a
  ser el número 50") comes out right; if both agree or neither does,
  ``keep_slots`` is used, the printed numbers are kept and a warning names
  each conflict.  With a complete
  base the numbers are counted; with an incomplete one they are computed by
  shifting integer numbers by the insertions (and repeals) before them.
* ``termSubstitution`` is exact as printed (accents and capitals count),
  whole words only, any run of spaces matching any run.  An occurrence that
  already reads as the new term is left alone, and an occurrence whose next
  words already repeat words of the new term (a naive replacement would
  duplicate them) is skipped with a warning: nothing half-certain is written.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from extract.amendments import Operation, OperationKind, normalise_number, split_label


class Status(StrEnum):
    IN_FORCE = "in_force"
    REPEALED = "repealed"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    UNKNOWN = "unknown"  # the corpus does not contain the text


@dataclass(frozen=True, slots=True)
class BaseArticle:
    number: str
    heading: str | None
    text: str | None
    source: str | None = None


@dataclass(slots=True)
class Reform:
    id: str
    date: date | None
    operations: list[tuple[str, Operation]]  # (number of the amending article, operation)


@dataclass(slots=True)
class Version:
    number: str | None
    heading: str | None
    text: str | None
    status: Status
    valid_from: date | None  # None: unknown (or, for the first version, since the base)
    valid_to: date | None  # exclusive; None: open unless end_unknown
    introduced_by: str  # "base" or a reform id
    reform_article: str | None = None
    reason: str | None = None
    end_unknown: bool = False
    source: str | None = None
    changes: list[str] = field(default_factory=list)
    not_before: date | None = None  # valid_from unknown: reforms apply in order, so not earlier than this


@dataclass(slots=True)
class ArticleHistory:
    identity: str
    origin: str  # "base" | "placeholder" | "inserted"
    versions: list[Version]


@dataclass(slots=True)
class TermRecord:
    reform: str
    reform_article: str
    term_from: str
    term_to: str
    certain: bool
    targets: list[str]
    applied: int = 0
    skipped: int = 0
    unchecked: int = 0  # articles in force whose text is unknown


@dataclass(slots=True)
class Consolidation:
    articles: list[ArticleHistory]  # document order
    base_complete: bool
    warnings: list[str] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)

    def by_identity(self) -> dict[str, ArticleHistory]:
        return {h.identity: h for h in self.articles}


# ---------------------------------------------------------------- helpers

_LATIN = {"bis": 1, "ter": 2, "quater": 3, "quinquies": 4, "sexies": 5}


def number_key(number: str | None) -> tuple[int, int, str]:
    """Sort key of an article number: 12 < 12 bis < 12 ter < 13; 378-A after 378."""
    m = re.match(r"(\d+)(?:-([A-Z]))?(?: (\w+))?$", number or "")
    if not m:
        return (10**9, 0, number or "")
    suffix = _LATIN.get(m.group(3) or "", 9) if m.group(3) else (ord(m.group(2)) - 64 if m.group(2) else 0)
    return (int(m.group(1)), suffix, "")


def _body(text: str) -> tuple[str | None, str]:
    label, start = split_label(text)
    return label, text[start:].strip() if label else text.strip()


def _split_multi(new_text: str, targets: list[str]) -> dict[str, str] | None:
    """One quoted block holding several articles → body per target number."""
    heads = [m for m in re.finditer(r"(?im)^[ \t]*[“\"«]?[ \t]*(?=art[íi]culo|art\.)", new_text)]
    pieces: dict[str, str] = {}
    for i, m in enumerate(heads):
        chunk = new_text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(new_text)]
        label, body = _body(chunk.strip().strip("“”\"«»"))
        if label:
            pieces[label] = body
    return pieces if all(t in pieces for t in targets) else None


def _part_re(sub: tuple[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    kind, num = sub
    if kind in ("numeral", "ordinal", "punto") and num.isdigit():
        return (re.compile(rf"(?m)^[ \t]*0*{num}[ \t]*(?:[.)°º-]+|o\.)[ \t]*"),
                re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*(?:[.)°º-]+|o\.)[ \t]*"))
    if kind in ("literal", "letra", "inciso") and len(num) == 1 and num.isalpha():
        return (re.compile(rf"(?im)^[ \t]*{num}[ \t]*[).-]+[ \t]*"),
                re.compile(r"(?im)^[ \t]*[a-zñ][ \t]*[).-]+[ \t]*"))
    return None


def _locate(text: str, sub: tuple[str, str]) -> tuple[int, int] | None:
    """Span of a numbered/lettered item or of an inciso (paragraph) of an article body."""
    res = _part_re(sub)
    if res:
        own, any_item = res
        m = own.search(text)
        if not m:
            return None
        nxt = any_item.search(text, m.end())
        return m.start(), (nxt.start() if nxt else len(text))
    if sub[0] in ("inciso", "parrafo", "paragrafo") and sub[1].isdigit():
        paras = [m for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*", text)] if "\n\n" in text else \
            list(re.finditer(r"[^\n]+", text))
        k = int(sub[1]) - 1
        return (paras[k].start(), paras[k].end()) if 0 <= k < len(paras) else None
    return None


def replace_term(text: str, term_from: str, term_to: str) -> tuple[str, int, list[str]]:
    """Replace whole-word occurrences safely; returns new text, count, skipped contexts."""
    if not term_from.split() or term_from == term_to:
        return text, 0, []
    flex = r"(?<!\w)" + r"\s+".join(map(re.escape, term_from.split())) + r"(?!\w)"
    to_flex = r"(?<!\w)" + r"\s+".join(map(re.escape, term_to.split())) + r"(?!\w)"
    already = [m.span() for m in re.finditer(to_flex, text)]
    to_words = term_to.split()
    pairs = {(a, b) for a, b in zip(to_words, to_words[1:], strict=False)}
    out, last, count, skipped = [], 0, 0, []
    for m in re.finditer(flex, text):
        if any(s < m.end() and m.start() < e for s, e in already):
            continue
        following = re.findall(r"\w+", text[m.end() : m.end() + 80])[:2]
        if len(following) == 2 and (following[0], following[1]) in pairs:
            skipped.append(text[max(0, m.start() - 20) : m.end() + 40].replace("\n", " "))
            continue
        out.append(text[last : m.start()] + term_to)
        last, count = m.end(), count + 1
    out.append(text[last:])
    return "".join(out), count, skipped


# ---------------------------------------------------------------- consolidation


@dataclass(slots=True)
class _Draft:
    number: str | None
    heading: str | None
    text: str | None
    status: Status
    reason: str | None
    changes: list[str] = field(default_factory=list)
    cause: str | None = None  # first amending article that touched it


def _draft(v: Version) -> _Draft:
    return _Draft(v.number, v.heading, v.text, v.status, v.reason)


class _Work:
    """Mutable state of one consolidation run."""

    def __init__(self, base: Sequence[BaseArticle] | None, base_date: date | None, as_of: date | None):
        self.complete = base is not None
        self.base_date, self.as_of = base_date, as_of
        self.hist: dict[str, ArticleHistory] = {}
        self.order: list[str] = []
        self.warnings: list[str] = []
        self.terms: list[TermRecord] = []
        self.last_known: date | None = base_date
        for i, art in enumerate(base or []):
            number = normalise_number(art.number)
            ident = self._fresh(f"art-{number}" if number else f"art-pos{i + 1}")
            status = self._dated(Status.IN_FORCE if art.text is not None else Status.UNKNOWN, base_date)
            self.hist[ident] = ArticleHistory(ident, "base", [Version(
                number, art.heading, art.text, status, base_date, None, "base", source=art.source,
                reason=None if art.text is not None else "base text not available")])
            self.order.append(ident)

    def _fresh(self, ident: str) -> str:
        k, out = 1, ident
        while out in self.hist:
            k, out = k + 1, f"{ident}~{k + 1}"
        return out

    def _dated(self, status: Status, when: date | None) -> Status:
        """A version starting after ``as_of`` (a future text or a future repeal) is not yet in force."""
        if self.as_of and when and when > self.as_of:
            return Status.NOT_YET_IN_FORCE
        return status

    def placeholder(self, number: str) -> str:
        ident = self._fresh(f"art-{number}")
        self.hist[ident] = ArticleHistory(ident, "placeholder", [Version(
            number, None, None, Status.UNKNOWN, self.base_date, None, "base",
            reason="base text not in the corpus: only the reform names this article")])
        key = number_key(number)
        at = next((i for i, o in enumerate(self.order)  # articles inserted by the running reform
                   if self.hist[o].versions  # have no version yet and are skipped here
                   and number_key(self.hist[o].versions[-1].number) > key), len(self.order))
        self.order.insert(at, ident)
        return ident


def consolidate(
    base: Sequence[BaseArticle | tuple[str, str | None, str | None, str | None]] | None,
    reforms: Sequence[Reform | tuple[date | None, str, list[tuple[str, Operation]]]],
    *,
    base_date: date | None = None,
    as_of: date | None = None,
) -> Consolidation:
    """Apply reforms in the order given; ``base=None`` means the base text is not available."""
    articles = [BaseArticle(*a) if isinstance(a, tuple) else a for a in base] if base is not None else None
    work = _Work(articles, base_date, as_of)
    previous: date | None = base_date
    for item in reforms:
        reform = item if isinstance(item, Reform) else Reform(item[1], item[0], list(item[2]))
        if reform.date and previous and reform.date < previous:
            work.warnings.append(f"{reform.id}: dated {reform.date} before an earlier reform; applied in list order")
        previous = reform.date or previous
        _apply(work, reform)
    return Consolidation([work.hist[i] for i in work.order], work.complete, work.warnings, work.terms)


def _apply(work: _Work, reform: Reform) -> None:  # noqa: C901 - one switch over kinds
    before: dict[str, str] = {}
    for ident in work.order:
        number = work.hist[ident].versions[-1].number
        if number is not None:
            before.setdefault(number, ident)
    drafts = {i: _draft(work.hist[i].versions[-1]) for i in work.order}
    new_idents: list[str] = []
    explicit: dict[str, str] = {}
    renumber_by: str | None = None
    pending_terms: list[tuple[str, Operation]] = []
    after_anchor: dict[str, str] = {}
    note = work.warnings.append

    def resolve(number: str) -> str | None:
        if number in before:
            return before[number]
        if work.complete:
            note(f"{reform.id}: article {number} not found in the text being amended")
            return None
        ident = work.placeholder(number)
        before[number], drafts[ident] = ident, _draft(work.hist[ident].versions[-1])
        return ident

    def touch(ident: str, art: str, what: str) -> _Draft:
        d = drafts[ident]
        d.changes.append(f"{what} (art. {art})")
        d.cause = d.cause or art
        return d

    for art, op in reform.operations:
        kind = op.kind
        if kind is OperationKind.TERM_SUBSTITUTION:
            pending_terms.append((art, op))
        elif kind is OperationKind.RENUMBER_ALL:
            renumber_by = renumber_by or art
        elif kind is OperationKind.UNKNOWN:
            note(f"{reform.id} art. {art}: instruction not understood, not applied ({op.pattern})")
        elif kind is OperationKind.REPEAL and op.whole_work:
            for ident, d in drafts.items():
                if d.status is not Status.REPEALED and ident in work.order:
                    touch(ident, art, "repealed with the whole work").status = Status.REPEALED
                    d.text, d.reason = None, None
        elif kind is OperationKind.INSERTION and not op.targets:
            _insert_article(work, reform, art, op, before, drafts, new_idents, explicit, after_anchor, resolve)
        else:
            bodies = _split_multi(op.new_text, op.targets) if op.new_text and len(op.targets) > 1 else None
            for target in op.targets:
                found = resolve(target)
                if found is None:
                    continue
                ident = found
                if kind is OperationKind.RENUMBERING:
                    explicit[ident] = op.new_number or target
                    touch(ident, art, "renumbering ordered")
                elif kind is OperationKind.REPEAL:
                    _repeal(touch(ident, art, "repealed" if not op.target_sub else f"{op.target_sub[0]} {op.target_sub[1]} repealed"), op)
                elif kind in (OperationKind.SUBSTITUTION, OperationKind.INSERTION):
                    text = bodies.get(target) if bodies else op.new_text
                    if len(op.targets) > 1 and bodies is None:
                        text = None
                    _substitute(touch(ident, art, kind.value), op, text, target)
                    if op.new_number and len(op.targets) == 1:
                        explicit[ident] = op.new_number
    _number(work, reform, drafts, new_idents, explicit, renumber_by, before)
    for art, op in pending_terms:
        _terms(work, reform, art, op, drafts, before)
    _commit(work, reform, drafts, new_idents)


def _repeal(d: _Draft, op: Operation) -> None:
    if not op.target_sub:
        d.status, d.text, d.reason = Status.REPEALED, None, None
        return
    span = _locate(d.text, op.target_sub) if d.text else None
    if span and d.text:
        end = span[1]
        while end < len(d.text) and d.text[end] in " \t\n":  # the part's line break(s) go with it
            end += 1
        d.text = (d.text[: span[0]] + d.text[end:]).strip()
    else:
        d.text, d.status = None, Status.UNKNOWN
        d.reason = f"{op.target_sub[0]} {op.target_sub[1]} repealed, but the text it was removed from is unknown"


def _substitute(d: _Draft, op: Operation, new_text: str | None, target: str) -> None:
    """Whole-article replacement, or replacement/insertion of one part when only the part is quoted."""
    if new_text is None:
        d.text, d.status, d.reason = None, Status.UNKNOWN, "new text not found in the instruction"
        return
    label, body = _body(new_text)
    whole = label is not None or not op.target_sub
    if whole:
        d.text, d.status, d.reason = body, Status.IN_FORCE, None
        d.heading = op.new_heading or d.heading
        return
    sub = op.target_sub
    assert sub is not None
    span = _locate(d.text, sub) if d.text else None
    if op.kind is OperationKind.INSERTION and d.text:
        # the new part takes the place of the part now bearing its number, or goes last
        cut = span[0] if span else len(d.text)
        sep = "\n\n" if "\n\n" in d.text else "\n"
        d.text = sep.join(x for x in (d.text[:cut].rstrip(), body, d.text[cut:].lstrip()) if x)
        d.status, d.reason = Status.IN_FORCE, None
    elif span and d.text:
        d.text = (d.text[: span[0]] + body + "\n" + d.text[span[1] :]).strip()
        d.status, d.reason = Status.IN_FORCE, None
    else:
        d.text, d.status = None, Status.UNKNOWN
        d.reason = f"{sub[0]} {sub[1]} of article {target} replaced, but the rest of the article is unknown"


def _insert_article(work: _Work, reform: Reform, art: str, op: Operation, before: dict[str, str],
                    drafts: dict[str, _Draft], new_idents: list[str], explicit: dict[str, str],
                    after_anchor: dict[str, str], resolve: Callable[[str], str | None]) -> None:
    number = op.new_number
    anchor, where = None, "after"
    if op.position:
        where, anchor = op.position[0], resolve(op.position[1])
    elif number and number_key(number)[1]:
        anchor = resolve(str(number_key(number)[0]))
    elif number and number.isdigit() and str(int(number) - 1) in before:
        anchor = before[str(int(number) - 1)]
    ident = work._fresh(f"{reform.id}:art-{art}")
    if anchor is None:
        work.order.append(ident)
        work.warnings.append(f"{reform.id} art. {art}: place of the inserted article unknown; put at the end")
    elif where == "before":
        work.order.insert(work.order.index(anchor), ident)
    else:
        prev = after_anchor.get(anchor, anchor)
        work.order.insert(work.order.index(prev) + 1, ident)
        after_anchor[anchor] = ident
    label, body = _body(op.new_text) if op.new_text else (None, None)
    number = number or label
    if number is None:
        work.warnings.append(f"{reform.id} art. {art}: inserted article has no number")
    text_known = body is not None
    work.hist[ident] = ArticleHistory(ident, "inserted", [])
    drafts[ident] = _Draft(number, op.new_heading, body, Status.IN_FORCE if text_known else Status.UNKNOWN,
                           None if text_known else "new text not found in the instruction",
                           [f"inserted (art. {art})"], art)
    new_idents.append(ident)
    if number:
        explicit[ident] = number


def _sequence(work: _Work, drafts: dict[str, _Draft], new: set[str], before_num: dict[str, str | None],
              policy: str) -> dict[str, str]:
    """New numbers of one renumbering under one policy (see module docstring)."""
    nums: dict[str, str] = {}
    was_repealed = {i for i in work.order if i not in new and work.hist[i].versions[-1].status is Status.REPEALED}
    if work.complete:
        k = 0
        for i in work.order:
            if policy == "close_gaps" and drafts[i].status is Status.REPEALED:
                continue
            k += 1
            nums[i] = str(k)
        return nums
    shift, last = 0, None
    for i in work.order:
        old = before_num.get(i)
        if i in new:
            shift += 1
            value = last + 1 if last is not None else None
        elif policy == "close_gaps" and drafts[i].status is Status.REPEALED:
            shift -= 0 if i in was_repealed else 1
            continue
        elif old is not None and old.isdigit():
            value = int(old) + shift
        else:
            value = last + 1 if last is not None else None
        if value is not None:
            nums[i], last = str(value), value
    return nums


def _number(work: _Work, reform: Reform, drafts: dict[str, _Draft], new_idents: list[str],
            explicit: dict[str, str], renumber_by: str | None, before: dict[str, str]) -> None:
    before_num = {i: work.hist[i].versions[-1].number if work.hist[i].versions else None for i in work.order}
    chosen: dict[str, str] = dict(explicit)
    if renumber_by:
        options = {}
        for policy in ("keep_slots", "close_gaps"):
            nums = _sequence(work, drafts, set(new_idents), before_num, policy)
            options[policy] = (nums, [i for i, n in explicit.items() if nums.get(i) != n])
        policy = "keep_slots" if not options["keep_slots"][1] or options["close_gaps"][1] else "close_gaps"
        nums, conflicts = options[policy]
        for i in conflicts:
            work.warnings.append(f"{reform.id}: renumbering ({policy}) gives {drafts[i].number!r} "
                                 f"number {nums.get(i)} but the reform prints {explicit[i]}; printed number kept")
        chosen = {**nums, **explicit}
    for ident, number in chosen.items():
        d = drafts[ident]
        if ident not in new_idents and work.hist[ident].versions[-1].status is Status.REPEALED:
            continue
        if d.number != number:
            old = d.number
            d.number = number
            if ident not in new_idents:
                d.changes.append(f"renumbered {old} → {number} (art. {renumber_by or d.cause})")
                d.cause = d.cause or renumber_by
    live = [drafts[i].number for i in work.order if drafts[i].status is not Status.REPEALED and drafts[i].number]
    dupes = sorted({n for n in live if live.count(n) > 1}, key=number_key)
    if dupes:
        work.warnings.append(f"{reform.id}: after this reform several articles share numbers {dupes}")


def _terms(work: _Work, reform: Reform, art: str, op: Operation, drafts: dict[str, _Draft],
           before: dict[str, str]) -> None:
    term_from, term_to = op.term_from or "", op.term_to or ""
    record = TermRecord(reform.id, art, term_from, term_to,
                        certain=not any("unbalanced" in w for w in op.warnings), targets=list(op.targets))
    scope = {before[t] for t in op.targets if t in before} if op.targets else None
    for ident in work.order:
        d = drafts[ident]
        if d.status is Status.REPEALED or (scope is not None and ident not in scope):
            continue
        if d.text is None:
            record.unchecked += 1
            continue
        new, count, skipped = replace_term(d.text, term_from, term_to)
        record.applied += count
        record.skipped += len(skipped)
        for ctx in skipped:
            work.warnings.append(f"{reform.id} art. {art}: '{term_from}' left as is in {d.number} "
                                 f"(replacing would repeat words of the new term): …{ctx}…")
        if count:
            d.text = new
            d.changes.append(f"term '{term_from}' → '{term_to}' ×{count} (art. {art})")
            d.cause = d.cause or art
    if record.applied == 0:
        work.warnings.append(f"{reform.id} art. {art}: term '{term_from}' found in no article with known text; "
                             f"nothing replaced ({record.unchecked} in force with unknown text)")
    work.terms.append(record)


def _commit(work: _Work, reform: Reform, drafts: dict[str, _Draft], new_idents: list[str]) -> None:
    when = reform.date
    for ident in work.order:
        d = drafts.get(ident)
        if d is None or not d.changes:
            continue
        hist = work.hist[ident]
        status = work._dated(d.status, when)
        reason = d.reason
        if status is Status.NOT_YET_IN_FORCE and d.status is not Status.IN_FORCE:
            reason = f"{d.status.value} from {when}" + (f": {d.reason}" if d.reason else "")
        version = Version(d.number, d.heading, d.text, status, when, None, reform.id, d.cause,
                          reason, changes=list(d.changes))
        if hist.versions:
            prev = hist.versions[-1]
            prev.valid_to, prev.end_unknown = when, when is None
            if when and prev.valid_from and when < prev.valid_from:
                work.warnings.append(f"{reform.id}: {ident} changes on {when}, before its previous version")
        if when is None:
            version.not_before = work.last_known
        hist.versions.append(version)
    work.last_known = when or work.last_known


# ---------------------------------------------------------------- queries


def text_at(history: ArticleHistory, when: date) -> Version | None:
    """The version certainly in force at ``when``; None if the article did not exist yet.

    When unknown dates make the answer uncertain, a synthetic version with
    status ``unknown`` and a reason is returned instead of a guess.
    """
    for i, v in enumerate(history.versions):
        if i == 0 and v.valid_from is None and v.not_before and when < v.not_before:
            return None  # created by a reform of unknown date that cannot be that early
        starts_ok = v.valid_from <= when if v.valid_from else (i == 0 and history.origin != "inserted")
        if v.valid_from is None and not starts_ok:
            return Version(v.number, None, None, Status.UNKNOWN, None, None, v.introduced_by,
                           reason=f"date of {v.introduced_by} unknown")
        if not starts_ok:
            return None if i == 0 else Version(v.number, None, None, Status.UNKNOWN, None, None,
                                              v.introduced_by, reason="between versions")
        if v.valid_to and when < v.valid_to:
            return v
        if v.valid_to is None and not v.end_unknown:
            return v
        if v.end_unknown:
            nxt = history.versions[i + 1] if i + 1 < len(history.versions) else None
            if nxt is not None and nxt.not_before and when < nxt.not_before:
                return v
            if nxt is None or nxt.valid_from is None:
                return Version(v.number, None, None, Status.UNKNOWN, None, None, v.introduced_by,
                               reason="the change that ended this version has no known date")
    return None


def current(history: ArticleHistory, as_of: date | None = None) -> Version | None:
    """The version in force now (or at ``as_of``): the last one not yet pending."""
    if as_of:
        return text_at(history, as_of)
    for v in reversed(history.versions):
        if v.status is not Status.NOT_YET_IN_FORCE:
            return v
    return None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) runs, op in equal/delete/insert."""
    tok = re.compile(r"\w+|[^\w\s]+|\s+")
    a, b = tok.findall(old or ""), tok.findall(new or "")
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(b[j1:j2])))
    return out


# ---------------------------------------------------------------- cross-check

_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'",
                         "–": "-", "—": "-", "‐": "-", "\u00a0": " "})


def normalise_text(s: str) -> str:
    """Whitespace, quotes and dashes normalised: what counts as formatting noise."""
    return " ".join(unicodedata.normalize("NFC", s).translate(_QUOTES).split())


def _fold(s: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", s.casefold()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


@dataclass(slots=True)
class Discrepancy:
    kind: str  # printed_although_repealed | substitution_not_applied | text_differs | missing_in_print
    #            | numbering_differs | term_not_applied | unverifiable | not_in_computation
    severity: str  # error | minor (same words, different case/accents/punctuation) | info
    printed_number: str | None
    computed_number: str | None
    identity: str | None
    printed_text: str | None
    computed_text: str | None
    detail: str = ""


def cross_check(computed: Consolidation, printed: Sequence[tuple[str, str]], *,
                as_of: date | None = None, include_info: bool = False) -> list[Discrepancy]:
    """Compare the consolidation with a printed full text (list of (number, text))."""
    now = {h.identity: current(h, as_of) for h in computed.articles}
    by_number: dict[str, tuple[str, Version]] = {}
    for h in computed.articles:
        v = now[h.identity]
        if v is not None and v.number is not None:
            if v.number not in by_number or by_number[v.number][1].status is Status.REPEALED:
                by_number[v.number] = (h.identity, v)
    known = {normalise_text(v.text): i for i, v in now.items() if v is not None and v.text}
    out: list[Discrepancy] = []
    seen: set[str] = set()
    for raw_number, raw_text in printed:
        number = normalise_number(raw_number)
        _label, ptext = _body(raw_text)  # a printed heading is compared as number, not as text
        hit = by_number.get(number)
        norm = normalise_text(ptext)
        if hit and hit[1].status is Status.REPEALED:
            seen.add(hit[0])
            out.append(Discrepancy("printed_although_repealed", "error", number, number, hit[0], ptext, None,
                                   f"repealed by {hit[1].introduced_by} art. {hit[1].reform_article}"))
            continue
        if hit and hit[1].text is not None:
            seen.add(hit[0])
            ctext = hit[1].text
            if normalise_text(ctext) == norm:
                continue
            if known.get(norm) and known[norm] != hit[0]:
                other = now[known[norm]]
                seen.add(known[norm])
                out.append(Discrepancy("numbering_differs", "error", number, other.number if other else None,
                                       known[norm], ptext, ctext, "printed text belongs to another article"))
                continue
            kind = "substitution_not_applied" if hit[1].introduced_by != "base" else "text_differs"
            severity = "minor" if _fold(ctext) == _fold(ptext) else "error"
            out.append(Discrepancy(kind, severity, number, number, hit[0], ptext, ctext,
                                   f"computed text from {hit[1].introduced_by} art. {hit[1].reform_article}"))
            continue
        if norm in known:
            ident = known[norm]
            seen.add(ident)
            v = now[ident]
            out.append(Discrepancy("numbering_differs", "error", number, v.number if v else None, ident, ptext,
                                   v.text if v else None, "same text, different number"))
            continue
        out.extend(_term_findings(computed, number, ptext))
        if hit:
            seen.add(hit[0])
        if include_info:
            kind = "unverifiable" if hit else "not_in_computation"
            out.append(Discrepancy(kind, "info", number, number if hit else None, hit[0] if hit else None,
                                   ptext, None, hit[1].reason or "" if hit else "no computed article"))
    for h in computed.articles:
        v = now[h.identity]
        if h.identity in seen or v is None or v.status is not Status.IN_FORCE or not v.text:
            continue
        out.append(Discrepancy("missing_in_print", "error", None, v.number, h.identity, None, v.text,
                               f"in force since {v.introduced_by}"))
    return out


def _term_findings(computed: Consolidation, number: str, ptext: str) -> list[Discrepancy]:
    """Old terms a term substitution should have removed, still in a printed article."""
    found: list[Discrepancy] = []
    for rec in computed.terms:
        if not rec.certain or (rec.targets and number not in rec.targets):
            continue
        _new, count, skipped = replace_term(ptext, rec.term_from, rec.term_to)
        if count or skipped:
            severity = "error" if count else "minor"
            detail = (f"'{rec.term_from}' still printed ×{count + len(skipped)}; {rec.reform} art. "
                      f"{rec.reform_article} replaces it by '{rec.term_to}'")
            if skipped and not count:
                detail += " (printed as a variant of the new term)"
            found.append(Discrepancy("term_not_applied", severity, number, None, None, ptext, None, detail))
    return found


__all__ = [
    "ArticleHistory", "BaseArticle", "Consolidation", "Discrepancy", "Reform", "Status", "TermRecord",
    "Version", "consolidate", "cross_check", "current", "normalise_text", "number_key", "replace_term",
    "text_at", "word_diff",
]
