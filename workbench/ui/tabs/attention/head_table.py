"""The Heads table of the Attention tab: per-head statistics (entropy, sink, previous token, self), sortable
by value."""

from __future__ import annotations

import math

from workbench.core import attention as A
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, Qt

STAT_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Layer"), QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Head"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Entropy (bits)"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Sink (first token)"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Previous token"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Self (diagonal)"))
_tr = translator("AttentionTab")


class HeadStatsModel(QtCore.QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[A.HeadStats] = []

    def set_rows(self, rows: list[A.HeadStats]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return len(STAT_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(STAT_COLUMNS[section])
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return (self.tr("Layer index"), self.tr("Head index"),
                    self.tr("Mean entropy of a row: low = focused, high = spread out"),
                    self.tr("Mean attention to the first token (an 'attention sink')"),
                    self.tr("Mean attention to the token just before (self-attention only)"),
                    self.tr("Mean attention of a token to itself (self-attention only)"))[section]
        return None

    def values(self, row: int) -> tuple:
        s = self.rows[row]
        return (s.layer, s.head, s.entropy, s.sink, s.previous, s.diagonal)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self.values(index.row())[index.column()]
        if role == Qt.DisplayRole:
            if isinstance(value, int):
                return str(value)
            return "–" if math.isnan(value) else f"{value:.3f}"
        if role == Qt.UserRole:
            return -1.0 if isinstance(value, float) and math.isnan(value) else value
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
