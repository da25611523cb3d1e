"""Find source files and their optional metadata (``<stem>.meta.json``).

Any ``.txt`` file or directory can be ingested; a metadata file beside a
source only adds what the text cannot say (country, municipality, issuer).
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.model import SourceMeta, Source
from extract.text import DEFAULT_MAX_BYTES, load_source

SOURCE_SUFFIXES = (".txt",)


class SourceError(ValueError):
    """A path that is not a readable source."""


def discover(paths: list[Path]) -> list[Path]:
    """Source files under ``paths`` (files as given, directories searched), sorted and unique."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise SourceError(f"no existe: {path} (no such file or directory)")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def read_meta(path: Path) -> SourceMeta:
    """The metadata file beside ``path``, or empty metadata."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file():
        return SourceMeta()
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"{meta_path}: metadatos ilegibles: {exc}") from exc
    if not isinstance(data, dict):
        raise SourceError(f"{meta_path}: se esperaba un objeto JSON")
    known = {k: data[k] for k in ("jurisdiction", "country", "locality", "issuing_body", "language", "title") if k in data}
    return SourceMeta(**{k: (str(v) if v is not None else None) for k, v in known.items()})  # type: ignore[arg-type]


def open_source(path: Path, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    return load_source(path, meta=read_meta(path), encoding=encoding, max_bytes=max_bytes)
