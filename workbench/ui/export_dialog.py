"""Export… a library model or a finished fine-tune run as a GGUF file (``core.export_gguf`` through a JobSlot)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.units import human_bytes
from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.workers import JobSlot

TYPES = (("f16", QtCore.QT_TRANSLATE_NOOP("ExportDialog", "F16: exact half-precision weights (largest)")),
         ("bf16", QtCore.QT_TRANSLATE_NOOP("ExportDialog", "BF16: bfloat16 weights, float32's range")),
         ("q8_0", QtCore.QT_TRANSLATE_NOOP("ExportDialog", "Q8_0: 8-bit, nearly lossless, half the size")),
         ("q4_k_m", QtCore.QT_TRANSLATE_NOOP("ExportDialog", "Q4_K_M: 4-bit, a quarter of the size, a little "
                                                            "less accurate")),
         ("q4_0", QtCore.QT_TRANSLATE_NOOP("ExportDialog", "Q4_0: 4-bit, the simplest and most widely read")))


class ExportDialog(QtWidgets.QDialog):
    """Type, file, Export/Stop, progress; the written file is added to the library."""

    def __init__(self, ctx, model: str, parent=None):
        super().__init__(parent)
        from workbench.core.export_gguf import default_output

        self.ctx = ctx
        self.model = model
        self.setWindowTitle(self.tr("Export to GGUF"))
        intro = QtWidgets.QLabel(self.tr(
            "Write <b>{model}</b> as one GGUF file, with its tokenizer and chat template, for llama.cpp, LM Studio "
            "or Ollama. A LoRA run is merged into its base model first. The 8- and 4-bit types are made by "
            "llama.cpp's own quantizer.").format(model=model))
        intro.setWordWrap(True)
        self.type_box = QtWidgets.QComboBox()
        for kind, text in TYPES:
            self.type_box.addItem(QtCore.QCoreApplication.translate("ExportDialog", text), kind)
        self.type_box.currentIndexChanged.connect(self._suggest_path)
        self.path = QtWidgets.QLineEdit()
        self._default = lambda kind: str(default_output(ctx.library, model, kind))
        self.path.setText(self._default("f16"))
        browse = QtWidgets.QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QtWidgets.QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Type"), self.type_box)
        form.addRow(self.tr("File"), file_row)
        self.export_button = QtWidgets.QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        close = QtWidgets.QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.export_button, self.stop_button, close):
            buttons.addWidget(button)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.export_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)
        self.export_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.slot.stop)
        self.result = None
        self.resize(620, 280)

    def kind(self) -> str:
        return self.type_box.currentData()

    def _suggest_path(self) -> None:
        current = self.path.text().strip()
        if not current or any(current == self._default(kind) for kind, _ in TYPES):
            self.path.setText(self._default(self.kind()))

    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export to GGUF"), self.path.text(),
                                                        self.tr("GGUF files (*.gguf)"))
        if path:
            self.path.setText(path if path.endswith(".gguf") else path + ".gguf")

    def start(self) -> None:
        from workbench.core.export_gguf import export_gguf

        out = Path(self.path.text().strip()) if self.path.text().strip() else None
        self.slot.submit(export_gguf, self.ctx.library, self.model, self.kind(), out, name="export-gguf",
                         busy=self.tr("Exporting {model}…").format(model=self.model), on_success=self._done)

    def _done(self, result) -> None:
        self.result = result
        self.status.setText(self.tr("Wrote {path} ({size}, {seconds:.1f} s). It is in the library as {name} and "
                                    "runs on the llama.cpp engine.").format(
            path=result.path, size=human_bytes(result.bytes), seconds=result.seconds, name=result.library_name))
        self.ctx.refresh_library()

    def reject(self) -> None:
        self.slot.shutdown()
        super().reject()
