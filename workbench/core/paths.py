"""Where the workbench keeps its files.

Standard per-user folders from platformdirs. ``WORKBENCH_HOME`` moves them all under one folder
(used by tests and portable installs). Models downloaded from the hub do not live here: they go to
the shared Hugging Face cache, which every other tool reads too.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import platformdirs

from workbench import APP_ID


def _base(kind: str) -> Path:
    home = os.environ.get("WORKBENCH_HOME")
    if home:
        return Path(home) / kind
    getter = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "logs": platformdirs.user_log_dir,
    }[kind]
    return Path(getter(APP_ID, appauthor=False))


def config_dir() -> Path:
    return _base("config")


def data_dir() -> Path:
    return _base("data")


def cache_dir() -> Path:
    return _base("cache")


def log_dir() -> Path:
    return _base("logs")


def store_dir() -> Path:
    """The workbench's own model store: imported folders, converted GGUF files, fine-tunes."""
    return Path(os.environ.get("WORKBENCH_STORE") or data_dir() / "models")


def runs_dir() -> Path:
    """Fine-tuning runs (config, event log, checkpoints, final model)."""
    return data_dir() / "runs"


def hf_cache_dir() -> Path:
    """The shared Hugging Face hub cache, read from the environment at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg or Path.home() / ".cache") / "huggingface" / "hub"


@contextmanager
def temporary_home(prefix: str = "workbench-home-") -> Iterator[Path]:
    """A fresh, temporary ``WORKBENCH_HOME`` for a benchmark or a check, removed afterwards.

    Library, runs, settings and logs written meanwhile land there, so the user's own stay as they were.
    Resolve model references (``Library().resolve``) before entering: the user's store is out of sight inside.
    """
    saved = {name: os.environ.get(name) for name in ("WORKBENCH_HOME", "WORKBENCH_STORE")}
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        os.environ["WORKBENCH_HOME"] = tmp
        os.environ.pop("WORKBENCH_STORE", None)
        try:
            yield Path(tmp)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
