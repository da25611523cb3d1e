"""Patterns of the printed structure of Spanish-language legal texts.

House rules (after eyecite): verbose regexes, spaces written ``[\\ \\t]``,
longer alternatives first, each pattern with examples and counterexamples.
Line patterns are applied with ``match`` at the first non-blank character of
a line; ``ARTICLE_INLINE`` finds headings that start in the middle of a line.
"""

from __future__ import annotations

from extract.patterns.registry import Pattern

SP = r"[\ \t\u00a0]"  # one horizontal space, NBSP included

ORDINAL_WORDS: dict[str, str] = {
    "primero": "1", "primera": "1", "primer": "1", "segundo": "2", "segunda": "2",
    "tercero": "3", "tercera": "3", "tercer": "3", "cuarto": "4", "cuarta": "4",
    "quinto": "5", "quinta": "5", "sexto": "6", "sexta": "6", "septimo": "7", "séptimo": "7",
    "septima": "7", "séptima": "7", "octavo": "8", "octava": "8", "noveno": "9", "novena": "9",
    "decimo": "10", "décimo": "10", "decima": "10", "décima": "10",
}
_ORDINAL_RE = r"primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[ée]ptim[oa]|octav[oa]|noven[oa]|d[ée]cim[oa]"

ARTICLE_HEAD = Pattern(
    name="article_head",
    doc="Heading of an article at the start of a line, with its number and separator.",
    regex=rf"""
    (?P<kw>(?i:art[ií]culo|art\.|art))            # keyword: Artículo, ARTICULO, Art., Art
    {SP}*
    (?P<num>\d{{1,4}}|(?i:[úu]nico|{_ORDINAL_RE}|transitori[oa])|\.\.\.|…)  # "Art. ..." unnumbered
    (?P<ord>{SP}?[º°]\.?|o(?=\.)\.?|\.[º°])?       # 1º  1°  1o.  (ordinal marks)
    (?:{SP}*[-–]{SP}*(?P<letter>[A-Z])(?![A-Za-zñÑ]))?   # 378-A
    (?:{SP}+(?P<latin>(?i:bis|ter|qu[aá]ter|quinquies))\b)?
    (?:{SP}+(?P<trans>(?i:transitori[oa])))?
    {SP}*
    (?P<sep>\.[-–—]|:[-–—]?|\.(?=\s)|[-–—](?!\d)|\)(?=\s))?
    (?=                                             # what may follow
        (?(sep) {SP}*(?:[«“"'(¿¡A-ZÁÉÍÓÚÑ0-9a-záéíóúñ]|$)   # after a separator: text or end
        | {SP}*[A-ZÁÉÍÓÚÑ«“"] )                        # run-in: "Artículo  27El"
    )
    """,
    examples=(
        "Artículo 1º:  La presente Ordenanza",
        "ARTICULO 05: El contribuyente",
        "Art. 378-A.- Los concejos",
        "Art 294.- Las municipalidades",
        "Artículo  27El Director",
        "ARTÍCULO 1°.- Créase el",
        "Artículo 1.- Esta ley",
        "Art. 1.- El Municipio es",
        "Artículo 12 bis.- Incorpórase",
        "ARTICULO 11: Todo acto publicado",
        "Artículo 42  Los funcionarios",
        "Artículo único.- Apruébase",
        "Artículo primero.- Modifícase",
        "Artículo transitorio.- Mientras",
        "Art. 03: La Gaceta Municipal",
        "Art. ... Las municipalidades de acuerdo",
    ),
    counterexamples=(
        "Artículo 10 de la Ordenanza vigente",
        "Artículos 31, 32, 33, 34 y 35 de la ordenanza",
        "artículo 54, Ordinal 1º de la Ley",
        "Artículo 118 del Código Orgánico Tributario.",
        "Arte 3.- nada",
        "Articulado del texto",
    ),
)

