"""The Fine-tune tab's Data page: the task, the file, its columns mapped to roles, the validation split,
a preview of the first rows and every problem the checks found (click one to see its row)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.finetune.data import Problem, Table
from workbench.core.finetune.validate import ROLE_LABELS, ROLES, TASKS, DataSpec, Report
from workbench.core.i18n import translate
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "examples" / "sentiment.csv"
PREVIEW_ROWS = 500
TASK_LABELS = {"classification": QtCore.QT_TRANSLATE_NOOP("DataPage", "Classification (text → label)"),
               "causal-lm": QtCore.QT_TRANSLATE_NOOP("DataPage", "Causal LM (text, or prompt → response)"),
               "seq2seq": QtCore.QT_TRANSLATE_NOOP("DataPage", "Seq2seq (source → target)")}
_tr = translator("DataPage")


class TableModel(QtCore.QAbstractTableModel):
    """The preview: the first rows, numbered as a spreadsheet shows them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: Table | None = None
        self.marked: dict[int, str] = {}  # row number -> worst severity

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.marked = {}
        self.endResetModel()

    def set_problems(self, problems: list[Problem]) -> None:
        self.marked = {}
        for p in problems:
            if p.row is not None and self.marked.get(p.row) != "error":
                self.marked[p.row] = p.severity
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Vertical, 0, self.rowCount() - 1)

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() or self.table is None else min(PREVIEW_ROWS, len(self.table.rows))

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def row_of_number(self, number: int) -> int | None:
        if self.table is None:
            return None
        try:
            index = self.table.numbers.index(number)
        except ValueError:
            return None
        return index if index < PREVIEW_ROWS else None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.table is None:
            return None
        if role == Qt.DisplayRole:
            return self.table.columns[section] if orientation == Qt.Horizontal else str(self.table.numbers[section])
        if role == Qt.ForegroundRole and orientation == Qt.Vertical:
            severity = self.marked.get(self.table.numbers[section])
            return QtGui.QColor("#c0392b" if severity == "error" else "#b9770e") if severity else None
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            if value is None:
                return _tr("(missing)")
            shown = value.replace("\r\n", "\n").replace("\n", " ⏎ ")  # a quoted line break stays visible
            return shown if len(shown) <= 200 else shown[:200] + "…"
        if role == Qt.ToolTipRole and value and len(value) > 60:
            return value[:2000]
        if role == Qt.BackgroundRole:
            severity = self.marked.get(self.table.numbers[index.row()])
            if severity:
                return QtGui.QColor(255, 0, 0, 40) if severity == "error" else QtGui.QColor(255, 170, 0, 40)
        return None


