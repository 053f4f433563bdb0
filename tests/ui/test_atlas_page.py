"""The Atlas page as a user drives it: build from a file, look around a map of a million points, select."""

import csv
import time

import numpy as np

from workbench.ui.heartbeat import Heartbeat


def test_a_file_becomes_an_atlas_to_search_click_select_and_export(qtbot, ctx, tiny, tmp_path):
    from workbench.ui.qt import QtCore, Qt
    from workbench.ui.tabs.embeddings.atlas_page import AtlasPage

    texts = [f"{'Cats purr and sleep' if i % 2 else 'Shares fell on the market'} (note {i})." for i in range(400)]
    source = tmp_path / "notes.txt"
    source.write_text("\n".join(texts), encoding="utf-8")
    page = AtlasPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.model.setText(str(tiny("bert")))
    page.clusters.setValue(2)
    # the model loaded and faiss imported first: a first import holds the GIL for a while on a busy machine,
    # and neither is this page's work
    ctx.service.load(str(tiny("bert")))
    import faiss  # noqa: F401

    beat = Heartbeat().start()
    page.new_from_file(str(source))
    qtbot.waitUntil(lambda: page.opened is not None and page.slot.job is None, timeout=120_000)
    assert beat.stop() < 1000
    assert page.opened.atlas.count == 400 and "400" in page.status.text() and page.map.mode == "points"
    assert page.legend.count() == 2 and page.query.isEnabled()
    page.pick(3)
    assert page.results.count() == 11 and "(note 3)" in page.results.item(0).text()
    assert "#" in page.results.item(1).text()
    page.query.setText("the stock market")
    page.search()
    qtbot.waitUntil(lambda: page.results.count() == 10 and not page.searches.job.running, timeout=60_000)
    assert all(page.results.item(i).data(Qt.UserRole) is not None for i in range(10))
    xy = page.opened.xy
    box = (xy[:, 0] >= np.median(xy[:, 0]))

    rect = QtCore.QRectF(float(np.median(xy[:, 0])), float(xy[:, 1].min()) - 1,
                         float(xy[:, 0].max() - np.median(xy[:, 0])) + 1, float(np.ptp(xy[:, 1])) + 2)
    page.map._box_selected(rect)
    assert set(page.selection.tolist()) == set(np.flatnonzero(box).tolist()) and page.export_button.isEnabled()
    out = tmp_path / "picked.csv"
    page.export_to(str(out))
    qtbot.waitUntil(lambda: out.exists() and page.slot.job is None, timeout=10_000)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(page.selection) and rows[0]["text"] == texts[int(rows[0]["index"])]
    page.open_atlas(str(tmp_path))  # not an atlas: said, and the open one stays
    qtbot.waitUntil(lambda: page.slot.job is None, timeout=10_000)
    assert "is not an atlas" in page.status.text() and page.opened is not None
    page.shutdown()


def test_a_million_points_shade_when_zoomed_out_and_become_points_when_zoomed_in(qtbot):
    from workbench.ui.density_map import POINTS_LIMIT, DensityMap, PreparedPoints
    from workbench.ui.qt import QtCore

    rng = np.random.default_rng(0)
    centres = rng.normal(scale=10, size=(30, 2))
    xy = (centres[rng.integers(0, 30, 1_000_000)] + rng.normal(size=(1_000_000, 2))).astype(np.float32)
    xy[:10] = np.nan  # left out of the layout (not in a t-SNE sample)
    clusters = rng.integers(0, 5, 1_000_000)
    view = DensityMap()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.show_points(PreparedPoints.make(xy, clusters))
    assert view.mode == "density" and view.shown == 999_990 and view.image.image is not None
    times = []
    for step in range(6):
        t0 = time.perf_counter()
        view.view.translateBy(x=0.5 * (1 if step % 2 else -1))
        view.grab()
        times.append(time.perf_counter() - t0)
    assert view.mode == "density" and np.median(times) < 0.5  # the bench measures the real figure
    x, y = (float(v) for v in xy[500])
    view.view.setRange(QtCore.QRectF(x - 0.05, y - 0.05, 0.1, 0.1), padding=0)
    assert view.mode == "points" and 0 < view.shown <= POINTS_LIMIT
    assert view.nearest(view.scene_position(500)) == 500
    picked = []
    view.selected.connect(picked.append)
    rect = QtCore.QRectF(x - 0.02, y - 0.02, 0.04, 0.04)
    view._box_selected(rect)
    inside = np.flatnonzero((xy[:, 0] >= rect.left()) & (xy[:, 0] <= rect.right()) & (xy[:, 1] >= rect.top())
                            & (xy[:, 1] <= rect.bottom()))
    assert picked[0].tolist() == inside.tolist() and 500 in picked[0].tolist()