ARTICLE_INLINE = Pattern(
    name="article_inline",
    doc=(
        "An article heading in the middle of a line, after the end of a sentence. "
        "Only strong forms count: upper-case keyword or a dash separator."
    ),
    anchored=False,
    regex=rf"""
    (?<=[.:;]){SP}*
    (?P<head>
        (?:ART[IÍ]CULO|(?i:art[ií]culo|art\.)(?={SP}*\d{{1,4}}[º°]?\.?[-–]))
        {SP}*\d{{1,4}}[º°]?
        (?:\.[-–—]|:|\.(?={SP}+[A-ZÁÉÍÓÚÑ]))
        {SP}+(?=[A-ZÁÉÍÓÚÑ«“"])
    )
    """,
    examples=(
        "en la nueva ordenanza. ARTICULO 50.- Para la mejor orientación",
        "queda así: Artículo 7.- El Alcalde",
        "como sigue: ARTÍCULO 10: Corresponde",
        "los avalúos de la propiedad.Art. 448.- Incurrirán en multas",
    ),
    counterexamples=(
        "de conformidad con el Artículo 10 de la Ordenanza",
        "según el artículo 5. Las demás",
        "Ordinal 1º. El Concejo",
    ),
)

STRUCTURE_HEAD = Pattern(
    name="structure_head",
    doc="Heading of a título, capítulo, sección or libro, alone on its line.",
    regex=rf"""
    (?P<kw>(?i:t[ií]tulo|cap[ií]tulo|secci[oó]n|libro))
    {SP}+
    (?P<num>[IVXLC]+|\d{{1,3}}|(?i:[úu]nico|preliminar|{_ORDINAL_RE}))
    (?P<ord>[º°ªoa]\.?)?
    (?![\w,])
    {SP}*
    (?:[-–.:]+{SP}*(?P<title>[^\n]*?))?
    {SP}*$
    """,
    examples=(
        "CAPITULO I",
        "TITULO I",
        "SECCION 1a.",
        "CAPITULO  V",
        "Capítulo II.- De las atribuciones",
        "TÍTULO PRELIMINAR",
        "Sección primera",
    ),
    counterexamples=(
        "Capítulo V, Título III de la Constitución",
        "Título III de la Constitución de la República",
        "Capítulos I y II",
    ),
)

PARAGRAPH_HEAD = Pattern(
    name="paragraph_head",
    doc="Heading of a parágrafo (único, primero, segundo, ... or numbered).",
    regex=rf"""
    (?P<kw>(?i:par[aá]grafo))
    {SP}+
    (?P<num>\d{{1,2}}|(?i:[úu]nico|{_ORDINAL_RE}))[º°]?
    {SP}*[.:\-–]+{SP}*
    """,
    examples=("Parágrafo Primero: Se considera", "PARÁGRAFO ÚNICO.- El comprobante", "Parágrafo 2: Los"),
    counterexamples=("Parágrafo del artículo anterior", "parágrafos primero y segundo"),
)

NUMERAL_HEAD = Pattern(
    name="numeral_head",
    doc="A numbered item (numeral) at the start of a line: 1.  1.-  1-  1o.-  1)  1º",
    regex=rf"""
    (?P<num>\d{{1,3}})
    (?P<mark>[º°o]\.?[-–]?|\.[-–]|\.(?!\d)|[-–](?!\d)|\))
    {SP}+(?=\S)
    """,
    examples=("1. Coordinar junto", "1.- Una Dirección", "10-  Remitir", "1o.- Los", "3) Las", "2º Los"),
    counterexamples=("10-01-2007 sesión", "2019 plan", "1.1. Sub", "38.204 de fecha"),
)

LITERAL_HEAD = Pattern(
    name="literal_head",
    doc="A lettered item (literal, inciso) at the start of a line: a)  b.-",
    regex=rf"""
    (?P<let>[a-zñ])
    (?P<mark>\)|\.[-–])
    {SP}+(?=\S)
    """,
    examples=("a) Cumplir y hacer", "b.- Las demás", "ñ) Otras"),
    counterexamples=("a la Dirección", "ab) no", "e. g."),
)

NOTE_HEAD = Pattern(
    name="note_head",
    doc="An editorial note in a consolidated text (not law: the editor's words).",
    regex=rf"(?P<kw>(?i:nota)(?:{SP}+(?i:general))?){SP}*:",
    examples=("Nota: Artículo reformado por Ley No. 104", "NOTA GENERAL:", "Nota : Inciso agregado"),
    counterexamples=("Notas de prensa", "Notario público"),
)

