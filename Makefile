# voc: `make demo` and `make test` work on a fresh machine; both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspace
SAMPLE := sample_data/sample_tickets.csv
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install browser demo app test lint format sample-data bench bench-quality bench-ingest bench-dashboard bench-embed bench-embed-quality bench-engine bench-speed bench-assign bench-lineage bench-report docs report screenshots clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned (2.13.0, CPU build); an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install voc with pinned requirements.

demo: install ## Cluster the sample export into ./workspace (unless it has a run), write the report, start the dashboard.
	ls $(WORKSPACE)/runs/*/manifest.json >/dev/null 2>&1 || $(BIN)/voc cluster $(SAMPLE) --workspace $(WORKSPACE)
	$(BIN)/voc report --workspace $(WORKSPACE) --out $(WORKSPACE)/friction_report.html
	$(BIN)/voc dashboard --workspace $(WORKSPACE)

app: install ## Start the analysts' dashboard on ./workspace (prints its URL; Ctrl+C stops it).
	$(BIN)/voc dashboard --workspace $(WORKSPACE)

report: install ## Friction report (HTML) of the newest run in ./workspace.
	$(BIN)/voc report --workspace $(WORKSPACE) --out $(WORKSPACE)/friction_report.html

# Playwright cannot download its own browser here: it drives Debian's chromium (needs root or sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser: ## Install Debian's Chromium for the browser tests, unless a chromium is on PATH.
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

test: install browser ## Run the whole test suite (installs Chromium for the browser tests).
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

bench-quality: install ## voc vs vanilla BERTopic on Banking77, Bitext, xSID en+id (../shared/data) and the sample: NMI, ARI, name proxy, cross-language placement.
	$(BIN)/python -m benchmarks.bench_quality

bench-ingest: install ## Rows/s and peak memory reading + cleaning a generated 1,000,000-row export.
	$(BIN)/python -m benchmarks.bench_ingest --rows $(or $(ROWS),1000000)

bench-dashboard: install ## Dashboard pages on a generated 100,000-ticket run: seconds cold and warm, peak memory.
	$(BIN)/python -m benchmarks.bench_dashboard --tickets $(or $(TICKETS),100000)

bench-embed: install ## Embedding backends side by side (torch, onnx, openvino): texts/s, cosine to torch, export time; sample and Banking77.
	$(BIN)/python -m benchmarks.bench_embed --tickets $(or $(TICKETS),1000)

bench-embed-quality: install ## Theme quality (NMI/ARI, 6 seeds) on each backend's vectors: torch vs openvino vs onnx, Banking77 and the sample.
	$(BIN)/python -m benchmarks.bench_backend_quality --backend torch openvino onnx

bench-engine: install ## Embedding texts/s in one process vs a local Dask cluster of 1 and 2 workers; scaling efficiency.
	$(BIN)/python -m benchmarks.bench_engine --texts $(or $(TEXTS),4000)

bench-speed: install ## voc vs vanilla BERTopic at 10k and 100k tickets (first run, re-run +5%), 1M after embedding: s per stage, peak RSS.
	$(BIN)/python -m benchmarks.bench_speed --sizes $(or $(SIZES),10000 100000) --million $(or $(MILLION),1000000)

bench-assign: install ## assign_tickets texts/s on the first 1,000 rows of the sample (clustered once first): cold, and the cost beyond embedding.
	$(BIN)/python -m benchmarks.bench_assign --input $(SAMPLE) --tickets $(or $(TICKETS),1000)

bench-report: install browser ## Size of the sample's HTML report and its load time in headless Chromium; exits 1 over 1.5 MB or 1.5 s.
	$(BIN)/python -m benchmarks.bench_report $(if $(WORKSPACE_RUN),--workspace $(WORKSPACE_RUN))

bench-lineage: install ## Seconds of theme lineage (voc.lineage.trace) on generated runs of 100,000 and 1,000,000 tickets.
	$(BIN)/python -m benchmarks.bench_lineage --tickets $(or $(TICKETS),100000 1000000)

docs: install ## Regenerate the settings table in docs/config.md.
	$(BIN)/python scripts/update_docs.py

screenshots: install browser ## Screenshots of the sample's friction report for docs/ (headless Chromium).
	$(BIN)/python -m scripts.screenshot_report
