"""Patterns of cross-references (citations) in Spanish-language legal texts.

After eyecite, finding is split into small named token patterns that
:mod:`extract.citations` assembles: an article reference ("los artículos 2 y
5"), a relative reference ("el artículo anterior"), a sub-part of the citing
article ("los numerales 3, 4 y 5 de este artículo"), a mention of this
instrument ("la presente Ordenanza") and a mention of another instrument by
title or number ("la Ley Orgánica del Poder Público Municipal", "Ley N°
18.695", "Registro Oficial 315").  Assembly (which article belongs to which
work) is code, because it looks at the words between tokens.

House rules as in :mod:`extract.patterns.structure`: verbose regexes, spaces
written ``[\\ \\t]``, longer alternatives first.  All patterns here are
searched anywhere (``anchored=False``).  Titles of works never cross a line
break, so a page header on the next line cannot lengthen a title; the gaps
between an article number and "de la Ley ..." may.
"""

from __future__ import annotations

from extract.patterns.registry import Pattern

SP = r"[\ \t\u00a0]"  # one horizontal space, NBSP included
WS = rf"(?:{SP}+\n?{SP}*|\n{SP}*)"  # a gap of spaces with at most one line break
OWS = rf"(?:{WS})?"

#: Ordinal and cardinal words used for article numbers and sub-parts.
NUMBER_WORDS: dict[str, str] = {
    "primero": "1", "primera": "1", "primer": "1", "segundo": "2", "segunda": "2",
    "tercero": "3", "tercera": "3", "cuarto": "4", "cuarta": "4", "quinto": "5", "quinta": "5",
    "sexto": "6", "sexta": "6", "septimo": "7", "séptimo": "7", "octavo": "8", "noveno": "9",
    "decimo": "10", "décimo": "10", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4",
    "cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "nueve": "9", "diez": "10",
    "once": "11", "doce": "12", "trece": "13", "catorce": "14", "quince": "15",
    "unico": "unico", "único": "unico",
}
_ART_WORD = r"primero|segundo|tercero|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo|[úu]nico"
_SUB_WORD = (
    r"primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]|noven[oa]"
    r"|d[eé]cim[oa]|[úu]nic[oa]|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce"
    r"|trece|catorce|quince"
)

#: "artículo", "artículos", "Art.", "Arts.", "Art" before a number, "artículos:".
ART_KW = rf"(?i:art[ií]culos?|arts?\.|art(?={SP}*\d))(?:{SP}*:)?"

#: One article number: 10, 05, 1º, 4o., 21 º, 378-A, 12 bis, primero, único.
ART_NUM = rf"""
(?>                                     # atomic: "1º:" must not shrink to "1"
    \d{{1,4}}(?!\d)(?!\.\d)
    (?:{SP}?[º°ª]|o\.?(?![A-Za-zñ])|\.[º°])?
    (?:[-–][A-Z](?![\wñÑ]))?
    (?:{SP}+(?i:bis|ter|qu[aá]ter|quinquies)\b)?
    (?![A-Za-zñÑáéíóú])                 # "27El": a run-in heading, not a number
  | (?i:{_ART_WORD})\b
)
"""

#: Separators inside a list or range of article numbers.
ART_LIST_SEP = rf"""
(?:
    {WS}(?i:y{SP}+siguientes{SP}+hasta(?:{SP}+el)?){WS}(?:{ART_KW}){OWS}
  | {SP}*,{OWS}(?:(?i:y|e){WS})?
  | {WS}(?i:y|e|o|u|al|a|hasta(?:{SP}+el)?){WS}
)
"""

#: What follows the number of an article heading ("10.-", "11: El", "5 - El"): such a number is not a reference.
HEADING_AFTER = rf"""(?!{SP}*(?:[.:]{SP}*[-–—]|:{SP}*[A-ZÁÉÍÓÚÑ¿«"“(]|[-–—]{SP}))"""

SUB_KW = r"(?i:numerales|numeral|ordinales|ordinal|literales|literal|letras|letra|incisos|inciso|par[aá]grafos|par[aá]grafo|apartados|apartado)"

