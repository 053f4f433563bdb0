"""t-SNE with openTSNE (FFT-accelerated: minutes become seconds at 10,000 points) in a child process,
so that Stop ends it at once.

Two settings make it fit a laptop CPU at 100,000 points: the FFT grid is three times coarser than
openTSNE's default (``INTS_IN_INTERVAL``; its cost grows with the map's width, which grows with the
number of points), and above ``EXACT_NEIGHBOURS`` points each point's neighbours come from a faiss
HNSW graph (a few seconds) instead of openTSNE's Annoy forest (most of a minute).

The child reports each 25th iteration back through a pipe (openTSNE's callbacks), the placed points come
back the same way, and a cancelled token ends the process. As with any ``multiprocessing`` code, a script
that calls it needs the ``if __name__ == "__main__":`` guard (the workbench's own entry points and the
bundle have it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, \
    no_progress

POLL_SECONDS = 0.05
REPORT_EVERY = 25  # iterations between progress reports
EARLY_ITERATIONS, ITERATIONS = 250, 500  # openTSNE's defaults: early exaggeration, then the rest
INTS_IN_INTERVAL = 3  # openTSNE's default is 1; 3 is 5x faster at 10,000 points, neighbours kept alike
EXACT_NEIGHBOURS = 20_000  # up to here openTSNE finds the neighbours itself


def tsne_params(points: int, seed: int) -> dict:
    """The ``openTSNE.TSNE`` arguments the workbench uses (the same as its "copy as code")."""
    perplexity = float(min(30.0, max(1.0, (points - 1) / 3)))
    return {"n_components": 2, "perplexity": perplexity, "initialization": "pca", "random_state": seed,
            "ints_in_interval": INTS_IN_INTERVAL,
            # every core: the child runs at a lower priority, so the window still gets its turn at once
            "n_jobs": os.cpu_count() or 1}


def max_iterations() -> int:
    return EARLY_ITERATIONS + ITERATIONS


def run_tsne(data: np.ndarray, seed: int = 0, cancel: CancelToken = NEVER_CANCELLED,
             progress: ProgressCallback = no_progress) -> np.ndarray:
    """``openTSNE.TSNE(**tsne_params(...)).fit(data)`` as float32, run in a child process."""
    total = max_iterations()
    context = multiprocessing.get_context("spawn")  # never fork a process that holds threads and torch
    ours, theirs = context.Pipe()
    process = context.Process(target=_child, args=(theirs, seed), daemon=True, name="workbench-tsne")
    process.start()
    theirs.close()
    # The data goes through the pipe, not as an argument: a child that dies while starting then breaks
    # the pipe instead of leaving the parent blocked on writing the arguments. A thread sends it, so
    # that Stop is heard while the child is still starting.
    sending = threading.Thread(target=_send, args=(ours, np.ascontiguousarray(data)), daemon=True,
                               name="tsne-send")
    sending.start()
    try:
        while True:
            cancel.raise_if_cancelled()
            if not ours.poll(POLL_SECONDS):
                continue
            try:
                kind, value = ours.recv()
            except (EOFError, OSError):  # the child is gone (a reset pipe when it died during the data's send)
                _raise_died(process)
            if kind == "iteration":
                progress(Progress(min(value, total), total, translate("core", "t-SNE iteration {i} of {n}").format(
                    i=value, n=total), unit="iterations"))
            elif kind == "error":
                raise WorkbenchError(translate("core", "t-SNE failed: {error}").format(error=value),
                                     translate("core", "Try PCA, or fewer texts (the t-SNE sample size)."))
            else:
                return value
    finally:
        if process.is_alive():
            process.kill()  # cancelled or failed: Stop ends the computation at once
        process.join()
        sending.join()
        ours.close()


def _send(conn, data: np.ndarray) -> None:
    with contextlib.suppress(OSError):  # the child died: the parent hears it as the end of the pipe
        conn.send(data)


def _raise_died(process) -> None:
    process.join()
    raise WorkbenchError(
        translate("core", "t-SNE stopped unexpectedly (its process ended with code {code}).").format(
            code=process.exitcode),
        translate("core", "Try PCA, or fewer texts (the t-SNE sample size).")) from None


def hnsw_affinities(data: np.ndarray, perplexity: float, seed: int):
    """openTSNE's perplexity-based affinities over neighbours from a faiss HNSW graph (recall ~0.99)."""
    import faiss
    from openTSNE.affinity import PerplexityBasedNN
    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    n = len(data)
    k = min(n - 1, int(3 * perplexity))  # as many as openTSNE itself asks for
    data = np.ascontiguousarray(data, dtype=np.float32)
    index = faiss.IndexHNSWFlat(data.shape[1], 32)
    index.hnsw.efConstruction = 80
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # one thread builds the same graph every time: the same seed, the same map
    index.add(data)
    faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = max(128, 2 * k)
    distances, found = index.search(data, k + 1)
    if (found < 0).any():
        return None  # too few found for some point: openTSNE's own search instead
    itself = found == np.arange(n)[:, None]
    keep = ~itself
    keep[~itself.any(axis=1), -1] = False  # a point not found among its own neighbours drops the farthest
    found, distances = found[keep].reshape(n, k), distances[keep].reshape(n, k)
    return PerplexityBasedNN(perplexity=perplexity, random_state=seed, knn_index=PrecomputedNeighbors(
        found, np.sqrt(np.maximum(distances, 0))))


def _child(conn, seed: int) -> None:
    if hasattr(os, "nice"):
        os.nice(10)  # the window's process comes first
    data = conn.recv()
    from openTSNE import TSNE

    done = {"early": 0}

    def report(iteration: int, error: float, embedding) -> None:
        # openTSNE counts each phase from zero: the early exaggeration, then the rest
        if iteration == EARLY_ITERATIONS and not done["early"]:
            done["early"] = EARLY_ITERATIONS
            conn.send(("iteration", EARLY_ITERATIONS))
            return
        conn.send(("iteration", done["early"] + iteration))

    try:
        params = tsne_params(len(data), seed)
        affinities = hnsw_affinities(data, params["perplexity"], seed) if len(data) > EXACT_NEIGHBOURS else None
        placed = TSNE(**params, callbacks=report, callbacks_every_iters=REPORT_EVERY, verbose=False).fit(
            data, affinities=affinities)
    except Exception as exc:  # noqa: BLE001 - any failure goes back to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("result", np.asarray(placed, dtype=np.float32)))
    finally:
        conn.close()
