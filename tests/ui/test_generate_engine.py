"""The Generate tab's engine choice: shown for GGUF models only; with llama.cpp the starter's GGUF
is chatted with directly (no conversion into the store) and the token table fills as usual."""

from __future__ import annotations

import importlib.util

import pytest

from workbench.core.generation import PRESETS
from workbench.ui.qt import Qt

needs_llamacpp = pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None,
                                    reason="llama-cpp-python is not installed (make llamacpp)")


@pytest.fixture
def tab(generate_tab_on):
    return generate_tab_on()


def test_engine_choice_only_for_gguf_models(qtbot, tab, ctx, tiny):
    ctx.set_model(str(tiny("gpt2")))
    assert tab.engine.isHidden() and tab.controller.request(prompt="x").engine == "transformers"
    ctx.set_model("smollm2-135m-instruct")
    if tab.engine.available:
        tab.engine.combo.setCurrentIndex(1)
        assert tab.controller.request(prompt="x").engine == "llamacpp"
        assert not tab.quantize.isEnabled()  # a GGUF is already quantized
    else:
        assert not tab.engine.combo.model().item(1).isEnabled()
        assert "make llamacpp" in tab.engine.combo.itemData(1, Qt.ItemDataRole.ToolTipRole)
    ctx.set_model(str(tiny("gpt2")))
    assert tab.controller.request(prompt="x").engine == "transformers"


@pytest.mark.starter
@needs_llamacpp
def test_chat_with_the_gguf_through_llama_cpp_without_converting(qtbot, tab, ctx):
    from dataclasses import replace

    ctx.set_model("smollm2-135m-instruct")
    tab.engine.combo.setCurrentIndex(1)
    tab.prompt.setPlainText("The capital of France is")
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=6, top_probs=5))
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=120_000)
    assert not tab.banner.message, tab.banner.message
    result = tab.branches[0].result
    assert result is not None and len(result.ids) >= 1
    assert tab.token_model.rowCount() == len(result.ids)
    assert [h.engine for h in ctx.service.loaded()] == ["llamacpp"]
    assert not (ctx.library.store / "smollm2-135m-instruct").exists()  # not converted
    # a llama.cpp token: the inspector says the views inside the model need transformers, and waits
    tab.pages.setCurrentWidget(tab.inspector)
    tab.controller.inspect(0)
    inspector = tab.inspector
    assert inspector.engine_note.isVisible() and not inspector.run_button.isEnabled()
    assert inspector._lens_jobs.job is None  # nothing computed, nothing converted
    assert not (ctx.library.store / "smollm2-135m-instruct").exists()
    # one click: Generate switches to transformers and the token is inspected (the GGUF converted once)
    inspector.switch_button.click()
    assert tab.engine.engine() == "transformers" and tab.controller.request(prompt="x").engine == "transformers"
    qtbot.waitUntil(lambda: inspector.inspection is not None or "⚠" in inspector.status.text(), timeout=180_000)
    assert inspector.inspection is not None, inspector.status.text()
    assert not inspector.engine_note.isVisible() and inspector.run_button.isEnabled()
    assert [h.engine for h in ctx.service.loaded()] == ["transformers"]


@pytest.mark.starter
@needs_llamacpp
def test_the_window_survives_the_engine_process_being_killed(qtbot, tab, ctx):
    """SIGKILL the llama.cpp process mid-generation (as an out-of-memory kill would): the tab says which
    engine died and how, keeps the tokens it had, and the next Generate starts a fresh process."""
    import os
    import signal
    from dataclasses import replace

    from workbench.ui.heartbeat import Heartbeat

    ctx.set_model("smollm2-135m-instruct")
    tab.engine.combo.setCurrentIndex(1)
    tab.prompt.setPlainText("Count from one to fifty:")
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=200, top_probs=3))
    beat = Heartbeat().start()
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.token_model.rowCount() >= 3 or tab.job is None, timeout=120_000)
    (handle,) = ctx.service.loaded()
    os.kill(handle.model.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    assert beat.stop() < 1000  # the longest event-loop gap (ms): the window never froze
    assert "SIGKILL" in tab.banner.message and "llama.cpp" in tab.banner.message
    assert tab.generate_button.isEnabled()
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=4, top_probs=3))
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=120_000)
    assert not tab.banner.message, tab.banner.message
    assert len(tab.branches[-1].result.ids) >= 1 and handle.model.alive
