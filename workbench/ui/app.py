"""Start the desktop app: the window shows first, heavy libraries load after."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time

from workbench import APP_ID, APP_NAME
from workbench.core import paths


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(paths.log_dir() / "workbench.log", maxBytes=2_000_000,
                                                       backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def create_app(argv: list[str] | None = None):
    from workbench.ui.collector import GuiThreadCollector
    from workbench.ui.qt import QtGui, QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv or sys.argv[:1])
    install_language(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    icon_path = os.path.join(os.path.dirname(__file__), "..", "resources", "icons", "workbench.svg")
    if os.path.exists(icon_path):
        app.setWindowIcon(QtGui.QIcon(icon_path))
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)  # the application owns it: collections happen on the GUI thread from now on
    return app


def install_language(app) -> str:
    """--lang (passed on as WORKBENCH_LANG), else the Preferences choice, else the system locale."""
    from workbench.core import settings as settings_mod
    from workbench.ui import i18n

    language = i18n.choose_language(os.environ.get("WORKBENCH_LANG"), settings_mod.load(keep_aside=False).settings.language)
    return i18n.install(app, language)


def build_window(ctx=None):
    from workbench.ui.context import AppContext
    from workbench.ui.main_window import MainWindow

    ctx = ctx or AppContext()
    window = MainWindow(ctx)
    return window


def run_gui(argv: list[str] | None = None) -> int:
    from workbench.ui.platform_check import xcb_problem

    start = time.perf_counter()
    problem = xcb_problem()
    if problem:  # before the QApplication: Qt would abort with its own, less helpful message
        print(problem, file=sys.stderr)
        return 1
    setup_logging()
    app = create_app(argv)
    window = build_window()
    window.exceptions.install()
    window.show()
    logging.getLogger(__name__).info("window shown after %.2f s", time.perf_counter() - start)
    window.ctx.refresh_library()
    from workbench.ui import warmup

    warmup.start(warmup.app_modules())
    return app.exec()
