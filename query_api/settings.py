"""Service settings, declared once.

Each setting is one line in :class:`Settings`: its type, its default and its
help text live together, so documentation cannot drift from code (a test
checks that every field has help).  Values come from ``CABILDO_<NAME>``
environment variables; an empty value means "use the default".
pydantic-settings is deliberately not used: a frozen dataclass is enough and
pickles cleanly into the query worker processes.
"""

from __future__ import annotations

import os
import types
import typing
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

ENV_PREFIX = "CABILDO_"


def setting(default: Any, help: str) -> Any:
    """Declare one setting: default value plus the help string shown to operators."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """All tunables of the query service (override with ``CABILDO_<NAME>``)."""

    store_dir: str = setting(
        "var/store",
        "Directory of the embedded store: holds gen-* build directories and the "
        "'current' symlink that points at the one being served.",
    )
    base_iri: str = setting(
        "https://cabildo.example/",
        "Base IRI of the knowledge base; also names the store generation marker.",
    )
    query_timeout_s: float = setting(
        10.0,
        "Hard wall-clock limit for one public query; the worker process is killed "
        "when it is exceeded (HTTP 503).",
    )
    query_memory_mb: int = setting(
        1024,
        "Address-space cap (RLIMIT_AS) of each query worker process, in MiB "
        "(HTTP 507 when a query exceeds it).",
    )
    max_result_rows: int = setting(
        100000,
        "Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a public query may "
        "return; a larger result is an error (HTTP 422), never a truncated 200.",
    )
    max_query_bytes: int = setting(
        100000,
        "Longest accepted query text in UTF-8 bytes (HTTP 413 beyond it).",
    )
    remote_query_url: str | None = setting(
        None,
        "SPARQL 1.1 query endpoint of a remote store; unset means the embedded store.",
    )
    remote_update_url: str | None = setting(
        None,
        "SPARQL 1.1 update endpoint of the remote store (used only by the build, "
        "never by the public endpoint).",
    )
    remote_store_url: str | None = setting(
        None,
        "SPARQL 1.1 Graph Store Protocol endpoint of the remote store (build only).",
    )
    workers: int = setting(
        2,
        "Number of query worker processes serving the public SPARQL endpoint.",
    )
    ingest_token: str | None = setting(
        None,
        "Bearer token that authorises /api/sources (upload, list, delete). Unset (the "
        "default) disables ingestion (HTTP 403); a token under 16 characters is refused too.",
    )
    ingest_max_bytes: int = setting(
        10 * 1024 * 1024,
        "Largest accepted upload body in bytes, multipart overhead included (HTTP 413 "
        "beyond it, checked on Content-Length and again while streaming).",
    )
    sources_dir: str | None = setting(
        None,
        "Directory holding uploaded sources (NFC UTF-8, content-hash names) and their "
        "manifest; unset means '<store_dir>/../sources'.",
    )
    ingest_base_dir: str | None = setting(
        None,
        "Read-only directory of sources (e.g. corpus/) included in every ingestion rebuild, "
        "so uploads add to it instead of replacing it; unset = uploaded sources only.",
    )
    ingest_build_timeout_s: float = setting(
        900.0,
        "Wall-clock limit of one ingestion rebuild; the build process is killed beyond it "
        "and the previous store generation stays served.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``CABILDO_*`` variables over the defaults; raise ValueError on bad values."""
        env = os.environ if environ is None else environ
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(env_name(f.name))
            if raw is None or raw.strip() == "":
                continue
            values[f.name] = _convert(env_name(f.name), raw.strip(), hints[f.name])
        return cls(**values)

    def with_overrides(self, **changes: Any) -> Settings:
        """Copy with some fields changed (tests and CLI flags use this)."""
        return replace(self, **changes)

    def __post_init__(self) -> None:
        for name in ("query_timeout_s", "query_memory_mb", "max_result_rows",
                     "max_query_bytes", "workers"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{env_name(name)} must be positive")
        if not self.base_iri.endswith(("/", "#")):
            raise ValueError(f"{env_name('base_iri')} must end with '/' or '#'")


def env_name(field_name: str) -> str:
    """Environment variable that sets ``field_name``."""
    return ENV_PREFIX + field_name.upper()


def describe_settings() -> list[tuple[str, str, str, str]]:
    """(env var, type, default, help) for every setting, for docs and ``--help``."""
    hints = typing.get_type_hints(Settings)
    rows = []
    for f in fields(Settings):
        rows.append((env_name(f.name), _type_name(hints[f.name]), repr(f.default),
                     str(f.metadata.get("help", ""))))
    return rows


def _type_name(tp: Any) -> str:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return (args[0].__name__ + " (optional)") if args else getattr(tp, "__name__", str(tp))


def _convert(name: str, raw: str, tp: Any) -> Any:
    """Convert one environment string to the field's declared type."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = inner[0]
    try:
        if tp is bool:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return tp(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a valid {tp.__name__}") from None
