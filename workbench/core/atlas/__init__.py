"""Maps of many texts (up to millions) on a laptop CPU: an atlas is a folder that holds the texts, their
vectors (streamed to disk in chunks, resumable), an approximate nearest-neighbour index, a 2D layout and
clusters with the words that set each apart. Reopening it needs no model and no recomputation.

- ``store``: the folder: texts with offsets, float16 vectors in a memory-mapped file, ``atlas.json``;
  ``embed_into`` fills the vectors chunk by chunk and resumes where it stopped.
- ``ann``: ``NeighbourIndex`` (faiss: exact below ``EXACT_LIMIT`` points, else an inverted-file index whose
  probe count is tuned at build time until recall@10 against exact search reaches the target).
- ``layout``: PCA streamed over the vectors (any size), t-SNE (openTSNE, in a child process) on up to
  ``max_points``; ``knn_preservation`` says how much of each point's neighbourhood the map kept.
- ``clusters``: spherical k-means (faiss) and each cluster's most distinctive words (c-TF-IDF).
- ``build``: the whole pipeline as one job, with the memory it needs stated before it starts.
"""

from workbench.core.atlas.ann import NeighbourIndex
from workbench.core.atlas.build import AtlasPlan, build_atlas, plan_atlas
from workbench.core.atlas.clusters import cluster_terms, spherical_kmeans
from workbench.core.atlas.layout import knn_preservation, pca_layout, tsne_layout
from workbench.core.atlas.store import Atlas, create_atlas, embed_into, open_atlas

__all__ = ["NeighbourIndex", "AtlasPlan", "build_atlas", "plan_atlas", "cluster_terms", "spherical_kmeans",
           "knn_preservation", "pca_layout", "tsne_layout", "Atlas", "create_atlas", "embed_into", "open_atlas"]
