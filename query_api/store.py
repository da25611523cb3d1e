"""One interface over the knowledge-base store: embedded pyoxigraph or a remote SPARQL 1.1 server.

Why: every reader (question routes, the guarded public endpoint, its worker
processes) must see whole builds only, and must not care where the triples
live.  :class:`Store` is that interface:

* ``query(sparql, *, substitutions=None, default_graph=None, named_graphs=None)``
  returns pyoxigraph result objects in both backends: ``QuerySolutions`` for
  SELECT, ``QueryBoolean`` for ASK, an iterator of ``Triple`` for
  CONSTRUCT/DESCRIBE.  ``substitutions`` maps variable names (without ``?``) to
  pyoxigraph terms; they are never formatted into the query as raw text.
* ``generation()`` names the build being served.  Call it *before* ``query``
  and use it as a cache key: a new build gives a new value.
* ``close()`` releases handles / connections.

Embedded layout (written by the build, read here)::

    store_dir/gen-<UTC time>-<random>/        one immutable pyoxigraph store per build
    store_dir/current -> gen-...              symlink swapped atomically (os.replace)

Readers resolve ``current`` once per query and open that generation read-only,
so a swap is seen whole or not at all; the old directory must be kept until
readers are gone (``prune_generations`` keeps the newest few).  A ``store_dir``
that is itself a store (no ``current`` link) is served as a single fixed
generation.

Remote: queries go to ``remote_query_url`` with httpx; substitutions become a
``VALUES`` block built from round-trip-checked N-Triples terms and placed first
inside the WHERE group, so FILTERs and BINDs of that group see the values (a
trailing VALUES would be joined only after the FILTERs ran).  Blank nodes
cannot be sent, and ``CONSTRUCT WHERE``/``DESCRIBE`` without a group cannot
take substitutions remotely.  The generation is read from a marker
triple that :meth:`RemoteStore.set_generation` writes after a publish.
"""

from __future__ import annotations

import os
from functools import lru_cache
import re
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Iterator, Mapping, Protocol, Sequence, Union

import httpx
import pyoxigraph as ox

from query_api.settings import Settings

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
QueryResult = Union[ox.QuerySolutions, ox.QueryBoolean, Iterator[ox.Triple]]

CURRENT_LINK = "current"
GENERATION_PREFIX = "gen-"
# A FROM / FROM NAMED clause: the query names its own dataset, so no union default graph.
_DATASET = re.compile(r"(?i)\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:)")


@lru_cache(maxsize=512)
def names_dataset(sparql: str) -> bool:
    """Does the query have a FROM / FROM NAMED clause (comments and strings ignored)?"""
    return bool(_DATASET.search(_strip_comments(sparql)))


def _strip_comments(sparql: str) -> str:
    out: list[str] = []
    quote: str | None = None
    in_iri = False
    i = 0
    while i < len(sparql):
        ch = sparql[i]
        if quote:
            if ch == "\\":
                out.append(sparql[i : i + 2])
                i += 2
                continue
            if ch == quote:
                quote = None
            out.append(" ")
        elif in_iri:
            in_iri = ch != ">"
            out.append(ch)
        elif ch in "\"'":
            quote = ch
            out.append(" ")
        elif ch == "<" and re.match(r"<[^\s<>]*>", sparql[i:]):
            in_iri = True
            out.append(ch)
        elif ch == "#":
            end = sparql.find("\n", i)
            i = len(sparql) if end < 0 else end
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class StoreUnavailable(RuntimeError):
    """No store can be read (nothing built yet, remote server down)."""


class StoreQueryError(RuntimeError):
    """The store refused or failed a query (message is safe to show users)."""


