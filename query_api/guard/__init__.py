"""Guarded execution of untrusted SPARQL queries.

* :mod:`.policy`  – refuse updates, SERVICE and unparseable text (rdflib parser).
* :mod:`.formats` – content negotiation and complete, row-capped serialization.
* :mod:`.worker`  – the worker process: RLIMIT_AS, check, run, serialize.
* :mod:`.pool`    – :class:`QueryGuard`, the parent side: wall-clock kill and respawn.
"""

from query_api.guard.model import ERROR_KINDS, ErrorKind, GuardError, QueryJob, QueryOutcome
from query_api.guard.pool import GuardStats, QueryGuard

__all__ = ["ERROR_KINDS", "ErrorKind", "GuardError", "GuardStats", "QueryGuard", "QueryJob",
           "QueryOutcome"]
