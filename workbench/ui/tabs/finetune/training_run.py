"""What the Fine-tune tab and its From scratch page share to run training: ``ChildRun`` (a
``workbench finetune|pretrain ... --events -`` child process), ``Charts`` (the live curves), and how a
run's end is shown (``show_run_end``, ``run_failure``)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.ui.i18n import current_language
from workbench.ui.qt import QtCore, QtWidgets, Qt, Signal
from workbench.ui.workers import ErrorInfo

CHARTS = (("loss", QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Train loss")),
          ("eval_loss", QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Eval loss")),
          ("learning_rate", QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Learning rate")),
          ("metric", QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Metric")))


class ChildRun(QtCore.QObject):
    """One ``workbench finetune ... --events -`` child process: JSON-lines events in, cancel out.

    A crash or out-of-memory ends the child, never the app: ``ended`` reports the exit code and
    whatever the child said on stderr.
    """

    event = Signal(dict)
    ended = Signal(int, str)  # exit code (-1: crashed or killed), the tail of stderr

    def __init__(self, args: list[str], log_path: Path, parent=None):
        super().__init__(parent)
        self.log_path = log_path
        self.process = QtCore.QProcess(self)
        self.process.setProgram(sys.executable)
        self.process.setArguments(["-m", "workbench", *args])
        environment = QtCore.QProcessEnvironment.systemEnvironment()
        environment.insert("WORKBENCH_LANG", current_language())  # its messages in the interface's language
        self.process.setProcessEnvironment(environment)
        self.process.setWorkingDirectory(str(Path(__file__).resolve().parents[3]))
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._buffer = b""
        self.stderr = ""
        self._ended = False

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process.start()

    def cancel(self) -> None:
        """Ask the child to stop at the end of the current step (it saves a checkpoint first)."""
        if self.running:
            self.process.write(b"cancel\n")

    def kill(self) -> None:
        if self.running:
            self.process.kill()
            self.process.waitForFinished(5000)

    @property
    def running(self) -> bool:
        return self.process.state() != QtCore.QProcess.NotRunning

    def _read_stdout(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                self.stderr += line.decode("utf-8", "replace") + "\n"
                continue
            if isinstance(value, dict) and "type" in value:
                self.event.emit(value)

    def _read_stderr(self) -> None:
        text = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
        self.stderr += text
        try:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(text)
        except OSError:
            pass

    def _finished(self, code: int, status) -> None:
        if self._ended:
            return
        self._ended = True
        self._read_stdout()
        self._read_stderr()
        crashed = status == QtCore.QProcess.CrashExit
        self.ended.emit(-1 if crashed else code, self.stderr[-4000:])

    def _error(self, error) -> None:
        if error == QtCore.QProcess.FailedToStart and not self._ended:
            self._ended = True
            self.ended.emit(-1, QtCore.QCoreApplication.translate("FinetuneTab", "The training process could not start: {error}").format(
                error=self.process.errorString()))


def steady_range(current: tuple[float, float] | None, low: float, high: float,
                 below: float = 0.05, above: float = 0.05) -> tuple[float, float] | None:
    """The axis range to show ``low..high``, or None to keep ``current``.

    Moving a pyqtgraph view range re-lays out and repaints its axes, the costliest part of a chart
    update. So the range is kept while the data fits in it and is at most three times the range a new
    fit would take; a new range leaves room (``below``/``above``: shares of the data's span) where the
    curve is likely to grow.
    """
    span = high - low
    if span > 0:
        new = low - span * below, high + span * above
    else:
        pad = max(abs(high) * 0.05, 1e-9)
        new = low - pad, high + pad
    if current is not None:
        start, stop = current
        if start <= low and high <= stop and stop - start <= 3 * (new[1] - new[0]):
            return None
    return new


class Charts(QtWidgets.QWidget):
    """Train loss, eval loss, learning rate and the task metric.

    Events only append points; a timer redraws at most ``FRAME_MS`` apart, and only the charts whose
    data changed, with ranges that move only when the data outgrows them (see ``steady_range``).
    """

    FRAME_MS = 33

    def __init__(self, parent=None):
        super().__init__(parent)
        from workbench.ui.qt import pg

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.plots, self.curves, self.compare = {}, {}, {}
        pen = pg.mkPen("#2e86c1", width=2)
        other = pg.mkPen("#e67e22", width=2, style=Qt.DashLine)
        for i, (key, title) in enumerate(CHARTS):
            plot = self.view.addPlot(row=i // 2, col=i % 2, title=QtCore.QCoreApplication.translate("FinetuneTab", title))
            # No grid: pyqtgraph draws it with the axes, translucent, over the whole plot, so every new
            # point repainted all eight axes (about 15 ms a frame, most of the GUI's stalls in a run).
            plot.setLabel("bottom", self.tr("step"))
            # The value axis only widens: a narrower tick label would otherwise re-lay out all four charts.
            plot.getAxis("left").setStyle(autoReduceTextSpace=False)
            plot.disableAutoRange()  # ranges are set by _fit_range, only when the data outgrows them
            self.plots[key] = plot
            self.curves[key] = plot.plot([], [], pen=pen, symbol="o" if key in ("eval_loss", "metric") else None,
                                         symbolSize=5)
            self.compare[key] = plot.plot([], [], pen=other)
        self.data: dict[str, list[tuple[int, float]]] = {k: [] for k, _ in CHARTS}
        self._compare_data: dict[str, list[tuple[int, float]]] = {k: [] for k, _ in CHARTS}
        self._ranges: dict[str, tuple[tuple[float, float], tuple[float, float]] | None] = \
            {k: None for k, _ in CHARTS}
        self._dirty: set[str] = set()
        self._max_step = 0  # the run's last step when known: the step axis then spans the whole run
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(self.FRAME_MS)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def clear(self) -> None:
        self.data = {k: [] for k, _ in CHARTS}
        self._set_compare_data({})
        self.set_metric_name(QtCore.QCoreApplication.translate("FinetuneTab", "Metric"))
        self._max_step = 0
        self._reset_ranges()

    def set_max_step(self, max_step: int) -> None:
        """Fix the step axis to the run's length, so it does not move as points arrive."""
        if max_step != self._max_step:
            self._max_step = max_step
            self._reset_ranges()

    def set_metric_name(self, name: str) -> None:
        if self.plots["metric"].titleLabel.text != name:  # a new title re-lays out all four charts
            self.plots["metric"].setTitle(name)

    def set_curves(self, data: dict[str, list[tuple[int, float]]], metric_name: str = "") -> None:
        self.data = {k: list(data.get(k, [])) for k, _ in CHARTS}
        if metric_name:
            self.set_metric_name(metric_name)
        self._reset_ranges()

    def add(self, key: str, step: int, value) -> None:
        if isinstance(value, (int, float)) and math.isfinite(value):
            self.data[key].append((step, float(value)))
            self._dirty.add(key)

    def add_event(self, event: dict, metric_key: str) -> None:
        """A training run's ``train`` event (loss, learning rate) or ``eval`` event (eval loss, and the metric,
        which the event holds under ``metric_key``)."""
        step = event["step"]
        if event.get("type") == "train":
            self.add("loss", step, event.get("loss"))
            self.add("learning_rate", step, event.get("learning_rate"))
        else:
            self.add("eval_loss", step, event.get("eval_loss"))
            self.add("metric", step, event.get(metric_key))

    def set_compare(self, data: dict[str, list[tuple[int, float]]]) -> None:
        self._set_compare_data(data)
        self._reset_ranges()
        self._redraw()

    def points(self, key: str) -> int:
        return len(self.data[key])

    def _set_compare_data(self, data: dict[str, list[tuple[int, float]]]) -> None:
        self._compare_data = {k: list(data.get(k, [])) for k, _ in CHARTS}
        for key, curve in self.compare.items():
            points = _as_array(self._compare_data[key])
            curve.setData(points[:, 0], points[:, 1], skipFiniteCheck=True)

    def _reset_ranges(self) -> None:
        self._ranges = {k: None for k, _ in CHARTS}
        self._dirty = set(self.curves)

    def _redraw(self) -> None:
        dirty, self._dirty = self._dirty, set()
        for key in dirty:
            points = _as_array(self.data[key])
            self.curves[key].setData(points[:, 0], points[:, 1], skipFiniteCheck=True)
            self._fit_range(key, np.concatenate([points, _as_array(self._compare_data[key])]))

    def _fit_range(self, key: str, points: np.ndarray) -> None:
        if not len(points):
            return
        (first_step, low), (last_step, high) = points.min(axis=0), points.max(axis=0)
        old = self._ranges[key]
        if self._max_step:
            x = steady_range(old[0] if old else None, min(0.0, first_step), max(self._max_step, last_step),
                             below=0.02, above=0.02)
        else:
            x = steady_range(old[0] if old else None, first_step, last_step, above=0.5)
        y = steady_range(old[1] if old else None, low, high, below=0.25, above=0.25)
        if x is None and y is None:
            return
        new = (x or old[0], y or old[1])
        self._ranges[key] = new
        self.plots[key].getViewBox().setRange(xRange=new[0], yRange=new[1], padding=0)

    def stop(self) -> None:
        self._timer.stop()


def _as_array(points: list[tuple[int, float]]) -> np.ndarray:
    """(step, value) pairs as an n x 2 array; the values are finite (``Charts.add`` checks them)."""
    return np.asarray(points, dtype=float).reshape(-1, 2)


def last_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    # the child prints "error: …"/"hint: …" in the app's language
    prefixes = ("error:", "hint:") + tuple(translate("core", text).split("{")[0].strip()
                                           for text in ("error: {message}", "hint: {hint}"))
    for line in reversed(lines):
        if line.startswith(prefixes) or "Error" in line:
            return line
    return lines[-1] if lines else ""


def show_run_end(progress: QtWidgets.QProgressBar, result: dict) -> str:
    """Set ``progress`` for a training child that has ended; return how it ended: "finished",
    "cancelled" or "failed" (``result``: its last "done" or "error" event)."""
    status = result.get("status") if result.get("type") == "done" else "failed"
    progress.setRange(0, 1)
    progress.setValue(1 if status == "finished" else 0)
    words = {"finished": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Finished"),
             "cancelled": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Cancelled"),
             "failed": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Failed")}
    status = status if status in words else "failed"
    progress.setFormat(QtCore.QCoreApplication.translate("FinetuneTab", words[status]))
    return status


def run_failure(result: dict, code: int, stderr: str, stopped: str, hint: str) -> ErrorInfo:
    """What a failed training child says: its own error, or ``stopped`` (with ``{code}``) when it crashed."""
    if result.get("type") == "error":
        return ErrorInfo(QtCore.QCoreApplication.translate("FinetuneTab", "Training failed: {error}").format(
            error=result["message"]), result.get("hint", ""), stderr)
    return ErrorInfo(stopped.format(code=code), last_error_line(stderr) or hint, stderr)
