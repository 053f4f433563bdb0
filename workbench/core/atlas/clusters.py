"""Clusters of an atlas: spherical k-means (faiss) on a sample, every text assigned to its nearest centre, and
each cluster named by its most distinctive words (c-TF-IDF: a word's frequency in the cluster, weighted by how
rare it is across clusters), as Embedding Atlas and BERTopic label theirs."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from workbench.core.atlas.store import unit_chunks
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

MAX_CLUSTERS = 200
TRAIN_PER_CLUSTER = 256  # k-means learns from at most this many points per centre (faiss's own advice)
TERM_TEXTS = 200_000  # words are counted over at most this many texts
_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def spherical_kmeans(vectors: np.ndarray, k: int, n: int | None = None, seed: int = 0,
                     cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> np.ndarray:
    """Cluster numbers (int32) of the first ``n`` vectors by cosine k-means."""
    import faiss

    n = len(vectors) if n is None else n
    if not 2 <= k <= min(n, MAX_CLUSTERS):
        raise WorkbenchError(translate("core", "Cannot make {k} clusters of {n} texts.").format(k=k, n=n),
                             translate("core", "Choose between 2 and {top} clusters.").format(
                                 top=max(2, min(n, MAX_CLUSTERS))))
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, size=min(n, TRAIN_PER_CLUSTER * k), replace=False))
    train = np.asarray(vectors[sample], dtype=np.float32)
    train /= np.maximum(np.linalg.norm(train, axis=1, keepdims=True), 1e-12)
    progress(Progress(0, n, translate("core", "k-means: {k} clusters from {m} texts").format(
        k=k, m=f"{len(sample):,}"), unit="texts"))
    kmeans = faiss.Kmeans(train.shape[1], k, niter=20, seed=seed, spherical=True, verbose=False)
    kmeans.train(train)
    out = np.empty(n, dtype=np.int32)
    for start, block in unit_chunks(vectors, n):
        cancel.raise_if_cancelled()
        out[start:start + len(block)] = kmeans.index.search(block, 1)[1][:, 0]
        progress(Progress(start + len(block), n, translate("core", "k-means: assigned {done} of {total}").format(
            done=f"{start + len(block):,}", total=f"{n:,}"), unit="texts"))
    return out


def words_of(text: str) -> list[str]:
    """Words for naming clusters: letters-only words of three or more letters (lower case, English stop words
    left out), and for Chinese each pair of neighbouring characters (no segmenter needed for naming)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = [w for w in (m.lower() for m in _WORD.findall(_CJK.sub(" ", text))) if w not in ENGLISH_STOP_WORDS]
    for run in _CJK.findall(text):
        words += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
    return words


def cluster_terms(texts, clusters: np.ndarray, top: int = 3, seed: int = 0) -> dict[int, list[str]]:
    """Each cluster's ``top`` most distinctive words by c-TF-IDF; ``texts(indices)`` reads texts by index."""
    n = len(clusters)
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(n, size=min(n, TERM_TEXTS), replace=False))
    counts: dict[int, Counter] = {}
    for i, text in zip(chosen.tolist(), texts(chosen)):
        counts.setdefault(int(clusters[i]), Counter()).update(words_of(text))
    overall = Counter()
    for c in counts.values():
        overall.update(c)
    average = sum(overall.values()) / max(1, len(counts))
    names = {}
    for cluster, c in counts.items():
        size = sum(c.values()) or 1
        scored = sorted(c.items(), key=lambda kv: -(kv[1] / size) * np.log(1 + average / overall[kv[0]]))
        names[cluster] = [w for w, _ in scored[:top]]
    return names
