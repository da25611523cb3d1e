"""Decoding raw bytes into the one text every offset refers to.

The stored text of a source is NFC with ``\\n`` line ends.  All spans in the
graph are offsets into that text, so decoding happens once, here, and is
strict: undecodable input is an error that says what to do, never a guess that
silently changes characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from extract.model import Source, SourceMeta

#: Default upper bound for one source (bytes); a setting can raise it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Sequences that UTF-8 text shows after being decoded as Latin-1/cp1252 once
# too often: "Ã³" for "ó", "Ã±" for "ñ", "â€œ" for a curly quote.
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf¡-¿]|Â[\u00a0-\u00bf]|â€[\u0080-\u00bf™œž“”˜]")


class DecodeError(ValueError):
    """Raised when bytes cannot be turned into a trustworthy text."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warnings: tuple[str, ...]


def decode(raw: bytes, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode ``raw`` to NFC text with ``\\n`` newlines, or raise DecodeError.

    Strict by default: UTF-8 (with or without BOM) or UTF-16/32 *with* a BOM.
    Anything else must be named with ``encoding`` by the caller, because a
    wrong guess would put invented characters into legal text.
    """
    if len(raw) > max_bytes:
        raise DecodeError(f"el archivo tiene {len(raw):,} bytes; el límite es {max_bytes:,} (too large)")
    if not raw.strip():
        raise DecodeError("el archivo está vacío (empty input)")
    warnings: list[str] = []
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"no se puede decodificar como {encoding}: {exc}") from exc
    elif raw.startswith(b"\xef\xbb\xbf"):
        text = _strict_utf8(raw[3:])
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{codec.upper()} inválido (truncated or damaged {codec.upper()} text): {exc}") from exc
    else:
        if _looks_utf16_without_bom(raw):
            raise DecodeError(
                "parece UTF-16 sin BOM (looks like UTF-16 without a byte-order mark); "
                "conviértalo a UTF-8 o indique la codificación"
            )
        if b"\x00" in raw:
            raise DecodeError("el archivo es binario: contiene bytes NUL (binary input)")
        text = _strict_utf8(raw)
    if not text.strip():
        raise DecodeError("el archivo está vacío (empty input)")
    if "\x00" in text:
        raise DecodeError("el texto contiene caracteres NUL (binary input)")
    controls = sum(1 for ch in text[:100_000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:100_000]) // 100):
        raise DecodeError(f"el texto contiene {controls} caracteres de control: no parece texto (binary input)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        warnings.append("el texto no estaba en NFC; se normalizó (input was not NFC; normalised)")
        text = unicodedata.normalize("NFC", text)
    hits = _MOJIBAKE.findall(text)
    if hits:
        sample = ", ".join(sorted(set(hits))[:5])
        warnings.append(
            f"posible mojibake: {len(hits)} secuencias como {sample} "
            "(UTF-8 decoded as Latin-1 upstream); text kept as is"
        )
    return Decoded(text=text, warnings=tuple(warnings))


def _strict_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"no es UTF-8 válido en el byte {exc.start} (invalid UTF-8); si es Latin-1 o cp1252, "
            "indique la codificación con --encoding"
        ) from exc


def _looks_utf16_without_bom(raw: bytes) -> bool:
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > half * 0.3 and min(even_nuls, odd_nuls) < half * 0.05


_ID_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def source_id(name: str) -> str:
    """A stable, IRI-safe id for a source, from its file name."""
    stem = Path(name).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return _ID_UNSAFE.sub("-", ascii_stem).strip("-") or "source"


def load_source(
    path: Path,
    *,
    meta: SourceMeta | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """Read and decode one source file."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"{path}: {size:,} bytes; el límite es {max_bytes:,} (too large)")
    raw = path.read_bytes()
    return source_from_bytes(raw, name=path.name, path=str(path), meta=meta, encoding=encoding, max_bytes=max_bytes)


def source_from_bytes(
    raw: bytes,
    *,
    name: str,
    path: str | None = None,
    meta: SourceMeta | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """Decode bytes received from anywhere (file, upload) into a Source."""
    decoded = decode(raw, encoding=encoding, max_bytes=max_bytes)
    return Source(
        id=source_id(name),
        path=path or name,
        text=decoded.text,
        sha256=hashlib.sha256(raw).hexdigest(),
        meta=meta or SourceMeta(),
        warnings=list(decoded.warnings),
    )


def collapse(text: str) -> str:
    """Collapse runs of whitespace (incl. NBSP) to single spaces and strip."""
    return " ".join(text.split())
