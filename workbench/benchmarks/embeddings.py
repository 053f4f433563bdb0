"""Embeddings: sentence vectors through ``core.embeddings`` against a plain transformers batch loop on
the same texts and batch size; PCA and t-SNE time; the scatter map's redraw with 50,000 points; and the
GUI heartbeat while the tab embeds and maps texts (``--quick``: 100 texts, 300 points projected, 5,000 drawn);
and under ``atlas`` the figures at scale (``_atlas.py``: 100,000 real texts streamed to disk, t-SNE of 10,000 and
100,000, PCA, index and drawing of a million points; ``--quick``: 2,000 texts and 20,000 points).

texts_s: ``embed_texts`` (tokenize once, longest first, cancel check per layer, the model's pooling);
baseline_texts_s: tokenizer + model + mean pooling + L2 norm, batch by batch in the given order;
ratio = baseline_texts_s / texts_s (above 1: the workbench is faster). Each is the best of two runs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

MODEL = "all-minilm-l6-v2"
BATCH = 32


def _texts(n: int) -> list[str]:
    """Fresh texts of varied lengths: one to four example sentences, numbered."""
    import csv

    from workbench.ui.tabs.embeddings import EXAMPLE

    with EXAMPLE.open(encoding="utf-8") as f:
        pool = [row["text"] for row in csv.DictReader(f)]
    out = []
    for i in range(n):
        parts = [pool[(i * 7 + j * 13) % len(pool)] for j in range(1 + i % 4)]
        out.append(f"({i}) " + " ".join(parts))
    return out


def _baseline(handle, texts: list[str], limit: int) -> None:
    import torch

    for start in range(0, len(texts), BATCH):
        enc = handle.tokenizer(texts[start:start + BATCH], padding=True, truncation=True, max_length=limit,
                               return_tensors="pt")
        with torch.inference_mode():
            hidden = handle.model(**enc).last_hidden_state.float()
        mask = enc["attention_mask"].unsqueeze(-1).float()
        torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)


def _best(fn, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _run_until(app, done, timeout=900.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def run(args) -> dict:
    import numpy as np

    from workbench.core import embeddings as E
    from workbench.core.service import ModelService

    quick = getattr(args, "quick", False)
    model = getattr(args, "model", None) or MODEL
    n_texts = 100 if quick else 2000
    n_project = 300 if quick else 10_000  # t-SNE's time grows faster than the points
    n_scatter = 5_000 if quick else 50_000
    out: dict = {"model": model, "texts": n_texts, "batch_size": BATCH}

    service = ModelService.from_settings()
    handle = service.load(model, kind="encoder")
    texts = _texts(n_texts)
    pooling = E.choose_pooling(handle)
    E.embed_texts(handle, texts[:64], pooling)  # warm up
    limit = min(E.model_max_tokens(handle), pooling.max_length or 1_000_000)
    vectors = {}

    def ours():
        vectors["v"] = E.embed_texts(handle, texts, pooling, batch_size=BATCH).vectors

    texts_s = _best(ours)
    baseline_s = _best(lambda: _baseline(handle, texts, limit))
    out.update(pooling=pooling.describe(), texts_s=round(texts_s, 3), baseline_texts_s=round(baseline_s, 3),
               ratio=round(baseline_s / texts_s, 3), texts_per_s=round(n_texts / texts_s, 1))

    # Projections over n_project points: the embedded texts, repeated with a little noise.
    rng = np.random.default_rng(0)
    base = vectors["v"]
    points = base[rng.integers(0, len(base), n_project)] + rng.normal(0, 0.02, (n_project, base.shape[1]))
    points = points.astype(np.float32)
    t0 = time.perf_counter()
    E.project(points, "pca")
    pca_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    E.project(points, "tsne")
    tsne_s = time.perf_counter() - t0
    out.update(project_points=n_project, project_s={"pca": round(pca_s, 3), "tsne": round(tsne_s, 2)})
    import tempfile

    from workbench.benchmarks import _atlas

    with tempfile.TemporaryDirectory(prefix="workbench-bench-atlas-") as folder:
        out["atlas"] = _atlas.figures(service, model, quick, Path(folder))
    service.unload()

    out.update(_gui_figures(model, texts, n_scatter))
    return out


def _gui_figures(model: str, texts: list[str], n_scatter: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np

    from workbench.core.library import Library
    from workbench.ui.context import AppContext
    from workbench.ui.embedding_plot import ScatterMap
    from workbench.ui.heartbeat import Heartbeat
    from workbench.ui.qt import QtWidgets
    from workbench.ui.tabs.embeddings import EmbeddingsTab

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    figures: dict = {}

    # Redraw of the map with n_scatter points in 8 colours: a pan, then a full repaint into a pixmap.
    rng = np.random.default_rng(1)
    xy = rng.normal(size=(n_scatter, 2)).astype(np.float32)
    categories = rng.integers(0, 8, n_scatter)
    scatter = ScatterMap()
    scatter.resize(1000, 700)
    scatter.show()
    scatter.set_points(xy, categories, [f"topic {i}" for i in range(8)], [f"text {i}" for i in range(n_scatter)])
    app.processEvents()
    scatter.grab()  # first paint builds pyqtgraph's symbol atlas
    times = []
    for step in range(10):
        scatter.plot.vb.translateBy(x=0.05 * (1 if step % 2 else -1))
        t0 = time.perf_counter()
        scatter.grab()
        times.append((time.perf_counter() - t0) * 1000)
    figures.update(scatter_points=n_scatter, scatter_redraw_ms=round(float(np.median(times)), 1),
                   scatter_redraw_max_ms=round(max(times), 1))
    t0 = time.perf_counter()
    for _ in range(200):
        scatter.nearest(scatter.scene_position(int(rng.integers(0, n_scatter))))
    figures["hover_lookup_ms"] = round((time.perf_counter() - t0) * 1000 / 200, 3)
    scatter.close()

    # The GUI heartbeat while the tab embeds the texts and maps them (model already loaded).
    ctx = AppContext(library=Library())
    ctx.set_model(model)
    ctx.service.load(model)
    tab = EmbeddingsTab(ctx)
    tab.resize(1200, 800)
    tab.show()
    tab.pages.setCurrentIndex(1)
    tab.sentences_page.texts.setPlainText("\n".join(texts))
    beat = Heartbeat().start()
    _run_until(app, lambda: not ctx.pool.jobs)  # showing the tab loads scikit-learn once, in the background
    figures["ui_import_warmup_max_gap_ms"] = round(beat.stop(), 1)
    beat.start()
    _run_until(app, lambda: False, timeout=1.0)
    figures["idle_max_gap_ms"] = round(beat.stop(), 1)  # what the machine alone costs the event loop
    drawn = {}
    original = tab.show_map

    def timed_show(outcome):
        t0 = time.perf_counter()
        original(outcome)
        drawn["ms"] = (time.perf_counter() - t0) * 1000

    tab.show_map = timed_show
    beat.start()
    tab.run_map()
    _run_until(app, lambda: tab.job is None)
    _run_until(app, lambda: False, timeout=0.3)  # the map is drawn after the job ends
    figures["ui_max_gap_ms"] = round(beat.stop(), 1)
    figures["ui_map_drawn"] = tab.sentences_page.scatter.point_count
    figures["ui_show_map_ms"] = round(drawn.get("ms", float("nan")), 1)
    tab.shutdown()
    ctx.pool.shutdown()
    ctx.service.unload()
    tab.close()
    return figures
