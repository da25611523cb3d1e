"""`cabildo parse FILE --json` prints the tree with spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from query_api.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_parse_json_has_instruments_nodes_and_spans(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ROOT / "tests/gold/structure/samples/ec_ordenanza_mercados.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["instruments"][0]["articles"] == ["1", "2", "3", "4", "5", "6"]
    tree = data["tree"]
    assert tree["kind"] == "document" and tree["start"] == 0 and tree["end"] == data["source"]["chars"]

    def walk(node: dict) -> list[dict]:  # type: ignore[type-arg]
        return [node] + [d for c in node.get("children", []) for d in walk(c)]

    articles = [n for n in walk(tree) if n["kind"] == "article"]
    assert [a["number"] for a in articles] == ["1", "2", "3", "4", "5", "6"]
    assert all(a["start"] < a["end"] for a in articles)


def test_parse_reports_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "vacio.txt"
    bad.write_bytes(b"")
    assert main(["parse", str(bad)]) == 2
    assert "vac" in capsys.readouterr().err
    assert main(["parse", str(tmp_path / "no-existe.txt")]) == 2