#: One sub-part value: 10, 1º, 4o., b), ll), segundo, siete, único.
SUB_VAL = rf"""
(?>
    \d{{1,3}}(?!\d)(?:{SP}?[º°ª]|o\.?(?![A-Za-zñ]))?
  | [a-zñ]{{1,2}}\)
  | (?i:{_SUB_WORD})\b
)
"""
SUB_LIST = rf"{SUB_VAL}(?:(?:{SP}*,{OWS}(?:(?i:y|e){WS})?|{WS}(?i:y|e|al|a){WS}){SUB_VAL})*"

#: Sub-parts printed after the article: ", Ordinal 1º", " en su Numeral 10", ", numeral 3, literal b)".
SUB_SUFFIX = rf"(?:{SP}*,?{OWS}(?:(?i:en{SP}+sus?|sus?){SP}+)?{SUB_KW}{WS}{SUB_LIST})*"

#: Sub-parts printed before the article: "el numeral 4o. del", "parágrafo único del", "la letra p) del".
SUB_PREFIX = rf"(?:{SUB_KW}{WS}{SUB_LIST}{WS}(?i:del|de{SP}+los|de{SP}+la|de){WS})"

#: Keywords naming a kind of instrument (singular only: plurals are generic).
WORK_KW = r"""(?i:
    decreto{SP}+con{SP}+fuerza{SP}+de{SP}+ley | decreto[\ \t-]ley\b | d\.{SP}?f\.{SP}?l\.
  | constituci[oó]n | c[oó]digo | carta{SP}+org[aá]nica | ley | decreto | ordenanza
  | reglamento | resoluci[oó]n | acuerdo
)(?![\wñ])""".replace("{SP}", SP)
#: Any word that starts another instrument's name, plural included: a title stops before it.
_KW_STEM = r"(?i:constituci[oó]n(?:es)?|c[oó]digos?|ley(?:es)?|decretos?|ordenanzas?|reglamentos?|resoluci[oó]n(?:es)?|acuerdos?|carta)\b"

#: Small words that may sit inside a title but never end one.
_CONNECTOR = r"(?i:de|del|la|las|el|los|sobre|para|en|por|a|al|con|contra)"
_COORD = r"(?i:y|e|o|u)"
#: Structural words that end a title ("... de Venezuela, Artículo 54").
_STRUCT = r"(?i:art[ií]culos?|arts?\.|cap[ií]tulos?|t[ií]tulos?|secci[oó]n|numeral|ordinal|literal|par[aá]grafo|inciso|publicad[oa])"
_LOWER_STOP = r"(?i:de|del|la|las|el|los|sobre|para|en|por|a|al|con|contra|y|e|o|u)\b"
_NUMBER_MARK = rf"(?i:n\.?{SP}?[º°]|no\b|nro\b|n[úu]mero\b)"
#: A capitalised title word that is neither a connector, a structural word nor a number mark ("N°").
_CAPWORD = rf"(?!{_LOWER_STOP})(?!{_STRUCT}\b)(?!{_NUMBER_MARK})[A-ZÁÉÍÓÚÑÜ][\wáéíóúñüÁÉÍÓÚÑÜ]*(?:-[\wáéíóúñü]+)?"
#: "N° 18.695", "No. 104", "Nro. 33", "1.666", "004-2019-PCM", "1234/98".
NUMBER_CLAUSE = rf"(?:(?i:n\.{SP}?[º°]|n[º°o]\.?|nro\.?|n[úu]mero){SP}*)?\d+(?:\.\d+)*(?:[/-][0-9A-Za-z]+)*(?![\d])"
NUMBER_CLAUSE_MARKED = rf"(?i:n\.{SP}?[º°]|n[º°o]\.?|nro\.?|n[úu]mero){SP}*\d+(?:\.\d+)*(?:[/-][0-9A-Za-z]+)*(?![\d])"

