"""2D maps of sentence vectors: PCA / t-SNE projections, k-means clusters, nearest texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.embeddings.sentences import BATCH_SIZE, Pooling, SentenceVectors, embed_texts
from workbench.core.embeddings.words import unit_rows
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

PROJECTIONS = ("pca", "tsne")
TSNE_PCA_DIMS = 50  # t-SNE runs on the first 50 principal components (scikit-learn's own advice)
MAX_CLUSTERS = 50


# ---- maps ----------------------------------------------------------------------------------------
@dataclass
class Projection:
    xy: np.ndarray  # (n, 2) float32; NaN rows for points left out of a t-SNE sample
    method: str
    explained_variance: list[float] | None = None  # PCA: the two components' shares of the variance
    sample: np.ndarray | None = None  # indices that t-SNE placed, when it ran on a sample
    notes: list[str] = field(default_factory=list)


def project(vectors: np.ndarray, method: str = "pca", seed: int = 0, tsne_limit: int | None = None,
            cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> Projection:
    """Two coordinates per vector with scikit-learn: PCA, or t-SNE (on at most ``tsne_limit`` points,
    a seeded random sample beyond that, and on the first 50 principal components of wider vectors; in a
    child process that a cancel ends)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    n = len(vectors)
    _check_projection(method)
    if n < 2:
        raise WorkbenchError(translate("core", "A map needs at least two texts; there is {n}.").format(n=n),
                             translate("core", "Add more texts, one per line."))
    from sklearn.decomposition import PCA

    if method == "pca":
        progress(Progress(0, 0, translate("core", "PCA of {n} vectors").format(n=f"{n:,}")))
        pca = PCA(n_components=2, random_state=seed)
        xy = pca.fit_transform(vectors).astype(np.float32)
        return Projection(xy, "pca", [float(v) for v in pca.explained_variance_ratio_])
    from workbench.core.tsne import max_iterations, run_tsne

    notes = []
    sample = None
    data = vectors
    if tsne_limit is not None and n > tsne_limit:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=tsne_limit, replace=False))
        data = vectors[sample]
        notes.append(translate("core", "t-SNE placed a random sample of {k} of the {n} texts (seed {seed}); the "
                                       "others are not on this map. PCA shows them all.").format(
            k=f"{tsne_limit:,}", n=f"{n:,}", seed=seed))
    if data.shape[1] > TSNE_PCA_DIMS and len(data) > TSNE_PCA_DIMS:
        data = PCA(n_components=TSNE_PCA_DIMS, random_state=seed).fit_transform(data)
        notes.append(translate("core", "t-SNE ran on the first {d} principal components.").format(d=TSNE_PCA_DIMS))
    cancel.raise_if_cancelled()
    progress(Progress(0, max_iterations(), translate("core", "t-SNE: finding neighbours of {n} points").format(
        n=f"{len(data):,}"), unit="iterations"))
    placed = run_tsne(data, seed, cancel, progress)
    if sample is None:
        return Projection(placed, "tsne", None, None, notes)
    xy = np.full((n, 2), np.nan, dtype=np.float32)
    xy[sample] = placed
    return Projection(xy, "tsne", None, sample, notes)


def _check_projection(method: str) -> None:
    if method not in PROJECTIONS:
        raise WorkbenchError(translate("core", "Unknown projection '{m}'.").format(m=method),
                             translate("core", "Choose pca or tsne."))


def _check_clusters(k: int, n: int) -> None:
    if not 2 <= k <= min(n, MAX_CLUSTERS):
        raise WorkbenchError(translate("core", "Cannot make {k} clusters of {n} texts.").format(k=k, n=n),
                             translate("core", "Choose between 2 and {top} clusters.").format(
                                 top=max(2, min(n, MAX_CLUSTERS))))


