"""The Library page's job wiring: Cancel shows while a job runs, stops it, and the page is usable again."""

from __future__ import annotations

from workbench.core.jobs import Cancelled, Progress
from workbench.ui.tabs.models import ModelsTab


def test_cancel_stops_the_running_job_and_frees_the_page(qtbot, ctx):
    tab = ModelsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    page, library = tab.library, tab.library_controller
    assert page.cancel_button.isHidden() and page.import_folder_button.isEnabled()

    def slow_copy(cancel, progress):
        progress(Progress(1, 4, "Copying weights", unit="B"))
        if cancel.wait(30):
            raise Cancelled()

    library._run(slow_copy, label="Importing a big model", on_success=lambda _: None)
    assert library.slot.running and not page.import_folder_button.isEnabled()
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.format() == "Copying weights – %p%", timeout=5000)
    assert page.progress.value() == 250
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not library.slot.running, timeout=5000)
    assert page.status.text() == "Stopped."
    assert page.cancel_button.isHidden() and page.progress.isHidden() and page.import_folder_button.isEnabled()
    assert not tab.banner.isVisible()
