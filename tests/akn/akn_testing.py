"""What the AKN tests share: the seed list, the offline schema and the text-fidelity helpers."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from extract import akn
from extract.model import Node, NodeKind

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests/gold/structure/samples"
SEEDS = sorted((ROOT / "corpus").glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
BASE = "https://kb.example.org/"
NS = {"a": akn.AKN_NS}
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HIER = {NodeKind.TITLE, NodeKind.CHAPTER, NodeKind.SECTION, NodeKind.ARTICLE, NodeKind.PARAGRAPH,
        NodeKind.NUMERAL, NodeKind.LITERAL}


class NoRemote(etree.Resolver):
    """Fails the test on any non-local URL and records what was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:
        url = system_url or ""
        self.asked.append(url)
        if "://" in url and not url.startswith("file://"):
            raise AssertionError(f"network access attempted: {url}")
        return None


@lru_cache(maxsize=1)
def offline_schema() -> tuple[etree.XMLSchema, tuple[str, ...]]:
    resolver = NoRemote()
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(resolver)
    schema = etree.XMLSchema(etree.parse(str(akn.SCHEMA_PATH), parser))
    return schema, tuple(resolver.asked)


def squash(text: str) -> str:
    """Text modulo whitespace, without the characters XML 1.0 forbids."""
    return "".join(FORBIDDEN.sub("", text).split())


def header(node: Node) -> tuple[int, int] | None:
    """Where a subdivision prints its keyword, number and epígrafe (before its body)."""
    if node.body_start is None:
        return None
    end = min(node.body_start, node.children[0].start) if node.children else node.body_start
    return (node.start, end) if end > node.start else None


def masked(node: Node, text: str) -> str:
    """Source text of ``node`` without the headers of it and its subdivisions (quoted ones too)."""
    spans = sorted(h for n in node.walk() if n.kind in HIER | {NodeKind.QUOTED_ARTICLE} and (h := header(n)))
    out, cur = [], node.start
    for a, b in spans:
        out.append(text[cur:max(cur, a)])
        cur = max(cur, b)
    out.append(text[cur : node.end])
    return "".join(out)


def visible(el: etree._Element) -> str:
    """Text of an element, leaving out <num> and <heading> (they restate the header)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname not in ("num", "heading"):
            parts.append(visible(child))
        parts.append(child.tail or "")
    return "".join(parts)
