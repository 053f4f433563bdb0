"""Attention pictures: the heatmap of one matrix (pyqtgraph), the overview grid of every layer and
head, and image export (PNG/SVG) that also works headless for the CLI."""

from __future__ import annotations

import bisect
import math

import numpy as np

from workbench.core.attention import AttentionView
from workbench.core.tokens import TokenDisplay
from workbench.ui import i18n
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal, pg
from workbench.ui.widgets import PARTIAL_GREY

ATTENTION_MAP = "viridis"
DIFFERENCE_MAP = "CET-D1"  # diverging: blue below zero, red above
LABEL_CHARS = 12




def picture_levels(view: AttentionView, diverging: bool = False) -> tuple[float, float]:
    """The weights at the two ends of the colour map: the view's own, or symmetric around 0 for a difference."""
    if diverging:
        bound = float(np.abs(view.matrix).max()) if view.matrix.size else 1.0
        return (-bound or -1.0, bound or 1.0)
    return view.levels


def picture(view: AttentionView, diverging: bool = False) -> np.ndarray:
    """The heatmap's pixels: each weight as an index into the 256-colour map, as pyqtgraph would compute them
    when painting ((w - low) * 256 / (high - low), clipped). Made on the worker that computed the view: for
    2,048 tokens that is 4 million weights, ~50 ms the window would otherwise spend on each head switch."""
    low, high = picture_levels(view, diverging)
    scaled = view.matrix.astype(np.float32, copy=True)
    scaled -= low
    scaled *= 256.0 / ((high - low) or 1.0)
    np.clip(scaled, 0, 255, out=scaled)
    return scaled.astype(np.uint8)


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def describe_pieces(pieces: list[TokenDisplay]) -> str:
    """'id 1234, bytes e6 88 91' for the token (or the word's tokens) under the pointer."""
    if not pieces:
        return ""
    ids = " ".join(str(p.id) for p in pieces)
    data = " ".join(p.hex for p in pieces if p.hex)
    return QtCore.QCoreApplication.translate("AttentionHeatmap", "id {ids}, bytes {data}").format(
        ids=ids, data=data or "—")


