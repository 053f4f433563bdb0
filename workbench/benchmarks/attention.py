"""Attention: capture time against a plain ``model(**inputs, output_attentions=True)`` in the same
process, the memory held by the captured weights, and the redraw time of a head switch in the
real Attention tab, for 128, 512, 1024 and 2048 tokens (``--quick``: 128 and 512); then one 4096-token
run (not with ``--quick``): stored and peak memory, and the time from picking a head to seeing it.
There is no baseline at 4096: holding every layer's float32 weights would need 18 GB."""

from __future__ import annotations

import gc
import os
import statistics
import time

DEFAULT_MODEL = "smollm2-135m-instruct"
PARAGRAPH = (
    "A language model reads a text as a sequence of tokens and, at every layer, each token gathers "
    "information from the tokens it attends to. Looking at those weights head by head shows patterns: "
    "some heads look at the previous token, some at the first token, some at the end of a sentence, and "
    "some follow the syntax of the text. The workbench captures them layer by layer and keeps them small. "
)


def _text_of_length(tokenizer, tokens: int) -> str:
    ids = tokenizer(PARAGRAPH * (tokens // 40 + 2), add_special_tokens=False)["input_ids"][:tokens]
    return tokenizer.decode(ids)


def _baseline(service, handle, text: str) -> float:
    import torch

    inputs = handle.tokenizer(text, return_tensors="pt").to(handle.device)
    with service.use(handle, attention=True), torch.inference_mode():
        start = time.perf_counter()
        outputs = handle.model(**inputs, output_attentions=True)
        seconds = time.perf_counter() - start
    del outputs
    gc.collect()
    return seconds


def _redraw_ms(app, tab, switches: int = 7) -> float:
    """Median time from changing the head to the heatmap being painted."""
    times = []
    part = tab.current_part()
    page = tab.heatmap_page
    for i in range(switches):
        start = time.perf_counter()
        page.head.setValue((page.head.value() + 1) % part.heads)
        # long inputs compute the view on a worker: wait until the new head is the one on screen
        deadline = start + 60
        while tab.view is None or not tab.view.title.endswith(f"head {page.head.value()}"):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"head {page.head.value()} was not shown within 60 s")
            app.processEvents()
            time.sleep(0.001)
        page.heatmap.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _long_run(app, tab, service, handle, tokens: int) -> dict:
    """Capture ``tokens`` tokens, show them in the tab, and time head clicks until each is painted."""
    from workbench.benchmarks._measure import PeakMemory
    from workbench.core import attention as A

    text = _text_of_length(handle.tokenizer, tokens)
    gc.collect()
    with PeakMemory() as peak:
        start = time.perf_counter()
        captured = A.capture(handle, text, service=service)
        capture_s = time.perf_counter() - start
        tab.set_capture(captured)
        while tab._extras.job is not None and tab._extras.job.running:
            app.processEvents()
            time.sleep(0.01)
        shown = []
        part, page = tab.current_part(), tab.heatmap_page
        for layer, head in ((0, 1), (part.layers // 2, part.heads - 1), (part.layers - 1, 3 % part.heads)):
            start = time.perf_counter()
            page.layer.setValue(layer)
            page.head.setValue(head)
            while tab.view is None or not tab.view.title.endswith(f"layer {layer} · head {head}"):
                app.processEvents()
                time.sleep(0.005)
            page.heatmap.viewport().repaint()
            shown.append(time.perf_counter() - start)
    result = {"tokens": len(captured.part(captured.main_part).query), "capture_s": round(capture_s, 2),
              "stored_mb": round(captured.stored_bytes / 2**20, 1), "compact": captured.part("self").compact,
              "peak_mb": peak.mb, "head_shown_s": [round(s, 2) for s in shown]}
    tab.capture = tab.view = None
    del captured
    gc.collect()
    return result


def run(args) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.core import attention as A
    from workbench.core.library import Library
    from workbench.core.settings import Settings
    from workbench.ui.context import AppContext
    from workbench.ui.qt import QtWidgets
    from workbench.ui.tabs.attention import AttentionTab

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    ctx = AppContext(settings=Settings(), library=Library())
    service = ctx.service
    model = getattr(args, "model", None) or DEFAULT_MODEL
    handle = service.load(model)
    shape = f"{handle.config.num_hidden_layers}x{handle.config.num_attention_heads}"
    sizes = (128, 512) if getattr(args, "quick", False) else (128, 512, 1024, 2048)
    tab = AttentionTab(ctx)
    tab.resize(1200, 800)
    tab.show()
    app.processEvents()
    A.capture(handle, _text_of_length(handle.tokenizer, 32), service=service)  # warm-up of both paths
    _baseline(service, handle, _text_of_length(handle.tokenizer, 32))
    runs = []
    try:
        for tokens in sizes:
            text = _text_of_length(handle.tokenizer, tokens)
            # best of a few alternating runs: the machine may be shared, and the minimum is the least disturbed
            baseline_times, capture_times = [], []
            for _ in range(3 if tokens <= 512 else 2 if tokens <= 1024 else 1):
                baseline_times.append(_baseline(service, handle, text))
                captured = None
                gc.collect()
                start = time.perf_counter()
                captured = A.capture(handle, text, service=service)
                capture_times.append(time.perf_counter() - start)
            baseline_s, capture_s = min(baseline_times), min(capture_times)
            tab.set_capture(captured)
            while tab._extras.job is not None and tab._extras.job.running:  # thumbnails and statistics
                app.processEvents()
                time.sleep(0.01)
            app.processEvents()
            runs.append({"tokens": len(captured.part(captured.main_part).query), "capture_s": round(capture_s, 3),
                         "baseline_s": round(baseline_s, 3), "ratio": round(capture_s / baseline_s, 2),
                         "stored_mb": round(captured.stored_bytes / 2**20, 1),
                         "redraw_ms": round(_redraw_ms(app, tab), 1)})
            tab.capture = tab.view = None
            del captured
            gc.collect()
        long_run = None if getattr(args, "quick", False) else _long_run(app, tab, service, handle, 4096)
    finally:
        tab.shutdown()
        ctx.pool.shutdown()
        tab.close()
        service.unload()
    return {"model": model, "layers_x_heads": shape, "runs": runs, "long": long_run,
            "note": "capture_s includes tokenizing, label making and the float16 copy of every layer; "
                    "baseline_s is one eager forward with output_attentions=True (float32, all layers held)."}
