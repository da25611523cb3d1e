"""Odd input gives a clear error or a normalised text with warnings — never a crash."""

from __future__ import annotations

import unicodedata

import pytest

from extract.instruments import parse_source
from extract.text import DecodeError, decode, source_from_bytes, source_id

SAMPLE = "Artículo 1.- La Dirección de Administración ejercerá sus funciones.\n"


def test_utf8_is_read_and_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SAMPLE)
    out = decode(nfd.encode("utf-8"))
    assert out.text == SAMPLE
    assert any("NFC" in w for w in out.warnings)


def test_crlf_becomes_lf() -> None:
    assert decode(SAMPLE.replace("\n", "\r\n").encode()).text == SAMPLE


def test_bom_variants() -> None:
    assert decode(b"\xef\xbb\xbf" + SAMPLE.encode()).text == SAMPLE
    assert decode(SAMPLE.encode("utf-16")).text == SAMPLE


@pytest.mark.parametrize(
    "raw,needle",
    [
        (b"", "vac"),
        (b"   \n\t ", "vac"),
        (bytes(range(256)) * 4, "binari"),
        (SAMPLE.encode("utf-16-le"), "UTF-16"),
        (SAMPLE.encode("latin-1"), "UTF-8"),
        (b"PK\x03\x04\x00\x00\x00binary", "binari"),
    ],
)
def test_bad_input_is_a_clear_error(raw: bytes, needle: str) -> None:
    with pytest.raises(DecodeError) as exc:
        decode(raw)
    assert needle.lower() in str(exc.value).lower()


def test_latin1_with_explicit_encoding() -> None:
    assert decode(SAMPLE.encode("latin-1"), encoding="latin-1").text == SAMPLE


def test_mojibake_is_reported() -> None:
    broken = SAMPLE.encode("utf-8").decode("latin-1")
    out = decode(broken.encode("utf-8"))
    assert any("mojibake" in w for w in out.warnings)


def test_size_limit() -> None:
    with pytest.raises(DecodeError, match="límite"):
        decode(b"a" * 101, max_bytes=100)


def test_source_ids_are_stable_and_safe() -> None:
    assert source_id("Gaceta Nº 238 (copia).txt") == "gaceta-no-238-copia"
    assert source_id("/x/y/001_abc.txt") == "001_abc"


def test_text_without_structure_is_one_implicit_instrument() -> None:
    src = source_from_bytes("Son funciones de la Oficina:\nAtender al público.\n".encode(), name="x.txt")
    parsed = parse_source(src)
    assert len(parsed.instruments) == 1
    assert parsed.instruments[0].type.value == "manual"