_TITLE_TAIL = rf"""
(?:
    (?:{SP}+(?:{_CONNECTOR}{SP}+)*{_CAPWORD})                       # "de la Contraloría"
  | (?:{SP}+{_COORD}(?:{SP}+{_CONNECTOR})*{SP}+(?!{_KW_STEM}){_CAPWORD})  # " y Desarrollo", not " y la Ley"
  | (?:,{SP}+(?:(?i:del|de{SP}+la|de{SP}+los|de){SP}+)?(?!{_KW_STEM}){_CAPWORD})  # ", Autonomía", ", del Sistema"
)*
"""
_MONTH = r"(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
#: "de 4 de enero de 1980": identifies a decree or law that has no number.
DATE_CLAUSE = rf"(?i:de){SP}+\d{{1,2}}{SP}+(?i:de){SP}+{_MONTH}{SP}+(?i:del?){SP}+\d{{4}}(?!\d)"

REF_ARTICLE = Pattern(
    name="ref_article",
    doc=(
        "An article reference: keyword, a list or range of numbers, and the sub-parts printed "
        "before or after it. The work it belongs to is attached by code."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<pre>{SUB_PREFIX})?
    (?P<kw>{ART_KW})
    {OWS}
    (?:\((?i:sic)\b[^()\n]{{0,20}}\){SP}*)?          # editor's "(sic 397)" before the printed number
    (?P<nums>{ART_NUM}(?:{ART_LIST_SEP}{ART_NUM})*)
    {HEADING_AFTER}
    (?P<suf>{SUB_SUFFIX})
    """,
    examples=(
        "los artículos 2 y 5 de esta Ordenanza",
        "de conformidad con el Artículo 129",
        "Se modifica el Artículo 21 en su Numeral 10, quedando",
        "el artículo 5, numeral 3, literal b)",
        "Arts. 31 al 35",
        "parágrafo único del artículo 8",
        "Artículo 54, Ordinal 1º de la Ley",
        "el Art. 453 del Código de Procedimiento Penal",
        "los artículos 12 y 65 letra l) de la Ley N° 18.695",
        "el numeral 4o. del Art. 4, mediante plebiscito",
        "los Artículos 146,147,148,150 de la Ley",
        "en el articulo 471-A del Código Penal",
        "el artículo 12 bis de la ley",
        "en el Artículo 21º de la presente Ordenanza",
        "los Arts. 211 y siguientes hasta el Art. 216 inclusive",
        "el ordinal segundo del Art. 38",
        "la letra g) del Art. 165",
        "Modifícase el artículo primero de la Ordenanza",
        "por (ARTÍCULO 35 de la Ordenanza)",
        "conforme se indica en el inciso cuarto del Art. (sic 397) 367, tarifa",
    ),
    counterexamples=(
        "Artículo 10.- Corresponde al Alcalde",
        "ARTICULO 11: Todo acto publicado",
        "Art. 34.- Nota: Artículo derogado por Ley No. 1",
        "Artículo  27El Coordinador",
        "Nota: Artículo reformado por Ley No. 104",
        "la fijación de precios de los artículos de primera necesidad",
        "Articulado del texto",
        "Todos los Artículos donde aparezca",
        "Artículo 5 - Las tasas",
    ),
)

REF_ARTICLE_RELATIVE = Pattern(
    name="ref_article_relative",
    doc=(
        "An article named by its place relative to the citing one: el artículo anterior, "
        "precedente, siguiente, que antecede; with sub-parts printed before it."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<pre>{SUB_PREFIX})?
    (?:(?P<count>(?i:dos|tres|cuatro|cinco)){WS})?
    (?:
        (?P<kw>(?i:art[ií]culos|art[ií]culo|arts?\.)){WS}
        (?P<rel>(?i:inmediato{SP}+anterior|anteriores|anterior|precedentes|precedente
                   |que{SP}+anteceden|que{SP}+antecede)
               |(?i:siguientes|siguiente)(?![\wñ])(?!{SP}*:))(?![\wñ])  # "el artículo siguiente:" opens new text
      | (?P<rel2>(?i:anteriores|anterior|precedentes|precedente)){WS}
        (?P<kw2>(?i:art[ií]culos|art[ií]culo))(?![\wñ])
    )
    """,
    examples=(
        "los Reglamentos a que se refiere el Artículo anterior, deberán",
        "señaladas en el artículo precedente",
        "de que tratan los dos artículos precedentes comprenden",
        "en la forma que establece el artículo siguiente.",
        "la letra p) del artículo anterior;",
        "con los entes señalados en el Artículo  anterior, auspiciarán",
        "dispuesto en los Artículos anteriores y para",
        "Como consecuencia de lo establecido en el Artículo anterior:",
    ),
    counterexamples=(
        "La Solicitud anterior deberá contener",
        "en el ejercicio anterior",
        "el artículo 5 anterior",
        "Se agrega el artículo siguiente:",
    ),
)

