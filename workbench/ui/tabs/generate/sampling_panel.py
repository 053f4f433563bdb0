"""The Generate tab's left column: presets, every sampling control, the speed-up and format choices."""

from __future__ import annotations

from dataclasses import replace

from workbench.core.generation import PRESETS, RANGES, SamplingSettings
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError
from workbench.ui.qt import QtWidgets, Qt, Signal


class SettingsPanel(QtWidgets.QWidget):
    """Every sampling control, with ranges from core (invalid values cannot be typed) and plain tooltips."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QtWidgets.QFormLayout(self)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)
        self.greedy = QtWidgets.QCheckBox(self.tr("Greedy"))
        self.greedy.setToolTip(self.tr("Greedy: pick the likeliest token every time: the same prompt always gives the same text. "
                               "The sampling controls below are then not used."))
        form.addRow(self.greedy)
        self.boxes: dict[str, QtWidgets.QAbstractSpinBox] = {}
        labels = {"temperature": self.tr("Temperature"), "top_k": "Top-k", "top_p": "Top-p", "min_p": "Min-p",
                  "typical_p": "Typical-p", "repetition_penalty": self.tr("Repetition penalty"),
                  "no_repeat_ngram_size": self.tr("No-repeat n-gram"), "num_beams": self.tr("Beams"),
                  "max_new_tokens": self.tr("Max new tokens"), "top_probs": self.tr("Alternatives shown")}
        for name, label in labels.items():
            rng = RANGES[name]
            if rng.decimals:
                box = QtWidgets.QDoubleSpinBox()
                box.setDecimals(rng.decimals)
                box.setSingleStep(rng.step)
            else:
                box = QtWidgets.QSpinBox()
            box.setRange(rng.low, rng.high)
            box.setToolTip(translate("core", rng.help) + "\n" + self.tr("Range {low:g} to {high:g}.").format(low=rng.low, high=rng.high))
            box.setAccelerated(True)
            self.boxes[name] = box
            form.addRow(label, box)
        self.stop = QtWidgets.QLineEdit()
        self.stop.setPlaceholderText(self.tr(r"e.g.  \n\n | User:"))
        self.stop.setToolTip(self.tr("Stop when the generated text contains one of these. Separate several with | ; "
                             r"write \n for a new line. The text is cut before the stop string."))
        form.addRow(self.tr("Stop strings"), self.stop)
        self.fixed_seed = QtWidgets.QCheckBox(self.tr("Fixed"))
        self.fixed_seed.setToolTip(self.tr("With a fixed seed, the same settings give the same text every time. "
                                   "Without it, each run uses a new seed (shown after the run)."))
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(int(RANGES["seed"].low), int(RANGES["seed"].high))
        self.seed.setToolTip(translate("core", RANGES["seed"].help))
        seed_row = QtWidgets.QHBoxLayout()
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        form.addRow(self.tr("Seed"), seed_row)
        self.greedy.toggled.connect(self._sync)
        self.fixed_seed.toggled.connect(self._sync)
        self.set_settings(PRESETS["Balanced"])

    def _sync(self) -> None:
        sampling = not self.greedy.isChecked()
        for name in ("temperature", "top_k", "top_p", "min_p", "typical_p"):
            self.boxes[name].setEnabled(sampling)
        self.seed.setEnabled(sampling and self.fixed_seed.isChecked())
        self.fixed_seed.setEnabled(sampling)

    def settings(self) -> SamplingSettings:
        values = {name: box.value() for name, box in self.boxes.items()}
        stops = [s.replace("\\n", "\n").replace("\\t", "\t") for s in self.stop.text().split("|")]
        return SamplingSettings(greedy=self.greedy.isChecked(), stop=[s for s in stops if s.strip(" ")],
                                seed=self.seed.value() if self.fixed_seed.isChecked() else None,
                                **{k: (int(v) if not RANGES[k].decimals else float(v)) for k, v in values.items()})

    def set_settings(self, settings: SamplingSettings) -> None:
        for name, box in self.boxes.items():
            box.setValue(getattr(settings, name))
        self.greedy.setChecked(settings.greedy)
        self.stop.setText(" | ".join(s.replace("\n", "\\n").replace("\t", "\\t") for s in settings.stop))
        self.fixed_seed.setChecked(settings.seed is not None)
        if settings.seed is not None:
            self.seed.setValue(settings.seed)
        self._sync()


class SamplingColumn(QtWidgets.QWidget):
    """Presets (built-in and the user's own, saved in the settings), the sampling controls, the speed-up
    and output-format choices, and "Colour text by probability"."""

    presets_changed = Signal()  # the list of presets changed (the Compare page offers the same)

    def __init__(self, ctx, show_error, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.show_error = show_error  # the tab's banner
        lv = QtWidgets.QVBoxLayout(self)
        lv.setContentsMargins(0, 0, 4, 0)
        self._build_presets(lv)
        self.controls = SettingsPanel()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setWidget(self.controls)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(200)
        lv.addWidget(scroll, 1)
        from workbench.ui.glossary import attach_term
        from workbench.ui.widgets.format_choice import FormatChoice
        from workbench.ui.widgets.speedup_choice import SpeedupChoice

        for name, term in (("temperature", "temperature"), ("top_k", "top-k"), ("top_p", "top-p")):
            attach_term(self.controls.layout().labelForField(self.controls.boxes[name]), term)
        attach_term(self.controls.greedy, "greedy decoding")
        self.speedup, self.format_choice = SpeedupChoice(), FormatChoice()
        lv.addWidget(self.speedup)
        lv.addWidget(self.format_choice)
        self.colour = QtWidgets.QCheckBox(self.tr("Colour text by probability"))
        self.colour.setToolTip(self.tr("Shade each token: green = the model was sure of it, red = it was unlikely"))
        lv.addWidget(self.colour)
        self.fill_presets()

    def _build_presets(self, lv: QtWidgets.QVBoxLayout) -> None:
        preset_row = QtWidgets.QHBoxLayout()
        self.preset = QtWidgets.QComboBox()
        self.preset.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToContents)
        self.preset.setToolTip(self.tr("Ready-made settings; your own saved presets are listed after the built-in ones"))
        self.preset.activated.connect(self._apply_preset)
        self.preset.currentIndexChanged.connect(lambda _i: self._sync_delete())
        self.save_preset = QtWidgets.QPushButton(self.tr("Save…"))
        self.save_preset.setToolTip(self.tr("Save the current settings as a preset of your own"))
        self.save_preset.clicked.connect(self._save_preset)
        self.delete_preset = QtWidgets.QPushButton(self.tr("Delete"))
        self.delete_preset.setToolTip(self.tr("Delete the selected preset of your own"))
        self.delete_preset.clicked.connect(self._delete_preset)
        preset_row.addWidget(self.save_preset)
        preset_row.addWidget(self.delete_preset)
        lv.addWidget(QtWidgets.QLabel(self.tr("<b>Preset</b>")))
        lv.addWidget(self.preset)
        lv.addLayout(preset_row)

    def set_engine(self, engine: str) -> None:
        for widget in (self.speedup, self.format_choice):
            widget.set_engine(engine)

    def fill_presets(self) -> None:
        self.preset.clear()
        for name in PRESETS:
            self.preset.addItem(translate("core", name), f"builtin:{name}")
        for name in sorted(self.ctx.settings.generation_presets):
            self.preset.addItem(self.tr("{name} (mine)").format(name=name), f"user:{name}")
        self.preset.setCurrentIndex(1)
        self._sync_delete()
        self.presets_changed.emit()

    def presets(self) -> list[tuple[str, str]]:
        """(shown name, data) of every preset, in the combo's order."""
        return [(self.preset.itemText(i), self.preset.itemData(i)) for i in range(self.preset.count())]

    def settings_for(self, data) -> SamplingSettings:
        """The settings of a preset's data ("builtin:Greedy", "user:warm"), or the controls' for None."""
        if data is None:
            return self.controls.settings()
        kind, name = data.split(":", 1)
        if kind == "builtin":
            return replace(PRESETS[name], stop=list(PRESETS[name].stop))
        return SamplingSettings.from_json(self.ctx.settings.generation_presets[name])

    def _apply_preset(self, index: int) -> None:
        try:
            self.controls.set_settings(self.settings_for(self.preset.itemData(index)).validate())
        except (WorkbenchError, TypeError, KeyError) as exc:
            self.show_error(self.tr("The preset '{name}' is not valid: {error}").format(
                name=self.preset.itemText(index), error=exc), self.tr("Delete it and save a new one."))
        self._sync_delete()

    def _save_preset(self) -> None:
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("Save preset"), self.tr("Name of the preset:"))
        name = name.strip()
        if not ok or not name:
            return
        if name in PRESETS:
            self.show_error(self.tr("'{name}' is a built-in preset.").format(name=name), self.tr("Choose another name."))
            return
        self.ctx.settings.generation_presets[name] = self.controls.settings().to_json()
        self.ctx.save_settings()
        self.fill_presets()
        self.preset.setCurrentIndex(self.preset.findData(f"user:{name}"))

    def _delete_preset(self) -> None:
        data = self.preset.currentData() or ""
        if data.startswith("user:"):
            self.ctx.settings.generation_presets.pop(data.split(":", 1)[1], None)
            self.ctx.save_settings()
            self.fill_presets()

    def _sync_delete(self) -> None:
        self.delete_preset.setEnabled((self.preset.currentData() or "").startswith("user:"))
