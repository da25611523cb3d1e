"""Question benchmark: latency of the article and who-is-responsible endpoints at 1× and N×,
and article throughput of the API vs an Oxigraph server sent the SPARQL the endpoint runs.

Real servers on 127.0.0.1 in child processes: ``uvicorn`` (httptools, uvloop,
two workers) serving ``query_api.app:create_app``, and ``oxigraph
serve-read-only`` on the very store generation the API reads.  Latency:
sequential httpx requests, the 1× and N× servers asked in turn.  Throughput:
``wrk`` bounded in time, API and Oxigraph runs alternating; when ``wrk`` is
not installed the throughput figure is skipped with a message.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import httpx
import pyoxigraph as ox

from extract.lines import normalise_number
from bench.common import BASE_IRI, PYTHON, ROOT, free_port, log, median, percentile, wait_for_port
from query_api.queries import load
from query_api.store import inject_values, values_clause

ARTICLES_SPARQL = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX st:  <https://w3id.org/cabildo/concept/subdivision-type/>
SELECT DISTINCT ?work ?n WHERE {
  ?article eli:is_part_of ?work ; eli:type_subdivision st:articulo .
  ?version eli:realizes ?article ; eli:number ?n .
}"""
#: How a question is asked: "¿Quién <verb phrase>?" from a duty's own action and object.
QUESTION_FORM = "¿Quién debe {action} {object}?"


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def generation_dir(store_dir: Path) -> Path:
    """The generation directory ``current`` points at."""
    link = store_dir / "current"
    return (store_dir / os.readlink(link)).resolve()


def sample_articles(store_dir: Path, n: int, seed: int = 11) -> list[tuple[str, str]]:
    """``n`` (work id, article number) pairs the store knows, chosen at random (seeded)."""
    store = ox.Store.read_only(str(generation_dir(store_dir)))
    rows = store.query(ARTICLES_SPARQL, use_default_graph_as_union=True)
    prefix = BASE_IRI + "akn/"
    pairs = sorted({(r["work"].value[len(prefix):], r["n"].value) for r in rows  # type: ignore[union-attr]
                    if r["work"].value.startswith(prefix)})
    del store
    random.Random(seed).shuffle(pairs)
    return pairs[:n]


def sample_questions(store_dir: Path, n: int, seed: int = 13) -> list[str]:
    """``n`` questions made of the action and object of duties in the store (seeded choice)."""
    store = ox.Store.read_only(str(generation_dir(store_dir)))
    rows = store.query(load("duties"), use_default_graph_as_union=True)
    found = set()
    for r in rows:  # type: ignore[union-attr]
        action, obj = r["action"], r["object"]
        if action is None or obj is None:
            continue
        words = obj.value.split()[:6]
        found.add(QUESTION_FORM.format(action=action.value, object=" ".join(words)))
    del store
    questions = sorted(found)
    random.Random(seed).shuffle(questions)
    return questions[:n]


def article_path(work: str, number: str) -> str:
    return f"/api/works/{urllib.parse.quote(work)}/articles/{urllib.parse.quote(number, safe='')}"


