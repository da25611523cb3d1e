"""Every setting, endpoint and command is documented (README) and described (OpenAPI)."""

from __future__ import annotations

from pathlib import Path

from query_api.app import create_app
from query_api.cli import build_parser
from query_api.settings import Settings, describe_settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme() -> None:
    missing = [env for env, _type, _default, help_ in describe_settings() if env not in README or not help_]
    assert missing == []


def test_every_endpoint_is_in_the_readme_and_has_a_summary() -> None:
    schema = create_app(Settings()).openapi()
    for path, ops in schema["paths"].items():
        shown = path.replace("{work_path}", "{id}").replace("{work_id}", "{id}").replace("{organ_path}", "{id}").replace("{source_id}", "{id}")
        assert f"`{shown}" in README or f"`GET {shown}" in README or shown in README, f"{path} not in README"
        for op in ops.values():
            assert op.get("summary"), f"{path} has no summary"


def test_every_command_is_in_the_readme() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    assert commands and all(f"cabildo {name}" in README for name in commands)
