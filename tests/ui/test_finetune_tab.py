"""The Fine-tune tab: what a user sees while checking data and while a real (tiny) run trains."""

from __future__ import annotations

import pytest
from finetune_support import classification_csv, write_rows

from workbench.core.finetune import runs
from workbench.core.finetune.compare import compare_with_base
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt
from workbench.ui.tabs.finetune.training_run import steady_range


@pytest.fixture
def tab(finetune_tab):
    return finetune_tab


def open_and_check(qtbot, tab, path, task="classification"):
    tab.open_data(path, task=task)
    qtbot.waitUntil(lambda: tab.data.table is not None and tab.data.table.path == path, timeout=20000)
    qtbot.waitUntil(lambda: tab.report is not None and "Checking" not in tab.data.summary.text(), timeout=30000)


def test_problems_are_listed_and_clicking_one_selects_its_row(qtbot, tab, tmp_path):
    rows = [[f"good {i}", "pos"] for i in range(6)] + [["", "neg"], ["bad", "neg"], ["bad", "neg"]] + \
           [[f"bad {i}", "neg"] for i in range(5)]
    path = write_rows(tmp_path / "reviews.csv", ["review", "sentiment"], rows)
    open_and_check(qtbot, tab, path)

    assert tab.data.role_combos["text"].currentText() == "review"  # guessed from names
    assert tab.data.role_combos["label"].currentText() == "sentiment"
    assert "1 error block training" in tab.data.summary.text() and "1 warning" in tab.data.summary.text()
    messages = [tab.data.problems.item(i).text() for i in range(tab.data.problems.count())]
    assert "Row 8, column 'review': the cell is empty. Fill it in or delete the row." in messages
    assert "Row 10 repeats row 9." in messages
    assert not tab.train.start_button.isEnabled() and not tab.train.estimate_button.isEnabled()

    tab.data.problems.setCurrentRow(messages.index("Row 10 repeats row 9."))
    selected = tab.data.preview.selectionModel().selectedRows()
    assert [tab.data.preview_model.headerData(i.row(), Qt.Vertical) for i in selected] == ["10"]
    assert tab.data.preview_model.headerData(0, Qt.Vertical) == "2"  # header = row 1, as in a spreadsheet

    # Mapping the text to a column without gaps clears the error.
    tab.data.role_combos["text"].setCurrentText("sentiment")
    qtbot.waitUntil(lambda: "Ready" in tab.data.summary.text(), timeout=30000)


def test_an_unreadable_file_says_why_in_the_banner(qtbot, tab, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    tab.open_data(path)
    qtbot.waitUntil(lambda: tab.banner.isVisible(), timeout=10000)
    assert "export.csv looks like a binary file" in tab.banner.text.text()
    assert tab.data.preview_model.rowCount() == 0 and not tab.train.start_button.isEnabled()


def test_a_real_run_streams_charts_and_keeps_the_gui_responsive(qtbot, tab, ctx, tmp_path):
    open_and_check(qtbot, tab, classification_csv(tmp_path, 40))
    assert tab.train.start_button.isEnabled()
    tab.train.epochs.setValue(2)
    tab.train.batch.setValue(4)
    tab.train.eval_steps.setValue(3)
    tab.train.name.setText("tab-sentiment")
    heartbeat = Heartbeat().start()
    with qtbot.waitSignal(tab.run_ended, timeout=240000) as ended:
        tab.start_training()
        assert tab.train.cancel_button.isEnabled() and not tab.train.start_button.isEnabled()
    max_gap_ms = heartbeat.stop()
    assert ended.args == ["finished"]
    print(f"\nworst GUI heartbeat gap during the run: {max_gap_ms:.0f} ms ({heartbeat.beats} beats)")
    assert max_gap_ms < 500  # the run is a child process: the GUI thread only reads events and redraws charts
    assert tab.train.status.text().startswith("Finished in") and "tab-sentiment" in tab.train.status.text()
    assert tab.train.progress.format() == "Finished"
    assert tab.train.charts.points("loss") >= 2 and tab.train.charts.points("eval_loss") >= 2
    assert tab.train.charts.plots["metric"].titleLabel.text == "accuracy"

    tab.refresh_runs()
    assert tab.runs.runs_table.item(0, 1).text() == "finished" and tab.runs.runs_table.item(0, 0).text() == "tab-sentiment"
    assert "accuracy" in tab.runs.runs_table.item(0, 4).text()
    with qtbot.waitSignal(ctx.open_in_tab) as opened:
        tab.train.try_button.click()
    assert opened.args == ["Tasks", "tab-sentiment"]

    tab.runs.runs_table.selectRow(0)
    tab.train.charts.clear()
    tab.runs.compare_runs_button.click()  # one run selected: its curves from the event log
    assert tab.train.charts.points("loss") >= 2 and tab.pages.currentIndex() == 1
    assert tab.train.status.text() == "Charts: tab-sentiment"
    assert tab.runs.compare_base_button.isEnabled()
    tab.runs.compare_base_button.click()
    qtbot.waitUntil(lambda: tab.runs.comparison.rowCount() > 0, timeout=60000)
    compared = compare_with_base(ctx.service, tab.run_dir)  # the run's held-out rows, base and fine-tuned answers
    table = tab.runs.comparison
    assert [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())] == \
        [[str(row.row), row.input, row.base, row.tuned, row.expected] for row in compared]
    assert "held-out rows" in tab.runs.run_detail.text()
    qtbot.waitUntil(lambda: tab.comparing.job is None, timeout=10000)


