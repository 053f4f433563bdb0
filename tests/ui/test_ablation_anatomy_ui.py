"""The Switch heads off page of the Attention tab and the Anatomy dialog of the Models tab, offscreen."""

from __future__ import annotations

import subprocess

import pytest

from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt


@pytest.fixture
def page(qtbot, ctx, tiny):
    from workbench.ui.tabs.attention.ablation_page import AblationPage

    ctx.service.load(str(tiny("gpt2")))  # loaded first: the page's job measures its own work, not a load
    ctx.set_model(str(tiny("gpt2")))
    view = AblationPage(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitUntil(lambda: view.grid.rowCount() == 2 and view.grid.columnCount() == 4, timeout=30_000)
    yield view
    view.shutdown()


def _click_cell(qtbot, grid, layer, head):
    rect = grid.visualRect(grid.model().index(layer, head))
    qtbot.mouseClick(grid.viewport(), Qt.LeftButton, pos=rect.center())


def test_heads_chosen_on_the_grid_run_and_show_the_models_numbers(qtbot, page, ctx, tiny):
    from workbench.core.inspect.ablation import load_and_ablate

    page.run_button.click()
    assert "No head" in page.status.text()  # nothing chosen: said, nothing run
    _click_cell(qtbot, page.grid, 0, 1)
    page.grid.verticalHeader().sectionClicked.emit(1)  # the layer's label: all its heads
    assert page.grid.heads() == [(0, 1), (1, 0), (1, 1), (1, 2), (1, 3)]
    assert "0.1" in page.chosen.text() and page.grid.item(0, 1).text() == "✕"
    page.grid.verticalHeader().sectionClicked.emit(1)  # again: on again
    assert page.grid.heads() == [(0, 1)]
    page.grid.verticalHeader().sectionClicked.emit(1)
    page.mode.setCurrentIndex(page.mode.findData("mean"))
    page.top_k.setValue(5)
    page.new_tokens.setValue(4)
    beat = Heartbeat().start()
    page.run_button.click()
    assert page.stop_button.isEnabled() and not page.scan_button.isEnabled()
    qtbot.waitUntil(lambda: page.slot.job is None, timeout=60_000)
    gap = beat.stop()
    result = page.result
    assert result is not None and result.mode == "mean" and len(result.heads) == 5
    expected = load_and_ablate(ctx.service, str(tiny("gpt2")), page.text.toPlainText(), result.heads, "mean", 5, 4)
    assert [t.id for t in result.after] == [t.id for t in expected.after]
    assert page.after.rowCount() == 5 and page.after.item(0, 1).text() == f"{expected.after[0].prob:.4f}"
    assert page.before.item(0, 2).text() == f"{expected.before[0].change:+.4f}"
    assert f"{expected.kl:.4g}" in page.kl.text()
    assert expected.continuation_after in page.continuations.toPlainText()
    assert gap < 1000


def test_scan_colours_the_grid_and_bad_layers_are_said(qtbot, page):
    page.layers.setText("0-7")
    page.scan_button.click()
    qtbot.waitUntil(lambda: page.slot.job is None, timeout=60_000)
    assert "⚠" in page.status.text() and "0–1" in page.status.text()
    page.layers.setText("all")
    page.scan_button.click()
    qtbot.waitUntil(lambda: page.slot.job is None, timeout=60_000)
    scan = page.scan
    assert scan is not None and len(scan.effects) == 8
    best = scan.ranked()[0]
    assert page.grid.item(best.layer, best.head).background().color().green() < 100  # the reddest cell
    assert f"{best.layer}.{best.head}" in page.status.text()
    assert "KL" in page.grid.item(best.layer, best.head).toolTip()


def test_page_on_a_model_without_heads_says_so(qtbot, ctx, tiny):
    from workbench.ui.tabs.attention.ablation_page import AblationPage

    ctx.set_model(str(tiny("t5")))
    view = AblationPage(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: "⚠" in view.status.text(), timeout=30_000)
    assert "encoder-decoder" in view.status.text()
    view.shutdown()


def test_attention_tab_has_the_page(qtbot, ctx):
    from workbench.ui.tabs.attention import AttentionTab

    tab = AttentionTab(ctx)
    qtbot.addWidget(tab)
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert titles[0] == "Heatmap" and "Switch heads off" in titles
    tab.shutdown()


def test_anatomy_from_the_models_tab(qtbot, ctx, tiny):
    import transformers

    from workbench.ui.tabs.anatomy_dialog import AnatomyDialog
    from workbench.ui.tabs.models import ModelsTab

    ctx.library.import_folder(tiny("llama"), name="tiny-llama")
    tab = ModelsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    ctx.refresh_library()
    page = tab.library
    assert not page.anatomy_button.isEnabled()
    qtbot.waitUntil(lambda: page.select("tiny-llama"), timeout=30_000)
    assert page.anatomy_button.isEnabled()
    beat = Heartbeat().start()
    page.anatomy_button.click()
    dialog = next(w for w in page.findChildren(AnatomyDialog))
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert beat.stop() < 1000
    total = sum(p.numel() for p in transformers.AutoModelForCausalLM.from_pretrained(tiny("llama")).parameters())
    assert dialog.result.parameters == total and f"{total:,}" in dialog.total.text()
    assert not ctx.service.loaded()  # no weights were read
    labels = [dialog.summary.item(r, 0).text() for r in range(dialog.summary.rowCount())]
    assert "Key/value heads" in labels and "Head size (d_k)" in labels
    top = [dialog.tree_model.item(r, 0).text() for r in range(dialog.tree_model.rowCount())]
    assert top == ["model", "lm_head"]
    assert "model.embed_tokens.weight" in dialog.tree_model.item(1, 3).text()
    layers = dialog.tree_model.item(0, 0).child(1, 0)
    assert layers.text() == "layers" and layers.rowCount() == 2
    assert dialog.tree.isExpanded(layers.index())
    dialog.close()


@pytest.fixture
def chinese(qapp, tmp_path, monkeypatch):
    """The interface in Chinese, compiled from the .ts as test_i18n does."""
    from test_i18n import TS, _tool

    from workbench.ui import i18n

    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(tmp_path / "workbench_zh_CN.qm")], check=True,
                   capture_output=True)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


def test_anatomy_dialog_in_chinese(qtbot, ctx, tiny, chinese):
    from test_i18n import KEPT, _untranslated

    from workbench.ui.tabs.anatomy_dialog import AnatomyDialog

    dialog = AnatomyDialog(ctx, str(tiny("llama")))  # deletes itself on close
    dialog.show()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert not _untranslated(dialog, KEPT + ["workbench anatomy"])  # a command is typed as it is
    cells = [dialog.summary.item(r, c).text() for r in range(dialog.summary.rowCount()) for c in (0, 2)]
    assert "键/值头数" in cells and "旋转位置编码（RoPE）" in [dialog.summary.item(r, 1).text()
                                                   for r in range(dialog.summary.rowCount())]
    assert "个参数" in dialog.total.text()
    dialog.close()
