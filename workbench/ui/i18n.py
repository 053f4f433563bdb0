"""Install the interface language: workbench's own translation and Qt's (dialog buttons, menus).

The language is, in order: ``--lang`` on the command line, the Preferences choice, the system
locale. Every visible string in ``workbench/ui`` goes through ``self.tr()`` inside a QObject
subclass or ``QCoreApplication.translate("Context", ...)`` elsewhere (core uses
``workbench.core.i18n.translate``); ``make`` compiles ``resources/i18n/*.ts`` to ``.qm``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from workbench.core import i18n
from workbench.ui.qt import QtCore

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
log = logging.getLogger(__name__)
_installed: list[QtCore.QTranslator] = []
_current = "en"


def choose_language(explicit: str | None = None, setting: str | None = None) -> str:
    if explicit:
        return i18n.normalise_language(explicit)
    if setting:
        return i18n.normalise_language(setting)
    return i18n.normalise_language(QtCore.QLocale.system().name())


def current_language() -> str:
    return _current


def install(app: QtCore.QCoreApplication, language: str) -> str:
    """Load the translators for ``language`` into ``app``; returns the language in use."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = "en"
    i18n.set_translator(None)
    QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.English, QtCore.QLocale.UnitedStates))
    if language == "en":
        return "en"
    ours = QtCore.QTranslator(app)
    qm = TRANSLATIONS_DIR / f"workbench_{language}.qm"
    if not ours.load(str(qm)):
        log.warning("no compiled translation at %s (run make); the interface stays English", qm)
        return "en"
    app.installTranslator(ours)
    _installed.append(ours)
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.TranslationsPath)
    qt_own = QtCore.QTranslator(app)
    if qt_own.load(f"qt_{language}", qt_dir) or qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    QtCore.QLocale.setDefault(QtCore.QLocale(language))
    i18n.set_translator(QtCore.QCoreApplication.translate)
    _current = language
    return language
