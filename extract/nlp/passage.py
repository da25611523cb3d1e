"""The unit of text the fact extractors read.

The structural parser cuts a source into passages (an article's own text, one
numeral or literal, a free paragraph).  A list item keeps the text of the list
header it hangs from, because the header names who holds the listed duties
("Son atribuciones del Alcalde:").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    """One unit of text with its place in the source.

    ``start`` is the offset of ``text[0]`` in the source, so spans found in the
    passage translate to source spans by adding it; ``header_start`` does the
    same for ``header``.
    """

    key: str
    text: str
    start: int
    header: str | None = None
    header_start: int | None = None
    jurisdiction: str = ""
