"""`cabildo article|ask|discrepancies|export` answer from the built store, like the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from query_api.cli import main

WORK = "ve-heres/act/ordenanza/sin-fecha/regimen-administrativo-concejo-municipio-heres"


@pytest.fixture(autouse=True)
def _store(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CABILDO_STORE_DIR", str(store_dir))
    monkeypatch.setenv("CABILDO_BASE_IRI", "https://cabildo.example/")


def test_article_now_and_at_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["article", WORK, "31", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "repealed"
    assert main(["article", WORK, "10", "--at", "2006-05-01", "--json"]) == 0
    old = json.loads(capsys.readouterr().out)
    assert old["status"] == "unknown" and old["text"] is None and old["notes"]
    assert main(["article", WORK, "999"]) == 1


def test_ask_prints_quotes_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "¿Quién custodia el archivo histórico del Concejo?", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answers"] and all(a["source"]["quote"] for a in out["answers"])


def test_discrepancies_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discrepancies", "--json"]) == 0
    assert any(d["kind"] == "printed_although_repealed" for d in json.loads(capsys.readouterr().out))
    out = tmp_path / "kb.nq"
    assert main(["export", "--format", "nq", "--out", str(out)]) == 0
    assert out.stat().st_size > 1_000_000
