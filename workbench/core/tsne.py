"""t-SNE with openTSNE (FFT-accelerated: minutes become seconds at 10,000 points) in a child process,
so that Stop ends it at once.

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


def tsne_params(points: int, seed: int) -> dict:
    """The ``openTSNE.TSNE`` arguments the workbench uses (the same as its "copy as code")."""
    perplexity = float(min(30.0, max(1.0, (points - 1) / 3)))
    return {"n_components": 2, "perplexity": perplexity, "initialization": "pca", "random_state": seed,
            "n_jobs": max(1, min(8, os.cpu_count() or 1))}


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


def _child(conn, seed: int) -> None:
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
        placed = TSNE(**tsne_params(len(data), seed), callbacks=report, callbacks_every_iters=REPORT_EVERY,
                      verbose=False).fit(data)
    except Exception as exc:  # noqa: BLE001 - any failure goes back to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("result", np.asarray(placed, dtype=np.float32)))
    finally:
        conn.close()
