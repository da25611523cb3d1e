"""An INVENTED municipality whose graph holds one instance of every clash the audit looks for.

Not real law: "Municipio Prueba" (``ve-prueba``), its "Ordenanza de Prueba" and a reform of it.
The graph is written the way the build writes it (ontology/README.md), so the audit is tested
on shapes it will meet, with names that appear in no seed file:

* art. 1 and art. 2 give "llevar el registro de los inmuebles municipales" to the Dirección de
  Tierras and to the Jefe de Catastro (a post of the Oficina de Catastro): an overlap;
* art. 3 defined the Unidad de Archivo and was repealed by the reform; art. 4 (in force) still
  sends the minutes to it: an abolished organ still named, and a competence of a repealed article;
* art. 5 sets a deadline that no duty carries and names no organ;
* art. 6 gave "otorgar las licencias" to the Dirección de Tierras until the reform gave it to the
  Concejo: a competence of a replaced text, not restated;
* the reform renames the Oficina de Quejas "Defensoría Vecinal"; art. 7 (in force) still says
  "Oficina de Quejas";
* the Oficina de Catastro hangs from the Concejo and from the Dirección de Tierras (which itself
  hangs from the Concejo): contradictory hierarchy;
* the Comisión de Festejos is under the Concejo and has no competence;
* the reprint still prints art. 3: a discrepancy.
"""

from __future__ import annotations

BASE = "https://cabildo.example/"
J = "ve-prueba"
WORK = f"{BASE}akn/{J}/act/ordenanza/2001-01-01/prueba"
REFORM = f"{BASE}akn/{J}/act/reforma-parcial/2005-01-01/prueba"
SRC = "prueba-001"

ARTICLES: list[tuple[str, list[tuple[str | None, str | None, str | None, str]]]] = [
    # number, [(valid_from, valid_to, status, text)]
    ("1", [("2001-01-01", None, None, "La Dirección de Tierras llevará el registro de los inmuebles municipales "
                                      "y expedirá las constancias de propiedad.")]),
    ("2", [("2001-01-01", None, None, "El Jefe de Catastro llevará el registro de los inmuebles municipales "
                                      "con sus planos.")]),
    ("3", [("2001-01-01", "2005-01-01", None, "La Unidad de Archivo es el órgano encargado de custodiar los "
                                              "expedientes municipales."),
           ("2005-01-01", None, "repealed", "")]),
    ("4", [("2001-01-01", None, None, "El Concejo Municipal remitirá a la Unidad de Archivo las actas de cada "
                                      "sesión.")]),
    ("5", [("2001-01-01", None, None, "Los interesados presentarán sus reclamos en un plazo de diez días hábiles.")]),
    ("6", [("2001-01-01", "2005-01-01", None, "La Dirección de Tierras otorgará las licencias de ocupación."),
           ("2005-01-01", None, None, "El Concejo Municipal otorgará las licencias de ocupación.")]),
    ("7", [("2001-01-01", None, None, "La Oficina de Quejas atenderá los reclamos del público.")]),
]
REFORM_ARTICLES = [("1", "Se deroga el artículo 3 de la Ordenanza de Prueba."),
                   ("2", "Donde dice «Oficina de Quejas» dirá «Defensoría Vecinal».")]
ORGANS = {  # slug: (label, kind, parents, unit)
    "concejo-municipal": ("Concejo Municipal", "organ", [], None),
    "direccion-tierras": ("Dirección de Tierras", "organ", ["concejo-municipal"], None),
    "oficina-catastro": ("Oficina de Catastro", "organ", ["concejo-municipal", "direccion-tierras"], None),
    "unidad-archivo": ("Unidad de Archivo", "organ", [], None),
    "oficina-quejas": ("Oficina de Quejas", "organ", ["concejo-municipal"], None),
    "comision-festejos": ("Comisión de Festejos", "organ", ["concejo-municipal"], None),
    "jefe-catastro": ("Jefe de Catastro", "post", [], "oficina-catastro"),
}
DUTIES = [  # (article, version index, bearer slug, action, object)
    ("1", 0, "direccion-tierras", "llevar", "el registro de los inmuebles municipales y expedirá las constancias de propiedad"),
    ("2", 0, "jefe-catastro", "llevar", "el registro de los inmuebles municipales con sus planos"),
    ("3", 0, "unidad-archivo", "custodiar", "los expedientes municipales"),
    ("4", 0, "concejo-municipal", "remitir", "a la Unidad de Archivo las actas de cada sesión"),
    ("6", 0, "direccion-tierras", "otorgar", "las licencias de ocupación"),
    ("6", 1, "concejo-municipal", "otorgar", "las licencias de ocupación"),
    ("7", 0, "oficina-quejas", "atender", "los reclamos del público"),
]


