"""The Tasks tab offers the Chinese example only for a model whose tokenizer reads Chinese, and says why not."""

from __future__ import annotations

import shutil

from zh_support import chinese_wordpiece

from workbench.ui.tabs.tasks import TasksTab


def test_chinese_example_only_for_models_that_read_chinese(qtbot, ctx, tiny, tmp_path):
    zh_folder = tmp_path / "zh-classifier"
    shutil.copytree(tiny("bert-classifier"), zh_folder)
    chinese_wordpiece(zh_folder)
    ctx.library.import_folder(zh_folder, name="tiny-zh-classifier")
    ctx.library.import_folder(tiny("llama"), name="tiny-llama")
    tab = TasksTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    try:
        ctx.refresh_library()
        qtbot.waitUntil(lambda: "tiny-llama" in tab.facts and "tiny-zh-classifier" in tab.facts, timeout=20000)
        tab.select_task("classify")
        tab.page.model_picker.setCurrentIndex(tab.page.model_picker.findData("tiny-llama"))
        qtbot.waitUntil(lambda: "tokens per character" in tab.page.zh_note.text(), timeout=20000)
        assert tab.page.zh_note.isVisible() and not tab.page.zh_button.isVisible()
        assert "hidden" in tab.page.zh_note.text()
        tab.page.model_picker.setCurrentIndex(tab.page.model_picker.findData("tiny-zh-classifier"))
        qtbot.waitUntil(lambda: tab.page.zh_button.isVisible(), timeout=20000)
        assert not tab.page.zh_note.isVisible()
        tab.page.zh_button.click()
        assert "难吃" in tab.page.inputs["text"].toPlainText() or any("\u4e00" <= c <= "\u9fff"
                                                                  for c in tab.page.inputs["text"].toPlainText())
    finally:
        tab.shutdown()
