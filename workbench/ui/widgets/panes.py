"""Panes next to each other (or one above the other) that the user resizes but never collapses to nothing."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.ui.qt import QtWidgets, Qt


def split_panes(orientation: Qt.Orientation, panes: Sequence[QtWidgets.QWidget], stretch: Sequence[int],
                sizes: Sequence[int]) -> QtWidgets.QSplitter:
    """A splitter holding ``panes`` in order; ``stretch``: each pane's share when the window resizes;
    ``sizes``: the starting sizes in pixels (scaled to the space there is)."""
    splitter = QtWidgets.QSplitter(orientation)
    for index, (pane, factor) in enumerate(zip(panes, stretch, strict=True)):
        splitter.addWidget(pane)
        splitter.setStretchFactor(index, factor)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    return splitter
