"""The Models tab's Hub pages: ``search_page`` (search and a model's page) and ``downloads_page`` (the queue)."""

from workbench.ui.tabs.hub.downloads_page import DownloadsPage
from workbench.ui.tabs.hub.search_page import SearchPage, render_card

__all__ = ["DownloadsPage", "SearchPage", "render_card"]
