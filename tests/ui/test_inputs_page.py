"""The Attention tab's Inputs page, as a user drives it: a sentence pair on BERT, a rotary model, bad input."""

from __future__ import annotations

from workbench.ui.heartbeat import Heartbeat


def _page(qtbot, ctx, model):
    from workbench.ui.tabs.attention import AttentionTab

    ctx.set_model(model)
    tab = AttentionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    tab.pages.setCurrentWidget(tab.inputs_page)
    return tab, tab.inputs_page


def test_a_bert_sentence_pair_shows_segments_on_the_strip_and_the_check(qtbot, ctx, tiny):
    tab, page = _page(qtbot, ctx, str(tiny("bert")))
    try:
        assert tab.pages.tabText(tab.pages.indexOf(page)) == "Inputs"
        page.text.setText("the cat sat")
        page.pair.setText("a dog ran")
        beat = Heartbeat().start()
        page.run_button.click()
        assert page.stop_button.isEnabled() and not page.run_button.isEnabled()
        qtbot.waitUntil(lambda: page.result is not None and not page.slot.running, timeout=60_000)
        assert beat.stop() < 1000
        result = page.result
        n = len(result.ids)
        assert page.strip.columnCount() == n and page.table.rowCount() == n
        assert page.strip.item(0, 0).text() == "[CLS]"
        assert [page.strip.item(1, c).text() for c in range(n)] == [str(s) for s in result.segments]
        assert page.strip.item(1, n - 1).text() == "1" and page.strip.item(2, n - 1).text() == str(n - 1)
        assert page.strip.item(0, n - 1).background().color() != page.strip.item(0, 0).background().color()
        assert page.check.text().startswith("Check: LayerNorm(sum)") and "⚠" not in page.check.text()
        assert "E<sub>segment</sub>" in page.formula.text() and "LayerNorm" in page.formula.text()
        page.strip.setCurrentCell(0, 2)  # clicking a token on the strip shows its vectors
        assert page.table.currentRow() == 2 and "segment embedding" in page.detail.toPlainText()
        assert page.table.item(2, 5).text() == f"{result.norms['sum'][2]:.4f}"
    finally:
        tab.shutdown()


def test_a_rotary_model_says_where_position_goes_and_bad_input_is_said(qtbot, ctx, tiny):
    tab, page = _page(qtbot, ctx, str(tiny("llama")))
    try:
        page.text.setText("")
        page.run_button.click()
        assert "empty" in page.status.text() and page.result is None
        page.text.setText("The quick brown fox")
        page.pair.setText("a second text")
        page.run_button.click()
        qtbot.waitUntil(lambda: not page.slot.running, timeout=60_000)
        assert "sentence pair" in page.status.text() and page.result is None
        page.pair.setText("")
        page.run_button.click()
        qtbot.waitUntil(lambda: page.result is not None and not page.slot.running, timeout=60_000)
        assert "inside attention" in page.notes.text()
        assert page.table.item(0, 3).text() == "–" and page.strip.item(2, 0).text() == "–"
        assert "E<sub>position</sub>" not in page.formula.text()
    finally:
        tab.shutdown()
