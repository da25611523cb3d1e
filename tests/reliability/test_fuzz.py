"""Parser fuzzing from the bytes an uploader can send, through the whole reading path.

tests/structure/test_roundtrip.py fuzzes ``parse_structure`` with generated
*text*.  Here the input is *bytes* (random, or a seed with bytes flipped,
truncated mid-character, spliced, CR-injected) and it goes the way an upload
goes: strict decoding (only DecodeError may come out), then the structure
round trip (parse_structure / render / check_partition), then
``parse_source`` (instruments).  AKN uploads are fuzzed the same way through
``prepare_upload``.  Each example is timed: a hang is a failure, not a wait.
"""

from __future__ import annotations

import copy

import time
from functools import cache
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from extract.akn import AKN_NS, to_akn
from extract.instruments import parse_source
from extract.structure import check_partition, parse_structure, render
from extract.text import DecodeError, decode, load_source, source_from_bytes
from query_api.ingest import IngestError, prepare_upload

from .helpers import BASE, record, seeds

#: Longest a single example may take (seconds); generous for a 2-core CI box.
HANG_S = 5.0
STATS = {"bytes": 0, "decoded": 0, "refused": 0, "akn": 0, "akn_refused": 0}
SLOWEST = {"bytes": 0.0, "akn": 0.0}


@cache
def seed_bytes() -> list[bytes]:
    return [p.read_bytes() for p in seeds()]


@cache
def akn_seeds() -> list[bytes]:
    """AKN documents of the first instruments of each seed, as extract.akn writes them."""
    out = []
    for path in seeds():
        parsed = parse_source(load_source(path))
        for ins in parsed.instruments[:2]:
            out.append(etree.tostring(to_akn(parsed, ins, base=BASE), xml_declaration=True, encoding="UTF-8"))
    return out


AKN_TAGS = ["article", "chapter", "title", "section", "paragraph", "point", "p", "num", "heading", "content",
            "authorialNote", "docTitle", "formula", "hcontainer", "tr", "signature", "meta", "body"]


@st.composite
def akn_mutated(draw: st.DrawFn) -> bytes:
    """A seed's AKN document with its tree edited (and sometimes its bytes damaged)."""
    root = etree.fromstring(draw(st.sampled_from(akn_seeds())))
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 8))):
        el = elements[draw(st.integers(0, len(elements) - 1))]
        op = draw(st.sampled_from(["drop", "dup", "text", "rename", "tail", "move"]))
        parent = el.getparent()
        if op == "drop" and parent is not None:
            parent.remove(el)
            elements = list(root.iter())
        elif op == "dup" and parent is not None:
            parent.insert(parent.index(el), copy.deepcopy(el))  # (tostring would carry the tail along)
            elements = list(root.iter())
        elif op == "text":
            el.text = draw(st.text(max_size=40).map(_xml_chars))
        elif op == "tail" and parent is not None:
            el.tail = draw(st.text(max_size=40).map(_xml_chars))
        elif op == "rename":
            el.tag = "{%s}%s" % (AKN_NS, draw(st.sampled_from(AKN_TAGS)))
        elif op == "move" and parent is not None and el is not root:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if el not in target.iterancestors() and target is not el:
                parent.remove(el)
                target.append(el)
                elements = list(root.iter())
    raw = bytearray(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    if draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] = draw(st.integers(0, 255))
    return bytes(raw)


def _xml_chars(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd"))


@st.composite
def mutated(draw: st.DrawFn, pool: Callable[[], list[bytes]], window: int) -> bytes:
    """A window of a seed with random byte-level damage."""
    src = draw(st.sampled_from(pool()))
    start = draw(st.integers(0, max(0, len(src) - 1)))
    chunk = bytearray(src[start : start + draw(st.integers(0, window))])
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "crlf", "splice"]))
        at = draw(st.integers(0, len(chunk)))
        if op == "flip" and chunk:
            chunk[min(at, len(chunk) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            chunk[at:at] = draw(st.sampled_from([b"\x00", b"\xff", b"\r", b"\xc3", b"\xe2\x80", b"\xef\xbb\xbf",
                                                 b"\n\n", b"\x0c", b"<!DOCTYPE x>", b"&x;", b"<p>", b"</p>"]))
        elif op == "delete":
            del chunk[at : at + draw(st.integers(1, 50))]
        elif op == "dup":
            chunk[at:at] = chunk[at : at + draw(st.integers(1, 400))]
        elif op == "crlf":
            chunk = bytearray(bytes(chunk).replace(b"\n", b"\r\n"))
        else:
            other = draw(st.sampled_from(pool()))
            o = draw(st.integers(0, max(0, len(other) - 1)))
            chunk[at:at] = other[o : o + draw(st.integers(0, 500))]
    return bytes(chunk)


def _check_text(text: str) -> None:
    root = parse_structure(text)
    assert root.start == 0 and root.end == len(text)
    assert check_partition(root) == []
    assert render(root, text) == text
    parse_source(source_from_bytes(text.encode("utf-8"), name="fuzz.txt"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(st.binary(max_size=3000), mutated(seed_bytes, 6000)))
def test_bytes_never_crash_never_hang_always_round_trip(raw: bytes) -> None:
    started = time.perf_counter()
    STATS["bytes"] += 1
    try:
        text = prepare_upload(raw, "text", max_bytes=1 << 22).text
    except IngestError as exc:
        assert exc.status == 422 and exc.message
        STATS["refused"] += 1
    else:
        STATS["decoded"] += 1
        _check_text(text)
    took = time.perf_counter() - started
    SLOWEST["bytes"] = max(SLOWEST["bytes"], took)
    assert took < HANG_S, f"{took:.1f} s for {len(raw)} bytes"


@pytest.mark.parametrize("raw", [b"\xfe\xff\x00", b"\xff\xfe\x00\x00\x00", b"\xef\xbb\xbf", b"\xfe\xff"])
def test_decode_only_raises_decode_error(raw: bytes) -> None:
    try:
        text = decode(raw).text
    except DecodeError:
        return
    assert text.strip(), "decode() accepted an input with no text"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(akn_mutated())
def test_akn_uploads_are_refused_cleanly_or_read_whole(raw: bytes) -> None:
    started = time.perf_counter()
    STATS["akn"] += 1
    try:
        prepared = prepare_upload(raw, "xml", max_bytes=1 << 22)
    except IngestError as exc:
        assert 400 <= exc.status < 500 and exc.message
        STATS["akn_refused"] += 1
    else:
        _check_text(prepared.text)
    took = time.perf_counter() - started
    SLOWEST["akn"] = max(SLOWEST["akn"], took)
    assert took < HANG_S


def test_fuzz_numbers() -> None:
    """Print what the two fuzzers ran (they run first: pytest keeps file order)."""
    assert STATS["bytes"] >= 200 and STATS["akn"] >= 60
    record("fuzz: byte inputs", f"{STATS['bytes']} ({STATS['decoded']} decoded and round-tripped, "
                                f"{STATS['refused']} refused with a 422), slowest {SLOWEST['bytes'] * 1000:.0f} ms")
    record("fuzz: AKN uploads", f"{STATS['akn']} ({STATS['akn_refused']} refused with a 4xx), "
                                f"slowest {SLOWEST['akn'] * 1000:.0f} ms")
