"""The Embeddings tab on tiny models: what a user sees after each page's button, hover and click on
the map, Stop, and exports."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt, QtCore, QtGui

WAIT_MS = 120_000


@pytest.fixture
def tab(ctx, qtbot):
    from workbench.ui.tabs.embeddings import EmbeddingsTab

    widget = EmbeddingsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    widget.shutdown()


def _idle(qtbot, tab):
    qtbot.waitUntil(lambda: tab.job is None, timeout=WAIT_MS)


def test_nothing_is_computed_on_open(tab):
    assert tab.status.text() == "No analysis yet."
    assert tab.job is None and tab.map is None and tab.words_result is None and tab.contexts is None
    sentences = tab.sentences_page
    assert sentences.map_stack.currentWidget() is sentences.map_empty
    assert "No analysis yet" in tab.words_page.words_empty.text()
    assert not sentences.map_exports.buttons[0].isEnabled()


def test_words_neighbours_and_matrix(tab, ctx, qtbot, tiny, tmp_path):
    ctx.set_model(str(tiny("gpt2")))
    page = tab.words_page
    page.word.setText("unbelievably")
    page.k.setValue(6)
    qtbot.mouseClick(page.find_button, Qt.LeftButton)
    assert tab.stop_button.isEnabled()
    _idle(qtbot, tab)
    assert not tab.banner.isVisible()
    table = page.neighbour_table
    assert table.rowCount() == 6 and page.words_stack.currentWidget() is table
    assert table.item(0, 1).text() and float(table.item(0, 3).text()) >= float(table.item(5, 3).text())
    assert "pieces" in page.words_note.text() and "mean" in page.words_note.text()

    page.matrix_words.setText("cat, dog, fox")
    qtbot.mouseClick(page.matrix_button, Qt.LeftButton)
    _idle(qtbot, tab)
    assert page.words_stack.currentWidget() is page.word_matrix
    assert page.word_matrix.matrix.shape == (3, 3) and page.word_matrix.labels == ["cat", "dog", "fox"]
    tab.export("words", str(tmp_path / "m.csv"))
    assert (tmp_path / "m.csv").read_text().splitlines()[0] == ",cat,dog,fox"

    page.word.setText("жжж")
    ctx.set_model(str(tiny("bert")))
    tab.find_neighbours()
    _idle(qtbot, tab)
    assert tab.banner.isVisible() and "cannot form" in tab.banner.text.text()


def test_sentence_map_hover_click_export(tab, ctx, qtbot, tiny, tmp_path):
    rows = ["text,label"] + [f"cats and dogs {i},animals" for i in range(6)] + \
           [f"Paris is the capital of France {i},places" for i in range(6)]
    table = tmp_path / "texts.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ctx.set_model(str(tiny("bert")))
    tab.pages.setCurrentIndex(1)
    tab.load_texts(table)
    qtbot.waitUntil(lambda: tab.loaded is not None, timeout=WAIT_MS)
    sentences = tab.sentences_page
    assert sentences.texts.toPlainText().splitlines()[0] == "cats and dogs 0"
    assert sentences.label_column.currentData() == "label" and sentences.label_column.isVisible()

    sentences.clusters.setValue(2)
    beat = Heartbeat().start()
    qtbot.mouseClick(sentences.map_button, Qt.LeftButton)
    _idle(qtbot, tab)
    gap = beat.stop()
    assert gap < 1000  # the map is computed on a worker thread; a frozen window fails
    assert not tab.banner.isVisible(), tab.banner.text.text()
    scatter = sentences.scatter
    assert sentences.map_stack.currentWidget() is scatter
    assert scatter.point_count == 12 and len(scatter.items) == 2
    assert "explain" in sentences.map_note.text()
    legend = [label.text for _, label in scatter.legend.items]
    assert legend == ["animals (6)", "places (6)"]

    qtbot.wait(50)
    target = 7
    position = scatter.mapFromScene(scatter.scene_position(target))
    move = QtGui.QMouseEvent(QtCore.QEvent.MouseMove, QtCore.QPointF(position), QtCore.QPointF(position),
                             Qt.NoButton, Qt.NoButton, Qt.NoModifier)
    QtCore.QCoreApplication.sendEvent(scatter.viewport(), move)
    hovered = scatter.hover_index
    assert hovered >= 0 and np.allclose(scatter.xy[hovered], scatter.xy[target], atol=1e-3)
    assert scatter.hover_text() == tab.map.texts[hovered] and tab.map.texts[hovered] in sentences.hover.text()
    assert scatter.tip.isVisible()

    qtbot.mouseClick(scatter.viewport(), Qt.LeftButton, pos=position)
    qtbot.waitUntil(lambda: sentences.point_table.rowCount() == 10, timeout=WAIT_MS)
    assert sentences.point_table.item(0, 3).text() in tab.map.texts
    assert len(scatter.marks.data) == 11

    sentences.colour_by.setCurrentIndex(1)
    assert len(scatter.marks.data) == 11  # recolouring keeps the chosen point and its neighbours ringed
    assert [label.text for _, label in scatter.legend.items] == ["cluster 1 (" + str(
        int((tab.map.clusters == 0).sum())) + ")", "cluster 2 (" + str(int((tab.map.clusters == 1).sum())) + ")"]

    for name in ("map.png", "map.svg", "map.npz", "map.csv"):
        tab.export("map", str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 0
    assert np.load(tmp_path / "map.npz")["vectors"].shape[0] == 12
    tab.copy_code("map")
    assert "AutoModel" in QtGui.QGuiApplication.clipboard().text()


def test_stop_ends_a_long_embedding(tab, ctx, qtbot, tiny):
    ctx.set_model(str(tiny("bert")))
    tab.pages.setCurrentIndex(1)
    texts = (f"sentence number {i} about the capital of France" for i in range(20_000))
    tab.sentences_page.texts.setPlainText("\n".join(texts))
    stopped = {}

    def on_progress(events):
        if not stopped and any(getattr(e, "unit", "") == "texts" for e in events):
            stopped["at"] = True
            qtbot.mouseClick(tab.stop_button, Qt.LeftButton)

    tab.run_map()
    tab.job.events.connect(on_progress)
    _idle(qtbot, tab)
    assert stopped and tab.status.text() == "Stopped."
    assert tab.map is None and not tab.banner.isVisible()
    assert tab.sentences_page.map_button.isEnabled() and not tab.stop_button.isEnabled()


def test_contexts_lines_and_matrix(tab, ctx, qtbot, tiny):
    ctx.set_model(str(tiny("llama")))
    tab.pages.setCurrentIndex(2)
    page = tab.contexts_page
    page.context_word.setText("capital")
    page.context_texts.setPlainText("Paris is the capital of France.\nThe capital was spent.\n"
                                    "Berlin is the capital.")
    qtbot.mouseClick(page.context_button, Qt.LeftButton)
    _idle(qtbot, tab)
    assert not tab.banner.isVisible(), tab.banner.text.text()
    assert len(page.context_lines.lines) == 3
    x, y = page.context_lines.lines[0].getData()
    assert list(x) == [0, 1, 2] and y[0] == pytest.approx(1.0, abs=1e-5) and y[-1] < 0.999
    assert page.context_matrix.matrix.shape == (3, 3)
    page.context_layer.setValue(0)
    np.testing.assert_allclose(page.context_matrix.matrix, 1.0, atol=1e-5)
    assert "embeddings" in page.context_layer_label.text()


def test_smoke_runs_one_real_job(tab, qtbot, tiny):
    outcome = {}
    tab.smoke(str(tiny("llama")), lambda ok, message: outcome.update(ok=ok, message=message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    assert outcome["ok"], outcome["message"]
    assert tab.words_page.neighbour_table.rowCount() == 5 and "king" in outcome["message"]
