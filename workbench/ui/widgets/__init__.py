"""Small widgets several tabs share."""

from __future__ import annotations

from workbench.ui.qt import QtCore, QtWidgets, Qt

PARTIAL_GREY = "#8a8a8a"  # a token that carries only part of a character: ‹e5 8f›


def sortable_table(source: QtCore.QAbstractItemModel, parent: QtCore.QObject) -> tuple[QtWidgets.QTableView,
                                                                                      QtCore.QSortFilterProxyModel]:
    """A single-row-selection table over ``source``, sorted by each cell's ``Qt.UserRole`` value
    (so numbers sort as numbers), first column ascending."""
    proxy = QtCore.QSortFilterProxyModel(parent)
    proxy.setSourceModel(source)
    proxy.setSortRole(Qt.UserRole)
    table = QtWidgets.QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.AscendingOrder)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
    table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
    table.verticalHeader().hide()
    return table, proxy


def show_fraction(bar: QtWidgets.QProgressBar, fraction: float | None) -> None:
    """Show a known fraction on ``bar``; leave it busy (indeterminate) when the total is unknown."""
    if fraction is not None:
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * fraction))
