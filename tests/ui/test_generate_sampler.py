"""Generate's Speed-up and Format choices on a tiny model: marked tokens and live figures, formats that
hold, and a bad schema said before anything runs."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from workbench.core.generation import PRESETS
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt
from workbench.ui.widgets.speedup_choice import MARK_COLOURS


@pytest.fixture
def tab(generate_tab_on, tiny):
    return generate_tab_on(str(tiny("llama")))


def _run(qtbot, tab, prompt: str, **settings):
    tab.prompt.setPlainText(prompt)
    tab.controls.set_settings(replace(PRESETS["Greedy"], **settings))
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    return tab.branches[-1].result


def test_prompt_lookup_marks_tokens_and_shows_figures_live(qtbot, tab):
    tab.speedup.mode.setCurrentIndex(tab.speedup.mode.findData("prompt_lookup"))
    assert tab.speedup.tokens.isVisible() and not tab.speedup.draft.isVisible() and tab.speedup.legend.isVisible()
    beat = Heartbeat().start()
    result = _run(qtbot, tab, "The quick brown fox jumps over the lazy dog. The quick brown fox", max_new_tokens=30)
    assert beat.stop() < 1000
    assert result.speculation["proposed"] > 0
    marks = {t.mark for t in result.tokens}
    assert "accepted" in marks
    colours = [tab.token_model.data(tab.token_model.index(row, 1), Qt.BackgroundRole)
               for row in range(tab.token_model.rowCount())]
    for token, colour in zip(result.tokens, colours):
        assert (colour.name() if colour is not None else None) == MARK_COLOURS.get(token.mark)
    live = tab.speedup.live.text()
    assert f"{result.speculation['accepted']} of {result.speculation['proposed']} proposed tokens kept" in live
    assert "Speed-up ×" in live


def test_llamacpp_engine_disables_both_choices(tab):
    tab.speedup.mode.setCurrentIndex(1)
    tab.speedup.set_engine("llamacpp")
    tab.format_choice.set_engine("llamacpp")
    assert not tab.speedup.isEnabled() and tab.speedup.speculation().mode == "off"
    assert "transformers engine only" in tab.speedup.toolTip()
    assert not tab.format_choice.isEnabled() and tab.format_choice.output_format().free


def test_schema_format_holds_and_the_report_says_what_changed(qtbot, tab):
    schema = {"type": "object", "properties": {"size": {"enum": ["small", "large"]}, "n": {"type": "integer",
                                                                                             "maximum": 99}},
              "required": ["size", "n"], "additionalProperties": False}
    tab.format_choice.kind.setCurrentIndex(tab.format_choice.kind.findData("schema"))
    tab.format_choice.value.setPlainText(json.dumps(schema))
    assert tab.format_choice.message.text() == ""
    result = _run(qtbot, tab, "Hello", max_new_tokens=60, top_probs=5)
    doc = json.loads(result.text)
    assert doc["size"] in ("small", "large") and isinstance(doc["n"], int)
    assert "grammar changed the model's top choice" in tab.stats.text()
    # where the grammar overruled the model, the alternatives table shows its favourite as filtered out
    row = next(i for i, t in enumerate(result.tokens) if max(t.alternatives, key=lambda a: a.prob).prob_after == 0)
    tab.token_table.selectRow(row)
    after = [tab.alt_table.item(r, 3).text() for r in range(tab.alt_table.rowCount())]
    assert "filtered out" in after, after
    assert "but the format did not allow it" in tab.alt_title.text()
    assert result.constraint["changed_top_choice"] > 0


def test_bad_schema_is_said_before_anything_runs(qtbot, tab):
    tab.format_choice.kind.setCurrentIndex(tab.format_choice.kind.findData("schema"))
    tab.format_choice.value.setPlainText('{"type": "object", "properties": ')
    assert "not valid JSON" in tab.format_choice.message.text()
    tab.prompt.setPlainText("Hello")
    tab.generate_button.click()
    assert tab.job is None and not tab.branches
    assert tab.banner.isVisible() and "not valid JSON" in tab.banner.text.text()


def test_schema_loaded_from_a_file(tab, tmp_path):
    path = tmp_path / "schema.json"
    path.write_text('{"type": "array", "items": {"type": "integer"}}', encoding="utf-8")
    tab.format_choice.load_file(str(path))
    assert tab.format_choice.output_format().kind == "schema" and "array" in tab.format_choice.value.toPlainText()
    tab.format_choice.load_file(str(tmp_path / "missing.json"))
    assert "Cannot read" in tab.format_choice.message.text()