REF_SUBPART_RELATIVE = Pattern(
    name="ref_subpart_relative",
    doc="A sub-part of the citing article named by its place: el numeral anterior, el inciso precedente.",
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<kw>{SUB_KW}){WS}
    (?P<rel>(?i:anteriores|anterior|precedentes|precedente|que{SP}+anteceden|que{SP}+antecede
               |siguientes|siguiente))(?![\wñ])
    (?!{SP}*:)
    """,
    examples=(
        "aprobada en el numeral anterior entrará",
        "en la forma prevista en el inciso anterior, la haga",
        "al mismo procedimiento señalado en los incisos precedentes.",
        "a excepción de lo que se dispone en el literal siguiente;",
        "el procedimiento indicado en los incisos que anteceden.",
    ),
    counterexamples=("el inciso primero del Art. 248", "el año anterior", "los numerales siguientes:"),
)

REF_SUBPART_OF_THIS = Pattern(
    name="ref_subpart_of_this",
    doc=(
        "Sub-parts of the citing article or numeral named by number: los numerales 3, 4 y 5 de "
        "este artículo; el literal b) de este numeral; el inciso primero del presente artículo."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<kw>{SUB_KW}){WS}
    (?P<vals>{SUB_LIST}){WS}
    (?i:del|de){WS}(?i:este|presente|el{SP}+presente){WS}
    (?P<unit>(?i:art[ií]culo|numeral|literal|inciso|par[aá]grafo))(?![\wñ])
    """,
    examples=(
        "los requisitos señalados en los numerales 3, 4 y 5 de este artículo; y",
        "los incisos 1o. y 2o. del presente artículo serán",
        "prevista en el literal b) de este numeral y según",
        "en los literales a), b) y c) de este artículo",
        "el inciso primero de este artículo.",
    ),
    counterexamples=("los numerales de este artículo", "el presente artículo", "numeral 3 de la Ley"),
)

REF_SUBPART_BARE = Pattern(
    name="ref_subpart_bare",
    doc=(
        "A sub-part named by number with no article, after a determiner: 'el numeral 1o.', "
        "'los literales a) y b)'. By drafting convention it belongs to the citing article."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<det>(?i:el|la|los|las|del|al)){WS}
    (?P<kw>{SUB_KW}){WS}
    (?P<vals>{SUB_LIST})
    (?![\wñ])
    """,
    examples=(
        "los parientes de los concejales de que trata el numeral 1o.;",
        "en el caso del literal b) solo podrán",
        "el beneficio establecido en el Parágrafo Primero deben darse",
        "a que se refieren los literales a) y b);",
    ),
    counterexamples=("Parágrafo Primero: Se considera", "a) Cumplir y hacer", "el numeral anterior"),
)

REF_THIS_WORK = Pattern(
    name="ref_this_work",
    doc="The citing instrument itself: esta Ordenanza, la presente Ley, este Reglamento, esta misma Ley.",
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?:
        (?P<det>(?i:esta{SP}+misma|este{SP}+mismo|la{SP}+presente|el{SP}+presente|esta|este)){WS}
        (?P<kw>(?i:ordenanza|ley|reglamento|c[oó]digo|decreto|carta{SP}+org[aá]nica
                  |providencia(?:{SP}+administrativa)?))
      | (?i:la{SP}+presente|el{SP}+presente){WS}(?i:resoluci[oó]n|acuerdo)  # "esta resolución" is "this decision"
    )
    (?![\wñ])
    """,
    examples=(
        "dentro del plazo establecido en esta providencia administrativa, será",
        "con las limitaciones establecidas por esta  Ordenanza y",
        "de conformidad con la presente Ordenanza.",
        "Salvo lo prescrito por la Constitución de la República y esta Ley, ninguna",
        "el recargo dispuesto por el Art. 324 de esta misma Ley.",
        "para los efectos de esta ordenanza se entenderá",
        "La presente Resolución entrará en vigencia",
    ),
    counterexamples=(
        "la Ordenanza respectiva",
        "esta Institución Municipal",
        "la presente tabla de valores",
        "El donatario que se creyere perjudicado con esta resolución podrá",
    ),
)

