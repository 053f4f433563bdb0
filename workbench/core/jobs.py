"""The contract between core jobs and their callers (the Qt worker bridge and the CLI).

A job is a plain function or generator. It takes its inputs as arguments (never reads widgets),
reports progress by yielding events or calling a ``progress`` callback, and stops when its
``CancelToken`` is cancelled by raising ``Cancelled``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable


class Cancelled(Exception):
    """The user asked the job to stop. A quiet outcome, never shown as an error."""


class WorkbenchError(Exception):
    """A failure the user can act on: what happened, and what to do about it.

    ``message`` says what is wrong (and where: file, row, column); ``hint`` says what to do.
    """

    def __init__(self, message: str, hint: str = "", details: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


class CancelToken:
    """Thread-safe cancellation flag shared between the caller and the job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; returns True (early) if cancelled meanwhile."""
        return self._event.wait(seconds)


NEVER_CANCELLED = CancelToken()


@dataclass
class Event:
    """Base class of everything a job yields."""


@dataclass
class Progress(Event):
    """Progress of a job: ``done`` out of ``total`` (``total`` 0 means unknown)."""

    done: float
    total: float = 0.0
    message: str = ""
    unit: str = ""

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.done / self.total) if self.total else None


@dataclass
class Log(Event):
    """A line worth showing to the user while a job runs."""

    message: str
    level: str = "info"


@dataclass
class Result(Event):
    """The final value of a generator job, yielded last."""

    value: object = None
    extra: dict = field(default_factory=dict)


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    pass
