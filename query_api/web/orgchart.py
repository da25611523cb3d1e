"""The organ chart of a jurisdiction as server-side SVG: a layered tree layout.

Why no JS library: the chart is a small tree (units under units, posts inside
their unit's box), so a tidy layout fits in a page of code and the picture
works offline, in print and without scripts.  Layout: each organ hangs from
its *primary* parent (the deepest one when the graph gives several); leaves
take consecutive slots in depth-first order and a parent stands above its
first child, so the chart starts at the top left (visible first on a phone).  A second parent is drawn as a dashed red line: that is a
contradiction the audit reports.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

BOX_W, GAP_X, GAP_Y, LINE_H, PAD = 190, 24, 56, 16, 10
MARGIN = 64  # room on the left for the curves of contradictory parents
WRAP = 24


@dataclass
class Node:
    iri: str
    label: str
    href: str
    posts: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    depth: int = 0
    x: float = 0.0
    y: float = 0.0
    lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, is a post line)


@dataclass(frozen=True)
class Chart:
    svg: str
    roots: list[Node]
    nodes: dict[str, Node]
    extra_edges: list[tuple[str, str]]


def layout(nodes: dict[str, Node]) -> Chart:
    """Place ``nodes`` (parents/children already filled) and draw them."""
    primary: dict[str, str | None] = {}
    for n in nodes.values():
        parents = [p for p in n.parents if p in nodes and p != n.iri]
        primary[n.iri] = _deepest(parents, nodes)
    kids: dict[str, list[str]] = {k: [] for k in nodes}
    for iri, p in primary.items():
        if p is not None and not _creates_cycle(iri, p, primary):
            kids[p].append(iri)
        else:
            primary[iri] = None
    for k in kids.values():
        k.sort(key=lambda i: nodes[i].label.lower())
    roots = sorted((n for n in nodes.values() if primary[n.iri] is None), key=lambda n: n.label.lower())
    slot = 0
    for root in roots:
        slot = _place(root.iri, 0, slot, nodes, kids)
    for n in nodes.values():
        n.lines = [(line, False) for line in textwrap.wrap(n.label, WRAP) or [n.label]]
        for post in n.posts:
            wrapped = textwrap.wrap(post, WRAP - 2) or [post]
            n.lines += [(("· " if k == 0 else "\u2002 ") + line, True) for k, line in enumerate(wrapped)]
    depth = max((n.depth for n in nodes.values()), default=0)
    row_h = [max((len(n.lines) for n in nodes.values() if n.depth == d), default=1) * LINE_H + 2 * PAD
             for d in range(depth + 1)]
    tops = [sum(row_h[:d]) + d * GAP_Y + GAP_Y // 2 for d in range(depth + 1)]
    for n in nodes.values():
        n.y = tops[n.depth]
    width = max(slot, 1) * (BOX_W + GAP_X) + MARGIN
    height = (tops[-1] + row_h[-1] + GAP_Y // 2) if nodes else 60
    extra = [(n.iri, p) for n in nodes.values() for p in n.parents if p in nodes and p != primary[n.iri]]
    svg = _draw(nodes, kids, extra, row_h, width, height)
    return Chart(svg, roots, nodes, extra)


def _deepest(parents: list[str], nodes: dict[str, Node]) -> str | None:
    """Of several parents, the one under another parent (the most specific placement)."""
    if not parents:
        return None
    for p in sorted(parents):
        if any(other != p and other in _ancestors(p, nodes) for other in parents):
            return p
    return sorted(parents)[0]


def _ancestors(iri: str, nodes: dict[str, Node]) -> set[str]:
    seen: set[str] = set()
    todo = [iri]
    while todo:
        current = nodes.get(todo.pop())
        for p in current.parents if current is not None else []:
            if p in nodes and p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _creates_cycle(child: str, parent: str, primary: dict[str, str | None]) -> bool:
    seen = {child}
    cur: str | None = parent
    while cur is not None:
        if cur in seen:
            return True
        seen.add(cur)
        cur = primary.get(cur)
    return False


def _place(iri: str, depth: int, slot: int, nodes: dict[str, Node], kids: dict[str, list[str]]) -> int:
    n = nodes[iri]
    n.depth = depth
    if not kids[iri]:
        n.x = MARGIN + slot * (BOX_W + GAP_X)
        return slot + 1
    for k in kids[iri]:
        slot = _place(k, depth + 1, slot, nodes, kids)
    n.x = nodes[kids[iri][0]].x  # above its first child: the chart reads from the top left, even on a phone
    return slot


def _draw(nodes: dict[str, Node], kids: dict[str, list[str]], extra: list[tuple[str, str]], row_h: list[int],
          width: float, height: float) -> str:
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="orgchart" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="orgchart-title">',
           '<title id="orgchart-title">Organigrama: cada caja es un órgano; las líneas van de cada órgano '
           'a los que dependen de él.</title>']
    for parent, children in kids.items():
        p = nodes[parent]
        for c in children:
            out.append(_edge(p, nodes[c], row_h, "edge"))
    for child, parent in extra:
        out.append(_conflict_edge(nodes[parent], nodes[child], row_h))
    for n in sorted(nodes.values(), key=lambda n: (n.depth, n.x)):
        h = row_h[n.depth]
        out.append(f'<a href={quoteattr(n.href)}><g class="node">')
        out.append(f'<rect x="{n.x:.1f}" y="{n.y:.1f}" width="{BOX_W}" height="{h}" rx="6"/>')
        out.append(f'<text x="{n.x + PAD:.1f}" y="{n.y + PAD + 12:.1f}">')
        for k, (line, is_post) in enumerate(n.lines):
            cls = ' class="post"' if is_post else ""
            out.append(f'<tspan x="{n.x + PAD:.1f}" dy="{0 if k == 0 else LINE_H}"{cls}>{escape(line)}</tspan>')
        out.append("</text></g></a>")
    out.append("</svg>")
    return "\n".join(out)


def _edge(parent: Node, child: Node, row_h: list[int], cls: str) -> str:
    x1, y1 = parent.x + BOX_W / 2, parent.y + row_h[parent.depth]
    x2, y2 = child.x + BOX_W / 2, child.y
    mid = y2 - GAP_Y / 2 if child.depth > parent.depth else (y1 + y2) / 2
    return f'<path class="{cls}" d="M{x1:.1f},{y1:.1f} V{mid:.1f} H{x2:.1f} V{y2:.1f}"/>'


def _conflict_edge(parent: Node, child: Node, row_h: list[int]) -> str:
    """A second, contradictory parent: a dashed curve on the left, off the tree's own lines."""
    x1, y1 = parent.x, parent.y + row_h[parent.depth] / 2
    x2, y2 = child.x, child.y + row_h[child.depth] / 2
    out = min(x1, x2) - MARGIN + 8
    return (f'<path class="edge conflict" d="M{x1:.1f},{y1:.1f} C{out:.1f},{y1:.1f} {out:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}"><title>Dependencia contradictoria</title></path>')
