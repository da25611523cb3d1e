"""Spanish dates and number words as printed in gazettes and closing formulas.

"01 de Febrero de 2007", "10-01-2007", "a los Diez (10) días del mes de Enero
del año Dos Mil Siete (2007)", "15 de Octubre de 1971".  Returns ISO strings
or None — never a guessed date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "primer": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4,
    "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200,
    "trescientos": 300, "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600,
    "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def words_to_int(text: str) -> int | None:
    """'Dos Mil Siete' -> 2007, 'quince' -> 15, 'treinta y uno' -> 31; None if not a number."""
    tokens = [t for t in re.split(r"[\s-]+", _fold(text)) if t and t != "y"]
    if not tokens:
        return None
    total, current = 0, 0
    for tok in tokens:
        if tok == "mil":
            total += (current or 1) * 1000
            current = 0
        elif tok in _UNITS:
            current += _UNITS[tok]
        else:
            return None
    return total + current


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})\b")
_LONG = re.compile(r"\b(\d{1,2})\s+(?:de\s+)?([A-Za-zÁÉÍÓÚáéíóú]+),?\s+(?:de\s+|del\s+)?(?:año\s+)?(\d{4})\b")
_SPELLED = re.compile(
    r"(?i)a\s+los?\s+(?P<day>[\wáéíóú ]{2,30}?)\s*(?:\((?P<dd>\d{1,2})\))?\s*d[ií]as?\s+del\s+mes\s+(?:de\s+)?"
    r"(?P<month>[A-Za-zÁÉÍÓÚáéíóú]+)\s+(?:de\s+|del\s+)*(?:año\s+)?(?P<year>(?:[A-Za-zÁÉÍÓÚáéíóú]+[ \t]*){1,6})"
    r"(?:\((?P<yy>\d{4})\))?"
)
_PRIMER_DIA = re.compile(r"(?i)al\s+primer\s*\(?(?:0?1)?\)?\s+d[ií]a\s+del\s+mes\s+de\s+(?P<month>\w+)\s+del?\s+a[ñn]o\s+(?P<year>[\w ]{4,40}?)[\s.,;]")


def _leading_number(text: str) -> int | None:
    """The number spelled by the longest run of leading words ('Dos Mil Siete en' -> 2007)."""
    words = text.split()
    for n in range(len(words), 0, -1):
        value = words_to_int(" ".join(words[:n]))
        if value is not None:
            return value
    return None


def parse_numeric(text: str) -> str | None:
    """'10-01-2007' -> '2007-01-10'; two-digit years are read as 19xx/20xx around 1950."""
    m = _NUMERIC.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000 if year < 50 else 1900
    return iso(year, month, day)


def parse_long(text: str) -> str | None:
    """'01 de Febrero de 2007' -> '2007-02-01'."""
    for m in _LONG.finditer(text):
        month = MONTHS.get(_fold(m.group(2)))
        if month:
            return iso(int(m.group(3)), month, int(m.group(1)))
    return None


def parse_spelled(text: str) -> str | None:
    """'a los Diez (10) días del mes de Enero del año Dos Mil Siete (2007).' -> '2007-01-10'."""
    m = _SPELLED.search(text + " ")
    if m:
        day = int(m["dd"]) if m["dd"] else words_to_int(m["day"])
        month = MONTHS.get(_fold(m["month"]))
        year = int(m["yy"]) if m["yy"] else _leading_number(m["year"])
        if day and month and year:
            return iso(year, month, day)
    m = _PRIMER_DIA.search(text + " ")
    if m:
        month = MONTHS.get(_fold(m["month"]))
        year = words_to_int(m["year"])
        if month and year:
            return iso(year, month, 1)
    return None


def all_numeric(text: str) -> list[str]:
    out: list[str] = []
    for m in _NUMERIC.finditer(text):
        value = parse_numeric(m.group(0))
        if value and value not in out:
            out.append(value)
    return out
