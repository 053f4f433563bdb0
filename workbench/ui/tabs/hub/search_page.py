"""The Models tab's Search page: Hugging Face Hub search, a model's page (files, licence, card) and its fit
verdict; everything fetched on workers through ``ctx.pool``."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass

from workbench.core import hub
from workbench.core.units import human_bytes, human_count
from workbench.ui.errors import ErrorBanner
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.tabs.hub.downloads import DownloadsController
from workbench.ui.widgets.build import column, splitter
from workbench.ui.workers import LatestRequest

PAGE_SIZE = 30
SORT_LABELS = ((QtCore.QT_TRANSLATE_NOOP("HubPages", "Most downloads"), "downloads"),
               (QtCore.QT_TRANSLATE_NOOP("HubPages", "Most likes"), "likes"),
               (QtCore.QT_TRANSLATE_NOOP("HubPages", "Recently updated"), "updated"))
RESULT_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("HubPages", "Model"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Downloads"),
                  QtCore.QT_TRANSLATE_NOOP("HubPages", "Likes"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Size"),
                  QtCore.QT_TRANSLATE_NOOP("HubPages", "Licence"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Gated"),
                  QtCore.QT_TRANSLATE_NOOP("HubPages", "Task"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Updated"))
VERDICT_COLOURS = {"fits": "#1e8449", "tight": "#b9770e", "will not fit": "#c0392b"}
VERDICTS = {"fits": QtCore.QT_TRANSLATE_NOOP("HubPages", "fits"), "tight": QtCore.QT_TRANSLATE_NOOP("HubPages", "tight"),
            "will not fit": QtCore.QT_TRANSLATE_NOOP("HubPages", "will not fit")}

_tr = translator("HubPages")


def render_card(markdown_text: str) -> str:
    """The model card as HTML: YAML front matter dropped, markdown tables and code kept."""
    import markdown

    body = re.sub(r"\A---\s*\n.*?\n---\s*\n", "", markdown_text, count=1, flags=re.S)
    if not body.strip():
        return "<p><i>" + QtCore.QCoreApplication.translate("HubPages", "This model has no model card.") + "</i></p>"
    return markdown.markdown(body, extensions=["tables", "fenced_code"])


@dataclass
class ModelPage:
    details: hub.ModelDetails
    card_html: str
    fit: hub.FitReport


def load_model_page(repo_id: str, offline: bool) -> ModelPage:
    """Everything the model page shows, fetched and rendered on a worker thread."""
    details = hub.model_details(repo_id, offline=offline)
    return ModelPage(details, render_card(details.card), hub.fit_report(details))


def _find_tabs(widget: QtWidgets.QWidget) -> QtWidgets.QTabWidget | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QtWidgets.QTabWidget):
        parent = parent.parentWidget()
    return parent


# ---- search ---------------------------------------------------------------------------------------
class ResultsModel(QtCore.QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[hub.ModelSummary] = []

    def reset(self, rows: list[hub.ModelSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def extend(self, rows: list[hub.ModelSummary]) -> None:
        if rows:
            self.beginInsertRows(QtCore.QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return len(RESULT_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(RESULT_COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return (m.repo_id, human_count(m.downloads) if m.downloads else "0", str(m.likes),
                    human_bytes(m.size_bytes) if m.size_bytes else "?", m.license or "?",
                    QtCore.QCoreApplication.translate("HubPages", "gated") if m.gated else "", m.pipeline_tag, m.last_modified)[index.column()]
        if role == Qt.ToolTipRole and m.gated:
            return QtCore.QCoreApplication.translate("HubPages", "Gated: accept the licence on the model's hub page and set a token before downloading.")
        if role == Qt.TextAlignmentRole and index.column() in (1, 2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class SearchPage(QtWidgets.QWidget):
    """Search the hub, open a model page (card, files, fit verdict), choose files and download them."""

    def __init__(self, ctx, downloads: DownloadsController, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.downloads = downloads
        self.banner = ErrorBanner(self)
        self._search = LatestRequest(ctx.pool)
        self._details = LatestRequest(ctx.pool)
        self._fit = LatestRequest(ctx.pool)
        self._query: dict = {}
        self._has_more = False
        self._loading = False
        self.page: ModelPage | None = None

        self.query = QtWidgets.QLineEdit(placeholderText=self.tr("Search models, e.g. smollm, bert, gpt2…"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        self.task = QtWidgets.QComboBox()
        self.task.addItem(self.tr("Any task"), "")
        for task in hub.HUB_TASKS:
            self.task.addItem(task, task)
        self.task.setToolTip(self.tr("Only models for this task"))
        self.transformers_only = QtWidgets.QCheckBox(self.tr("transformers only"))
        self.transformers_only.setChecked(True)
        self.transformers_only.setToolTip(self.tr("Only models that the transformers library loads"))
        self.sort = QtWidgets.QComboBox()
        for label, key in SORT_LABELS:
            self.sort.addItem(_tr(label), key)
        self.search_button = QtWidgets.QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.search)
        for combo in (self.task, self.sort):
            combo.currentIndexChanged.connect(self._search_if_searched)
        self.transformers_only.toggled.connect(self._search_if_searched)

        self.results = ResultsModel(self)
        self.table = QtWidgets.QTableView()
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._open_current)
        self.table.verticalScrollBar().valueChanged.connect(self._maybe_load_more)
        self.status = QtWidgets.QLabel(self.tr("Search the Hugging Face Hub; results load as you scroll."))
        self.status.setWordWrap(True)

        # The model page.
        self.title = QtWidgets.QLabel(self.tr("Select a model to see its card, files and whether it fits."))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        self.title.setOpenExternalLinks(True)
        self.card = QtWidgets.QTextBrowser()
        self.card.setOpenExternalLinks(True)
        self.card.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 2px 6px; } "
            "pre { background: #f4f4f4; }")
        self.files = QtWidgets.QTreeWidget()
        self.files.setHeaderLabels([self.tr("File"), self.tr("Size")])
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.header().setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
        self.files.header().setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeToContents)
        self.files.itemChanged.connect(self._choice_changed)
        self.all_button = QtWidgets.QPushButton(self.tr("All"))
        self.all_button.clicked.connect(lambda: self.choose(lambda name: True))
        self.safetensors_button = QtWidgets.QPushButton(self.tr("Safetensors only"))
        self.safetensors_button.setToolTip(self.tr("Weights in .safetensors plus every non-weight file (config, tokenizer)"))
        self.safetensors_button.clicked.connect(
            lambda: self.choose(lambda name: not name.endswith(hub.WEIGHT_SUFFIXES) or name.endswith(".safetensors")))
        self.none_button = QtWidgets.QPushButton(self.tr("None"))
        self.none_button.clicked.connect(lambda: self.choose(lambda name: False))
        self.fit_label = QtWidgets.QLabel()
        self.fit_label.setWordWrap(True)
        self.fit_label.setTextFormat(Qt.RichText)
        self.download_button = QtWidgets.QPushButton(self.tr("Download"))
        self.download_button.setToolTip(self.tr("Download the ticked files into the shared Hugging Face cache"))
        self.download_button.clicked.connect(self.download_chosen)

        controls = QtWidgets.QHBoxLayout()
        controls.addWidget(self.query, 1)
        controls.addWidget(self.task)
        controls.addWidget(self.transformers_only)
        controls.addWidget(self.sort)
        controls.addWidget(self.search_button)
        choose = QtWidgets.QHBoxLayout()
        choose.addWidget(QtWidgets.QLabel(self.tr("Choose:")))
        for b in (self.all_button, self.safetensors_button, self.none_button):
            choose.addWidget(b)
        choose.addStretch(1)
        choose.addWidget(self.download_button)
        files_box = column((self.files, 1), choose, self.fit_label)
        right = column(self.title, (splitter(Qt.Vertical, self.card, files_box, sizes=(300, 260), collapsible=True), 1))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addWidget(splitter(Qt.Horizontal, column((self.table, 1), self.status), right, stretch=(3, 2),
                                  collapsible=True), 1)
        self._update_buttons()

    # ---- searching ------------------------------------------------------------------------------
    def _search_if_searched(self, *_):
        if self._query:
            self.search()

    def search(self) -> None:
        self.banner.hide()
        self._query = {"text": self.query.text(), "task": self.task.currentData(),
                       "library": "transformers" if self.transformers_only.isChecked() else "",
                       "sort": self.sort.currentData()}
        self.results.reset([])
        self._fetch(0)

    def _fetch(self, offset: int) -> None:
        self._loading = True
        self.status.setText(self.tr("Searching…") if offset == 0 else self.tr("Loading more…"))
        self._search.submit(hub.search_models, offset=offset, limit=PAGE_SIZE,
                            offline=hub.is_offline(self.ctx.settings.hf_offline), **self._query,
                            name="hub-search", on_success=self._show_page, on_error=self._search_failed)

    def _show_page(self, page: hub.SearchPage) -> None:
        self._loading = False
        self._has_more = page.has_more
        first = page.offset == 0
        self.results.extend(page.results)
        if first:
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 200), 300))
        n = self.results.rowCount()
        if n == 0:
            self.status.setText(self.tr("No model matches. Try fewer words, another task, or untick 'transformers only'."))
        else:
            self.status.setText(self.tr("{n} models shown").format(n=n)
                                + (self.tr("; scroll down for more.") if page.has_more else self.tr(".")))
        if page.has_more:
            # A short first page may not fill the view, so there is nothing to scroll: fetch on.
            QtCore.QTimer.singleShot(0, self, self._maybe_load_more)  # not once the page is gone

    def _search_failed(self, info) -> None:
        self._loading = False
        self.status.setText(self.tr("The search failed; see above."))
        self.banner.show_error(info)

    def _maybe_load_more(self, *_):
        bar = self.table.verticalScrollBar()
        if self._has_more and not self._loading and bar.value() >= bar.maximum() - 2:
            self._fetch(self.results.rowCount())

    # ---- the model page ----------------------------------------------------------------------------
    def _open_current(self, current: QtCore.QModelIndex, _previous=None) -> None:
        if current.isValid():
            self.open_model(self.results.rows[current.row()].repo_id)

    def open_model(self, repo_id: str) -> None:
        self.banner.hide()
        self.page = None
        self.title.setText(self.tr("<b>{name}</b> – loading…").format(name=repo_id))
        self.card.clear()
        self.files.clear()
        self.fit_label.clear()
        self._update_buttons()
        self._details.submit(load_model_page, repo_id, hub.is_offline(self.ctx.settings.hf_offline),
                             name="hub-model-page", on_success=self._show_model, on_error=self._model_failed)

    def _model_failed(self, info) -> None:
        self.title.setText(self.tr("The model page could not be loaded; see above."))
        self.banner.show_error(info)

    def _show_model(self, page: ModelPage) -> None:
        self.page = page
        d = page.details
        gated = (" · <span style='color:#b9770e'>" + self.tr("gated: accept the licence on the hub first") + "</span>"
                 if d.gated else "")
        self.title.setText(
            f"<b><a href='{hub.repo_url(d.repo_id)}'>{d.repo_id}</a></b> · " + self.tr(
                "{task} · licence {licence} · {downloads} downloads · {likes} likes · {files} files, {size}").format(
                task=d.pipeline_tag or self.tr("no task"), licence=d.license or "?",
                downloads=human_count(d.downloads), likes=d.likes, files=len(d.files),
                size=human_bytes(d.total_size)) + gated)
        self.card.setHtml(page.card_html)
        self.files.blockSignals(True)
        self.files.clear()
        for f in d.files:
            item = QtWidgets.QTreeWidgetItem([f.name, human_bytes(f.size)])
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(0, Qt.Checked)
            item.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            item.setData(0, Qt.UserRole, f.name)
            self.files.addTopLevelItem(item)
        self.files.blockSignals(False)
        self._show_fit(page.fit)
        self._update_buttons()

    def chosen_files(self) -> list[str]:
        out = []
        for i in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(i)
            if item.checkState(0) == Qt.Checked:
                out.append(item.data(0, Qt.UserRole))
        return out

    def choose(self, keep) -> None:
        self.files.blockSignals(True)
        for i in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(i)
            item.setCheckState(0, Qt.Checked if keep(item.data(0, Qt.UserRole)) else Qt.Unchecked)
        self.files.blockSignals(False)
        self._choice_changed()

    def _choice_changed(self, *_):
        self._update_buttons()
        if self.page is not None:
            self._fit.submit(hub.fit_report, self.page.details, self.chosen_files(), name="hub-fit",
                             on_success=self._show_fit, on_error=self.banner.show_error)

    def _show_fit(self, fit: hub.FitReport) -> None:
        def verdict(text: str) -> str:
            return f"<b style='color:{VERDICT_COLOURS.get(text, '#000')}'>{_tr(VERDICTS.get(text, text))}</b>"

        lines = [self.tr("Disk: {download} to download, {free} free – {verdict}").format(
            download=human_bytes(fit.download_bytes), free=human_bytes(fit.disk_free_bytes),
            verdict=verdict(fit.disk_verdict))]
        if fit.memory:
            mems = ", ".join(f"{m.dtype} {human_bytes(m.needed_bytes)} {verdict(m.verdict)}" for m in fit.memory)
            lines.append((self.tr("Memory for about {parameters} parameters ({available} available on {device}): {list}")
                          if fit.parameters_estimated else
                          self.tr("Memory for {parameters} parameters ({available} available on {device}): {list}")
                          ).format(parameters=human_count(fit.parameters),
                                   available=human_bytes(fit.memory_available_bytes), device=fit.device, list=mems))
        else:
            lines.append(self.tr("Memory: no weight file is ticked."))
        self.fit_label.setText("<br>".join(lines))

    def _update_buttons(self) -> None:
        has_files = self.page is not None and bool(self.chosen_files())
        self.download_button.setEnabled(has_files)
        for b in (self.all_button, self.safetensors_button, self.none_button):
            b.setEnabled(self.page is not None)

    def download_chosen(self) -> None:
        if self.page is None:
            return
        chosen = self.chosen_files()
        everything = len(chosen) == len(self.page.details.files)
        include = None if everything else [glob.escape(name) for name in chosen]
        self.downloads.enqueue(self.page.details.repo_id, include=include)
        tabs = _find_tabs(self)
        if tabs is not None:
            tabs.setCurrentWidget(self.downloads.page)

    def shutdown(self) -> None:
        for request in (self._search, self._details, self._fit):
            request.stop()
