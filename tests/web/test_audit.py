"""The competence audit: every check on an invented graph, the real clashes of the seed corpus,
the language patterns both ways, and the three report formats."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from query_api import audit
from query_api.store import EmbeddedStore
from tests.web import synthetic
from tests.web.conftest import load_store, parse

REGIMEN = "/obras/ve-heres/act/ordenanza/sin-fecha/regimen-administrativo-concejo-municipio-heres"
IMDER = "/obras/ve-heres/act/ordenanza/sin-fecha/creacion-instituto-municipal-deportes-recreacion-municipio"


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> list[audit.Finding]:
    store = EmbeddedStore(load_store(tmp_path_factory.mktemp("prueba"), synthetic.trig()))
    return audit.audit(store, synthetic.BASE)


def _one(findings: list[audit.Finding], kind: str, contains: str) -> audit.Finding:
    found = [f for f in findings if f.kind == kind and contains in f.title]
    assert len(found) == 1, [f.title for f in findings if f.kind == kind]
    return found[0]


def _hrefs(f: audit.Finding) -> set[str]:
    return {(e.href or "").split("#")[0].split("?")[0] for e in f.evidence if e.href}


# ------------------------------------------------------------- invented graph

W = "/obras/ve-prueba/act/ordenanza/2001-01-01/prueba/articulos/"
R = "/obras/ve-prueba/act/reforma-parcial/2005-01-01/prueba/articulos/"


def test_every_check_fires_once_on_the_invented_graph(invented: list[audit.Finding]) -> None:
    assert {k: sum(f.kind == k for f in invented) for k in audit.KINDS} == {
        "overlap": 1, "abolished_reference": 2, "hierarchy_conflict": 1, "stale_competence": 2,
        "discrepancy": 1, "orphan_deadline": 1, "no_competences": 1}


def test_overlap_between_organs_that_are_not_post_and_unit(invented: list[audit.Finding]) -> None:
    f = _one(invented, "overlap", "«llevar»")
    assert {W + "1", W + "2"} <= _hrefs(f)
    assert synthetic.organ_iri("oficina-catastro") in f.subjects  # the post answers for its unit


def test_repealed_organ_still_named_by_a_duty_in_force(invented: list[audit.Finding]) -> None:
    f = _one(invented, "abolished_reference", "Unidad de Archivo")
    assert f.severity == "high"
    assert {W + "3", R + "1", W + "4"} <= _hrefs(f)


def test_renamed_organ_still_named(invented: list[audit.Finding]) -> None:
    f = _one(invented, "abolished_reference", "Oficina de Quejas")
    assert {R + "2", W + "7"} <= _hrefs(f)
    assert "Defensoría Vecinal" in f.detail


def test_stale_competences(invented: list[audit.Finding]) -> None:
    repealed = _one(invented, "stale_competence", "custodiar")
    assert repealed.severity == "high"
    replaced = _one(invented, "stale_competence", "otorgar")
    assert replaced.severity == "medium" and any("fecha=2001-01-01" in (e.href or "") for e in replaced.evidence)
    assert not [f for f in invented if f.kind == "stale_competence" and "Concejo" in f.title]


def test_hierarchy_beside_and_under(invented: list[audit.Finding]) -> None:
    f = _one(invented, "hierarchy_conflict", "Oficina de Catastro")
    assert "junto a «Dirección de Tierras» y bajo ella" in f.title


def test_orphan_deadline_and_organ_without_competences(invented: list[audit.Finding]) -> None:
    dl = _one(invented, "orphan_deadline", "art. 5")
    assert dl.severity == "medium" and any(e.text == "diez días hábiles" for e in dl.evidence)
    assert _one(invented, "no_competences", "Comisión de Festejos").severity == "medium"


def test_discrepancy_links_the_article(invented: list[audit.Finding]) -> None:
    f = _one(invented, "discrepancy", "art. 3")
    assert f.severity == "high" and W + "3" in _hrefs(f)


def test_findings_have_stable_ids_and_are_sorted_by_severity(invented: list[audit.Finding]) -> None:
    ranks = [audit.SEVERITIES.index(f.severity) for f in invented]
    assert ranks == sorted(ranks)
    assert len({f.id for f in invented}) == len(invented)


# -------------------------------------------------------------- seed corpus
# Each clash below was checked by reading corpus/001 (Gaceta Municipal de Heres).


def test_seed_abolished_coordinacion_de_personal(findings: list[audit.Finding]) -> None:
    """Reform of 2007 (art. 9) repeals arts. 31-35 that set up the Coordinación de Personal y Recursos
    Humanos and (art. 14) renames it; art. 9, numeral 2 in force still gives the Presidente its services."""
    f = _one(findings, "abolished_reference", "Coordinación de Personal y Recursos Humanos")
    assert f.severity == "high"
    hrefs = _hrefs(f)
    assert REGIMEN + "/articulos/31" in hrefs and REGIMEN + "/articulos/9" in hrefs
    assert any("/reforma-parcial/2007-02-01/" in h and h.endswith("/articulos/14") for h in hrefs)
    assert any("Presidente" in e.role for e in f.evidence)


def test_seed_renamed_instituto_de_deporte(findings: list[audit.Finding]) -> None:
    """IMDERHERES reform (art. 7): «Instituto Municipal de Deporte» becomes «… de Deportes y Recreación
    del Municipio Heres»; the old name is still printed in arts. 14, 26, 49 and 59 of the ordinance."""
    f = _one(findings, "abolished_reference", "Instituto Municipal de Deporte»")
    hrefs = _hrefs(f)
    assert {IMDER + f"/articulos/{n}" for n in (14, 26, 49, 59)} <= hrefs
    assert IMDER + "/articulos/6" not in hrefs  # art. 6 uses the new name


def test_seed_hierarchy_medios_y_protocolo(findings: list[audit.Finding]) -> None:
    """Art. 23 lists the Coordinación de Medios y Protocolo beside the Dirección de Servicios
    Administrativos in the Concejo's structure; art. 29 puts it under that Dirección."""
    f = _one(findings, "hierarchy_conflict", "Coordinación de Medios y Protocolo")
    assert f.severity == "high" and "Dirección de Servicios Administrativos" in f.title
    assert {REGIMEN + "/articulos/23", REGIMEN + "/articulos/29"} <= _hrefs(f)


