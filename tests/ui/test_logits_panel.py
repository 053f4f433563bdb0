"""The inspector's "Logits → probabilities" page, as a user reaches it: generate, click a token, open the page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.core.generation import PRESETS
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt


@pytest.fixture
def generate_tab(generate_tab_on, tiny):
    return generate_tab_on(str(tiny("gpt2")))


def test_clicking_a_sampled_token_shows_its_softmax_and_filters_checked_against_the_record(qtbot, generate_tab):
    tab = generate_tab
    settings = replace(PRESETS["Balanced"], temperature=0.5, top_k=8, top_p=0.6, max_new_tokens=4, seed=3,
                       top_probs=10)
    tab.prompt.setPlainText("The quick brown fox")
    tab.controls.set_settings(settings)
    tab.generate_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    result = tab.branches[0].result
    rect = tab.token_table.visualRect(tab.token_table.model().index(2, 1))
    qtbot.mouseClick(tab.token_table.viewport(), Qt.LeftButton, pos=rect.center())
    inspector = tab.inspector
    panel = inspector.logits_panel
    qtbot.waitUntil(lambda: inspector.inspection is not None, timeout=60_000)  # the lens first (its own chart)
    assert panel.result is None  # computed when its page is shown
    beat = Heartbeat().start()
    inspector.pages.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    assert beat.stop() < 1000
    steps = panel.result
    assert steps.token_id == result.ids[2] and steps.temperature == pytest.approx(0.5)
    assert steps.shape == [1, len(result.prompt_ids) + 2, tab.ctx.service.loaded()[0].model.config.vocab_size]
    assert steps.max_err_vs_recorded <= 1e-5 and steps.max_err_after_vs_recorded <= 1e-5
    assert f"[1, {len(result.prompt_ids) + 2}," in panel.shape.text()
    assert "top-k = 8 removed" in panel.filters.text() and "top-p = 0.6 removed" in panel.filters.text()
    assert panel.check.text().startswith("Check:") and "⚠" not in panel.check.text()
    table = panel.table
    assert table.rowCount() == len(steps.rows) >= 10
    chosen = next(r for r in range(table.rowCount()) if table.item(r, 0).font().bold())
    assert steps.rows[chosen].id == result.ids[2]
    removed = [r for r in range(table.rowCount()) if steps.rows[r].removed_by]
    assert removed and all(table.item(r, 7).text() in ("✗ top-k", "✗ top-p") for r in removed)
    # the page's numbers are the step's: p column = the recorded probability after the filters of a kept token
    token = tab.branches[0].tokens[2]
    alt = next(a for a in token.alternatives if a.id == steps.rows[chosen].id)
    assert table.item(chosen, 7).text() == inspector.alt_table.item(
        [a.id for a in token.alternatives].index(alt.id), 2).text()


def test_a_greedy_step_in_the_attention_tab_says_no_filters(qtbot, ctx, tiny):
    from workbench.ui.tabs.attention import AttentionTab

    tab = AttentionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    try:
        ctx.open_attention.emit(str(tiny("gpt2")), "Hello world")
        qtbot.waitUntil(lambda: tab.job is None and tab.capture is not None, timeout=60_000)
        tab.heatmap_page.side.setCurrentWidget(tab.heatmap_page.inspector)
        tab.heatmap_page.inspector.pages.setCurrentWidget(tab.heatmap_page.inspector.logits_panel)
        panel = tab.heatmap_page.inspector.logits_panel
        qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
        assert panel.result.greedy and "Greedy decoding" in panel.filters.text()
        assert panel.result.max_err_vs_recorded <= 1e-5  # the step's recorded probabilities
        assert panel.table.item(0, 0).font().bold()  # greedy: the chosen token is the likeliest
    finally:
        tab.shutdown()