def kmeans(vectors: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Cluster numbers by k-means over the L2-normalised vectors (so that it follows cosine)."""
    _check_clusters(k, len(vectors))
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(unit_rows(vectors)).astype(np.int32)


def nearest_other(vectors: np.ndarray, cancel: CancelToken = NEVER_CANCELLED,
                  progress: ProgressCallback = no_progress) -> tuple[np.ndarray, np.ndarray]:
    """For every vector, the index of the most similar other one (cosine, full dimension) and its score."""
    unit = unit_rows(vectors)
    n = len(unit)
    index = np.zeros(n, dtype=np.int64)
    score = np.zeros(n, dtype=np.float32)
    step = max(1, min(n, 4_000_000 // max(1, n)))  # ~16 MB of scores per chunk
    for start in range(0, n, step):
        cancel.raise_if_cancelled()
        sims = unit[start:start + step] @ unit.T
        rows = np.arange(sims.shape[0])
        sims[rows, start + rows] = -np.inf
        index[start:start + step] = sims.argmax(axis=1)
        score[start:start + step] = sims[rows, index[start:start + step]]
        if n > 2000:
            progress(Progress(min(n, start + step), n, translate("core", "Nearest neighbours of {n} texts").format(
                n=f"{n:,}"), unit="texts"))
    return index, score


def neighbours_of(vectors: np.ndarray, index: int, k: int = 10) -> list[tuple[int, float]]:
    """The ``k`` items most similar to item ``index`` (cosine), best first, itself left out."""
    unit = unit_rows(vectors)
    sims = unit @ unit[index]
    sims[index] = -np.inf
    k = min(k, len(unit) - 1)
    if k <= 0:
        return []
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    return [(int(i), float(sims[i])) for i in top]


@dataclass
class SentenceMap:
    model: str
    texts: list[str]
    labels: list[str] | None
    vectors: np.ndarray  # (n, d) float32: exactly what was projected
    pooling: Pooling
    projection: Projection
    clusters: np.ndarray | None  # (n,) int32
    neighbour: np.ndarray  # (n,) index of the nearest other item
    neighbour_score: np.ndarray
    truncated: int = 0
    limit: int = 0
    seconds: dict = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        notes = list(self.projection.notes)
        if self.truncated:
            notes.append(translate("core", "{n} texts were longer than {limit} tokens; only their beginning was "
                                           "read.").format(n=self.truncated, limit=self.limit))
        return notes

    def to_json(self) -> dict:
        items = []
        for i, text in enumerate(self.texts):
            x, y = (float(v) for v in self.projection.xy[i])
            items.append({"text": text, "label": self.labels[i] if self.labels is not None else None,
                          "x": None if np.isnan(x) else x, "y": None if np.isnan(y) else y,
                          "cluster": int(self.clusters[i]) if self.clusters is not None else None,
                          "neighbour": int(self.neighbour[i])})
        ev = self.projection.explained_variance
        return {"items": items, "pooling": self.pooling.describe(),
                "explained_variance": [float(ev[0]), float(ev[1])] if ev else None}


def build_map(service, model: str, texts: list[str], labels: list[str] | None = None, pooling: str = "auto",
              projection: str = "pca", clusters: int = 0, seed: int = 0, tsne_limit: int | None = None,
              batch_size: int = BATCH_SIZE, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress) -> SentenceMap:
    """Embed ``texts`` with ``model``, project them to 2D, cluster them, and find each one's nearest other."""
    import time

    if not texts:
        raise WorkbenchError(translate("core", "There are no texts to embed."),
                             translate("core", "Type or paste texts, one per line, or load a file."))
    if len(texts) < 2:
        raise WorkbenchError(translate("core", "A map needs at least two texts; there is 1."),
                             translate("core", "Add more texts, one per line."))
    _check_projection(projection)
    if clusters:
        _check_clusters(clusters, len(texts))
    if labels is not None and len(labels) != len(texts):
        raise ValueError("labels and texts differ in length")
    seconds = {}
    t0 = time.perf_counter()
    embedded = _embed(service, model, texts, pooling, batch_size, cancel, progress)
    seconds["embed"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    nearest, nearest_score = nearest_other(embedded.vectors, cancel, progress)
    seconds["neighbours"] = time.perf_counter() - t0
    cancel.raise_if_cancelled()
    t0 = time.perf_counter()
    placed = project(embedded.vectors, projection, seed, tsne_limit, cancel, progress)
    seconds["project"] = time.perf_counter() - t0
    groups = None
    if clusters:
        cancel.raise_if_cancelled()
        progress(Progress(0, 0, translate("core", "k-means: {k} clusters").format(k=clusters)))
        groups = kmeans(embedded.vectors, clusters, seed)
    return SentenceMap(model, texts, labels, embedded.vectors, embedded.pooling, placed, groups, nearest,
                       nearest_score, embedded.truncated, embedded.limit, seconds)


def _embed(service, model: str, texts: list[str], pooling: str, batch_size: int, cancel: CancelToken,
           progress: ProgressCallback) -> SentenceVectors:
    """The model's pooled sentence vectors, or, for static word vectors, the mean of each text's words."""
    from workbench.core.embeddings import static

    folder = static.folder_of(service, model)
    if folder is None:
        handle = service.load(model, progress=progress, cancel=cancel)
        with service.use(handle):
            return embed_texts(handle, texts, pooling, batch_size, cancel, progress)
    vectors, empty = static.load_vectors(folder, model).sentence_vectors(texts)
    if empty == len(texts):
        raise WorkbenchError(translate("core", "None of the texts has a word that {name} knows.").format(name=model),
                             translate("core", "Use texts in the language these vectors were trained on."))
    return SentenceVectors(vectors, Pooling("words"), 0, 0)


def save_map(result: SentenceMap, path: str | Path) -> None:
    """NPZ: vectors, texts, labels, xy (+ clusters, neighbour); CSV: one row per text with its vector."""
    path = Path(path)
    labels = result.labels if result.labels is not None else [""] * len(result.texts)
    if path.suffix.lower() == ".csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            dims = result.vectors.shape[1]
            writer.writerow(["text", "label", "x", "y", "cluster", "neighbour"] + [f"v{i}" for i in range(dims)])
            for i, text in enumerate(result.texts):
                cluster = "" if result.clusters is None else int(result.clusters[i])
                writer.writerow([text, labels[i], *(f"{v:.6g}" for v in result.projection.xy[i]), cluster,
                                 int(result.neighbour[i])] + [f"{v:.7g}" for v in result.vectors[i]])
        return
    extra = {}
    if result.clusters is not None:
        extra["clusters"] = result.clusters
    if result.projection.sample is not None:
        extra["sample"] = result.projection.sample
    np.savez_compressed(path, vectors=result.vectors.astype(np.float32), texts=np.array(result.texts, dtype=str),
                        labels=np.array(labels, dtype=str), xy=result.projection.xy, neighbour=result.neighbour,
                        pooling=np.array(result.pooling.describe()), **extra)
