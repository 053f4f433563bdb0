"""How a token and its probability read in a table cell: Generate's tables and the token inspector."""

from __future__ import annotations

import math

from workbench.core.tokens import TokenDisplay, hover_text, view_label, visible
from workbench.ui.qt import QtCore, QtGui, QtWidgets
from workbench.ui.widgets.build import table


def _piece(item) -> TokenDisplay | None:
    """What a token event, an alternative or a prompt token shows (``core.tokens``); None for a remote
    engine's token, which has only the server's text."""
    return item if isinstance(item, TokenDisplay) else getattr(item, "piece", None)


def token_label(item) -> str:
    """A token as shown: its characters, or ‹e5 8f› for part of one."""
    piece = _piece(item)
    return view_label(piece) if piece is not None else visible(item.text)


def token_tip(item) -> str:
    piece = _piece(item)
    return hover_text(piece) if piece is not None else f"id {item.id}: {item.text!r}"


def is_partial(item) -> bool:
    piece = _piece(item)
    return piece is not None and piece.partial


def prob_colour(prob: float | None) -> QtGui.QColor:
    """Light red (unlikely) through yellow to light green (likely)."""
    if prob is None:
        return QtGui.QColor(0, 0, 0, 0)
    return QtGui.QColor.fromHsv(int(120 * max(0.0, min(1.0, prob))), 90, 255)


def pct(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value * 100:.2f} %" if value >= 0.0001 else f"{value * 100:.1e} %"


def after_pct(value: float | None) -> str:
    """A probability after the sampling filters: 0 means a filter removed the token."""
    if value == 0:
        return QtCore.QCoreApplication.translate("GenerateTab", "filtered out")
    return pct(value)


def token_table(columns: list[str], stretch_first: bool = True) -> QtWidgets.QTableWidget:
    """A read-only table of tokens (``build.table``), rows one line high, columns as wide as their contents
    (the first, the token, takes the room left when ``stretch_first``)."""
    widget = table(columns, stretch=0 if stretch_first else None)
    widget.verticalHeader().setDefaultSectionSize(widget.fontMetrics().height() + 6)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
    if stretch_first:
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
    return widget
