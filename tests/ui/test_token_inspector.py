"""The token inspector in the Generate and Attention tabs, and the Perplexity view, as a user drives them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.core.generation import PRESETS
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt
from workbench.ui.widgets import PARTIAL_GREY


@pytest.fixture
def generate_tab(generate_tab_on, tiny):
    return generate_tab_on(str(tiny("llama")))


def _generate(qtbot, tab, tokens=6):
    tab.prompt.setPlainText("The quick brown fox")
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=tokens, top_probs=5))
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    return tab.branches[0].result


def test_clicking_a_generated_token_fills_every_inspector_panel(qtbot, generate_tab):
    tab = generate_tab
    result = _generate(qtbot, tab)
    index = tab.token_model.index(2, 1)
    rect = tab.token_table.visualRect(tab.token_table.model().index(2, 1))
    qtbot.mouseClick(tab.token_table.viewport(), Qt.LeftButton, pos=rect.center())
    assert tab.pages.currentWidget() is tab.inspector  # the click opens the inspector
    inspector = tab.inspector
    qtbot.waitUntil(lambda: inspector.inspection is not None, timeout=60_000)
    assert index.isValid() and inspector.target.token_id == result.ids[2]
    assert inspector.target.context_ids == result.prompt_ids + result.ids[:2]
    assert inspector.alt_table.rowCount() >= 5
    # the alternatives read as the token table shows them (a part of a character as ‹e5 a4›, not \xe5\xa4)
    from workbench.ui.widgets.token_cells import token_label

    alternatives = tab.branches[tab.current].tokens[2].alternatives
    assert [inspector.alt_table.item(r, 0).text() for r in range(inspector.alt_table.rowCount())] == [
        token_label(a) for a in alternatives]
    # logit lens: layers + 1 rows, output at the top; the bold column's output cell is the model's choice (greedy)
    lens = inspector.lens_table.model()
    assert lens.rowCount() == 3 and lens.headerData(0, Qt.Vertical).startswith("out")
    column = next(c for c in range(lens.columnCount()) if lens.index(0, c).data(Qt.FontRole) is not None)
    assert lens.index(0, column).data(Qt.FontRole).bold()
    lens_result = inspector.inspection.lens
    best = lens_result.predictions[-1][lens_result.column(inspector.inspection.position)][0]
    assert best.id == result.ids[2]
    assert lens.index(0, column).data(Qt.ToolTipRole).splitlines()[0].startswith(best.token.replace(" ", "·"))
    assert len(inspector.lens_curve.getData()[1]) == 3
    # attention row for a chosen layer and head
    inspector.att_layer.setValue(0)
    inspector.att_head.setCurrentIndex(2)
    assert "Layer 0, head 1" in inspector.att_view.toPlainText()
    # attribution: gradient x input is quick
    inspector.method.setCurrentIndex(inspector.method.findData("grad-x-input"))
    inspector.run_button.click()
    qtbot.waitUntil(lambda: inspector._attr_job is None, timeout=60_000)
    assert inspector.attribution is not None and inspector.bars.rows
    assert len(inspector.attribution.targets[0].scores) == len(result.prompt_ids) + 2
    assert "log p =" in inspector.attr_note.text()


def test_clicking_the_coloured_text_selects_that_token(qtbot, generate_tab):
    tab = generate_tab
    _generate(qtbot, tab)
    ends = tab.output.token_ends
    cursor = tab.output.textCursor()
    cursor.setPosition(ends[0] + 1 if ends[1] > ends[0] + 1 else ends[0])
    point = tab.output.cursorRect(cursor).center()
    qtbot.mouseClick(tab.output.viewport(), Qt.LeftButton, pos=point)
    assert tab.token_table.currentIndex().row() == 1


def test_integrated_gradients_stop_and_open_in_attention(qtbot, generate_tab, ctx):
    tab = generate_tab
    _generate(qtbot, tab)
    tab.token_table.selectRow(3)
    inspector = tab.inspector
    tab.pages.setCurrentWidget(inspector)
    inspector.steps.setValue(1024)
    inspector.run_button.click()
    assert inspector.stop_button.isEnabled()
    qtbot.waitUntil(lambda: inspector.progress.isVisible(), timeout=10_000)
    inspector.stop_button.click()
    qtbot.waitUntil(lambda: inspector._attr_job is None, timeout=30_000)
    assert inspector.attr_note.text() == "Stopped." and inspector.attribution is None
    qtbot.waitUntil(lambda: inspector.inspection is not None, timeout=60_000)
    with qtbot.waitSignal(ctx.open_attention, timeout=5_000) as signal:
        inspector.open_button.click()
    model, text = signal.args
    assert model == ctx.current_model and text.startswith("The quick brown fox")


def test_attention_tab_inspects_the_chosen_step_and_opens_from_generate(qtbot, ctx, tiny):
    from workbench.ui.tabs.attention import AttentionTab

    tab = AttentionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    try:
        with qtbot.waitSignal(ctx.open_in_tab, timeout=5_000):
            ctx.open_attention.emit(str(tiny("gpt2")), "Hello world")
        qtbot.waitUntil(lambda: tab.job is None and tab.capture is not None, timeout=60_000)
        assert len(tab.capture.steps) == 1 and tab.heatmap_page.text.toPlainText() == "Hello world"
        tab.heatmap_page.side.setCurrentWidget(tab.heatmap_page.inspector)
        qtbot.waitUntil(lambda: tab.heatmap_page.inspector.inspection is not None, timeout=60_000)
        step = tab.capture.steps[0]
        assert tab.heatmap_page.inspector.target.token_id == step.token_id
        assert tab.heatmap_page.inspector.inspection.lens.predictions[-1][-2][0].id == step.token_id  # greedy step
        # the step's alternatives, a part of a character greyed as everywhere else
        table = tab.heatmap_page.inspector.alt_table
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
            t.replace(" ", "·").replace("\n", "↵").replace("\t", "⇥") or "∅" for t, _ in step.top]
        for r, piece in enumerate(step.top_pieces):
            grey = table.item(r, 0).foreground().color().name() == PARTIAL_GREY
            assert grey == piece.partial
    finally:
        tab.shutdown()


def test_perplexity_view_colours_tokens_and_compares_two_models(qtbot, ctx, tiny):
    from workbench.ui.tabs.perplexity import PerplexityView

    ctx.set_model(str(tiny("gpt2")))
    view = PerplexityView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.text.setPlainText("The quick brown fox jumps over the lazy dog. " * 3)
    view.compare.setChecked(True)
    view.compare_model.setCurrentText(str(tiny("llama")))
    # both models stay loaded: the first import of a model's code, and the garbage collection when the service
    # evicts a model, hold the GIL for seconds on a busy machine; neither is this view's work
    ctx.service.max_loaded = 2
    for model in (tiny("llama"), tiny("gpt2")):
        ctx.service.load(str(model))
    beat = Heartbeat().start()
    view.score_button.click()
    assert view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: view.job is None, timeout=60_000)
    gap = beat.stop()
    result = view.result
    assert result is not None and result.compare is not None
    assert f"{result.perplexity:.2f}" in view.summary.text() and f"{result.compare.perplexity:.2f}" in view.summary.text()
    html = view.views[0].toHtml()
    assert "rgba(230,60,30" in html or "background-color:rgba(230,60,30" in html
    assert view.surprising.rowCount() > 0
    diffs = result.differences()
    if diffs is not None:
        assert view.changed.rowCount() > 0
    view.compare.setChecked(False)  # the comparison stays on screen until the next score
    assert view.views[1].isVisible()
    assert gap < 1000


def test_perplexity_stop_and_empty_text(qtbot, ctx, tiny):
    from workbench.ui.tabs.perplexity import PerplexityView

    ctx.set_model(str(tiny("gpt2")))
    view = PerplexityView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.score_button.click()
    assert "empty" in view.summary.text() and view.job is None
    view.text.setPlainText("hello world " * 2000)  # many windows
    view.stride.setValue(16)
    view.score_button.click()
    qtbot.waitUntil(lambda: view.progress.isVisible(), timeout=10_000)
    view.stop_button.click()
    qtbot.waitUntil(lambda: view.job is None, timeout=30_000)
    assert view.summary.text() == "Stopped." and view.result is None


def test_open_in_attention_from_generate_builds_and_shows_the_attention_tab(qtbot, ctx, tiny):
    from workbench.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    generate = window.tab("Generate")
    generate.inspector.open_in_attention.emit(str(tiny("gpt2")), "Hello world")
    attention = window.tab("Attention")
    assert window.tab_widget.currentWidget() is not None and attention.heatmap_page.text.toPlainText() == "Hello world"
    qtbot.waitUntil(lambda: attention.job is None and attention.capture is not None, timeout=60_000)
    assert len(attention.capture.steps) == 1
    window.close()