class DataPage(QtWidgets.QWidget):
    """Widgets only: the tab's controller reads the file, runs the checks and calls ``show_table`` /
    ``show_report``. ``changed`` says the spec may have changed (a column, the split, the task)."""

    changed = Signal()
    open_requested = Signal(object, object)  # path, task (or None)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: Table | None = None
        self.guesses: dict[str, dict[str, str]] = {}  # task -> role -> column, for self.table
        self.validation_path = ""
        self.role_combos: dict[str, QtWidgets.QComboBox] = {}
        self._build()
        self._task_changed()
        self._split_changed()

    def _build(self) -> None:
        self.task = QtWidgets.QComboBox()
        for task in TASKS:
            self.task.addItem(_tr(TASK_LABELS[task]), task)
        self.task.currentIndexChanged.connect(self._task_changed)
        self.open_button = QtWidgets.QPushButton(self.tr("Open file…"))
        self.open_button.setToolTip(self.tr("A CSV, TSV or JSONL file with a header row (Ctrl+O)"))
        self.open_button.setShortcut(QtGui.QKeySequence("Ctrl+O"))
        self.open_button.clicked.connect(self._open_file)
        self.example_button = QtWidgets.QPushButton(self.tr("Example"))
        self.example_button.setToolTip(self.tr("Load 320 labelled sentences for sentiment classification"))
        self.example_button.clicked.connect(lambda: self.open_requested.emit(EXAMPLE, "classification"))
        self.file_label = QtWidgets.QLabel(self.tr("No file yet: open a CSV, TSV or JSONL file, or try the example."))
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.split = QtWidgets.QComboBox()
        self.split.addItem(self.tr("Hold out a random share"), "random")
        self.split.addItem(self.tr("Split column"), "column")
        self.split.addItem(self.tr("Second file"), "file")
        self.split.currentIndexChanged.connect(self._split_changed)
        self.eval_share = QtWidgets.QSpinBox(suffix=" %", minimum=0, maximum=50, value=10)
        self.eval_share.setToolTip(self.tr("Rows held out for validation, chosen at random with the seed"))
        self.split_seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, value=42, prefix=self.tr("seed "))
        self.split_column = QtWidgets.QComboBox()
        self.validation_button = QtWidgets.QPushButton(self.tr("Validation file…"))
        self.validation_button.clicked.connect(self._open_validation_file)
        for w in (self.eval_share, self.split_seed):
            w.valueChanged.connect(self.changed)
        self.split_column.currentIndexChanged.connect(self.changed)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(self.tr("Task:")))
        top.addWidget(self.task)
        top.addWidget(self.open_button)
        top.addWidget(self.example_button)
        top.addStretch(1)
        split_row = QtWidgets.QHBoxLayout()
        split_row.addWidget(QtWidgets.QLabel(self.tr("Validation:")))
        for w in (self.split, self.eval_share, self.split_seed, self.split_column, self.validation_button):
            split_row.addWidget(w)
        split_row.addStretch(1)

        self.mapping_box = QtWidgets.QGroupBox(self.tr("Columns"))
        self.mapping_form = QtWidgets.QHBoxLayout(self.mapping_box)

        self.preview_model = TableModel(self)
        self.preview = QtWidgets.QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        # Fitting the columns measures this many rows, not all 500 shown, on the GUI thread.
        self.preview.horizontalHeader().setResizeContentsPrecision(100)

        self.problems = QtWidgets.QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemClicked.connect(self._problem_clicked)
        self.problems.currentItemChanged.connect(lambda item, _: item and self._problem_clicked(item))
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.notes = QtWidgets.QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(mid);")
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QtWidgets.QLabel(self.tr("<b>Checks</b> (click a problem to see its row)")))
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.problems, 1)
        right_layout.addWidget(self.notes)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(self.preview)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_label)
        layout.addLayout(split_row)
        layout.addWidget(self.mapping_box)
        layout.addWidget(splitter, 1)

    # ---- what the user chose ------------------------------------------------------------------
    @property
    def current_task(self) -> str:
        return self.task.currentData()

    def set_task(self, task: str) -> None:
        self.task.blockSignals(True)
        self.task.setCurrentIndex(TASKS.index(task))
        self.task.blockSignals(False)
        self._task_changed()

    def missing_split_column(self) -> bool:
        return self.split.currentData() == "column" and not self.split_column.currentText()

    def data_spec(self, max_length: int) -> DataSpec | None:
        """The spec of what is on screen, or None before a table is read."""
        if self.table is None:
            return None
        mode = self.split.currentData()
        columns = {role: combo.currentData() for role, combo in self.role_combos.items() if combo.currentData()}
        return DataSpec(data=str(self.table.path), task=self.current_task, columns=columns,
                        validation_data=self.validation_path if mode == "file" else "",
                        eval_split=self.eval_share.value() / 100 if mode == "random" else 0.0,
                        split_column=self.split_column.currentText() if mode == "column" else "",
                        seed=self.split_seed.value(), max_length=max_length)

    # ---- what the controller shows ----------------------------------------------------------------
    def show_reading(self, path: Path) -> None:
        self.file_label.setText(self.tr("Reading {name}…").format(name=path.name))

    def show_table(self, table: Table, guesses: dict[str, dict[str, str]]) -> None:
        self.table, self.guesses = table, guesses
        self.preview_model.set_table(table)
        self.preview.resizeColumnsToContents()
        for col in range(self.preview_model.columnCount()):
            self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 420))
        shown = min(PREVIEW_ROWS, len(table))
        self.file_label.setText(self.tr("<b>{name}</b>: {rows} rows, {columns} columns").format(
            name=table.path.name, rows=len(table), columns=len(table.columns))
            + (self.tr(" (showing the first {n})").format(n=shown) if shown < len(table) else ""))
        self.notes.setText(" ".join(table.notes))
        self._fill_mapping(self.guesses.get(self.current_task, {}))

    def show_unreadable(self) -> None:
        self.table = None
        self.preview_model.set_table(None)
        self.problems.clear()
        self.file_label.setText(self.tr("This file cannot be used; see the message above."))
        self.summary.setText("")

    def show_checking(self) -> None:
        self.summary.setText(self.tr("Checking every row…"))

    def show_report(self, report: Report) -> None:
        self.preview_model.set_problems(report.problems)
        self.problems.clear()
        style = self.style()
        for p in report.problems:
            item = QtWidgets.QListWidgetItem(p.message)
            item.setIcon(style.standardIcon(QtWidgets.QStyle.SP_MessageBoxCritical if p.severity == "error"
                                            else QtWidgets.QStyle.SP_MessageBoxWarning))
            item.setData(Qt.UserRole, p.row)
            self.problems.addItem(item)
        errors = len(report.errors)
        warnings = len(report.problems) - errors
        warned = (self.tr(", {n} warning") if warnings == 1 else self.tr(", {n} warnings")).format(n=warnings) \
            if warnings else ""
        if errors:
            text = ("<b style='color:#c0392b'>" + (self.tr("{n} error block training") if errors == 1
                                                   else self.tr("{n} errors block training")).format(n=errors) + "</b>"
                    + warned + self.tr("."))
        else:
            text = (self.tr("<b>Ready</b>: {train} training rows, {eval} validation rows").format(
                train=len(report.train), eval=len(report.eval)) + (warned or self.tr(", no problems")) + self.tr("."))
            if report.class_counts:
                text += self.tr(" Classes: {counts}.").format(
                    counts=", ".join(f"{k} {v}" for k, v in report.class_counts.items()))
        self.summary.setText(text)

    def show_split_column_needed(self) -> None:
        self.summary.setText("<b style='color:#c0392b'>" + self.tr(
            "Choose the column that says which rows are for validation.") + "</b>")

    # ---- inside the page ----------------------------------------------------------------------
    def _task_changed(self, *_):
        while self.mapping_form.count():
            item = self.mapping_form.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.role_combos = {}
        for role, required in ROLES[self.current_task]:
            combo = QtWidgets.QComboBox()
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
            label = QtWidgets.QLabel((self.tr("{role}:") if required else self.tr("{role} (optional):")).format(
                role=translate("core", ROLE_LABELS[role])))
            self.mapping_form.addWidget(label)
            self.mapping_form.addWidget(combo, 1)
            self.role_combos[role] = combo
            combo.currentIndexChanged.connect(self.changed)
        if self.current_task == "causal-lm":
            hint = QtWidgets.QLabel(self.tr("a text column, or a prompt and a response"))
            hint.setStyleSheet("color: palette(mid);")
            self.mapping_form.addWidget(hint)
        self._fill_mapping(self.guesses.get(self.current_task, {}) if self.table else {})

    def _fill_mapping(self, guess: dict[str, str]) -> None:
        columns = self.table.columns if self.table else []
        for role, combo in self.role_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), "")  # the empty choice: the role is not mapped
            for name in columns:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(role, ""))))
            combo.blockSignals(False)
        self.split_column.blockSignals(True)
        self.split_column.clear()
        self.split_column.addItems(columns)
        for name in columns:
            if name.lower() in ("split", "set", "subset", "fold"):
                self.split_column.setCurrentText(name)
        self.split_column.blockSignals(False)
        self.changed.emit()

    def _split_changed(self, *_):
        mode = self.split.currentData()
        self.eval_share.setVisible(mode == "random")
        self.split_seed.setVisible(mode == "random")
        self.split_column.setVisible(mode == "column")
        self.validation_button.setVisible(mode == "file")
        self.changed.emit()

    def _open_file(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open training data"), "",
                                                        self.tr("Tables (*.csv *.tsv *.txt *.jsonl);;All files (*)"))
        if path:
            self.open_requested.emit(Path(path), None)

    def _open_validation_file(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open validation data"), "",
                                                        self.tr("Tables (*.csv *.tsv *.txt *.jsonl);;All files (*)"))
        if path:
            self.validation_path = path
            self.validation_button.setText(Path(path).name)
            self.changed.emit()

    def _problem_clicked(self, item: QtWidgets.QListWidgetItem) -> None:
        number = item.data(Qt.UserRole)
        if number is None:
            return
        row = self.preview_model.row_of_number(int(number))
        if row is not None:
            self.preview.selectRow(row)
            self.preview.scrollTo(self.preview_model.index(row, 0), QtWidgets.QAbstractItemView.PositionAtCenter)
