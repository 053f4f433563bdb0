"""Maps at scale, the figures of ``bench embeddings`` that need many texts.

The bench set is real text: sentences from the docstrings and comments of the Python installed here (the
standard library and the site packages: numpy, torch, transformers, ...), deduplicated. Embedding 1,000,000
texts would take this benchmark an hour on two cores, so the million-point figures (PCA, index, drawing) use
the real vectors of ``n_embed`` texts each repeated with small noise (``MILLION_NOISE``) to a million; the
t-SNE, k-means and embedding figures use the real vectors as they are.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np

MILLION_NOISE = 0.01  # per coordinate, on unit vectors of 384 dimensions: a copy is about 0.2 from its text
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_STRING = re.compile(r'"""(.*?)"""|\'\'\'(.*?)\'\'\'|^\s*#\s?(.+)$', re.S | re.M)


def corpus(n: int) -> list[str]:
    """``n`` distinct sentences (20 to 300 characters) from the installed Python's docstrings and comments."""
    roots = sorted({Path(p) for p in sys.path if p and Path(p).is_dir() and "site-packages" in p} |
                   {Path(re.__file__).parent})
    seen, out = set(), []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            try:
                source = path.read_text(encoding="utf-8", errors="ignore")
            except OSError:
                continue
            for match in _STRING.finditer(source):
                text = " ".join((match.group(1) or match.group(2) or match.group(3) or "").split())
                for sentence in _SENTENCE.split(text):
                    if 20 <= len(sentence) <= 300 and sentence not in seen and sum(c.isalpha() for c in sentence) > 15:
                        seen.add(sentence)
                        out.append(sentence)
                        if len(out) >= n:
                            return out
    return out


def million(vectors: np.ndarray, total: int, folder: Path, seed: int = 0) -> np.ndarray:
    """A float16 memory-mapped (total, d) array: ``vectors`` repeated with noise, written a chunk at a time."""
    rng = np.random.default_rng(seed)
    out = np.lib.format.open_memmap(folder / "million.npy", mode="w+", dtype=np.float16, shape=(total, vectors.shape[1]))
    for start in range(0, total, 100_000):
        rows = min(100_000, total - start)
        block = vectors[rng.integers(0, len(vectors), rows)] + rng.normal(0, MILLION_NOISE, (rows, vectors.shape[1]))
        out[start:start + rows] = block / np.linalg.norm(block, axis=1, keepdims=True)
    out.flush()
    return out


