"""Embedding pictures: the 2D map of many texts (pyqtgraph scatter, one item per colour, hover and
click through a k-d tree rather than per-point items), a labelled similarity matrix, the layer-by-layer
similarity lines, and PNG/SVG export that also works offscreen."""

from __future__ import annotations

import numpy as np

from workbench.ui.attention_plot import TokenAxis
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Signal, pg

# Distinct colours readable on white (Tableau 10, then 10 lighter/darker companions).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7",
           "#dbdb8d", "#9edae5")
LEGEND_ENTRIES = 12
HOVER_PIXELS = 10
POINT_SIZE = 7


def export_scene(widget: pg.GraphicsView, item, path: str, title: str = "") -> None:
    """PNG (pyqtgraph's exporter, twice the on-screen width) or SVG (Qt's generator: pyqtgraph 0.14's
    SVG exporter fails on the paths Qt 6.12 writes) of ``item`` in ``widget``'s scene."""
    if str(path).lower().endswith(".svg"):
        from workbench.ui.qt import QtSvg

        source = item.sceneBoundingRect()
        generator = QtSvg.QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QtCore.QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(title)
        painter = QtGui.QPainter(generator)
        try:
            widget.scene().render(painter, QtCore.QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()
        return
    exporter = pg.exporters.ImageExporter(item)
    exporter.parameters()["width"] = max(800, int(item.sceneBoundingRect().width()) * 2)
    exporter.export(str(path))


class ScatterMap(pg.PlotWidget):
    """Many points coloured by category, with a legend; hover names the nearest point, a click picks it."""

    hovered = Signal(int)  # index of the point under the pointer, or -1
    clicked = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent, background="w")
        self.plot = self.getPlotItem()
        self.plot.setAspectLocked(True)  # a map: one unit is as long across as up
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("#333")
            self.plot.getAxis(axis).setPen("#999")
        self.legend = self.plot.addLegend(offset=(8, 8), labelTextColor="#222", brush=pg.mkBrush(255, 255, 255, 210),
                                          pen=pg.mkPen("#bbb"))
        self.items: list[pg.ScatterPlotItem] = []
        self.marks = pg.ScatterPlotItem(pxMode=True, size=POINT_SIZE + 7, pen=pg.mkPen("#111", width=2),
                                        brush=None, symbol="o")
        self.marks.setZValue(10)
        self.plot.addItem(self.marks)
        self.tip = pg.TextItem(color="#111", fill=pg.mkBrush(255, 255, 224, 235), border=pg.mkPen("#999"),
                               anchor=(0, 1))
        self.tip.setZValue(20)
        self.tip.hide()
        self.plot.addItem(self.tip, ignoreBounds=True)
        self.xy = np.zeros((0, 2), dtype=np.float32)
        self.texts: list[str] = []
        self.visible = np.zeros(0, dtype=np.int64)  # indices with coordinates (t-SNE samples leave some out)
        self.tree = None
        self.hover_index = -1
        self.marked: list[int] = []
        self.scene().sigMouseMoved.connect(self._moved)
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_points(self, xy: np.ndarray, categories: np.ndarray, names: list[str], texts: list[str]) -> None:
        """``categories[i]`` indexes ``names``; each category is one scatter item with one brush."""
        from scipy.spatial import cKDTree

        marked = self.marked if len(xy) == len(self.xy) else []
        self.clear_points()
        self.xy = np.asarray(xy, dtype=np.float64)
        self.texts = list(texts)
        self.visible = np.flatnonzero(~np.isnan(self.xy).any(axis=1))
        categories = np.asarray(categories)
        self.legend.clear()
        for c, name in enumerate(names):
            rows = self.visible[categories[self.visible] == c]
            if not len(rows):
                continue
            colour = QtGui.QColor(PALETTE[c % len(PALETTE)])
            item = pg.ScatterPlotItem(x=self.xy[rows, 0], y=self.xy[rows, 1], pxMode=True, size=POINT_SIZE,
                                      pen=None, brush=pg.mkBrush(colour), symbol="o", hoverable=False)
            self.plot.addItem(item)
            self.items.append(item)
            if c < LEGEND_ENTRIES:
                self.legend.addItem(item, f"{name} ({len(rows)})")
        if len(names) > LEGEND_ENTRIES:
            self.legend.addItem(pg.PlotDataItem(), QtCore.QCoreApplication.translate(
                "ScatterMap", "… and {n} more").format(n=len(names) - LEGEND_ENTRIES))
        self.tree = cKDTree(self.xy[self.visible]) if len(self.visible) else None
        self.mark(marked)  # recolouring the same points keeps the chosen ones ringed
        self.plot.enableAutoRange()
        self.plot.autoRange(padding=0.05)

    def clear_points(self) -> None:
        for item in self.items:
            self.plot.removeItem(item)
        self.items = []
        self.legend.clear()
        self.marks.clear()
        self.tip.hide()
        self.tree = None
        self.hover_index = -1

    @property
    def point_count(self) -> int:
        return sum(len(item.data) for item in self.items)

    def mark(self, indices: list[int]) -> None:
        """Ring these points (the chosen one and its neighbours)."""
        rows = [i for i in indices if 0 <= i < len(self.xy) and not np.isnan(self.xy[i]).any()]
        self.marked = rows
        self.marks.setData(x=self.xy[rows, 0], y=self.xy[rows, 1]) if rows else self.marks.clear()

    def nearest(self, scene_pos) -> int:
        """The point within a few pixels of ``scene_pos`` (a scene position), or -1."""
        if self.tree is None or not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return -1
        point = self.plot.vb.mapSceneToView(scene_pos)
        distance, k = self.tree.query([point.x(), point.y()])
        pixel = self.plot.vb.viewPixelSize()[0] or 1.0
        return int(self.visible[k]) if distance / pixel <= HOVER_PIXELS else -1

    def scene_position(self, index: int) -> QtCore.QPointF:
        return self.plot.vb.mapViewToScene(QtCore.QPointF(float(self.xy[index, 0]), float(self.xy[index, 1])))

    def hover_text(self) -> str:
        return self.texts[self.hover_index] if self.hover_index >= 0 else ""

    def _moved(self, scene_pos) -> None:
        index = self.nearest(scene_pos)
        if index == self.hover_index:
            return
        self.hover_index = index
        if index < 0:
            self.tip.hide()
        else:
            text = self.texts[index]
            self.tip.setText(text if len(text) <= 90 else text[:89] + "…")
            # open towards the middle of the view so that the text is not cut at an edge
            (left, right), (bottom, top) = self.plot.vb.viewRange()
            x, y = float(self.xy[index, 0]), float(self.xy[index, 1])
            self.tip.setAnchor((1 if x > (left + right) / 2 else 0, 0 if y > (bottom + top) / 2 else 1))
            self.tip.setPos(x, y)
            self.tip.show()
        self.hovered.emit(index)

    def _clicked(self, event) -> None:
        index = self.nearest(event.scenePos())
        if index >= 0:
            self.clicked.emit(index)

    def export(self, path: str) -> None:
        self.tip.hide()
        export_scene(self, self.plot, path, "embedding map")


