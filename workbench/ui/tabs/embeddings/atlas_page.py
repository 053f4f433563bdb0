"""The Embeddings tab's Atlas page: maps of many texts (up to millions). Build one from a file (embedded in
resumable chunks, indexed, laid out, clustered; Stop and Build again continue), open it again at once,
pan and zoom (density, then points), hover and click texts, search by meaning, Shift+drag to select."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workbench.core import paths
from workbench.core.units import human_seconds
from workbench.ui.density_map import DensityMap, PreparedPoints
from workbench.ui.embedding_plot import PALETTE
from workbench.ui.qt import QtGui, QtWidgets, Qt
from workbench.ui.widgets.build import add, button, column, line_edit, row
from workbench.ui.workers import JobSlot, LatestRequest

SHOWN_SELECTION = 1000  # texts listed for a selection (all of them are exported)
DEFAULT_MODEL = "all-minilm-l6-v2"


def atlases_dir() -> Path:
    return paths.data_dir() / "atlases"


def open_for_view(folder: str):
    """Worker job: read an atlas and prepare its map for drawing (sorting a million points takes a moment)."""
    from workbench.core.atlas.view import read_atlas

    opened = read_atlas(folder)
    return opened, PreparedPoints.make(opened.xy, opened.clusters)


def read_texts_job(path: str, column: str | None):
    from workbench.core.embeddings.texts import read_texts

    return read_texts(path, column or None, None, guess_label=True)


class AtlasPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.opened = None
        self.folder: Path | None = None
        self.pending_texts = None  # texts read from a file, waiting to be built into a new atlas
        self.selection = np.zeros(0, np.int64)
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.build_button, self.new_button,
                                                                                  self.open_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)
        self.searches = LatestRequest(ctx.pool)
        self._sync()

    def _build(self) -> None:
        top = self._toolbar()
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.status = QtWidgets.QLabel(self.tr("Build an atlas from a file of texts, or open one you built before."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.map = DensityMap()
        self.map.hovered.connect(self._hovered)
        self.map.clicked.connect(self.pick)
        self.map.selected.connect(self.show_selection)
        self.hover_label = QtWidgets.QLabel(self.tr("Zoom in to see single texts; Shift+drag to select."))
        self.hover_label.setWordWrap(True)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(column((self.map, 1), self.hover_label))
        splitter.addWidget(self._side())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 330])
        add(QtWidgets.QVBoxLayout(self), top, self.progress, self.status, (splitter, 1))

    def _toolbar(self) -> QtWidgets.QHBoxLayout:
        self.new_button = button(self.tr("New atlas from a file…"), self.tr("A .txt (one text per line) or a "
                                                                           "CSV/TSV/JSONL column; up to millions of "
                                                                           "texts"), self.choose_file)
        self.open_button = button(self.tr("Open atlas…"), clicked=self.choose_atlas)
        self.model = QtWidgets.QLineEdit(DEFAULT_MODEL)
        self.model.setToolTip(self.tr("The sentence-embedding model (a library name)"))
        self.model.setMaximumWidth(180)
        self.model.setMinimumWidth(130)
        self.projection = QtWidgets.QComboBox()
        self.projection.addItem(self.tr("PCA (any size, seconds)"), "pca")
        self.projection.addItem(self.tr("t-SNE (neighbourhoods, minutes)"), "tsne")
        self.max_points = QtWidgets.QSpinBox(minimum=100, maximum=1_000_000, value=100_000, singleStep=10_000)
        self.max_points.setPrefix(self.tr("t-SNE sample "))
        self.max_points.setToolTip(self.tr("t-SNE places at most this many texts (a seeded sample); PCA places all"))
        self.clusters = QtWidgets.QSpinBox(minimum=0, maximum=200, value=12)
        self.clusters.setPrefix(self.tr("clusters "))
        self.clusters.setSpecialValueText(self.tr("no clusters"))
        self.build_button = button(self.tr("Build"), self.tr("Build the new atlas, or continue the open one where "
                                                             "it stopped"), self.start_build)
        self.stop_button = button(self.tr("Stop"), self.tr("Stop: what is embedded stays on disk; Build continues "
                                                           "from there"), lambda: self.slot.stop())
        top = row(self.new_button, self.open_button, QtWidgets.QLabel(self.tr("Model")), self.model, self.projection,
                  self.max_points, self.clusters, self.build_button, self.stop_button)
        top.addStretch(1)
        return top

    def _side(self) -> QtWidgets.QTabWidget:
        """Nearest (search by meaning), Clusters (the legend) and Selection (with its export)."""
        self.query = line_edit(placeholder=self.tr("Search by meaning…"), entered=self.search)
        self.results = QtWidgets.QListWidget()
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(lambda item: self.pick(item.data(Qt.UserRole), zoom=True))
        self.results.itemClicked.connect(lambda item: self.pick(item.data(Qt.UserRole), zoom=True))
        self.legend = QtWidgets.QListWidget()
        self.selection_label = QtWidgets.QLabel(self.tr("Nothing selected (Shift+drag on the map)."))
        self.selection_label.setWordWrap(True)
        self.selection_list = QtWidgets.QListWidget()
        self.export_button = button(self.tr("Export selection…"), clicked=self.export)
        search_page = QtWidgets.QWidget()
        add(QtWidgets.QVBoxLayout(search_page), self.query, (self.results, 1))
        selection_page = QtWidgets.QWidget()
        add(QtWidgets.QVBoxLayout(selection_page), self.selection_label, (self.selection_list, 1), self.export_button)
        self.side = QtWidgets.QTabWidget()
        self.side.addTab(search_page, self.tr("Nearest"))
        self.side.addTab(self.legend, self.tr("Clusters"))
        self.side.addTab(selection_page, self.tr("Selection"))
        self.side.setMinimumWidth(260)  # the cluster names and the nearest texts stay readable
        return self.side

    def _sync(self) -> None:
        self.export_button.setEnabled(len(self.selection) > 0)
        self.query.setEnabled(self.opened is not None)

    # ---- building ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Texts for a new atlas"), "", self.tr(
            "Texts (*.txt *.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.new_from_file(path)

    def new_from_file(self, path: str, column: str | None = None) -> None:
        """Read the texts on a worker, then build them into a new folder under the atlases folder."""
        def read(texts):
            self.pending_texts = texts
            stem = Path(path).stem
            folder, n = atlases_dir() / stem, 1
            while (folder / "atlas.json").exists():
                n += 1
                folder = atlases_dir() / f"{stem}-{n}"
            self.folder = folder
            self.start_build()

        self.slot.submit(read_texts_job, path, column, name="atlas-read", busy=self.tr("Reading {name}…").format(
            name=Path(path).name), on_success=read)

    def choose_atlas(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Open an atlas folder"), str(atlases_dir()))
        if folder:
            self.open_atlas(folder)

    def start_build(self) -> None:
        from workbench.core.atlas.build import build_atlas

        if self.folder is None:
            self.status.setText(self.tr("⚠ Choose a file of texts first (New atlas from a file…), or open an atlas."))
            return
        texts = self.pending_texts
        self.pending_texts = None
        self.slot.submit(
            build_atlas, self.ctx.service, self.model.text().strip() or DEFAULT_MODEL, self.folder,
            texts.texts if texts else None, texts.labels if texts else None, self.projection.currentData(),
            self.clusters.value(), self.max_points.value(), name="atlas-build",
            busy=self.tr("Building the atlas in {folder}…").format(folder=self.folder),
            on_success=lambda atlas: self.open_atlas(str(atlas.folder)))

    # ---- viewing -----------------------------------------------------------------------------
    def open_atlas(self, folder: str) -> None:
        self.folder = Path(folder)
        self.slot.submit(open_for_view, folder, name="atlas-open", busy=self.tr("Opening {folder}…").format(
            folder=folder), on_success=lambda result: self.show_atlas(*result))

    def show_atlas(self, opened, prepared: PreparedPoints) -> None:
        self.opened = opened
        self.map.show_points(prepared)
        meta = opened.atlas.meta
        layout = meta.get("layout", {})
        seconds = meta.get("seconds", {})
        self.status.setText(self.tr(
            "<b>{n}</b> texts, {model}, {projection}: the map keeps {kept:.0%} of each text's 10 nearest neighbours; "
            "index recall@10 {recall:.0%}. Built in {time}.").format(
            n=f"{opened.atlas.count:,}", model=meta.get("model"), projection=layout.get("settings", {}).get(
                "projection", "?").upper(), kept=layout.get("knn_preservation", 0.0),
            recall=opened.index.recall or 0.0, time=human_seconds(sum(seconds.values()))))
        self.legend.clear()
        sizes = meta.get("clusters", {}).get("sizes", [])
        for cluster, terms in sorted(opened.cluster_terms().items()):
            item = QtWidgets.QListWidgetItem(f"{', '.join(terms)}  ({sizes[cluster]:,})" if cluster < len(sizes)
                                             else ", ".join(terms))
            swatch = QtGui.QPixmap(12, 12)
            swatch.fill(QtGui.QColor(PALETTE[cluster % len(PALETTE)]))
            item.setIcon(QtGui.QIcon(swatch))
            self.legend.addItem(item)
        self.selection = np.zeros(0, np.int64)
        self.selection_list.clear()
        self._sync()

    def _hovered(self, index: int) -> None:
        if index < 0 or self.opened is None:
            return
        text = self.opened.atlas.texts([index])[0]
        self.hover_label.setText(f"#{index}: {text[:300]}")

    def pick(self, index: int, zoom: bool = False) -> None:
        """Mark text ``index`` and list its nearest texts (from the index)."""
        if self.opened is None or index is None or index < 0:
            return
        if zoom and not np.isnan(self.opened.xy[index]).any():
            self.map.zoom_to(index)
        self.map.mark(index)
        text = self.opened.atlas.texts([index])[0]
        self.results.clear()
        head = QtWidgets.QListWidgetItem(self.tr("#{i}: {text}").format(i=index, text=text[:300]))
        head.setFont(QtGui.QFont(head.font().family(), -1, QtGui.QFont.Bold))
        self.results.addItem(head)
        for j, score, neighbour in self.opened.neighbours(index, 10):
            self._add_hit(j, score, neighbour)
        self.side.setCurrentIndex(0)

    def _add_hit(self, index: int, score: float, text: str) -> None:
        item = QtWidgets.QListWidgetItem(f"{score:.3f}  #{index}  {text[:300]}")
        item.setData(Qt.UserRole, index)
        self.results.addItem(item)

    def search(self) -> None:
        from workbench.core.atlas.view import search_atlas

        if self.opened is None:
            return

        def found(hits):
            self.results.clear()
            for index, score, text in hits:
                self._add_hit(index, score, text)
            if hits:
                self.map.mark(hits[0][0])

        self.searches.submit(search_atlas, self.ctx.service, self.opened, self.query.text(), 10, name="atlas-search",
                             on_success=found, on_error=lambda info: self.status.setText(
                                 self.tr("⚠ {message} {hint}").format(message=info.message, hint=info.hint)))

    def show_selection(self, indices: np.ndarray) -> None:
        if self.opened is None:
            return
        self.selection = indices
        self.selection_label.setText(self.tr("{n} texts selected.").format(n=f"{len(indices):,}") + (
            self.tr(" The first {k} are listed; Export writes them all.").format(k=SHOWN_SELECTION)
            if len(indices) > SHOWN_SELECTION else ""))
        self.selection_list.clear()
        for i, text in zip(indices[:SHOWN_SELECTION], self.opened.atlas.texts(list(map(int, indices[:SHOWN_SELECTION])))):
            self.selection_list.addItem(f"#{int(i)}  {text[:200]}")
        self.side.setCurrentIndex(2)
        self._sync()

    def export(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export the selection"), "selection.csv",
                                                        self.tr("CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from workbench.core.atlas.view import export_selection

        self.slot.submit(export_selection, self.opened, self.selection, path, name="atlas-export",
                         on_success=lambda n: self.status.setText(self.tr("Wrote {n} texts to {path}.").format(
                             n=f"{n:,}", path=path)))

    def shutdown(self) -> None:
        self.slot.shutdown()
