"""Triples for organs, posts, hierarchy, duties and deadlines (the competence graph).

Part of the graph stage (:mod:`extract.graph` owns the emitter and the
structural triples); this module adds what the spaCy components found.  A
duty is tied to the *version* its words come from (``cab:derivedFromVersion``),
so a duty of a repealed or replaced version is not current.  A fact whose
passage has no version in the graph (e.g. a printed duplicate of a reformed
article) is not emitted: the reform's quoted text already carries it.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, TIME, XSD

from extract.graph import Emitter, N, PartRef, lit
from extract.model import ParsedSource
from extract.nlp.facts import Duty, Facts, Organ, OrganKind
from ontology import iri as I
from ontology.namespace import CAB

_UNIT_OF = {
    "business_day": "business_day", "day": "day", "calendar_day": "day", "hour": "hour", "week": "week",
    "month": "month", "year": "year",
}


def _agent_name(extractor: str) -> str:
    name = extractor.split("@", 1)[0]
    return {"cabildo_duties": "duties", "cabildo_deadlines": "deadlines", "cabildo_organs": "organs",
            "cabildo_hierarchy": "organs"}.get(name, "duties")


def emit_facts(em: Emitter, facts: Facts, parsed_sources: list[ParsedSource]) -> None:
    by_id = {p.source.id: p for p in parsed_sources}
    organ_nodes: dict[tuple[str, str], ox.NamedNode] = {}
    for organ in facts.organs:
        node = _organ(em, organ, by_id)
        if node is not None:
            organ_nodes[(organ.jurisdiction, organ.canonical)] = node
    for organ in facts.organs:
        _organ_links(em, organ, facts, organ_nodes, by_id)
    for edge in facts.edges:
        child = organ_nodes.get((edge.jurisdiction, edge.child))
        parent = organ_nodes.get((edge.jurisdiction, edge.parent))
        if child is None or parent is None or child == parent:
            continue
        src = edge.evidence.passage_key.split("#", 1)[0]
        if src not in by_id:
            continue
        graph = em.graph_of(src)
        child_organ = facts.organ(edge.jurisdiction, edge.child)
        if child_organ is not None and child_organ.kind is OrganKind.POST:
            continue
        em.add(graph, child, ORG.subOrganizationOf, parent)
        em.count("hierarchy")
    duty_nodes: dict[int, ox.NamedNode] = {}
    subjects: set[str] = set()
    for k, duty in enumerate(facts.duties):
        node = _duty(em, duty, k, facts, organ_nodes, by_id, subjects)
        if node is not None:
            duty_nodes[k] = node
    for k, deadline in enumerate(facts.deadlines):
        src = deadline.passage_key.split("#", 1)[0]
        part = em.parts.get(deadline.passage_key)
        if src not in by_id or part is None:
            continue
        graph = em.graph_of(src)
        dl = N(I.deadline_iri(src, deadline.start, deadline.end, seq=k, base=em.base))
        em.count("deadlines")
        em.add(graph, dl, RDF.type, N(CAB.Deadline))
        duration = N(I.duration_iri(dl.value))
        em.add(graph, dl, CAB.duration, duration)
        em.add(graph, duration, RDF.type, N(TIME.Duration))
        unit = _UNIT_OF.get(deadline.unit.value if deadline.unit else "", None)
        if deadline.amount is not None and unit:
            em.add(graph, duration, TIME.numericDuration, lit(str(deadline.amount), datatype=XSD.decimal))
            em.add(graph, duration, TIME.unitType, N(I.time_unit_iri(unit)))
        elif deadline.periodicity:
            em.add(graph, duration, TIME.numericDuration, lit("1", datatype=XSD.decimal))
            em.add(graph, duration, TIME.unitType, N(I.time_unit_iri(_period_unit(deadline.periodicity))))
        else:
            em.add(graph, duration, TIME.numericDuration, lit("0", datatype=XSD.decimal))
            em.add(graph, duration, TIME.unitType, N(I.time_unit_iri("day")))
        if deadline.iso:
            em.add(graph, dl, CAB.isoDuration, lit(deadline.iso, datatype=XSD.duration))
        if deadline.trigger:
            em.add(graph, dl, CAB.trigger, lit(deadline.trigger, lang="es"))
        if deadline.periodicity:
            em.add(graph, dl, CAB.periodicity, lit(deadline.periodicity, datatype=XSD.duration))
        em.evidence(graph, dl, by_id[src], deadline.start, deadline.end, "deadlines",
                    confidence=deadline.confidence)
        if deadline.duty is not None and deadline.duty in duty_nodes:
            em.add(graph, duty_nodes[deadline.duty], CAB.hasDeadline, dl)
    if subjects:
        default = ox.DefaultGraph()
        scheme = N(I.subject_scheme_iri(base=em.base))
        if em.once("schemes", scheme.value):
            em.add(default, scheme, RDF.type, N(SKOS.ConceptScheme))
            em.add(default, scheme, SKOS.prefLabel, lit("Materias", lang="es"))
        labels: dict[str, str] = {}
        for term in sorted(subjects):  # spellings that slug alike ("término", "termino") share a concept
            if em.once("subject-slugs", I.slugify(term)):
                labels[I.slugify(term)] = term
        for slug, term in sorted(labels.items()):
            concept = N(I.subject_iri(slug, base=em.base))
            em.add(default, concept, RDF.type, N(SKOS.Concept))
            em.add(default, concept, SKOS.prefLabel, lit(term, lang="es"))
            em.add(default, concept, SKOS.inScheme, scheme)


def _period_unit(iso: str) -> str:
    return {"D": "day", "W": "week", "M": "month", "Y": "year"}.get(iso[-1:], "day")


def organ_node(em: Emitter, organ: Organ) -> ox.NamedNode:
    """IRI of an organ or post; two names that slug alike get distinct IRIs, in corpus order."""
    juris = organ.jurisdiction or "xx"
    kind = "post" if organ.kind is OrganKind.POST else "organ"
    slugs = em.slugs
    slug = slugs.get((juris, kind, organ.canonical))
    if slug is None:
        taken = {v for k, v in slugs.items() if k[0] == juris and k[1] == kind}
        slug = base_slug = I.slugify(organ.canonical)
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base_slug}-{n}"
        slugs[(juris, kind, organ.canonical)] = slug
    if organ.kind is OrganKind.POST:
        return N(I.post_iri(juris, slug, base=em.base))
    return N(I.organ_iri(juris, slug, base=em.base))


def _organ(em: Emitter, organ: Organ, by_id: dict[str, ParsedSource]) -> ox.NamedNode | None:
    if not organ.mentions:
        return None
    first = organ.mentions[0]
    src = first.passage_key.split("#", 1)[0]
    if src not in by_id:
        return None
    graph = em.graph_of(src)
    node = organ_node(em, organ)
    juris = N(I.jurisdiction_iri(organ.jurisdiction or "xx", base=em.base))
    em.once("organs", node.value)
    if organ.kind is OrganKind.POST:
        em.add(graph, node, RDF.type, N(ORG.Post))
        em.count("posts")
    else:
        em.add(graph, node, RDF.type, N(ORG.Organization))
        em.add(graph, node, RDF.type, N(ORG.OrganizationalUnit if organ.kind is not OrganKind.EXTERNAL
                                         else ORG.Organization))
        em.add(graph, node, ORG.classification, N(f"https://w3id.org/cabildo/concept/organ-kind/{organ.kind.value}"))
        em.count("organs")
    em.add(graph, node, SKOS.prefLabel, lit(organ.canonical, lang="es"))
    for variant in organ.variants:
        if variant != organ.canonical:
            em.add(graph, node, SKOS.altLabel, lit(variant, lang="es"))
    for acronym in organ.acronyms:
        em.add(graph, node, SKOS.altLabel, lit(acronym, lang="es"))
    em.add(graph, node, DCTERMS.spatial, juris)
    em.evidence(graph, node, by_id[src], first.start, first.end, "organs")
    return node


def _organ_links(em: Emitter, organ: Organ, facts: Facts, nodes: dict[tuple[str, str], ox.NamedNode],
                 by_id: dict[str, ParsedSource]) -> None:
    node = nodes.get((organ.jurisdiction, organ.canonical))
    if node is None:
        return
    src = organ.mentions[0].passage_key.split("#", 1)[0]
    graph = em.graph_of(src)
    if organ.kind is OrganKind.POST and organ.post_of:
        unit = nodes.get((organ.jurisdiction, organ.post_of))
        unit_organ = facts.organ(organ.jurisdiction, organ.post_of)
        if unit is not None and unit_organ is not None and unit_organ.kind is not OrganKind.POST:
            em.add(graph, node, ORG.postIn, unit)


def _duty(em: Emitter, duty: Duty, k: int, facts: Facts, organ_nodes: dict[tuple[str, str], ox.NamedNode],
          by_id: dict[str, ParsedSource], subjects: set[str]) -> ox.NamedNode | None:
    src = duty.passage_key.split("#", 1)[0]
    part: PartRef | None = em.parts.get(duty.passage_key)
    bearers = [n for b in duty.bearers if (n := organ_nodes.get((duty.jurisdiction, b))) is not None]
    if src not in by_id or part is None or not bearers or not duty.action:
        return None
    graph = em.graph_of(src)
    node = N(I.duty_iri(src, duty.start, duty.end, seq=k, base=em.base))
    em.count("duties")
    em.add(graph, node, RDF.type, N(CAB.Duty))
    em.add(graph, node, CAB.bearer, bearers[0])
    for joint in bearers[1:]:
        em.add(graph, node, CAB.jointBearer, joint)
    em.add(graph, node, CAB.action, lit(duty.action))
    if duty.object:
        em.add(graph, node, CAB.object, lit(duty.object, lang="es"))
    em.add(graph, node, CAB.dutyType, N(I.concept_iri("duty-type", duty.type.value)))
    for term in duty.subjects:
        subjects.add(term)
        em.add(graph, node, CAB.subject, N(I.subject_iri(I.slugify(term), base=em.base)))
    em.add(graph, node, CAB.derivedFromVersion, part.expression)
    em.evidence(graph, node, by_id[src], duty.start, duty.end, _agent_name(duty.extractor),
                confidence=duty.confidence)
    return node
