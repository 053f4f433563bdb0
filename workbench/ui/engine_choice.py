"""The engine picker of the Generate tab: transformers (exact, inspectable) or llama.cpp (GGUF
models, fast). Shown for GGUF models only; without the optional extra it says how to add it, and
a build that crashed when it was tried on this CPU is offered no more (with the reason and the
reinstall command)."""

from __future__ import annotations

from workbench.core.engines import INSTALL_HINT, REINSTALL_HINT, llamacpp_available
from workbench.core.i18n import translate
from workbench.ui.qt import Qt, QtWidgets


class EngineChoice(QtWidgets.QWidget):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QtWidgets.QLabel(self.tr("Engine")))
        self.combo = QtWidgets.QComboBox()
        self.combo.addItem(self.tr("transformers"), "transformers")
        self.combo.addItem(self.tr("llama.cpp"), "llamacpp")
        self.combo.setToolTip(self.tr(
            "transformers: exact, and the attention, lens and attribution views can look inside.\n"
            "llama.cpp: runs the GGUF file directly (no conversion), several times faster on a CPU; "
            "the token table still shows each token's top alternatives."))
        self.available = False
        self.refresh_status()
        layout.addWidget(self.combo)
        self.hide()

    def refresh_status(self) -> None:
        """Offer llama.cpp only if it is installed and its build has not failed its check on this CPU."""
        from workbench.core.engines.llamacpp import known_build_status

        installed = llamacpp_available()
        status = known_build_status() if installed else None
        if not installed:
            why = self.tr("Not installed. {hint}").format(hint=translate("core", INSTALL_HINT))
        elif status is not None and not status.works:
            why = self.tr("Cannot run on this computer: {reason} {hint}").format(
                reason=status.reason, hint=translate("core", REINSTALL_HINT))
        else:
            why = ""
        self.available = not why
        self.combo.model().item(1).setEnabled(self.available)
        self.combo.setItemData(1, why or None, Qt.ItemDataRole.ToolTipRole)
        if not self.available and self.combo.currentIndex() == 1:
            self.combo.setCurrentIndex(0)

    def show_for(self, ref: str) -> None:
        """Visible only when ``ref`` has a GGUF file; other models always use transformers."""
        from workbench.core.engines.llamacpp import find_gguf

        self.refresh_status()
        has_gguf = bool(ref) and find_gguf(self.library, ref) is not None
        if not has_gguf:
            self.combo.setCurrentIndex(0)
        self.setVisible(has_gguf)

    def engine(self) -> str:
        return self.combo.currentData() if not self.isHidden() else "transformers"

    def use_transformers(self) -> None:
        self.combo.setCurrentIndex(0)
