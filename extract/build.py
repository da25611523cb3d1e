"""Build the knowledge base: sources → graph → a new store swapped in atomically.

A build never writes into the store being served: it loads a fresh
generation directory and then flips the ``current`` link (see
:mod:`query_api.store`), so a reader sees the old graph or the new one, never
a half-built one, and a crash mid-build leaves the previous store intact.
Per-source results are cached by content hash, so adding one source only
parses that source.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

import pyoxigraph as ox

from extract.corpus import assemble
from extract.graph import Emitter, emit_corpus
from extract.graph_citations import emit_citations
from extract.graph_facts import emit_facts
from extract.factcache import facts_for
from extract.instruments import parse_source
from extract.model import NodeKind, ParsedSource
from extract.sources import SourceError, discover, open_source
from extract.text import DEFAULT_MAX_BYTES, DecodeError
from ontology import ONTOLOGY_PATH
from query_api.store import activate_generation, new_generation_dir, prune_generations


@dataclass
class BuildSummary:
    sources: int = 0
    refused: list[str] = field(default_factory=list)
    instruments: int = 0
    articles: int = 0
    versions: int = 0
    organs: int = 0
    duties: int = 0
    deadlines: int = 0
    amendments: int = 0
    discrepancies: int = 0
    citations: int = 0
    cached_sources: int = 0  # sources whose facts came from the cache (incremental build)
    triples: int = 0
    seconds: float = 0.0
    generation: str = ""
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        rows = [
            ("fuentes", self.sources), ("instrumentos", self.instruments), ("artículos", self.articles),
            ("versiones", self.versions), ("órganos", self.organs), ("deberes", self.duties),
            ("plazos", self.deadlines), ("modificaciones", self.amendments), ("discrepancias", self.discrepancies),
            ("remisiones", self.citations),
            ("tripletas", self.triples),
        ]
        out = [f"{name:>15}: {value:,}" for name, value in rows]
        out.append(f"{'segundos':>15}: {self.seconds:.2f}")
        if self.cached_sources:
            out.append(f"{'':>15}  ({self.cached_sources} fuentes sin cambios: hechos tomados de la caché)")
        out.extend(f"  rechazada: {r}" for r in self.refused)
        return out


Progress = Callable[[int, int, str], None]


def stderr_progress(stream: TextIO = sys.stderr) -> Progress:
    """A one-line progress bar on stderr."""

    def report(done: int, total: int, label: str) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:50]:<50}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return report


def build(
    paths: list[Path],
    *,
    store_dir: Path,
    base: str,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> BuildSummary:
    """Parse every source under ``paths`` and publish the graph as a new store generation."""
    started = time.perf_counter()
    summary = BuildSummary()
    files = discover(paths)
    parsed_sources: list[ParsedSource] = []
    for k, path in enumerate(files, 1):
        if progress:
            progress(k - 1, len(files), path.name)
        try:
            parsed = parse_source(open_source(path, encoding=encoding, max_bytes=max_bytes))
        except (DecodeError, SourceError, OSError) as exc:
            summary.refused.append(f"{path}: {exc}")
            continue
        summary.sources += 1
        summary.instruments += len(parsed.instruments)
        summary.articles += sum(1 for i in parsed.instruments for _ in i.node.find(NodeKind.ARTICLE))
        summary.warnings.extend(f"{path.name}: {w}" for w in parsed.warnings)
        parsed_sources.append(parsed)
    if progress:
        progress(len(files), len(files), "versiones y grafo")
    works = assemble(parsed_sources)
    emitter = emit_corpus(parsed_sources, works, base=base)
    emit_citations(emitter, works)
    if progress:
        progress(len(files), len(files), "órganos, deberes y plazos")
    for parsed in parsed_sources:  # per source, cached by content: adding a source is incremental
        facts, cached = facts_for(parsed, cache_dir=store_dir / "cache")
        summary.cached_sources += cached
        emit_facts(emitter, facts, parsed_sources)
    summary.organs = len(emitter.distinct.get("organs", ()))
    summary.duties = emitter.counts.get("duties", 0)
    summary.deadlines = emitter.counts.get("deadlines", 0)
    for w in works:
        summary.warnings.extend(w.warnings)
    summary.warnings.extend(emitter.warnings)
    summary.versions = emitter.counts.get("versions", 0)
    summary.amendments = emitter.counts.get("amendments", 0)
    summary.discrepancies = emitter.counts.get("discrepancies", 0)
    summary.citations = emitter.counts.get("citations", 0)
    onto = ontology_quads()
    summary.generation, summary.triples = publish(emitter, onto, store_dir=store_dir)
    summary.seconds = time.perf_counter() - started
    return summary


ONTOLOGY_GRAPH = "https://w3id.org/cabildo/ontology"


def ontology_quads() -> list[ox.Quad]:
    """The ontology and its code lists (labels of statuses, units...) in their own graph."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    with open(ONTOLOGY_PATH, "rb") as fh:
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(fh, format=ox.RdfFormat.TURTLE)]


def publish(emitter: Emitter, extra: list[ox.Quad], *, store_dir: Path) -> tuple[str, int]:
    """Load all quads into a new generation directory and make it current; (generation, quad count)."""
    store_dir.mkdir(parents=True, exist_ok=True)
    gen_dir = new_generation_dir(store_dir)
    try:
        store = ox.Store(str(gen_dir))
        store.bulk_extend(emitter.quads)
        store.bulk_extend(extra)
        store.flush()
        store.optimize()
        count = len(store)
        del store
    except BaseException:
        shutil.rmtree(gen_dir, ignore_errors=True)
        raise
    name = activate_generation(store_dir, gen_dir)
    prune_generations(store_dir)
    return name, count
