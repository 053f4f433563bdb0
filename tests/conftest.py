"""Shared fixtures: fresh settings and folders per test, tiny models per session, no leftover threads."""

from __future__ import annotations

import gc
import itertools
import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest

# Before anything imports Qt or huggingface_hub: offscreen Qt, no telemetry, never the real hub.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="workbench-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HOME"] = str(_SESSION_DIR / "hf-home")
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"  # nothing listens: a stray hub call fails fast
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["TRANSFORMERS_VERBOSITY"] = "error"
os.environ.setdefault("OMP_NUM_THREADS", "2")
sys.path.insert(0, str(Path(__file__).parent))

import tiny_models  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_home(tmp_path, monkeypatch):
    """Every test gets its own settings, data, store, logs and HF cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_STORE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return home


_collections = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_main_thread():
    """As in the app (ui/collector.py): no automatic collection, which could destroy a Qt object from a
    worker thread; the main thread collects after each test instead."""
    enabled = gc.isenabled()
    gc.disable()
    yield
    if enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test():
    yield
    if next(_collections) % 25 == 24:
        gc.collect()
    else:
        gc.collect(1)  # the young generations: what a test leaves behind, quickly


@pytest.fixture(autouse=True)
def no_leftover_jobs():
    before = set(threading.enumerate())
    yield
    leftovers = [t for t in threading.enumerate() if t not in before and t.name.startswith("job-") and t.is_alive()]
    for t in leftovers:
        t.join(timeout=10)
    still = [t.name for t in leftovers if t.is_alive()]
    assert not still, f"test left worker threads running: {still}"


class TinyModels:
    """Builds each tiny model once per session, on first use."""

    def __init__(self, root: Path):
        self.root = root
        self._lock = threading.Lock()

    def __call__(self, kind: str) -> Path:
        path = self.root / kind
        with self._lock:
            if not (path / "config.json").exists():
                tiny_models.build(kind, path)
        return path


@pytest.fixture(scope="session")
def tiny():
    """``tiny("gpt2")`` -> folder of a tiny random model; kinds in tiny_models.KINDS."""
    return TinyModels(_SESSION_DIR / "tiny")


@pytest.fixture(scope="session")
def starter_store():
    """A model store shared by the session, so SmolLM2's GGUF is converted once."""
    store = _SESSION_DIR / "starter-store"
    store.mkdir(exist_ok=True)
    return store


@pytest.fixture(scope="session")
def smollm2(starter_store):
    """The starter chat model, converted once; the folder path."""
    from workbench.core.library import Library

    return Library(starter_store).resolve("smollm2-135m-instruct")


@pytest.fixture
def library(tmp_path):
    from workbench.core.library import Library

    return Library(tmp_path / "store")


@pytest.fixture
def service(library):
    from workbench.core.service import ModelService

    svc = ModelService(library)
    yield svc
    svc.unload()


@pytest.fixture
def ctx(qtbot, tmp_path):
    """An app context with fresh settings and an empty store."""
    from workbench.core.library import Library
    from workbench.core.settings import Settings
    from workbench.ui.context import AppContext

    context = AppContext(settings=Settings(), library=Library(tmp_path / "store"))
    yield context
    context.pool.shutdown()
    context.service.unload()


@pytest.fixture
def shown_tab(qtbot, ctx):
    """``shown_tab(TabClass)`` -> a shown tab of that class (1200×800) on the context; each one shut down after the
    test."""
    opened = []

    def open_tab(tab_class):
        tab = tab_class(ctx)
        qtbot.addWidget(tab)
        tab.resize(1200, 800)
        tab.show()
        opened.append(tab)
        return tab

    yield open_tab
    for tab in opened:
        tab.shutdown()


@pytest.fixture
def finetune_tab(shown_tab, tiny):
    """A shown Fine-tune tab (1200×800) on the tiny BERT classifier; shut down after the test."""
    from workbench.ui.tabs.finetune import FinetuneTab

    widget = shown_tab(FinetuneTab)
    widget.train.model_combo.setCurrentText(str(tiny("bert-classifier")))
    return widget


@pytest.fixture
def generate_tab_on(ctx, shown_tab):
    """Opens a shown Generate tab (1200×800) on a model (``None`` keeps the context's); shut down after the test."""
    from workbench.ui.tabs.generate import GenerateTab

    def open_tab(model: str | None = None):
        if model:
            ctx.set_model(model)
        return shown_tab(GenerateTab)

    return open_tab


@pytest.fixture
def main_window(qtbot, ctx, tiny, monkeypatch):
    """A shown main window (1200×800) whose library holds only the tiny GPT-2, as ``tiny-gpt2`` and chosen: as on a
    computer without the starter models, so lessons fall back to it; its tabs shut down after the test."""
    from workbench.core import library
    from workbench.ui.main_window import MainWindow

    monkeypatch.setattr(library, "STARTERS", ())
    ctx.library.import_folder(tiny("gpt2"), name="tiny-gpt2")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    ctx.refresh_library()
    qtbot.waitUntil(lambda: any(e.name == "tiny-gpt2" for e in ctx.entries), timeout=20000)
    ctx.set_model("tiny-gpt2")
    yield win
    for tab in win.built_tabs():
        tab.shutdown()
    win.close()
