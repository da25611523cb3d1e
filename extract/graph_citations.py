"""Triples for cross-references: each citation in a version's text becomes a cab:Citation.

Internal references ("el Artículo 129", "el artículo anterior") resolve to the
article that carried that number *when the citing version was in force*;
references to other works resolve to the corpus work with the same key
(``extract.citations.work_key``) or, when the corpus lacks it, to one external
IRI per cited work, shared by every document that cites it.  Unresolvable
references are kept, with no target, never guessed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, XSD

from extract.citations import Citation, Resolution, WorkRef, find_citations, parse_work, resolve, work_key
from extract.consolidate import Version
from extract.corpus import Printing, Work
from extract.graph import Emitter, N, _evidence_node, _is_instruction, lit, work_iri_of
from extract.model import NodeKind
from ontology import iri as I
from ontology.namespace import CAB, ELI


def emit_citations(em: Emitter, works: list[Work]) -> None:
    iris = {id(w): work_iri_of(w, base=em.base) for w in works}
    by_key: dict[str, str] = {}
    for w in works:
        if w.is_reform:
            continue
        ref = parse_work(w.title)
        if ref is not None:
            by_key.setdefault(work_key(ref), iris[id(w)].value)
    externals: set[str] = set()
    amended = {id(r.printing): target for target in works for r in target.reforms}
    for w in works:
        work = iris[id(w)]
        histories = {k[1]: v for k, v in em.versions.items() if k[0] == work.value}
        # a reform's "el Artículo 10 de la Ordenanza vigente" speaks of the work it amends
        target = next((amended[id(p)] for p in w.printings if id(p) in amended), None) if w.is_reform else None
        context = iris[id(target)] if target is not None else work
        context_histories = {k[1]: v for k, v in em.versions.items() if k[0] == context.value}
        numbers = sorted({v.number for vs in context_histories.values() for v, _ in vs if v.number})
        for identity, versions in histories.items():
            for version, expr in versions:
                evidence = _evidence_node(w, version)
                if evidence is None or evidence[1].kind not in (NodeKind.ARTICLE, NodeKind.QUOTED_ARTICLE):
                    continue
                printing, node = evidence
                if node.kind is NodeKind.ARTICLE and _is_instruction(w, printing):
                    continue
                text = printing.parsed.source.text
                start = node.body_start if node.body_start is not None else node.start
                found = find_citations(text[start : node.end], offset=start)
                sub = em.subdivisions.get((work.value, identity))
                for k, citation in enumerate(found):
                    if target is not None and citation.work_ref is not None and citation.work_ref.deictic:
                        citation.work_ref, citation.internal = None, True
                    res = resolve(citation, citing_article=None if target is not None else version.number,
                                  article_numbers_in_work=numbers, works_by_key=by_key, citing_work=context.value)
                    _citation(em, printing, citation, res, k, sub, expr, context, context_histories, version, w,
                              externals)


def _citation(em: Emitter, printing: Printing, c: Citation, res: Resolution, k: int, citing: ox.NamedNode | None,
              expr: ox.NamedNode, work: ox.NamedNode, histories: dict[str, list[tuple[Version, ox.NamedNode]]],
              version: Version, w: Work, externals: set[str]) -> None:
    if citing is None:
        return
    graph = em.graph_of(printing.source_id)
    node = N(I.citation_iri(printing.source_id, c.start, c.end, seq=k, base=em.base))
    em.count("citations")
    em.add(graph, node, RDF.type, N(CAB.Citation))
    em.add(graph, node, CAB.citingPart, citing)
    em.add(graph, node, CAB.derivedFromVersion, expr)
    em.add(graph, node, CAB.citationText, lit(c.text, lang="es"))
    target_work: ox.NamedNode | None = None
    target_part: ox.NamedNode | None = None
    external = False
    when = version.valid_from
    if w.is_reform and when is not None:  # a reform names articles in the numbering before it
        when = when - timedelta(days=1)
    if res.kind in ("internal-article", "internal-relative", "internal-work"):
        target_work = work
        if res.articles:
            target_part = _article_at(em, work, histories, res.articles[0], when)
    elif res.kind in ("external-work", "external-part") and res.work_id:
        target_work = N(res.work_id)
        if res.articles and not res.external:
            target_part = _article_at(em, target_work, None, res.articles[0], version.valid_from)
    elif c.work_ref is not None and not c.work_ref.deictic:
        external = True
        target_work = _external_work(em, graph, c.work_ref, printing, externals)
    external = external or res.external
    if target_work is not None and not external:
        em.add(graph, node, CAB.citedWork, target_work)
        em.add(graph, citing, ELI.cites, target_work)
    elif target_work is not None:
        em.add(graph, node, CAB.citedWork, target_work)
    if target_part is not None:
        em.add(graph, node, CAB.citedPart, target_part)
        em.add(graph, citing, ELI.cites, target_part)
    em.add(graph, node, CAB.external, lit("true" if external else "false", datatype=XSD.boolean))
    if res.reason:
        em.add(graph, node, RDFS.comment, lit(res.reason, lang="en"))
    em.evidence(graph, node, printing.parsed, c.start, c.end, "citations", confidence=c.confidence)


def _article_at(em: Emitter, work: ox.NamedNode, histories: dict[str, list[tuple[Version, ox.NamedNode]]] | None,
                number: str, when: date | None) -> ox.NamedNode | None:
    """The article of ``work`` that carried ``number`` on ``when`` (else the one that ever carried it)."""
    if histories is None:
        histories = {k[1]: v for k, v in em.versions.items() if k[0] == work.value}
    fallback = None
    for identity, versions in histories.items():
        for v, _expr in versions:
            if v.number != number:
                continue
            sub = em.subdivisions.get((work.value, identity))
            starts_ok = when is None or v.valid_from is None or v.valid_from <= when
            ends_ok = when is None or v.valid_to is None or when < v.valid_to
            if starts_ok and ends_ok:
                return sub
            fallback = fallback or sub
    return fallback


def _external_work(em: Emitter, graph: ox.NamedNode, ref: WorkRef, printing: Printing,
                   externals: set[str]) -> ox.NamedNode | None:
    """One IRI per cited work the corpus lacks, in the citing source's country."""
    country = (printing.parsed.source.meta.country or "xx").lower()
    kind = ref.kind if ref.kind in I.CODE_LISTS["instrument-type"] else "documento"
    name = ref.number or I.slugify(ref.title)
    try:
        iri = N(I.work_iri(country, kind, None, I.safe_segment(name) if ref.number else name, base=em.base))
    except ValueError:
        return None
    if iri.value not in externals:
        externals.add(iri.value)
        label = ref.title if not ref.number or ref.number in ref.title else f"{ref.title} {ref.number}"
        em.add(graph, iri, RDFS.label, lit(label, lang="es"))
        em.add(graph, iri, CAB.external, lit("true", datatype=XSD.boolean))
    return iri
