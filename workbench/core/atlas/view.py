"""What the Atlas page needs from an atlas, read on a worker: its layout prepared for drawing, its clusters
and index; and the lookups the page makes (a typed query's nearest texts, a selection written to CSV)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.atlas.ann import NeighbourIndex
from workbench.core.atlas.store import Atlas, open_atlas
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError


@dataclass
class OpenedAtlas:
    atlas: Atlas
    xy: np.ndarray
    clusters: np.ndarray | None
    index: NeighbourIndex
    labels: list[str] | None

    @property
    def vectors(self) -> np.ndarray:
        return self.atlas.vectors()

    def neighbours(self, i: int, k: int = 10) -> list[tuple[int, float, str]]:
        hits = self.index.neighbours_of(self.vectors, i, k)
        return [(j, s, t) for (j, s), t in zip(hits, self.atlas.texts([j for j, _ in hits]))]

    def cluster_terms(self) -> dict[int, list[str]]:
        return {int(k): v for k, v in self.atlas.meta.get("clusters", {}).get("terms", {}).items()}


def read_atlas(folder: str | Path) -> OpenedAtlas:
    atlas = open_atlas(folder)
    xy = atlas.array("xy")
    index = NeighbourIndex.load(atlas.folder)
    if not atlas.complete or xy is None or index is None:
        raise WorkbenchError(translate("core", "The atlas in {folder} is not finished ({done} of {n} texts embedded)."
                                       ).format(folder=atlas.folder, done=f"{atlas.embedded:,}", n=f"{atlas.count:,}"),
                             translate("core", "Press Build to continue it where it stopped."))
    return OpenedAtlas(atlas, xy, atlas.array("clusters"), index, atlas.labels())


def search_atlas(service, opened: OpenedAtlas, query: str, k: int = 10) -> list[tuple[int, float, str]]:
    """The ``k`` texts nearest to ``query``, embedded with the atlas's own model and pooling."""
    from workbench.core.embeddings.sentences import embed_texts

    if not query.strip():
        raise WorkbenchError(translate("core", "The query is empty."), translate("core", "Type a few words to look for."))
    handle = service.load(opened.atlas.meta["model"])
    with service.use(handle):
        vector = embed_texts(handle, [query], "auto").vectors
    ids, scores = opened.index.search(vector, k)
    hits = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
    return [(i, s, t) for (i, s), t in zip(hits, opened.atlas.texts([i for i, _ in hits]))]


def export_selection(opened: OpenedAtlas, indices: np.ndarray, path: str | Path) -> int:
    """index, text, label, cluster, x, y of each selected text as CSV; returns the rows written."""
    texts = opened.atlas.texts(list(map(int, indices)))
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["index", "text", "label", "cluster", "x", "y"])
        for i, text in zip(map(int, indices), texts):
            writer.writerow([i, text, opened.labels[i] if opened.labels else "",
                             int(opened.clusters[i]) if opened.clusters is not None else "",
                             f"{opened.xy[i, 0]:.6g}", f"{opened.xy[i, 1]:.6g}"])
    return len(texts)
