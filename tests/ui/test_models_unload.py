"""Unloading never makes the window wait for a job running on the model."""

from __future__ import annotations

import weakref

from workbench.core.generation import GenerationRequest, SamplingSettings, TokenEvent, run_request
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.tabs.models import ModelsTab


def test_unload_during_a_long_generation_keeps_the_window_responsive(qtbot, ctx, tiny):
    ctx.library.import_folder(tiny("gpt2"), name="tiny-gpt2")
    tab = ModelsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    ctx.refresh_library()
    page = tab.library
    qtbot.waitUntil(lambda: page.select("tiny-gpt2"), timeout=60000)

    events, outcome = [], {}
    request = GenerationRequest(model="tiny-gpt2", settings=SamplingSettings(greedy=True, max_new_tokens=200),
                                prompt="The quick brown fox")
    job = ctx.pool.submit(run_request, ctx.service, request, name="long-generation", on_events=events.extend,
                          on_success=lambda result: outcome.update(result=result),
                          on_error=lambda info: outcome.update(error=info.message))
    qtbot.waitUntil(lambda: sum(isinstance(e, TokenEvent) for e in events) >= 3, timeout=60000)
    qtbot.waitUntil(page.unload_button.isEnabled, timeout=5000)
    handle = ctx.service.loaded()[0]
    model = weakref.ref(handle.model)

    beat = Heartbeat(interval_ms=10).start()
    page.unload_button.click()
    # The click returned while the generation still holds the model: the window did not wait for it.
    assert job.running
    assert "after its running job" in page.status.text()
    assert not page.unload_button.isEnabled()
    qtbot.waitUntil(lambda: page.status.text() == "Unloaded tiny-gpt2.", timeout=120000)
    longest_gap = beat.stop()

    assert "error" not in outcome
    assert len(outcome["result"].ids) > 3  # the running job finished first, with its whole answer
    assert ctx.service.loaded() == [] and handle.model is None and model() is None
    assert beat.beats > 10
    assert longest_gap < 500, f"the event loop stalled for {longest_gap:.0f} ms"
    qtbot.waitUntil(lambda: "tiny-gpt2" not in page.model.loaded, timeout=5000)


def test_remove_unloads_on_a_worker_then_deletes(qtbot, ctx, tiny):
    ctx.library.import_folder(tiny("gpt2"), name="tiny-gpt2")
    tab = ModelsTab(ctx)
    qtbot.addWidget(tab)
    ctx.refresh_library()
    page = tab.library
    qtbot.waitUntil(lambda: page.select("tiny-gpt2"), timeout=60000)
    handle = ctx.service.load("tiny-gpt2")
    tab.library_controller.remove(page.selected())
    qtbot.waitUntil(lambda: not tab.library_controller.slot.running, timeout=60000)
    assert ctx.service.loaded() == [] and handle.model is None
    assert ctx.library.find("tiny-gpt2") is None
    qtbot.waitUntil(lambda: "tiny-gpt2" not in [e.name for e in page.model.entries], timeout=10000)