def test_cancel_keeps_a_checkpoint_and_resume_finishes(qtbot, tab, tmp_path):
    open_and_check(qtbot, tab, classification_csv(tmp_path, 40))
    tab.train.epochs.setValue(60)  # long enough to cancel in the middle
    tab.train.batch.setValue(2)
    tab.train.save_steps.setValue(5)
    with qtbot.waitSignal(tab.run_ended, timeout=240000) as ended:
        tab.start_training()
        qtbot.waitUntil(lambda: "Checkpoint saved" in tab.train.status.text(), timeout=120000)
        tab.train.cancel_button.click()
    assert ended.args == ["cancelled"]
    assert "kept, resume to continue" in tab.train.status.text()
    assert runs.last_checkpoint(tab.run_dir) is not None
    assert tab.runs.runs_table.item(0, 1).text() == "cancelled"
    tab.runs.runs_table.selectRow(0)
    assert tab.runs.resume_button.isEnabled() and not tab.runs.add_button.isEnabled()


def test_a_failed_run_says_why_and_never_done(qtbot, tab, tmp_path):
    open_and_check(qtbot, tab, classification_csv(tmp_path, 20))
    tab.train.model_combo.setCurrentText("no-such-model")
    qtbot.waitUntil(lambda: tab.report is not None and "Checking" not in tab.data.summary.text(), timeout=30000)
    with qtbot.waitSignal(tab.run_ended, timeout=120000) as ended:
        tab.start_training()
    assert ended.args == ["failed"]
    assert tab.banner.isVisible()
    assert "Training failed: No model called 'no-such-model' is on this computer." in tab.banner.text.text()
    assert tab.train.progress.format() == "Failed" and "Finished" not in tab.train.status.text()
    assert tab.train.log_button.isEnabled()
    tab.show_log()
    assert "No model called 'no-such-model'" in tab.log_view.toPlainText()
    tab.log_dialog.close()


def test_smoke_checks_the_example_file(qtbot, tab, tiny):
    outcome = {}
    tab.smoke(str(tiny("bert-classifier")), lambda ok, message: outcome.update(ok=ok, message=message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome == {"ok": True, "message": "320 example rows checked, 0 problems"}


def test_estimate_runs_a_few_real_steps(qtbot, tab, tmp_path):
    open_and_check(qtbot, tab, classification_csv(tmp_path, 40))
    tab.train.estimate_button.click()
    assert "Estimating" in tab.train.estimate_label.text()
    qtbot.waitUntil(lambda: not tab.busy, timeout=120000)
    text = tab.train.estimate_label.text()
    from workbench.core.devices import pick_device

    assert text.startswith("<b>About ") and f"s per step on {pick_device('auto')}" in text
    assert text.count("<b>fits</b>") == 1  # a tiny model's few steps fit in any test machine's memory
    assert tab.train.start_button.isEnabled()


def test_a_crashed_child_is_reported_and_resumable(qtbot, tab, tmp_path):
    open_and_check(qtbot, tab, classification_csv(tmp_path, 40))
    tab.train.epochs.setValue(60)
    tab.train.batch.setValue(2)
    tab.train.save_steps.setValue(5)
    with qtbot.waitSignal(tab.run_ended, timeout=240000) as ended:
        tab.start_training()
        qtbot.waitUntil(lambda: "Checkpoint saved" in tab.train.status.text(), timeout=120000)
        tab.child.process.kill()  # like an out-of-memory kill: no chance to clean up
    assert ended.args == ["failed"]
    assert "The training process stopped unexpectedly" in tab.banner.text.text()
    assert tab.train.progress.format() == "Failed"
    assert tab.runs.runs_table.item(0, 1).text() == "interrupted"
    tab.runs.runs_table.selectRow(0)
    assert tab.runs.resume_button.isEnabled()


def test_chart_ranges_move_only_when_the_data_outgrows_them():
    first = steady_range(None, 1, 3, above=0.5)
    assert first == (0.9, 4.0)  # room to grow to the right
    assert steady_range(first, 1, 4, above=0.5) is None  # still fits: the axes are not redrawn
    grown = steady_range(first, 1, 5, above=0.5)
    assert grown == (0.8, 7.0)
    assert steady_range((0.0, 100.0), 40, 45) == (39.75, 45.25)  # a third empty: zoom in again
    assert steady_range(None, 2.0, 2.0) == (1.9, 2.1)  # one point still gets a visible range
    assert steady_range((1.9, 2.1), 2.0, 2.0) is None  # a flat curve keeps its range
    assert steady_range(None, 0.0, 0.0) == (-1e-9, 1e-9)
