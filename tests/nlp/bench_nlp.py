"""Side-by-side speed of extract_facts and one plain spaCy pass (ner disabled).

Run: .venv/bin/python tests/nlp/bench_nlp.py [rounds]
Prints words/s of both over all seed passages (the simple splitter's units).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_passages import seed_passages  # noqa: E402

from extract.nlp import extract_facts, load_nlp  # noqa: E402
from extract.nlp.pipeline import RULE_PIPES  # noqa: E402


def measure(rounds: int = 3) -> dict[str, float]:
    """Best-of-``rounds`` CPU seconds for both, alternated so load affects both alike.

    CPU time of this process (``time.process_time``) is used: on a shared
    machine wall time mostly measures the neighbours.
    """
    nlp = load_nlp()
    passages = [p for ps in seed_passages().values() for p in ps]
    texts = [p.text for p in passages]
    words = sum(len(t.split()) for t in texts)
    extract_facts(passages[:50], nlp=nlp)  # warm up
    best_facts = best_pass = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        extract_facts(passages, nlp=nlp)
        best_facts = min(best_facts, time.process_time() - t0)
        t0 = time.process_time()
        for _doc in nlp.pipe(texts, disable=list(RULE_PIPES), batch_size=256):
            pass
        best_pass = min(best_pass, time.process_time() - t0)
    return {
        "words": float(words),
        "extract_facts_s": best_facts,
        "spacy_pass_s": best_pass,
        "extract_facts_wps": words / best_facts,
        "spacy_pass_wps": words / best_pass,
        "ratio": best_pass / best_facts,
    }


if __name__ == "__main__":
    result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    for key, value in result.items():
        print(f"{key:20} {value:,.2f}")
