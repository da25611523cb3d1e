"""The structure tree as JSON (``cabildo parse FILE --json``)."""

from __future__ import annotations

from typing import Any

from extract.model import Instrument, Node, ParsedSource


def node_json(node: Node, text: str, *, with_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": node.kind.value, "start": node.start, "end": node.end}
    if node.number is not None:
        out["number"] = node.number
        out["raw_number"] = node.raw_number
    if node.heading:
        out["heading"] = node.heading
    if node.attrs:
        out["attrs"] = dict(node.attrs)
    if with_text and not node.children:
        out["text"] = text[node.start : node.end]
    if node.children:
        out["children"] = [node_json(c, text, with_text=with_text) for c in node.children]
    return out


def instrument_json(ins: Instrument) -> dict[str, Any]:
    return {
        "type": ins.type.value,
        "title": ins.title,
        "subject_title": ins.subject_title,
        "consolidated": ins.consolidated,
        "gazette": {"name": ins.gazette_name, "kind": ins.gazette_kind, "number": ins.gazette_number},
        "publication_date": ins.publication_date,
        "session_dates": ins.session_dates,
        "sanction_date": ins.sanction_date,
        "signatories": [{"name": s.name, "role": s.role, "start": s.start, "end": s.end} for s in ins.signatories],
        "span": [ins.node.start, ins.node.end],
        "articles": [a.number for a in ins.articles()],
        "warnings": ins.warnings,
    }


def parsed_json(parsed: ParsedSource, *, with_text: bool = False) -> dict[str, Any]:
    src = parsed.source
    return {
        "source": {"id": src.id, "path": src.path, "sha256": src.sha256, "chars": len(src.text),
                   "jurisdiction": src.meta.jurisdiction, "country": src.meta.country},
        "warnings": parsed.warnings,
        "instruments": [instrument_json(i) for i in parsed.instruments],
        "tree": node_json(parsed.root, src.text, with_text=with_text),
    }