def test_seed_overlaps_camara_and_presidente(findings: list[audit.Finding]) -> None:
    """Art. 6 (Cámara) and art. 9 (Presidente) both render account of the administrative management and
    both guarantee the functioning of the Concejo's support services."""
    for action, numbers in (("rendir", ("6", "9")), ("garantizar", ("6", "9"))):
        f = _one(findings, "overlap", f"«{action}»")
        assert {REGIMEN + f"/articulos/{n}" for n in numbers} <= _hrefs(f)
        assert "Cámara Municipal" in f.title and "Presidente" in f.title


def test_seed_overlap_instituto_and_its_board(findings: list[audit.Finding]) -> None:
    """Art. 12 (Instituto) and art. 19 (its Junta Directiva) both draw up the annual budget project."""
    f = _one(findings, "overlap", "«elaborar»")
    assert {IMDER + "/articulos/12", IMDER + "/articulos/19"} <= _hrefs(f)


def test_seed_printed_although_repealed(findings: list[audit.Finding]) -> None:
    printed = [f for f in findings if f.kind == "discrepancy" and "Impreso aunque derogado" in f.title]
    assert {f.title.split(":")[1].split("—")[0].strip() for f in printed} == {f"art. {n}" for n in range(31, 36)}
    assert all(f.severity == "high" for f in printed)


def test_seed_office_created_without_competences(findings: list[audit.Finding]) -> None:
    """Art. 50 (inserted by the reform) creates the Oficina de Atención al Ciudadano under the
    Vicepresidencia but gives it no function."""
    f = _one(findings, "no_competences", "«Oficina de Atención al Ciudadano»")
    assert f.severity == "medium"


def test_seed_overlap_ignores_shared_verbs_and_joint_duties(findings: list[audit.Finding]) -> None:
    titles = [f.title for f in findings if f.kind == "overlap"]
    assert not any("Vicepresidente" in t and "Presidente" in t for t in titles)  # "junto con el Presidente"
    assert not any("«coordinar»" in t for t in titles)


# ------------------------------------------------------------------ patterns


@pytest.mark.parametrize("pattern", audit.SUBJECT_PATTERNS, ids=lambda p: p.name)
def test_subject_patterns_both_ways(pattern: audit.NamePattern) -> None:
    for text, name in pattern.examples:
        assert audit.names_subject(text, name) == pattern.name, text
    for text, name in pattern.counterexamples:
        assert audit.names_subject(text, name) != pattern.name, text


def test_object_terms_drop_the_chained_verbs() -> None:
    verbs = {"coordinar", "dirigir", "controlar", "someter"}
    assert audit.object_terms("dirigir y controlar el trabajo de la Oficina", verbs) == \
        audit.object_terms("el trabajo de la Oficina", verbs)
    assert "someterl" not in " ".join(audit.object_terms("el proyecto y someterlo a consideración", verbs))


# ------------------------------------------------------------------ formats


def test_render_json_csv_html(invented: list[audit.Finding]) -> None:
    data = json.loads(audit.render(invented, "json", link_base="http://x"))
    assert data["summary"]["total"] == len(invented)
    assert all(e["href"] is None or e["href"].startswith("http://x/") for f in data["findings"] for e in f["evidence"])
    rows = list(csv.reader(io.StringIO(audit.render(invented, "csv"))))
    assert rows[0][:3] == ["id", "tipo", "gravedad"] and len(rows) == len(invented) + 1
    page = audit.render(invented, "html")
    doc = parse(page)
    assert doc.get("lang") == "es" and doc.xpath("//style") and not doc.xpath("//link[@rel='stylesheet']")
    assert len(doc.xpath("//article[contains(@class,'finding')]")) == len(invented)
    with pytest.raises(ValueError):
        audit.render(invented, "pdf")


def test_cli_writes_the_report(store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parser = argparse.ArgumentParser()
    audit.register_cli(parser.add_subparsers(dest="command"))
    out = tmp_path / "audit.csv"
    args = parser.parse_args(["audit", "--store", str(store_dir), "--format", "csv", "--severity", "high",
                              "-o", str(out)])
    assert args.func(args) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert len(rows) > 1 and all(r[2] == "alta" for r in rows[1:])
