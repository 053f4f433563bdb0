"""widgets.build.splitter: the panes in order, each with its share of a resize, none collapsible to nothing."""

from __future__ import annotations

from workbench.ui.qt import QtWidgets, Qt
from workbench.ui.widgets.build import splitter as split


def test_panes_keep_their_order_share_and_size(qtbot):
    top, bottom = QtWidgets.QLabel("top"), QtWidgets.QLabel("bottom")
    splitter = split(Qt.Vertical, top, bottom, stretch=(2, 3), sizes=(400, 600))
    qtbot.addWidget(splitter)
    splitter.resize(300, 1000)
    splitter.show()
    assert splitter.orientation() == Qt.Vertical and [splitter.widget(i) for i in range(2)] == [top, bottom]
    assert not splitter.childrenCollapsible()
    first = splitter.sizes()
    splitter.resize(300, 1500)
    qtbot.waitUntil(lambda: splitter.sizes() != first, timeout=2000)
    grown = [after - before for before, after in zip(first, splitter.sizes())]
    assert grown[1] > grown[0] > 0  # the second pane takes the larger share (3 to 2)
    splitter.moveSplitter(0, 1)  # dragging the handle to the top leaves the top pane its minimum size
    assert splitter.sizes()[0] > 0