BULLET_HEAD = Pattern(
    name="bullet_head",
    doc="An unnumbered list bullet: - item, • item, * item.",
    regex=rf"(?P<mark>[-•*·▪–]){SP}+(?=\S)",
    examples=("- Realizar plan de trabajo", "• Coordinar"),
    counterexamples=("-5 grados", "--"),
)

ENACTING_FORMULA = Pattern(
    name="enacting_formula",
    doc="The enacting formula that opens an instrument's body (sanciona, decreta, expide, ordena).",
    regex=r"""
    (?i:
        .*\ben\ uso\ de\ (?:sus|las)\ (?:atribuciones|facultades)\b.*
      | .*\b(?:sanciona|decreta|expide|dicta|resuelve|acuerda|ordena|promulga)\b
        (?:\ la|\ el|\ lo)?(?:\ siguiente|\ presente)?[\ \t]*:[\ \t]*$
      | .*\bsanciona\ con\ fuerza\ de\b.*
      | (?:sanciona|decreta|decreto|expide|resuelve|acuerda|ordena|ordenanza)[\ \t]*:[\ \t]*$
    )
    """,
    examples=(
        "El Concejo del Municipio Heres del Estado Bolívar, en uso de sus atribuciones legales conferidas por",
        "sanciona la siguiente:",
        "EXPIDE:",
        "El Honorable Concejo Deliberante sanciona con fuerza de ORDENANZA:",
        "DECRETA:",
        "SANCIONA CON FUERZA DE",
        "DECRETO:",
    ),
    counterexamples=("El Alcalde sancionará las ordenanzas", "Son atribuciones del Concejo:"),
)

CLOSING_FORMULA = Pattern(
    name="closing_formula",
    doc="The closing formula after an instrument's last article (dada, firmada y sellada...).",
    regex=r"""
    (?i:
        dad[oa]s?,?\ (?:firmad[oa]s?|y\ firmad[oa]s?|en\ (?:el|la)\ (?:sal[oó]n|sala|despacho))
      | sala\ de\ sesiones\b
      | publ[ií]quese\ y\ c[uú]mplase
      | (?:comun[ií]quese|publ[ií]quese|reg[ií]strese)[,\ ]+(?:publ[ií]quese|comun[ií]quese|reg[ií]strese|d[eé]se|arch[ií]vese|y\ )
    )
    """,
    examples=(
        "Dada, firmada y sellada en el Salón de Sesiones del Concejo Municipal de Heres",
        "Dado, firmado y sellado en el salón de sesiones",
        "Publíquese y Cúmplase.",
        "Comuníquese, publíquese, dése al Registro Municipal y archívese.",
        "Dada en la Sala de Sesiones del Concejo",
    ),
    counterexamples=("Dada la importancia del tema", "Publíquese en la Gaceta el acuerdo que"),
)

MASTHEAD_LINE = Pattern(
    name="masthead_line",
    doc="A line of an official-gazette header: gazette name, number, legal deposit, issuing state.",
    regex=r"""
    (?i:
        gaceta\ (?:municipal|oficial|legislativa)(?:\ de\ [\w\ ]+)?[\ \t]*$
      | a[ñn]o\ edici[oó]n\b.*
      | .*\bgaceta\ (?:extraordinaria|ordinaria|oficial|municipal)\b[^\n]*\b(?:n[oº°]\.?|n[úu]mero)\ *[\d.]+.*
      | .*\bdep[oó]sito\ legal\b.*
      | fundada\ por\ decreto\b.*
      | registro\ oficial\ (?:n[oº°]\.?\ *)?\d+.*
      | rep[úu]blica\ (?:bolivariana\ )?de\ [\w]+[\ \t]*$
      | (?:estado|municipio|municipalidad|provincia|cant[oó]n|departamento)\ [\w\ ]{2,40}$
    )
    """,
    examples=(
        "GACETA MUNICIPAL",
        "Año Edición No. I         Gaceta Extraordinaria No. 238                Segunda Etapa",
        "Ciudad Bolívar, 01 de Febrero de 2007           Depósito Legal No. PP-76-1801",
        "República Bolivariana de Venezuela",
        "Municipio Heres ",
        "Fundada por Decreto del Concejo Municipal del Distrito Heres del 03 de Febrero de 1899",
    ),
    counterexamples=(
        "La Gaceta Municipal es el Organo Oficial de difusión",
        "Estado Bolívar, a los diez días del mes de enero, Concejo Municipal de Heres, en sesión ordinaria celebrada",
    ),
)

