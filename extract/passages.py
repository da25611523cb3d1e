"""Cut a parsed source into the passages the fact extractors read.

A passage is an article's own words (before its first numeral), one numeral
or literal (with the words of the list header it hangs from), or a free
paragraph of a document without articles.  Keys are ``n<offset>`` of the node
the passage comes from, so the graph stage can map facts back to parts.
"""

from __future__ import annotations

from typing import Iterator

from extract.model import Instrument, InstrumentType, Node, NodeKind, ParsedSource
from extract.nlp.passage import Passage

_ITEM_KINDS = (NodeKind.NUMERAL, NodeKind.LITERAL, NodeKind.PARAGRAPH)
_ARTICLE_KINDS = (NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE)


def node_key(source_id: str, node: Node) -> str:
    """The key graph emission registers the node's part under."""
    return f"{source_id}#n{node.start}"


def own_text_span(node: Node) -> tuple[int, int]:
    """From the body start to the first child (the words that are the node's own)."""
    start = node.body_start if node.body_start is not None else node.start
    end = node.end
    for child in node.children:
        if child.kind in _ITEM_KINDS or child.kind in _ARTICLE_KINDS or child.kind is NodeKind.NOTE:
            end = min(end, child.start)
            break
    return start, max(start, end)


def passages(parsed: ParsedSource) -> list[Passage]:
    """All passages of a source, in document order."""
    text = parsed.source.text
    jurisdiction = parsed.source.meta.jurisdiction or ""
    sid = parsed.source.id
    out: list[Passage] = []
    for ins in parsed.instruments:
        if ins.type is InstrumentType.REFORMA_PARCIAL:
            # only the new text a reform quotes is law about organs; its instructions are not
            for quoted in ins.node.find(NodeKind.QUOTED_ARTICLE):
                out.extend(_article_passages(sid, quoted, text, jurisdiction))
            continue
        if any(True for _ in ins.node.find(NodeKind.ARTICLE)):
            for article in ins.node.find(NodeKind.ARTICLE):
                out.extend(_article_passages(sid, article, text, jurisdiction))
        else:
            out.extend(_block_passages(sid, ins, text, jurisdiction))
    return out


def _article_passages(sid: str, article: Node, text: str, jurisdiction: str) -> Iterator[Passage]:
    start, end = own_text_span(article)
    own = text[start:end]
    if own.strip():
        yield _passage(sid, article, start, end, text, None, jurisdiction)
    header = own.strip() and (start, end)
    yield from _items(sid, article, text, header or None, jurisdiction)


def _items(sid: str, parent: Node, text: str, header: tuple[int, int] | None,
           jurisdiction: str) -> Iterator[Passage]:
    for child in parent.children:
        if child.kind not in _ITEM_KINDS:
            continue
        start, end = own_text_span(child)
        if text[start:end].strip():
            yield _passage(sid, child, start, end, text, header, jurisdiction)
        sub_header = (start, end) if text[start:end].rstrip().endswith(":") else header
        yield from _items(sid, child, text, sub_header, jurisdiction)


def _block_passages(sid: str, ins: Instrument, text: str, jurisdiction: str) -> Iterator[Passage]:
    header: tuple[int, int] | None = None
    numbered_header: tuple[int, int] | None = None
    for block in ins.node.children:
        start = block.body_start if block.body_start is not None else block.start
        end = block.end
        line = text[block.start : block.end].strip()
        if not line:
            continue
        if block.attrs.get("header"):
            header = (block.start, block.end)
            numbered_header = None
            yield _passage(sid, block, block.start, end, text, None, jurisdiction)
            continue
        if block.kind is NodeKind.NUMERAL:
            numbered_header = (block.start, block.end)
            yield _passage(sid, block, start, end, text, header, jurisdiction)
            continue
        context = numbered_header if block.attrs.get("item") == "bullet" and numbered_header else header
        yield _passage(sid, block, start, end, text, context, jurisdiction)


def _passage(sid: str, node: Node, start: int, end: int, text: str, header: tuple[int, int] | None,
             jurisdiction: str) -> Passage:
    return Passage(
        key=node_key(sid, node),
        text=text[start:end],
        start=start,
        header=text[header[0] : header[1]] if header else None,
        header_start=header[0] if header else None,
        jurisdiction=jurisdiction,
    )
