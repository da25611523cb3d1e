"""Named data for the corpus generator (:mod:`bench.scale`): what it may rename and how.

Why data: the generator must make *realistic* variants of any Spanish municipal
text, not of five known files, so every rewrite is a pattern of the language
(a place named after "Municipio", a unit called "Dirección", a date written
"01 de Febrero de 2007"), listed here with examples and counterexamples that
``tests/bench`` checks both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A proper name on one line: up to four capitalised words, "de/del/la" between them allowed
#: ("San Lorenzo del Valle"), or the same in capitals ("PUERTO QUILLÉN").
_NAME = (r"(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[ \t](?:(?:de|del|la|las|los)[ \t])?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+){0,3}"
         r"|[A-ZÁÉÍÓÚÑÜ]{3,}(?:[ \t](?:(?:DE|DEL|LA|LAS|LOS)[ \t])?[A-ZÁÉÍÓÚÑÜ]{3,}){0,3})")
#: Small words that may join the parts of a name.
NAME_JOINERS = frozenset({"de", "del", "la", "las", "los"})

#: Words that introduce a place name: "Municipio Heres", "Municipalidad de Trujillo",
#: "Estado Bolívar", "Cantón de Quito", "Ciudad Bolívar".  "Departamento de Servicios
#: Públicos" is left out on purpose: in municipal texts a Departamento is usually a unit.
PLACE_CUE = re.compile(
    r"\b(?i:Municipio|Municipalidad(?:\s(?:Provincial|Distrital))?|Cant[oó]n|Distrito(?:\sMetropolitano)?|"
    r"Parroquia|Estado|Provincia|Ciudad|Comuna|Partido|Ayuntamiento|Concejo\sMunicipal)"
    r"[ \t](?:(?i:de|del)[ \t])?(?P<name>" + _NAME + r")"
)
PLACE_CUE_EXAMPLES = ("Municipio Heres del Estado", "la Municipalidad de Trujillo", "Ciudad Bolívar, 01 de",
                      "MUNICIPALIDAD DE SAN LORENZO DEL VALLE", "del cantón Santa Elvira")
PLACE_CUE_COUNTEREXAMPLES = ("Departamento de Servicios Públicos", "el municipio de la región", "Estado de derecho")

#: "Lugar, 14 de enero de 2019" on a line of its own: the place a document was signed.
PLACE_BEFORE_DATE = re.compile(
    r"(?m)^[ \t]*(?P<name>" + _NAME + r"),?[ \t]+\d{1,2}[ \t]+de[ \t]+[A-Za-záéíóú]+[ \t]+del?[ \t]+\d{4}"
)
PLACE_BEFORE_DATE_EXAMPLES = ("Trujillo 14 de enero del 2019", "Ciudad Bolívar, 01 de Febrero de 2007",
                              "PUERTO QUILLÉN, 12 de marzo de 2024.")
PLACE_BEFORE_DATE_COUNTEREXAMPLES = ("publicada el 14 de enero de 2019", "Art. 3 de la ley")

#: Capitalised words a cue can be followed by that are not places.
NOT_PLACE = frozenset(
    "Municipal Municipales Autónomo Autonomo Metropolitano Nacional General Provincial Distrital Federal "
    "Regional Central Libre Soberano Plurinacional Mayor Capital El La Los Las Del De En Por Para Que Se "
    "Sin Con Sobre Todo Toda Cada Este Esta "
    # the cue words themselves: "Concejo Municipal del Distrito Heres" names Heres
    "Municipio Municipalidad Cantón Canton Distrito Parroquia Estado Provincia Ciudad Comuna Partido "
    "Ayuntamiento Concejo".split()
)

#: Invented place names are built from these halves ("Mira" + "edo" = "Miraedo");
#: none of them is a place of the seed corpus, and each variant gets its own.
NAME_HEADS = ("Alba", "Bel", "Cor", "Mira", "Val", "Sol", "Ter", "Ros", "Mon", "Cam", "Pal", "Lin", "Gar",
              "Ner", "Quin", "Ar", "Tor", "Mal", "Sar", "Ven", "Lor", "Cas", "Fon", "Bra")
NAME_TAILS = ("amar", "ovia", "edo", "illa", "eras", "ona", "ado", "uela", "ares", "ino", "eña", "aura",
              "ente", "osa", "iles", "ano")


@dataclass(frozen=True)
class OrganFamily:
    """Unit names that can stand for each other, with their posts (m. sg, f. sg, m. pl).

    All units of a family share grammatical gender, so "la Dirección" becomes
    "la Gerencia", never "la Departamento".
    """

    units: tuple[str, ...]
    posts: tuple[tuple[str, str, str] | None, ...]


ORGAN_FAMILIES = (
    OrganFamily(("Dirección", "Coordinación", "Gerencia", "Jefatura"),
                (("Director", "Directora", "Directores"), ("Coordinador", "Coordinadora", "Coordinadores"),
                 ("Gerente", "Gerente", "Gerentes"), ("Jefe", "Jefa", "Jefes"))),
    OrganFamily(("Oficina", "Unidad", "Sección"), (None, None, None)),
)

#: Subject matters of organs, capitalised (a name, not prose): "Dirección de Hacienda".
ORGAN_FIELDS = (
    ("Hacienda", "Finanzas"),
    ("Planificación", "Planeación"),
    ("Obras Públicas", "Infraestructura"),
    ("Servicios Públicos", "Servicios Municipales"),
    ("Atención al Ciudadano", "Atención Ciudadana"),
    ("Recursos Humanos", "Talento Humano"),
    ("Desarrollo Social", "Bienestar Social"),
    ("Asesoría Jurídica", "Consultoría Jurídica"),
    ("Sindicatura", "Procuraduría Municipal"),
)

#: Prose rewrites that keep the meaning (lower case only; never words that
#: announce amendments or structure).  Seven in ten occurrences are rewritten;
#: one regex pass, so a rewrite is never rewritten again.
PROSE_SYNONYMS = (
    ("asimismo", "igualmente"),
    ("igualmente", "asimismo"),
    ("así mismo", "igualmente"),
    ("de conformidad con", "con arreglo a"),
    ("conforme a", "de acuerdo con"),
    ("de acuerdo con", "según"),
    ("sin perjuicio de", "sin menoscabo de"),
    ("en caso de", "en el supuesto de"),
    ("a través de", "por medio de"),
    ("con el objeto de", "con el propósito de"),
    ("a fin de", "con el fin de"),
    ("ciudadanía", "comunidad"),
    ("ciudad", "población"),
    ("habitantes", "pobladores"),
    ("vecinos", "habitantes"),
    ("respectiva", "correspondiente"),
    ("respectivo", "correspondiente"),
    ("mediante", "por medio de"),
    ("funcionarios", "servidores públicos"),
    ("elaborar", "preparar"),
    ("elaboración", "preparación"),
    ("velar por", "cuidar de"),
    ("presentar", "someter"),
    ("establecidas", "previstas"),
    ("establecidos", "previstos"),
    ("señalados", "indicados"),
    ("señaladas", "indicadas"),
    ("señalado", "indicado"),
    ("necesarios", "precisos"),
    ("necesarias", "precisas"),
    ("necesario", "preciso"),
    ("las demás", "las otras"),
    ("los demás", "los otros"),
    ("así como", "y también"),
    ("dentro del plazo", "en el plazo"),
    ("municipalidad", "corporación municipal"),
    ("atribuciones", "facultades"),
    ("deberes", "obligaciones"),
    ("servicios públicos", "servicios municipales"),
    ("jurisdicción", "circunscripción"),
    ("recursos", "medios"),
    ("rentas", "ingresos"),
    ("contribuyentes", "sujetos pasivos"),
    ("inmediatamente", "de inmediato"),
    ("únicamente", "solamente"),
    ("normas", "disposiciones"),
    ("ejercer", "desempeñar"),
    ("cumplir", "acatar"),
    ("vigilar", "supervisar"),
    ("actividades", "tareas"),
    ("mantenimiento", "conservación"),
    ("conocimiento", "consideración"),
)
PROSE_RATE = 0.7

#: Coordinated words whose order carries no meaning: "nacionales, estadales y municipales",
#: "supervisar y coordinar" (lower case only: a capitalised pair may be a name).
COORDINATION = re.compile(
    r"(?<![\wáéíóúñ])(?P<a>[a-záéíóúñ]{4,}), (?P<b>[a-záéíóúñ]{4,}) (?P<conj>[yeo]) (?P<c>[a-záéíóúñ]{4,})(?![\wáéíóúñ])"
    r"|(?<![\wáéíóúñ])(?P<v1>[a-záéíóúñ]{3,}(?:ar|er|ir)) (?P<conj2>[yeo]) (?P<v2>[a-záéíóúñ]{3,}(?:ar|er|ir))(?![\wáéíóúñ])"
)
COORDINATION_EXAMPLES = ("autoridades nacionales, estadales y municipales", "integrar, supervisar y coordinar")
COORDINATION_COUNTEREXAMPLES = ("Presidente o Presidenta", "la Ley y el Reglamento")
COORDINATION_RATE = 0.7

#: A sentence holding any of these stems may announce or record an amendment,
#: so it is never dropped.
KEEP_SENTENCE = re.compile(
    r"(?i)art|nota|reform|modific|derog|sustitu|agreg|añad|suprim|tenor|redact|promulg|publica|gaceta|registro|\d"
)
KEEP_SENTENCE_EXAMPLES = ("Nota: Artículo reformado por Ley 104.", "Se deroga el inciso segundo.")
KEEP_SENTENCE_COUNTEREXAMPLES = ("El Concejo velará por la limpieza de las calles.",)
#: Share of prose paragraphs of three or more sentences that lose one sentence.
DROP_SENTENCE_RATE = 0.2

#: A list item line: "1. ", "2) ", "a) ", "1o.- ", "- ", "• ", "❖ ".
LIST_ITEM = re.compile(
    r"^(?P<lead>[ \t]*(?:(?:\d{1,3}|[a-zñ])[.)](?:-)?|\d{1,3}[oº°]\.?-|[-•❖*](?:[ \t]*❖)?)[ \t]+)(?P<body>\S.*)$"
)
LIST_ITEM_EXAMPLES = ("  1. Coordinar los servicios.", "a) Elaborar el plan;", "- ❖ Entrega de avisos.", "1o.- Población")
LIST_ITEM_COUNTEREXAMPLES = ("Art. 1.- El Municipio es", "TITULO I", "El plazo es de 10 días.")
#: Share of lists (three items or more) whose items are put in another order.
SHUFFLE_LIST_RATE = 0.5

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
MONTH_ALIASES = {"setiembre": 9}

#: "01 de Febrero de 2007", "8 de Junio del 2005", "15 de octubre de 1971".
LONG_DATE = re.compile(
    r"\b(?P<d>\d{1,2})(?P<ord>[º°])?(?P<sp1>\s+de\s+)(?P<m>[A-Za-záéíóú]+)(?P<sp2>\s+del?\s+)(?:(?P<ano>año\s+))?(?P<y>\d{4})\b"
)
LONG_DATE_EXAMPLES = ("01 de Febrero de 2007", "14 de enero del 2019", "8 de Junio de 2005")
LONG_DATE_COUNTEREXAMPLES = ("Ley No. 104 de 1982", "artículo 5 de la ley")
#: "10-01-2007", "10/01/2007".
NUMERIC_DATE = re.compile(r"(?<![\d.-])(?P<d>\d{1,2})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d])")
NUMERIC_DATE_EXAMPLES = ("Sesión de fecha 10-01-2007", "el 3/4/1999")
NUMERIC_DATE_COUNTEREXAMPLES = ("Depósito Legal No. PP-76-1801", "Nº 38.204")
#: A year on its own: "de 1982", "AÑO 2019", "2022 - 2024" (not "38.204", not "PP-76-1801").
BARE_YEAR = re.compile(r"(?<![\d.,/-])(?P<y>(?:18|19|20)\d{2})(?![\d]|[.,]\d)")
BARE_YEAR_EXAMPLES = ("Ley No. 104 de 1982", "PLAN OPERATIVO ANUAL 2019")
BARE_YEAR_COUNTEREXAMPLES = ("Gaceta Oficial Nº 38.204", "PP-76-1801")

#: "Gaceta Extraordinaria No. 238": the issue number of a gazette, renumbered per variant.
GAZETTE_NUMBER = re.compile(r"(?P<lead>\bGaceta\b[^\n]{0,40}?\bN(?:o|º|°|ro)\.?\s*)(?P<n>\d{1,5})\b(?![.,]\d)")
GAZETTE_NUMBER_EXAMPLES = ("Gaceta Extraordinaria No. 238",)
GAZETTE_NUMBER_COUNTEREXAMPLES = ("Gaceta Municipal del Municipio", "Gaceta Oficial Nº 38.204")

#: A deadline in digits ("10 días"), scaled per variant; "treinta (30) días" is left alone.
DEADLINE_DIGITS = re.compile(r"(?<![(\d])(?P<n>\d{1,3})(?P<unit>\s+(?:días|meses|horas|semanas))\b")
DEADLINE_DIGITS_EXAMPLES = ("en un plazo de 15 días hábiles", "durante 6 meses")
DEADLINE_DIGITS_COUNTEREXAMPLES = ("treinta (30) días", "el artículo 15")
