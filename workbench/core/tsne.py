"""scikit-learn's t-SNE in a child process, so that Stop ends it at once.

``TSNE`` has no callback to report progress or to stop between iterations. It runs in a spawned
process instead: its own ``verbose`` lines (``[t-SNE] Iteration 50: ...``, printed every 50
iterations) come back as progress, the placed points come back through a pipe, and a cancelled
token ends the process. As with any ``multiprocessing`` code, a script that calls it needs the
``if __name__ == "__main__":`` guard (the workbench's own entry points and the bundle have it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import sys
import threading

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, \
    no_progress

_ITERATION = re.compile(r"\[t-SNE\] Iteration (\d+):")
POLL_SECONDS = 0.05


def tsne_params(points: int, seed: int) -> dict:
    """The ``TSNE`` arguments the workbench uses (the same as its "copy as code")."""
    perplexity = float(min(30.0, max(1.0, (points - 1) / 3)))
    return {"n_components": 2, "perplexity": perplexity, "init": "pca", "learning_rate": "auto", "random_state": seed}


def max_iterations() -> int:
    from sklearn.manifold import TSNE

    return TSNE().max_iter


def run_tsne(data: np.ndarray, seed: int = 0, cancel: CancelToken = NEVER_CANCELLED,
             progress: ProgressCallback = no_progress) -> np.ndarray:
    """``TSNE(**tsne_params(...)).fit_transform(data)`` as float32, run in a child process."""
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
            except EOFError:
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


class _IterationLines:
    """The child's stdout: sends each iteration TSNE reports to the parent."""

    def __init__(self, conn):
        self.conn = conn

    def write(self, text: str) -> int:
        for found in _ITERATION.finditer(text):
            self.conn.send(("iteration", int(found.group(1))))
        return len(text)

    def flush(self) -> None:
        pass


def _child(conn, seed: int) -> None:
    data = conn.recv()
    from sklearn.manifold import TSNE

    sys.stdout = _IterationLines(conn)
    try:
        placed = TSNE(**tsne_params(len(data), seed), verbose=2).fit_transform(data).astype(np.float32)
    except Exception as exc:  # noqa: BLE001 - any failure goes back to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("result", placed))
    finally:
        conn.close()
