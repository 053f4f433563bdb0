"""The Models tab's Downloads page: the queue (one at a time, kept across restarts), the hub token and the
offline switch; every download runs on a worker through ``ctx.pool``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core import hub
from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload
from workbench.core.units import human_bytes, human_seconds
from workbench.ui.errors import ErrorBanner
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets

_tr = translator("HubPages")


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
