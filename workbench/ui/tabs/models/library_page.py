"""The Models tab's Library page (widgets only): every model on this computer (HF cache, workbench store,
starter models) in a table, the selected one described, the action buttons, the running job's progress and the
status line. ``library.LibraryController`` runs the actions."""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.library import ModelEntry
from workbench.core.units import human_bytes, human_count
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.widgets import sortable_table

COLUMNS = (QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Name"), QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Source"),
           QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Kinds"), QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Architecture"),
           QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Parameters"), QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Size"),
           QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Chat"), QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Location"))
SOURCE_LABELS = {"starter": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Starter"),
                 "hf-cache": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "HF cache"),
                 "store": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Workbench"),
                 "remote": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "Remote")}
VERDICTS = {"fits": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "fits"), "tight": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "tight"),
            "will not fit": QtCore.QT_TRANSLATE_NOOP("ModelsTab", "will not fit")}


_tr = translator("ModelsTab")


class LibraryModel(QtCore.QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[ModelEntry] = []
        self.loaded: set[str] = set()

    def set_entries(self, entries: list[ModelEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (
                e.name + (QtCore.QCoreApplication.translate("ModelsTab", "  (loaded)") if e.name in self.loaded else ""),
                _tr(SOURCE_LABELS.get(e.source, e.source)),
                ", ".join(e.kinds),
                e.model_type,
                human_count(e.parameters) if e.source != "remote" else "",  # the server does not say
                human_bytes(e.size_bytes) if e.source != "remote" else "",
                QtCore.QCoreApplication.translate("ModelsTab", "yes") if e.has_chat_template else "",
                e.path,
            )[col]
        if role == Qt.UserRole:  # sort keys
            return (e.name.lower(), e.source, ",".join(e.kinds), e.model_type, e.parameters or 0,
                    e.size_bytes or 0, e.has_chat_template, e.path)[col]
        if role == Qt.ToolTipRole:
            lines = [translate("core", e.description)] if e.description else []
            if e.needs_conversion:
                lines.append(QtCore.QCoreApplication.translate("ModelsTab", "A GGUF file: converted once into the workbench store on first load."))
            lines += [f"⚠ {p}" for p in e.problems]
            return "\n".join(lines) or e.path
        if role == Qt.DecorationRole and col == 0 and e.problems:
            return QtWidgets.QApplication.style().standardIcon(QtWidgets.QStyle.SP_MessageBoxWarning)
        if role == Qt.FontRole and col == 0 and e.name in self.loaded:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None


def describe(e: ModelEntry) -> str:
    """One paragraph about a model: what it is, and whether it fits in this computer's memory."""
    from workbench.core.devices import estimate_bytes, fit_verdict, memory_status

    parts = [f"<b>{e.name}</b>"]
    if e.description:
        parts.append(translate("core", e.description))
    if e.parameters:
        status = memory_status("cpu")
        needed = estimate_bytes(e.parameters, "float32")
        verdict = fit_verdict(needed, status.available_bytes)
        parts.append(QtCore.QCoreApplication.translate("ModelsTab", "Needs about {size} of memory in float32: <b>{verdict}</b> ({free} free).").format(
            size=human_bytes(needed), verdict=_tr(VERDICTS.get(verdict, verdict)),
            free=human_bytes(status.available_bytes)))
    if e.needs_conversion:
        parts.append(QtCore.QCoreApplication.translate("ModelsTab", "A GGUF file: converted once into the workbench store on first load (about 20 s)."))
    parts += [f"⚠ {p}" for p in e.problems]
    return " · ".join(parts)


class LibraryPage(QtWidgets.QWidget):
    """The local library's widgets; ``show_state`` enables the buttons for the selection and the running job."""

    selection_changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.table, self.proxy = sortable_table(self.model, self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter = QtWidgets.QLineEdit(placeholderText=self.tr("Filter by name, kind or architecture…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideMiddle)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())

        def button(text, tip, shortcut=None):
            b = QtWidgets.QPushButton(text)
            b.setToolTip(tip + (f" ({shortcut})" if shortcut else ""))
            if shortcut:
                b.setShortcut(QtGui.QKeySequence(shortcut))
            return b

        self.load_button = button(self.tr("Load"), self.tr("Load the selected model into memory"), "Ctrl+L")
        self.use_button = button(self.tr("Use in all tabs"), self.tr("Make it the model every tab works with"))
        self.unload_button = button(self.tr("Unload"), self.tr("Free the memory the model holds"))
        self.import_folder_button = button(self.tr("Import folder…"), self.tr("Copy a model folder into the store"),
                                           "Ctrl+I")
        self.import_gguf_button = button(self.tr("Import GGUF…"),
                                         self.tr("Convert a .gguf file once into a fast-loading model in the store"))
        self.remove_button = button(self.tr("Remove…"), self.tr("Delete the model's files from disk"))
        self.open_button = button(self.tr("Open folder"), self.tr("Show the model's files"))
        self.anatomy_button = button(self.tr("Anatomy…"),
                                     self.tr("Layers, heads, sizes in plain words and the module tree with parameter "
                                             "counts (no weights are read)"))
        self.refresh_button = button(self.tr("Refresh"), self.tr("Scan the library again"), "F5")
        self.export_button = button(self.tr("Export…"),
                                    self.tr("Write the model as a GGUF file for llama.cpp, LM Studio or Ollama"))
        self.server_button = button(self.tr("Add a server…"),
                                    self.tr("Use models served by vLLM, llama.cpp's server, Ollama or LM Studio"))

        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.details = QtWidgets.QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.refresh_button)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.load_button, self.use_button, self.unload_button, self.anatomy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.import_folder_button, self.import_gguf_button, self.export_button, self.server_button,
                  self.open_button, self.remove_button):
            buttons.addWidget(b)
        prog = QtWidgets.QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addLayout(prog)
        layout.addWidget(self.status)

    def set_entries(self, entries: list[ModelEntry]) -> None:
        selected = self.selected()
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 220))
        self.status.setText(self.tr("{n} models on this computer.").format(n=len(entries)))
        if selected:
            self.select(selected.name)

    def set_loaded(self, names: set[str]) -> None:
        self.model.loaded = names
        self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 0))

    def selected(self) -> ModelEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entries[self.proxy.mapToSource(rows[0]).row()]

    def select(self, name: str) -> bool:
        for row, e in enumerate(self.model.entries):
            if e.name == name:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                return True
        return False

    def show_state(self, busy: bool, unloading: set[str]) -> None:
        """The selected model's details, and the buttons enabled for it, a running job (``busy``) and the
        models being unloaded."""
        e = self.selected()
        self.details.setText(describe(e) if e else self.tr("Select a model to see what it is and whether it fits in memory."))
        for b in (self.load_button, self.use_button, self.open_button, self.remove_button, self.anatomy_button):
            b.setEnabled(e is not None and not busy)
        self.unload_button.setEnabled(e is not None and e.name in self.model.loaded and e.name not in unloading)
        self.import_folder_button.setEnabled(not busy)
        self.import_gguf_button.setEnabled(not busy)
        self.export_button.setEnabled(e is not None and e.source != "remote" and "causal-lm" in e.kinds)
        self.cancel_button.setVisible(busy)

    # ---- questions to the user ----------------------------------------------------------------
    def ask_folder(self) -> Path | None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        return Path(folder) if folder else None

    def ask_gguf(self) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Import a GGUF file"), "", self.tr("GGUF files (*.gguf)"))
        return Path(path) if path else None

    def confirm_remove(self, e: ModelEntry) -> bool:
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Remove model"), self.tr("Delete {name} ({size}) from disk?").format(
                name=e.name, size=human_bytes(e.size_bytes)) + f"\n{e.path}")
        return answer == QtWidgets.QMessageBox.Yes
