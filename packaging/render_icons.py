"""Render the SVG application icon to the PNG sizes desktops and installers ask for.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen python packaging/render_icons.py``.
The PNGs are committed; run this again only after changing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "workbench" / "resources" / "icons"
SVG = ICON_DIR / "workbench.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICON_DIR / f"workbench-{size}.png"


def render(sizes: tuple[int, ...] = SIZES) -> list[Path]:
    from PySide6 import QtCore, QtGui, QtSvg

    _app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(sys.argv[:1])
    renderer = QtSvg.QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    written = []
    for size in sizes:
        image = QtGui.QImage(size, size, QtGui.QImage.Format_ARGB32_Premultiplied)
        image.fill(QtCore.Qt.transparent)
        painter = QtGui.QPainter(image)
        painter.setRenderHint(QtGui.QPainter.Antialiasing)
        renderer.render(painter, QtCore.QRectF(0, 0, size, size))
        painter.end()
        if not image.save(str(png_path(size))):
            raise SystemExit(f"could not write {png_path(size)}")
        written.append(png_path(size))
    return written


if __name__ == "__main__":
    for path in render():
        print(path)