def organ_iri(slug: str) -> str:
    kind = ORGANS[slug][1]
    return f"{BASE}{'post' if kind == 'post' else 'organ'}/{J}/{slug}"


def _lit(text: str, lang: str | None = "es") -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"@{lang}' if lang else f'"{body}"'


def trig() -> bytes:
    """The invented graph as TriG (default graph: jurisdiction and source; one named graph)."""
    source_text = ""
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for number, versions in ARTICLES:
        for k, (_, _, _, text) in enumerate(versions):
            if text:
                start = len(source_text) + len(f"Artículo {number}. ")
                source_text += f"Artículo {number}. {text}\n\n"
                spans[(number, k)] = (start, start + len(text))
    reform_spans: dict[str, tuple[int, int]] = {}
    for number, text in REFORM_ARTICLES:
        start = len(source_text) + len(f"Artículo {number}. ")
        source_text += f"Artículo {number}. {text}\n\n"
        reform_spans[number] = (start, start + len(text))
    src = f"<{BASE}source/{SRC}>"
    out = ["@prefix eli: <http://data.europa.eu/eli/ontology#> .",
           "@prefix cab: <https://w3id.org/cabildo/ontology#> .",
           "@prefix org: <http://www.w3.org/ns/org#> .",
           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
           "@prefix oa: <http://www.w3.org/ns/oa#> .",
           "@prefix dcterms: <http://purl.org/dc/terms/> .",
           "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
           "@prefix st: <https://w3id.org/cabildo/concept/subdivision-type/> .",
           "@prefix it: <https://w3id.org/cabildo/concept/instrument-type/> .",
           "@prefix dt: <https://w3id.org/cabildo/concept/duty-type/> .",
           "@prefix mt: <https://w3id.org/cabildo/concept/modification-type/> .",
           "@prefix status: <https://w3id.org/cabildo/concept/status/> .",
           "@prefix dk: <https://w3id.org/cabildo/concept/discrepancy-kind/> .",
           f"<{BASE}concept/jurisdiction/{J}> skos:notation {_lit(J, None)} .",
           f"{src} dcterms:identifier {_lit(SRC, None)} .",
           f"<{BASE}graph/{SRC}> {{"]

    def span(start: int, end: int) -> str:
        iri = f"<{BASE}source/{SRC}#char={start},{end}>"
        out.append(f"{iri} oa:start {start} ; oa:end {end} ; oa:exact {_lit(source_text[start:end], None)} ; "
                   f"cab:sourceFile {src} .")
        return iri

    for work, kind, title, date in ((WORK, "ordenanza", "Ordenanza de Prueba", "2001-01-01"),
                                    (REFORM, "reforma-parcial", "Reforma de la Ordenanza de Prueba", "2005-01-01")):
        out.append(f"<{work}> a eli:LegalResource ; eli:type_document it:{kind} ; "
                   f"eli:jurisdiction <{BASE}concept/jurisdiction/{J}> .")
        out.append(f'<{work}/spa@{date}> eli:realizes <{work}> ; eli:title {_lit(title)} ; '
                   f'cab:validFrom "{date}"^^xsd:date .')
    out.append(f"<{REFORM}> eli:amends <{WORK}> .")
    for number, versions in ARTICLES:
        art = f"<{WORK}/!main~art_{number}>"
        repealed = any(v[2] == "repealed" for v in versions)
        out.append(f"{art} a eli:LegalResourceSubdivision ; eli:is_part_of <{WORK}> ; eli:type_subdivision st:articulo ;"
                   f" eli:id_local {_lit('art_' + number, None)} ; cab:status status:{'repealed' if repealed else 'in_force'} .")
        for k, (valid_from, valid_to, status, text) in enumerate(versions):
            v = f"<{WORK}/spa@{valid_from}/!main~art_{number}>"
            parts = [f"{v} a eli:LegalExpression ; eli:realizes {art} ; eli:number {_lit(number, None)}",
                     f'cab:validFrom "{valid_from}"^^xsd:date']
            if valid_to:
                parts.append(f'cab:validTo "{valid_to}"^^xsd:date')
            if text:
                parts.append(f"cab:text {_lit(text)}")
                parts.append(f"cab:span {span(*spans[(number, k)])}")
            if status:
                parts.append(f"cab:status status:{status}")
            out.append(" ; ".join(parts) + " .")
    for number, text in REFORM_ARTICLES:
        art = f"<{REFORM}/!main~art_{number}>"
        out.append(f"{art} a eli:LegalResourceSubdivision ; eli:is_part_of <{REFORM}> ; eli:type_subdivision st:articulo ; "
                   f"eli:id_local {_lit('art_' + number, None)} ; cab:status status:in_force .")
        out.append(f"<{REFORM}/spa@2005-01-01/!main~art_{number}> a eli:LegalExpression ; eli:realizes {art} ; "
                   f'eli:number {_lit(number, None)} ; cab:validFrom "2005-01-01"^^xsd:date ; cab:text {_lit(text)} ; '
                   f"cab:span {span(*reform_spans[number])} .")
    out.append(f"<{BASE}modification/{SRC}/1> a cab:Modification ; cab:modificationType mt:repeal ; "
               f"cab:affects <{WORK}/!main~art_3> ; cab:modifiedBy <{REFORM}/!main~art_1> ; "
               f"cab:produces <{WORK}/spa@2005-01-01/!main~art_3> .")
    out.append(f"<{BASE}modification/{SRC}/2> a cab:Modification ; cab:modificationType mt:termSubstitution ; "
               f"cab:affects <{WORK}> ; cab:modifiedBy <{REFORM}/!main~art_2> ; cab:oldText {_lit('Oficina de Quejas')} ; "
               f"cab:newText {_lit('Defensoría Vecinal')} .")
    for slug, (label, kind, parents, unit) in ORGANS.items():
        cls = "org:Post" if kind == "post" else "org:Organization , org:OrganizationalUnit"
        triples = [f"<{organ_iri(slug)}> a {cls} ; skos:prefLabel {_lit(label)} ; "
                   f"dcterms:spatial <{BASE}concept/jurisdiction/{J}>"]
        triples += [f"org:subOrganizationOf <{organ_iri(p)}>" for p in parents]
        if unit:
            triples.append(f"org:postIn <{organ_iri(unit)}>")
        out.append(" ; ".join(triples) + " .")
    for k, (number, vk, bearer, action, obj) in enumerate(DUTIES):
        versions = dict(ARTICLES)[number]
        v = f"<{WORK}/spa@{versions[vk][0]}/!main~art_{number}>"
        out.append(f"<{BASE}duty/{SRC}/{k}> a cab:Duty ; cab:bearer <{organ_iri(bearer)}> ; cab:action {_lit(action, None)} ; "
                   f"cab:object {_lit(obj)} ; cab:dutyType dt:obligation ; cab:derivedFromVersion {v} ; "
                   f'cab:span {span(*spans[(number, vk)])} ; cab:confidence "0.9"^^xsd:decimal .')
    text5 = dict(ARTICLES)["5"][0][3]
    start = spans[("5", 0)][0] + text5.index("diez días hábiles")
    out.append(f"<{BASE}deadline/{SRC}/1> a cab:Deadline ; cab:span {span(start, start + len('diez días hábiles'))} .")
    printed = dict(ARTICLES)["3"][0][3]
    start = source_text.index(printed)
    out.append(f"<{BASE}discrepancy/{SRC}/1> a cab:Discrepancy ; cab:discrepancyKind dk:printed_although_repealed ; "
               f"cab:printedText {_lit(printed)} ; cab:computedFrom <{WORK}/spa@2005-01-01/!main~art_3> ; "
               f"cab:span {span(start, start + len(printed))} .")
    out.append("}")
    return "\n".join(out).encode("utf-8")
