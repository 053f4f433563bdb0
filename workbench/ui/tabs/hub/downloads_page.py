"""The Models tab's Downloads page (widgets only): the queue's table, its buttons, the hub token and the offline
switch. ``downloads.DownloadsController`` keeps the queue and runs the downloads."""

from __future__ import annotations

from workbench.core.units import human_bytes, human_seconds
from workbench.ui.errors import ErrorBanner
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets, Signal

_tr = translator("HubPages")

QUEUE_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("HubPages", "Model"), QtCore.QT_TRANSLATE_NOOP("HubPages", "State"),
                 QtCore.QT_TRANSLATE_NOOP("HubPages", "Progress"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Details"),
                 QtCore.QT_TRANSLATE_NOOP("HubPages", "Speed"), QtCore.QT_TRANSLATE_NOOP("HubPages", "Time left"))
STATE_LABELS = {"queued": QtCore.QT_TRANSLATE_NOOP("HubPages", "Queued"),
                "running": QtCore.QT_TRANSLATE_NOOP("HubPages", "Downloading"),
                "paused": QtCore.QT_TRANSLATE_NOOP("HubPages", "Paused"),
                "interrupted": QtCore.QT_TRANSLATE_NOOP("HubPages", "Interrupted"),
                "failed": QtCore.QT_TRANSLATE_NOOP("HubPages", "Failed"), "done": QtCore.QT_TRANSLATE_NOOP("HubPages", "Done")}


class DownloadsPage(QtWidgets.QWidget):
    """The download queue's widgets; a row shows a ``downloads.DownloadItem``."""

    first_shown = Signal()  # the controller reads the token store then, not before the window shows

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.banner = ErrorBanner(self)

        # Token and offline mode.
        self.token_label = QtWidgets.QLabel()
        self.token_label.setWordWrap(True)
        self.set_token_button = QtWidgets.QPushButton(self.tr("Set token…"))
        self.set_token_button.setToolTip(self.tr("Store a hub access token (needed for gated and private models)"))
        self.clear_token_button = QtWidgets.QPushButton(self.tr("Clear token"))
        self.whoami_button = QtWidgets.QPushButton(self.tr("Who am I?"))
        self.whoami_button.setToolTip(self.tr("Ask the hub whose token is stored"))
        self.offline = QtWidgets.QCheckBox(self.tr("Offline mode"))
        self.offline.setToolTip(self.tr("Never contact the hub; models on this computer keep working (also HF_HUB_OFFLINE=1)"))

        self.resume_offer = QtWidgets.QLabel()
        self.resume_offer.setWordWrap(True)
        self.resume_all_button = QtWidgets.QPushButton(self.tr("Resume all"))

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

        def button(text, tip):
            b = QtWidgets.QPushButton(text)
            b.setToolTip(tip)
            return b

        self.pause_button = button(self.tr("Pause"), self.tr("Stop for now; resume continues from the bytes on disk"))
        self.resume_button = button(self.tr("Resume"), self.tr("Continue where it stopped"))
        self.retry_button = button(self.tr("Retry"), self.tr("Try a failed download again from where it stopped"))
        self.cancel_button = button(self.tr("Cancel"),
                                    self.tr("Stop and remove it from the queue (bytes already fetched stay in the cache, "
                                    "so a later download of the same files continues from them)"))
        self.clear_button = button(self.tr("Clear finished"), self.tr("Remove finished downloads from the list"))
        self.add_field = QtWidgets.QLineEdit(placeholderText=self.tr("organisation/name"))
        self.add_button = button(self.tr("Download"), self.tr("Download this hub model (all its files)"))
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
        self._shown = False

    def showEvent(self, event) -> None:
        if not self._shown:
            self._shown = True
            self.first_shown.emit()
        super().showEvent(event)

    # ---- the queue's rows -------------------------------------------------------------------------
    def add_row(self, item) -> None:
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
        self.show_row(row, item)

    def show_row(self, row: int, item) -> None:
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

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def show_buttons(self, state: str, any_done: bool) -> None:
        """Buttons for the selected download's ``state`` ("" when none is selected)."""
        self.pause_button.setEnabled(state in ("running", "queued"))
        self.resume_button.setEnabled(state in ("paused", "interrupted"))
        self.retry_button.setEnabled(state == "failed")
        self.cancel_button.setEnabled(state not in ("", "done"))
        self.clear_button.setEnabled(any_done)

    def show_offer(self, waiting: list[str]) -> None:
        """Offer to resume the downloads (their model ids) that did not finish last time."""
        if waiting:
            names = ", ".join(waiting[:3]) + (" …" if len(waiting) > 3 else "")
            self.resume_offer.setText((self.tr("{n} download did not finish last time ({names}).") if len(waiting) == 1
                                       else self.tr("{n} downloads did not finish last time ({names}).")).format(
                n=len(waiting), names=names) + " " + self.tr("Resume continues from the bytes already on disk."))
        self.resume_offer.setVisible(bool(waiting))
        self.resume_all_button.setVisible(bool(waiting))

    # ---- token and offline ----------------------------------------------------------------------------
    def show_token_stored(self, stored: bool) -> None:
        self.token_label.setText(self.tr("a token is stored (press Who am I? to check it)") if stored
                                 else self.tr("none (public models need none)"))
        self.clear_token_button.setEnabled(stored)

    def show_token_checking(self) -> None:
        self.token_label.setText(self.tr("checking…"))

    def show_token_status(self, note: str, has_token: bool) -> None:
        self.token_label.setText(note)
        self.clear_token_button.setEnabled(has_token)

    def ask_token(self) -> str:
        token, ok = QtWidgets.QInputDialog.getText(self, self.tr("Hub token"), self.tr("Paste a read token from your hub account "
                                                   "settings (Access Tokens):"), QtWidgets.QLineEdit.Password)
        return token if ok and token.strip() else ""

    def show_offline(self, on: bool) -> None:
        self.status.setText(self.tr("Offline: the hub is not contacted; the library keeps working.") if on
                            else self.tr("Online: search and downloads use the hub."))
