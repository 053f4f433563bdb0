"""A map for up to millions of points on a CPU: density shading while more than ``POINTS_LIMIT`` points are
in view, the points themselves (coloured by cluster or label, hover, click) once zoomed in, and Shift+drag
box selection. Every redraw touches only what is in view: points are kept sorted by x, so the visible ones
are a binary search and a mask away, and the zoomed-out density comes from a histogram made once."""

from __future__ import annotations

import numpy as np

from workbench.ui.embedding_plot import PALETTE
from workbench.ui.qt import QtCore, QtWidgets, Signal, pg

POINTS_LIMIT = 5_000  # at most this many points are drawn one by one (~10 ms); above, the view is shaded by density
MASK_LIMIT = 400_000  # up to this many points in the x range, those in view are counted (a few ms)
GRID = 2048  # the whole map's histogram (cells per side), cropped for zoomed-out views
SHADE_PIXELS = 3  # one density cell per this many screen pixels when computed from the points in view
HOVER_PIXELS = 8
POINT_SIZE = 5


def density_lut() -> np.ndarray:
    """White through light blue to dark blue, the darkest for the densest cells."""
    stops = np.array([[255, 255, 255], [198, 219, 239], [107, 174, 214], [33, 113, 181], [8, 48, 107]], float)
    at = np.linspace(0, len(stops) - 1, 256)
    lut = np.stack([np.interp(at, np.arange(len(stops)), stops[:, c]) for c in range(3)], axis=1)
    return lut.astype(np.uint8)


