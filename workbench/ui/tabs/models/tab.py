"""The Models tab: its pages (Library, Search the Hub, Downloads), each a view with its controller."""

from __future__ import annotations

from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.models.library import LibraryController
from workbench.ui.tabs.models.library_page import LibraryPage


class ModelsTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Models")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        self.library = LibraryPage()
        self.library_controller = LibraryController(ctx, self.library, self.banner)
        self.pages.addTab(self.library, self.tr("Library"))
        from workbench.ui.tabs.hub import DownloadsController, DownloadsPage, SearchPage

        self.downloads = DownloadsPage()
        self.downloads_controller = DownloadsController(ctx, self.downloads)
        self.hub_search = SearchPage(ctx, self.downloads_controller)
        self.pages.addTab(self.hub_search, self.tr("Search the Hub"))
        self.pages.addTab(self.downloads, self.tr("Downloads"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

    def shutdown(self) -> None:
        self.library_controller.shutdown()
        self.hub_search.shutdown()
        self.downloads_controller.shutdown()

    def smoke(self, model: str, done: SmokeDone) -> None:
        def listed(entries):
            names = [e.name for e in entries]
            done(model in names, f"{len(entries)} models listed")

        self.ctx.pool.submit(self.ctx.library.list, name="smoke-library", on_success=listed,
                             on_error=lambda info: done(False, info.message))
