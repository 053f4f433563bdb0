"""The Fine-tune tab's "From scratch" page: a short real run shows samples and charts; Compare runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pretrain_support import sentences

from workbench.core.pretrain.train import PretrainConfig, run_pretraining
from workbench.ui.tabs.finetune import FinetuneTab
from workbench.ui.tabs.finetune.pretrain_page import scratch_runs_dir


@pytest.fixture
def tab(qtbot, ctx):
    widget = FinetuneTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    widget.shutdown()


def tiny(page, arch="lstm"):
    page.arch.setCurrentIndex(page.arch.findData(arch))
    page.layers.setValue(1)
    page.hidden.setValue(32)
    page.heads.setValue(2)
    page.context.setValue(16)
    page.batch.setValue(8)
    page.epochs.setValue(2)
    page.sample_every.setValue(3)


def test_a_short_run_shows_parameters_samples_and_charts(qtbot, tab, tmp_path):
    page = tab.scratch
    assert tab.pages.tabText(tab.pages.indexOf(page)) == "From scratch"
    tab.pages.setCurrentWidget(page)
    data = tmp_path / "story.txt"
    data.write_text(sentences(80), encoding="utf-8")
    page.open_data(data)
    tiny(page)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=60000)
    assert "parameters" in page.summary.text() and page.start_button.isEnabled()
    parameters = page.plan["parameters"]

    with qtbot.waitSignal(page.run_ended, timeout=300000) as ended:
        page.start_button.click()
        assert page.cancel_button.isEnabled() and not page.start_button.isEnabled()
    assert ended.args == ["finished"], page.status.text()
    assert page.samples.count() >= 3  # every 3 steps, and the final ones
    assert page.charts.points("loss") > 0 and page.charts.points("metric") > 0
    assert page.last_result["parameters"] == parameters
    assert "in the library as" in page.status.text() and page.try_button.isEnabled()
    assert (Path(page.last_result["model_path"]) / "model.safetensors").exists()

    # train the finished run longer: the charts keep the first part, the model is replaced in place
    assert page.longer_button.isEnabled() and not page.resume_button.isEnabled()
    first = page.last_result
    page.more_steps.setValue(4)
    with qtbot.waitSignal(page.run_ended, timeout=300000) as ended:
        page.longer_button.click()
    assert ended.args == ["finished"], page.status.text()
    assert page.last_result["step"] == first["step"] + 4 and page.last_result["model_path"] == first["model_path"]
    assert page.charts.points("loss") > 0 and page.longer_button.isEnabled()


def test_bad_settings_are_shown_before_starting(qtbot, tab, tmp_path):
    page = tab.scratch
    data = tmp_path / "short.txt"
    data.write_text("far too short", encoding="utf-8")
    page.open_data(data)
    qtbot.waitUntil(lambda: not page.banner.isHidden(), timeout=60000)
    assert "too short" in page.summary.text() and not page.start_button.isEnabled()


def test_compare_runs_shows_two_curves_and_samples_side_by_side(qtbot, tab, tmp_path):
    data = tmp_path / "story.txt"
    data.write_text(sentences(80), encoding="utf-8")
    for arch in ("lstm", "transformer"):
        run_pretraining(PretrainConfig(data=str(data), arch=arch, layers=1, hidden=32, heads=2, context=16,
                                       batch_size=8, epochs=2, sample_every=3), scratch_runs_dir() / f"story-{arch}")
    page = tab.scratch
    page.pages.setCurrentIndex(1)  # Compare runs: refreshes the run lists
    assert page.compare_combos[0].count() == 2
    page.compare_combos[1].setCurrentIndex(1 - page.compare_combos[0].currentIndex())
    assert all(curve.getData()[0] is not None and len(curve.getData()[0]) >= 2 for curve in page.compare_curves)
    assert all(samples.count() >= 2 for samples in page.compare_samples)
    titles = {title.text().split(" ")[0] for title in page.compare_titles}
    assert titles == {"LSTM", "Transformer"}
