"""AKN export: schema-valid, faithful to the source text, named like the graph.

Every instrument of the seeds and gold samples is exported and checked
against the vendored OASIS schema with the network refused; its articles,
numbers and text are compared with the parser's tree and the source text, and
its FRBR IRIs and eIds with the quads extract.graph emits for the same corpus.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from lxml import etree

from extract import akn
from extract.corpus import assemble
from extract.graph import UNKNOWN_JURISDICTION, Emitter, emit_corpus
from extract.instruments import parse_source
from extract.model import Instrument, Node, NodeKind, ParsedSource
from extract.sources import open_source
from ontology import iri as I
from ontology.namespace import ELI

from akn_testing import BASE, HIER, NS, SAMPLES, SEEDS, header, masked, offline_schema, squash, visible

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@lru_cache(maxsize=None)
def _parsed(path: Path) -> ParsedSource:
    return parse_source(open_source(path))


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, int], akn.AknNames]:
    return akn.names_for([_parsed(p) for p in SEEDS], base=BASE)


@lru_cache(maxsize=1)
def _graph() -> Emitter:
    sources = [_parsed(p) for p in SEEDS]
    return emit_corpus(sources, assemble(sources), base=BASE)


def _cases() -> list[tuple[Path, int]]:
    return [(p, k) for p in SEEDS for k in range(len(_parsed(p).instruments))]


CASES = _cases()
IDS = [f"{p.stem}#{k}" for p, k in CASES]


def _export(path: Path, k: int) -> tuple[ParsedSource, Instrument, etree._Element]:
    parsed = _parsed(path)
    ins = parsed.instruments[k]
    return parsed, ins, akn.to_akn(parsed, ins, base=BASE, names=_names()[(parsed.source.id, ins.node.start)])


def test_seed_set_is_what_the_brief_names() -> None:
    assert len(SEEDS) == 8 and len(CASES) >= 8


def test_vendored_schema_imports_only_local_files() -> None:
    for xsd in akn.SCHEMA_DIR.glob("*.xsd"):
        tree = etree.parse(str(xsd), etree.XMLParser(no_network=True))
        for loc in tree.xpath("//@schemaLocation"):
            assert "://" not in loc, f"{xsd.name} points at {loc}"
            assert (xsd.parent / loc).resolve().is_file()
    _, asked = offline_schema()
    assert asked and all("://" not in url or url.startswith("file://") for url in asked)


@pytest.mark.parametrize(("path", "k"), CASES, ids=IDS)
def test_validates_offline_and_keeps_articles(path: Path, k: int) -> None:
    parsed, ins, root = _export(path, k)
    schema, _ = offline_schema()
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    reread = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(reread), [e.message for e in schema.error_log][:5]
    assert akn.validate(root) == []
    articles = ins.articles()
    xml_articles = reread.xpath("(//a:body | //a:mainBody)//a:article[not(ancestor::a:quotedStructure)]", namespaces=NS)
    assert len(xml_articles) == len(articles)
    expected_nums = [akn.normalise(a.raw_number or "") for a in articles]
    got_nums = [(a.findtext("a:num", namespaces=NS) or "") for a in xml_articles]
    assert got_nums == expected_nums
    quoted = [n for n in ins.node.walk() if n.kind is NodeKind.QUOTED_ARTICLE]
    assert len(reread.xpath("//a:quotedStructure/a:article", namespaces=NS)) == len(quoted)
    assert reread.xpath("//a:quotedStructure//@eId", namespaces=NS) == []


@pytest.mark.parametrize(("path", "k"), CASES, ids=IDS)
def test_text_is_the_source_text(path: Path, k: int) -> None:
    parsed, ins, root = _export(path, k)
    text = parsed.source.text
    doc = root[0]
    parts = [el for el in doc if etree.QName(el).localname in ("preface", "preamble", "body", "mainBody", "conclusions")]
    assert squash("".join(visible(el) for el in parts)) == squash(masked(ins.node, text))
    eids = akn.eid_map(ins.node)
    by_eid = {el.get("eId"): el for el in root.iter() if el.get("eId")}
    for article in ins.articles():
        el = by_eid[eids[id(article)]]
        assert etree.QName(el).localname == "article"
        assert squash(visible(el)) == squash(masked(article, text))
    for node in ins.node.walk():
        if node.kind not in HIER | {NodeKind.QUOTED_ARTICLE} or id(node) not in eids:
            continue
        el = by_eid[eids[id(node)]]
        assert etree.QName(el).localname == akn.HIER_TAG[node.kind]
        span = header(node)
        printed_header = squash(text[span[0] : span[1]]) if span else ""
        num, heading = el.findtext("a:num", namespaces=NS), el.findtext("a:heading", namespaces=NS)
        if num:
            assert squash(num) in printed_header
        if heading:
            printed = squash(text[node.heading_span[0] : node.heading_span[1]]) if node.heading_span else ""
            assert squash(heading) in printed_header or squash(heading) in printed


def _article_of(node: Node, instrument: Node) -> Node | None:
    """The own article holding ``node`` (None inside quoted text)."""
    found: Node | None = None

    def walk(n: Node, article: Node | None) -> bool:
        nonlocal found
        if n.kind is NodeKind.QUOTED_ARTICLE:
            return False
        article = n if n.kind is NodeKind.ARTICLE else article
        if n is node:
            found = article
            return True
        return any(walk(c, article) for c in n.children)

    walk(instrument, None)
    return found


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_frbr_iris_are_the_graphs(path: Path) -> None:
    parsed = _parsed(path)
    em = _graph()
    pairs = [(q.subject, q.predicate.value, q.object) for q in em.quads
             if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)]
    typed = {(s.value, o.value) for s, p, o in pairs if p == RDF_TYPE}
    realizes = {(s.value, o.value) for s, p, o in pairs if p == str(ELI.realizes)}
    in_graph = 0
    for ins in parsed.instruments:
        _, _, root = _export(path, parsed.instruments.index(ins))
        (work,) = root.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=NS)
        (expression,) = root.xpath("//a:FRBRExpression/a:FRBRuri/@value", namespaces=NS)
        parts = I.parse_akn(expression)
        assert str(parts.work()) == work and parts.lang == "spa"
        assert root.xpath("//a:FRBRWork/a:FRBRthis/@value", namespaces=NS) == [work + "/!main"]
        assert root.xpath("//a:FRBRWork/a:FRBRcountry/@value", namespaces=NS) == [parts.jurisdiction]
        assert root.xpath("//a:FRBRWork/a:FRBRsubtype/@value", namespaces=NS) == [parts.subtype]
        assert etree.QName(root[0]).localname == parts.doc_type and root[0].get("name") == parts.subtype
        assert parts.jurisdiction == (parsed.source.meta.jurisdiction or UNKNOWN_JURISDICTION)
        if (work, str(ELI.LegalResource)) in typed:  # a work of the graph: its version is the graph's too
            in_graph += 1
            versions = {e for e, w in realizes if w == work and "/!main~" not in e}
            assert expression in versions or not parts.version and not versions
        else:  # no work in the graph (a page or plan with no articles): named by the same recipe
            assert not ins.articles() and ins.type.value in ("manual", "plan", "documento")
            assert parts.subtype == ins.type.value
    assert in_graph or not any(i.articles() for i in parsed.instruments)


def test_eids_are_the_graphs_where_it_names_printed_numbers() -> None:
    """The graph names articles by identity across versions; where that is the printed number, eIds agree."""
    em = _graph()
    checked = differing = 0
    for path, k in CASES:
        parsed, ins, root = _export(path, k)
        (work,) = root.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=NS)
        eids = akn.eid_map(ins.node)
        by_start = {n.start: n for n in ins.node.walk() if id(n) in eids}
        own_numbers = [I.article_eid(a.number) if a.number else None for a in ins.articles()]
        body = root.xpath("//a:body | //a:mainBody", namespaces=NS)[0]
        xml_eids = body.xpath(".//@eId")
        assert len(xml_eids) == len(set(xml_eids)) == len(eids)
        for key, ref in em.parts.items():
            source_id, _, offset = key.partition("#n")
            node = by_start.get(int(offset)) if source_id == parsed.source.id else None
            if node is None or ref.work.value != work:
                continue
            article = _article_of(node, ins.node)
            graph_eid = ref.subdivision.value.split("~", 1)[1]
            if article is None or article.number is None:
                continue
            printed = I.article_eid(article.number)
            if graph_eid.split("__")[0] != printed or own_numbers.count(printed) != 1:
                differing += 1  # a renumbered or repeated article: the graph keeps its identity
                continue
            assert str(I.component(work, eids[id(node)])) == ref.subdivision.value
            checked += 1
    assert checked > 1500 and differing < checked / 100


@pytest.mark.parametrize(("path", "k"), CASES, ids=IDS)
def test_signatures_point_at_references(path: Path, k: int) -> None:
    _, ins, root = _export(path, k)
    sigs = root.xpath("//a:conclusions//a:signature", namespaces=NS)
    assert len(sigs) == len(ins.signatories)
    refs = {el.get("eId"): etree.QName(el).localname for el in root.xpath("//a:references/*", namespaces=NS)}
    for sig, signatory in zip(sigs, ins.signatories):
        person, role = sig.find("a:person", NS), sig.find("a:role", NS)
        assert akn.normalise(signatory.name) in (person.text or "")
        assert refs[person.get("refersTo")[1:]] == "TLCPerson"
        assert role is not None and akn.normalise(signatory.role or "") == role.text
        assert refs[role.get("refersTo")[1:]] == "TLCRole"
    for ref in root.xpath("//a:identification/@source | //a:FRBRauthor/@href", namespaces=NS):
        assert ref[1:] in refs


def test_publication_only_when_the_gazette_is_known() -> None:
    for path, k in CASES:
        _, ins, root = _export(path, k)
        pubs = root.xpath("//a:meta/a:publication", namespaces=NS)
        if ins.gazette_name and ins.publication_date:
            assert [(p.get("date"), p.get("name")) for p in pubs] == [(ins.publication_date, ins.gazette_name)]
        else:
            assert pubs == []


def test_amending_article_quotes_new_text_in_a_mod() -> None:
    """Any amending article with a quoted article: the instruction and the quote share one <mod>."""
    found = 0
    for path, k in CASES:
        parsed, ins, root = _export(path, k)
        eids = akn.eid_map(ins.node)
        for article in ins.articles():
            quoted = [c for c in article.children if c.kind is NodeKind.QUOTED_ARTICLE]
            if not quoted:
                continue
            (el,) = root.xpath("//a:article[@eId=$e]", e=eids[id(article)], namespaces=NS)
            mods = el.xpath(".//a:mod[not(ancestor::a:quotedStructure)]", namespaces=NS)
            structures = [q for m in mods for q in m.xpath("a:quotedStructure", namespaces=NS)]
            assert len(structures) == len(quoted)
            assert [s.findtext("a:article/a:num", namespaces=NS) for s in structures] == \
                [akn.normalise(q.raw_number or "") for q in quoted]
            found += 1
    assert found >= 10  # the seeds hold reforms with quoted articles


def test_forbidden_characters_are_removed_and_reported() -> None:
    from extract.model import Source

    text = ("ORDENANZA SOBRE PRUEBAS\n\nARTÍCULO 1.- Texto con\x0cun salto de página y un \x01control.\n\n"
            "ARTÍCULO 2.- Otro\ufffe texto.\n")
    parsed = parse_source(Source(id="prueba", path="prueba.txt", text=text, sha256="0" * 64))
    (ins,) = parsed.instruments
    root = akn.to_akn(parsed, ins, base=BASE)
    data = etree.tostring(root, encoding="UTF-8")
    assert akn.validate(etree.fromstring(data)) == []
    warnings = root.xpath("//cab:warning/text()", namespaces={"cab": akn.CAB_NS})
    assert any("3 caracteres no permitidos" in w and "U+000C" in w and "U+0001" in w and "U+FFFE" in w
               for w in warnings), warnings
    body = squash(visible(root.xpath("//a:body", namespaces=NS)[0]))
    assert "Textoconunsaltodepáginayuncontrol." in body and "Otrotexto." in body


def test_export_writes_one_file_per_expression(tmp_path: Path) -> None:
    copy_dir = tmp_path / "copia"
    copy_dir.mkdir()
    shutil.copy(SAMPLES / "ar_ordenanza_1234.txt", copy_dir / "otra_impresion.txt")
    out = tmp_path / "akn"
    written = akn.export_akn([SAMPLES, copy_dir], work=None, out_dir=out, base=BASE)
    sample_names = akn.names_for([_parsed(p) for p in sorted(SAMPLES.glob("*.txt"))], base=BASE)
    expressions = {n.expression for n in sample_names.values()}
    assert len(written) == len(expressions) == len(set(written))  # the reprint is written once
    assert sorted(p.name for p in written) == sorted(akn.file_name(e) for e in expressions)
    schema, _ = offline_schema()
    for path in written:
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
        assert schema.validate(tree), path.name
        (uri,) = tree.xpath("//a:FRBRExpression/a:FRBRuri/@value", namespaces=NS)
        assert akn.file_name(uri) == path.name

    one = sorted(expressions)[0]
    slug = I.parse_akn(one).name
    picked = akn.export_akn([SAMPLES], work=slug, out_dir=tmp_path / "uno", base=BASE)
    assert picked and all(slug in p.name for p in picked)
    assert akn.export_akn([SAMPLES], work="no-existe-esta-obra", out_dir=tmp_path / "nada", base=BASE) == []


def test_unreadable_source_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "vacio.txt").write_bytes(b"")
    (tmp_path / "binario.txt").write_bytes(b"\x00\x01\x02" * 10)
    shutil.copy(SAMPLES / "ec_ordenanza_mercados.txt", tmp_path / "ok.txt")
    written = akn.export_akn([tmp_path], work=None, out_dir=tmp_path / "out", base=BASE)
    assert len(written) == 1