INSTRUMENT_TITLE = Pattern(
    name="instrument_title",
    doc=(
        "The first line of an instrument's title block. Upper-case lines only, so that "
        "mentions of ordinances inside running text never open an instrument."
    ),
    regex=r"""
    (?![^\n]*:[\ \t]*$)                 # "DECRETO:" is an enacting formula, not a title
    (?:LA\ |EL\ )?
    (?P<kind>
        REFORMA\ (?:PARCIAL|TOTAL)
      | PLAN\ OPERATIVO(?:\ ANUAL)?
      | ORDENANZA | LEY | DECRETO | REGLAMENTO | ACUERDO | RESOLUCI[OÓ]N | C[OÓ]DIGO
      | MANUAL\ DE\ (?:ORGANIZACI[OÓ]N|FUNCIONES)
    )
    (?=[\ \t\u00a0\n.:,(]|$)
    (?P<rest>[^a-záéíóúñ\n]*)$
    """,
    examples=(
        "REFORMA PARCIAL DE LA ORDENANZA SOBRE REGIMEN",
        "ORDENANZA SOBRE  ",
        "LEY DE REGIMEN MUNICIPAL.",
        "REFORMA TOTAL DE LA ORDENANZA SOBRE EJIDOS Y TERRENOS",
        "PLAN OPERATIVO ANUAL 2019",
        "ORDENANZA N° 1234",
        "ORDENANZA DE",
    ),
    counterexamples=(
        "Ordenanza sobre Gaceta Municipal",
        "ORDENANZA SOBRE GACETA MUNICIPAL) de la",
        "LEYENDA",
        "(ORDENANZA SOBRE GACETA MUNICIPAL)",
        "DECRETO:",
    ),
)

QUOTED_SOURCE_LINE = Pattern(
    name="quoted_source_line",
    doc="A parenthesised title naming the instrument an article printed beside a text comes from.",
    regex=r"\((?P<title>(?i:ordenanza|ley|decreto|reglamento|c[oó]digo)\b[^()\n]{3,200})\)[\ \t]*$",
    examples=("(ORDENANZA SOBRE GACETA MUNICIPAL)", "(Ley Orgánica del Poder Público Municipal)"),
    counterexamples=("(e)", "(ORDENANZA SOBRE GACETA MUNICIPAL) sanciona"),
)

AMENDING_CUE = Pattern(
    name="amending_cue",
    doc=(
        "Words that make an article an amending instruction. Used by the structure stage only "
        "to tell quoted new text apart from the reform's own articles."
    ),
    regex=r"""
    (?i:
        \bse\ (?:modifica|reforma|agrega|a[ñn]ade|incorpora|sustituye|suprime|elimina|deroga|intercala)n?\b
      | \b(?:modif[ií]ca|reform[aá]|agr[eé]ga|incorp[oó]ra|sustit[uú]ye|suprim[eí]|elim[ií]na|der[oó]ga|reempl[aá]za|interc[aá]la)se\b
      | \bquedar[aá]\ redactad[oa]\b | \bsiguiente\ tenor\b | \btenor\ siguiente\b
    )
    """,
    anchored=False,
    examples=(
        "Se modifica el Artículo 10 de la Ordenanza vigente",
        "Modifícase el artículo 5° de la Ordenanza N° 1234",
        "Se eliminan los Artículos 31, 32",
        "Reemplázase el artículo 4° por el siguiente:",
        "el cual será del siguiente tenor:",
    ),
    counterexamples=("La presente Ordenanza tiene por objeto", "El Alcalde modificará el presupuesto"),
)
