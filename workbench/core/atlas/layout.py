"""2D layouts of an atlas: PCA streamed over the vectors (memory flat at any size), t-SNE on up to
``max_points`` of them (openTSNE in a child process, so Stop ends it), and how well a layout keeps each
point's neighbourhood (``knn_preservation``)."""

from __future__ import annotations

import numpy as np

from workbench.core.atlas.store import unit_chunks
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, no_progress

TSNE_DIMS = 50  # t-SNE runs on the first 50 principal components
TSNE_MAX_POINTS = 100_000


def principal_axes(vectors: np.ndarray, n: int, dims: int, cancel: CancelToken = NEVER_CANCELLED,
                   progress: ProgressCallback = no_progress) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, axes (dims, d), explained variance shares) of the first ``n`` unit vectors, from their
    covariance accumulated a chunk at a time (float64)."""
    d = vectors.shape[1]
    total = np.zeros(d)
    scatter = np.zeros((d, d))
    for start, block in unit_chunks(vectors, n):
        cancel.raise_if_cancelled()
        total += block.sum(axis=0, dtype=np.float64)
        scatter += block.T @ block  # float32 products (BLAS speed), summed across chunks in float64
        progress(Progress(start + len(block), n, translate("core", "PCA: read {done} of {total} vectors").format(
            done=f"{start + len(block):,}", total=f"{n:,}"), unit="vectors"))
    mean = total / n
    covariance = scatter / n - np.outer(mean, mean)
    values, axes = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1][:dims]
    shares = values[order] / max(values.sum(), 1e-12)
    return mean.astype(np.float32), axes[:, order].T.astype(np.float32), shares


def project_onto(vectors: np.ndarray, n: int, mean: np.ndarray, axes: np.ndarray,
                 cancel: CancelToken = NEVER_CANCELLED) -> np.ndarray:
    out = np.empty((n, len(axes)), dtype=np.float32)
    for start, block in unit_chunks(vectors, n):
        cancel.raise_if_cancelled()
        out[start:start + len(block)] = (block - mean) @ axes.T
    return out


def pca_layout(vectors: np.ndarray, n: int | None = None, cancel: CancelToken = NEVER_CANCELLED,
               progress: ProgressCallback = no_progress) -> tuple[np.ndarray, list[float]]:
    """(xy, the two axes' shares of the variance) of the unit vectors."""
    n = len(vectors) if n is None else n
    mean, axes, shares = principal_axes(vectors, n, 2, cancel, progress)
    return project_onto(vectors, n, mean, axes, cancel), [float(s) for s in shares]


def tsne_layout(vectors: np.ndarray, n: int | None = None, max_points: int = TSNE_MAX_POINTS, seed: int = 0,
                cancel: CancelToken = NEVER_CANCELLED,
                progress: ProgressCallback = no_progress) -> tuple[np.ndarray, np.ndarray | None]:
    """(xy with NaN rows for points left out, the placed sample or None) — t-SNE on the first 50 principal
    components of at most ``max_points`` points (a seeded sample beyond)."""
    from workbench.core.tsne import run_tsne

    n = len(vectors) if n is None else n
    sample = None
    if n > max_points:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=max_points, replace=False))
    dims = min(TSNE_DIMS, vectors.shape[1])
    mean, axes, _ = principal_axes(vectors, n, dims, cancel, progress)
    reduced = project_onto(vectors, n, mean, axes, cancel)
    data = reduced if sample is None else reduced[sample]
    placed = run_tsne(data, seed, cancel, progress)
    if sample is None:
        return placed, None
    xy = np.full((n, 2), np.nan, dtype=np.float32)
    xy[sample] = placed
    return xy, sample


def knn_preservation(vectors: np.ndarray, xy: np.ndarray, k: int = 10, queries: int = 1000, seed: int = 0) -> float:
    """For a sample of placed points: the share of each one's ``k`` nearest neighbours (cosine, full dimension,
    among the placed points) that are also among its ``k`` nearest on the map, averaged."""
    import faiss

    from workbench.core.atlas.ann import exact_search

    placed = np.flatnonzero(~np.isnan(xy).any(axis=1))
    if len(placed) <= k:
        return 1.0
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(placed), size=min(queries, len(placed)), replace=False)
    subset = vectors if len(placed) == len(vectors) else np.asarray(vectors[placed])
    query_vectors = np.asarray(subset[chosen], dtype=np.float32)
    query_vectors /= np.maximum(np.linalg.norm(query_vectors, axis=1, keepdims=True), 1e-12)
    original = exact_search(subset, len(placed), query_vectors, k + 1)
    flat = faiss.IndexFlatL2(2)
    points = np.ascontiguousarray(xy[placed], dtype=np.float32)
    flat.add(points)
    _, on_map = flat.search(points[chosen], k + 1)
    shares = []
    for row, i in enumerate(chosen):
        a = [j for j in original[row].tolist() if j != i][:k]
        b = [j for j in on_map[row].tolist() if j != i][:k]
        shares.append(len(set(a) & set(b)) / k)
    return float(np.mean(shares))
