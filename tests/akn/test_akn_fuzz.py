"""Whatever the text, every exported instrument is schema-valid and holds exactly the source text."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from extract import akn
from extract.instruments import parse_source
from extract.model import NodeKind, Source, SourceMeta
from extract.sources import open_source
from akn_testing import NS, SEEDS, masked, offline_schema, squash, visible

PIECES = [
    "ORDENANZA SOBRE MERCADOS\n", "REFORMA PARCIAL DE LA ORDENANZA SOBRE TASAS\n", "LEY DE RÉGIMEN MUNICIPAL\n",
    "El Concejo Municipal, en uso de sus atribuciones, sanciona la siguiente:\n", "SANCIONA CON FUERZA DE\n",
    "Artículo 1.- ", "ARTICULO 05: ", "Art. 378-A.- ", "Artículo 12 bis.- ", "ARTÍCULO 1°.- ", "Artículo 1.- ",
    "TITULO I\n", "CAPÍTULO II\nDE LAS FERIAS\n", "SECCION 1a.\n", "Parágrafo Único: ", "  1. ", "1.- ", "1o.- ",
    "a) ", "b) ", "Nota: Artículo reformado por Ley No. 104.\n", "Gaceta Municipal Extraordinaria No. 238\n",
    "Se modifica el Artículo 10, el cual quedará así:\n", '"ARTÍCULO 10.- Texto nuevo."\n', "Objeto\n",
    "Dado, firmado y sellado en el Salón de Sesiones a los diez días de enero de 2007.\n",
    "CONCEJAL PEDRO PÉREZ\nPRESIDENTE\n", "Lic. ANA GÓMEZ\nSECRETARIA\n", "texto corriente del artículo. ",
    "\n", "\n\n", "\u00a0", "\t", "ñ", "«", "»", "\x0c", "\x01", "\x0b", "\ufffe", "\ud800", "<&>", "]]>",
]


@lru_cache(maxsize=None)
def _text(path: Path) -> str:
    return open_source(path).text


def _assert_exports_faithfully(text: str, jurisdiction: str | None) -> None:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    source = Source(id="fuzz", path="fuzz.txt", text=text, sha256=digest, meta=SourceMeta(jurisdiction=jurisdiction))
    parsed = parse_source(source)
    schema, _ = offline_schema()
    for ins in parsed.instruments:
        root = akn.to_akn(parsed, ins, base="https://cabildo.example/")
        reread = etree.fromstring(etree.tostring(root, encoding="UTF-8"))
        assert schema.validate(reread), [e.message for e in schema.error_log][:3]
        shown = "".join(visible(el) for el in reread[0]
                        if etree.QName(el).localname in ("preface", "preamble", "body", "mainBody", "conclusions"))
        assert squash(shown) == squash(masked(ins.node, text))
        own = reread.xpath("(//a:body | //a:mainBody)//a:article[not(ancestor::a:quotedStructure)]", namespaces=NS)
        assert len(own) == sum(1 for _ in ins.node.find(NodeKind.ARTICLE))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=10)), max_size=50),
       st.sampled_from([None, "ve-ejemplo", "ec"]))
def test_random_texts_export_valid_faithful_xml(parts: list[str], jurisdiction: str | None) -> None:
    _assert_exports_faithfully("".join(parts), jurisdiction)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_cut_and_noised_seed_texts_export_valid_faithful_xml(data: st.DataObject) -> None:
    text = _text(data.draw(st.sampled_from(SEEDS[1:3])))  # the gazette compilation and the codified law
    start = data.draw(st.integers(0, len(text) - 1))
    chunk = text[start : start + data.draw(st.integers(0, 20000))]
    cut = data.draw(st.integers(0, len(chunk)))
    noise = "".join(data.draw(st.lists(st.sampled_from(PIECES), max_size=4)))
    _assert_exports_faithfully(chunk[:cut] + noise + chunk[cut:], data.draw(st.sampled_from([None, "ve-heres"])))
