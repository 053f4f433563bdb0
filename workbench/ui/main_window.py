"""The main window: tabs, the shared model picker, menus, shortcuts and the status bar."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from workbench import APP_NAME, __version__
from workbench.core import paths
from workbench.core.devices import process_memory_bytes
from workbench.core.units import human_bytes
from workbench.ui.context import AppContext
from workbench.ui.errors import ExceptionRelay, show_error_dialog
from workbench.ui.qt import QtCore, QtGui, QtWidgets
from workbench.ui.tabs.base import WorkbenchTab

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class TabSpec:
    """Where a tab's class is and its English title (the tab class declares the same one), so the tab bar
    is drawn without importing the tab: importing one can pull in pyqtgraph and numpy (~0.5 s)."""

    module: str
    class_name: str
    title: str


# Every tab, in order. Each tab module imports its heavy widgets itself.
TABS = [
    TabSpec("workbench.ui.tabs.models", "ModelsTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Models")),
    TabSpec("workbench.ui.tabs.generate", "GenerateTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Generate")),
    TabSpec("workbench.ui.tabs.attention", "AttentionTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Attention")),
    TabSpec("workbench.ui.tabs.finetune", "FinetuneTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Fine-tune")),
    TabSpec("workbench.ui.tabs.tasks", "TasksTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Tasks")),
    TabSpec("workbench.ui.tabs.embeddings", "EmbeddingsTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Embeddings")),
    TabSpec("workbench.ui.tabs.learn", "LearnTab", QtCore.QT_TRANSLATE_NOOP("Tabs", "Learn")),
]


FIRST_WINDOW_FRACTION = 0.8  # of the screen's available area, until the user sizes the window


class _TabSlot(QtWidgets.QWidget):
    """Holds a tab's place in the tab bar until the tab is first shown, then holds the tab."""

    def __init__(self, spec: TabSpec):
        super().__init__()
        self.spec = spec
        self.title = spec.title  # English
        self.tab: WorkbenchTab | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self, ctx: AppContext) -> WorkbenchTab:
        if self.tab is None:
            cls = getattr(importlib.import_module(self.spec.module), self.spec.class_name)
            self.tab = cls(ctx)
            self.layout().addWidget(self.tab)
        return self.tab


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
    def __init__(self, ctx: AppContext, tabs: list[TabSpec] | None = None):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(640, 420)
        self.tab_widget = QtWidgets.QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self.setCentralWidget(self.tab_widget)
        # Tabs are built when first shown: the window appears without importing pyqtgraph or building
        # plots for tabs the user has not opened yet.
        self._slots: list[_TabSlot] = []
        for spec in tabs if tabs is not None else TABS:
            slot = _TabSlot(spec)
            self._slots.append(slot)
            self.tab_widget.addTab(slot, QtCore.QCoreApplication.translate("Tabs", spec.title))
        self.tab_widget.currentChanged.connect(self._build_tab)

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
        QtCore.QTimer.singleShot(300, self._update_memory)  # psutil's import waits until the window is up
        self._restore_geometry()
        self.tab_widget.setCurrentIndex(min(ctx.settings.last_tab, self.tab_widget.count() - 1))
        self._build_tab(self.tab_widget.currentIndex())
        self.tab_widget.currentChanged.connect(lambda i: setattr(ctx.settings, "last_tab", i))
        if ctx.settings_problem:
            QtCore.QTimer.singleShot(0, lambda: self.statusBar().showMessage(ctx.settings_problem, 15000))

    @property
    def tabs(self) -> list[WorkbenchTab]:
        """Every tab, built now if it was not yet (smoke runs and tests visit them all)."""
        return [slot.build(self.ctx) for slot in self._slots]

    def built_tabs(self) -> list[WorkbenchTab]:
        return [slot.tab for slot in self._slots if slot.tab is not None]

    def tab(self, title: str) -> WorkbenchTab | None:
        for slot in self._slots:
            if slot.title == title:
                return slot.build(self.ctx)
        return None

    def show_tab(self, title: str) -> WorkbenchTab | None:
        """Build tab ``title`` (English) if needed and bring it to the front."""
        for i, slot in enumerate(self._slots):
            if slot.title == title:
                self.tab_widget.setCurrentIndex(i)
                return slot.build(self.ctx)
        return None

    def open_view(self, name: str, inputs: dict) -> None:
        """Open a view by its registered name with its inputs filled in (``ui/view_actions.py``)."""
        from workbench.ui import view_actions

        view_actions.run(self, name, inputs)

    def show_glossary(self, term: str = "") -> None:
        from workbench.ui.glossary import GlossaryDialog

        GlossaryDialog.show_for(self, term)

    def _build_tab(self, index: int) -> None:
        if 0 <= index < len(self._slots):
            self._slots[index].build(self.ctx)

    def _build_menus(self):
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        if any(slot.spec.class_name == "ModelsTab" for slot in self._slots):
            file_menu.addAction(self.tr("Import model &folder…"), lambda: self.tab("Models").library.import_folder())
            file_menu.addAction(self.tr("Import &GGUF file…"), lambda: self.tab("Models").library.import_gguf())
            file_menu.addSeparator()
        file_menu.addAction(self.tr("Open &log folder"), lambda: QtGui.QDesktopServices.openUrl(
            QtCore.QUrl.fromLocalFile(str(paths.log_dir()))))
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QtGui.QKeySequence.Quit)

        edit = menu.addMenu(self.tr("&Edit"))
        prefs = edit.addAction(self.tr("&Preferences…"), self._preferences)
        prefs.setShortcut(QtGui.QKeySequence.Preferences)

        view = menu.addMenu(self.tr("&View"))
        for i in range(self.tab_widget.count()):
            action = view.addAction(self.tab_widget.tabText(i), lambda i=i: self.tab_widget.setCurrentIndex(i))
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{i + 1}"))
        view.addSeparator()
        refresh = view.addAction(self.tr("Refresh library"), self.ctx.refresh_library)
        refresh.setShortcut(QtGui.QKeySequence("F5"))

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&Glossary…"), self.show_glossary).setShortcut(QtGui.QKeySequence("F1"))
        if any(slot.spec.class_name == "LearnTab" for slot in self._slots):
            help_menu.addAction(self.tr("&Lessons"), lambda: self.show_tab("Learn"))
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
        for i, slot in enumerate(self._slots):
            if slot.title == title:  # the English title: callers name tabs by it
                fresh = slot.tab is None
                self.tab_widget.setCurrentIndex(i)
                if fresh:  # built just now, after this signal was sent: the tab hears it once more
                    self.ctx.open_in_tab.emit(title, ref)

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
                self._size_from_screen()
        else:
            self._size_from_screen()

    def _size_from_screen(self):
        """The first window takes most of the screen (a fixed 1200×800 is cramped on small screens and
        small on big ones); after that the size the user leaves it at is remembered."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1200, 800)
            return
        area = screen.availableGeometry()
        width = max(self.minimumWidth(), int(area.width() * FIRST_WINDOW_FRACTION))
        height = max(self.minimumHeight(), int(area.height() * FIRST_WINDOW_FRACTION))
        self.resize(min(width, area.width()), min(height, area.height()))
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    def closeEvent(self, event):
        self.ctx.settings.window_geometry[self._geometry_key()] = bytes(self.saveGeometry().toBase64()).decode()
        for tab in self.built_tabs():
            tab.shutdown()
        self._memory_timer.stop()
        self.ctx.pool.shutdown()
        self.ctx.save_settings()
        super().closeEvent(event)
