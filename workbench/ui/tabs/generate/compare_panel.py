"""The Generate tab's Compare page: the same prompt on two models or two settings, side by side."""

from __future__ import annotations

from workbench.core.generation import GenerationResult, PromptInfo, TokenEvent
from workbench.ui.qt import QtWidgets
from workbench.ui.tabs.generate.output_view import OutputView
from workbench.ui.tabs.generate.texts import INT8_NOTE, _tr


class ComparePanel(QtWidgets.QWidget):
    """Sides A and B (model, preset, int8), each with its streamed output and figures."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        grid = QtWidgets.QGridLayout(self)
        self.compare_sides = []
        for col, name in enumerate(("A", "B")):
            self.compare_sides.append(self._build_side(grid, col, name))
        self.compare_button = QtWidgets.QPushButton(self.tr("Run both on the prompt"))
        self.compare_button.setToolTip(self.tr("Generate from the same prompt on side A, then side B"))
        grid.addWidget(self.compare_button, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        ctx.library_changed.connect(self.fill_models)
        self.fill_models(ctx.entries)

    def _build_side(self, grid: QtWidgets.QGridLayout, col: int, name: str) -> dict:
        model = QtWidgets.QComboBox()
        model.setToolTip(self.tr("Model for side {name}").format(name=name))
        preset = QtWidgets.QComboBox()
        preset.setToolTip(self.tr("Settings for side {name}: a preset, or the current controls").format(name=name))
        int8 = QtWidgets.QCheckBox(self.tr("int8"))
        int8.setToolTip(_tr(INT8_NOTE))
        for combo in (model, preset):
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        row = QtWidgets.QGridLayout()
        row.addWidget(QtWidgets.QLabel(f"<b>{name}</b>"), 0, 0)
        row.addWidget(model, 0, 1, 1, 2)
        row.addWidget(preset, 1, 1)
        row.addWidget(int8, 1, 2)
        row.setColumnStretch(1, 1)
        out = OutputView()
        stats = QtWidgets.QLabel("")
        stats.setWordWrap(True)
        grid.addLayout(row, 0, col)
        grid.addWidget(out, 1, col)
        grid.addWidget(stats, 2, col)
        return {"model": model, "preset": preset, "int8": int8, "out": out, "stats": stats}

    def fill_models(self, entries) -> None:
        names = [e.name for e in entries if "causal-lm" in e.kinds]
        for side in self.compare_sides:
            current = side["model"].currentText()
            side["model"].clear()
            side["model"].addItems(names)
            if current in names:
                side["model"].setCurrentText(current)

    def fill_presets(self, presets: list[tuple[str, str]]) -> None:
        """Each side offers the current controls, then every preset (shown name, data)."""
        for side in self.compare_sides:
            side["preset"].clear()
            side["preset"].addItem(self.tr("Current controls"), None)
            for text, data in presets:
                side["preset"].addItem(text, data)

    def start(self, colour: bool) -> None:
        for side in self.compare_sides:
            side["out"].colour = colour
            side["out"].start()
            side["stats"].setText(self.tr("waiting…"))

    def show_events(self, events: list) -> None:
        """A batch of (side, event) from ``run_requests``."""
        for side_index, event in events:
            side = self.compare_sides[side_index]
            if isinstance(event, TokenEvent):
                side["out"].add(event)
            elif isinstance(event, PromptInfo):
                side["stats"].setText(self.tr("generating on {name}…").format(name=event.model))

    def show_results(self, results: list[GenerationResult]) -> None:
        for side, result in zip(self.compare_sides, results):
            mean = [t.prob for t in result.tokens if t.prob is not None]
            avg = self.tr(" · mean token probability {p:.1f} %").format(p=sum(mean) / len(mean) * 100) if mean else ""
            side["stats"].setText(self.tr("{n} tokens · {speed:.1f} tokens/s").format(
                n=len(result.ids), speed=result.tokens_per_s) + avg)
            if result.finish_reason == "stop":
                side["out"].start(result.text)
