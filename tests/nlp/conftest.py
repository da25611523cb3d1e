"""Shared fixtures: the full pipeline (loaded once) and a tokenizer-only one."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extract.nlp import blank_nlp, load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def blank() -> Language:
    """Tokenizer + rule components: enough for organs, deadlines, headers."""
    return blank_nlp()
