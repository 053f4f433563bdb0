"""Models tab pages for the Hugging Face Hub: search with a model page, and the download manager.

All hub work (search, model info, fit verdicts, token checks, downloads) runs on worker threads
through ``ctx.pool``; these widgets only show what the core jobs report.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field

from workbench.core import hub
from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload
from workbench.core.units import human_bytes, human_count, human_seconds
from workbench.ui.errors import ErrorBanner
from workbench.ui.qt import QtCore, QtWidgets, Qt
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


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("HubPages", text)


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

    def __init__(self, ctx, downloads: "DownloadsPage", parent: QtWidgets.QWidget | None = None):
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
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.status)
        choose = QtWidgets.QHBoxLayout()
        choose.addWidget(QtWidgets.QLabel(self.tr("Choose:")))
        for b in (self.all_button, self.safetensors_button, self.none_button):
            choose.addWidget(b)
        choose.addStretch(1)
        choose.addWidget(self.download_button)
        files_box = QtWidgets.QWidget()
        files_layout = QtWidgets.QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files, 1)
        files_layout.addLayout(choose)
        files_layout.addWidget(self.fit_label)
        right_split = QtWidgets.QSplitter(Qt.Vertical)
        right_split.addWidget(self.card)
        right_split.addWidget(files_box)
        right_split.setSizes([300, 260])
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(right_split, 1)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
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
            QtCore.QTimer.singleShot(0, self._maybe_load_more)

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
            tabs.setCurrentWidget(self.downloads)

    def shutdown(self) -> None:
        for request in (self._search, self._details, self._fit):
            if request.job is not None:
                request.job.cancel()


# ---- downloads ----------------------------------------------------------------------------------
@dataclass
class DownloadItem:
    repo_id: str
    revision: str = "main"
    include: list[str] | None = None
    state: str = "queued"  # queued | running | paused | interrupted | failed | done
    message: str = ""
    done: float = 0
    total: float = 0
    file: str = ""
    file_done: int = 0
    file_total: int = 0
    speed_bps: float = 0.0
    eta_s: float | None = None
    path: str = ""
    phase: str = ""  # what the running download does now: DownloadProgress.state
    job: object = field(default=None, repr=False)

    @property
    def record(self) -> QueuedDownload:
        return QueuedDownload(self.repo_id, self.revision, self.include, self.state, self.message)


QUEUE_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("HubPages", "Model"), QtCore.QT_TRANSLATE_NOOP("HubPages", "State"),
                 QtCore.QT_TRANSLATE_NOOP("HubPages", "Progress"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Details"),
                 QtCore.QT_TRANSLATE_NOOP("HubPages", "Speed"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Time left"))
STATE_LABELS = {"queued": QtCore.QT_TRANSLATE_NOOP("HubPages", "Queued"),
                "running": QtCore.QT_TRANSLATE_NOOP("HubPages", "Downloading"),
                "paused": QtCore.QT_TRANSLATE_NOOP("HubPages", "Paused"),
                "interrupted": QtCore.QT_TRANSLATE_NOOP("HubPages", "Interrupted"),
                "failed": QtCore.QT_TRANSLATE_NOOP("HubPages", "Failed"), "done": QtCore.QT_TRANSLATE_NOOP("HubPages", "Done")}


class DownloadsPage(QtWidgets.QWidget):
    """The download queue (one at a time), the hub token and the offline switch."""

    def __init__(self, ctx, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.banner = ErrorBanner(self)
        self.queue_file = DownloadQueue()
        self.items: list[DownloadItem] = []
        self._token_job = None

        # Token and offline mode.
        self.token_label = QtWidgets.QLabel()
        self.token_label.setWordWrap(True)
        self.set_token_button = QtWidgets.QPushButton(self.tr("Set token…"))
        self.set_token_button.setToolTip(self.tr("Store a hub access token (needed for gated and private models)"))
        self.set_token_button.clicked.connect(self._ask_token)
        self.clear_token_button = QtWidgets.QPushButton(self.tr("Clear token"))
        self.clear_token_button.clicked.connect(self.clear_token)
        self.whoami_button = QtWidgets.QPushButton(self.tr("Who am I?"))
        self.whoami_button.setToolTip(self.tr("Ask the hub whose token is stored"))
        self.whoami_button.clicked.connect(self.check_token)
        self.offline = QtWidgets.QCheckBox(self.tr("Offline mode"))
        self.offline.setToolTip(self.tr("Never contact the hub; models on this computer keep working (also HF_HUB_OFFLINE=1)"))
        self.offline.setChecked(ctx.settings.hf_offline)
        self.offline.toggled.connect(self._set_offline)

        self.resume_offer = QtWidgets.QLabel()
        self.resume_offer.setWordWrap(True)
        self.resume_all_button = QtWidgets.QPushButton(self.tr("Resume all"))
        self.resume_all_button.clicked.connect(self.resume_all)

        self.table = QtWidgets.QTableWidget(0, len(QUEUE_COLUMNS))
        self.table.setHorizontalHeaderLabels([_tr(c) for c in QUEUE_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.Fixed)
        self.table.setColumnWidth(2, 170)
        header.setSectionResizeMode(3, QtWidgets.QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        def button(text, slot, tip):
            b = QtWidgets.QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            return b

        self.pause_button = button(self.tr("Pause"), self.pause_selected,
                                   self.tr("Stop for now; resume continues from the bytes on disk"))
        self.resume_button = button(self.tr("Resume"), self.resume_selected, self.tr("Continue where it stopped"))
        self.retry_button = button(self.tr("Retry"), self.resume_selected,
                                   self.tr("Try a failed download again from where it stopped"))
        self.cancel_button = button(self.tr("Cancel"), self.cancel_selected,
                                    self.tr("Stop and remove it from the queue (bytes already fetched stay in the cache, "
                                    "so a later download of the same files continues from them)"))
        self.clear_button = button(self.tr("Clear finished"), self.clear_finished,
                                   self.tr("Remove finished downloads from the list"))
        self.add_field = QtWidgets.QLineEdit(placeholderText=self.tr("organisation/name"))
        self.add_field.returnPressed.connect(self._add_typed)
        self.add_button = button(self.tr("Download"), self._add_typed, self.tr("Download this hub model (all its files)"))
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)

        token_row = QtWidgets.QHBoxLayout()
        token_row.addWidget(QtWidgets.QLabel(self.tr("Hub token:")))
        token_row.addWidget(self.token_label, 1)
        for b in (self.set_token_button, self.clear_token_button, self.whoami_button):
            token_row.addWidget(b)
        token_row.addSpacing(12)
        token_row.addWidget(self.offline)
        add_row = QtWidgets.QHBoxLayout()
        add_row.addWidget(QtWidgets.QLabel(self.tr("Model id:")))
        add_row.addWidget(self.add_field, 1)
        add_row.addWidget(self.add_button)
        offer_row = QtWidgets.QHBoxLayout()
        offer_row.addWidget(self.resume_offer, 1)
        offer_row.addWidget(self.resume_all_button)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.pause_button, self.resume_button, self.retry_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(token_row)
        layout.addLayout(add_row)
        layout.addLayout(offer_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self._token_read = False
        self._offer_unfinished()
        self._update_buttons()

    def showEvent(self, event) -> None:
        # Reading the token store imports huggingface_hub (~0.15 s holding the GIL): only once the page
        # is opened, and on a worker, so the window shows first.
        if not self._token_read:
            self._token_read = True
            self.ctx.pool.submit(_has_stored_token, name="token-store", on_success=self._show_token_stored)
        super().showEvent(event)

    # ---- the queue ------------------------------------------------------------------------------
    def _offer_unfinished(self) -> None:
        for record in self.queue_file.load():
            self._add_item(DownloadItem(record.repo_id, record.revision, record.include, "interrupted",
                                        record.message or self.tr("Stopped before it finished; resume continues from "
                                                                  "the bytes on disk.")))
        self._update_offer()

    def _update_offer(self) -> None:
        waiting = [i for i in self.items if i.state == "interrupted"]
        if waiting:
            names = ", ".join(i.repo_id for i in waiting[:3]) + (" …" if len(waiting) > 3 else "")
            self.resume_offer.setText((self.tr("{n} download did not finish last time ({names}).") if len(waiting) == 1
                                       else self.tr("{n} downloads did not finish last time ({names}).")).format(
                n=len(waiting), names=names) + " " + self.tr("Resume continues from the bytes already on disk."))
        self.resume_offer.setVisible(bool(waiting))
        self.resume_all_button.setVisible(bool(waiting))

    def enqueue(self, repo_id: str, revision: str = "main", include: list[str] | None = None) -> DownloadItem:
        """Add a download (or bring back the same one) and start it when nothing else runs."""
        self.banner.hide()
        for item in self.items:
            if (item.repo_id, item.revision, item.include) == (repo_id, revision, include) and item.state != "done":
                if item.state in ("paused", "interrupted", "failed"):
                    self._requeue(item)
                return item
        item = self._add_item(DownloadItem(repo_id, revision, include))
        self.queue_file.put(item.record)
        self._start_next()
        return item

    def _add_item(self, item: DownloadItem) -> DownloadItem:
        self.items.append(item)
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = item.repo_id + (self.tr(" ({n} files)").format(n=len(item.include)) if item.include else "")
        self.table.setItem(row, 0, QtWidgets.QTableWidgetItem(label))
        for col in (1, 3, 4, 5):
            self.table.setItem(row, col, QtWidgets.QTableWidgetItem(""))
        bar = QtWidgets.QProgressBar()
        bar.setRange(0, 1000)
        bar.setTextVisible(True)
        self.table.setCellWidget(row, 2, bar)
        self._show(item)
        return item

    def _row(self, item: DownloadItem) -> int:
        return self.items.index(item)

    def _show(self, item: DownloadItem) -> None:
        row = self._row(item)
        self.table.item(row, 1).setText(_tr(STATE_LABELS[item.state]))
        self.table.item(row, 1).setToolTip(item.message)
        bar: QtWidgets.QProgressBar = self.table.cellWidget(row, 2)
        if item.total:
            bar.setValue(int(1000 * item.done / item.total))
            bar.setFormat(f"{human_bytes(item.done)} / {human_bytes(item.total)}")
        elif item.state == "done":
            bar.setValue(1000)
            bar.setFormat(self.tr("complete"))
        else:
            bar.setValue(0)
            bar.setFormat(_tr(STATE_LABELS[item.state]))
        if item.state == "running" and item.file and item.phase in ("downloading", "verifying"):
            pct = f" {100 * item.file_done / item.file_total:.0f}%" if item.file_total else ""
            current = f"{item.file}{pct}"
        else:
            current = item.message
        self.table.item(row, 3).setText(current)
        self.table.item(row, 3).setToolTip(item.message or item.path)
        running = item.state == "running"
        self.table.item(row, 4).setText(f"{human_bytes(item.speed_bps)}/s" if running and item.speed_bps else "")
        self.table.item(row, 5).setText(human_seconds(item.eta_s) if running and item.eta_s is not None else "")

    def _requeue(self, item: DownloadItem) -> None:
        item.state, item.message = "queued", ""
        self.queue_file.put(item.record)
        self._show(item)
        self._update_offer()
        self._start_next()

    def _start_next(self) -> None:
        if any(i.state == "running" for i in self.items):
            return
        item = next((i for i in self.items if i.state == "queued"), None)
        if item is None:
            self._update_buttons()
            return
        item.state, item.message = "running", ""
        self.queue_file.put(item.record)
        self._show(item)
        item.job = self.ctx.pool.submit(
            hub.download, item.repo_id, item.revision, item.include,
            offline=hub.is_offline(self.ctx.settings.hf_offline), name="hub-download",
            on_events=lambda events, it=item: self._on_events(it, events),
            on_success=lambda outcome, it=item: self._finished(it, outcome),
            on_error=lambda info, it=item: self._failed(it, info),
            on_cancel=lambda it=item: self._stopped(it),
            on_finished=lambda it=item: self._job_done(it))
        self._update_buttons()

    def _on_events(self, item: DownloadItem, events: list) -> None:
        latest = None
        for event in events:
            if isinstance(event, hub.DownloadProgress):
                latest = event
        if latest is None or item not in self.items:
            return
        item.done, item.total = latest.done, latest.total
        item.file, item.file_done, item.file_total = latest.file, latest.file_done, latest.file_total
        item.speed_bps, item.eta_s = latest.speed_bps, latest.eta_s
        item.message, item.phase = latest.message, latest.state
        self._show(item)

    def _finished(self, item: DownloadItem, outcome: hub.DownloadOutcome) -> None:
        item.state, item.path = "done", outcome.path
        item.done = item.total = item.total or 1
        resumed = self.tr(", {size} were already on disk").format(size=human_bytes(outcome.bytes_resumed)) \
            if outcome.bytes_resumed else ""
        item.message = self.tr("{n} files verified in {time} ({size} downloaded{resumed}).").format(
            n=len(outcome.files), time=human_seconds(outcome.seconds), size=human_bytes(outcome.bytes_fetched),
            resumed=resumed)
        self.queue_file.remove(item.record.key)
        if item in self.items:
            self._show(item)
        self.status.setText(self.tr("{name} is ready in the library: {message}").format(name=item.repo_id,
                                                                                       message=item.message))
        self.ctx.refresh_library()

    def _failed(self, item: DownloadItem, info) -> None:
        item.state, item.message = "failed", info.message
        self.queue_file.put(item.record)
        if item in self.items:
            self._show(item)
        self.banner.show_error(info)

    def _stopped(self, item: DownloadItem) -> None:
        if item not in self.items:  # cancelled and removed
            return
        item.state, item.message = "paused", self.tr("Paused; resume continues from the bytes on disk.")
        self.queue_file.put(item.record)
        self._show(item)

    def _job_done(self, item: DownloadItem) -> None:
        item.job = None
        self._start_next()
        self._update_buttons()

    # ---- buttons --------------------------------------------------------------------------------
    def selected(self) -> DownloadItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def select(self, item: DownloadItem) -> None:
        self.table.selectRow(self._row(item))

    def _update_buttons(self) -> None:
        item = self.selected()
        state = item.state if item else ""
        self.pause_button.setEnabled(state in ("running", "queued"))
        self.resume_button.setEnabled(state in ("paused", "interrupted"))
        self.retry_button.setEnabled(state == "failed")
        self.cancel_button.setEnabled(item is not None and state != "done")
        self.clear_button.setEnabled(any(i.state == "done" for i in self.items))

    def pause_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.state == "running" and item.job is not None:
            item.job.cancel()  # on_cancel marks it paused
        elif item.state == "queued":
            self._stopped(item)
        self._update_buttons()

    def resume_selected(self) -> None:
        item = self.selected()
        if item is not None and item.state in ("paused", "interrupted", "failed"):
            self._requeue(item)
        self._update_buttons()

    def resume_all(self) -> None:
        for item in self.items:
            if item.state == "interrupted":
                self._requeue(item)

    def cancel_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.job is not None:
            item.job.cancel()
        self._remove(item)
        self.queue_file.remove(item.record.key)
        self.status.setText(self.tr("Cancelled {name}.").format(name=item.repo_id))
        self._update_offer()
        self._update_buttons()

    def clear_finished(self) -> None:
        for item in [i for i in self.items if i.state == "done"]:
            self._remove(item)
        self._update_buttons()

    def _remove(self, item: DownloadItem) -> None:
        self.table.removeRow(self._row(item))
        self.items.remove(item)

    def _add_typed(self) -> None:
        repo_id = self.add_field.text().strip()
        if not repo_id:
            self.banner.show_error(self.tr("Type a hub model id first."),
                                   self.tr("For example HuggingFaceTB/SmolLM2-135M-Instruct."))
            return
        if not re.fullmatch(r"[\w.\-]+/[\w.\-]+", repo_id):
            self.banner.show_error(self.tr("'{name}' is not a hub model id.").format(name=repo_id),
                                   self.tr("Use organisation/name."))
            return
        self.add_field.clear()
        self.enqueue(repo_id)

    # ---- token and offline ----------------------------------------------------------------------------
    def _show_stored_token(self) -> None:
        self._show_token_stored(_has_stored_token())

    def _show_token_stored(self, stored: bool) -> None:
        self.token_label.setText(self.tr("a token is stored (press Who am I? to check it)") if stored
                                 else self.tr("none (public models need none)"))
        self.clear_token_button.setEnabled(stored)

    def _ask_token(self) -> None:
        token, ok = QtWidgets.QInputDialog.getText(self, self.tr("Hub token"), self.tr("Paste a read token from your hub account "
                                                   "settings (Access Tokens):"), QtWidgets.QLineEdit.Password)
        if ok and token.strip():
            self.set_token(token)

    def _token_call(self, fn, *args, **kwargs) -> None:
        self.banner.hide()
        self.token_label.setText(self.tr("checking…"))
        self._token_job = self.ctx.pool.submit(fn, *args, name="hub-token", on_success=self._token_shown,
                                               on_error=self._token_failed, **kwargs)

    def set_token(self, token: str) -> None:
        self._token_call(hub.set_token, token, offline=hub.is_offline(self.ctx.settings.hf_offline))

    def clear_token(self) -> None:
        self._token_call(hub.clear_token)

    def check_token(self) -> None:
        self._token_call(hub.token_status, offline=hub.is_offline(self.ctx.settings.hf_offline))

    def _token_shown(self, status: hub.TokenStatus) -> None:
        self.token_label.setText(status.note)
        self.clear_token_button.setEnabled(status.has_token)

    def _token_failed(self, info) -> None:
        self._show_stored_token()
        self.banner.show_error(info)

    def _set_offline(self, on: bool) -> None:
        self.ctx.settings.hf_offline = on
        self.ctx.save_settings()
        self.status.setText(self.tr("Offline: the hub is not contacted; the library keeps working.") if on
                            else self.tr("Online: search and downloads use the hub."))

    def shutdown(self) -> None:
        for item in self.items:
            if item.job is not None:
                item.job.cancel()
        if self._token_job is not None:
            self._token_job.cancel()


def _has_stored_token() -> bool:
    from huggingface_hub import get_token

    return bool(get_token())
