"""The main window: tabs, the shared model picker, menus, shortcuts and the status bar."""

from __future__ import annotations

import importlib
import logging

from workbench import APP_NAME, __version__
from workbench.core import paths
from workbench.core.devices import process_memory_bytes
from workbench.core.units import human_bytes
from workbench.ui.context import AppContext
from workbench.ui.errors import ExceptionRelay, show_error_dialog
from workbench.ui.qt import QtCore, QtGui, QtWidgets
from workbench.ui.tabs.base import WorkbenchTab

log = logging.getLogger(__name__)

# (module, class) of each tab, in order. Each tab module imports its heavy widgets itself.
TABS = [
    ("workbench.ui.tabs.models", "ModelsTab"),
    ("workbench.ui.tabs.generate", "GenerateTab"),
    ("workbench.ui.tabs.attention", "AttentionTab"),
    ("workbench.ui.tabs.finetune", "FinetuneTab"),
    ("workbench.ui.tabs.tasks", "TasksTab"),
]


class ModelPicker(QtWidgets.QComboBox):
    """The model every tab works with, chosen from the library."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(self.tr("The model the Generate, Attention, Fine-tune and Tasks tabs use"))
        self.currentIndexChanged.connect(self._chosen)
        ctx.library_changed.connect(self._fill)
        ctx.model_changed.connect(self._select)
        self._filling = False

    def _fill(self, entries):
        self._filling = True
        self.clear()
        for e in entries:
            self.addItem(f"{e.name}  ·  {', '.join(e.kinds)}", e.name)
        self._filling = False
        if self.ctx.current_model and self.findData(self.ctx.current_model) >= 0:
            self._select(self.ctx.current_model)
        elif entries:
            preferred = next((e.name for e in entries if "causal-lm" in e.kinds), entries[0].name)
            self.ctx.set_model(preferred)
            self._select(preferred)

    def _select(self, ref: str):
        index = self.findData(ref)
        if index < 0 and ref:
            self.addItem(ref, ref)
            index = self.count() - 1
        if index != self.currentIndex():
            self.setCurrentIndex(index)

    def _chosen(self, index: int):
        if not self._filling and index >= 0:
            self.ctx.set_model(self.itemData(index))


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, ctx: AppContext, tabs: list[tuple[str, str]] | None = None):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(640, 420)
        self.tab_widget = QtWidgets.QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self.setCentralWidget(self.tab_widget)
        self.tabs: list[WorkbenchTab] = []
        for module_name, class_name in tabs if tabs is not None else TABS:
            cls = getattr(importlib.import_module(module_name), class_name)
            tab = cls(ctx)
            self.tabs.append(tab)
            self.tab_widget.addTab(tab, tab.display_title)

        self.picker = ModelPicker(ctx)
        toolbar = QtWidgets.QToolBar(self.tr("Model"))
        toolbar.setObjectName("model-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QtWidgets.QLabel(self.tr(" Model: ")))
        toolbar.addWidget(self.picker)
        self.addToolBar(toolbar)

        self.model_label = QtWidgets.QLabel(self.tr("No model loaded"))
        self.device_label = QtWidgets.QLabel()
        self.memory_label = QtWidgets.QLabel()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        bar = self.statusBar()
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.device_label)
        bar.addPermanentWidget(self.memory_label)

        self._build_menus()
        ctx.loaded_changed.connect(self._update_status)
        ctx.status_message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        ctx.pool.busy_changed.connect(self.busy.setVisible)
        ctx.pool.error.connect(lambda info: show_error_dialog(self, info))
        ctx.open_in_tab.connect(self._open_in_tab)
        self.exceptions = ExceptionRelay(self)
        self.exceptions.raised.connect(lambda info: show_error_dialog(self, info))

        self._memory_timer = QtCore.QTimer(self)
        self._memory_timer.setInterval(2000)
        self._memory_timer.timeout.connect(self._update_memory)
        self._memory_timer.start()
        self._update_status()
        self._update_memory()
        self._restore_geometry()
        self.tab_widget.setCurrentIndex(min(ctx.settings.last_tab, self.tab_widget.count() - 1))
        self.tab_widget.currentChanged.connect(lambda i: setattr(ctx.settings, "last_tab", i))
        if ctx.settings_problem:
            QtCore.QTimer.singleShot(0, lambda: self.statusBar().showMessage(ctx.settings_problem, 15000))

    def tab(self, title: str) -> WorkbenchTab | None:
        return next((t for t in self.tabs if t.title == title), None)

    def _build_menus(self):
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        library = self.tab("Models")
        if library is not None:
            file_menu.addAction(self.tr("Import model &folder…"), library.library.import_folder)
            file_menu.addAction(self.tr("Import &GGUF file…"), library.library.import_gguf)
            file_menu.addSeparator()
        file_menu.addAction(self.tr("Open &log folder"), lambda: QtGui.QDesktopServices.openUrl(
            QtCore.QUrl.fromLocalFile(str(paths.log_dir()))))
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QtGui.QKeySequence.Quit)

        edit = menu.addMenu(self.tr("&Edit"))
        prefs = edit.addAction(self.tr("&Preferences…"), self._preferences)
        prefs.setShortcut(QtGui.QKeySequence.Preferences)

        view = menu.addMenu(self.tr("&View"))
        for i, tab in enumerate(self.tabs):
            action = view.addAction(tab.display_title, lambda i=i: self.tab_widget.setCurrentIndex(i))
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{i + 1}"))
        view.addSeparator()
        refresh = view.addAction(self.tr("Refresh library"), self.ctx.refresh_library)
        refresh.setShortcut(QtGui.QKeySequence("F5"))

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&About"), self._about)

    def _preferences(self):
        from workbench.ui.preferences import PreferencesDialog

        PreferencesDialog(self.ctx, self).exec()

    def _about(self):
        QtWidgets.QMessageBox.about(
            self, self.tr("About {name}").format(name=APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>" + self.tr("Play with language models on your own computer.")
            + "<br><br>" + self.tr("Settings: {settings}<br>Models: {models}<br>Logs: {logs}").format(
                settings=paths.config_dir(), models=paths.store_dir(), logs=paths.log_dir()))

    def _open_in_tab(self, title: str, ref: str):
        self.ctx.set_model(ref)
        for i, tab in enumerate(self.tabs):
            if tab.title == title:
                self.tab_widget.setCurrentIndex(i)

    def _update_status(self):
        loaded = self.ctx.service.loaded()
        if loaded:
            h = loaded[-1]
            self.model_label.setText(self.tr("Loaded: {names}").format(names=", ".join(x.ref for x in loaded)))
            self.device_label.setText(f"{h.device} · {h.dtype}{' · int8' if h.quantize else ''}")
        else:
            self.model_label.setText(self.tr("No model loaded"))
            self.device_label.setText("")

    def _update_memory(self):
        self.memory_label.setText(self.tr("Memory: {size}").format(size=human_bytes(process_memory_bytes())))

    # ---- geometry --------------------------------------------------------------------------
    def _geometry_key(self) -> str:
        return f"qt-{QtCore.qVersion()}"

    def _restore_geometry(self):
        saved = self.ctx.settings.window_geometry.get(self._geometry_key())
        if saved:
            self.restoreGeometry(QtCore.QByteArray.fromBase64(saved.encode()))
            # Keep the window on a screen that still exists.
            screen = QtGui.QGuiApplication.screenAt(self.geometry().center())
            if screen is None:
                self.resize(1200, 800)
                self.move(QtGui.QGuiApplication.primaryScreen().availableGeometry().topLeft())
        else:
            self.resize(1200, 800)

    def closeEvent(self, event):
        self.ctx.settings.window_geometry[self._geometry_key()] = bytes(self.saveGeometry().toBase64()).decode()
        for tab in self.tabs:
            tab.shutdown()
        self._memory_timer.stop()
        self.ctx.pool.shutdown()
        self.ctx.save_settings()
        super().closeEvent(event)
