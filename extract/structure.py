"""Stage 2 of structure recognition: build the tree from classified segments.

Reads: the segments of :mod:`extract.lines`.  Writes: a DOCUMENT node whose
children partition the text into gazette mastheads, source headings,
boilerplate and INSTRUMENT nodes; each instrument holds its preface, preamble,
títulos/capítulos/secciones, artículos (with quoted articles inside amending
ones), parágrafos, numerales, literales, notes and conclusions.

Contract (tested by round trip and fuzzing): never raises on any string,
never loses a character, runs in time linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from extract.lines import Mark, Segment, is_heading_like, segment
from extract.model import Node, NodeKind
from extract.patterns.structure import AMENDING_CUE

# Nesting rank inside an instrument body; a heading closes open nodes of equal
# or deeper rank.
_RANK = {
    NodeKind.TITLE: 1,
    NodeKind.CHAPTER: 2,
    NodeKind.SECTION: 3,
    NodeKind.ARTICLE: 4,
    NodeKind.QUOTED_ARTICLE: 5,
    NodeKind.PARAGRAPH: 6,
    NodeKind.NUMERAL: 7,
    NodeKind.LITERAL: 8,
    NodeKind.NOTE: 9,
    NodeKind.BLOCK: 9,
}
_STRUCTURE_KIND = {"libro": NodeKind.TITLE, "titulo": NodeKind.TITLE, "capitulo": NodeKind.CHAPTER, "seccion": NodeKind.SECTION}
_NUM_PREFIX = re.compile(r"\d+")


class _State(Enum):
    HEAD = 1  # preface / preamble of an instrument
    BODY = 2
    CLOSING = 3


@dataclass
class _Open:
    """A node still growing; its end is fixed when it is closed."""

    node: Node
    rank: int


@dataclass
class _Instrument:
    node: Node
    state: _State
    stack: list[_Open] = field(default_factory=list)
    last_own_article: Node | None = None
    quoting: bool = False  # the last own article already quotes new text
    head_node: Node | None = None  # open preface/preamble node
    conclusions: Node | None = None


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.segs = segment(text)
        self.root = Node(NodeKind.DOCUMENT, 0, len(text))
        self.instr: _Instrument | None = None
        self.top_open: Node | None = None  # open top-level masthead/heading/boilerplate
        self.masthead_since_instrument = False
        self.pending_epigraph: Segment | None = None
        self.next_content = self._next_content_index()
        self.seg_index = {id(s): k for k, s in enumerate(self.segs)}

    # -- helpers -----------------------------------------------------------
    def _next_content_index(self) -> list[int]:
        """For each segment, the index of the next non-blank segment (or len)."""
        nxt = [len(self.segs)] * (len(self.segs) + 1)
        following = len(self.segs)
        for i in range(len(self.segs) - 1, -1, -1):
            nxt[i] = following
            if self.segs[i].mark is not Mark.BLANK:
                following = i
        return nxt

    def _peek(self, i: int, skip: int = 0) -> Segment | None:
        j = self.next_content[i]
        for _ in range(skip):
            if j >= len(self.segs):
                return None
            j = self.next_content[j]
        return self.segs[j] if j < len(self.segs) else None

    def _close_top(self, at: int) -> None:
        if self.top_open is not None:
            self.top_open.end = max(self.top_open.start, at)
            self.top_open = None

    def _open_top(self, kind: NodeKind, start: int) -> Node:
        self._close_top(start)
        node = Node(kind, start, start)
        self.root.children.append(node)
        self.top_open = node
        return node

    def _close_instrument(self, at: int) -> None:
        ins = self.instr
        if ins is None:
            return
        self._close_stack(0, at)
        if ins.head_node is not None:
            ins.head_node.end = max(ins.head_node.start, min(ins.head_node.end or at, at))
            ins.head_node = None
        if ins.conclusions is not None:
            ins.conclusions.end = at
        ins.node.end = at
        self.instr = None
        self.masthead_since_instrument = False

    def _close_stack(self, rank: int, at: int) -> None:
        """Close open body nodes whose rank is >= ``rank``."""
        ins = self.instr
        assert ins is not None
        while ins.stack and ins.stack[-1].rank >= rank:
            ins.stack.pop().node.end = at

    def _start_instrument(self, start: int, state: _State) -> _Instrument:
        self._close_instrument(start)
        self._close_top(start)
        node = Node(NodeKind.INSTRUMENT, start, start)
        self.root.children.append(node)
        self.instr = _Instrument(node=node, state=state)
        return self.instr

    def _container(self) -> Node:
        ins = self.instr
        assert ins is not None
        return ins.stack[-1].node if ins.stack else ins.node

    def _push(self, kind: NodeKind, seg: Segment, *, start: int | None = None) -> Node:
        ins = self.instr
        assert ins is not None
        rank = _RANK[kind]
        begin = seg.start if start is None else start
        self._close_stack(rank, begin)
        node = Node(
            kind, begin, begin, number=seg.number, raw_number=seg.raw_number,
            heading=seg.heading, heading_span=seg.heading_span, body_start=seg.body_start,
        )
        if seg.keyword and kind in (NodeKind.TITLE, NodeKind.CHAPTER, NodeKind.SECTION):
            node.attrs["type"] = seg.keyword
        self._container().children.append(node)
        ins.stack.append(_Open(node, rank))
        return node

    def _innermost(self, *kinds: NodeKind) -> Node | None:
        ins = self.instr
        assert ins is not None
        for open_ in reversed(ins.stack):
            if open_.node.kind in kinds:
                return open_.node
        return None

    # -- main loop ---------------------------------------------------------
    def build(self) -> Node:
        i = 0
        while i < len(self.segs):
            i = self._step(i)
        end = len(self.text)
        self._close_instrument(end)
        self._close_top(end)
        if not any(c.kind is NodeKind.INSTRUMENT for c in self.root.children):
            self._wrap_whole_document()
        _fill_gaps(self.root)
        return self.root

    def _step(self, i: int) -> int:
        seg = self.segs[i]
        if seg.mark is Mark.BLANK:
            return i + 1
        if self.instr is None:
            return self._step_outside(i, seg)
        if self.instr.state is _State.HEAD:
            return self._step_head(i, seg)
        if self.instr.state is _State.BODY:
            return self._step_body(i, seg)
        return self._step_closing(i, seg)

    def _step_outside(self, i: int, seg: Segment) -> int:
        mark = seg.mark
        if mark is Mark.MASTHEAD:
            if self.top_open is None or self.top_open.kind is not NodeKind.MASTHEAD:
                self._open_top(NodeKind.MASTHEAD, seg.start)
            assert self.top_open is not None
            self.top_open.end = seg.end
            self.masthead_since_instrument = True
            return i + 1
        if mark is Mark.ARTICLE and self.masthead_since_instrument:
            return self._boilerplate_article(i, seg)
        if mark is Mark.QUOTED_SOURCE and self.top_open is not None:
            self.top_open.end = seg.end
            return i + 1
        if mark in (Mark.ENACTING, Mark.TITLE):
            ins = self._start_instrument(seg.start, _State.HEAD)
            return self._step_head(i, seg) if ins else i + 1
        if mark in (Mark.ARTICLE, Mark.STRUCTURE):
            self._start_instrument(seg.start, _State.BODY)
            return self._step_body(i, seg)
        # free text between instruments: a heading line, or part of the open top node
        if self.top_open is not None and self.top_open.kind in (NodeKind.MASTHEAD, NodeKind.BOILERPLATE) and \
                len(seg.text(self.text)) < 120:
            self.top_open.end = seg.end
            return i + 1
        node = self._open_top(NodeKind.HEADING, seg.start)
        node.end = seg.end
        node.heading = " ".join(seg.text(self.text).split())
        self.top_open = None
        return i + 1

    def _boilerplate_article(self, i: int, seg: Segment, *, start: int | None = None) -> int:
        """An article printed beside an instrument but belonging to another one."""
        node = self._open_top(NodeKind.BOILERPLATE, seg.start if start is None else start)
        node.number = seg.number
        node.raw_number = seg.raw_number
        node.attrs["reason"] = "article printed outside an instrument's body"
        j = i
        end = seg.end
        # the article runs to the next blank line; a "(ORDENANZA ...)" line names its source
        while j + 1 < len(self.segs) and self.segs[j + 1].mark in (Mark.TEXT, Mark.NUMERAL, Mark.LITERAL):
            j += 1
            end = self.segs[j].end
        nxt = self._peek(j)
        if nxt is not None and nxt.mark is Mark.QUOTED_SOURCE:
            node.attrs["quoted_from"] = " ".join(nxt.text(self.text).strip("() \t").split())
            end = nxt.end
            j = self.seg_index[id(nxt)]
        node.end = end
        self.top_open = None
        return j + 1

    def _step_head(self, i: int, seg: Segment) -> int:
        ins = self.instr
        assert ins is not None
        mark = seg.mark
        if mark in (Mark.ARTICLE, Mark.STRUCTURE, Mark.PARAGRAPH):
            self._end_head(seg.start)
            ins.state = _State.BODY
            return self._step_body(i, seg)
        if mark is Mark.CLOSING:
            self._end_head(seg.start)
            return self._enter_closing(seg)
        if mark is Mark.NOTE:
            self._end_head(seg.start)
            node = Node(NodeKind.NOTE, seg.start, seg.end, body_start=seg.body_start)
            ins.node.children.append(node)
            return i + 1
        if mark is Mark.TITLE and ins.head_node is not None and ins.head_node.kind is NodeKind.PREAMBLE and \
                len(seg.text(self.text).split()) == 1:
            ins.head_node.end = seg.end  # "SANCIONA CON FUERZA DE / ORDENANZA"
            return i + 1
        if mark is Mark.TITLE:
            titled = any(c.kind is NodeKind.PREFACE and "title" in c.attrs for c in ins.node.children)
            if titled:  # a second title after the first one's text: an instrument printed inside another
                self._start_instrument(seg.start, _State.HEAD)
                return self._step_head(i, seg)
            if ins.head_node is None or ins.head_node.kind is not NodeKind.PREFACE:
                self._end_head(seg.start)
                ins.head_node = Node(NodeKind.PREFACE, seg.start, seg.end)
                ins.node.children.append(ins.head_node)
            return self._title_block(i)
        if mark is Mark.ENACTING:
            if ins.head_node is None or ins.head_node.kind is not NodeKind.PREAMBLE:
                self._end_head(seg.start)
                ins.head_node = Node(NodeKind.PREAMBLE, seg.start, seg.end)
                ins.node.children.append(ins.head_node)
            ins.head_node.end = seg.end
            return i + 1
        if ins.head_node is None:
            ins.head_node = Node(NodeKind.PREFACE, seg.start, seg.end)
            ins.node.children.append(ins.head_node)
        ins.head_node.end = seg.end
        return i + 1

    def _title_block(self, i: int) -> int:
        """Absorb the title line and its upper-case continuation lines."""
        ins = self.instr
        assert ins is not None and ins.head_node is not None
        seg = self.segs[i]
        ins.head_node.end = seg.end
        spans = [(seg.content, seg.end)]
        j = i
        while True:
            nxt_i = self.next_content[j]
            if nxt_i >= len(self.segs):
                break
            nxt = self.segs[nxt_i]
            body = nxt.text(self.text)
            if nxt.mark in (Mark.TEXT, Mark.TITLE, Mark.MASTHEAD) and body.strip() and \
                    not any(ch.islower() for ch in body) and ":" not in body and len(body) < 400 and nxt_i - j <= 2:
                ins.head_node.end = nxt.end
                spans.append((nxt.content, nxt.end))
                j = nxt_i
                continue
            break
        ins.head_node.attrs["title"] = " ".join(" ".join(self.text[a:b] for a, b in spans).split())
        ins.head_node.attrs["title_start"] = str(spans[0][0])
        ins.head_node.attrs["title_end"] = str(spans[-1][1])
        return j + 1

    def _end_head(self, at: int) -> None:
        ins = self.instr
        assert ins is not None
        if ins.head_node is not None:
            ins.head_node = None

    def _enter_closing(self, seg: Segment) -> int:
        ins = self.instr
        assert ins is not None
        self._close_stack(0, seg.start)
        ins.state = _State.CLOSING
        ins.conclusions = Node(NodeKind.CONCLUSIONS, seg.start, seg.end)
        ins.node.children.append(ins.conclusions)
        return self.seg_index[id(seg)] + 1

    def _expected_next(self) -> str | None:
        ins = self.instr
        assert ins is not None
        if ins.last_own_article is None or ins.last_own_article.number is None:
            return "1"
        m = _NUM_PREFIX.match(ins.last_own_article.number)
        return str(int(m.group()) + 1) if m else None

    def _is_quoted(self, seg: Segment) -> bool:
        """Is this article heading new text quoted by the previous (amending) article?"""
        ins = self.instr
        assert ins is not None
        own = ins.last_own_article
        if own is None or own.body_start is None or seg.number is None:
            return False
        expected = self._expected_next()
        if seg.number == expected and not ins.quoting:
            instruction = self.text[own.body_start : seg.start]
            if not instruction.rstrip().endswith(":"):
                return False
        if ins.quoting:
            return seg.number != expected
        instruction = self.text[own.body_start : seg.start]
        if not AMENDING_CUE.search(instruction):
            return False
        base = _NUM_PREFIX.match(seg.number)
        mentioned = base is not None and re.search(rf"(?<![\d.]){base.group()}(?!\d)", instruction) is not None
        return mentioned

    def _step_body(self, i: int, seg: Segment) -> int:
        ins = self.instr
        assert ins is not None
        mark = seg.mark
        text_of = seg.text(self.text)
        if mark is Mark.ARTICLE:
            epigraph = self.pending_epigraph
            self.pending_epigraph = None
            if self._is_quoted(seg):
                own = ins.last_own_article
                assert own is not None
                # close anything opened inside the own article, keep the own article open
                while ins.stack and ins.stack[-1].node is not own:
                    ins.stack.pop().node.end = seg.start
                node = self._push(NodeKind.QUOTED_ARTICLE, seg)
                ins.quoting = True
                return i + 1
            start = epigraph.content if epigraph is not None else None
            node = self._push(NodeKind.ARTICLE, seg, start=start)
            if epigraph is not None and node.heading is None:
                node.heading = " ".join(epigraph.text(self.text).split())
                node.heading_span = (epigraph.content, epigraph.end)
            ins.last_own_article = node
            ins.quoting = False
            return i + 1
        self.pending_epigraph = None
        if mark is Mark.STRUCTURE:
            kind = _STRUCTURE_KIND[seg.keyword or "capitulo"]
            node = self._push(kind, seg)
            if node.heading is None:
                nxt_i = self.next_content[i]
                nxt = self.segs[nxt_i] if nxt_i < len(self.segs) else None
                if nxt is not None and nxt.mark in (Mark.TEXT, Mark.TITLE) and is_heading_like(nxt.text(self.text)) \
                        and nxt_i - i <= 4:
                    node.heading = " ".join(nxt.text(self.text).split())
                    node.heading_span = (nxt.content, nxt.end)
                    node.body_start = nxt.end
                    return nxt_i + 1
            return i + 1
        if mark is Mark.PARAGRAPH:
            self._push(NodeKind.PARAGRAPH, seg)
            return i + 1
        if mark is Mark.NUMERAL and self._innermost(NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE, NodeKind.PARAGRAPH):
            self._push(NodeKind.NUMERAL, seg)
            return i + 1
        if mark is Mark.LITERAL and self._innermost(NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE, NodeKind.PARAGRAPH):
            self._push(NodeKind.LITERAL, seg)
            return i + 1
        if mark is Mark.NOTE:
            self._close_stack(_RANK[NodeKind.NOTE], seg.start)
            self._close_stack(_RANK[NodeKind.NUMERAL], seg.start)
            node = Node(NodeKind.NOTE, seg.start, seg.end, body_start=seg.body_start)
            self._container().children.append(node)
            return i + 1
        if mark is Mark.CLOSING:
            return self._enter_closing(seg)
        if mark is Mark.ENACTING and self._innermost(NodeKind.ARTICLE) is None:
            self._start_instrument(seg.start, _State.HEAD)
            return self._step_head(i, seg)
        if mark is Mark.MASTHEAD and seg.strong:
            self._close_instrument(seg.start)
            return self._step_outside(i, seg)
        if mark is Mark.TITLE and self._restarts_numbering(i):
            self._start_instrument(seg.start, _State.HEAD)
            return self._step_head(i, seg)
        # plain text: it continues an item when it follows it directly, else it belongs to the article
        prev = self.segs[i - 1] if i > 0 else None
        if prev is not None and prev.mark is Mark.BLANK:
            self._close_stack(_RANK[NodeKind.NUMERAL], seg.start)
        if ins.stack and ins.stack[-1].node.kind in (NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE, NodeKind.PARAGRAPH,
                                                     NodeKind.NUMERAL, NodeKind.LITERAL):
            pass
        elif is_heading_like(text_of):
            self.pending_epigraph = seg
        return i + 1

    def _restarts_numbering(self, i: int) -> bool:
        """A title line opens a new instrument when structure restarting at 1 follows it."""
        j = i
        for _ in range(12):
            j = self.next_content[j]
            if j >= len(self.segs):
                return False
            nxt = self.segs[j]
            if nxt.mark is Mark.ARTICLE:
                return nxt.number == "1"
            if nxt.mark is Mark.STRUCTURE:
                return nxt.number == "1"
            if nxt.mark is Mark.ENACTING:
                return True
        return False

    def _step_closing(self, i: int, seg: Segment) -> int:
        ins = self.instr
        assert ins is not None and ins.conclusions is not None
        mark = seg.mark
        if mark in (Mark.MASTHEAD, Mark.TITLE, Mark.ENACTING, Mark.STRUCTURE):
            if mark is Mark.MASTHEAD and not seg.strong and not self._masthead_follows(i):
                ins.conclusions.end = seg.end
                return i + 1
            self._close_instrument(seg.start)
            return self._step_outside(i, seg)
        if mark is Mark.ARTICLE:
            if seg.number == self._expected_next():
                ins.node.attrs["warning"] = "article after the closing formula continues the numbering"
                ins.state = _State.BODY
                ins.conclusions = None
                ins.node.children = [c for c in ins.node.children if c.kind is not NodeKind.CONCLUSIONS]
                return self._step_body(i, seg)
            start = seg.start
            prev_i = self._prev_content(i)
            if prev_i is not None and self.segs[prev_i].mark in (Mark.TEXT,) and \
                    _names_instrument(self.segs[prev_i].text(self.text)):
                start = self.segs[prev_i].start
            self._close_instrument(start)
            return self._boilerplate_article(i, seg, start=start)
        if mark is Mark.TEXT and self._masthead_follows(i):
            self._close_instrument(seg.start)
            return self._step_outside(i, seg)
        ins.conclusions.end = seg.end
        return i + 1

    def _prev_content(self, i: int) -> int | None:
        j = i - 1
        while j >= 0 and self.segs[j].mark is Mark.BLANK:
            j -= 1
        return j if j >= 0 else None

    def _masthead_follows(self, i: int) -> bool:
        nxt = self._peek(i)
        return nxt is not None and nxt.mark is Mark.MASTHEAD

    def _wrap_whole_document(self) -> None:
        """A text with no recognisable instrument is one instrument of free blocks."""
        text = self.text
        first = next((s for s in self.segs if s.mark is not Mark.BLANK), None)
        if first is None:
            return
        node = Node(NodeKind.INSTRUMENT, first.content, len(text))
        node.attrs["implicit"] = "true"
        kept: list[Node] = []
        for child in self.root.children:
            if child.start >= first.content and child.kind in (NodeKind.HEADING, NodeKind.UNASSIGNED):
                continue
            kept.append(child)
        self.root.children = [c for c in kept if c.end <= first.content] + [node]
        header: Node | None = None
        for seg in self.segs:
            if seg.mark is Mark.BLANK or seg.content < first.content:
                continue
            kind = NodeKind.NUMERAL if seg.mark is Mark.NUMERAL else NodeKind.BLOCK
            block = Node(kind, seg.content, seg.end, number=seg.number if kind is NodeKind.NUMERAL else None,
                         raw_number=seg.raw_number if kind is NodeKind.NUMERAL else None, body_start=seg.body_start)
            line = seg.text(text).rstrip()
            if seg.mark is Mark.BULLET:
                block.attrs["item"] = "bullet"
            if line.endswith(":"):
                block.attrs["header"] = "true"
            node.children.append(block)
            header = block if line.endswith(":") else header
        del header


def _names_instrument(line: str) -> bool:
    t = line.strip()
    return len(t) < 120 and bool(re.match(r"(?i)(ordenanza|ley|decreto|reglamento|c[oó]digo)\b", t))


def _fill_gaps(node: Node) -> None:
    """Make spans consistent: children sorted, clipped inside the parent, no overlap."""
    node.children.sort(key=lambda c: (c.start, c.end))
    cursor = node.start
    kept: list[Node] = []
    for child in node.children:
        child.start = max(child.start, cursor)
        child.end = min(max(child.end, child.start), node.end)
        if child.end <= child.start and child.kind is not NodeKind.ARTICLE:
            continue
        if child.body_start is not None:
            child.body_start = min(max(child.body_start, child.start), child.end)
        _fill_gaps(child)
        kept.append(child)
        cursor = child.end
    node.children = kept


def parse_structure(text: str) -> Node:
    """Build the structure tree of ``text`` (never raises for a str input)."""
    return _Builder(text).build()


def render(node: Node, text: str) -> str:
    """Concatenate the node's own text and its children's renderings.

    Used by the round-trip test: the result must equal ``text[node.start:node.end]``.
    """
    parts: list[str] = []
    cursor = node.start
    for child in node.children:
        parts.append(text[cursor : child.start])
        parts.append(render(child, text))
        cursor = child.end
    parts.append(text[cursor : node.end])
    return "".join(parts)


def check_partition(node: Node) -> list[str]:
    """Problems with the partition invariant (empty list when the tree is sound)."""
    problems: list[str] = []
    cursor = node.start
    for child in node.children:
        if child.start < cursor:
            problems.append(f"{child.kind}@{child.start} overlaps previous sibling ending at {cursor}")
        if child.end > node.end or child.start < node.start:
            problems.append(f"{child.kind}@{child.start}-{child.end} outside parent {node.start}-{node.end}")
        if child.end < child.start:
            problems.append(f"{child.kind}@{child.start} has negative length")
        problems.extend(check_partition(child))
        cursor = max(cursor, child.end)
    return problems
