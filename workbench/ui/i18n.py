"""Install the interface language: workbench's own translation and Qt's (dialog buttons, menus).

The language is, in order: ``--lang`` on the command line, the Preferences choice, the system
locale. Every visible string in ``workbench/ui`` goes through ``self.tr()`` inside a QObject
subclass or ``QCoreApplication.translate("Context", ...)`` elsewhere (core uses
``workbench.core.i18n.translate``); ``make`` compiles ``resources/i18n/*.ts`` to ``.qm``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from workbench.core import i18n
from workbench.ui.qt import QtCore

# WORKBENCH_TRANSLATIONS: another folder of compiled .qm files (tests compile the .ts into a temp folder).
TRANSLATIONS_DIR = Path(os.environ.get("WORKBENCH_TRANSLATIONS") or
                        Path(__file__).resolve().parent.parent / "resources" / "i18n")
log = logging.getLogger(__name__)
_installed: list[QtCore.QTranslator] = []
_current = "en"
_messages_only: QtCore.QTranslator | None = None  # install_messages: a translator no application holds yet


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
    global _current, _messages_only
    _messages_only = None
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


def install_messages(language: str) -> str:
    """The command line's language, before (or without) any application: core messages, the CLI's own
    text and argparse's follow ``language``. No QCoreApplication is created, so a command may still
    make a QApplication (PNG export) or start the GUI, which then calls ``install`` (or ``install_pending``)."""
    global _current, _messages_only
    if language == "en":
        return "en"
    translator = QtCore.QTranslator()
    qm = TRANSLATIONS_DIR / f"workbench_{language}.qm"
    if not translator.load(str(qm)):
        log.warning("no compiled translation at %s (run make); messages stay English", qm)
        return "en"
    _messages_only = translator
    i18n.set_translator(lambda context, text: translator.translate(context, text))
    _current = language
    return language


def install_pending(app: QtCore.QCoreApplication) -> None:
    """Install into ``app`` the language ``install_messages`` chose before it existed (Qt-drawn text too)."""
    if _messages_only is not None and not _installed:
        install(app, _current)


def translator(context: str):
    """``tr`` for module-level text marked ``QT_TRANSLATE_NOOP(context, ...)`` (pyside6-lupdate only finds
    literals, so constants are marked where they are defined and translated where they are shown)."""

    def tr(text: str) -> str:
        return QtCore.QCoreApplication.translate(context, text)

    return tr
