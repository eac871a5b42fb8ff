# The two set-up commands of the README: `make run` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint fix schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## Install the app and start it on http://localhost:$(PORT) (SQLite and bundled knowledge by default).
run: $(VENV)/.runtime
	$(BIN)/python -m advisor check
	$(BIN)/streamlit run app.py --server.port $(PORT)

## Install everything and run every test, with lint, format and type checks first.
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy advisor
	$(BIN)/python -m advisor check
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy advisor

fix: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-export knowledge/schema/*.schema.json from the pydantic models.
schema: $(VENV)/.runtime
	$(BIN)/python -m advisor.knowledge.schema_export

## Print the benchmarks (figures and ratios; nothing is asserted).
bench: $(VENV)/.dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .mypy_cache build *.egg-info
