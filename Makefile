# Phasegate: two commands do everything on a fresh machine with Python 3.11+.
#   make run   - bootstrap, then open the desktop app on the bundled sample project
#   make test  - bootstrap, then lint, architecture contracts and the whole suite (offscreen)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.phasegate-installed

.PHONY: run test lint bootstrap system-deps bench screenshots bundle clean demo

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Phasegate needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

bootstrap: $(STAMP)

system-deps:
	@bash packaging/system-deps.sh

run: bootstrap
	@bash packaging/system-deps.sh --runtime
	$(BIN)/phasegate demo --or-headless

demo: bootstrap
	$(BIN)/phasegate demo --headless

lint: bootstrap
	$(BIN)/ruff check app solver ui tests benchmarks packaging
	$(BIN)/lint-imports

test: bootstrap system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: bootstrap
	$(BIN)/python -m benchmarks.run_all

screenshots: bootstrap
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

bundle: bootstrap
	$(BIN)/python -m pip install -q -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/phasegate.spec

clean:
	rm -rf build dist .pytest_cache
