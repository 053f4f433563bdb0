"""The Models tab: ``tab.py`` (the tab), ``library_page.py`` (the Library page's widgets) and ``library.py``
(its controller); the hub pages are in ``workbench.ui.tabs.hub``."""

from workbench.ui.tabs.models.tab import ModelsTab

__all__ = ["ModelsTab"]
