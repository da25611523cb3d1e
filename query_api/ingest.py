"""Authenticated ingestion: check an upload, keep it as a source, rebuild the store.

Why a separate module from the route: every check here is a pure function
of bytes (testable without HTTP), and the writer side (one build at a time,
crash-safe) must not depend on which web process received the upload.

Flow::

    prepare_upload(raw, kind)        size, type, strict decoding, XML refusals -> NFC text
    IngestManager.add(prepared)      <sources_dir>/<sha256[:24]>.txt + manifest.json (fsynced)
    worker thread                    holds <sources_dir>/.build.lock, runs
                                     ``python -m query_api.ingest`` (extract.build.build of
                                     every source) in a child process
    extract.build.publish            writes a new generation, swaps ``current`` atomically

Readers follow ``current`` per query, so they see the previous generation
until the swap and the new one after it; a build that dies (crash, SIGKILL,
timeout) leaves ``current`` where it was, and its half-written generation
directory is removed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from lxml import etree

from extract.text import DecodeError, decode
from query_api.settings import Settings, env_name
from query_api.store import GENERATION_PREFIX, current_generation

log = logging.getLogger(__name__)

STATUSES = ("queued", "building", "ready", "failed")
MIN_TOKEN_CHARS = 16
MANIFEST = "manifest.json"
BUILD_LOCK = ".build.lock"
MANIFEST_LOCK = ".manifest.lock"

#: Declared media types and how each is read.  Anything else is 415.
TEXT_TYPES = frozenset({"text/plain"})
XML_TYPES = frozenset({"application/akn+xml", "application/xml"})
MULTIPART = "multipart/form-data"
ACCEPTED = ("text/plain; charset=utf-8", "application/akn+xml", "application/xml",
            "multipart/form-data (field 'file': one .txt or .xml)")
#: File name endings that say what an untyped (octet-stream) multipart file is.
SUFFIX_KIND = {".txt": "text", ".xml": "xml", ".akn": "xml"}

#: Markup declarations only a DTD can hold.  Refused before lxml sees the bytes:
#: with no DTD there is no entity to expand (billion laughs) and no external
#: entity to fetch (XXE).  Legal XML (AKN) needs none.  Also matches inside
#: comments or CDATA: a false refusal is preferred over a parser decision.
DTD_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: AKN names a subdivision by its element and puts only the number in <num>
#: (``<article><num>1º:</num>``, as extract.akn writes it).  The text parser
#: needs the keyword back, so it is added from this table, and only when <num>
#: does not already start with a word (Indigo-style ``<num>Artículo 1</num>``).
#: Examples: article/"1º:" -> "Artículo 1º:"; chapter/"I" -> "Capítulo I".
#: Counterexamples: point/"a)" stays "a)"; article/"Artículo 3" stays as is.
AKN_KEYWORDS = {
    "book": "Libro", "part": "Parte", "title": "Título", "chapter": "Capítulo",
    "section": "Sección", "subsection": "Subsección", "article": "Artículo",
    "paragraph": "Parágrafo",
}
#: Subdivisions that carry <num>/<heading> but no keyword (numerales, literales).
AKN_UNNAMED = frozenset({"point", "item", "list", "indent", "subparagraph", "clause", "subclause", "hcontainer"})
_AKN_ABOVE_ARTICLE = frozenset({"book", "part", "title", "chapter", "section", "subsection"})
_AKN_SKIP = frozenset({"meta", "attachments", "components"})
_AKN_BLOCKS = frozenset({"p", "docTitle", "heading", "subheading", "num", "signature", "tr"})
_STARTS_WITH_WORD = re.compile(r"^[^\W\d_]{2,}", re.UNICODE)


class IngestError(Exception):
    """A refused upload: HTTP status, a stable machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


# ------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Prepared:
    """An accepted upload: the text to store (NFC, ``\\n``) and what was noticed."""

    text: str
    raw_sha256: str
    raw_size: int
    media_type: str
    warnings: tuple[str, ...]


