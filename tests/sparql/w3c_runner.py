"""Run the W3C SPARQL 1.1 Protocol manifest against our read-only query endpoint.

Each ``mf:ProtocolTest`` is a list of HTTP requests (``ht:Request``) with
expected status class, result format class and ASK boolean.  Every request
path starts with ``/sparql/``; we send them all to our single endpoint.
The test data (``ut:graphData``) must already be in the store: the endpoint is
read-only, so the fixture preloads every declared graph.

Update-side tests: our endpoint refuses SPARQL Update by design.  A test whose
first update request is answered with 4xx is recorded as ``REFUSED`` and
counted as passing (the follow-up ASK that would check the update's effect is
not sent).  ``bad_update_*`` tests expect 4xx anyway and are run normally.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl"
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples",
            "application/ld+json"},
}


@dataclass(frozen=True)
class CaseResult:
    name: str
    outcome: str  # PASS | REFUSED | FAIL
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome in ("PASS", "REFUSED")


def _is_update(path: str, headers: dict[str, str], body: str | None) -> bool:
    ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    return ("sparql-update" in ctype or (body or "").startswith("update=")
            or "update=" in path or "using-" in path)


def _status_ok(code: int, expected: list[Node]) -> bool:
    for e in expected:
        m = re.match(r"StatusCode(\d)xx", str(e).replace(HTS, ""))
        if m and str(code)[0] == m.group(1):
            return True
    return False


def _ask_value(resp: httpx.Response) -> bool | None:
    ctype = resp.headers.get("content-type", "")
    if "json" in ctype:
        value = json.loads(resp.text).get("boolean")
        return value if isinstance(value, bool) else None
    if "xml" in ctype:
        return "<boolean>true</boolean>" in resp.text
    return None


def _must(node: Node | None) -> Node:
    if node is None:
        raise ValueError("malformed manifest")
    return node


def run_manifest(manifest_dir: Path, client: httpx.Client, endpoint: str = "/sparql") -> list[CaseResult]:
    """Run every test in order; returns one result per test.

    ``client`` is an httpx.Client with a base URL, or a Starlette TestClient.
    """
    g = Graph().parse(manifest_dir / "manifest.ttl", format="turtle", publicID=BASE)
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    results = []
    for test in Collection(g, _must(g.value(manifest, MF.entries))):
        name = str(test).split("#")[-1]
        outcome, detail = "PASS", ""
        requests = Collection(g, _must(g.value(g.value(test, MF.action), HT.requests)))
        for index, req in enumerate(requests):
            path = str(g.value(req, HT.absolutePath))
            method = str(g.value(req, HT.methodName))
            header_list = g.value(req, HT.headers)
            headers = ({str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue))
                        for h in Collection(g, header_list)} if header_list else {})
            body_node = g.value(req, HT.body)
            body = str(g.value(body_node, CNT.chars)) if body_node is not None else None
            encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
            url = endpoint + ("?" + path.split("?", 1)[1] if "?" in path else "")
            content = body.encode(encoding.lower()) if body is not None else None
            resp = client.request(method, url, headers=headers, content=content)
            expect = g.value(req, HT.resp)
            statuses = list(g.objects(expect, MF.expectedStatus))
            fmt, boolean = g.value(expect, MF.expectedFormat), g.value(expect, MF.expectedBoolean)
            update = _is_update(path, headers, body)
            ctype = resp.headers.get("content-type", "").split(";")[0].strip()
            if update and not name.startswith("bad_") and index == 0:
                if 400 <= resp.status_code < 500:
                    outcome, detail = "REFUSED", f"update refused with {resp.status_code}"
                else:
                    outcome, detail = "FAIL", f"update not refused: {resp.status_code}"
                break
            if statuses and not _status_ok(resp.status_code, statuses):
                outcome, detail = "FAIL", f"status {resp.status_code}: {resp.text[:120]}"
            elif fmt is not None and ctype not in FORMATS[str(fmt)]:
                outcome, detail = "FAIL", f"format {ctype!r} is not {fmt}"
            elif boolean is not None and _ask_value(resp) != (str(boolean) == "true"):
                outcome, detail = "FAIL", f"boolean {_ask_value(resp)} != {boolean}"
            if outcome == "FAIL":
                break
        results.append(CaseResult(name, outcome, detail))
    return results


def table(results: list[CaseResult]) -> str:
    """Printable pass/fail table."""
    width = max(len(r.name) for r in results)
    lines = [f"{r.name:<{width}}  {r.outcome:<7}  {r.detail}" for r in results]
    passed = sum(r.passed for r in results)
    lines.append(f"{passed}/{len(results)} passing (REFUSED counts as passing)")
    return "\n".join(lines)
