"""Two other drafting styles end to end: an Argentine ordinance and a Chilean amending decree.

The samples are short, realistic and fictional (no real municipality's law).
"""

from __future__ import annotations

import re
from datetime import date

from extract.amendments import OperationKind, read_operations
from extract.consolidate import (
    ArticleHistory,
    BaseArticle,
    Reform,
    Status,
    Version,
    consolidate,
    cross_check,
    current,
    text_at,
)

from amend_versions import at, cur  # noqa: E402


AR_BASE = [
    BaseArticle("1", None, "Créase el Registro Municipal de Feriantes."),
    BaseArticle("2", None, "El Registro funcionará en la Secretaría de Gobierno."),
    BaseArticle("3", None, "Para inscribirse se requiere domicilio en el Partido."),
    BaseArticle("4", None, "Las ferias funcionarán los sábados."),
    BaseArticle("5", None, "Los puestos se adjudicarán por orden de inscripción."),
    BaseArticle("6", None, "La Secretaría de Gobierno fiscalizará las ferias."),
    BaseArticle("7", None, "Las infracciones serán sancionadas con multa."),
    BaseArticle("8", None, "Comuníquese, publíquese y archívese."),
]

AR_AMENDING = """ORDENANZA N° 1300

EL HONORABLE CONCEJO DELIBERANTE SANCIONA CON FUERZA DE ORDENANZA

ARTÍCULO 1°.- Modifícase el artículo 5° de la Ordenanza N° 1234, el que quedará redactado de la siguiente manera:
"ARTÍCULO 5°.- Los puestos se adjudicarán por sorteo público ante escribano."

ARTÍCULO 2°.- Derógase el artículo 7° de la Ordenanza N° 1234.

ARTÍCULO 3°.- Incorpórase como artículo 3° bis de la Ordenanza N° 1234 el siguiente texto:
"ARTÍCULO 3° bis.- Los feriantes deberán exhibir la credencial del Registro."

ARTÍCULO 4°.- Sustitúyese la expresión “Secretaría de Gobierno” por “Secretaría de Desarrollo Económico” en el artículo 2°.

ARTÍCULO 5°.- Comuníquese, publíquese, dése al Registro Oficial y archívese.
"""

CL_BASE = [
    BaseArticle("1", None, "La presente ordenanza regula las ferias libres de la comuna."),
    BaseArticle("2", None, "Las ferias se instalarán en los lugares que fije el Alcalde."),
    BaseArticle("3", None, "El Director de Obras Municipales fijará el trazado. El Director de Obras "
                "informará al Concejo."),
    BaseArticle("4", None, "Las ferias funcionarán los días domingo."),
    BaseArticle("5", None, "Cada feriante ocupará un solo puesto."),
    BaseArticle("6", None, "Los permisos son personales.\nLos permisos podrán transferirse al cónyuge.\n"
                "Los permisos se renuevan cada año."),
    BaseArticle("7", None, "Los feriantes mantendrán limpio su puesto."),
    BaseArticle("8", None, "Se prohíbe la venta de animales vivos."),
    BaseArticle("9", None, "Las infracciones serán sancionadas por el Juzgado de Policía Local."),
]

CL_AMENDING = """DECRETO ALCALDICIO N° 2.041

Artículo único.- Introdúcense las siguientes modificaciones en la Ordenanza Local sobre Ferias Libres:
1) Reemplázase el artículo 4° por el siguiente:
“Artículo 4°.- Las ferias funcionarán los días sábado y domingo, de 7:00 a 15:00 horas.”
2) Agrégase, a continuación del artículo 9°, el siguiente artículo 9° bis, nuevo:
“Artículo 9° bis.- El incumplimiento reiterado será causal de caducidad del permiso.”
3) Elimínase el inciso segundo del artículo 6°.
4) Suprímese el artículo 8°.
5) Reemplázase, en el artículo 3°, la expresión “Director de Obras” por “Director de Obras Municipales”.

ANÓTESE, COMUNÍQUESE Y PUBLÍQUESE.
"""


