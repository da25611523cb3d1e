"""The results file other tools read keeps its shape (values are never judged here)."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any

from bench import results
from bench.runbuild import StageClock

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _flat() -> dict[str, Any]:
    flat: dict[str, Any] = {t.key: 1.0 for t in results.TARGETS}
    flat.update(build_seconds_1x=2.0, words_1x=100, build_stage_seconds_1x={"parse": 0.5, "emit": 1.5})
    return flat


def test_a_complete_document_validates_and_keeps_headline_keys_on_top() -> None:
    doc = results.assemble(_flat(), meta={"command": "make bench"}, skipped={})
    assert results.validate(doc) == []
    for key in results.REQUIRED:
        assert isinstance(doc[key], float)
    assert doc["details"]["words_1x"] == 100 and "build_ratio" not in doc["details"]
    assert set(doc["targets_met"]) == {t.key for t in results.TARGETS}


def test_missing_or_unexplained_figures_are_reported() -> None:
    flat = _flat()
    del flat["build_ratio"]
    flat["api_vs_oxigraph_ratio"] = None
    doc = results.assemble(flat, meta={}, skipped={})
    doc.pop("build_ratio")
    problems = results.validate(doc)
    assert any("build_ratio" in p for p in problems)
    assert any("api_vs_oxigraph_ratio" in p for p in problems)
    explained = results.assemble(_flat() | {"api_vs_oxigraph_ratio": None}, meta={},
                                 skipped={"api_vs_oxigraph_ratio": "wrk is not installed"})
    assert results.validate(explained) == []


def test_targets_compare_in_their_direction() -> None:
    by_key = {t.key: t for t in results.TARGETS}
    assert by_key["build_ratio"].met(0.4) and not by_key["build_ratio"].met(1.3)
    assert by_key["api_vs_oxigraph_ratio"].met(0.7) and not by_key["api_vs_oxigraph_ratio"].met(0.1)
    assert by_key["peak_rss_mb_10x"].met(None) is None


def test_table_names_every_target_and_goes_between_the_readme_markers(tmp_path: Path) -> None:
    doc = results.assemble(_flat(), meta={}, skipped={})
    text = results.table(doc)
    for t in results.TARGETS:
        assert f"`{t.key}`" in text
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{results.README_BEGIN}\nold\n{results.README_END}\noutro\n", encoding="utf-8")
    assert results.update_readme(readme, "NEW")
    content = readme.read_text(encoding="utf-8")
    assert "old" not in content and "NEW" in content and content.startswith("intro") and content.endswith("outro\n")


def test_the_committed_results_file_is_well_formed() -> None:
    path = BENCH / "results.json"
    if path.is_file():
        assert results.validate(json.loads(path.read_text(encoding="utf-8"))) == []


def test_stage_clock_counts_nested_stages_once() -> None:
    calls: list[str] = []

    def passages(x: int) -> int:
        calls.append("passages")
        return x

    def extract_facts(x: int) -> int:
        calls.append("facts")
        return module.passages(x)  # nested call inside the same stage

    module = types.SimpleNamespace(passages=passages, extract_facts=extract_facts, unrelated=len)
    clock = StageClock()
    clock.install(module)
    assert module.extract_facts(3) == 3 and calls == ["facts", "passages"]
    assert set(clock.seconds) == {"nlp_facts"}
    assert module.unrelated is len
