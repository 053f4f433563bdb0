"""The From scratch page with the n-gram architecture: its settings, the automatic choices shown with
reasons, and the n-gram table (counts, unsmoothed and smoothed probabilities of the model)."""

from __future__ import annotations

import pytest
from pretrain_support import sentences

from workbench.core.pretrain import ngram
from workbench.core.pretrain.train import PretrainConfig, run_pretraining
from workbench.ui.tabs.finetune import FinetuneTab


@pytest.fixture
def tab(qtbot, ctx):
    widget = FinetuneTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    widget.shutdown()


def test_ngram_settings_and_automatic_choices_with_reasons(qtbot, tab, tmp_path):
    page = tab.scratch
    data = tmp_path / "story.txt"
    data.write_text(sentences(80), encoding="utf-8")
    page.open_data(data)
    page.arch.setCurrentIndex(page.arch.findData("transformer"))
    page.minutes.setValue(1)
    qtbot.waitUntil(lambda: page.plan is not None and page.plan["arch"] == "transformer", timeout=60000)
    assert "Chosen for you" in page.summary.text() and "hidden = 64" in page.summary.text()
    assert "lr = 0.01" in page.summary.text()

    page.minutes.setValue(0)
    page.arch.setCurrentIndex(page.arch.findData("ngram"))
    assert page.order.isEnabled() and not page.layers.isEnabled() and not page.k.isEnabled()
    page.smoothing.setCurrentIndex(page.smoothing.findData("add-k"))
    assert page.k.isEnabled()
    page.order.setValue(4)
    qtbot.waitUntil(lambda: page.plan is not None and page.plan["arch"] == "ngram", timeout=60000)
    assert "orders 1 to 4" in page.summary.text()
    args = page.training_args()
    assert args[args.index("--order") + 1] == "4" and args[args.index("--smoothing") + 1] == "add-k"


def test_the_ngram_table_shows_the_models_counts_and_probabilities(qtbot, tab, ctx, tmp_path):
    data = tmp_path / "story.txt"
    data.write_text(sentences(120), encoding="utf-8")
    result = run_pretraining(PretrainConfig(data=str(data), arch="ngram", order=3, context=32), tmp_path / "story-kn")
    from workbench.core.library import ModelEntry

    table = tab.scratch.table  # the model as the library lists it (this test's app has a library of its own)
    table.set_models([ModelEntry(result["name"], "store", result["model_path"], model_type=ngram.MODEL_TYPE)])
    assert table.model.count() == 1
    tab.scratch.pages.setCurrentWidget(table)
    table.context.setText("the bi")
    table.show_table()
    qtbot.waitUntil(lambda: table.result is not None and table.result.context == ["b", "i"], timeout=30000)
    assert table.table.item(0, 0).text() == "‹r›" and "order-3" in table.summary.text()
    model, tokenizer = ngram.load_table_model(result["model_path"])
    expected = model.distribution(tokenizer("bi", add_special_tokens=False)["input_ids"])
    assert float(table.table.item(0, 3).text()) == pytest.approx(expected.max(), abs=1e-4)
    assert int(table.table.item(0, 1).text()) == table.result.context_count > 0
    assert float(table.table.item(0, 2).text()) == 1.0  # "bi" is always followed by "r" in this text