def figures(service, model: str, quick: bool, folder: Path) -> dict:
    from workbench.core import atlas as M
    from workbench.core.atlas.ann import exact_search, recall_at
    from workbench.core.atlas.store import CHUNK, embedding_order
    from workbench.core.embeddings.sentences import choose_pooling, embed_texts, model_max_tokens

    n_embed = 2_000 if quick else 100_000
    n_million = 50_000 if quick else 1_000_000
    n_tsne = (1_000, 2_000) if quick else (10_000, 100_000)
    out: dict = {}
    t0 = time.perf_counter()
    texts = corpus(n_embed)
    out.update(atlas_texts=len(texts), atlas_corpus_s=round(time.perf_counter() - t0, 3))

    handle = service.load(model, kind="encoder")
    pooling = choose_pooling(handle)
    with service.use(handle):  # warm-up over every length: neither timed run pays for the first batches' set-up
        embed_texts(handle, texts[::50], pooling)
    # The streamed run and the plain loop (embed_texts in memory) take the same texts chunk by chunk in turn, so
    # both see the same machine (run one after the other, the second was 11 % and 20 % faster in two quiet runs).
    atlas = M.create_atlas(folder / "atlas", texts, model)
    order = embedding_order(atlas)
    reference, streamed_s, plain_s = None, 0.0, 0.0
    with service.use(handle):
        for begin in range(0, len(texts), CHUNK):
            end = min(len(texts), begin + CHUNK)
            t0 = time.perf_counter()
            M.embed_into(atlas, handle, "auto", upto=end)
            streamed_s += time.perf_counter() - t0
            rows = order[begin:end]
            t0 = time.perf_counter()
            chunk = embed_texts(handle, [texts[i] for i in rows], pooling).vectors
            plain_s += time.perf_counter() - t0
            reference = np.zeros((len(texts), chunk.shape[1]), np.float32) if reference is None else reference
            reference[rows] = chunk
    limit = min(model_max_tokens(handle), pooling.max_length or 1_000_000)
    out.update(embed_texts_s=round(len(texts) / streamed_s, 1), embed_baseline_texts_s=round(len(texts) / plain_s, 1),
               embed_ratio=round(plain_s / streamed_s, 3), embed_limit_tokens=limit)
    vectors = atlas.vectors()

    for n in n_tsne:
        if n > len(texts):
            continue
        t0 = time.perf_counter()
        xy, _ = M.tsne_layout(reference[:n], seed=0)
        out[f"tsne_{n}_s"] = round(time.perf_counter() - t0, 3)
        out[f"tsne_{n}_knn_preservation"] = round(M.knn_preservation(reference[:n], xy), 3)
    pca_xy, _ = M.pca_layout(reference)
    out["pca_knn_preservation"] = round(M.knn_preservation(reference, pca_xy), 3)
    out["knn_preservation"] = out.get(f"tsne_{n_tsne[0]}_knn_preservation")

    t0 = time.perf_counter()
    groups = M.spherical_kmeans(vectors, 20, len(texts))
    terms = M.cluster_terms(atlas.texts, groups)
    out.update(cluster_s=round(time.perf_counter() - t0, 3), cluster_terms={str(k): v for k, v in list(terms.items())[:5]})

    big = million(reference, n_million, folder)
    t0 = time.perf_counter()
    xy_million, _ = M.pca_layout(big)
    out.update(million_points=n_million, pca_million_s=round(time.perf_counter() - t0, 3))
    t0 = time.perf_counter()
    index = M.NeighbourIndex.build(big)
    out.update(ann_build_s=round(time.perf_counter() - t0, 3), ann_kind=index.kind, ann_nprobe=index.nprobe)
    rng = np.random.default_rng(7)
    queries = np.asarray(big[rng.choice(n_million, 1000, replace=False)], dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    found = index.search(queries, 10)[0]
    out["ann_recall"] = round(recall_at(found, exact_search(big, n_million, queries, 10)), 4)
    times = []
    for q in queries[:200]:
        t0 = time.perf_counter()
        index.search(q[None], 10)
        times.append((time.perf_counter() - t0) * 1000)
    out.update(ann_query_ms=round(float(np.median(times)), 3), ann_query_max_ms=round(max(times), 3))
    out.update(draw_figures(xy_million))
    return out


def draw_figures(xy: np.ndarray) -> dict:
    """Pans and zooms over the map of ``xy``: each redraw's time, and the event loop's longest gap meanwhile."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.ui.density_map import DensityMap, PreparedPoints
    from workbench.ui.heartbeat import Heartbeat
    from workbench.ui.qt import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    t0 = time.perf_counter()
    prepared = PreparedPoints.make(xy, np.arange(len(xy)) % 12)
    prepare_s = time.perf_counter() - t0
    view = DensityMap()
    view.resize(1000, 700)
    view.show()
    view.show_points(prepared)
    app.processEvents()
    view.grab()
    (x0, x1), (y0, y1) = view.view.viewRange()
    cx, cy = float(np.nanmedian(xy[:, 0])), float(np.nanmedian(xy[:, 1]))
    # zoomed out, then closer and closer to the middle, panning at each level
    spans = [x1 - x0, (x1 - x0) / 4, (x1 - x0) / 30, (x1 - x0) / 300, (x1 - x0) / 3000]
    times, modes = [], []
    beat = Heartbeat().start()
    for span in spans:
        for step in range(6):
            shift = span * 0.1 * (1 if step % 2 else -1)
            t0 = time.perf_counter()
            view.view.setRange(QtCore.QRectF(cx - span / 2 + shift, cy - span / 2, span, span), padding=0)
            view.repaint()
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
            modes.append(view.mode)
    gap = beat.stop()
    view.close()
    return {"redraw_ms_1m": {"median": round(float(np.median(times)), 1), "max": round(max(times), 1)},
            "redraw_modes": sorted(set(modes)), "map_prepare_s": round(prepare_s, 3), "ui_max_gap_ms": round(gap, 1)}
