"""The Generate tab's right column: the branches, the generated tokens, and one token's alternatives."""

from __future__ import annotations

from workbench.core.generation import TokenEvent
from workbench.ui.qt import QtGui, QtWidgets, Qt
from workbench.ui.tabs.generate.texts import ALT_COLUMNS, _tr
from workbench.ui.tabs.generate.token_table import TokenTableModel
from workbench.ui.widgets import PARTIAL_GREY
from workbench.ui.widgets.token_cells import after_pct, is_partial, pct, token_label, token_table, token_tip


class TokensPanel(QtWidgets.QWidget):
    """Branch choice, the token table, the clicked token's alternatives and "Continue with this token"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        rv = QtWidgets.QVBoxLayout(self)
        rv.setContentsMargins(4, 0, 0, 0)
        branch_row = QtWidgets.QHBoxLayout()
        self.branch_box = QtWidgets.QComboBox()
        self.branch_box.setToolTip(self.tr("Each branch continues the same prompt from a token you picked"))
        branch_row.addWidget(QtWidgets.QLabel(self.tr("Branch")))
        branch_row.addWidget(self.branch_box, 1)
        rv.addLayout(branch_row)
        rv.addWidget(self._build_token_table(), 3)
        self.alt_title = QtWidgets.QLabel(self.tr("Click a token to see the alternatives the model considered."))
        self.alt_title.setWordWrap(True)
        rv.addWidget(self.alt_title)
        self.alt_table = token_table([_tr(c) for c in ALT_COLUMNS])
        self.alt_table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        rv.addWidget(self.alt_table, 2)
        self.continue_button = QtWidgets.QPushButton(self.tr("Continue with this token"))
        self.continue_button.setToolTip(self.tr("Start a new branch: keep the text before this token, put the chosen "
                                                "alternative in its place, and generate on from there"))
        rv.addWidget(self.continue_button)

    def _build_token_table(self) -> QtWidgets.QTableView:
        self.token_model = TokenTableModel(self)
        self.token_table = QtWidgets.QTableView()
        self.token_table.setModel(self.token_model)
        self.token_table.verticalHeader().hide()
        self.token_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.token_table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.token_table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        # fixed widths from the font: resizing to contents would rescan every row on each streamed batch
        header = self.token_table.horizontalHeader()
        header.setStretchLastSection(True)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate((4, 11, 8, 8, 4)):
            header.resizeSection(column, digit * chars + 12)
        return self.token_table

    def fill_branches(self, branches: list, current: int) -> None:
        self.branch_box.clear()
        for i, b in enumerate(branches):
            picked = b.tokens[b.fork] if b.fork is not None and len(b.tokens) > b.fork else None
            self.branch_box.addItem(f"{i + 1}: {b.label}" + (f" “{token_label(picked)}”" if picked else ""))
        self.branch_box.setCurrentIndex(current)

    def show_alternatives(self, token: TokenEvent, note: str = "") -> None:
        """The token's probabilities and the alternatives the model considered (``note`` follows the title)."""
        self.alt_title.setText(self.tr("Token #{index} “{text}”: probability {prob}, after filters {after}. "
                                       "The alternatives the model considered:").format(
            index=token.index, text=token_label(token), prob=pct(token.prob), after=after_pct(token.prob_after))
            + note)
        self.alt_table.setRowCount(len(token.alternatives))
        for r, alt in enumerate(token.alternatives):
            cells = (token_label(alt), str(alt.id), pct(alt.prob), after_pct(alt.prob_after))
            for c, text in enumerate(cells):
                self.alt_table.setItem(r, c, self._alternative_cell(token, alt, c, text))

    def _alternative_cell(self, token: TokenEvent, alt, column: int, text: str) -> QtWidgets.QTableWidgetItem:
        item = QtWidgets.QTableWidgetItem(text)
        if column:
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        else:
            item.setToolTip(token_tip(alt))
            if is_partial(alt):
                item.setForeground(QtGui.QColor(PARTIAL_GREY))
        if alt.id == token.id:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.tr("The token that was generated"))
        if column == 3 and alt.prob_after == 0:
            item.setToolTip(self.tr("Removed by the sampling filters: it could not have been picked"))
            item.setForeground(self.palette().placeholderText())
        return item
