"""The Generate tab's top row: completion or chat, the model, the engine and int8 weights."""

from __future__ import annotations

import html

from workbench.ui.qt import QtWidgets
from workbench.ui.tabs.generate.texts import INT8_NOTE, _tr


class ModelBar(QtWidgets.QWidget):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        top = QtWidgets.QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        self.mode = QtWidgets.QComboBox()
        self.mode.addItems([self.tr("Completion"), self.tr("Chat")])
        self.mode.setToolTip(self.tr("Completion: the model continues your text as it is.\n"
                                     "Chat: your messages are formatted with the model's chat template."))
        self.model_label = QtWidgets.QLabel()
        self.quantize = QtWidgets.QCheckBox(self.tr("int8 weights"))
        self.quantize.setToolTip(self.tr("Load the model with int8 linear layers (CPU): about twice as fast on many "
                                         "CPUs.") + " " + _tr(INT8_NOTE))
        top.addWidget(QtWidgets.QLabel(self.tr("Mode")))
        top.addWidget(self.mode)
        top.addWidget(self.model_label, 1)
        from workbench.ui.engine_choice import EngineChoice

        self.engine = EngineChoice(library)
        self.engine.combo.currentIndexChanged.connect(
            lambda _i: self.quantize.setEnabled(self.engine.engine() == "transformers"))
        top.addWidget(self.engine)
        top.addWidget(self.quantize)

    def show_model(self, ref: str) -> None:
        self.model_label.setText(self.tr("Model: <b>{name}</b>").format(name=html.escape(ref)) if ref
                                 else self.tr("No model chosen: pick one above."))
        self.engine.show_for(ref)
