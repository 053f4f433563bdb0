"""The Attention tab's "Computed" page as a user drives it: bad choices, then a layer/head/query worked through on a
tiny Llama (rotary, grouped-query), the checks shown, hover values, Copy as code; the window stays responsive."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.attention import AttentionTab


@pytest.fixture
def tab(qtbot, ctx):
    widget = AttentionTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    widget.shutdown()


def compute(qtbot, page) -> None:
    qtbot.mouseClick(page.compute_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not page.slot.running, timeout=120000)


def test_computed_page_walks_through_the_formula_and_checks_itself(qtbot, tab, ctx, tiny):
    page = tab.math_page
    assert tab.pages.tabText(tab.pages.indexOf(page)) == "Computed"
    tab.heatmap_page.text.setPlainText("The quick brown fox jumps over the lazy dog")
    tab.pages.setCurrentWidget(page)
    assert page.text.text() == "The quick brown fox jumps over the lazy dog"  # the Heatmap page's text
    ctx.set_model(str(tiny("llama")))
    page.text.setText("")
    qtbot.mouseClick(page.compute_button, Qt.LeftButton)
    assert "text is empty" in page.status.text()
    page.text.setText("The quick brown fox jumps over the lazy dog")
    page.layer.setValue(7)
    compute(qtbot, page)
    assert "Layer 7 does not exist" in page.status.text() and "0 to 1" in page.status.text()
    assert page.result is None and not page.code_button.isEnabled()

    page.layer.setValue(1)
    page.head.setValue(3)
    page.query.setValue(4)
    heartbeat = Heartbeat().start()
    compute(qtbot, page)
    max_gap = heartbeat.stop()
    r = page.result
    assert r is not None, page.status.text()
    assert (r.layer, r.head, r.query, r.kv_head) == (1, 3, 4, 1)
    assert r.passed and page.checks.text().count("✓") == 2 and "✗" not in page.checks.text()
    assert f"{r.max_err_vs_capture:.1e}" in page.checks.text()
    assert (page.layer.maximum(), page.head.maximum(), page.query.maximum()) == (1, 3, r.n - 1)
    titles = [page.steps.itemAt(i).widget().title.text() for i in range(page.steps.count() - 1)]
    assert [t[3:5] for t in titles] == ["1.", "2.", "2b", "3.", "4.", "5."]
    np.testing.assert_array_equal(page.views["weights"].values[0], r.weights)
    np.testing.assert_array_equal(page.views["q_raw"].values[0], r.q_raw)
    assert page.views["concat"].marked_columns == (3 * r.head_dim, 4 * r.head_dim)
    table = page.views["table"]
    assert table.item(4, table.columnCount() - 2).text() == f"{r.weights[4]:.6f}"
    assert "causal" in table.item(5, table.columnCount() - 3).text()
    # hover reads the value under the pointer
    view = page.views["weights"]
    point = QtCore.QPointF(view.cell_center(0, 2))
    QtWidgets.QApplication.sendEvent(view, QtGui.QMouseEvent(QtCore.QEvent.MouseMove, point, view.mapToGlobal(point),
                                                             Qt.NoButton, Qt.NoButton, Qt.NoModifier))
    assert f"{r.weights[2]:.6g}" in page.hover.text() and "2 " in page.hover.text()
    # Copy as code
    qtbot.mouseClick(page.code_button, Qt.LeftButton)
    code = QtWidgets.QApplication.clipboard().text()
    compile(code, "explain.py", "exec")
    assert "apply_rotary_pos_emb" in code and "register_forward_hook" in code
    print(f"\nworst GUI heartbeat gap while computing: {max_gap:.0f} ms")
    assert max_gap < 1000
    # after a capture, the page takes the layer and head the tab shows when it is opened again
    tab.pages.setCurrentIndex(0)
    tab.start_capture()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60000)
    tab.heatmap_page.layer.setValue(0)
    tab.heatmap_page.head.setValue(2)
    tab.pages.setCurrentIndex(0)
    tab.pages.setCurrentWidget(page)
    assert (page.layer.value(), page.head.value()) == (0, 2)
