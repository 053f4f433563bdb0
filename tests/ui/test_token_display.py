"""Chinese text in the Generate and Attention tabs reads as characters: partial pieces are greyed
byte markers, hovering shows the id and bytes, and no view shows a \\x escape or a �."""

from __future__ import annotations

from dataclasses import replace

from workbench.core.generation import PRESETS
from workbench.ui.qt import QtGui, Qt
from workbench.ui.tabs.attention import AttentionTab
from workbench.ui.tabs.generate import GenerateTab
from workbench.ui.widgets import PARTIAL_GREY


def _readable(text: str) -> bool:
    return "\ufffd" not in text and "\\x" not in text


def _tooltips(document) -> list[str]:
    tips = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            tips.append(it.fragment().charFormat().toolTip())
            it += 1
        block = block.next()
    return [t for t in tips if t]


def test_generate_tab_shows_chinese_tokens_as_characters(qtbot, ctx, tiny):
    ctx.set_model(str(tiny("gpt2")))
    tab = GenerateTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    try:
        tab.prompt.setPlainText("我喜欢学习")
        tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=16, top_probs=8))
        tab.colour.setChecked(True)
        tab.generate_button.click()
        qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
        model = tab.token_model
        tokens = model.tokens
        assert tokens and all(t.piece is not None for t in tokens)
        cells = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
        assert all(_readable(c) for c in cells), cells
        for row, token in enumerate(tokens):
            tip = model.data(model.index(row, 1), Qt.ToolTipRole)
            assert str(token.id) in tip and token.piece.hex in tip
            grey = model.data(model.index(row, 1), Qt.ForegroundRole)
            assert (grey == QtGui.QColor(PARTIAL_GREY)) == token.piece.partial
        assert _readable(tab.output.toPlainText())
        # the prompt's own tokens: 学 and 习 are split by the tiny byte-level BPE
        view = tab.tokens_view.toPlainText()
        assert _readable(view) and "‹" in view and "学" in view
        assert any("bytes" in tip for tip in _tooltips(tab.tokens_view.document()))
        for row in range(model.rowCount()):
            tab.token_table.selectRow(row)
            labels = [tab.alt_table.item(r, 0).text() for r in range(tab.alt_table.rowCount())]
            assert labels and all(_readable(label) for label in labels)
            assert _readable(tab.alt_title.text())
    finally:
        tab.shutdown()


def test_attention_tab_labels_and_hover_show_characters_and_bytes(qtbot, ctx, tiny):
    tab = AttentionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    try:
        ctx.set_model(str(tiny("gpt2")))
        page = tab.heatmap_page
        page.text.setPlainText("我喜欢学习中文。")
        page.generate.setValue(3)
        tab.start_capture()
        qtbot.waitUntil(lambda: tab.job is None and tab.view is not None, timeout=60_000)
        assert not tab.banner.message, tab.banner.message
        labels = page.heatmap.left_axis.labels
        assert all(_readable(label) for label in labels) and any(label.startswith("‹") for label in labels)
        assert "学" in labels and "习" in labels
        partial = next(i for i, label in enumerate(labels) if label.startswith("‹"))
        piece = tab.view.query_pieces[partial][0]
        assert f"bytes {piece.hex}" in page.heatmap.describe(partial, 0) and str(piece.id) in page.heatmap.describe(partial, 0)
        page.heatmap.grab()  # draws the axes, partial markers in grey
        assert _readable(page.step_view.toPlainText())
        assert any("bytes" in tip for tip in _tooltips(page.step_view.document()))  # hover a step's token
        page.words.setChecked(True)
        qtbot.waitUntil(lambda: tab.view is not None and "words" in tab.view.note, timeout=30_000)
        assert page.heatmap.left_axis.labels[:7] == list("我喜欢学习中文")
        assert "bytes" in page.heatmap.describe(3, 0)
    finally:
        tab.shutdown()


def test_a_crowded_axis_keeps_characters_and_drops_byte_markers():
    from workbench.ui.attention_plot import _characters_first

    labels = ["‹e6 88›", "我", "‹e5›", "‹96›", "喜", "‹e6›", "‹ac›", "欢", "‹e5 ad›", "学"]
    ticks = _characters_first(labels, 0, len(labels) - 1, step=2, marker_step=3)
    assert [labels[i] for i in ticks if not labels[i].startswith("‹")] == ["我", "喜", "欢", "学"]
    assert all(b - a >= 2 for a, b in zip(ticks, ticks[1:]))
    assert _characters_first(labels, 0, len(labels) - 1, step=1, marker_step=1) == list(range(len(labels)))
