"""Preferences: device, dtype, how many models stay loaded, pickle weights."""

from __future__ import annotations

from workbench.core.service import LoadOptions
from workbench.ui.context import AppContext
from workbench.ui.qt import QtWidgets

DEVICES = [("Automatic (CUDA, then Apple MPS, then CPU)", "auto"), ("CPU", "cpu"), ("CUDA GPU", "cuda"),
           ("Apple MPS", "mps")]
DTYPES = [("Automatic (fastest safe choice for the device)", "auto"), ("float32", "float32"),
          ("bfloat16", "bfloat16"), ("float16", "float16")]


class PreferencesDialog(QtWidgets.QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Preferences")
        s = ctx.settings
        self.device = QtWidgets.QComboBox()
        for label, value in DEVICES:
            self.device.addItem(label, value)
        self.device.setCurrentIndex(max(0, self.device.findData(s.device)))
        self.device.setToolTip("Where models run. A device that is not available is refused with a message on load.")
        self.dtype = QtWidgets.QComboBox()
        for label, value in DTYPES:
            self.dtype.addItem(label, value)
        self.dtype.setCurrentIndex(max(0, self.dtype.findData(s.dtype)))
        self.dtype.setToolTip("Number format of the weights. Automatic: half precision on a GPU; on the CPU "
                              "bfloat16 only where this machine measured it faster, else float32.")
        self.max_loaded = QtWidgets.QSpinBox()
        self.max_loaded.setRange(1, 8)
        self.max_loaded.setValue(s.max_loaded_models)
        self.max_loaded.setToolTip("How many models stay in memory at once; the least recently used is unloaded.")
        self.allow_pickle = QtWidgets.QCheckBox("Allow pickle (.bin) weights")
        self.allow_pickle.setChecked(s.allow_pickle_weights)
        self.allow_pickle.setToolTip("Pickle files can run code when loaded. Allow them only for models you trust.")
        form = QtWidgets.QFormLayout()
        form.addRow("Device:", self.device)
        form.addRow("Precision:", self.dtype)
        form.addRow("Models kept loaded:", self.max_loaded)
        form.addRow("", self.allow_pickle)
        note = QtWidgets.QLabel("Changes apply to the next model you load.")
        note.setEnabled(False)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        s = self.ctx.settings
        s.device = self.device.currentData()
        s.dtype = self.dtype.currentData()
        s.max_loaded_models = self.max_loaded.value()
        s.allow_pickle_weights = self.allow_pickle.isChecked()
        service = self.ctx.service
        service.options = LoadOptions(device=s.device, dtype=s.dtype, quantize=service.options.quantize,
                                      allow_pickle=s.allow_pickle_weights)
        service.max_loaded = s.max_loaded_models
        self.ctx.save_settings()
        super().accept()
