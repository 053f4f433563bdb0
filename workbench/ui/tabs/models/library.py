"""The Library page's controller: load, use, unload, import, remove, export, anatomy, each a core call.

One job at a time runs through a ``JobSlot`` (the page's progress bar, Cancel button and status line; errors in
the tab's banner). Unloading runs beside it on jobs of its own: the service waits for a job running on the model
to end, several models may be unloading at once, and none of that may block a load or an import.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.jobs import Progress
from workbench.core.library import ModelEntry
from workbench.ui.errors import ErrorBanner
from workbench.ui.qt import QtCore, QtGui
from workbench.ui.tabs.models.library_page import LibraryPage
from workbench.ui.workers import JobSlot


def _in_use(handle) -> bool:
    """Whether a job holds the model now (its lock is taken); never waits."""
    if handle.lock.acquire(blocking=False):
        handle.lock.release()
        return False
    return True


def _unload(service, handles) -> None:
    for handle in handles:
        service.unload(handle)


def _unload_and_remove(service, handles, library, name: str) -> str:
    _unload(service, handles)
    return library.remove(name)


class LibraryController(QtCore.QObject):
    def __init__(self, ctx, page: LibraryPage, banner: ErrorBanner):
        super().__init__(page)
        self.ctx, self.page, self.banner = ctx, page, banner
        self._unloading: set[str] = set()  # names being unloaded on a worker
        self.slot = JobSlot(ctx.pool, self, progress=page.progress, stop_buttons=[page.cancel_button],
                            status=page.status.setText)
        self.slot.running_changed.connect(self._show_state)
        page.cancel_button.clicked.connect(self.slot.stop)
        for button, action in ((page.load_button, self.load_selected), (page.use_button, self.use_selected),
                               (page.unload_button, self.unload_selected),
                               (page.import_folder_button, self.import_folder), (page.import_gguf_button, self.import_gguf),
                               (page.remove_button, self.remove_selected), (page.open_button, self.open_folder),
                               (page.anatomy_button, self.show_anatomy), (page.refresh_button, ctx.refresh_library),
                               (page.export_button, self.export_selected), (page.server_button, self.add_server)):
            button.clicked.connect(lambda _checked=False, action=action: action())
        page.table.doubleClicked.connect(lambda _index: self.load_selected())
        page.selection_changed.connect(self._show_state)
        ctx.library_changed.connect(self._set_entries)
        ctx.loaded_changed.connect(self._update_loaded)
        self._show_state()

    # ---- state -----------------------------------------------------------------------------
    def _set_entries(self, entries: list[ModelEntry]) -> None:
        self.page.set_entries(entries)
        self._update_loaded()

    def _update_loaded(self) -> None:
        self.page.set_loaded({h.ref for h in self.ctx.service.loaded()})
        self._show_state()

    def _show_state(self, *_) -> None:
        self.page.show_state(self.slot.running, self._unloading)

    def _run(self, fn, *args, label: str, on_success, **kwargs) -> None:
        self.banner.hide()
        if self.slot.submit(fn, *args, name=label, on_events=self._percent, on_success=on_success,
                            on_error=self.banner.show_error, **kwargs) is not None:
            self.page.progress.setFormat(label)  # what runs, until its first progress message

    def _percent(self, events: list) -> None:
        """The slot shows each progress message; a copy or a download shows how far it is, too."""
        for event in events:
            if isinstance(event, Progress) and event.message and event.total:
                self.page.progress.setFormat(f"{event.message} – %p%")

    # ---- actions ---------------------------------------------------------------------------
    def load_selected(self) -> None:
        e = self.page.selected()
        if e is None or self.slot.running:
            return
        self.ctx.set_model(e.name)
        self._run(self.ctx.service.load, e.name, label=self.tr("Loading {name}").format(name=e.name),
                  on_success=lambda h: self.page.status.setText(
                      self.tr("Loaded {name} ({kind}) on {device} in {dtype} in {seconds:.1f} s.").format(
                          name=h.ref, kind=h.kind, device=h.device, dtype=h.dtype, seconds=h.load_seconds)))

    def use_selected(self) -> None:
        e = self.page.selected()
        if e:
            self.ctx.set_model(e.name)
            self.page.status.setText(self.tr("Every tab now uses {name}.").format(name=e.name))

    def unload_selected(self) -> None:
        """Unload on a worker: the service waits for a job running on the model (a generation, a capture)
        to end, and the window must not wait with it. The running job finishes first; the status says so."""
        e = self.page.selected()
        if e is None or e.name in self._unloading:
            return
        handles = [h for h in self.ctx.service.loaded() if h.ref == e.name]
        if not handles:
            return
        name = e.name
        if any(_in_use(h) for h in handles):
            self.page.status.setText(self.tr("Unloading {name} after its running job ends (stop the job to "
                                                  "unload it now)…").format(name=name))
        else:
            self.page.status.setText(self.tr("Unloading {name}…").format(name=name))
        self._unloading.add(name)
        self._show_state()

        def finished():
            self._unloading.discard(name)
            self._show_state()

        self.ctx.pool.submit(_unload, self.ctx.service, handles, name=f"unload-{name}",
                             on_success=lambda _: self.page.status.setText(
                                 self.tr("Unloaded {name}.").format(name=name)),
                             on_error=self.banner.show_error, on_finished=finished)

    def import_folder(self) -> None:
        folder = self.page.ask_folder()
        if folder is not None:
            self.start_import(folder)

    def import_gguf(self) -> None:
        path = self.page.ask_gguf()
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path) -> None:
        def imported(target):
            self.page.status.setText(self.tr("Imported {file} as {name}.").format(file=path.name,
                                                                                       name=Path(target).name))
            self.ctx.refresh_library()

        self._run(self.ctx.library.import_folder, path, label=self.tr("Importing {name}").format(name=path.name),
                  on_success=imported)

    def remove_selected(self) -> None:
        e = self.page.selected()
        if e is not None and self.page.confirm_remove(e):
            self.remove(e)

    def remove(self, e: ModelEntry) -> None:
        handles = [h for h in self.ctx.service.loaded() if h.ref == e.name]

        def removed(message):
            self.page.status.setText(message)
            self.ctx.refresh_library()

        self._run(_unload_and_remove, self.ctx.service, handles, self.ctx.library, e.name,
                  label=self.tr("Removing {name}").format(name=e.name), on_success=removed)

    def export_selected(self) -> None:
        from workbench.ui.export_dialog import ExportDialog

        e = self.page.selected()
        if e is not None:
            self.export_dialog = ExportDialog(self.ctx, e.name, self.page)
            self.export_dialog.show()

    def add_server(self) -> None:
        from workbench.ui.server_dialog import ServerDialog

        self.server_dialog = ServerDialog(self.ctx, self.page)
        self.server_dialog.show()

    def show_anatomy(self):
        from workbench.ui.tabs.anatomy_dialog import open_anatomy

        e = self.page.selected()
        if e:
            return open_anatomy(self.page, self.ctx, e.name)

    def open_folder(self) -> None:
        e = self.page.selected()
        if e:
            target = Path(e.path)
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(target if target.is_dir() else target.parent)))

    def shutdown(self) -> None:
        self.slot.shutdown()
