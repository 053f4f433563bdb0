"""The Models tab's hub pages as a user sees them: search, model page, downloads, token, offline."""

from __future__ import annotations

from pathlib import Path

from hub_support import REPO, WEIGHTS, Fault, hub_server, sha256  # noqa: F401  (fixture)

from workbench.core import paths
from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt
from workbench.ui.tabs.hub import DownloadsController, DownloadsPage, SearchPage
from workbench.ui.tabs.models import ModelsTab


def make_tab(qtbot, ctx) -> ModelsTab:
    tab = ModelsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    return tab


def make_downloads(qtbot, ctx) -> DownloadsController:
    """The Downloads page on its own, with its controller."""
    page = DownloadsPage()
    qtbot.addWidget(page)
    downloads = DownloadsController(ctx, page)
    page.show()  # first shown: the controller reads the token store
    return downloads


def wait_state(qtbot, item, state, timeout=30000):
    qtbot.waitUntil(lambda: item.state == state, timeout=timeout)


def test_search_open_model_choose_files_and_download(qtbot, ctx, hub_server):
    tab = make_tab(qtbot, ctx)
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == ["Library", "Search the Hub", "Downloads"]
    page: SearchPage = tab.hub_search
    tab.pages.setCurrentWidget(page)
    page.search()
    # 48 models, pages of 30: the second page loads by itself because the first does not fill the list,
    # or when the user scrolls to the end.
    qtbot.waitUntil(lambda: page.results.rowCount() == len(hub_server.repos), timeout=15000)
    assert page.results.rows[0].repo_id == REPO
    assert "48 models shown." in page.status.text()
    assert page.results.data(page.results.index(1, 5)) == ""
    gated_row = next(i for i, r in enumerate(page.results.rows) if r.gated)
    assert page.results.data(page.results.index(gated_row, 5)) == "gated"

    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.page is not None, timeout=10000)
    assert "A test model." in page.card.toPlainText()  # the README's body, its markdown rendered
    assert "license:" not in page.card.toPlainText()  # the YAML front matter is not shown
    names = [page.files.topLevelItem(i).text(0) for i in range(page.files.topLevelItemCount())]
    assert WEIGHTS in names and page.files.topLevelItem(names.index(WEIGHTS)).text(1) == "4.2 MB"
    assert "Disk:" in page.fit_label.text() and "Memory for about" in page.fit_label.text()

    page.none_button.click()
    assert not page.download_button.isEnabled()
    page.files.topLevelItem(names.index("config.json")).setCheckState(0, Qt.Checked)
    qtbot.waitUntil(lambda: "no weight file is ticked" in page.fit_label.text(), timeout=5000)
    page.safetensors_button.click()
    assert sorted(page.chosen_files()) == sorted(names)
    page.files.topLevelItem(names.index("README.md")).setCheckState(0, Qt.Unchecked)
    page.download_button.click()
    assert tab.pages.currentWidget() is tab.downloads
    item = tab.downloads_controller.items[0]
    assert item.include and len(item.include) == 3
    with qtbot.waitSignal(ctx.library_changed, timeout=30000):
        wait_state(qtbot, item, "done")
    assert ctx.entry(REPO) is not None
    assert not (Path(item.path) / "README.md").exists() and (Path(item.path) / WEIGHTS).exists()
    row = tab.downloads_controller.items.index(item)
    assert tab.downloads.table.item(row, 1).text() == "Done"
    assert "3 files verified" in tab.downloads.status.text()
    tab.shutdown()


def test_download_page_stays_responsive(qtbot, ctx, hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(delay_per_chunk=0.01, chunk=64 * 1024))
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    beat = Heartbeat().start()
    item = downloads.enqueue(REPO)
    row = downloads.items.index(item)
    qtbot.waitUntil(lambda: item.file == WEIGHTS and page.table.item(row, 4).text().endswith("/s"), timeout=10000)
    assert page.table.item(row, 3).text().startswith(WEIGHTS)
    assert page.table.item(row, 1).text() == "Downloading"
    wait_state(qtbot, item, "done")
    gap = beat.stop()
    print(f"\nworst GUI heartbeat gap during the download: {gap:.0f} ms")  # also in `workbench bench download`
    assert gap < 500  # the download threads wait on sockets and disks, never on the GUI thread
    downloads.shutdown()


def test_pause_resume_and_retry(qtbot, ctx, hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(delay_per_chunk=0.05, chunk=64 * 1024))
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    item = downloads.enqueue(REPO)
    qtbot.waitUntil(lambda: item.file == WEIGHTS and item.file_done > 0, timeout=10000)
    downloads.select(item)
    page.pause_button.click()
    wait_state(qtbot, item, "paused", 5000)
    assert page.resume_button.isEnabled() and not page.pause_button.isEnabled()
    partial = paths.hf_cache_dir() / f"models--{REPO.replace('/', '--')}" / "blobs" / (
        sha256(hub_server.repos[REPO].files[WEIGHTS]) + ".incomplete")
    kept = partial.stat().st_size
    assert kept > 0
    assert [q.state for q in DownloadQueue().load()] == ["paused"]

    hub_server.set_fault(REPO, WEIGHTS, Fault(corrupt=True))
    page.resume_button.click()
    wait_state(qtbot, item, "failed")
    assert "failed verification" in page.banner.text.text()
    assert page.retry_button.isEnabled()

    hub_server.set_fault(REPO, WEIGHTS, None)
    page.retry_button.click()
    wait_state(qtbot, item, "done")
    assert DownloadQueue().load() == []
    downloads.shutdown()


