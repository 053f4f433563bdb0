"""Short builders for what every page writes again and again: a button with its tip and action, a line
edit that acts on Return, a column of widgets without margins, a splitter that keeps its panes, a
read-only table and its cells."""

from __future__ import annotations

from typing import Callable

from workbench.ui.qt import QtGui, QtWidgets, Qt


def button(text: str, tip: str = "", clicked: Callable | None = None, shortcut: str = "") -> QtWidgets.QPushButton:
    widget = QtWidgets.QPushButton(text)
    if tip:
        widget.setToolTip(tip)
    if clicked is not None:
        widget.clicked.connect(clicked)
    if shortcut:
        widget.setShortcut(QtGui.QKeySequence(shortcut))
    return widget


def line_edit(text: str = "", placeholder: str = "", entered: Callable | None = None) -> QtWidgets.QLineEdit:
    widget = QtWidgets.QLineEdit(text)
    if placeholder:
        widget.setPlaceholderText(placeholder)
    if entered is not None:
        widget.returnPressed.connect(entered)
    return widget


def add(layout: QtWidgets.QBoxLayout, *items) -> QtWidgets.QBoxLayout:
    """Add widgets and layouts to ``layout`` in order; ``(item, stretch)`` gives one a stretch factor."""
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, QtWidgets.QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def row(*items) -> QtWidgets.QHBoxLayout:
    return add(QtWidgets.QHBoxLayout(), *items)


def column(*items) -> QtWidgets.QWidget:
    """A widget holding ``items`` top to bottom, flush with its edges (a pane of a splitter or a stack)."""
    widget = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    add(layout, *items)
    return widget


def splitter(orientation: Qt.Orientation, *widgets: QtWidgets.QWidget, stretch: tuple[int, ...] = (),
             sizes: tuple[int, ...] = ()) -> QtWidgets.QSplitter:
    """A splitter whose panes can be made small but never collapsed out of sight."""
    split = QtWidgets.QSplitter(orientation)
    for widget in widgets:
        split.addWidget(widget)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    if sizes:
        split.setSizes(list(sizes))
    split.setChildrenCollapsible(False)
    return split


def table(headers: list[str], stretch: int | None = None) -> QtWidgets.QTableWidget:
    """A read-only table selecting whole rows; column ``stretch`` takes the spare width (every column: None)."""
    widget = QtWidgets.QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
    widget.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
    if stretch is None:
        widget.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.Stretch)
    else:
        widget.horizontalHeader().setSectionResizeMode(stretch, QtWidgets.QHeaderView.Stretch)
    return widget


def fill_row(widget: QtWidgets.QTableWidget, row_index: int, values, numbers: tuple[int, ...] = ()) -> None:
    """Row ``row_index`` of ``widget``: one cell per value, right-aligned in the ``numbers`` columns."""
    for column_index, value in enumerate(values):
        item = QtWidgets.QTableWidgetItem(value)
        if column_index in numbers:
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        widget.setItem(row_index, column_index, item)
