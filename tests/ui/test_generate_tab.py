"""The Generate tab on a tiny model, as a user sees it: streamed text, token table, alternatives, branches."""

from __future__ import annotations

import pytest

from workbench.core.generation import PRESETS, SamplingSettings
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import QtWidgets, Qt


@pytest.fixture
def tab(generate_tab_on, tiny):
    return generate_tab_on(str(tiny("gpt2")))


def _settings(tab, **values):
    from dataclasses import replace

    tab.controls.set_settings(replace(PRESETS["Greedy"], **values))


def _wait_done(qtbot, tab, timeout=60_000):
    qtbot.waitUntil(lambda: tab.job is None, timeout=timeout)


def test_generate_streams_text_and_fills_token_table(qtbot, tab):
    tab.prompt.setPlainText("The quick brown fox")
    _settings(tab, max_new_tokens=12)
    beat = Heartbeat().start()
    qtbot.mouseClick(tab.generate_button, Qt.LeftButton)
    assert tab.stop_button.isEnabled() and not tab.generate_button.isEnabled()
    _wait_done(qtbot, tab)
    gap = beat.stop()
    result = tab.branches[0].result
    assert result is not None and len(result.ids) == 12
    assert tab.output.toPlainText() == result.tokens[-1].text_so_far
    assert tab.token_model.rowCount() == 12
    assert not tab.stop_button.isEnabled() and tab.generate_button.isEnabled()
    assert "tokens/s" in tab.stats.text() and "first token after" in tab.stats.text()
    assert "prompt tokens of 256" in tab.prompt_count.text()
    assert "tokens" in tab.tokens_view.toPlainText()
    print(f"\nworst GUI heartbeat gap while generating: {gap:.0f} ms")  # also in `workbench bench generation`
    assert gap < 1000  # tokens stream in from a worker thread; a frozen window fails


def test_alternatives_and_branch_from_a_chosen_token(qtbot, tab):
    tab.prompt.setPlainText("Paris is the capital of")
    _settings(tab, max_new_tokens=8, top_probs=5)
    tab.generate_button.click()
    _wait_done(qtbot, tab)
    first = tab.branches[0]
    tab.token_table.selectRow(3)
    assert tab.alt_table.rowCount() >= 5
    chosen_row = next(r for r in range(tab.alt_table.rowCount())
                      if tab.alt_table.item(r, 1).text() != str(first.tokens[3].id))
    alt_id = int(tab.alt_table.item(chosen_row, 1).text())
    tab.alt_table.selectRow(chosen_row)
    assert tab.continue_button.isEnabled()
    tab.continue_button.click()
    _wait_done(qtbot, tab)
    assert tab.branch_box.count() == 2 and tab.current == 1
    branch = tab.branches[1]
    assert [t.id for t in branch.tokens[:3]] == [t.id for t in first.tokens[:3]]
    assert branch.tokens[3].id == alt_id
    assert tab.token_model.rowCount() == len(branch.tokens) == 3 + len(branch.result.ids) - 3
    # back to the first branch
    tab.show_branch(0)
    assert tab.token_model.rowCount() == 8
    assert tab.output.toPlainText() == first.tokens[-1].text_so_far


def test_stop_ends_generation_early(qtbot, tab, monkeypatch):
    import time

    from workbench.core.decoding import TokenTap

    report = TokenTap._report  # each token takes 2 ms more, so Stop lands well before the 240th
    monkeypatch.setattr(TokenTap, "_report", lambda tap, event: (time.sleep(0.002), report(tap, event))[1])
    tab.prompt.setPlainText("Hello")
    _settings(tab, max_new_tokens=240)
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.token_model.rowCount() > 0, timeout=30_000)
    assert tab.stop_button.isEnabled()
    tab.stop_button.click()
    _wait_done(qtbot, tab)
    result = tab.branches[0].result
    assert result.finish_reason == "cancelled"
    assert len(result.ids) < 240
    assert "finished by cancelled" in tab.stats.text()


def test_chat_conversation_is_saved(qtbot, tab, fresh_home):
    from workbench.core.conversations import ConversationStore

    tab.mode.setCurrentIndex(1)
    tab.system.setText("Be brief.")
    tab.system.editingFinished.emit()
    tab.message.setPlainText("What is the capital of France?")
    _settings(tab, max_new_tokens=6)
    tab.generate_button.click()
    _wait_done(qtbot, tab)
    assert tab.transcript.count() == 2
    assert tab.transcript.item(0).text() == "User: What is the capital of France?"
    assert tab.transcript.item(1).text().startswith("Assistant: ")
    saved = ConversationStore().load(tab.conversation.id)
    assert saved.system == "Be brief." and [m.role for m in saved.messages] == ["user", "assistant"]
    assert saved.title == "What is the capital of France?"
    # regenerate replaces the answer; continue extends it
    tab.chat_buttons["Regenerate"].trigger()
    _wait_done(qtbot, tab)
    assert tab.transcript.count() == 2
    before = tab.conversation.messages[-1].content
    tab.chat_buttons["Continue"].trigger()
    _wait_done(qtbot, tab)
    assert tab.conversation.messages[-1].content.startswith(before)
    assert tab.transcript.count() == 2


def test_bad_input_shows_banner(qtbot, tab, ctx, tiny):
    tab.prompt.setPlainText("   ")
    tab.generate_button.click()
    _wait_done(qtbot, tab)
    assert "prompt is empty" in tab.banner.message
    tab.prompt.setPlainText("fox " * 300)
    tab.generate_button.click()
    _wait_done(qtbot, tab)
    assert "reads at most 256" in tab.banner.message
    assert tab.token_model.rowCount() == 0


def test_presets_and_invalid_values(qtbot, tab, ctx, monkeypatch):
    tab.preset.setCurrentIndex(tab.preset.findText("Creative"))
    tab.preset.activated.emit(tab.preset.currentIndex())
    assert tab.controls.settings().temperature == pytest.approx(PRESETS["Creative"].temperature)
    box = tab.controls.boxes["top_p"]
    box.setValue(7.0)  # cannot go past the range
    assert box.value() == 1.0
    tab.controls.boxes["temperature"].setValue(0.42)
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: ("warm", True))
    tab.save_preset.click()
    assert ctx.settings.generation_presets["warm"]["temperature"] == pytest.approx(0.42)
    assert tab.preset.currentText() == "warm (mine)"
    tab.controls.set_settings(SamplingSettings(greedy=True))
    tab.preset.activated.emit(tab.preset.currentIndex())
    assert tab.controls.settings().temperature == pytest.approx(0.42) and not tab.controls.greedy.isChecked()
    tab.delete_preset.click()
    assert "warm" not in ctx.settings.generation_presets


def test_smoke_runs_one_real_job(qtbot, tab, tiny):
    outcome = {}
    tab.smoke(str(tiny("llama")), lambda ok, message: outcome.update(ok=ok, message=message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=60_000)
    assert outcome["ok"], outcome["message"]
    assert "8 tokens" in outcome["message"]
    _wait_done(qtbot, tab)
