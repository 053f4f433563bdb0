"""Translatable text for core messages, without Qt.

Core code writes ``translate("core", "Text with {name}").format(name=...)``: ``pyside6-lupdate`` finds
these calls like ``QCoreApplication.translate`` and puts them in the ``.ts`` file, and the UI (or a
CLI started with ``--lang``) installs Qt's translator here with ``set_translator``. Without one,
text stays English.
"""

from __future__ import annotations

from typing import Callable

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translator: Callable[[str, str], str] | None = None


def set_translator(fn: Callable[[str, str], str] | None) -> None:
    global _translator
    _translator = fn


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    return _translator(context, text) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``text`` for the .ts file without translating it (tables of strings built at import);
    translate it where it is shown with ``translate(context, text)``."""
    return text


def normalise_language(value: str | None) -> str:
    """'zh', 'zh_CN', 'zh-CN', 'zh_CN.UTF-8' -> 'zh_CN'; anything else -> 'en'."""
    value = (value or "").replace("-", "_").split(".")[0]
    if value.lower().startswith("zh"):
        return "zh_CN"
    return "en"
