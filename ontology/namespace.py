"""Closed namespaces: a typo in a term raises instead of minting a new IRI.

``CAB`` lists exactly the terms declared in ``cabildo.ttl`` (a test checks
both ways); ``ELI`` and ``OA`` list only the terms Cabildo uses.  The other
vocabularies are rdflib's own closed namespaces, re-exported here so that
graph code imports every vocabulary from one place.

>>> print(CAB.bearer)
https://w3id.org/cabildo/ontology#bearer
>>> CAB.bearr
Traceback (most recent call last):
...
AttributeError: term 'bearr' not in namespace 'https://w3id.org/cabildo/ontology#'
"""

from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CAB", "ELI", "OA", "DCTERMS", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "TIME", "XSD"]


class CAB(DefinedNamespace):
    """Cabildo's own terms (https://w3id.org/cabildo/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/cabildo/ontology#")

    # classes
    Duty: URIRef  # duty or competence of an organ or post
    Deadline: URIRef  # time limit of a duty
    Modification: URIRef  # one textual modification (AKN textualMod)
    Discrepancy: URIRef  # printed text differs from the computed version
    Citation: URIRef  # reference from a subdivision to another act or part
    # individuals
    unitBusinessDay: URIRef  # time:TemporalUnit "día hábil"
    # duties
    bearer: URIRef  # Duty -> org:Organization | org:Post
    jointBearer: URIRef  # Duty -> org:Organization | org:Post sharing it
    action: URIRef  # Duty -> verb lemma (xsd:string)
    object: URIRef  # Duty -> complement as worded (@es)
    dutyType: URIRef  # Duty -> duty-type concept
    subject: URIRef  # Duty -> subject-matter concept
    derivedFromVersion: URIRef  # fact -> eli:LegalExpression stating it
    hasDeadline: URIRef  # Duty -> Deadline
    # deadlines
    duration: URIRef  # Deadline -> time:Duration
    trigger: URIRef  # Deadline -> event it runs from (@es)
    periodicity: URIRef  # Deadline -> xsd:duration of recurrence
    isoDuration: URIRef  # Deadline -> xsd:duration ("P15D")
    # modifications
    modificationType: URIRef  # Modification -> modification-type concept
    affects: URIRef  # Modification -> target subdivision or work
    modifiedBy: URIRef  # Modification -> amending article or act
    produces: URIRef  # Modification -> resulting eli:LegalExpression
    newNumber: URIRef  # Modification -> number after renumbering
    oldNumber: URIRef  # Modification -> number before
    newText: URIRef  # Modification -> new wording or term (@es)
    oldText: URIRef  # Modification -> replaced wording or term (@es)
    # versions
    text: URIRef  # eli:LegalExpression -> text (@es)
    heading: URIRef  # eli:LegalExpression -> heading (@es), ⊑ eli:title
    status: URIRef  # eli:LegalResource -> status concept
    validFrom: URIRef  # eli:LegalExpression -> xsd:date, inclusive
    validTo: URIRef  # eli:LegalExpression -> xsd:date, EXCLUSIVE
    validityUnknownReason: URIRef  # eli:LegalExpression -> why a date is missing
    # discrepancies
    printedText: URIRef  # Discrepancy -> text as printed (@es)
    computedText: URIRef  # Discrepancy -> text as computed (@es)
    printedIn: URIRef  # Discrepancy -> source, work or version printed
    computedFrom: URIRef  # Discrepancy -> computed eli:LegalExpression
    discrepancyKind: URIRef  # Discrepancy -> discrepancy-kind concept
    # citations
    citingPart: URIRef  # Citation -> subdivision whose text cites
    citedPart: URIRef  # Citation -> cited subdivision (resolved)
    citedWork: URIRef  # Citation -> cited work (resolved)
    citationText: URIRef  # Citation -> words of the citation (@es)
    external: URIRef  # Citation -> xsd:boolean, points to another act
    # provenance
    span: URIRef  # fact -> oa:TextPositionSelector
    sourceFile: URIRef  # selector -> source file (prov:Entity)
    extractor: URIRef  # fact -> prov:SoftwareAgent
    confidence: URIRef  # fact -> xsd:decimal in [0, 1]
    sha256: URIRef  # source file -> hex digest of its bytes


class ELI(DefinedNamespace):
    """The ELI 1.5 terms Cabildo uses (http://data.europa.eu/eli/ontology#)."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _extras = ["InForce-inForce", "InForce-notInForce"]

    LegalResource: URIRef  # a work (ordenanza, ley...)
    LegalResourceSubdivision: URIRef  # título ... literal
    LegalExpression: URIRef  # a version of a work or subdivision
    AdministrativeArea: URIRef  # jurisdiction concept
    ResourceType: URIRef  # instrument-type concept
    SubdivisionType: URIRef  # subdivision-type concept
    has_part: URIRef
    is_part_of: URIRef
    realizes: URIRef
    is_realized_by: URIRef
    amends: URIRef
    amended_by: URIRef
    repeals: URIRef
    repealed_by: URIRef
    changes: URIRef
    changed_by: URIRef
    consolidates: URIRef
    consolidated_by: URIRef
    cites: URIRef
    refers_to: URIRef
    number: URIRef
    title: URIRef
    language: URIRef
    date_document: URIRef
    date_publication: URIRef
    first_date_entry_in_force: URIRef
    date_no_longer_in_force: URIRef
    version_date: URIRef
    in_force: URIRef
    passed_by: URIRef
    type_document: URIRef
    type_subdivision: URIRef
    jurisdiction: URIRef
    id_local: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms Cabildo uses (http://www.w3.org/ns/oa#)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    TextPositionSelector: URIRef  # span by character offsets
    TextQuoteSelector: URIRef  # span by quoted text
    start: URIRef  # first character (inclusive)
    end: URIRef  # end character (exclusive)
    exact: URIRef  # the quoted text
    prefix: URIRef  # text just before
    suffix: URIRef  # text just after


def terms(namespace: type[DefinedNamespace]) -> frozenset[URIRef]:
    """Every term a closed namespace declares (annotated names and extras)."""
    names = set(namespace.__annotations__) | set(namespace._extras)
    return frozenset(namespace[name] for name in names)
