"""Generate's "Format" choice: free text, a JSON object, JSON matching a schema (pasted or loaded), a
regular expression, or one choice from a list; checked as it is typed, so a bad schema is said before
anything runs."""

from __future__ import annotations

from workbench.core.constrain import KINDS, OutputFormat, validate
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError
from workbench.ui.qt import QtWidgets

EXAMPLE_SCHEMA = ('{"type": "object", "properties": {"name": {"type": "string"}, '
                  '"mood": {"enum": ["happy", "sad"]}}, "required": ["name", "mood"]}')


class FormatChoice(QtWidgets.QGroupBox):
    """``output_format()`` is the choice as core takes it; ``problem()`` the message of an invalid one."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Format"), parent)
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        self.kind = QtWidgets.QComboBox()
        for key, name in KINDS.items():
            self.kind.addItem(translate("core", name), key)
        self.kind.setToolTip(self.tr("Constrain the answer: at each step the tokens that cannot continue the format "
                                     "are removed before sampling. The token table's \"After\" column shows which "
                                     "the format filtered out."))
        self.load = QtWidgets.QPushButton(self.tr("Load…"))
        self.load.setToolTip(self.tr("Load a JSON schema from a file"))
        self.load.clicked.connect(self._load_schema)
        row.addWidget(self.kind, 1)
        row.addWidget(self.load)
        layout.addLayout(row)
        self.value = QtWidgets.QPlainTextEdit()
        self.value.setMaximumHeight(90)
        layout.addWidget(self.value)
        self.message = QtWidgets.QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.kind.currentIndexChanged.connect(self._sync)
        self.value.textChanged.connect(self._check)
        self._sync()

    def _sync(self) -> None:
        kind = self.kind.currentData()
        placeholders = {"schema": self.tr("Paste a JSON schema, e.g. {example}").format(example=EXAMPLE_SCHEMA),
                        "regex": self.tr("A regular expression the whole answer must match, e.g. [0-9]{3}-[0-9]{4}"),
                        "choice": self.tr("One choice per line")}
        self.value.setVisible(kind in placeholders)
        self.value.setPlaceholderText(placeholders.get(kind, ""))
        self.load.setVisible(kind == "schema")
        self._check()

    def output_format(self) -> OutputFormat:
        kind = self.kind.currentData()
        if kind == "choice":
            return OutputFormat(kind, tuple(self.value.toPlainText().splitlines()))
        return OutputFormat(kind, self.value.toPlainText() if kind in ("schema", "regex") else "")

    def problem(self) -> WorkbenchError | None:
        try:
            validate(self.output_format())
        except WorkbenchError as exc:
            return exc
        return None

    def _check(self) -> None:
        problem = self.problem() if self.value.toPlainText().strip() else None  # empty: said at Generate
        self.message.setText("⚠ " + problem.message if problem is not None else "")
        self.message.setVisible(problem is not None)

    def _load_schema(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Load a JSON schema"), "",
                                                        self.tr("JSON schema (*.json);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            self.message.setText("⚠ " + self.tr("Cannot read {path}: {error}").format(path=path, error=exc))
            self.message.show()
            return
        self.kind.setCurrentIndex(self.kind.findData("schema"))
        self.value.setPlainText(text)

    def set_engine(self, engine: str) -> None:
        llamacpp = engine == "llamacpp"
        self.setEnabled(not llamacpp)
        self.setToolTip(self.tr("Output formats run on the transformers engine only.") if llamacpp else "")
        if llamacpp:
            self.kind.setCurrentIndex(0)
