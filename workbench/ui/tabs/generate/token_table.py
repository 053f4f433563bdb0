"""The Generate tab's token table: one row per generated token, appended in batches while streaming."""

from __future__ import annotations

from workbench.core.generation import TokenEvent
from workbench.ui.qt import QtCore, QtGui, Qt
from workbench.ui.tabs.generate.texts import TOKEN_COLUMNS, _tr
from workbench.ui.widgets import PARTIAL_GREY
from workbench.ui.widgets.speedup_choice import mark_colour
from workbench.ui.widgets.token_cells import after_pct, is_partial, pct, prob_colour, token_label, token_tip


class TokenTableModel(QtCore.QAbstractTableModel):
    """One row per generated token; rows are appended in batches while streaming."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tokens: list[TokenEvent] = []

    def reset(self, tokens: list[TokenEvent]) -> None:
        self.beginResetModel()
        self.tokens = list(tokens)
        self.endResetModel()

    def append(self, tokens: list[TokenEvent]) -> None:
        if tokens:
            start = len(self.tokens)
            self.beginInsertRows(QtCore.QModelIndex(), start, start + len(tokens) - 1)
            self.tokens.extend(tokens)
            self.endInsertRows()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.tokens)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return len(TOKEN_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(TOKEN_COLUMNS[section])
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return (self.tr("Position among the generated tokens"), self.tr("The token, whitespace shown as · and ↵"),
                    self.tr("The model's probability of this token, before any sampling filter"),
                    self.tr("The probability it had in the distribution actually sampled from (after temperature, "
                    "top-k, top-p, ...)"), self.tr("1 = the model's likeliest token"),
                    self.tr("How unsure the model was: 0 = certain; each bit doubles the number of equally likely choices"))[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        t = self.tokens[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (str(t.index), token_label(t), pct(t.prob), after_pct(t.prob_after),
                    "" if t.rank is None else str(t.rank),
                    "" if t.entropy_bits is None else f"{t.entropy_bits:.2f}")[col]
        if role == Qt.ToolTipRole:
            return token_tip(t) + self._mark_tip(t)
        if role == Qt.ForegroundRole and col == 1 and is_partial(t):
            return QtGui.QColor(PARTIAL_GREY)
        if role == Qt.BackgroundRole and col == 2:
            return prob_colour(t.prob)
        if role == Qt.BackgroundRole and col == 1:
            return mark_colour(t.mark)  # speculative decoding: proposed and kept, or rejected
        if role == Qt.TextAlignmentRole and col != 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _mark_tip(self, t: TokenEvent) -> str:
        if t.mark == "accepted":
            return "\n" + self.tr("Proposed, and kept by the model")
        if t.mark == "rejected":
            return "\n" + self.tr("The model rejected the proposed token id {id}; this is its own").format(id=t.drafted)
        return ""