def media_kind(content_type: str | None) -> str:
    """'text', 'xml' or 'multipart' for a declared Content-Type, else IngestError 415."""
    media, params = parse_media_type(content_type or "")
    charset = params.get("charset", "utf-8").lower()
    if media in TEXT_TYPES | XML_TYPES and charset not in ("utf-8", "utf8"):
        raise IngestError(415, "charset_refused",
                          f"solo se acepta UTF-8 (charset={charset} refused); convierta el archivo a UTF-8")
    if media in TEXT_TYPES:
        return "text"
    if media in XML_TYPES:
        return "xml"
    if media == MULTIPART and params.get("boundary"):
        return "multipart"
    shown = media or "(ninguno)"
    raise IngestError(415, "media_type_refused",
                      f"tipo de contenido no aceptado: {shown}; se aceptan: {', '.join(ACCEPTED)}")


def parse_media_type(header: str) -> tuple[str, dict[str, str]]:
    """``("text/plain", {"charset": "utf-8"})`` from a Content-Type header value."""
    parts = [p.strip() for p in header.split(";")]
    params: dict[str, str] = {}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), params


def prepare_upload(raw: bytes, kind: str, *, max_bytes: int) -> Prepared:
    """Check and decode one upload (``kind`` from :func:`media_kind`); raise IngestError."""
    if len(raw) > max_bytes:
        raise IngestError(413, "too_large", f"el archivo tiene {len(raw):,} bytes; el límite es {max_bytes:,} "
                                            f"({env_name('ingest_max_bytes')})")
    if kind == "xml":
        text, warnings = akn_to_text(raw, max_bytes=max_bytes)
        media = "application/akn+xml"
    else:
        text, warnings = decode_strict(raw, max_bytes=max_bytes)
        media = "text/plain"
    return Prepared(text=text, raw_sha256=hashlib.sha256(raw).hexdigest(), raw_size=len(raw),
                    media_type=media, warnings=tuple(warnings))


def decode_strict(raw: bytes, *, max_bytes: int) -> tuple[str, list[str]]:
    """extract.text.decode, with its DecodeError turned into a 422 that quotes it."""
    try:
        decoded = decode(raw, max_bytes=max_bytes)
    except DecodeError as exc:
        raise IngestError(422, "undecodable", str(exc)) from exc
    except UnicodeDecodeError as exc:  # a truncated UTF-16/32 body after its BOM
        raise IngestError(422, "undecodable", f"texto con BOM pero mal codificado: {exc}") from exc
    if not decoded.text.strip():  # e.g. a byte-order mark and nothing else
        raise IngestError(422, "undecodable", "el archivo está vacío (empty input)")
    return decoded.text, list(decoded.warnings)


def refuse_dtd(text: str) -> None:
    """IngestError 422 when the document declares a DTD, entities or other markup declarations."""
    m = DTD_DECLARATION.search(text)
    if m:
        raise IngestError(422, "dtd_refused",
                          f"el XML contiene una declaración {m.group(0)!r} en la posición {m.start()}: "
                          "no se aceptan DOCTYPE/ENTITY (entity expansion and external entities refused)")


