"""Nearest texts by cosine with faiss: exact search for small atlases; above ``EXACT_LIMIT`` points an
inverted-file index over 8-bit scalar-quantized unit vectors (a quarter of float32's memory) whose probe
count is raised at build time until recall@10 against exact search on a sample reaches ``TARGET_RECALL``.
The index's candidates (``RERANK`` × k) are re-scored with the stored vectors, so near-ties that 8-bit codes
cannot order come out in the exact order."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.atlas.store import unit_chunks
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, no_progress

EXACT_LIMIT = 20_000
TARGET_RECALL = 0.97  # tuned for this on the build sample so that other queries stay above 0.95
PROBES = (4, 8, 16, 32, 64, 128, 256)
TUNE_QUERIES = 500
FEW_QUERIES = 16
RERANK = 4  # candidates per wanted neighbour, re-scored exactly


@dataclass
class NeighbourIndex:
    index: object  # a faiss index over unit vectors (inner product = cosine)
    kind: str  # "exact" | "ivf-sq8"
    nprobe: int = 0
    recall: float | None = None  # recall@10 against exact search on the build sample
    build_seconds: float = 0.0
    vectors: np.ndarray | None = None  # the indexed vectors (memory-mapped), for re-scoring the candidates

    @classmethod
    def build(cls, vectors: np.ndarray, count: int | None = None, seed: int = 0,
              cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> "NeighbourIndex":
        """An index over the first ``count`` rows of ``vectors`` (any float dtype, memory-mapped is fine)."""
        import time

        import faiss

        t0 = time.perf_counter()
        n = len(vectors) if count is None else count
        dim = vectors.shape[1]
        if n <= EXACT_LIMIT:
            index = faiss.IndexFlatIP(dim)
            for _, block in unit_chunks(vectors, n):
                index.add(block)
            return cls(index, "exact", 0, 1.0, time.perf_counter() - t0)
        lists = int(min(4096, max(64, round(math.sqrt(n)))))
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFScalarQuantizer(quantizer, dim, lists, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(seed)
        sample = np.sort(rng.choice(n, size=min(n, 40 * lists), replace=False))
        progress(Progress(0, n, translate("core", "Index: learning {k} regions from {m} texts").format(
            k=lists, m=f"{len(sample):,}"), unit="texts"))
        train = np.asarray(vectors[sample], dtype=np.float32)
        train /= np.maximum(np.linalg.norm(train, axis=1, keepdims=True), 1e-12)
        index.train(train)
        for start, block in unit_chunks(vectors, n):
            cancel.raise_if_cancelled()
            index.add(block)
            progress(Progress(start + len(block), n, translate("core", "Index: added {done} of {total} texts").format(
                done=f"{start + len(block):,}", total=f"{n:,}"), unit="texts"))
        made = cls(index, "ivf-sq8", 0, None, 0.0, vectors)
        made._tune(vectors, n, rng, cancel, progress)
        made.build_seconds = time.perf_counter() - t0
        return made

    def _tune(self, vectors, n, rng, cancel, progress) -> None:
        queries_at = np.sort(rng.choice(n, size=min(n, TUNE_QUERIES), replace=False))
        queries = _unit(np.asarray(vectors[queries_at], dtype=np.float32))
        progress(Progress(0, 0, translate("core", "Index: exact neighbours of {m} sample texts").format(
            m=len(queries_at))))
        exact = exact_search(vectors, n, queries, 10, cancel)
        for nprobe in PROBES:
            cancel.raise_if_cancelled()
            self.index.nprobe = nprobe
            found = self.search(queries, 10)[0]
            self.nprobe, self.recall = nprobe, recall_at(found, exact)
            if self.recall >= TARGET_RECALL:
                break

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    def search(self, queries: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosines) of the ``k`` nearest for each query row (unit-normalised here)."""
        import faiss

        queries = _unit(np.atleast_2d(np.asarray(queries, dtype=np.float32)))
        threads = faiss.omp_get_max_threads()
        if len(queries) < FEW_QUERIES:  # a handful of queries: OpenMP's thread start-up costs more than it saves
            faiss.omp_set_num_threads(1)
        rerank = self.kind != "exact" and self.vectors is not None
        try:
            scores, ids = self.index.search(queries, min(k * RERANK if rerank else k, self.count))
        finally:
            faiss.omp_set_num_threads(threads)
        if not rerank:
            return ids, scores
        return self._rescore(queries, ids, k)

    def _rescore(self, queries: np.ndarray, ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        found = np.where(ids >= 0, ids, 0)
        order = np.unique(found)  # read each stored row once, in file order
        rows = _unit(np.asarray(self.vectors[order], dtype=np.float32))
        at = np.searchsorted(order, found)
        exact = np.einsum("qd,qcd->qc", queries, rows[at])
        exact[ids < 0] = -np.inf
        best = np.argsort(-exact, axis=1)[:, :k]
        return np.take_along_axis(ids, best, axis=1), np.take_along_axis(exact, best, axis=1)

    def neighbours_of(self, vectors: np.ndarray, i: int, k: int = 10) -> list[tuple[int, float]]:
        """The ``k`` texts nearest to text ``i``, best first, itself left out."""
        ids, scores = self.search(np.asarray(vectors[i:i + 1], dtype=np.float32), k + 1)
        return [(int(j), float(s)) for j, s in zip(ids[0], scores[0]) if j != i and j >= 0][:k]

    def save(self, folder: Path) -> None:
        import faiss

        tmp = folder / ".index.tmp"
        faiss.write_index(self.index, str(tmp))
        os.replace(tmp, folder / "index.faiss")
        (folder / "index.json").write_text(json.dumps({"kind": self.kind, "nprobe": self.nprobe,
                                                       "recall": self.recall, "build_seconds": self.build_seconds}))

    @classmethod
    def load(cls, folder: Path, vectors: np.ndarray | None = None) -> "NeighbourIndex | None":
        """The saved index; ``vectors``: the indexed vectors, to re-score candidates (default: the atlas's own)."""
        import faiss

        if not (folder / "index.faiss").exists():
            return None
        meta = json.loads((folder / "index.json").read_text())
        index = faiss.read_index(str(folder / "index.faiss"))
        if meta["kind"] != "exact":
            index.nprobe = meta["nprobe"]
        if vectors is None and (folder / "vectors.npy").exists():
            vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        return cls(index, meta["kind"], meta["nprobe"], meta["recall"], meta["build_seconds"], vectors)


def _unit(block: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(block / np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12),
                                dtype=np.float32)


def exact_search(vectors: np.ndarray, n: int, queries: np.ndarray, k: int,
                 cancel: CancelToken = NEVER_CANCELLED) -> np.ndarray:
    """The exact ``k`` nearest ids (cosine) of each unit query among the first ``n`` vectors, chunk by chunk."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.full((len(queries), k), -1, dtype=np.int64)
    for start, block in unit_chunks(vectors, n):
        cancel.raise_if_cancelled()
        scores = queries @ block.T
        take = min(k, scores.shape[1])
        top = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        merged_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, axis=1)], axis=1)
        merged_ids = np.concatenate([best_ids, top + start], axis=1)
        order = np.argsort(-merged_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, order, axis=1)
        best_ids = np.take_along_axis(merged_ids, order, axis=1)
    return best_ids


def recall_at(found: np.ndarray, exact: np.ndarray) -> float:
    """The share of the exact neighbours that ``found`` has, row by row, averaged."""
    hits = [len(set(f.tolist()) & set(e.tolist())) / max(1, len(e)) for f, e in zip(found, exact)]
    return float(np.mean(hits)) if hits else 1.0
