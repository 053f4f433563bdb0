"""Generate tab checks that can fail: copied code gives the app's ids, Compare shows what each side really
generates, and counting prompt tokens never reloads the model (the int8 reload loop)."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.generation import PRESETS, GenerationRequest, SamplingSettings, run_request
from workbench.ui.qt import QtWidgets

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tab(generate_tab_on, tiny):
    return generate_tab_on(str(tiny("gpt2")))


def _generate(qtbot, tab, prompt: str, settings: SamplingSettings):
    tab.prompt.setPlainText(prompt)
    tab.controls.set_settings(settings)
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    return tab.branches[tab.current].result


def _run_copied_code(*codes: str) -> list[list[int]]:
    """Run the clipboard's programs as a user would, in their own Python (one process for all: torch
    imports once), and read back each one's new ids."""
    mark = "print('IDS', output[0, inputs['input_ids'].shape[1]:].tolist())\n"
    out = subprocess.run([sys.executable, "-c", "".join(code + mark for code in codes)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = [x for x in out.stdout.splitlines() if x.startswith("IDS ")]
    return [[int(i) for i in re.findall(r"\d+", line)] for line in lines]


def test_copied_code_gives_the_apps_ids(qtbot, tab):
    """Greedy, seeded sampling, and greedy with int8 weights: each copied program gives the app's ids."""
    runs = []
    for int8, settings in ((False, replace(PRESETS["Greedy"], max_new_tokens=10)),
                           (False, SamplingSettings(temperature=0.9, top_k=20, top_p=0.95, seed=11,
                                                    max_new_tokens=10)),
                           (True, replace(PRESETS["Greedy"], max_new_tokens=10))):
        tab.quantize.setChecked(int8)
        result = _generate(qtbot, tab, "The quick brown fox", settings)
        assert len(result.ids) == 10
        tab.code_button.click()
        code = QtWidgets.QApplication.clipboard().text()
        assert ("quantize_dynamic" in code) == int8
        runs.append((code, result.ids))
    assert runs[0][1] != runs[1][1]  # greedy and seeded sampling differ: each copy is checked on its own
    assert _run_copied_code(*(code for code, _ in runs)) == [ids for _, ids in runs]


def test_counting_prompt_tokens_keeps_the_int8_model(qtbot, tab, ctx):
    tab.quantize.setChecked(True)
    _generate(qtbot, tab, "Once upon a time", replace(PRESETS["Greedy"], max_new_tokens=4))
    [handle] = ctx.service.loaded()
    assert handle.quantize == "int8"
    loads = []
    real = ctx.service._load_weights
    ctx.service._load_weights = lambda *a: loads.append(a) or real(*a)
    tab.prompt_count.setText("")
    tab.prompt.setPlainText("Once upon a time there was a very long prompt")
    tab.controller.count_prompt()  # what the pause timer calls after typing
    qtbot.waitUntil(lambda: not tab.controller.counting and "prompt tokens" in tab.prompt_count.text(), timeout=30_000)
    expected = len(handle.tokenizer("Once upon a time there was a very long prompt")["input_ids"])
    assert tab.prompt_count.text().startswith(f"{expected} prompt tokens")
    assert loads == []  # no load at all, so the int8 model was never swapped for a float copy
    assert ctx.service.loaded() == [handle] and handle.model is not None


def test_a_prompt_edited_while_counting_is_counted_again(qtbot, tab):
    """The count on show is the prompt's as it is now, not the one that was being counted when it changed."""
    _generate(qtbot, tab, "Once upon a time", replace(PRESETS["Greedy"], max_new_tokens=2))
    qtbot.waitUntil(lambda: not tab.controller.counting, timeout=30_000)
    tab.prompt.setPlainText("Hi")
    tab.controller.prompt_timer.stop()
    tab.controller.count_prompt()
    assert tab.controller.counting  # still counting "Hi" when the prompt changes again
    longer = "Once upon a time there was a very long prompt indeed"
    tab.prompt.setPlainText(longer)
    tab.controller.prompt_timer.stop()  # no typing pause: the count must not rely on the timer to come round again
    tab.controller.count_prompt()
    qtbot.waitUntil(lambda: not tab.controller.counting, timeout=30_000)
    [handle] = tab.ctx.service.loaded()
    expected = len(handle.tokenizer(longer)["input_ids"])
    assert tab.prompt_count.text().startswith(f"{expected} prompt tokens")


def test_prompt_tokens_counted_with_the_tokenizer_alone_when_nothing_is_loaded(service, tiny):
    from workbench.core.generation import count_prompt

    info = count_prompt(service, str(tiny("llama")), "Hello there")
    assert service.loaded() == []  # the weights were not loaded for a count
    assert len(info.pieces) > 0 and info.context_window is not None


def test_compare_shows_what_each_side_really_generates(qtbot, tab, ctx, tiny):
    prompt = "The quick brown fox"
    refs = [str(tiny("gpt2")), str(tiny("llama"))]
    for side, ref in zip(tab.compare_sides, refs):
        side["model"].addItem(ref)
        side["model"].setCurrentText(ref)
        side["preset"].setCurrentIndex(side["preset"].findText("Greedy"))
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=12))
    seen = []
    show = tab.compare.show_results
    tab.compare.show_results = lambda results: seen.append(results) or show(results)
    tab.prompt.setPlainText(prompt)
    tab.compare_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    [results] = seen
    # Each side against the same request run on its own, outside the tab.
    for side, ref, result in zip(tab.compare_sides, refs, results):
        alone = run_request(ctx.service, GenerationRequest(ref, tab.sampling.settings_for(side["preset"].currentData()),
                                                           prompt=prompt))
        assert result.ids == alone.ids and len(result.ids) > 0
        assert side["out"].toPlainText() == result.text
    assert results[0].ids != results[1].ids  # two different models: the sides are not a copy of one another
