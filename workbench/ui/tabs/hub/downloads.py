"""The Downloads page's controller: the queue (one download at a time, kept across restarts), pause, resume,
retry and cancel, the hub token and the offline switch.

The queue runs one download at a time, so the running one is the job of one ``JobSlot`` (a download fetches up
to 8 files at once inside that job); pausing is cancelling it, and the next queued one starts once the slot is
free. Token calls go through a ``LatestRequest``: the newest answer is the one shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core import hub
from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload
from workbench.core.units import human_bytes, human_seconds
from workbench.ui.qt import QtCore
from workbench.ui.tabs.hub.downloads_page import DownloadsPage
from workbench.ui.workers import JobSlot, LatestRequest


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

    @property
    def record(self) -> QueuedDownload:
        return QueuedDownload(self.repo_id, self.revision, self.include, self.state, self.message)


class DownloadsController(QtCore.QObject):
    def __init__(self, ctx, page: DownloadsPage):
        super().__init__(page)
        self.ctx, self.page = ctx, page
        self.queue_file = DownloadQueue()
        self.items: list[DownloadItem] = []
        self.slot = JobSlot(ctx.pool, self)  # the running download; its row shows its progress
        self._token = LatestRequest(ctx.pool)

        page.offline.setChecked(ctx.settings.hf_offline)
        page.offline.toggled.connect(self._set_offline)
        page.set_token_button.clicked.connect(self._ask_token)
        page.clear_token_button.clicked.connect(self.clear_token)
        page.whoami_button.clicked.connect(self.check_token)
        page.resume_all_button.clicked.connect(self.resume_all)
        page.pause_button.clicked.connect(self.pause_selected)
        page.resume_button.clicked.connect(self.resume_selected)
        page.retry_button.clicked.connect(self.resume_selected)
        page.cancel_button.clicked.connect(self.cancel_selected)
        page.clear_button.clicked.connect(self.clear_finished)
        page.add_field.returnPressed.connect(self._add_typed)
        page.add_button.clicked.connect(self._add_typed)
        page.table.itemSelectionChanged.connect(self._update_buttons)
        page.first_shown.connect(self._read_token_store)

        self._offer_unfinished()
        self._update_buttons()

    def _read_token_store(self) -> None:
        # Reading the token store imports huggingface_hub (~0.15 s holding the GIL): only once the page
        # is opened, and on a worker, so the window shows first.
        self._token.submit(_has_stored_token, name="token-store", on_success=self.page.show_token_stored)

    # ---- the queue ------------------------------------------------------------------------------
    def _offer_unfinished(self) -> None:
        for record in self.queue_file.load():
            self._add_item(DownloadItem(record.repo_id, record.revision, record.include, "interrupted",
                                        record.message or self.tr("Stopped before it finished; resume continues from "
                                                                  "the bytes on disk.")))
        self._update_offer()

    def _update_offer(self) -> None:
        self.page.show_offer([i.repo_id for i in self.items if i.state == "interrupted"])

    def enqueue(self, repo_id: str, revision: str = "main", include: list[str] | None = None) -> DownloadItem:
        """Add a download (or bring back the same one) and start it when nothing else runs."""
        self.page.banner.hide()
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
        self.page.add_row(item)
        return item

    def _show(self, item: DownloadItem) -> None:
        self.page.show_row(self.items.index(item), item)

    def _requeue(self, item: DownloadItem) -> None:
        item.state, item.message = "queued", ""
        self.queue_file.put(item.record)
        self._show(item)
        self._update_offer()
        self._start_next()

    def _start_next(self) -> None:
        # A cancelled download leaves the list at once but runs until its job notices: the slot is still busy.
        if self.slot.running or any(i.state == "running" for i in self.items):
            return
        item = next((i for i in self.items if i.state == "queued"), None)
        if item is None:
            self._update_buttons()
            return
        item.state, item.message = "running", ""
        self.queue_file.put(item.record)
        self._show(item)
        self.slot.submit(hub.download, item.repo_id, item.revision, item.include,
                         offline=hub.is_offline(self.ctx.settings.hf_offline), name="hub-download",
                         on_events=lambda events: self._on_events(item, events),
                         on_success=lambda outcome: self._finished(item, outcome),
                         on_error=lambda info: self._failed(item, info),
                         on_cancel=lambda: self._stopped(item),
                         on_finished=self._start_next)
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
        self.page.status.setText(self.tr("{name} is ready in the library: {message}").format(name=item.repo_id,
                                                                                            message=item.message))
        self.ctx.refresh_library()

    def _failed(self, item: DownloadItem, info) -> None:
        item.state, item.message = "failed", info.message
        self.queue_file.put(item.record)
        if item in self.items:
            self._show(item)
        self.page.banner.show_error(info)

    def _stopped(self, item: DownloadItem) -> None:
        if item not in self.items:  # cancelled and removed
            return
        item.state, item.message = "paused", self.tr("Paused; resume continues from the bytes on disk.")
        self.queue_file.put(item.record)
        self._show(item)

    # ---- buttons --------------------------------------------------------------------------------
    def selected(self) -> DownloadItem | None:
        row = self.page.selected_row()
        return None if row is None else self.items[row]

    def select(self, item: DownloadItem) -> None:
        self.page.table.selectRow(self.items.index(item))

    def _update_buttons(self) -> None:
        item = self.selected()
        self.page.show_buttons(item.state if item else "", any(i.state == "done" for i in self.items))

    def pause_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.state == "running":
            self.slot.stop()  # on_cancel marks it paused
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
        if item.state == "running":
            self.slot.stop()
        self._remove(item)
        self.queue_file.remove(item.record.key)
        self.page.status.setText(self.tr("Cancelled {name}.").format(name=item.repo_id))
        self._update_offer()
        self._update_buttons()

    def clear_finished(self) -> None:
        for item in [i for i in self.items if i.state == "done"]:
            self._remove(item)
        self._update_buttons()

    def _remove(self, item: DownloadItem) -> None:
        self.page.table.removeRow(self.items.index(item))
        self.items.remove(item)

    def _add_typed(self) -> None:
        repo_id = self.page.add_field.text().strip()
        if not repo_id:
            self.page.banner.show_error(self.tr("Type a hub model id first."),
                                        self.tr("For example HuggingFaceTB/SmolLM2-135M-Instruct."))
            return
        if not re.fullmatch(r"[\w.\-]+/[\w.\-]+", repo_id):
            self.page.banner.show_error(self.tr("'{name}' is not a hub model id.").format(name=repo_id),
                                        self.tr("Use organisation/name."))
            return
        self.page.add_field.clear()
        self.enqueue(repo_id)

    # ---- token and offline ----------------------------------------------------------------------------
    def _ask_token(self) -> None:
        token = self.page.ask_token()
        if token:
            self.set_token(token)

    def _token_call(self, fn, *args, **kwargs) -> None:
        self.page.banner.hide()
        self.page.show_token_checking()
        self._token.submit(fn, *args, name="hub-token", on_success=self._token_shown, on_error=self._token_failed,
                           **kwargs)

    def set_token(self, token: str) -> None:
        self._token_call(hub.set_token, token, offline=hub.is_offline(self.ctx.settings.hf_offline))

    def clear_token(self) -> None:
        self._token_call(hub.clear_token)

    def check_token(self) -> None:
        self._token_call(hub.token_status, offline=hub.is_offline(self.ctx.settings.hf_offline))

    def _token_shown(self, status: hub.TokenStatus) -> None:
        self.page.show_token_status(status.note, status.has_token)

    def _token_failed(self, info) -> None:
        self.page.show_token_stored(_has_stored_token())
        self.page.banner.show_error(info)

    def _set_offline(self, on: bool) -> None:
        self.ctx.settings.hf_offline = on
        self.ctx.save_settings()
        self.page.show_offline(on)

    def shutdown(self) -> None:
        self.slot.stop()
        self._token.stop()


def _has_stored_token() -> bool:
    from huggingface_hub import get_token

    return bool(get_token())
