"""The packaged app finds its starter models through WORKBENCH_STARTERS_DIR (no installed packages)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from workbench.core.library import STARTERS, Library, starter_source

MINILM = next(s for s in STARTERS if s.name == "all-minilm-l6-v2")
SMOLLM2 = next(s for s in STARTERS if s.name == "smollm2-135m-instruct")


def _installed_minilm() -> Path:
    spec = importlib.util.find_spec(MINILM.package)
    if spec is None:
        pytest.skip("the all-MiniLM starter package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / MINILM.relative


def test_starter_found_in_starters_dir(tmp_path, monkeypatch):
    gguf = tmp_path / "starters" / SMOLLM2.package / SMOLLM2.relative
    gguf.parent.mkdir(parents=True)
    gguf.write_bytes(b"GGUF")
    monkeypatch.setenv("WORKBENCH_STARTERS_DIR", str(tmp_path / "starters"))
    assert starter_source(SMOLLM2) == gguf


def test_library_lists_bundled_starter(tmp_path, monkeypatch):
    bundled = tmp_path / "starters" / MINILM.package
    bundled.mkdir(parents=True)
    (bundled / MINILM.relative).symlink_to(_installed_minilm(), target_is_directory=True)
    monkeypatch.setenv("WORKBENCH_STARTERS_DIR", str(tmp_path / "starters"))
    entries = {e.name: e for e in Library(tmp_path / "store").list()}
    assert entries["all-minilm-l6-v2"].path == str(bundled / MINILM.relative)
    assert entries["all-minilm-l6-v2"].model_type == "bert"


def test_missing_package_in_starters_dir_falls_back_to_installed(tmp_path, monkeypatch):
    installed = _installed_minilm()
    (tmp_path / "starters").mkdir()
    monkeypatch.setenv("WORKBENCH_STARTERS_DIR", str(tmp_path / "starters"))
    assert starter_source(MINILM) == installed
