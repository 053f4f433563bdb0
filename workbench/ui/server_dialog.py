"""Add a server…: an OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, LM Studio) whose models the
model picker then lists as remote (``core.engines.remote`` through a JobSlot)."""

from __future__ import annotations

from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.workers import JobSlot


class ServerDialog(QtWidgets.QDialog):
    """Base URL and optional API key; Add checks /v1/models first. The servers already added, with Remove."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add a server"))
        intro = QtWidgets.QLabel(self.tr(
            "Use models served by another computer: vLLM (http://HOST:8000), llama.cpp's server (http://HOST:8080), "
            "Ollama (http://HOST:11434) or LM Studio (http://HOST:1234). Generate and Chat stream from it with each "
            "token's probabilities; views that look inside a model need its weights here. The API key is kept in "
            "the system keyring, or in a file only you can read."))
        intro.setWordWrap(True)
        self.url = QtWidgets.QLineEdit(placeholderText="http://localhost:8000")
        self.key = QtWidgets.QLineEdit(placeholderText=self.tr("optional"))
        self.key.setEchoMode(QtWidgets.QLineEdit.Password)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Base URL"), self.url)
        form.addRow(self.tr("API key"), self.key)
        self.add_button = QtWidgets.QPushButton(self.tr("Add"))
        self.add_button.setDefault(True)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.progress = QtWidgets.QProgressBar()
        self.servers = QtWidgets.QListWidget()
        self.remove_button = QtWidgets.QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.servers.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.servers.selectedItems())))
        close = QtWidgets.QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.stop_button)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(QtWidgets.QLabel(self.tr("Servers added")))
        layout.addWidget(self.servers, 1)
        layout.addLayout(bottom)
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.add_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)
        self.add_button.clicked.connect(self.add)
        self.stop_button.clicked.connect(self.slot.stop)
        self.models: list[str] = []
        self._list_servers()
        self.resize(640, 460)

    def _list_servers(self) -> None:
        from workbench.core.engines.remote import list_servers

        self.servers.clear()
        for server in list_servers():
            key = self.tr("API key in the keyring") if server.key_store == "keyring" else \
                self.tr("API key in a private file") if server.key_store == "file" else self.tr("no API key")
            item = QtWidgets.QListWidgetItem(f"{server.url}  ({key})")
            item.setData(QtCore.Qt.UserRole, server.url)
            self.servers.addItem(item)
        self.remove_button.setEnabled(False)

    def add(self) -> None:
        from workbench.core.engines.remote import add_server

        url = self.url.text().strip()
        self.slot.submit(add_server, url, self.key.text(), name="add-server",
                         busy=self.tr("Asking {url} for its models…").format(url=url), on_success=self._added)

    def _added(self, outcome) -> None:
        server, models = outcome
        self.models = models
        self.key.clear()  # not kept in the widget once stored
        self.status.setText(self.tr("Added {url}: {n} model(s): {models}. They are in the model picker, marked "
                                    "remote.").format(url=server.url, n=len(models), models=", ".join(models) or "-"))
        self._list_servers()
        self.ctx.refresh_library()

    def remove_selected(self) -> None:
        from workbench.core.engines.remote import remove_server

        items = self.servers.selectedItems()
        if not items:
            return
        server = remove_server(items[0].data(QtCore.Qt.UserRole))
        self.status.setText(self.tr("Removed {url} and its key.").format(url=server.url))
        self._list_servers()
        self.ctx.refresh_library()

    def reject(self) -> None:
        self.slot.shutdown()
        super().reject()