def test_unfinished_downloads_are_offered_on_start(qtbot, ctx, hub_server):
    DownloadQueue().put(QueuedDownload(REPO, include=["*.json"], state="running"))
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    assert page.resume_offer.isVisible()
    assert "1 download did not finish last time (tester/tiny-model)" in page.resume_offer.text()
    item = downloads.items[0]
    assert page.table.item(0, 1).text() == "Interrupted"
    page.resume_all_button.click()
    assert not page.resume_offer.isVisible()
    wait_state(qtbot, item, "done")
    assert sorted(p.name for p in Path(item.path).iterdir()) == ["config.json", "tokenizer.json"]
    downloads.shutdown()


def test_errors_show_in_the_banner(qtbot, ctx, hub_server):
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    item = downloads.enqueue("gatekeeper/licensed-model")
    wait_state(qtbot, item, "failed")
    assert "gated or private" in page.banner.text.text() and "accept the licence" in page.banner.text.text()
    page.add_field.setText("not an id")
    page.add_button.click()
    assert "'not an id' is not a hub model id" in page.banner.text.text()
    page.add_field.setText("tester/missing")
    page.add_button.click()
    wait_state(qtbot, downloads.items[-1], "failed")
    assert "was not found on the hub" in page.banner.text.text()
    downloads.shutdown()


def test_offline_toggle_makes_search_say_so(qtbot, ctx, hub_server):
    tab = make_tab(qtbot, ctx)
    tab.downloads.offline.setChecked(True)
    assert ctx.settings.hf_offline
    tab.pages.setCurrentWidget(tab.hub_search)
    tab.hub_search.search()
    qtbot.waitUntil(lambda: tab.hub_search.banner.isVisible(), timeout=5000)
    assert "offline" in tab.hub_search.banner.text.text()
    assert not hub_server.stats.requests
    tab.downloads.offline.setChecked(False)
    tab.hub_search.search()
    qtbot.waitUntil(lambda: tab.hub_search.results.rowCount() > 0, timeout=10000)
    tab.shutdown()


def test_token_set_check_and_clear(qtbot, ctx, hub_server, monkeypatch, tmp_path):
    import huggingface_hub.constants as hf_constants
    import huggingface_hub.hf_api as hf_api
    from huggingface_hub import HfApi

    monkeypatch.setattr(hf_constants, "HF_TOKEN_PATH", str(tmp_path / "token"))
    monkeypatch.setattr(hf_constants, "HF_STORED_TOKENS_PATH", str(tmp_path / "stored_tokens"))
    monkeypatch.setattr(hf_api, "whoami", HfApi(endpoint=hub_server.url).whoami)
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    qtbot.waitUntil(lambda: page.token_label.text().startswith("none"), timeout=5000)  # read on a worker
    downloads.set_token("hf_nope")
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=5000)
    assert "did not accept this token" in page.banner.text.text()
    downloads.set_token("hf_validtoken")
    qtbot.waitUntil(lambda: page.token_label.text() == "Logged in as ada.", timeout=5000)
    downloads.check_token()
    qtbot.waitUntil(lambda: page.token_label.text() == "Logged in as ada.", timeout=5000)
    downloads.clear_token()
    qtbot.waitUntil(lambda: "removed" in page.token_label.text(), timeout=5000)
    assert not page.clear_token_button.isEnabled()
    downloads.shutdown()


def test_card_rendering_drops_front_matter_and_keeps_tables():
    from workbench.ui.tabs.hub import render_card

    html = render_card("---\nlicense: mit\n---\n# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n")
    assert "<h1>Title</h1>" in html and "<table>" in html and "<code>code" in html
    assert "license" not in html
    assert "no model card" in render_card("---\nlicense: mit\n---\n")


def test_cancel_removes_the_download_and_keeps_its_bytes(qtbot, ctx, hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(delay_per_chunk=0.05, chunk=64 * 1024))
    downloads = make_downloads(qtbot, ctx)
    page = downloads.page
    item = downloads.enqueue(REPO)
    queued = downloads.enqueue("tester/classifier")
    assert queued.state == "queued" and page.table.item(1, 1).text() == "Queued"
    qtbot.waitUntil(lambda: item.file == WEIGHTS and item.file_done > 0, timeout=10000)
    job = downloads.slot.job
    downloads.select(item)
    page.cancel_button.click()
    assert downloads.items == [queued] and page.table.rowCount() == 1
    assert "Cancelled tester/tiny-model." in page.status.text()
    qtbot.waitUntil(lambda: not job.running, timeout=1000)  # the job stops within a second
    wait_state(qtbot, queued, "done")  # the next download in the queue starts
    assert DownloadQueue().load() == []
    partial = paths.hf_cache_dir() / f"models--{REPO.replace('/', '--')}" / "blobs" / (
        sha256(hub_server.repos[REPO].files[WEIGHTS]) + ".incomplete")
    assert partial.stat().st_size > 0
    downloads.shutdown()