def reference_queries(store_dir: Path, pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Per article, the SPARQL the article endpoint runs, as a client of a SPARQL server would send it.

    The endpoint asks ``article_versions`` (work and number bound) and then
    ``version_detail`` for every version of the articles found (parts whose eId
    is ``art_*``, as the route keeps them).  A server takes no substitutions,
    so values go in a ``VALUES`` block (Oxigraph plans both queries as well that way).
    Without ``version_detail.rq`` the first query is the whole answer.
    """
    store = ox.Store.read_only(str(generation_dir(store_dir)))
    try:
        detail = load("version_detail")
    except FileNotFoundError:
        detail = None
    out = []
    for work, number in pairs:
        subs: dict[str, ox.NamedNode | ox.Literal] = {"work": ox.NamedNode(BASE_IRI + "akn/" + work),
                                                      "n": ox.Literal(number)}
        first = inject_values(load("article_versions"), values_clause(subs))
        queries = [first]
        if detail is not None:
            rows = store.query(first, use_default_graph_as_union=True)
            versions = sorted({r["version"].value for r in rows  # type: ignore[union-attr]
                               if "/!main~art_" in r["article"].value and "__" not in r["article"].value})
            queries += [inject_values(detail, values_clause({"version": ox.NamedNode(v)})) for v in versions]
        out.append(queries)
    del store
    return out


def start_api(store_dir: Path, *, workers: int = 2) -> Server:
    port = free_port()
    env = dict(os.environ, CABILDO_STORE_DIR=str(store_dir), CABILDO_BASE_IRI=BASE_IRI)
    cmd = [PYTHON, "-m", "uvicorn", "query_api.app:create_app", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--http", "httptools", "--loop", "uvloop",
           "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    server = Server(f"api:{store_dir.name}", port, proc)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            if httpx.get(server.url + "/health", timeout=2).json().get("status") == "ok":
                return server
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError("uvicorn did not become healthy in 90 s")


def start_oxigraph(store_dir: Path) -> Server:
    exe = Path(PYTHON).with_name("oxigraph")
    binary = str(exe) if exe.exists() else shutil.which("oxigraph")
    if binary is None:
        raise RuntimeError("the oxigraph CLI is not installed (pip install oxigraph)")
    port = free_port()
    cmd = [binary, "serve-read-only", "--location", str(generation_dir(store_dir)), "--bind",
           f"127.0.0.1:{port}", "--union-default-graph"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    if not wait_for_port(port, 60):
        stop(Server("oxigraph", port, proc))
        raise RuntimeError("oxigraph server did not start")
    return Server("oxigraph", port, proc)


def stop(server: Server) -> None:
    """Stop the server we started (its own process group only)."""
    if server.proc.poll() is None:
        os.killpg(server.proc.pid, signal.SIGTERM)
        try:
            server.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait()


@contextmanager
def running(*servers: Server) -> Iterator[None]:
    try:
        yield
    finally:
        for s in servers:
            stop(s)


def timed_get(client: httpx.Client, url: str, **kwargs: Any) -> tuple[float, int]:
    started = time.perf_counter()
    resp = client.get(url, **kwargs)
    _ = resp.content
    return (time.perf_counter() - started) * 1000, resp.status_code


def latency(servers: dict[str, Server], articles: dict[str, list[tuple[str, str]]], questions: list[str],
            n: int, budget_s: float, min_samples: int = 20) -> tuple[dict[str, Any], dict[str, list[tuple[str, str]]]]:
    """p50/p95 in ms per endpoint and scale, over answered (200) requests.

    The scales are asked in turn, request by request.  A series stops at ``n``
    requests, or once it has ``min_samples`` and has spent ``budget_s`` seconds
    (slow endpoints would otherwise eat the whole run).  Also returns, per
    scale, the sampled articles the API did answer (wrk cycles through those).
    """
    out: dict[str, Any] = {}
    samples: dict[str, list[float]] = {}
    spent: dict[str, float] = {}
    errors: dict[str, int] = {}
    answered: dict[str, list[tuple[str, str]]] = {tag: [] for tag in servers}
    clients = {tag: httpx.Client(base_url=s.url, timeout=120) for tag, s in servers.items()}

    def more(key: str) -> bool:
        count = len(samples.get(key, [])) + errors.get(key, 0)
        return count < n and (count < min_samples or spent.get(key, 0.0) < budget_s * 1000)

    def ask(key: str, client: httpx.Client, url: str, **kwargs: Any) -> bool:
        ms, status = timed_get(client, url, **kwargs)
        spent[key] = spent.get(key, 0.0) + ms
        if status == 200:
            samples.setdefault(key, []).append(ms)
        else:
            errors[key] = errors.get(key, 0) + 1
        return status == 200

    try:
        for tag, client in clients.items():  # the first question builds the duty index of that worker
            ms, status = timed_get(client, "/api/responsible", params={"q": questions[0]})
            out[f"responsible_cold_ms_{tag}"] = ms
            for k in range(3):
                timed_get(client, "/api/responsible", params={"q": questions[k % len(questions)]})
            timed_get(client, article_path(*articles[tag][-1]))
        i = 0
        while any(more(f"{e}_{tag}") for e in ("article", "responsible") for tag in clients):
            for tag, client in clients.items():
                key = f"article_{tag}"
                if more(key):
                    a = articles[tag][i % len(articles[tag])]
                    if ask(key, client, article_path(*a)):
                        answered[tag].append(a)
                key = f"responsible_{tag}"
                if more(key):
                    ask(key, client, "/api/responsible", params={"q": questions[i % len(questions)]})
            i += 1
    finally:
        for c in clients.values():
            c.close()
    for tag in clients:
        for endpoint in ("article", "responsible"):
            values = samples.get(f"{endpoint}_{tag}", [])
            out[f"{endpoint}_p50_ms_{tag}"] = percentile(values, 50)
            out[f"{endpoint}_p95_ms_{tag}"] = percentile(values, 95)
            out[f"{endpoint}_samples_{tag}"] = len(values)
            out[f"{endpoint}_errors_{tag}"] = errors.get(f"{endpoint}_{tag}", 0)
    return out, answered


def drain(server: Server, timeout: float = 90.0) -> float:
    """Wait until the server has worked off requests a finished wrk left queued; seconds waited."""
    started = time.perf_counter()
    try:
        with httpx.Client(timeout=timeout) as c:
            for _ in range(4):  # reach both workers (new connections)
                c.get(server.url + "/health", headers={"Connection": "close"})
    except httpx.HTTPError:
        pass
    return time.perf_counter() - started


def wrk_script(path: Path, urls: list[str], accept: str) -> Path:
    """A wrk Lua script cycling through ``urls`` (already percent-encoded); each thread starts elsewhere."""
    body = ",\n".join(f'  "{u}"' for u in urls)
    path.write_text(
        f"local paths = {{\n{body}\n}}\n"
        "local threads = 0\n"
        "function setup(thread)\n  thread:set(\"offset\", threads * math.floor(#paths / 2))\n"
        "  threads = threads + 1\nend\n"
        "local counter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        "  local i = ((counter + (offset or 0)) % #paths) + 1\n"
        f"  return wrk.format(\"GET\", paths[i], {{[\"Accept\"] = \"{accept}\"}})\nend\n",
        encoding="utf-8")
    return path


_RPS = re.compile(r"Requests/sec:\s*([\d.]+)")
_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s*(\d+)")
_TOTAL = re.compile(r"(\d+) requests in")


def run_wrk(url: str, script: Path, seconds: int, connections: int = 32, threads: int = 2) -> dict[str, float]:
    proc = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                           "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60)
    text = proc.stdout
    rps = _RPS.search(text)
    if proc.returncode != 0 or rps is None:
        raise RuntimeError(f"wrk failed: {proc.stderr or text}")
    bad = _NON2XX.search(text)
    total = _TOTAL.search(text)
    return {"rps": float(rps.group(1)), "non2xx": float(bad.group(1)) if bad else 0.0,
            "requests": float(total.group(1)) if total else 0.0}


def throughput(api: Server, oxi: Server, store_dir: Path, pairs: list[tuple[str, str]], work: Path, *,
               seconds: int, reps: int, warm: bool = True) -> dict[str, Any]:
    """Article answers per second: the API vs Oxigraph's SPARQL endpoint sent the same queries, alternating.

    Oxigraph's answers/s = its requests/s × articles ÷ queries (one answer costs
    the endpoint several queries).
    """
    api_urls = [article_path(w, n) for w, n in pairs]
    per_answer = reference_queries(store_dir, pairs)
    oxi_urls = ["/query?query=" + urllib.parse.quote(q, safe="") for qs in per_answer for q in qs]
    queries_per_answer = len(oxi_urls) / len(pairs)
    with httpx.Client(timeout=120) as c:  # the server answers the first article
        o = c.get(oxi.url + oxi_urls[0], headers={"Accept": "application/sparql-results+json"})
        if o.status_code != 200 or not o.json()["results"]["bindings"]:
            raise RuntimeError(f"oxigraph does not answer {pairs[0]}: {o.status_code} {o.text[:300]}")
    api_script = wrk_script(work / "wrk-api.lua", api_urls, "application/json")
    oxi_script = wrk_script(work / "wrk-oxigraph.lua", oxi_urls, "application/sparql-results+json")
    if warm:
        run_wrk(oxi.url, oxi_script, 2)  # warm; the API is warm from the latency runs
    runs: dict[str, list[dict[str, float]]] = {"api": [], "oxigraph": []}
    drained: list[float] = []
    for r in range(reps):
        order = (("api", api, api_script), ("oxigraph", oxi, oxi_script))
        for name, server, script in (order if r % 2 == 0 else order[::-1]):
            runs[name].append(run_wrk(server.url, script, seconds))
            if name == "api":
                drained.append(drain(server))
            log(f"wrk {name} #{r + 1}: {runs[name][-1]['rps']:.1f} req/s")
    api_rps = median([x["rps"] for x in runs["api"]])
    oxi_rps = median([x["rps"] for x in runs["oxigraph"]])
    oxi_answers = oxi_rps / queries_per_answer
    return {"api_vs_oxigraph_ratio": api_rps / oxi_answers, "api_article_rps": api_rps,
            "oxigraph_article_rps": oxi_answers, "oxigraph_query_rps": oxi_rps,
            "sparql_queries_per_answer": queries_per_answer,
            "api_non2xx": sum(x["non2xx"] for x in runs["api"]),
            "oxigraph_non2xx": sum(x["non2xx"] for x in runs["oxigraph"]),
            "api_rps_samples": [x["rps"] for x in runs["api"]],
            "oxigraph_rps_samples": [x["rps"] for x in runs["oxigraph"]],
            "api_drain_seconds": [round(d, 2) for d in drained]}


def run(stores: dict[str, Path], work: Path, *, n: int = 150, budget_s: float = 20.0, wrk_seconds: int = 10,
        wrk_reps: dict[str, int] | None = None, uncached_tag: str | None = None) -> dict[str, Any]:
    """Latency at every scale in ``stores`` (tag → store dir); throughput on each tag of ``wrk_reps``.

    Latency asks distinct articles (the API's answer cache does not help);
    throughput cycles through the 100 articles answered there, so after the
    first pass the API serves them from its cache.  ``uncached_tag`` adds a
    throughput pair over up to 6000 distinct articles of that store, more than
    a 10 s run can repeat.  Keys of the throughput figures end in ``_<tag>``.
    """
    articles = {tag: sample_articles(d, max(n, 100) + 50) for tag, d in stores.items()}
    questions = sample_questions(stores[next(iter(stores))], 25)
    if not questions:
        raise RuntimeError("no duty with an object in the store: cannot make questions")
    log(f"{len(questions)} questions, e.g. {questions[0]!r}")
    servers = {tag: start_api(d) for tag, d in stores.items()}
    with running(*servers.values()):
        out, answered = latency(servers, articles, questions, n, budget_s)
        log("latency: " + ", ".join(f"{k} {v:.1f}" for k, v in out.items() if "_p95_ms_" in k))
        out["questions_sample"] = questions[:5]
        if shutil.which("wrk") is None:
            msg = "wrk is not installed (apt-get install -y wrk): article throughput vs Oxigraph skipped"
            log(msg)
            out["throughput_skipped"] = msg
            return out
        for tag, reps in (wrk_reps or {}).items():
            pairs = list(dict.fromkeys(answered[tag]))[:100] or articles[tag][:100]
            oxi = start_oxigraph(stores[tag])
            with running(oxi):
                figures = throughput(servers[tag], oxi, stores[tag], pairs, work, seconds=wrk_seconds, reps=reps)
                if tag == uncached_tag:
                    many = [p for p in sample_articles(stores[tag], 6000, seed=17) if normalise_number(p[1]) == p[1]]
                    cold = throughput(servers[tag], oxi, stores[tag], many, work, seconds=wrk_seconds, reps=1,
                                      warm=False)
                    out.update({f"{k}_uncached_{tag}": v for k, v in cold.items()
                                if k in ("api_vs_oxigraph_ratio", "api_article_rps", "oxigraph_article_rps",
                                         "api_non2xx", "oxigraph_non2xx")})
                    out[f"uncached_articles_{tag}"] = len(many)
            out.update({f"{k}_{tag}": v for k, v in figures.items()})
    return out
