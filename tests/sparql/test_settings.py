"""Settings: declared once, documented, read from CABILDO_* variables."""

from __future__ import annotations

from dataclasses import fields

import pytest

from query_api.settings import Settings, describe_settings, env_name


def test_every_setting_has_help_and_default() -> None:
    rows = describe_settings()
    assert len(rows) == len(fields(Settings))
    for env, type_name, default, help_text in rows:
        assert env.startswith("CABILDO_")
        assert len(help_text) > 20, f"{env} needs a real help string"


def test_defaults_match_the_documented_values() -> None:
    s = Settings()
    assert (s.store_dir, s.base_iri) == ("var/store", "https://cabildo.example/")
    assert (s.query_timeout_s, s.query_memory_mb, s.max_result_rows) == (10, 1024, 100000)
    assert (s.max_query_bytes, s.workers) == (100000, 2)
    assert s.remote_query_url is None and s.remote_update_url is None and s.remote_store_url is None


def test_from_env_converts_types_and_ignores_blank() -> None:
    s = Settings.from_env({
        "CABILDO_QUERY_TIMEOUT_S": "0.5", "CABILDO_WORKERS": "3",
        "CABILDO_REMOTE_QUERY_URL": "http://127.0.0.1:7878/query",
        "CABILDO_STORE_DIR": "  ", "UNRELATED": "x"})
    assert s.query_timeout_s == 0.5 and s.workers == 3
    assert s.remote_query_url == "http://127.0.0.1:7878/query"
    assert s.store_dir == "var/store"


@pytest.mark.parametrize("name,value", [("workers", "two"), ("workers", "0"),
                                        ("query_timeout_s", "-1"), ("base_iri", "https://x")])
def test_from_env_rejects_bad_values(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=env_name(name)):
        Settings.from_env({env_name(name): value})
