"""What the Words, Sentences and Contexts pages show results with: the "No analysis yet" placeholder and
the row of export buttons with Copy as code."""

from __future__ import annotations

from workbench.ui.qt import Qt, QtWidgets, Signal
from workbench.ui.widgets.build import button


def placeholder(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #666; font-size: 11pt; }")
    return label


class ExportRow(QtWidgets.QHBoxLayout):
    """Export buttons (PNG, SVG, NPZ, CSV as given) and Copy as code, right-aligned."""

    export_requested = Signal(str)  # the suffix: png, svg, npz or csv
    copy_requested = Signal()

    def __init__(self, formats: tuple[str, ...]):
        super().__init__()
        self.addStretch(1)
        tips = {"PNG": self.tr("Save the picture as PNG"), "SVG": self.tr("Save the picture as SVG"),
                "NPZ": self.tr("Save the numbers (numpy .npz)"), "CSV": self.tr("Save the numbers as CSV")}
        self.buttons = [button(name, tips[name], lambda _=False, s=name.lower(): self.export_requested.emit(s))
                        for name in formats]
        self.buttons.append(button(self.tr("Copy as code"),
                                   self.tr("Copy a plain transformers program that reproduces these numbers"),
                                   lambda _=False: self.copy_requested.emit()))
        for widget in self.buttons:
            self.addWidget(widget)

    def set_enabled(self, has: bool, has_picture: bool = True) -> None:
        """Enabled with a result; the picture formats only when the result is drawn as a picture."""
        for widget in self.buttons:
            widget.setEnabled(has and (has_picture or widget.text() not in ("PNG", "SVG")))