REF_WORK_NAMED = Pattern(
    name="ref_work_named",
    doc=(
        "Another instrument named by title or number: kind keyword, then a number, capitalised "
        "title words (with de/del/la... between them) or both. A bare keyword is not a name."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<kw>{WORK_KW})
    (?:
        {SP}+(?P<num>{NUMBER_CLAUSE})
        (?P<tail>,{SP}+(?!{_KW_STEM}){_CAPWORD}{_TITLE_TAIL})?    # "Ley N° 18.695, Orgánica ..."
      | (?<!(?i:acuerdo))(?<!(?i:resolución))(?<!(?i:resolucion))  # these are named by number only
        (?P<title>
            (?:{SP}+(?:{_CONNECTOR}{SP}+)*{_CAPWORD})
            {_TITLE_TAIL}
            (?:{SP}+{DATE_CLAUSE})?
        )
        (?:{SP}+(?P<num2>{NUMBER_CLAUSE_MARKED}))?
    )
    """,
    examples=(
        "Artículo 54, Ordinal 1º de la Ley Orgánica del Poder Público Municipal, publicada",
        "el trámite previsto por el Art. 453 del Código de Procedimiento Penal. De la",
        "prevista en la Ordenanza sobre Gaceta Municipal",
        "previstas en la Ley Orgánica de la Contraloría General de la República, del Sistema",
        "los artículos 12 y 65 letra l) de la Ley N° 18.695, Orgánica Constitucional de Municipalidades;",
        "que establece la Constitución de la República Bolivariana de Venezuela.",
        "Artículo reformado por Ley No. 104, publicado",
        "acorde a lo previsto en el Decreto 1.666 emanado",
        "LEY ORGANICA DEL PODER PUBLICO MUNICIPAL",
        "del Código Orgánico de Organización Territorial, Autonomía y Descentralización atribuye",
        "por Decreto Ley de Emergencia No. 29, publicado",
        "el Decreto Supremo N° 004-2019-JUS",
        "el Acuerdo N° 214 adoptado por el Concejo",
        "Notas: Artículo reformado por Ley No. 104 Registro Oficial 315",
        "el literal d) del Art. 1o. del Decreto Legislativo de 4 de enero de 1980, publicado",
    ),
    counterexamples=(
        "las que le señalen la Ley, las Ordenanzas, los Acuerdos",
        "cada proyecto de Ordenanza presentado al Concejo",
        "conforme a la ley respectiva",
        "la Ordenanza vigente",
        "y las Leyes que rigen la materia",
        "de acuerdo con el Directorio",
        "previa resolución del Concejo",
    ),
)

REF_WORK_DEICTIC = Pattern(
    name="ref_work_deictic",
    doc=(
        "An instrument named only by kind and context (dicho Código, la Ordenanza vigente, la "
        "Ley respectiva, la Constitución). Used only right after an article reference."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?:
        (?P<det1>(?i:dich[oa]|(?:el|la){SP}+(?:mism[oa]|citad[oa]|mencionad[oa]|indicad[oa]|predich[oa])))
        {WS}(?P<kw1>{WORK_KW})
      | (?i:el|la){WS}(?P<kw2>{WORK_KW})
        (?:{SP}+(?P<det2>(?i:vigente|respectiv[oa]|correspondiente|citad[oa]|mencionad[oa]|reformad[oa])))?
    )
    (?![\wñ])
    """,
    examples=(
        "los Arts. 633 y 636 de dicho Código;",
        "el Artículo 10 de la Ordenanza vigente, el cual",
        "el Art. 5 de la Constitución.",
    ),
    counterexamples=("esta Ordenanza", "las Ordenanzas aplicables"),
)

