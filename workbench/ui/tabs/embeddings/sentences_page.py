"""The Embeddings tab's Sentences page, its widgets and layout: the texts (typed, the example or a file's
column), pooling, projection and clusters, then the 2D map with hover, a clicked point's neighbours and the
exports; and how a map is shown. The tab (``tab.py``) runs the jobs."""

from __future__ import annotations

import numpy as np

from workbench.core import embeddings as E
from workbench.ui.embedding_plot import ScatterMap
from workbench.ui.qt import Qt, QtWidgets
from workbench.ui.tabs.embeddings.jobs import TSNE_LIMIT
from workbench.ui.tabs.embeddings.result_widgets import ExportRow, placeholder
from workbench.ui.widgets.build import button, column, fill_row, row, splitter, table


class SentencesPage(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._build_inputs()
        self._build_map()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter(Qt.Horizontal, self._inputs(), self._results(), stretch=(1, 3), sizes=(300, 900)))
        self.show_columns(False)

    def _build_inputs(self) -> None:
        self.texts = QtWidgets.QPlainTextEdit()
        self.texts.setPlaceholderText(self.tr("Texts to map, one per line (or press Example, or load a .txt or "
                                              "CSV file)"))
        self.texts.setLineWrapMode(QtWidgets.QPlainTextEdit.NoWrap)
        self.example_button = button(self.tr("Example"), self.tr("80 short sentences on four topics: cooking, "
                                                                 "football, computers, weather"))
        self.load_button = button(self.tr("Load file…"), self.tr("A .txt file (one text per line) or a CSV/TSV "
                                                                 "column, with an optional label column"))
        self.column = QtWidgets.QComboBox()
        self.column.setToolTip(self.tr("The column holding the texts"))
        self.label_column = QtWidgets.QComboBox()
        self.label_column.setToolTip(self.tr("A column of labels to colour the points by"))
        self.pooling = QtWidgets.QComboBox()
        for value, text in (("auto", self.tr("the model's own (else mean)")), ("mean", self.tr("mean of tokens")),
                            ("cls", self.tr("first token (CLS)")), ("last", self.tr("last token")),
                            ("max", self.tr("max over tokens"))):
            self.pooling.addItem(text, value)
        self.pooling.setToolTip(self.tr("How the token vectors of a text become one vector"))
        self.projection = QtWidgets.QComboBox()
        self.projection.addItem(self.tr("PCA"), "pca")
        self.projection.addItem(self.tr("t-SNE"), "tsne")
        self.projection.setToolTip(self.tr("PCA: fast and faithful to large distances. t-SNE: keeps neighbours "
                                           "together, slower; above {n} texts it maps a stated random sample.")
                                   .format(n=f"{TSNE_LIMIT:,}"))
        self.clusters = QtWidgets.QSpinBox()
        self.clusters.setRange(0, E.MAX_CLUSTERS)
        self.clusters.setValue(0)
        self.clusters.setSpecialValueText(self.tr("no clusters"))
        self.clusters.setSuffix(self.tr(" clusters"))
        self.clusters.setToolTip(self.tr("k-means over the vectors (cosine); 0 for none"))
        self.colour_by = QtWidgets.QComboBox()
        self.colour_by.addItem(self.tr("colour by label"), "label")
        self.colour_by.addItem(self.tr("colour by cluster"), "cluster")
        self.map_button = button(self.tr("Embed and map"), self.tr("Embed every text with the model, then place "
                                                                   "them on a 2D map (Ctrl+Return)"),
                                 shortcut="Ctrl+Return")

    def _inputs(self) -> QtWidgets.QWidget:
        options = QtWidgets.QFormLayout()
        options.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.column_label = QtWidgets.QLabel(self.tr("Text column:"))
        self.label_column_label = QtWidgets.QLabel(self.tr("Labels:"))
        options.addRow(self.column_label, self.column)
        options.addRow(self.label_column_label, self.label_column)
        options.addRow(self.tr("Pooling:"), self.pooling)
        options.addRow(self.tr("Map:"), self.projection)
        options.addRow(self.tr("Clusters:"), self.clusters)
        options.addRow(self.tr("Colours:"), self.colour_by)
        buttons = row(self.example_button, self.load_button)
        buttons.addStretch(1)
        return column(buttons, (self.texts, 1), options, self.map_button)

    def _build_map(self) -> None:
        self.scatter = ScatterMap()
        self.map_empty = placeholder(self.tr("No analysis yet. Add texts (or press Example), then Embed and map: "
                                             "each text becomes one point, similar texts land close together."))
        self.map_stack = QtWidgets.QStackedWidget()
        self.map_stack.addWidget(self.map_empty)
        self.map_stack.addWidget(self.scatter)
        self.map_note = QtWidgets.QLabel()
        self.map_note.setWordWrap(True)
        self.hover = QtWidgets.QLabel(" ")
        self.hover.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.point_table = table([self.tr("#"), self.tr("Cosine"), self.tr("Label"), self.tr("Text")], 3)
        self.point_title = QtWidgets.QLabel(self.tr("Click a point to list its nearest neighbours."))
        self.point_title.setWordWrap(True)
        self.map_exports = ExportRow(("PNG", "SVG", "NPZ", "CSV"))

    def _results(self) -> QtWidgets.QSplitter:
        return splitter(Qt.Vertical, column(self.map_note, (self.map_stack, 1), self.hover),
                        column(self.point_title, (self.point_table, 1), self.map_exports), stretch=(3, 1),
                        sizes=(560, 200))

    # ---- showing --------------------------------------------------------------------------------
    def show_columns(self, visible: bool) -> None:
        for widget in (self.column, self.label_column, self.column_label, self.label_column_label):
            widget.setVisible(visible)

    def show_texts(self, texts: E.TextSet) -> None:
        """Texts read from a file, and for a table its columns (the chosen ones current)."""
        self.texts.setPlainText("\n".join(texts.texts))
        has_columns = bool(texts.columns)
        self.show_columns(has_columns)
        if not has_columns:
            return
        for combo, value, blank in ((self.column, texts.column, False), (self.label_column, texts.label_column, True)):
            combo.blockSignals(True)
            combo.clear()
            if blank:
                combo.addItem(self.tr("(none)"), "")
            for name in texts.columns:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def show_map(self, result) -> None:
        if result.labels is not None and result.clusters is None:
            self.colour_by.setCurrentIndex(0)
        elif result.labels is None and result.clusters is not None:
            self.colour_by.setCurrentIndex(1)
        self.scatter.mark([])  # a new map: nothing chosen yet
        self.draw_map(result)
        self.map_stack.setCurrentWidget(self.scatter)
        parts = [self.tr("{n} texts · pooling: {pooling}").format(n=f"{len(result.texts):,}",
                                                                  pooling=result.pooling.describe())]
        ev = result.projection.explained_variance
        if ev:
            parts.append(self.tr("PCA: the two axes explain {a:.1%} and {b:.1%} of the variance").format(a=ev[0],
                                                                                                       b=ev[1]))
        else:
            parts.append(self.tr("t-SNE: distances between far-apart groups mean little; neighbours do"))
        self.map_note.setText(" · ".join(parts) + ("\n" + " ".join(result.notes) if result.notes else ""))
        self.point_table.setRowCount(0)
        self.point_title.setText(self.tr("Click a point to list its nearest neighbours."))

    def draw_map(self, result) -> None:
        """The points coloured by cluster or label, as chosen (one colour when there are neither)."""
        if result is None:
            return
        by_cluster = self.colour_by.currentData() == "cluster"
        if by_cluster and result.clusters is not None:
            categories = result.clusters
            names = [self.tr("cluster {n}").format(n=c + 1) for c in range(int(categories.max()) + 1)]
        elif result.labels is not None and not by_cluster:
            names = sorted(set(result.labels))
            lookup = {name: i for i, name in enumerate(names)}
            categories = np.array([lookup[label] for label in result.labels], dtype=np.int32)
            names = [name or self.tr("(no label)") for name in names]
        else:
            categories = np.zeros(len(result.texts), dtype=np.int32)
            names = [self.tr("texts")]
        self.scatter.set_points(result.projection.xy, categories, names, result.texts)

    def show_hovered(self, result, index: int) -> None:
        if index < 0 or result is None:
            self.hover.setText(" ")
            return
        label = result.labels[index] if result.labels is not None else ""
        self.hover.setText(f"#{index + 1} " + (f"[{label}] " if label else "") + result.texts[index])

    def show_point(self, result, index: int, found: list[tuple[int, float]]) -> None:
        """Text ``index``'s nearest neighbours in the table, and ringed on the map."""
        rows = self.point_table
        rows.setRowCount(len(found))
        for r, (i, score) in enumerate(found):
            label = result.labels[i] if result.labels is not None else (
                self.tr("cluster {n}").format(n=int(result.clusters[i]) + 1) if result.clusters is not None else "")
            fill_row(rows, r, (str(i + 1), f"{score:.3f}", label, result.texts[i]), numbers=(0, 1))
        for c in (0, 1, 2):
            rows.resizeColumnToContents(c)
        self.scatter.mark([index] + [i for i, _ in found])
