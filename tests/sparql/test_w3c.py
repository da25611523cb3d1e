"""W3C SPARQL 1.1 Protocol tests against our endpoint (embedded store, in-process and on the wire)."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from .helpers import W3C_DIR, LiveServer
from .w3c_runner import CaseResult, run_manifest, table

#: Every test of the manifest: the 12 query tests and 15 bad_* tests pass as written;
#: the 7 update tests are REFUSED (4xx) by design, which counts as passing.
EXPECTED_PASSING = {
    "query_post_form", "query_dataset_default_graphs_get", "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post", "query_dataset_named_graphs_get", "query_dataset_full",
    "query_multiple_dataset", "query_get", "query_content_type_select",
    "query_content_type_ask", "query_content_type_describe", "query_content_type_construct",
    "query_post_direct",
    "update_dataset_default_graph", "update_dataset_default_graphs",
    "update_dataset_named_graphs", "update_dataset_full", "update_post_form",
    "update_post_direct", "update_base_uri",
    "bad_query_method", "bad_multiple_queries", "bad_query_wrong_media_type",
    "bad_query_missing_form_type", "bad_query_missing_direct_type", "bad_query_non_utf8",
    "bad_query_syntax", "bad_update_get", "bad_multiple_updates", "bad_update_wrong_media_type",
    "bad_update_missing_form_type", "bad_update_non_utf8", "bad_update_syntax",
    "bad_update_dataset_conflict",
}
UPDATE_TESTS = {n for n in EXPECTED_PASSING if n.startswith("update_")}


def check(results: list[CaseResult]) -> None:
    print("\n" + table(results))
    passing = {r.name for r in results if r.passed}
    assert passing >= EXPECTED_PASSING, sorted(EXPECTED_PASSING - passing)
    refused = {r.name for r in results if r.outcome == "REFUSED"}
    assert refused == UPDATE_TESTS  # nothing else may be "passed" by refusing it


def test_w3c_protocol_in_process(client: TestClient) -> None:
    check(run_manifest(W3C_DIR, client))


def test_w3c_protocol_on_the_wire(live: LiveServer) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        check(run_manifest(W3C_DIR, c))
