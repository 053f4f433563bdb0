"""Preferences: interface language, device, dtype, how many models stay loaded, pickle weights."""

from __future__ import annotations

from workbench.core.i18n import LANGUAGES
from workbench.core.service import LoadOptions
from workbench.ui import i18n
from workbench.ui.context import AppContext
from workbench.ui.qt import QtCore, QtWidgets

DEVICES = [(QtCore.QT_TRANSLATE_NOOP("PreferencesDialog", "Automatic (CUDA, then Apple MPS, then CPU)"), "auto"),
           ("CPU", "cpu"), (QtCore.QT_TRANSLATE_NOOP("PreferencesDialog", "CUDA GPU"), "cuda"),
           ("Apple MPS", "mps")]
DTYPES = [(QtCore.QT_TRANSLATE_NOOP("PreferencesDialog", "Automatic (fastest safe choice for the device)"), "auto"),
          ("float32", "float32"), ("bfloat16", "bfloat16"), ("float16", "float16")]


class PreferencesDialog(QtWidgets.QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Preferences"))
        s = ctx.settings
        self.language = QtWidgets.QComboBox()
        # Each language is named in itself, so a user who cannot read the current one still finds theirs.
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.language.setToolTip(self.tr("The interface language; --lang on the command line overrides it."))
        self.device = QtWidgets.QComboBox()
        for label, value in DEVICES:
            self.device.addItem(self.tr(label), value)
        self.device.setCurrentIndex(max(0, self.device.findData(s.device)))
        self.device.setToolTip(self.tr("Where models run. A device that is not available is refused with a message on load."))
        self.dtype = QtWidgets.QComboBox()
        for label, value in DTYPES:
            self.dtype.addItem(self.tr(label), value)
        self.dtype.setCurrentIndex(max(0, self.dtype.findData(s.dtype)))
        self.dtype.setToolTip(self.tr("Number format of the weights. Automatic: half precision on a GPU; on the CPU "
                                      "bfloat16 only where this machine measured it faster, else float32."))
        self.max_loaded = QtWidgets.QSpinBox()
        self.max_loaded.setRange(1, 8)
        self.max_loaded.setValue(s.max_loaded_models)
        self.max_loaded.setToolTip(self.tr("How many models stay in memory at once; the least recently used is unloaded."))
        self.allow_pickle = QtWidgets.QCheckBox(self.tr("Allow pickle (.bin) weights"))
        self.allow_pickle.setChecked(s.allow_pickle_weights)
        self.allow_pickle.setToolTip(self.tr("Pickle files can run code when loaded. Allow them only for models you trust."))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("Precision:"), self.dtype)
        form.addRow(self.tr("Models kept loaded:"), self.max_loaded)
        form.addRow("", self.allow_pickle)
        self.restart_note = QtWidgets.QLabel(self.tr("The new language applies when the workbench starts again."))
        self.restart_note.setStyleSheet("color: #b9770e;")
        self.restart_note.setVisible(False)
        self.language.currentIndexChanged.connect(self._language_changed)
        note = QtWidgets.QLabel(self.tr("Changes apply to the next model you load."))
        note.setEnabled(False)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _language_changed(self) -> None:
        chosen = i18n.choose_language(setting=self.language.currentData())
        self.restart_note.setVisible(chosen != i18n.current_language())

    def accept(self) -> None:
        s = self.ctx.settings
        s.language = self.language.currentData()
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
