# voc: `make demo` and `make test` work on a fresh machine; both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspace
SAMPLE := sample_data/sample_tickets.csv
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test lint format sample-data bench bench-quality bench-ingest docs clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned (2.13.0, CPU build); an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install voc with pinned requirements.

demo: install ## Cluster the bundled sample export into ./workspace and print the themes.
	$(BIN)/voc cluster $(SAMPLE) --workspace $(WORKSPACE)

test: install ## Run the whole test suite.
	$(BIN)/python -m pytest

lint: install ## ruff: lint and formatting.
	$(BIN)/ruff check voc dashboards tests sample_data benchmarks scripts
	$(BIN)/ruff format --check voc dashboards tests sample_data benchmarks scripts

format: install
	$(BIN)/ruff check --fix voc dashboards tests sample_data benchmarks scripts
	$(BIN)/ruff format voc dashboards tests sample_data benchmarks scripts

sample-data: install ## Regenerate the sample export (deterministic).
	$(BIN)/python sample_data/generate.py

bench: install ## Time and peak memory of voc cluster on the sample export, per stage.
	$(BIN)/python -m benchmarks.bench_cluster --input $(SAMPLE)

clean:
	rm -rf $(WORKSPACE) .pytest_cache .ruff_cache bench_out

bench-quality: install ## voc vs vanilla BERTopic on Banking77 (../shared/data) and the sample: NMI, ARI.
	$(BIN)/python -m benchmarks.bench_quality

bench-ingest: install ## Rows/s and peak memory reading + cleaning a generated 1,000,000-row export.
	$(BIN)/python -m benchmarks.bench_ingest --rows $(or $(ROWS),1000000)

docs: install ## Regenerate the settings table in docs/config.md.
	$(BIN)/python scripts/update_docs.py