def _articles(text: str) -> list[tuple[str, int, int]]:
    heads = list(re.finditer(r"(?m)^ART[ÍI]CULO (\d+)°\.-", text))
    return [(m.group(1), m.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text))
            for i, m in enumerate(heads)]


def test_argentine_operations() -> None:
    ops = [(n, op) for n, s, e in _articles(AR_AMENDING) for op in read_operations(AR_AMENDING[s:e], offset=s)]
    assert [(n, op.kind, op.targets, op.new_number) for n, op in ops] == [
        ("1", OperationKind.SUBSTITUTION, ["5"], None),
        ("2", OperationKind.REPEAL, ["7"], None),
        ("3", OperationKind.INSERTION, [], "3 bis"),
        ("4", OperationKind.TERM_SUBSTITUTION, ["2"], None),
    ]
    assert all(op.amended_work_hint == "Ordenanza N° 1234" for n, op in ops if n != "4")
    assert ops[0][1].new_text == "ARTÍCULO 5°.- Los puestos se adjudicarán por sorteo público ante escribano."
    assert (ops[3][1].term_from, ops[3][1].term_to) == ("Secretaría de Gobierno", "Secretaría de Desarrollo Económico")


def test_argentine_consolidation() -> None:
    ops = [(n, op) for n, s, e in _articles(AR_AMENDING) for op in read_operations(AR_AMENDING[s:e])]
    c = consolidate(AR_BASE, [Reform("ord-1300", date(2023, 6, 22), ops)], base_date=date(2015, 3, 1))
    now = [(cur(h).number, cur(h).status, cur(h).text) for h in c.articles]
    assert [n for n, _, _ in now] == ["1", "2", "3", "3 bis", "4", "5", "6", "7", "8"]
    assert now[1][2] == "El Registro funcionará en la Secretaría de Desarrollo Económico."
    assert now[3][2] == "Los feriantes deberán exhibir la credencial del Registro."
    assert now[5][2] == "Los puestos se adjudicarán por sorteo público ante escribano."
    assert now[6][2] == "La Secretaría de Gobierno fiscalizará las ferias."  # outside the term's scope
    assert now[7][1] is Status.REPEALED
    assert c.warnings == []


def test_chilean_operations() -> None:
    ops = read_operations(CL_AMENDING)
    assert [(op.kind, op.targets, op.target_sub, op.new_number, op.position) for op in ops] == [
        (OperationKind.SUBSTITUTION, ["4"], None, None, None),
        (OperationKind.INSERTION, [], None, "9 bis", ("after", "9")),
        (OperationKind.REPEAL, ["6"], ("inciso", "2"), None, None),
        (OperationKind.REPEAL, ["8"], None, None, None),
        (OperationKind.TERM_SUBSTITUTION, ["3"], None, None, None),
    ]
    assert ops[0].new_text == "Artículo 4°.- Las ferias funcionarán los días sábado y domingo, de 7:00 a 15:00 horas."
    assert all(op.amended_work_hint == "Ordenanza Local sobre Ferias Libres" for op in ops)


def test_chilean_consolidation_and_print_check() -> None:
    c = consolidate(CL_BASE, [Reform("da-2041", date(2024, 5, 2), [("único", op) for op in read_operations(CL_AMENDING)])])
    now = {cur(h).number: cur(h) for h in c.articles}
    assert list(now) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9 bis"]
    assert now["4"].text == "Las ferias funcionarán los días sábado y domingo, de 7:00 a 15:00 horas."
    assert now["6"].text == "Los permisos son personales.\nLos permisos se renuevan cada año."
    assert now["8"].status is Status.REPEALED
    assert now["3"].text == ("El Director de Obras Municipales fijará el trazado. "
                             "El Director de Obras Municipales informará al Concejo.")
    printed = [(n or "", v.text or "") for n, v in now.items() if v.status is Status.IN_FORCE]
    printed[5] = ("6", "Los permisos son personales.\nLos permisos podrán transferirse al cónyuge.\n"
                       "Los permisos se renuevan cada año.")  # a print that forgot the repeal of the inciso
    assert [(d.kind, d.printed_number, d.severity) for d in cross_check(c, printed)] == [
        ("substitution_not_applied", "6", "error")]