class TokenAxis(pg.AxisItem):
    """An axis whose ticks are token labels, thinned so they never overlap; zooming in shows more."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.labels: list[str] = []
        self.spacing_px = 16.0
        self.partial_spacing_px = 0.0  # byte markers of partial pieces (‹e5 8f›) are wider than characters
        self.enableAutoSIPrefix(False)

    def set_labels(self, labels: list[str]) -> None:
        if labels == self.labels:  # a head switch keeps the tokens: nothing to measure again
            return
        self.labels = list(labels)
        metrics = QtGui.QFontMetrics(self.style.get("tickFont") or QtGui.QFont())
        if self.orientation in ("left", "right"):
            self.spacing_px = metrics.height() + 2
            self.partial_spacing_px = 0.0
        else:  # horizontal labels need their width; measured on the distinct shortened labels
            distinct = set(self.labels)
            widths = [metrics.horizontalAdvance(short_label(t)) for t in distinct if not t.startswith("‹")] or [0]
            markers = [metrics.horizontalAdvance(short_label(t)) for t in distinct if t.startswith("‹")] or [0]
            self.spacing_px = max(widths) + 10
            self.partial_spacing_px = max(markers) + 10
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        count = len(self.labels)
        if count == 0 or size <= 0:
            return []
        low = max(0, math.ceil(min(minVal, maxVal) - 0.5))
        high = min(count - 1, math.floor(max(minVal, maxVal) - 0.5))
        visible = high - low + 1
        if visible <= 0:
            return []
        pixels_per_token = size / max(1e-9, abs(maxVal - minVal))
        step = max(1, math.ceil(self.spacing_px / max(pixels_per_token, 1e-9)))
        marker_step = max(step, math.ceil(self.partial_spacing_px / max(pixels_per_token, 1e-9)))
        if marker_step > 1 and any(self.labels[i].startswith("‹") for i in range(low, high + 1)):
            return [(step, [i + 0.5 for i in _characters_first(self.labels, low, high, step, marker_step)])]
        first = low + (-low) % step
        return [(step, [i + 0.5 for i in range(first, high + 1, step)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [short_label(self.labels[int(v)]) if 0 <= int(v) < len(self.labels) else "" for v in values]

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):  # noqa: N802
        """As pyqtgraph draws it, but byte markers of partial pieces (‹e5 8f›) in grey."""
        partial = [spec for spec in textSpecs if spec[2].startswith("‹")]
        super().drawPicture(p, axisSpec, tickSpecs, [spec for spec in textSpecs if not spec[2].startswith("‹")])
        if partial:
            p.setPen(pg.mkPen(PARTIAL_GREY))
            for rect, flags, text in partial:
                p.drawText(rect, int(flags), text)


def _characters_first(labels: list[str], low: int, high: int, step: int, marker_step: int) -> list[int]:
    """Ticks that do not overlap, characters placed before the wider byte markers of partial pieces
    (‹e5 8f›), so that thinning a Chinese axis drops byte pieces rather than characters.

    Characters keep ``step`` tokens apart; a marker keeps ``marker_step`` from every other tick."""
    taken: list[int] = []
    for partial, gap in ((False, step), (True, marker_step)):
        for i in range(low, high + 1):
            if labels[i].startswith("‹") != partial:
                continue
            at = bisect.bisect_left(taken, i)
            if (at == 0 or i - taken[at - 1] >= gap) and (at == len(taken) or taken[at] - i >= gap):
                taken.insert(at, i)
    return taken


class ShrinkableLabel(pg.LabelItem):
    """A title that never forces the plot wider than the window (a long title is clipped instead)."""

    def updateMin(self):  # noqa: N802 (pyqtgraph's name)
        super().updateMin()
        self.setMinimumWidth(0)
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)


class AttentionHeatmap(pg.GraphicsLayoutWidget):
    """One attention matrix: query rows by key columns, colour bar, token labels, hover readout."""

    hovered = Signal(str)  # "query 'x' → key 'y': 0.123", or "" when the pointer leaves the matrix

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")
        self.left_axis = TokenAxis("left")
        self.bottom_axis = TokenAxis("bottom")
        self.title = ShrinkableLabel(size="10pt", color="#222")
        self.addItem(self.title, row=0, col=0)
        self.plot = self.addPlot(row=1, col=0, axisItems={"left": self.left_axis, "bottom": self.bottom_axis})
        self.plot.setLabel("left", self.tr("query (attending token)"))
        self.plot.setLabel("bottom", self.tr("key (attended token)"))
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("k")
            self.plot.getAxis(axis).setPen("k")
        self.image = pg.ImageItem(axisOrder="row-major")  # 8-bit pixels (``picture``) through the colour map
        self.image.setColorMap(pg.colormap.get(ATTENTION_MAP))
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=ATTENTION_MAP, interactive=False, width=16)
        # Beside the plot as setImageItem(insert_in=) puts it, but not linked: a linked bar would set the
        # image's levels to the weights' range, while the image holds colour indices 0-255.
        self.plot.layout.addItem(self.colorbar, 2, 5)
        self.colorbar.getAxis("right").setTextPen("k")
        self.colorbar.getAxis("right").setLabel(self.tr("attention weight"), color="#222")
        self.view: AttentionView | None = None
        self.diverging = False
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def show_view(self, view: AttentionView, diverging: bool = False, keep_range: bool = False,
                  pixels: np.ndarray | None = None) -> None:
        """Draw ``view``; ``pixels`` is its ``picture``, when a worker made it already."""
        self.view = view
        matrix = view.matrix
        levels = picture_levels(view, diverging)
        if diverging != self.diverging:
            colour_map = pg.colormap.get(DIFFERENCE_MAP if diverging else ATTENTION_MAP)
            self.colorbar.setColorMap(colour_map)
            self.image.setColorMap(colour_map)
            self.colorbar.getAxis("right").setLabel(self.tr("difference (B − A)") if diverging else self.tr("attention weight"),
                                                    color="#222")
            self.diverging = diverging
        same_shape = self.image.image is not None and self.image.image.shape == matrix.shape
        self.image.setImage(picture(view, diverging) if pixels is None else pixels, levels=(0, 255), autoLevels=False)
        self.colorbar.setLevels(levels)
        self.left_axis.set_labels(view.query_labels)
        self.bottom_axis.set_labels(view.key_labels)
        title = _html(view.title)
        if view.note:  # on its own line so that the title stays narrow
            title += f"<br><span style='color:#555; font-size:8pt'>{_html(view.note)}</span>"
        self.title.setText(title)
        if not (keep_range and same_shape):
            self.plot.setRange(xRange=(0, matrix.shape[1]), yRange=(0, matrix.shape[0]), padding=0)
        self.plot.setLimits(xMin=0, xMax=max(1, matrix.shape[1]), yMin=0, yMax=max(1, matrix.shape[0]))

    def clear_view(self) -> None:
        self.view = None
        self.image.clear()
        self.left_axis.set_labels([])
        self.bottom_axis.set_labels([])
        self.title.setText("")

    def describe(self, row: int, column: int) -> str:
        view = self.view
        if view is None or not (0 <= row < view.matrix.shape[0] and 0 <= column < view.matrix.shape[1]):
            return ""
        def detail(pieces: list, index: int) -> str:
            return f", {describe_pieces(pieces[index])}" if index < len(pieces) and pieces[index] else ""

        return self.tr("query '{query}' (#{row}{query_detail}) → key '{key}' (#{column}{key_detail}): {weight:.4f}").format(
            query=view.query_labels[row], row=row, query_detail=detail(view.query_pieces, row),
            key=view.key_labels[column], column=column, key_detail=detail(view.key_pieces, column),
            weight=view.matrix[row, column])

    def _mouse_moved(self, position) -> None:
        if self.view is None or not self.plot.sceneBoundingRect().contains(position):
            self.hovered.emit("")
            return
        point = self.plot.vb.mapSceneToView(position)
        text = self.describe(int(math.floor(point.y())), int(math.floor(point.x())))
        self.hovered.emit(text)

    def export(self, path: str) -> None:
        """PNG or SVG of the current view (title, labels and colour bar included)."""
        if str(path).lower().endswith(".svg"):
            self._export_svg(str(path))
        else:
            exporter = pg.exporters.ImageExporter(self.ci)
            exporter.parameters()["width"] = max(800, int(self.ci.sceneBoundingRect().width()) * 2)
            exporter.export(str(path))

    def _export_svg(self, path: str) -> None:
        # pyqtgraph 0.14's SVGExporter fails on the closed paths Qt 6.12 writes (pyqtgraph #3495),
        # so the scene is painted straight into Qt's SVG generator: vector text and axes, raster matrix.
        from workbench.ui.qt import QtSvg

        source = self.ci.sceneBoundingRect()
        generator = QtSvg.QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(source.size().toSize())
        generator.setViewBox(QtCore.QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(self.view.title if self.view else "attention")
        painter = QtGui.QPainter(generator)
        try:
            self.scene().render(painter, QtCore.QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def colour_table(name: str = ATTENTION_MAP) -> np.ndarray:
    return pg.colormap.get(name).getLookupTable(0.0, 1.0, 256, alpha=False)


class OverviewGrid(QtWidgets.QWidget):
    """Every layer (rows) by every head (columns) as thumbnails; click one to open it."""

    chosen = Signal(int, int)  # layer, head
    CELL = 54
    MARGIN = 34

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.images: list[list[QtGui.QImage]] = []
        self.selected: tuple[int, int] | None = None
        self._picture: QtGui.QPixmap | None = None  # the grid drawn once; a new selection only adds a frame
        self.setMouseTracking(True)
        self.setToolTip(self.tr("Each thumbnail is one head, scaled to its own maximum; click to open it."))

    def set_thumbnails(self, thumbnails: np.ndarray | None) -> None:
        """``thumbnails``: (layers, heads, size, size) in 0..1 (each scaled to its own maximum)."""
        self.images = []
        self._picture = None
        if thumbnails is not None:
            table = colour_table()
            for layer in thumbnails:
                row = []
                for thumb in layer:
                    rgb = np.ascontiguousarray(table[np.clip(thumb * 255, 0, 255).astype(np.uint8)])
                    height, width = rgb.shape[:2]
                    row.append(QtGui.QImage(rgb.data, width, height, 3 * width, QtGui.QImage.Format_RGB888).copy())
                self.images.append(row)
        layers, heads = self.shape
        self.setMinimumSize(self.MARGIN + heads * self.CELL + 4, self.MARGIN + layers * self.CELL + 4)
        self.update()

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.images), (len(self.images[0]) if self.images else 0)

    def set_selected(self, layer: int, head: int) -> None:
        self.selected = (layer, head)
        self.update()

    def cell_at(self, point: QtCore.QPoint) -> tuple[int, int] | None:
        layers, heads = self.shape
        head = (point.x() - self.MARGIN) // self.CELL
        layer = (point.y() - self.MARGIN) // self.CELL
        if point.x() < self.MARGIN or point.y() < self.MARGIN or not (0 <= layer < layers and 0 <= head < heads):
            return None
        return int(layer), int(head)

    def cell_center(self, layer: int, head: int) -> QtCore.QPoint:
        return QtCore.QPoint(self.MARGIN + head * self.CELL + self.CELL // 2,
                             self.MARGIN + layer * self.CELL + self.CELL // 2)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            self.set_selected(*cell)
            self.chosen.emit(*cell)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        layers, _ = self.shape
        if not layers:
            painter.setPen(self.palette().color(QtGui.QPalette.WindowText))
            painter.drawText(self.rect(), Qt.AlignCenter, self.tr("Capture attention to see every layer and head here."))
            return
        if self._picture is None or self._picture.size() != self.size():
            self._picture = QtGui.QPixmap(self.size())
            self._picture.fill(Qt.transparent)
            grid = QtGui.QPainter(self._picture)
            self._draw_grid(grid)
            grid.end()
        painter.drawPixmap(0, 0, self._picture)
        if self.selected is not None:
            layer, head = self.selected
            painter.setPen(QtGui.QPen(QtGui.QColor("#e74c3c"), 3))
            painter.drawRect(QtCore.QRect(self.MARGIN + head * self.CELL + 1, self.MARGIN + layer * self.CELL + 1,
                                          self.CELL - 2, self.CELL - 2))

    def _draw_grid(self, painter: QtGui.QPainter) -> None:
        painter.setPen(self.palette().color(QtGui.QPalette.WindowText))
        layers, heads = self.shape
        for head in range(heads):
            painter.drawText(QtCore.QRect(self.MARGIN + head * self.CELL, 4, self.CELL, self.MARGIN - 6),
                             Qt.AlignCenter, f"H{head}")
        for layer in range(layers):
            painter.drawText(QtCore.QRect(0, self.MARGIN + layer * self.CELL, self.MARGIN - 4, self.CELL),
                             Qt.AlignRight | Qt.AlignVCenter, f"L{layer}")
            for head in range(heads):
                target = QtCore.QRect(self.MARGIN + head * self.CELL + 2, self.MARGIN + layer * self.CELL + 2,
                                      self.CELL - 4, self.CELL - 4)
                painter.drawImage(target, self.images[layer][head])


def render_view_to_file(view: AttentionView, path: str, diverging: bool = False) -> None:
    """Draw ``view`` offscreen and save it as PNG or SVG (used by the CLI)."""
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    i18n.install_pending(app)  # `workbench --lang zh_CN attention ...`: the axis titles in Chinese too
    heatmap = AttentionHeatmap()
    rows, columns = view.matrix.shape
    heatmap.resize(int(min(1800, max(700, 180 + 18 * columns))), int(min(1800, max(560, 120 + 16 * rows))))
    heatmap.show_view(view, diverging=diverging)
    app.processEvents()
    heatmap.export(path)
    heatmap.close()
    heatmap.deleteLater()
    app.processEvents()