class Store(Protocol):
    """What every store backend offers to readers."""

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; dataset IRIs override FROM / FROM NAMED."""
        ...

    def generation(self) -> str:
        """Identifier of the build being served; changes when a new build is swapped in."""
        ...

    def close(self) -> None:
        """Release resources; the object must not be used afterwards."""
        ...


# --------------------------------------------------------------------------- terms


def term_to_sparql(term: Term) -> str:
    """Serialize a term as SPARQL/N-Triples syntax, checked by parsing it back.

    pyoxigraph's ``str(term)`` is N-Triples for IRIs, literals and blank nodes;
    quoted triples are wrapped as ``<<( s p o )>>``.  The result is parsed again
    by pyoxigraph and compared, so a term that would not survive (and could thus
    change the query's meaning) raises ValueError instead of being sent.
    """
    text = _term_text(term)
    if isinstance(term, ox.BlankNode):
        return text  # blank nodes cannot appear in VALUES; callers decide
    check = ox.Store().query(f"SELECT ?x WHERE {{}} VALUES ?x {{ {text} }}")
    assert isinstance(check, ox.QuerySolutions)
    got = [row["x"] for row in check]
    if got != [term]:
        raise ValueError(f"term does not round-trip through SPARQL syntax: {term!r}")
    return text


def _term_text(term: Term) -> str:
    if isinstance(term, ox.Triple):
        return (f"<<( {_term_text(term.subject)} {_term_text(term.predicate)} "
                f"{_term_text(term.object)} )>>")
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return str(term)
    raise TypeError(f"not an RDF term: {term!r}")


def values_clause(substitutions: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` binding each variable once ("" for no substitutions)."""
    names = list(substitutions)
    for name in names:
        if not _VARNAME.match(name):
            raise ValueError(f"invalid variable name for substitution: {name!r}")
        if isinstance(substitutions[name], ox.BlankNode):
            raise ValueError("blank nodes cannot be substituted into a remote query")
    if not names:
        return ""
    head = " ".join("?" + n for n in names)
    row = " ".join(term_to_sparql(substitutions[n]) for n in names)
    return f"VALUES ({head}) {{ ({row}) }}"


#: Just enough SPARQL lexing to find braces and keywords outside strings, IRIs and comments.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s{}()<>"',;.]*)
  | (?P<word>[A-Za-z_][\w\-.]*(?::[^\s{}()<>"',;]*)?|:[^\s{}()<>"',;]*)
  | (?P<punct>[{}()])
  | (?P<other>\S)
    """,
    re.X | re.S,
)


def inject_values(sparql: str, clause: str) -> str:
    """Insert ``clause`` right after the opening brace of the query's WHERE group.

    The WHERE group is the first ``{`` outside parentheses after the query form
    keyword, skipping the CONSTRUCT template.  Raises ValueError when there is
    no such group (``DESCRIBE <x>``, ``CONSTRUCT WHERE`` short form).
    """
    if not clause:
        return sparql
    tokens = [m for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]
    form: str | None = None
    depth, skip_template, i = 0, False, 0
    while i < len(tokens):
        kind, text = tokens[i].lastgroup, tokens[i].group()
        if form is None:
            if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = text.upper()
                if form == "CONSTRUCT":
                    if i + 1 >= len(tokens) or tokens[i + 1].group() != "{":
                        raise ValueError("CONSTRUCT WHERE {…} cannot take remote substitutions")
                    skip_template = True
        elif kind == "punct":
            if text == "(":
                depth += 1
            elif text == ")":
                depth -= 1
            elif text == "{" and depth == 0:
                if skip_template:
                    i, skip_template = _skip_group(tokens, i), False
                    continue
                pos = tokens[i].end()
                return f"{sparql[:pos]} {clause} {sparql[pos:]}"
        i += 1
    raise ValueError("no WHERE group found to bind substitutions in")


def _skip_group(tokens: list[re.Match[str]], start: int) -> int:
    """Index just after the ``}`` that closes the ``{`` at ``start``."""
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].lastgroup == "punct" and tokens[j].group() in "{}":
            depth += 1 if tokens[j].group() == "{" else -1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced braces in query")


# ------------------------------------------------------------------ embedded store


def new_generation_dir(store_dir: str | os.PathLike[str]) -> Path:
    """A fresh ``gen-<UTC time to the microsecond>-<random>`` path; names sort by age."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z"
    return Path(store_dir) / f"{GENERATION_PREFIX}{stamp}-{secrets.token_hex(4)}"


def activate_generation(store_dir: str | os.PathLike[str], gen_dir: str | os.PathLike[str]) -> str:
    """Atomically point ``store_dir/current`` at ``gen_dir``; return the generation name.

    The store in ``gen_dir`` must be complete and closed (flushed) before this.
    """
    root, gen = Path(store_dir), Path(gen_dir)
    if gen.parent.resolve() != root.resolve() or not gen.is_dir():
        raise ValueError(f"{gen} is not a generation directory inside {root}")
    tmp = root / f".{CURRENT_LINK}.{secrets.token_hex(6)}"
    os.symlink(gen.name, tmp)  # relative target: the tree can be moved
    os.replace(tmp, root / CURRENT_LINK)
    _fsync_dir(root)
    return gen.name


def current_generation(store_dir: str | os.PathLike[str]) -> str | None:
    """Name of the generation ``current`` points at, or None when nothing is active."""
    try:
        return Path(os.readlink(Path(store_dir) / CURRENT_LINK)).name
    except (FileNotFoundError, NotADirectoryError):
        return None


def prune_generations(store_dir: str | os.PathLike[str], keep: int = 3) -> list[Path]:
    """Delete all but the newest ``keep`` generations (never the current one)."""
    root = Path(store_dir)
    active = current_generation(root)
    gens = sorted(p for p in root.glob(GENERATION_PREFIX + "*") if p.is_dir())
    removed = []
    for p in gens[: max(0, len(gens) - keep)]:
        if p.name != active:
            shutil.rmtree(p)
            removed.append(p)
    return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class EmbeddedStore:
    """Read-only pyoxigraph store that follows the ``current`` symlink.

    ``base_iri`` resolves relative IRIs in queries (the service-defined BASE).
    """

    def __init__(self, store_dir: str | os.PathLike[str], *, base_iri: str | None = None) -> None:
        self._root = Path(store_dir)
        self._base_iri = base_iri
        self._lock = threading.Lock()
        self._gen: str | None = None
        self._store: ox.Store | None = None

    def _resolve(self) -> tuple[str, Path]:
        link = self._root / CURRENT_LINK
        if link.is_symlink():
            target = Path(os.readlink(link))
            path = target if target.is_absolute() else self._root / target
            return path.name, path
        if (self._root / "CURRENT").is_file():  # the directory is itself a (RocksDB) store
            return "static:" + str(self._root.resolve()), self._root
        raise StoreUnavailable(f"no store at {self._root} (nothing built yet?)")

    def _snapshot(self) -> tuple[str, ox.Store]:
        """Open (or keep) the store of the generation ``current`` points at now."""
        gen, path = self._resolve()
        with self._lock:
            if self._store is None or gen != self._gen:
                try:
                    store = ox.Store.read_only(str(path))
                except OSError as exc:
                    raise StoreUnavailable(f"cannot open store generation {gen}: {exc}") from exc
                self._store, self._gen = store, gen
            assert self._gen is not None
            return self._gen, self._store

    def generation(self) -> str:
        return self._snapshot()[0]

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        _, store = self._snapshot()
        subs = None
        if substitutions:
            subs = {ox.Variable(k): v for k, v in substitutions.items()}
        dg: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None
        ng: list[ox.NamedNode | ox.BlankNode] | None = None
        if default_graph is not None:
            dg = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            ng = [ox.NamedNode(g) for g in named_graphs]
        try:
            # Without default-graph-uri the default graph is the union of all graphs
            # (one named graph per source; like Fuseki's unionDefaultGraph).
            result: QueryResult = store.query(sparql, base_iri=self._base_iri,
                                              substitutions=subs, default_graph=dg,
                                              named_graphs=ng,
                                              use_default_graph_as_union=dg is None and not names_dataset(sparql))
        except RuntimeError as exc:  # e.g. substitution of a non-projected variable
            raise StoreQueryError(str(exc)) from exc
        return result

    def close(self) -> None:
        with self._lock:
            self._store, self._gen = None, None


# -------------------------------------------------------------------- remote store

_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples, text/turtle;q=0.9")


class RemoteStore:
    """A SPARQL 1.1 server: query endpoint, optional update and Graph Store endpoints."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        base_iri: str = "https://cabildo.example/",
        timeout_s: float = 10.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self._marker_graph = base_iri + "meta/store"
        self._marker_subject = base_iri + "meta/store#this"
        self._marker_predicate = base_iri + "meta/store#generation"
        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout_s, connect=5.0))

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        text = inject_values(sparql, values_clause(substitutions)) if substitutions else sparql
        params: list[tuple[str, str | int | float | bool | None]] = [
            ("default-graph-uri", g) for g in default_graph or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        try:
            resp = self._client.post(
                self.query_url, params=params, content=text.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query; charset=utf-8",
                         "Accept": _ACCEPT})
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"remote store unreachable: {exc}") from exc
        if resp.status_code >= 500:
            raise StoreUnavailable(f"remote store error {resp.status_code}")
        if resp.status_code >= 400:
            raise StoreQueryError(f"remote store refused the query ({resp.status_code}): "
                                  f"{resp.text[:500]}")
        return _parse_remote(resp.headers.get("content-type", ""), resp.content)

    def generation(self) -> str:
        """The marker written by :meth:`set_generation`; a fresh value if there is none.

        A fresh value per call means "do not cache": without a marker we cannot
        know whether the remote data changed.
        """
        result = self.query(
            "SELECT ?g WHERE { GRAPH ?graph { ?s ?p ?g } }",
            substitutions={"graph": ox.NamedNode(self._marker_graph),
                           "s": ox.NamedNode(self._marker_subject),
                           "p": ox.NamedNode(self._marker_predicate)})
        assert isinstance(result, ox.QuerySolutions)
        values = sorted(str(row["g"].value) for row in result if isinstance(row["g"], ox.Literal))
        return values[0] if len(values) == 1 else "unversioned-" + secrets.token_hex(8)

    def set_generation(self, generation: str) -> None:
        """Record the generation marker (call after a publish has completed)."""
        triple = ox.Triple(ox.NamedNode(self._marker_subject),
                           ox.NamedNode(self._marker_predicate), ox.Literal(generation))
        data = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
        assert data is not None
        self.put_graph(self._marker_graph, data)

    def put_graph(self, graph: str | None, data: bytes,
                  content_type: str = "application/n-triples") -> None:
        """Replace one graph (None = default graph) through the Graph Store Protocol."""
        if not self.store_url:
            raise StoreUnavailable("no Graph Store Protocol URL configured")
        params = {"default": ""} if graph is None else {"graph": ox.NamedNode(graph).value}
        resp = self._client.put(self.store_url, params=params, content=data,
                                headers={"Content-Type": content_type})
        if resp.status_code >= 300:
            raise StoreQueryError(f"graph store PUT failed ({resp.status_code}): {resp.text[:300]}")

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update (build side only; the public endpoint never calls this)."""
        if not self.update_url:
            raise StoreUnavailable("no update URL configured")
        resp = self._client.post(self.update_url, content=sparql_update.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-update"})
        if resp.status_code >= 300:
            raise StoreQueryError(f"update failed ({resp.status_code}): {resp.text[:300]}")

    def close(self) -> None:
        self._client.close()


def _parse_remote(content_type: str, body: bytes) -> QueryResult:
    """Turn a remote response into the same pyoxigraph objects the embedded store returns."""
    media = content_type.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    if results_format is not None:
        try:
            return ox.parse_query_results(body, format=results_format)
        except SyntaxError as exc:
            raise StoreQueryError(f"remote store sent unreadable results: {exc}") from exc
    rdf_format = ox.RdfFormat.from_media_type(media) if media else None
    if rdf_format is None:
        raise StoreQueryError(f"remote store sent unsupported media type {media!r}")
    try:
        quads = list(ox.parse(body, format=rdf_format))
    except SyntaxError as exc:
        raise StoreQueryError(f"remote store sent unreadable RDF: {exc}") from exc
    return iter([ox.Triple(q.subject, q.predicate, q.object) for q in quads])


def open_store(settings: Settings) -> Store:
    """The store the settings describe: remote when ``remote_query_url`` is set."""
    if settings.remote_query_url:
        return RemoteStore(settings.remote_query_url, update_url=settings.remote_update_url,
                           store_url=settings.remote_store_url, base_iri=settings.base_iri,
                           timeout_s=settings.query_timeout_s + 5.0)
    return EmbeddedStore(settings.store_dir, base_iri=settings.base_iri)