class MatrixPlot(pg.GraphicsLayoutWidget):
    """A labelled square matrix of cosine similarities with a colour bar and a hover read-out."""

    hovered = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None, caption: str = "cosine similarity",
                 colour_map: str = "CET-D1"):
        super().__init__(parent)
        self.setBackground("w")
        self.left_axis = TokenAxis("left")
        self.bottom_axis = TokenAxis("bottom")
        self.plot = self.addPlot(row=0, col=0, axisItems={"left": self.left_axis, "bottom": self.bottom_axis})
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("k")
            self.plot.getAxis(axis).setPen("k")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=colour_map, interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.getAxis("right").setTextPen("k")
        self.colorbar.getAxis("right").setLabel(caption, color="#222")
        self.matrix: np.ndarray | None = None
        self.labels: list[str] = []
        self.scene().sigMouseMoved.connect(self._moved)

    def set_matrix(self, matrix: np.ndarray, labels: list[str], levels: tuple[float, float] = (-1.0, 1.0)) -> None:
        self.matrix = np.asarray(matrix, dtype=np.float32)
        self.labels = list(labels)
        self.image.setImage(self.matrix, levels=levels, autoLevels=False)
        self.colorbar.setLevels(levels)
        self.left_axis.set_labels(self.labels)
        self.bottom_axis.set_labels(self.labels)
        # the axis would size itself to its labels only after a first paint, dropping the long ones
        metrics = QtGui.QFontMetrics(self.left_axis.style.get("tickFont") or QtGui.QFont())
        self.left_axis.setWidth(max((metrics.horizontalAdvance(label[:12]) for label in self.labels), default=0) + 16)
        n = len(labels)
        self.plot.setRange(xRange=(0, n), yRange=(0, n), padding=0)

    def _moved(self, scene_pos) -> None:
        if self.matrix is None or not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            self.hovered.emit("")
            return
        point = self.plot.vb.mapSceneToView(scene_pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        n = len(self.labels)
        if 0 <= row < n and 0 <= col < n:
            self.hovered.emit(f"{self.labels[row]} ↔ {self.labels[col]}: {self.matrix[row, col]:.4f}")
        else:
            self.hovered.emit("")

    def export(self, path: str) -> None:
        export_scene(self, self.ci, path, "similarity")


class LayerLines(pg.PlotWidget):
    """One line per pair of sentences: the word's cosine similarity at every layer; a movable marker
    chooses the layer shown in the matrix."""

    layer_chosen = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent, background="w")
        self.plot = self.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("#333")
            self.plot.getAxis(axis).setPen("#999")
        # bottom left: the lines start near 1 at layer 0, so that corner is usually empty
        self.legend = self.plot.addLegend(offset=(8, -8), labelTextColor="#222",
                                          brush=pg.mkBrush(255, 255, 255, 210), pen=pg.mkPen("#bbb"))
        self.marker = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#444", width=1, style=QtCore.Qt.DashLine))
        self.marker.sigPositionChangeFinished.connect(self._marker_moved)
        self.plot.addItem(self.marker)
        self.lines: list[pg.PlotDataItem] = []
        self.layers = 0

    def set_lines(self, similarity: np.ndarray, pair_names: list[tuple[int, int]], title: str,
                  axis_label: str) -> None:
        for line in self.lines:
            self.plot.removeItem(line)
        self.legend.clear()
        self.lines = []
        self.layers = similarity.shape[0]
        x = np.arange(self.layers)
        for k, (a, b) in enumerate(pair_names):
            pen = pg.mkPen(PALETTE[k % len(PALETTE)], width=2)
            line = self.plot.plot(x, similarity[:, a, b], pen=pen, symbol="o", symbolSize=5,
                                  symbolBrush=PALETTE[k % len(PALETTE)], symbolPen=None, name=f"{a + 1} ↔ {b + 1}")
            self.lines.append(line)
        step = max(1, self.layers // 12)
        self.plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(0, self.layers, step)]])
        self.plot.setLabel("bottom", axis_label, color="#333")
        self.plot.setTitle(title, color="#222", size="10pt")
        low = float(np.nanmin(similarity)) if similarity.size else 0.0
        self.plot.setRange(xRange=(0, max(1, self.layers - 1)), yRange=(low - 0.05 * (1.0 - low), 1.0), padding=0.04)
        self.marker.setBounds((0, max(0, self.layers - 1)))
        self.marker.setValue(self.layers - 1)

    def _marker_moved(self) -> None:
        layer = round(self.marker.value())
        self.marker.setValue(layer)
        self.layer_chosen.emit(layer)

    def export(self, path: str) -> None:
        export_scene(self, self.plot, path, "similarity by layer")
