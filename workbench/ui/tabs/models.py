"""Models tab: the local library (HF cache, workbench store, starter models). Hub search and the
download manager are further pages of this tab."""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.jobs import Progress
from workbench.core.library import ModelEntry
from workbench.core.units import human_bytes, human_count
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.widgets import show_fraction, sortable_table

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


def _in_use(handle) -> bool:
    """Whether a job holds the model now (its lock is taken); never waits."""
    if handle.lock.acquire(blocking=False):
        handle.lock.release()
        return False
    return True


def _unload(service, handles) -> None:
    for handle in handles:
        service.unload(handle)


def _unload_and_remove(service, handles, library, name: str) -> str:
    _unload(service, handles)
    return library.remove(name)


class LibraryPage(QtWidgets.QWidget):
    """The local library: every model on this computer, with load, import and remove."""

    def __init__(self, tab: "ModelsTab"):
        super().__init__(tab)
        self.tab = tab
        ctx = tab.ctx
        self.ctx = ctx
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
        self.table.doubleClicked.connect(self.load_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        def button(text, slot, tip, shortcut=None):
            b = QtWidgets.QPushButton(text)
            b.setToolTip(tip + (f" ({shortcut})" if shortcut else ""))
            b.clicked.connect(slot)
            if shortcut:
                b.setShortcut(QtGui.QKeySequence(shortcut))
            return b

        self.load_button = button(self.tr("Load"), self.load_selected, self.tr("Load the selected model into memory"),
                                  "Ctrl+L")
        self.use_button = button(self.tr("Use in all tabs"), self.use_selected,
                                 self.tr("Make it the model every tab works with"))
        self.unload_button = button(self.tr("Unload"), self.unload_selected, self.tr("Free the memory the model holds"))
        self.import_folder_button = button(self.tr("Import folder…"), self.import_folder,
                                           self.tr("Copy a model folder into the store"), "Ctrl+I")
        self.import_gguf_button = button(self.tr("Import GGUF…"), self.import_gguf,
                                         self.tr("Convert a .gguf file once into a fast-loading model in the store"))
        self.remove_button = button(self.tr("Remove…"), self.remove_selected, self.tr("Delete the model's files from disk"))
        self.open_button = button(self.tr("Open folder"), self.open_folder, self.tr("Show the model's files"))
        self.anatomy_button = button(self.tr("Anatomy…"), self.show_anatomy,
                                     self.tr("Layers, heads, sizes in plain words and the module tree with parameter "
                                             "counts (no weights are read)"))
        self.refresh_button = button(self.tr("Refresh"), ctx.refresh_library, self.tr("Scan the library again"), "F5")
        self.export_button = button(self.tr("Export…"), self.export_selected,
                                    self.tr("Write the model as a GGUF file for llama.cpp, LM Studio or Ollama"))
        self.server_button = button(self.tr("Add a server…"), self.add_server,
                                    self.tr("Use models served by vLLM, llama.cpp's server, Ollama or LM Studio"))

        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel)
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

        self._job = None
        self._unloading: set[str] = set()  # names being unloaded on a worker
        ctx.library_changed.connect(self._set_entries)
        ctx.loaded_changed.connect(self._update_loaded)
        self._update_buttons()

    # ---- view state ------------------------------------------------------------------------
    def _set_entries(self, entries: list[ModelEntry]) -> None:
        selected = self.selected()
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 220))
        self.status.setText(self.tr("{n} models on this computer.").format(n=len(entries)))
        if selected:
            self.select(selected.name)
        self._update_loaded()

    def _update_loaded(self) -> None:
        self.model.loaded = {h.ref for h in self.ctx.service.loaded()}
        self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 0))
        self._update_buttons()

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

    def _update_buttons(self, *_):
        e = self.selected()
        self.details.setText(describe(e) if e else self.tr("Select a model to see what it is and whether it fits in memory."))
        busy = self._job is not None
        for b in (self.load_button, self.use_button, self.open_button, self.remove_button, self.anatomy_button):
            b.setEnabled(e is not None and not busy)
        self.unload_button.setEnabled(e is not None and e.name in self.model.loaded and e.name not in self._unloading)
        self.import_folder_button.setEnabled(not busy)
        self.import_gguf_button.setEnabled(not busy)
        self.export_button.setEnabled(e is not None and e.source != "remote" and "causal-lm" in e.kinds)

    # ---- actions ---------------------------------------------------------------------------
    def export_selected(self) -> None:
        from workbench.ui.export_dialog import ExportDialog

        e = self.selected()
        if e is not None:
            self.export_dialog = ExportDialog(self.ctx, e.name, self)
            self.export_dialog.show()

    def add_server(self) -> None:
        from workbench.ui.server_dialog import ServerDialog

        self.server_dialog = ServerDialog(self.ctx, self)
        self.server_dialog.show()

    def _run(self, fn, *args, label: str, on_success, **kwargs):
        self.tab.banner.hide()
        self.progress.setRange(0, 0)
        self.progress.setFormat(label)
        self.progress.show()
        self.cancel_button.show()
        self._job = self.ctx.pool.submit(fn, *args, name=label, on_events=self._on_events, on_success=on_success,
                                         on_error=self.tab.banner.show_error, on_finished=self._job_done, **kwargs)
        self._update_buttons()

    def _on_events(self, events):
        for event in events:
            if isinstance(event, Progress):
                show_fraction(self.progress, event.fraction)
                if event.message:
                    self.progress.setFormat(f"{event.message} – %p%" if event.total else event.message)

    def _job_done(self):
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _cancel(self):
        if self._job:
            self._job.cancel()

    def load_selected(self, *_):
        e = self.selected()
        if e is None:
            return
        self.ctx.set_model(e.name)
        self._run(self.ctx.service.load, e.name, label=self.tr("Loading {name}").format(name=e.name),
                  on_success=lambda h: self.status.setText(
                      self.tr("Loaded {name} ({kind}) on {device} in {dtype} in {seconds:.1f} s.").format(
                          name=h.ref, kind=h.kind, device=h.device, dtype=h.dtype, seconds=h.load_seconds)))

    def use_selected(self):
        e = self.selected()
        if e:
            self.ctx.set_model(e.name)
            self.status.setText(self.tr("Every tab now uses {name}.").format(name=e.name))

    def unload_selected(self):
        """Unload on a worker: the service waits for a job running on the model (a generation, a capture)
        to end, and the window must not wait with it. The running job finishes first; the status says so."""
        e = self.selected()
        if e is None or e.name in self._unloading:
            return
        handles = [h for h in self.ctx.service.loaded() if h.ref == e.name]
        if not handles:
            return
        name = e.name
        if any(_in_use(h) for h in handles):
            self.status.setText(self.tr("Unloading {name} after its running job ends (stop the job to unload it "
                                        "now)…").format(name=name))
        else:
            self.status.setText(self.tr("Unloading {name}…").format(name=name))
        self._unloading.add(name)
        self._update_buttons()

        def finished():
            self._unloading.discard(name)
            self._update_buttons()

        self.ctx.pool.submit(_unload, self.ctx.service, handles, name=f"unload-{name}",
                             on_success=lambda _: self.status.setText(self.tr("Unloaded {name}.").format(name=name)),
                             on_error=self.tab.banner.show_error, on_finished=finished)

    def import_folder(self):
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        if folder:
            self.start_import(Path(folder))

    def import_gguf(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Import a GGUF file"), "", self.tr("GGUF files (*.gguf)"))
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path):
        def imported(target):
            self.status.setText(self.tr("Imported {file} as {name}.").format(file=path.name, name=Path(target).name))
            self.ctx.refresh_library()

        self._run(self.ctx.library.import_folder, path, label=self.tr("Importing {name}").format(name=path.name),
                  on_success=imported)

    def remove_selected(self):
        e = self.selected()
        if e is None:
            return
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Remove model"), self.tr("Delete {name} ({size}) from disk?").format(
                name=e.name, size=human_bytes(e.size_bytes)) + f"\n{e.path}")
        if answer == QtWidgets.QMessageBox.Yes:
            self.remove(e)

    def remove(self, e: ModelEntry):
        handles = [h for h in self.ctx.service.loaded() if h.ref == e.name]

        def removed(message):
            self.status.setText(message)
            self.ctx.refresh_library()

        self._run(_unload_and_remove, self.ctx.service, handles, self.ctx.library, e.name,
                  label=self.tr("Removing {name}").format(name=e.name), on_success=removed)

    def show_anatomy(self):
        from workbench.ui.tabs.anatomy_dialog import open_anatomy

        e = self.selected()
        if e:
            return open_anatomy(self, self.ctx, e.name)

    def open_folder(self):
        e = self.selected()
        if e:
            target = Path(e.path)
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(target if target.is_dir() else target.parent)))


class ModelsTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Models")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        self.library = LibraryPage(self)
        self.pages.addTab(self.library, self.tr("Library"))
        from workbench.ui.tabs.hub import DownloadsPage, SearchPage

        self.downloads = DownloadsPage(ctx)
        self.hub_search = SearchPage(ctx, self.downloads)
        self.pages.addTab(self.hub_search, self.tr("Search the Hub"))
        self.pages.addTab(self.downloads, self.tr("Downloads"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

    def shutdown(self) -> None:
        self.hub_search.shutdown()
        self.downloads.shutdown()

    def smoke(self, model: str, done: SmokeDone) -> None:
        def listed(entries):
            names = [e.name for e in entries]
            done(model in names, f"{len(entries)} models listed")

        self.ctx.pool.submit(self.ctx.library.list, name="smoke-library", on_success=listed,
                             on_error=lambda info: done(False, info.message))
