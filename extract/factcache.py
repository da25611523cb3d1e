"""Per-source cache of extracted facts: what makes a build incremental.

Parsing, assembling works and writing the graph take a second or two for the
whole corpus; the statistical pipeline is what costs.  Its results depend only
on a source's bytes, its jurisdiction and the extractor (code and rules), so
they are cached under a key made of those; adding one source runs spaCy on
that source only.  A corrupt or foreign cache file is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from extract.model import ParsedSource
from extract.nlp import extract_facts
from extract.nlp.facts import Facts
from extract.passages import passages

_NLP_DIR = Path(__file__).resolve().parent / "nlp"


@cache
def extractor_fingerprint() -> str:
    """A hash of the extractor's code and rule files: a change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(_NLP_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".jsonl", ".json"):
            digest.update(path.relative_to(_NLP_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(Path(__file__).with_name("passages.py").read_bytes())
    return digest.hexdigest()[:16]


def facts_for(parsed: ParsedSource, *, cache_dir: Path | None) -> tuple[Facts, bool]:
    """Facts of one source, from the cache when possible; returns (facts, was_cached)."""
    src = parsed.source
    key = hashlib.sha256(f"{src.sha256}|{src.meta.jurisdiction}|{extractor_fingerprint()}".encode()).hexdigest()
    path = cache_dir / f"facts-{key}.pickle" if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, Facts):
                return cached, True
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    facts = extract_facts(passages(parsed))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    return facts, False
