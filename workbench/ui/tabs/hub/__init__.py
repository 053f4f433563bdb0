"""The Models tab's Hub pages: ``search_page`` (search and a model's page), ``downloads_page`` (the queue's
widgets) and ``downloads`` (the queue's controller)."""

from workbench.ui.tabs.hub.downloads import DownloadItem, DownloadsController
from workbench.ui.tabs.hub.downloads_page import DownloadsPage
from workbench.ui.tabs.hub.search_page import SearchPage, render_card

__all__ = ["DownloadItem", "DownloadsController", "DownloadsPage", "SearchPage", "render_card"]
