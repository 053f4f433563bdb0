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


def show_progress(bar: QtWidgets.QProgressBar, events: list) -> None:
    """Show a batch of a job's events on ``bar``: each ``Progress`` event's fraction."""
    from workbench.core.jobs import Progress

    for event in events:
        if isinstance(event, Progress):
            show_fraction(bar, event.fraction)


class WhenShown(QtCore.QObject):
    """Runs ``compute`` for a widget's newest input now if the widget is visible, else when it is next
    shown: a page computes only what is looked at."""

    def __init__(self, widget: QtWidgets.QWidget, compute):
        super().__init__(widget)
        self.widget, self.compute, self.pending = widget, compute, False
        widget.installEventFilter(self)

    def request(self) -> None:
        self.pending = True
        if self.widget.isVisible():
            self._run()

    def drop(self) -> None:
        self.pending = False

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QtCore.QEvent.Show and self.pending and watched is self.widget:
            self._run()
        return False

    def _run(self) -> None:
        self.pending = False
        self.compute()
