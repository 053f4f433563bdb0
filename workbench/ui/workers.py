"""The worker bridge: run a core job on a worker thread and relay its events to the GUI thread.

A job is ``fn(*args, cancel=CancelToken, [progress=callable], **kwargs)``; it may return a value or
be a generator of events (a final ``Result`` event carries its value). Events are queued by the
worker and drained on the GUI thread by a timer at most ~30 times a second, so a fast token stream
becomes a few batched screen updates; the outcome is delivered as soon as the job ends. Errors reach the GUI as ``ErrorInfo`` with a plain message,
a suggested action and the traceback; ``Cancelled`` is a quiet outcome. No thread outlives its
owner: ``WorkerPool.shutdown`` cancels and joins every job on quit.
"""

from __future__ import annotations

import collections
import inspect
import logging
import threading
import traceback
from dataclasses import dataclass
from typing import Callable

from workbench.core.jobs import CancelToken, Cancelled, Progress, Result, WorkbenchError
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, Signal
from workbench.ui.widgets import show_fraction

log = logging.getLogger(__name__)

FRAME_MS = 33


@dataclass
class ErrorInfo:
    message: str
    hint: str = ""
    details: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> "ErrorInfo":
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        if isinstance(exc, WorkbenchError):
            return cls(exc.message, exc.hint, exc.details or details)
        if isinstance(exc, MemoryError) or "out of memory" in str(exc).lower():
            return cls(QtCore.QCoreApplication.translate("ErrorInfo", "The computer ran out of memory."),
                       QtCore.QCoreApplication.translate("ErrorInfo", "Use a smaller model, a shorter input or a smaller dtype."), details)
        return cls(f"{type(exc).__name__}: {exc}",
                   QtCore.QCoreApplication.translate("ErrorInfo", "This is unexpected; the details and the log say where it happened."), details)


_tr = translator("ErrorInfo")
# JobSlot's status lines, marked so that lupdate collects them (a bare _tr(...) it does not see)
ERROR_LINE = QtCore.QT_TRANSLATE_NOOP("ErrorInfo", "⚠ {message} {hint}")
STOPPED = QtCore.QT_TRANSLATE_NOOP("ErrorInfo", "Stopped.")


def _takes(fn: Callable, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


class Job(QtCore.QObject):
    """One run of a core function on its own thread. Signals arrive on the GUI thread."""

    events = Signal(list)  # a batch of events, oldest first
    succeeded = Signal(object)  # the return value (or the final Result's value)
    failed = Signal(object)  # ErrorInfo
    cancelled = Signal()
    finished = Signal()  # always, after exactly one of the three above
    _ended = Signal()  # from the worker thread, queued: deliver the outcome now, not at the next frame tick

    def __init__(self, fn: Callable, *args, name: str = "", parent: QtCore.QObject | None = None, **kwargs):
        super().__init__(parent)
        self.name = name or getattr(fn, "__name__", "job")
        self.token = CancelToken()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._queue: collections.deque = collections.deque()
        self._outcome: tuple | None = None
        self._thread: threading.Thread | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._drain)
        self._ended.connect(self._drain)
        self._delivered = False

    # worker thread -------------------------------------------------------------------------
    def _emit(self, event) -> None:
        self._queue.append(event)

    def _run(self) -> None:
        kwargs = dict(self._kwargs)
        if _takes(self._fn, "cancel"):
            kwargs.setdefault("cancel", self.token)
        if _takes(self._fn, "progress"):
            kwargs.setdefault("progress", self._emit)
        try:
            value = self._fn(*self._args, **kwargs)
            if inspect.isgenerator(value):
                final = None
                for event in value:
                    if isinstance(event, Result):
                        final = event.value
                    else:
                        self._queue.append(event)
                    if self.token.cancelled:
                        value.close()
                        raise Cancelled()
                value = final
            self._outcome = ("ok", value)
        except Cancelled:
            self._outcome = ("cancelled", None)
        except BaseException as exc:  # every failure must reach the user
            log.exception("job %s failed", self.name)
            self._outcome = ("error", ErrorInfo.from_exception(exc))
        self._ended.emit()

    # GUI thread ---------------------------------------------------------------------------
    def start(self) -> "Job":
        self._thread = threading.Thread(target=self._run, name=f"job-{self.name}", daemon=True)
        self._thread.start()
        self._timer.start()
        return self

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self._outcome is None and self._thread is not None

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _drain(self) -> None:
        if self._delivered:
            return
        outcome = self._outcome  # read before draining: events queued before the outcome are delivered first
        if self._queue:
            batch = []
            while self._queue:
                batch.append(self._queue.popleft())
            self.events.emit(batch)
        if outcome is None:
            return
        self._timer.stop()
        self._delivered = True
        status, value = outcome
        if status == "ok":
            self.succeeded.emit(value)
        elif status == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.finished.emit()

    def finish_now(self) -> None:
        """Block until the job ends and deliver its signals (tests, shutdown)."""
        self.wait()
        self._drain()