REF_GAZETTE = Pattern(
    name="ref_gazette",
    doc="An official gazette issue: Registro Oficial 315, Gaceta Oficial Nº 38.204, Registro Oficial Suplemento 20.",
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<name>(?i:registro{SP}+oficial|gaceta{SP}+oficial|gaceta{SP}+municipal|gaceta{SP}+legislativa
                |bolet[ií]n{SP}+oficial|diario{SP}+oficial))
    (?:{SP}+(?P<edition>(?i:suplemento|extraordinari[oa]|ordinari[oa]|edici[oó]n{SP}+especial)))?
    {SP}*(?:(?i:n\.{SP}?[º°]|n[º°o]\.?|nro\.?|n[úu]mero){SP}*)?
    (?P<num>\d+(?:\.\d+)*)(?![\d])
    """,
    examples=(
        "publicado en Registro Oficial 315 de 26 de Agosto de 1982.",
        "publicada en Gaceta Oficial Nº 38.204 de fecha 8 de Junio de 2005",
        "publicada en Registro Oficial Suplemento 20 de 18 de Febrero del 2000.",
        "en el Registro Oficial No. 99 de 2 de Julio de 1997",
        "publicada en Gaceta Municipal Nº 0354 de fecha",
    ),
    counterexamples=(
        "La Gaceta Municipal es el Organo Oficial",
        "a partir de su publicación en el Registro Oficial.",
        "Ordenanza sobre Gaceta Municipal",
    ),
)

REF_DISPOSITION_RELATIVE = Pattern(
    name="ref_disposition_relative",
    doc=(
        "A final or transitional disposition named by its place: la disposición transitoria "
        "precedente, la disposición anterior."
    ),
    anchored=False,
    regex=rf"""
    (?<![\wñ])
    (?P<kw>(?i:disposiciones|disposici[oó]n))
    (?:{WS}(?P<sort>(?i:transitorias?|finales?|generales?|derogatorias?|adicionales?)))?
    {WS}(?P<rel>(?i:anteriores|anterior|precedentes|precedente|siguientes|siguiente))(?![\wñ])
    (?!{SP}*:)
    """,
    examples=(
        "de acuerdo al sistema establecido en la disposición transitoria precedente.",
        "lo previsto en la disposición anterior",
    ),
    counterexamples=("las disposiciones legales vigentes", "la disposición transitoria primera"),
)

#: After "los artículos 175 de la Constitución": "y el 54, Ordinal 1º de la Ley ..." (keyword not repeated).
ARTICLE_CONTINUED = rf"""
{SP}*,?{WS}(?i:y|e){WS}(?i:el|los){WS}
(?P<nums>{ART_NUM}(?:{ART_LIST_SEP}{ART_NUM})*)
{HEADING_AFTER}
(?P<suf>{SUB_SUFFIX})
"""

# Gaps the assembler reads between tokens (extract.citations).
_STRUCT_GAP = rf"(?:(?i:(?:del{WS})?(?:t[ií]tulo|cap[ií]tulo|secci[oó]n)){WS}[IVXLCDM\d]+[º°]?{SP}*,?{OWS})*"
#: Between a reference and its work: " de la", ", ambos de la", ", Capítulo III del Título V de la".
LINK_TO_WORK = rf"{SP}*,?{OWS}{_STRUCT_GAP}(?P<both>(?i:ambos|ambas|todos|todas){WS})?(?i:del|de){WS}"
#: Between a work and the articles it owns: "la Constitución ... en su Título III, Capítulo V, Artículo 75".
GAP_WORK_THEN_ARTICLES = rf"{SP}*,?{OWS}(?i:en){WS}(?i:sus?){WS}{_STRUCT_GAP}"
#: Between two references to one work: "Artículo 75, Título IV, Capítulo I, Artículo 146".
GAP_CHAINED_ARTICLES = rf"{SP}*,{OWS}{_STRUCT_GAP}"
#: Between "Artículo 54, Ordinal 1º" and "y Artículo 162, ambos de la Ley".
GAP_BEFORE_AMBOS = rf"{SP}*(?:,|{WS}(?i:y|e)){OWS}"
