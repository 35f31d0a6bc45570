# kg — two commands set everything up on a fresh machine:
#   make run    install kg into .venv/ and build corpus/ into out/
#   make test   install what the tests need (Chromium too) and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
OUT    ?= out
JOBS   ?=

.PHONY: install run test test-deps browser lint eval bench clean help

help:
	@echo "make run    - install (.venv/) and build corpus/ into out/"
	@echo "make test   - install test dependencies and run all tests (browser tests included)"
	@echo "make lint   - ruff"
	@echo "make eval   - scores on the seed article and the Stockmark NER set"
	@echo "make bench  - throughput figures"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# installed again whenever pyproject.toml changes
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/kg build corpus/ -o $(OUT)/ $(if $(JOBS),--jobs $(JOBS))

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

# Debian's Chromium and CJK fonts for the browser tests (Playwright cannot download a browser here)
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; \
	fi
	@/usr/bin/chromium --version

test-deps: $(VENV)/.test-installed browser

# pytest exit 5 ("no tests collected") means the suite is missing: that is a failure, not a pass
test: test-deps
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(VENV)/.test-installed
	$(BIN)/ruff check kg tests

clean:
	rm -rf $(OUT) .pytest_cache

SHARED ?= ../shared
# seed and corpus scores (score_kg.py) and Stockmark dev/held-out/test NER scores, from fresh builds
eval: install
	$(BIN)/python eval/run_eval.py --shared $(SHARED) $(if $(JOBS),--jobs $(JOBS))

# kg's NER head (kg/data/ner) from the Stockmark dev split: reproducible, about 35 minutes on one core
train-ner: install
	$(BIN)/python scripts/train_ner.py --data $(SHARED)/eval/stockmark/ner_dev.jsonl --out kg/data/ner --epochs 28

# throughput and memory against raw nlp.pipe on a generated corpus (about 10 minutes)
bench: install
	$(BIN)/python scripts/bench.py --shared $(SHARED)