class WorkerPool(QtCore.QObject):
    """Keeps every running job so that quitting can stop and wait for them."""

    busy_changed = Signal(bool)
    error = Signal(object)  # ErrorInfo of any job, for the app's notification area

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._jobs: list[Job] = []

    def submit(self, fn: Callable, *args, name: str = "", on_events: Callable | None = None,
               on_success: Callable | None = None, on_error: Callable | None = None,
               on_cancel: Callable | None = None, on_finished: Callable | None = None, **kwargs) -> Job:
        job = Job(fn, *args, name=name, parent=self, **kwargs)
        if on_events:
            job.events.connect(on_events)
        if on_success:
            job.succeeded.connect(on_success)
        if on_error:
            job.failed.connect(on_error)
        else:
            job.failed.connect(self.error.emit)
        if on_cancel:
            job.cancelled.connect(on_cancel)
        if on_finished:
            job.finished.connect(on_finished)
        job.finished.connect(lambda: self._forget(job))
        self._jobs.append(job)
        self.busy_changed.emit(True)
        return job.start()

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        # Python owns the finished job from here; it goes when the last reference does.
        job.setParent(None)
        if not self._jobs:
            self.busy_changed.emit(False)

    @property
    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def shutdown(self, timeout: float = 10.0) -> None:
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            if not job.wait(timeout):
                log.warning("job %s did not stop within %.0f s", job.name, timeout)


class LatestRequest:
    """At most one live job per slot: a new request cancels the previous one and its late results
    are dropped, so moving a slider never queues stale work."""

    def __init__(self, pool: WorkerPool):
        self.pool = pool
        self.job: Job | None = None
        self._generation = 0

    def submit(self, fn: Callable, *args, on_success: Callable | None = None, on_error: Callable | None = None,
               on_events: Callable | None = None, on_finished: Callable | None = None, **kwargs) -> Job:
        if self.job is not None and self.job.running:
            self.job.cancel()
        self._generation += 1
        generation = self._generation

        def current(callback):
            if callback is None:
                return None
            return lambda *a: callback(*a) if generation == self._generation else None

        self.job = self.pool.submit(fn, *args, on_success=current(on_success), on_error=current(on_error),
                                    on_events=current(on_events), on_finished=current(on_finished), **kwargs)
        return self.job


class JobSlot(QtCore.QObject):
    """A view's one running job and everything that follows it: Run/Stop buttons, the progress bar,
    the status line, "Stopped." and the error text. The wiring every tab needs, written once.

    ``submit`` refuses a second job while one runs (returns None); ``status`` receives plain text
    (a label's ``setText``); ``on_error`` replaces the default "⚠ message hint" status line.
    ``on_success`` runs once the slot is free again, so it may start the next job.
    """

    running_changed = Signal(bool)

    def __init__(self, pool: WorkerPool, parent: QtCore.QObject | None = None, *, progress=None,
                 run_buttons=(), stop_buttons=(), status: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.pool = pool
        self.job: Job | None = None
        self.progress = progress
        self.run_buttons = list(run_buttons)
        self.stop_buttons = list(stop_buttons)
        self.status = status
        if progress is not None:
            progress.hide()
        self._sync()

    @property
    def running(self) -> bool:
        return self.job is not None

    def submit(self, fn: Callable, *args, name: str = "", busy: str = "", on_events: Callable | None = None,
               on_success: Callable | None = None, on_error: Callable | None = None,
               on_cancel: Callable | None = None, on_finished: Callable | None = None, **kwargs) -> Job | None:
        if self.job is not None:
            return None
        if busy and self.status is not None:
            self.status(busy)
        if self.progress is not None:
            self.progress.setRange(0, 0)
            self.progress.setFormat("")
            self.progress.show()

        def events(batch):
            self._progress(batch)
            if on_events is not None:
                on_events(batch)

        def failed(info: ErrorInfo):
            if on_error is not None:
                on_error(info)
            elif self.status is not None:
                self.status(_tr(ERROR_LINE).format(message=info.message, hint=info.hint).strip())

        def cancelled():
            if self.status is not None:
                self.status(_tr(STOPPED))
            if on_cancel is not None:
                on_cancel()

        succeeded = []

        def finished():
            self.job = None
            if self.progress is not None:
                self.progress.hide()
            self._sync()
            if succeeded and on_success is not None:
                on_success(succeeded[0])
            if on_finished is not None:
                on_finished()

        self.job = self.pool.submit(fn, *args, name=name, on_events=events, on_success=succeeded.append,
                                    on_error=failed, on_cancel=cancelled, on_finished=finished, **kwargs)
        self._sync()
        return self.job

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def shutdown(self, timeout: float = 10.0) -> None:
        job = self.job
        if job is not None:
            job.cancel()
            job.wait(timeout)

    def _progress(self, batch: list) -> None:
        if self.progress is None:
            return
        for event in batch:
            if isinstance(event, Progress):
                show_fraction(self.progress, event.fraction)
                if event.message:
                    self.progress.setFormat(event.message)

    def _sync(self) -> None:
        for button in self.run_buttons:
            button.setEnabled(self.job is None)
        for button in self.stop_buttons:
            button.setEnabled(self.job is not None)
        self.running_changed.emit(self.job is not None)
