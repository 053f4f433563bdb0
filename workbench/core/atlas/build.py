"""Build an atlas as one job: embed (resumable), index, lay out, cluster; the memory it needs is stated
before anything runs, and a stage already done with the same settings is not run again."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.atlas.ann import EXACT_LIMIT, NeighbourIndex
from workbench.core.atlas.clusters import cluster_terms, spherical_kmeans
from workbench.core.atlas.layout import TSNE_DIMS, TSNE_MAX_POINTS, knn_preservation, pca_layout, tsne_layout
from workbench.core.atlas.store import CHUNK, Atlas, create_atlas, embed_into, open_atlas
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.units import human_bytes

PROJECTIONS = ("pca", "tsne")
TSNE_BYTES_PER_POINT = 2_400  # openTSNE's neighbour graph, gradients and FFT grids, measured at 10k–100k points


@dataclass
class AtlasPlan:
    texts: int
    dim: int
    vectors_disk: int  # float16 vectors on disk (memory-mapped, read a chunk at a time)
    index_memory: int
    layout_memory: int
    available: int

    @property
    def memory(self) -> int:
        return self.index_memory + self.layout_memory

    @property
    def fits(self) -> bool:
        return self.memory < 0.8 * self.available

    def to_json(self) -> dict:
        return {"texts": self.texts, "dim": self.dim, "vectors_disk_bytes": self.vectors_disk,
                "index_bytes": self.index_memory, "layout_bytes": self.layout_memory,
                "memory_bytes": self.memory, "available_bytes": self.available, "fits": self.fits}

    def describe(self) -> str:
        return translate("core", "{n} texts × {d} dimensions: vectors {vectors} on disk; in memory the index "
                                 "{index} and the layout {layout} ({memory} of the {available} available).").format(
            n=f"{self.texts:,}", d=self.dim, vectors=human_bytes(self.vectors_disk), index=human_bytes(self.index_memory),
            layout=human_bytes(self.layout_memory), memory=human_bytes(self.memory),
            available=human_bytes(self.available))


def plan_atlas(texts: int, dim: int, projection: str = "pca", max_points: int = TSNE_MAX_POINTS) -> AtlasPlan:
    from workbench.core.devices import memory_status

    if projection not in PROJECTIONS:
        raise WorkbenchError(translate("core", "Unknown projection '{m}'.").format(m=projection),
                             translate("core", "Choose pca or tsne."))
    index = texts * dim * 4 if texts <= EXACT_LIMIT else texts * (dim + 8)  # float32 flat, or 8-bit codes + ids
    chunk = 65536 * dim * 4 * 2
    layout = texts * 8 + chunk
    if projection == "tsne":
        placed = min(texts, max_points)
        layout += texts * TSNE_DIMS * 4 + placed * TSNE_BYTES_PER_POINT
    return AtlasPlan(texts, dim, texts * dim * 2, index, layout, memory_status("cpu").available_bytes)


def model_dim(library, model: str) -> int:
    """The vector size of ``model``'s sentence vectors, from its config (no weights read)."""
    import json

    path = Path(library.resolve(model))
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    return int(config.get("hidden_size") or config.get("d_model") or config.get("dim") or 0)


def build_atlas(service, model: str, folder: str | Path, texts: list[str] | None = None,
                labels: list[str] | None = None, projection: str = "pca", clusters: int = 0,
                max_points: int = TSNE_MAX_POINTS, seed: int = 0, pooling: str = "auto", source: str = "",
                chunk: int = CHUNK, cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> Atlas:
    """Make (or continue) the atlas in ``folder``: ``texts`` start a new one; without them the folder's
    atlas is continued where it stopped."""
    folder = Path(folder)
    atlas = open_atlas(folder) if texts is None else create_atlas(folder, texts, model, labels, source)
    if atlas.meta.get("model") != model and atlas.embedded:
        raise WorkbenchError(translate("core", "This atlas was embedded with {old}, not {new}.").format(
            old=atlas.meta.get("model"), new=model), translate("core", "Continue it with the same model."))
    seconds = dict(atlas.meta.get("seconds", {}))
    if not atlas.complete:
        handle = service.load(model, progress=progress, cancel=cancel)
        dim = int(getattr(handle.config, "hidden_size", 0) or atlas.meta.get("dim") or 0)
        plan = plan_atlas(atlas.count, dim, projection, max_points)
        if not plan.fits:
            raise WorkbenchError(translate("core", "This atlas would not fit in memory: {plan}").format(
                plan=plan.describe()), translate("core", "Use fewer texts, or PCA instead of t-SNE, or a smaller "
                                                         "t-SNE sample (max points)."))
        t0 = time.perf_counter()
        with service.use(handle):
            embed_into(atlas, handle, pooling, chunk=chunk, cancel=cancel, progress=progress)
        seconds["embed"] = seconds.get("embed", 0.0) + time.perf_counter() - t0
    vectors = atlas.vectors()
    n = atlas.count
    if not (folder / "index.faiss").exists():
        index = NeighbourIndex.build(vectors, n, seed, cancel, progress)
        index.save(folder)
        seconds["index"] = index.build_seconds
    layout = {"projection": projection, "max_points": max_points, "seed": seed}
    if atlas.meta.get("layout", {}).get("settings") != layout:
        t0 = time.perf_counter()
        if projection == "pca":
            xy, shares = pca_layout(vectors, n, cancel, progress)
            sample, extra = None, {"explained_variance": shares}
        else:
            xy, sample = tsne_layout(vectors, n, max_points, seed, cancel, progress)
            extra = {"placed": int(n if sample is None else len(sample))}
        seconds["layout"] = time.perf_counter() - t0
        progress(Progress(0, 0, translate("core", "Checking how well the map keeps neighbours")))
        extra["knn_preservation"] = knn_preservation(vectors, xy, seed=seed)
        atlas.save_array("xy", xy)
        atlas.meta["layout"] = {"settings": layout, **extra}
        atlas.save_meta()
    if clusters and atlas.meta.get("clusters", {}).get("k") != clusters:
        t0 = time.perf_counter()
        groups = spherical_kmeans(vectors, clusters, n, seed, cancel, progress)
        progress(Progress(0, 0, translate("core", "Naming the clusters by their distinctive words")))
        names = cluster_terms(atlas.texts, groups, seed=seed)
        atlas.save_array("clusters", groups)
        atlas.meta["clusters"] = {"k": clusters, "terms": {str(k): v for k, v in sorted(names.items())},
                                  "sizes": np.bincount(groups, minlength=clusters).tolist()}
        seconds["clusters"] = time.perf_counter() - t0
    atlas.meta["seconds"] = seconds
    atlas.save_meta()
    return atlas
