"""The Attention tab's jobs, run on worker threads with plain arguments: capturing (A, and B for a
comparison), computing a view (or a difference) with its pixels, and the overview and head statistics."""

from __future__ import annotations

from workbench.core import attention as A
from workbench.core.jobs import NEVER_CANCELLED, no_progress
from workbench.ui.attention_plot import picture


def capture_job(service, model: str, text: str, second: str | None, generate: int, compare: tuple | None,
                cancel=NEVER_CANCELLED, progress=no_progress) -> tuple:
    """Capture A (and B for a comparison): (capture, capture_b or None)."""
    def one(ref: str, source: str) -> A.AttentionCapture:
        handle = service.load(ref, progress=progress, cancel=cancel)
        architecture = A.architecture_of(handle)
        return A.capture(handle, source, pair=second if architecture == "encoder" else None,
                         target=second if architecture == "encoder-decoder" else None, generate=generate,
                         service=service, cancel=cancel, progress=progress)

    first = one(model, text)
    second_capture = one(*compare) if compare else None
    return first, second_capture


def view_job(capture: A.AttentionCapture, capture_b: A.AttentionCapture | None, which: str,
             request: dict, cancel=NEVER_CANCELLED) -> tuple:
    """The view to draw, whether it is a difference (diverging colours), and its pixels."""
    view, diverging = _view(capture, capture_b, which, dict(request, cancel=cancel))
    return view, diverging, picture(view, diverging)


def _view(capture: A.AttentionCapture, capture_b: A.AttentionCapture | None, which: str, request: dict) -> tuple:
    if which == "a" or capture_b is None:
        return A.compute_view(capture, **request), False
    request_b = dict(request)
    if request_b["part"] not in capture_b.parts:
        request_b["part"] = capture_b.main_part
    if request_b["step"] is not None:
        request_b["step"] = min(request_b["step"], len(capture_b.steps) - 1) if capture_b.steps else None
    view_b = A.compute_view(capture_b, **request_b)
    if which == "b":
        return view_b, False
    return A.difference(A.compute_view(capture, **request), view_b), True


def extras_job(part: A.AttentionPart, cancel=NEVER_CANCELLED) -> tuple:
    """Overview thumbnails and per-head statistics of a whole part."""
    return A.thumbnails(part, cancel=cancel), A.head_statistics(part, cancel=cancel)
