"""The Generate tab's texts made at module level, translated in the tab's context, and notes several panels show."""

from __future__ import annotations

from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore

_tr = translator("GenerateTab")

TOKEN_COLUMNS = ("#", QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Token"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Prob"),
                 QtCore.QT_TRANSLATE_NOOP("GenerateTab", "After"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Rank"),
                 QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Entropy"))
ALT_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Token"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Id"),
               QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Before filters"),
               QtCore.QT_TRANSLATE_NOOP("GenerateTab", "After filters"))
INT8_NOTE = QtCore.QT_TRANSLATE_NOOP("GenerateTab", "int8 weights: faster on the CPU, but the numbers differ "
                                     "slightly from float32, so the text and probabilities may differ too.")