def safe_parser() -> etree.XMLParser:
    """The only parser uploads see: no entities, no network, no DTD, default size/depth caps."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, recover=False, remove_pis=True, remove_comments=True)


def akn_to_text(raw: bytes, *, max_bytes: int) -> tuple[str, list[str]]:
    """The text of an Akoma Ntoso document, one line per block, ready for the text parser."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise IngestError(422, "xml_not_utf8", "el XML debe estar en UTF-8 (UTF-16/32 XML refused)")
    declared = _XML_ENCODING.match(raw[:512].lstrip(b"\xef\xbb\xbf"))
    if declared and declared.group(1).decode("ascii").lower() not in ("utf-8", "utf8"):
        raise IngestError(422, "xml_not_utf8",
                          f"el XML declara encoding={declared.group(1).decode('ascii')}; solo se acepta UTF-8")
    text, _ = decode_strict(raw, max_bytes=max_bytes)
    refuse_dtd(text)  # before any XML parser sees the bytes
    try:
        root = etree.fromstring(raw, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise IngestError(422, "xml_invalid", f"XML mal formado: {exc}") from exc
    if etree.QName(root).localname != "akomaNtoso":
        raise IngestError(422, "not_akn", f"el elemento raíz es <{etree.QName(root).localname}>, "
                                          "se esperaba <akomaNtoso> (Akoma Ntoso 3.0)")
    lines: list[str] = []
    added = _akn_lines(root, lines)
    body = "\n".join(line for line in lines if line)
    if not body.strip():
        raise IngestError(422, "akn_empty", "el documento AKN no contiene texto fuera de <meta>")
    out, warnings = decode_strict(body.encode("utf-8"), max_bytes=max_bytes)
    if added:
        warnings.append(f"AKN: {added} encabezados con la palabra clave tomada del nombre del elemento "
                        "(p. ej. <article> -> «Artículo»)")
    return out, warnings


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _inline(el: etree._Element, notes: list[str]) -> str:
    """Text of an element with inline markup flattened; notes are set aside as their own lines."""
    out = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            out.append(child.tail or "")
            continue
        if _local(child) == "authorialNote":
            notes.append(" ".join(_inline(child, notes).split()))
        else:
            out.append(_inline(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _akn_lines(children: Iterable[etree._Element], lines: list[str]) -> int:
    """Append the lines of ``children``; return how many keywords were taken from element names."""
    added = 0
    for child in children:
        name = _local(child)
        if not name or name in _AKN_SKIP:
            continue
        if name in AKN_KEYWORDS or name in AKN_UNNAMED:
            added += _akn_division(child, name, lines)
        elif len(child) and name not in _AKN_BLOCKS:
            if (child.text or "").strip():
                lines.append(" ".join((child.text or "").split()))
            added += _akn_lines(child, lines)
        else:
            notes: list[str] = []
            cells = [" ".join(_inline(c, notes).split()) for c in child] if name == "tr" else []
            lines.append(" | ".join(cells) if cells else " ".join(_inline(child, notes).split()))
            lines.extend(notes)
        if (child.tail or "").strip():
            lines.append(" ".join((child.tail or "").split()))
    return added


def _akn_division(el: etree._Element, name: str, lines: list[str]) -> int:
    """Lines of one subdivision: keyword and <num>, <heading>, then its content."""
    notes: list[str] = []
    num = heading = ""
    rest = []
    for child in el:
        part = _local(child)
        if part == "num" and not num:
            num = " ".join(_inline(child, notes).split())
        elif part == "heading" and not heading:
            heading = " ".join(_inline(child, notes).split())
        else:
            rest.append(child)
    keyword = AKN_KEYWORDS.get(name, "")
    added = 0
    if keyword and num and not _STARTS_WITH_WORD.match(num):
        num, added = f"{keyword} {num}", 1
    sub: list[str] = []
    added += _akn_lines(rest, sub)
    if name in _AKN_ABOVE_ARTICLE or heading:
        lines.extend(x for x in (num, heading) if x)
        lines.extend(sub)
    elif sub and num:
        lines.append(f"{num} {sub[0]}")
        lines.extend(sub[1:])
    else:
        lines.extend([num] if num else [])
        lines.extend(sub)
    lines.extend(notes)
    return added


def source_key(text: str) -> tuple[str, str]:
    """(id, sha256) of a stored text: the hash of its NFC UTF-8 bytes, so NFD and NFC uploads agree."""
    sha = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return sha[:24], sha


# ----------------------------------------------------------------- manifest


@dataclass
class SourceRecord:
    """One uploaded source as listed by ``GET /api/sources``."""

    id: str
    sha256: str
    raw_sha256: str
    size: int
    media_type: str
    filename: str | None
    meta: dict[str, str]
    status: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    added: str = ""
    generation: str | None = None


@dataclass
class BuildRecord:
    """The last rebuild: what is served now and what went wrong, if anything."""

    state: str = "idle"  # idle | building | failed
    generation: str | None = None
    triples: int | None = None
    seconds: float | None = None
    finished: str | None = None
    error: str | None = None
    builds: int = 0
    failures: int = 0


@dataclass
class Manifest:
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    build: BuildRecord = field(default_factory=BuildRecord)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(sources={k: SourceRecord(**v) for k, v in data.get("sources", {}).items()},
                   build=BuildRecord(**data.get("build", {})))

    def save(self, path: Path) -> None:
        data = {"version": 1, "sources": {k: asdict(v) for k, v in self.sources.items()},
                "build": asdict(self.build)}
        atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a synced temporary file and ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``path``: one holder across threads and processes."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def sources_dir_of(settings: Settings) -> Path:
    """``settings.sources_dir`` or ``<store_dir>/../sources``."""
    if settings.sources_dir:
        return Path(settings.sources_dir)
    return Path(settings.store_dir).absolute().parent / "sources"


# -------------------------------------------------------------------- build


@dataclass(frozen=True)
class BuildOutcome:
    """What one build child reported (or why it did not)."""

    ok: bool
    generation: str | None = None
    triples: int = 0
    seconds: float = 0.0
    refused: tuple[str, ...] = ()
    error: str | None = None
    returncode: int | None = None


def run_build(paths: list[Path], *, store_dir: Path, base: str, max_bytes: int, timeout_s: float,
              on_start: Callable[[subprocess.Popen[str]], None] | None = None,
              on_phase: Callable[[str], None] | None = None) -> BuildOutcome:
    """Run extract.build.build in a child process; kill it (and its group) after ``timeout_s``.

    A child process, not a thread: it can be killed at any point without
    harming the server, and the NLP models' memory goes away with it.
    """
    store_dir = store_dir.absolute()
    before = _generation_dirs(store_dir)
    cmd = [sys.executable, "-m", "query_api.ingest", "--store-dir", str(store_dir), "--base", base,
           "--max-bytes", str(max_bytes), "--", *(str(p.absolute()) for p in paths)]
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors, subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8",
            start_new_session=True) as proc:
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            kill_group(proc)

        timer = threading.Timer(timeout_s, kill)
        timer.daemon = True
        timer.start()
        if on_start:
            on_start(proc)
        result: dict[str, Any] | None = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("PHASE ") and on_phase:
                    on_phase(line[6:].strip())
                elif line.startswith("RESULT "):
                    result = json.loads(line[7:])
            code = proc.wait()
        finally:
            timer.cancel()
        errors.seek(0)
        tail = errors.read()[-2000:].decode("utf-8", "replace").strip()
    if code == 0 and result is not None:
        return BuildOutcome(ok=True, generation=result["generation"], triples=int(result["triples"]),
                            seconds=time.monotonic() - started, refused=tuple(result["refused"]), returncode=0)
    _remove_new_generations(store_dir, before)
    if timed_out.is_set():
        why = f"la reconstrucción superó {timeout_s:g} s ({env_name('ingest_build_timeout_s')}) y se detuvo"
    elif code < 0:
        why = f"el proceso de reconstrucción terminó por la señal {signal.Signals(-code).name}"
    else:
        why = f"la reconstrucción falló (código {code}): {tail.splitlines()[-1] if tail else 'sin mensaje'}"
    return BuildOutcome(ok=False, error=why + "; se sigue sirviendo la generación anterior",
                        seconds=time.monotonic() - started, returncode=code)


def kill_group(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the build child and anything it started (it leads its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _generation_dirs(store_dir: Path) -> set[str]:
    return {p.name for p in store_dir.glob(GENERATION_PREFIX + "*")} if store_dir.is_dir() else set()


def _remove_new_generations(store_dir: Path, before: set[str]) -> None:
    """Delete generation directories a failed child created (never the current one)."""
    active = current_generation(store_dir)
    for name in _generation_dirs(store_dir) - before:
        if name != active:
            shutil.rmtree(store_dir / name, ignore_errors=True)
    for tmp in store_dir.glob(".current.*") if store_dir.is_dir() else []:
        tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Child entry point: build every given source into a new generation, print RESULT as JSON."""
    ap = argparse.ArgumentParser(prog="python -m query_api.ingest")
    ap.add_argument("--store-dir", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--max-bytes", type=int, required=True)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args(argv)
    from extract.build import build

    def phase(done: int, total: int, label: str) -> None:
        print(f"PHASE {done}/{total} {label}", flush=True)

    summary = build([Path(p) for p in args.paths], store_dir=Path(args.store_dir), base=args.base,
                    max_bytes=args.max_bytes, progress=phase)
    print("RESULT " + json.dumps({"generation": summary.generation, "triples": summary.triples,
                                  "refused": summary.refused}), flush=True)
    return 0


# ------------------------------------------------------------------ manager


class IngestManager:
    """Owns the sources directory and runs one rebuild at a time in the background.

    Any number of uploads may arrive while a build runs; they are queued and
    the next build includes all of them.  Across processes, ``.build.lock``
    keeps a single writer and ``.manifest.lock`` serialises manifest edits.
    """

    def __init__(self, settings: Settings) -> None:
        if settings.ingest_max_bytes <= 0 or settings.ingest_build_timeout_s <= 0:
            raise ValueError(f"{env_name('ingest_max_bytes')} and {env_name('ingest_build_timeout_s')} "
                             "must be positive")
        self.settings = settings
        self.store_dir = Path(settings.store_dir).absolute()
        self.sources_dir = sources_dir_of(settings).absolute()
        self.sources_dir.mkdir(parents=True, exist_ok=True)
        self.base_dir = Path(settings.ingest_base_dir).absolute() if settings.ingest_base_dir else None
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._pending = False
        self._running = False
        self._stop = False
        self._proc: subprocess.Popen[str] | None = None
        self.phase: str | None = None
        self._thread = threading.Thread(target=self._worker, name="cabildo-ingest", daemon=True)
        self._thread.start()
        with self._manifest() as m:  # recover from a server that died mid-build
            stale = [r for r in m.sources.values() if r.status in ("queued", "building")]
            for r in stale:
                r.status = "queued"
            if m.build.state == "building":
                m.build.state = "idle"
        if stale:
            self.schedule()

    # -- manifest

    @contextmanager
    def _manifest(self, write: bool = True) -> Iterator[Manifest]:
        with self._lock, file_lock(self.sources_dir / MANIFEST_LOCK):
            manifest = Manifest.load(self.sources_dir / MANIFEST)
            yield manifest
            if write:
                manifest.save(self.sources_dir / MANIFEST)

    def text_path(self, source_id: str) -> Path:
        return self.sources_dir / f"{source_id}.txt"

    def _meta_path(self, source_id: str) -> Path:
        return self.sources_dir / f"{source_id}.meta.json"

    # -- writer API

    def add(self, prepared: Prepared, *, filename: str | None = None,
            meta: dict[str, str] | None = None) -> tuple[SourceRecord, bool]:
        """Store a prepared upload; (record, True) when a rebuild was queued, False when unchanged."""
        meta = {k: v for k, v in (meta or {}).items() if v}
        sid, sha = source_key(prepared.text)
        data = prepared.text.encode("utf-8")
        with self._manifest() as m:
            old = m.sources.get(sid)
            if old is not None and old.meta == meta and old.status in ("queued", "building", "ready"):
                return old, False
            path = self.text_path(sid)
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                atomic_write(path, data)
            if meta:
                atomic_write(self._meta_path(sid), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
            else:
                self._meta_path(sid).unlink(missing_ok=True)
            record = SourceRecord(id=sid, sha256=sha, raw_sha256=prepared.raw_sha256, size=len(data),
                                  media_type=prepared.media_type, filename=filename, meta=meta, status="queued",
                                  warnings=list(prepared.warnings), added=_now())
            m.sources[sid] = record
        self.schedule()
        return record, True

    def remove(self, source_id: str) -> SourceRecord | None:
        """Forget one source and queue a rebuild without it; None when unknown."""
        with self._manifest() as m:
            record = m.sources.pop(source_id, None)
            if record is None:
                return None
            self.text_path(source_id).unlink(missing_ok=True)
            self._meta_path(source_id).unlink(missing_ok=True)
        self.schedule()
        return record

    def snapshot(self) -> tuple[list[SourceRecord], BuildRecord, str | None]:
        """(sources in upload order, last build, generation served now)."""
        with self._manifest(write=False) as m:
            records = sorted(m.sources.values(), key=lambda r: (r.added, r.id))
            build = m.build
        return records, build, current_generation(self.store_dir)

    def get(self, source_id: str) -> SourceRecord | None:
        with self._manifest(write=False) as m:
            return m.sources.get(source_id)

    @property
    def build_pid(self) -> int | None:
        """Process id of the running build child (tests kill it on purpose)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    # -- background builds

    def schedule(self) -> None:
        with self._cond:
            self._pending = True
            self._cond.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no build is running or pending; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending or self._running:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self) -> None:
        """Stop the worker; a running build child is killed (its generation is never activated)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        proc = self._proc
        if proc is not None:
            kill_group(proc)
        self._thread.join(30)

    def _worker(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                self._pending, self._running = False, True
            try:
                self._build_once()
            except Exception:  # the worker must outlive any one build
                log.exception("ingestion build failed unexpectedly")
            finally:
                with self._cond:
                    self._running = False
                    self._proc = None
                    self.phase = None
                    self._cond.notify_all()

    def _build_once(self) -> None:
        with file_lock(self.sources_dir / BUILD_LOCK):
            with self._manifest() as m:
                for r in m.sources.values():
                    if r.status == "queued":
                        r.status, r.error = "building", None
                building = {r.id for r in m.sources.values() if r.status == "building"}
                included = [r.id for r in m.sources.values() if r.status in ("ready", "building")]
                m.build.state, m.build.error = "building", None
            if self._stop:
                return
            paths = [self.text_path(sid) for sid in included] + ([self.base_dir] if self.base_dir else [])
            try:
                outcome = run_build(paths, store_dir=self.store_dir, base=self.settings.base_iri,
                                    max_bytes=self.settings.ingest_max_bytes,
                                    timeout_s=self.settings.ingest_build_timeout_s,
                                    on_start=self._started, on_phase=self._set_phase)
            except Exception as exc:  # e.g. the child could not be started: say so, keep serving
                log.exception("could not run the ingestion build")
                outcome = BuildOutcome(ok=False, error=f"no se pudo ejecutar la reconstrucción: {exc}")
            self._record(outcome, building)

    def _started(self, proc: subprocess.Popen[str]) -> None:
        self._proc = proc
        if self._stop:
            kill_group(proc)

    def _set_phase(self, phase: str) -> None:
        self.phase = phase

    def _record(self, outcome: BuildOutcome, building: set[str]) -> None:
        with self._manifest() as m:
            refused = {Path(r.split(":", 1)[0]).stem: r.split(":", 1)[-1].strip() for r in outcome.refused}
            for r in m.sources.values():
                if outcome.ok and r.id in refused:
                    r.status, r.error = "failed", refused[r.id]
                elif r.status != "building" or r.id not in building:
                    continue
                elif outcome.ok:
                    r.status, r.error, r.generation = "ready", None, outcome.generation
                else:
                    r.status, r.error = "failed", outcome.error
            b = m.build
            b.builds += 1
            b.finished, b.seconds = _now(), round(outcome.seconds, 3)
            if outcome.ok:
                b.state, b.error, b.generation, b.triples = "idle", None, outcome.generation, outcome.triples
            else:
                b.state, b.error, b.failures = "failed", outcome.error, b.failures + 1


if __name__ == "__main__":
    sys.exit(main())
