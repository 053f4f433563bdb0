"""UI responsiveness: the event-loop heartbeat of the real main window while the library is scanned,
a model loads, and every tab is opened. Baseline: the same heartbeat with the window idle."""

from __future__ import annotations

import os
import time


def _run_until(app, done, timeout=600.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def run(args) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.ui.app import build_window, create_app
    from workbench.ui.heartbeat import Heartbeat

    model = args.model or "smollm2-135m-instruct"
    start = time.perf_counter()
    app = create_app()
    window = build_window()
    window.show()
    app.processEvents()
    result = {"window_shown_s": round(time.perf_counter() - start, 3)}
    ctx = window.ctx

    beat = Heartbeat().start()
    t_idle = time.monotonic()
    _run_until(app, lambda: time.monotonic() - t_idle > 1.0)
    result["idle_max_gap_ms"] = round(beat.stop(), 1)

    # Importing torch holds the GIL while its native libraries load (once per process, started in
    # the background right after the window shows); measured on its own.
    warmed = {}

    from workbench.ui.warmup import app_modules, import_heavy_modules

    beat.start()
    ctx.pool.submit(import_heavy_modules, app_modules(), on_success=lambda _: warmed.update(ok=True),
                    on_error=lambda info: warmed.update(error=info.message))
    _run_until(app, lambda: warmed)
    result["import_warmup_max_gap_ms"] = round(beat.stop(), 1)

    listed = {}
    beat.start()
    ctx.pool.submit(ctx.library.list, on_success=lambda e: listed.update(entries=e),
                    on_error=lambda info: listed.update(error=info.message))
    _run_until(app, lambda: listed)
    result["library_scan_max_gap_ms"] = round(beat.stop(), 1)

    loaded = {}
    beat.start()
    ctx.pool.submit(ctx.service.load, model, on_success=lambda h: loaded.update(handle=h),
                    on_error=lambda info: loaded.update(error=info.message))
    _run_until(app, lambda: loaded)
    result["model_load_max_gap_ms"] = round(beat.stop(), 1)
    if "error" in loaded:
        result["model_load_error"] = loaded["error"]

    beat.start()
    for index in range(window.tab_widget.count()):
        window.tab_widget.setCurrentIndex(index)
        t_tab = time.monotonic()
        _run_until(app, lambda: time.monotonic() - t_tab > 0.2)
    result["tab_switch_max_gap_ms"] = round(beat.stop(), 1)
    result["ui_max_gap_ms"] = max(result["library_scan_max_gap_ms"], result["model_load_max_gap_ms"],
                                  result["tab_switch_max_gap_ms"])
    result["ratio_vs_idle"] = round(result["ui_max_gap_ms"] / max(result["idle_max_gap_ms"], 1.0), 2)
    window.close()
    return result
