"""``workbench --smoke``: start the GUI offscreen, open every tab, load the default model, run one
small real job per tab, quit, and print timings as one JSON object. Exit 0 only if every step passed."""

from __future__ import annotations

import json
import os
import sys
import time

STEP_TIMEOUT_S = 600


def _wait(app, predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        # The processEvents overload with a time limit crashes PySide6 6.12 after many calls.
        app.processEvents()
        time.sleep(0.005)
    return True


def run_smoke(model: str = "smollm2-135m-instruct") -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    from workbench.ui.app import build_window, create_app, setup_logging

    setup_logging()
    app = create_app()
    window = build_window()
    window.show()
    app.processEvents()
    report: dict = {"window_shown_s": round(time.perf_counter() - start, 3), "tabs": {}}
    ok = True

    # Load the default model the way the Models tab does: a job on the worker bridge.
    ctx = window.ctx
    ctx.set_model(model)
    outcome: dict = {}
    t0 = time.perf_counter()
    ctx.pool.submit(ctx.service.load, model, name="smoke-load",
                    on_success=lambda h: outcome.update(handle=h),
                    on_error=lambda info: outcome.update(error=info.message))
    finished = _wait(app, lambda: outcome, STEP_TIMEOUT_S)
    report["model_load_s"] = round(time.perf_counter() - t0, 3)
    if not finished or "error" in outcome:
        ok = False
        report["model_load_error"] = outcome.get("error", "timed out")
    else:
        # A second load after conversion: what the user sees on every later start.
        ctx.service.unload()
        t0 = time.perf_counter()
        ctx.service.load(model)
        report["model_reload_s"] = round(time.perf_counter() - t0, 3)

    for index, tab in enumerate(window.tabs):
        window.tab_widget.setCurrentIndex(index)
        app.processEvents()
        result: dict = {}
        t0 = time.perf_counter()
        try:
            tab.smoke(model, lambda passed, message, r=result: r.update(ok=passed, message=message))
            finished = _wait(app, lambda: result, STEP_TIMEOUT_S)
        except Exception as exc:  # a broken tab must fail the smoke run, not crash it
            result.update(ok=False, message=f"{type(exc).__name__}: {exc}")
            finished = True
        if not finished:
            result.update(ok=False, message="timed out")
        result["seconds"] = round(time.perf_counter() - t0, 3)
        report["tabs"][tab.display_title] = result
        ok = ok and bool(result.get("ok"))

    window.close()
    app.processEvents()
    report["total_s"] = round(time.perf_counter() - start, 3)
    report["ok"] = ok
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if ok else 1
