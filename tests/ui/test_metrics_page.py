"""The Metrics page of the Tasks tab and the text tasks' "score against a reference" box."""

from __future__ import annotations

import pytest

from workbench.core import metrics as M
from workbench.ui.tabs.metrics_page import EXAMPLES, MetricsPage
from workbench.ui.tabs.tasks import TasksTab


@pytest.fixture
def page(qtbot, ctx):
    widget = MetricsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    widget.shutdown()


def score(qtbot, page):
    page.score_button.click()
    qtbot.waitUntil(lambda: not page.slot.running, timeout=20000)


def test_scores_shown_are_the_libraries_and_the_row_overlaps_follow_the_row(qtbot, page):
    preds, refs = EXAMPLES["zh"]
    page.fill_example("zh")
    page.set_metrics(["bleu", "rouge", "token_f1", "distinct"])
    score(qtbot, page)
    expected = M.score(preds, refs, ["bleu", "rouge"])
    text = page.results.toPlainText()
    assert f"{expected['bleu']['score']:.2f}" in text and f"{expected['rouge']['rougeL']:.4f}" in text
    assert "each Chinese character a token" in text and "Distinct-n" in text and "zh" in text
    assert M.explanation("bleu") in text
    assert "今天天气" in page.overlaps.toPlainText()  # row 1's longest common subsequence
    page.row.setValue(3)
    qtbot.waitUntil(lambda: "机器翻译的质量" in page.overlaps.toPlainText(), timeout=10000)


def test_bad_input_says_what_and_where(qtbot, page, tmp_path):
    page.set_texts(["a", "b"], ["a"])
    score(qtbot, page)
    assert "2 predictions but 1 references" in page.status.text()
    page.set_metrics([])
    page.set_texts(["a"], ["a"])
    score(qtbot, page)
    assert "No metric is ticked" in page.status.text()
    table = tmp_path / "pairs.csv"
    table.write_text("output,target\nhello there,hello\nbye\n", encoding="utf-8")
    page.load_table(str(table))
    qtbot.waitUntil(lambda: "row 3" in page.status.text(), timeout=10000)
    assert "pairs.csv" in page.status.text() and "“target”" in page.status.text()
    page.load_lines(page.predictions, str(tmp_path / "missing.txt"))
    qtbot.waitUntil(lambda: "missing.txt" in page.status.text(), timeout=10000)


def test_table_columns_are_guessed_and_scored(qtbot, page, tmp_path):
    table = tmp_path / "labels.csv"
    table.write_text("text,prediction,label\nx,pos,pos\ny,neg,pos\nz,neg,neg\n", encoding="utf-8")
    page.load_table(str(table))
    qtbot.waitUntil(lambda: "Read 3 rows" in page.status.text(), timeout=10000)
    assert (page.pred_column.currentText(), page.ref_column.currentText()) == ("prediction", "label")
    page.set_metrics(["f1"])
    score(qtbot, page)
    assert "macro F1" in page.results.toPlainText() and "0.6667" in page.results.toPlainText()


def test_tasks_tab_lists_metrics_and_scores_a_qa_answer(qtbot, ctx):
    from workbench.core.tasks import Span, TaskResult

    tab = TasksTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    try:
        page = tab.show_metrics()
        assert tab.pages_stack.currentWidget() is page and tab.task_list.currentItem().text() == "Metrics"
        tab.select_task("sentiment")
        assert tab.pages_stack.currentIndex() == 0 and not tab.page.reference_box.isVisibleTo(tab)
        tab.select_task("qa")
        assert tab.page.reference_box.isVisibleTo(tab)
        tab.page.reference_box.reference.setText("The Eiffel Tower.")
        source = "Paris is known for the Eiffel Tower."
        tab.show_result(TaskResult("qa", "m", "qa", "spans", source=source,
                                   spans=[Span(22, 35, "answer", 0.9, "Eiffel Tower")]))
        qtbot.waitUntil(lambda: "exact match" in tab.page.reference_box.scores.text(), timeout=10000)
        scores = tab.page.reference_box.scores.text()
        assert "exact match 1" in scores and "token F1 1.000" in scores
        tab.select_task("translate")
        tab.page.reference_box.reference.setText("the cat is on the mat")
        tab.show_result(TaskResult("translate", "m", "seq2seq", "text", text="the cat sat on the mat"))
        qtbot.waitUntil(lambda: "BLEU" in tab.page.reference_box.scores.text(), timeout=10000)
        bleu = M.score(["the cat sat on the mat"], ["the cat is on the mat"], ["bleu"])["bleu"]["score"]
        assert f"BLEU {bleu:.2f}" in tab.page.reference_box.scores.text()
    finally:
        tab.shutdown()