def shade_levels(grid: np.ndarray) -> list[np.ndarray]:
    """log(1 + count) of the whole-map histogram, then of it pooled 2x2, 4x4, ... down to 64 cells a side: a
    zoomed-out redraw crops the level nearest the screen's resolution instead of summing millions of cells."""
    levels = [np.log1p(grid)]
    while grid.shape[0] > 64:
        h, w = grid.shape[0] // 2 * 2, grid.shape[1] // 2 * 2
        grid = grid[:h, :w].reshape(h // 2, 2, w // 2, 2).sum(axis=(1, 3))
        levels.append(np.log1p(grid))
    return levels


class PreparedPoints:
    """The map's data in the order it is drawn from (sorted by x) and its whole-map shading at a few
    resolutions (``shade_levels``): made once, on any thread (plain numpy)."""

    def __init__(self, ids, xs, ys, categories, bounds, cell, shades):
        self.ids, self.xs, self.ys, self.categories = ids, xs, ys, categories
        self.bounds, self.cell, self.shades = bounds, cell, shades

    @classmethod
    def make(cls, xy: np.ndarray, categories: np.ndarray | None = None) -> "PreparedPoints":
        placed = np.flatnonzero(~np.isnan(xy).any(axis=1))
        order = placed[np.argsort(xy[placed, 0], kind="stable")]
        xs = np.ascontiguousarray(xy[order, 0], dtype=np.float32)
        ys = np.ascontiguousarray(xy[order, 1], dtype=np.float32)
        cats = None if categories is None else np.asarray(categories)[order]
        if not len(order):
            return cls(order, xs, ys, cats, (0.0, 1.0, 0.0, 1.0), 1.0, None)
        bounds = (float(xs[0]), float(xs[-1]), float(ys.min()), float(ys.max()))
        cell = max(bounds[1] - bounds[0], bounds[3] - bounds[2], 1e-9) / GRID
        ix = np.minimum(((xs - bounds[0]) / cell).astype(np.int64), GRID - 1)
        iy = np.minimum(((ys - bounds[2]) / cell).astype(np.int64), GRID - 1)
        grid = np.bincount(iy * GRID + ix, minlength=GRID * GRID).reshape(GRID, GRID).astype(np.float32)
        return cls(order, xs, ys, cats, bounds, cell, shade_levels(grid))


class _SelectingViewBox(pg.ViewBox):
    """Shift+drag draws a selection box instead of panning."""

    boxed = Signal(QtCore.QRectF)

    def __init__(self):
        super().__init__()
        self._box = QtWidgets.QGraphicsRectItem()
        self._box.setPen(pg.mkPen("#d62728", width=1, style=QtCore.Qt.DashLine))
        self._box.setBrush(pg.mkBrush(214, 39, 40, 30))
        self._box.setZValue(1e9)
        self._box.hide()
        self.addItem(self._box, ignoreBounds=True)

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() == QtCore.Qt.LeftButton and ev.modifiers() & QtCore.Qt.ShiftModifier:
            ev.accept()
            start, now = self.mapToView(ev.buttonDownPos()), self.mapToView(ev.pos())
            rect = QtCore.QRectF(start, now).normalized()
            self._box.setRect(rect)
            self._box.show()
            if ev.isFinish():
                self._box.hide()
                self.boxed.emit(rect)
            return
        super().mouseDragEvent(ev, axis)


class DensityMap(pg.PlotWidget):
    hovered = Signal(int)  # the point under the pointer, or -1
    clicked = Signal(int)
    selected = Signal(object)  # np.ndarray of point indices inside a Shift+drag box

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        self.view = _SelectingViewBox()
        super().__init__(parent, background="w", viewBox=self.view)
        self.plot = self.getPlotItem()
        self.plot.setAspectLocked(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("#333")
            self.plot.getAxis(axis).setPen("#999")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(density_lut())
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self._brushes = np.array([pg.mkBrush(colour) for colour in PALETTE], dtype=object)
        self.points = pg.ScatterPlotItem(size=POINT_SIZE, pen=None, antialias=False)
        self.plot.addItem(self.points)
        self.marker = pg.ScatterPlotItem(size=POINT_SIZE + 8, pen=pg.mkPen("#d62728", width=2), brush=None)
        self.marker.setZValue(10)
        self.plot.addItem(self.marker)
        self.view.boxed.connect(self._box_selected)
        self.view.sigRangeChanged.connect(self._redraw)
        self.scene().sigMouseMoved.connect(self._moved)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.mode = "empty"  # "density" | "points" | "empty": what the last redraw drew
        self.shown = 0  # points in view at the last redraw
        self.clear_points()

    # ---- data ---------------------------------------------------------------------------------
    def clear_points(self) -> None:
        self.xs = self.ys = np.zeros(0, np.float32)
        self.ids = np.zeros(0, np.int64)
        self.categories: np.ndarray | None = None
        self.shades = None
        self.points.clear()
        self.image.clear()
        self.marker.clear()
        self.mode, self.shown = "empty", 0

    def set_points(self, xy: np.ndarray, categories: np.ndarray | None = None) -> None:
        """``xy`` (n, 2), NaN rows left out; ``categories`` (n,) small ints for colours, or None. For a
        million points, make the ``PreparedPoints`` on a worker and call ``show_points``."""
        self.show_points(PreparedPoints.make(xy, categories))

    def show_points(self, prepared: "PreparedPoints") -> None:
        if not len(prepared.ids):
            self.clear_points()
            return
        self.ids, self.xs, self.ys, self.categories = prepared.ids, prepared.xs, prepared.ys, prepared.categories
        self.bounds, self.cell, self.shades = prepared.bounds, prepared.cell, prepared.shades
        x0, x1, y0, y1 = self.bounds
        self.view.blockSignals(True)
        self.view.setRange(QtCore.QRectF(x0, y0, x1 - x0 or 1, y1 - y0 or 1), padding=0.02)
        self.view.blockSignals(False)
        self._redraw()

    # ---- drawing ------------------------------------------------------------------------------
    def visible(self) -> np.ndarray:
        """Positions (into the sorted arrays) of the points in view."""
        (x0, x1), (y0, y1) = self.view.viewRange()
        a, b = self._x_range(x0, x1)
        ys = self.ys[a:b]
        return a + np.flatnonzero((ys >= y0) & (ys <= y1))

    def _x_range(self, x0: float, x1: float) -> tuple[int, int]:
        # needles of the array's own dtype: float64 ones would make numpy convert all the sorted xs each call
        a, b = np.searchsorted(self.xs, np.array([x0, x1], dtype=self.xs.dtype))
        return int(a), int(b)

    def _redraw(self, *_) -> None:
        if self.shades is None:
            return
        (x0, x1), (y0, y1) = self.view.viewRange()
        a, b = self._x_range(x0, x1)
        if b - a <= MASK_LIMIT:  # few enough in the x range to count exactly what is in view
            ys = self.ys[a:b]
            inside = a + np.flatnonzero((ys >= y0) & (ys <= y1))
            if len(inside) <= POINTS_LIMIT:
                self._draw_points(inside)
                return
        self._draw_density(x0, x1, y0, y1, a, b)

    def _draw_density(self, x0, x1, y0, y1, a, b) -> None:
        bx0, _, by0, _ = self.bounds
        cells_wanted = max(1, self.view.width()) / SHADE_PIXELS
        if (x1 - x0) / self.cell >= cells_wanted:  # zoomed out: crop the finest pooled level still fine enough
            level = 0
            while level + 1 < len(self.shades) and (x1 - x0) / (self.cell * 2 ** (level + 1)) >= cells_wanted:
                level += 1
            shade, cell = self.shades[level], self.cell * 2 ** level
            side = shade.shape[0]
            c0, c1 = (int(np.clip(v, 0, side)) for v in ((x0 - bx0) / cell, np.ceil((x1 - bx0) / cell)))
            r0, r1 = (int(np.clip(v, 0, side)) for v in ((y0 - by0) / cell, np.ceil((y1 - by0) / cell)))
            shade = shade[r0:r1, c0:c1]
            rect = QtCore.QRectF(bx0 + c0 * cell, by0 + r0 * cell, (c1 - c0) * cell or 1, (r1 - r0) * cell or 1)
        else:  # zoomed in but still crowded: a histogram of the points in view, at screen resolution
            nx = int(cells_wanted)
            ny = max(1, int(nx * (y1 - y0) / max(x1 - x0, 1e-12)))
            xs, ys = self.xs[a:b], self.ys[a:b]
            keep = (ys >= y0) & (ys < y1)
            ix = ((xs[keep] - x0) * (nx / (x1 - x0))).astype(np.int64)
            iy = ((ys[keep] - y0) * (ny / (y1 - y0))).astype(np.int64)
            np.clip(ix, 0, nx - 1, out=ix)
            np.clip(iy, 0, ny - 1, out=iy)
            shade = np.log1p(np.bincount(iy * nx + ix, minlength=nx * ny).reshape(ny, nx).astype(np.float32))
            rect = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
        self.points.hide()
        top = float(shade.max()) if shade.size else 0.0
        self.image.setImage(shade, levels=(0, max(1e-6, top)), autoLevels=False)
        self.image.setRect(rect)
        self.image.show()
        self.mode, self.shown = "density", int(b - a)

    def _draw_points(self, inside: np.ndarray) -> None:
        self.image.hide()
        # one item for every colour, its data replaced: making and removing items per redraw costs ~3 ms each
        brush = self._brushes[0] if self.categories is None else \
            self._brushes[self.categories[inside].astype(np.int64) % len(self._brushes)]
        self.points.setData(self.xs[inside], self.ys[inside], brush=brush)
        self.points.show()
        self.mode, self.shown = "points", len(inside)

    # ---- pointing -----------------------------------------------------------------------------
    def nearest(self, scene_pos: QtCore.QPointF) -> int:
        """The point (original index) within ``HOVER_PIXELS`` of ``scene_pos``, or -1."""
        if not len(self.xs) or self.mode != "points":
            return -1
        at = self.view.mapSceneToView(scene_pos)
        px = self.view.viewPixelSize()
        rx = HOVER_PIXELS * px[0]
        a, b = self._x_range(at.x() - rx, at.x() + rx)
        if a == b:
            return -1
        dx = (self.xs[a:b] - at.x()) / px[0]
        dy = (self.ys[a:b] - at.y()) / px[1]
        d = dx * dx + dy * dy
        best = int(np.argmin(d))
        return int(self.ids[a + best]) if d[best] <= HOVER_PIXELS ** 2 else -1

    def scene_position(self, index: int) -> QtCore.QPointF:
        where = int(np.flatnonzero(self.ids == index)[0])
        return self.view.mapViewToScene(QtCore.QPointF(float(self.xs[where]), float(self.ys[where])))

    def mark(self, index: int) -> None:
        where = np.flatnonzero(self.ids == index)
        self.marker.setData([float(self.xs[w]) for w in where], [float(self.ys[w]) for w in where])

    def zoom_to(self, index: int, span: float | None = None) -> None:
        where = int(np.flatnonzero(self.ids == index)[0])
        span = span or max(self.bounds[1] - self.bounds[0], self.bounds[3] - self.bounds[2]) / 50
        x, y = float(self.xs[where]), float(self.ys[where])
        self.view.setRange(QtCore.QRectF(x - span / 2, y - span / 2, span, span), padding=0)

    def _moved(self, pos) -> None:
        self.hovered.emit(self.nearest(pos))

    def _clicked(self, event) -> None:
        if event.button() == QtCore.Qt.LeftButton and not event.modifiers() & QtCore.Qt.ShiftModifier:
            index = self.nearest(event.scenePos())
            if index >= 0:
                self.clicked.emit(index)

    def _box_selected(self, rect: QtCore.QRectF) -> None:
        a, b = self._x_range(rect.left(), rect.right())
        ys = self.ys[a:b]
        inside = a + np.flatnonzero((ys >= rect.top()) & (ys <= rect.bottom()))
        self.selected.emit(np.sort(self.ids[inside]))

    def grab_png(self, path: str) -> None:
        self.grab().save(path)
