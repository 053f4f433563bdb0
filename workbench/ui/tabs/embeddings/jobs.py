"""The Embeddings tab's jobs, run on worker threads with plain arguments: words (neighbours, an analogy, a
similarity matrix), the sentence map, one word across contexts, and a point's neighbours on the map."""

from __future__ import annotations

import numpy as np

from workbench.core import embeddings as E
from workbench.core.jobs import NEVER_CANCELLED, no_progress

TSNE_LIMIT = 10_000  # t-SNE beyond this many points takes minutes: the map then shows a stated sample


def words_job(service, model: str, mode: str, words: list[str], k: int, cancel=NEVER_CANCELLED,
              progress=no_progress) -> tuple:
    """(result, code): neighbours, an analogy or a similarity matrix, and the code reproducing it."""
    return E.words_and_code(service, model, mode, words, k, cancel=cancel, progress=progress)


def map_job(service, model: str, texts: list[str], labels: list[str] | None, pooling: str, projection: str,
            clusters: int, cancel=NEVER_CANCELLED, progress=no_progress) -> tuple:
    """(map, code) for the texts."""
    warm_imports()  # not on the GUI thread when the map is drawn
    result = E.build_map(service, model, texts, labels, pooling, projection, clusters, tsne_limit=TSNE_LIMIT,
                         cancel=cancel, progress=progress)
    return result, E.map_code(service, model, texts, result)


def contexts_job(service, model: str, word: str, texts: list[str], cancel=NEVER_CANCELLED,
                 progress=no_progress) -> tuple:
    result = E.run_contexts(service, model, word, texts, cancel=cancel, progress=progress)
    handle = service.load(model)
    return result, E.code_for_contexts(handle.path, handle.dtype, result)


def warm_imports() -> None:
    """scikit-learn and scipy load large native libraries, holding the GIL while they do: done once
    when the tab is first shown, so a map never pauses the window halfway. Through the app's one warm-up,
    which imports torch first: scipy imported beside a half-imported torch in another thread fails."""
    from workbench.ui.warmup import import_heavy_modules

    import_heavy_modules()


def neighbours_job(vectors: np.ndarray, index: int, k: int, cancel=NEVER_CANCELLED) -> list[tuple[int, float]]:
    cancel.raise_if_cancelled()
    return E.neighbours_of(vectors, index, k)
