"""A model's anatomy (opened from the Models tab): its configuration in plain words and its module tree with
parameter counts, like Keras's ``model.summary()``. Computed on a worker from the config (no weights read)."""

from __future__ import annotations

import html

from workbench.core.inspect.anatomy import Anatomy, anatomy
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.widgets.build import splitter
from workbench.ui.workers import JobSlot

SHOWN_EXPANDED = 2  # tree levels open at first (the layers' list; a layer's insides on request)


class AnatomyDialog(QtWidgets.QDialog):
    def __init__(self, ctx, ref: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ref = ref
        self.result: Anatomy | None = None
        self.setWindowTitle(self.tr("Anatomy of {model}").format(model=ref))
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.resize(900, 640)
        self.summary = QtWidgets.QTableWidget(0, 3)
        self.summary.setHorizontalHeaderLabels([self.tr("What"), self.tr("Value"), self.tr("In plain words")])
        self.summary.verticalHeader().hide()
        self.summary.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.summary.setWordWrap(True)
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.Stretch)
        self.tree_model = QtGui.QStandardItemModel(0, 4, self)
        self.tree_model.setHorizontalHeaderLabels([self.tr("Module"), self.tr("Type"), self.tr("Parameters"),
                                                   self.tr("Note")])
        self.tree = QtWidgets.QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.total = QtWidgets.QLabel()
        self.total.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.total.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.copy_button = QtWidgets.QPushButton(self.tr("Copy as JSON"))
        self.copy_button.setToolTip(self.tr("The same document as workbench anatomy --json"))
        self.copy_button.clicked.connect(self.copy_json)
        self.copy_button.setEnabled(False)
        close = QtWidgets.QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        split = splitter(Qt.Vertical, self.summary, self.tree, stretch=(1, 1))
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.total, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, status=self.status.setText)
        self.slot.submit(anatomy, ctx.service, ref, name="anatomy",
                         busy=self.tr("Reading the configuration of {model}…").format(model=ref),
                         on_success=self.show_result)

    def show_result(self, result: Anatomy) -> None:
        self.result = result
        self.status.setText(self.tr("Built from the configuration, without reading the weights.")
                            if result.source == "config" else self.tr("The loaded model."))
        facts = result.facts()
        self.summary.setRowCount(len(facts))
        for row, fact in enumerate(facts):
            for column, value in enumerate((fact.label, fact.value, fact.explanation)):
                item = QtWidgets.QTableWidgetItem(value)
                item.setToolTip(fact.key)
                if column == 2:
                    item.setToolTip(fact.explanation)
                if column == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.summary.setItem(row, column, item)
        self.summary.resizeRowsToContents()
        self.tree_model.removeRows(0, self.tree_model.rowCount())
        parents: dict[str, QtGui.QStandardItem] = {"": self.tree_model.invisibleRootItem()}
        for module in result.modules:
            parent_name = module.name.rsplit(".", 1)[0] if "." in module.name else ""
            name = QtGui.QStandardItem(module.name.rsplit(".", 1)[-1])
            name.setToolTip(module.name)
            count = QtGui.QStandardItem(f"{module.parameters:,}")
            count.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            count.setToolTip(self.tr("{own:,} held directly by this module").format(own=module.own))
            note = QtGui.QStandardItem(self.tr("shares {names} (counted there)").format(names=", ".join(module.shared))
                                       if module.shared else "")
            row = [name, QtGui.QStandardItem(module.type), count, note]
            for item in row:
                item.setEditable(False)
            parents.get(parent_name, parents[""]).appendRow(row)
            parents[module.name] = name
        self._expand(self.tree_model.invisibleRootItem().index(), 0)
        self.total.setText(self.tr("<b>Total: {n} parameters</b> (each shared parameter counted once)").format(
            n=html.escape(f"{result.parameters:,}")))
        self.copy_button.setEnabled(True)

    def _expand(self, index: QtCore.QModelIndex, depth: int) -> None:
        if depth >= SHOWN_EXPANDED:
            return
        for row in range(self.tree_model.rowCount(index)):
            child = self.tree_model.index(row, 0, index)
            if self.tree_model.rowCount(child) <= 64:  # a list of hundreds of experts stays closed
                self.tree.expand(child)
                self._expand(child, depth + 1)

    def copy_json(self) -> None:
        import json

        if self.result is not None:
            QtWidgets.QApplication.clipboard().setText(json.dumps(self.result.to_json(), indent=2, ensure_ascii=False))

    def closeEvent(self, event):  # noqa: N802
        self.slot.shutdown()
        super().closeEvent(event)


def open_anatomy(parent: QtWidgets.QWidget, ctx, ref: str) -> AnatomyDialog:
    dialog = AnatomyDialog(ctx, ref, parent)
    dialog.show()
    return dialog
