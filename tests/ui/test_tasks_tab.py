"""The Tasks tab: run each kind of result view from the tab, the fitting model picker, Stop, errors, Try it."""

from __future__ import annotations

import shutil
import time

import pytest

from workbench.core.library import write_meta
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.tabs.tasks import TasksTab


@pytest.fixture
def tab(qtbot, ctx, tiny):
    for kind, name in (("bert-classifier", "tiny-classifier"), ("bert-ner", "tiny-ner"), ("bert-qa", "tiny-qa"),
                       ("bert", "tiny-encoder"), ("llama", "tiny-llama")):
        ctx.library.import_folder(tiny(kind), name=name)
    widget = TasksTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    ctx.refresh_library()
    qtbot.waitUntil(lambda: "tiny-llama" in widget.facts, timeout=20000)
    yield widget
    widget.shutdown()


def run_and_wait(qtbot, tab, timeout=30000):
    qtbot.mouseClick(tab.run_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    assert tab.stop_button.isEnabled()
    qtbot.waitUntil(lambda: tab.job is None, timeout=timeout)


def picker_names(tab):
    """The tiny models the picker offers (the starter models, when installed, are offered too)."""
    names = [tab.model_picker.itemData(i) for i in range(tab.model_picker.count())]
    return [n for n in names if n.startswith(("tiny-", "my-"))]


def choose(tab, task, model):
    tab.select_task(task)
    index = tab.model_picker.findData(model)
    assert index >= 0, f"{model} is not offered for {task}"
    tab.model_picker.setCurrentIndex(index)


def test_picker_offers_only_models_that_fit(tab):
    tab.select_task("ner")
    assert picker_names(tab) == ["tiny-ner"]
    tab.select_task("classify")
    assert picker_names(tab) == ["tiny-classifier", "tiny-llama"]  # dedicated models first
    assert "by prompting" in tab.model_picker.itemText(tab.model_picker.findData("tiny-llama"))
    tab.select_task("fill-mask")
    assert picker_names(tab) == []
    assert "No model on this computer fits fill the mask" in tab.model_hint.text()
    assert "masked language model" in tab.model_hint.text()
    assert not tab.run_button.isEnabled()


def test_sentiment_shows_score_bars(qtbot, tab):
    choose(tab, "sentiment", "tiny-classifier")
    run_and_wait(qtbot, tab)
    assert tab.result_pages.currentWidget() is tab.pages["labels"]
    assert sorted(label for label, _ in tab.scores.rows) == ["negative", "positive"]
    assert tab.scores.rows[0][1] >= tab.scores.rows[1][1]
    assert tab.status.text().startswith("Done in ") and "tiny-classifier" in tab.status.text()
    assert tab.note.isHidden()
    assert tab.run_button.isEnabled() and not tab.stop_button.isEnabled()


def test_classify_by_prompting_says_so(qtbot, tab):
    choose(tab, "classify", "tiny-llama")
    tab.inputs["labels"].setText("sports, politics, technology")
    run_and_wait(qtbot, tab)
    assert sorted(label for label, _ in tab.scores.rows) == ["politics", "sports", "technology"]
    assert not tab.note.isHidden() and "Done by prompting" in tab.note.text()
    assert "by prompting" in tab.status.text()


def test_ner_highlights_spans_in_the_text(qtbot, tab):
    tab.select_task("ner")
    run_and_wait(qtbot, tab)
    result = tab.result
    assert tab.result_pages.currentWidget() is tab.spans
    assert tab.spans.table.rowCount() == len(result.spans) > 0
    assert tab.spans.table.item(0, 0).text() == result.spans[0].text
    assert "background-color" in tab.spans.browser.toHtml()
    shown = tab.spans.browser.toPlainText()
    assert shown.startswith(result.source[:result.spans[0].start])


def test_qa_highlights_the_answer_in_its_context(qtbot, tab):
    tab.select_task("qa")
    tab.fill_example("en")
    run_and_wait(qtbot, tab)
    best = tab.result.spans[0]
    context = tab.inputs["context"].toPlainText()
    assert context[best.start:best.end] == best.text
    assert tab.spans.table.item(0, 1).text() == "answer"
    assert "#ffd54f" in tab.spans.browser.toHtml()


def test_search_from_a_loaded_file_shows_a_ranked_list(qtbot, tab, tmp_path):
    choose(tab, "search", "tiny-encoder")
    docs = tmp_path / "docs.csv"
    docs.write_text("text\nwater the plants\nthe stock market\n\"bread, baked\"\n", encoding="utf-8")
    tab.load_documents_from(docs)
    qtbot.waitUntil(lambda: "Loaded 3 documents" in tab.status.text(), timeout=10000)
    assert tab.inputs["documents"].toPlainText() == "water the plants\nthe stock market\nbread, baked"
    run_and_wait(qtbot, tab)
    assert tab.ranked.rowCount() == 3
    shown = {tab.ranked.item(row, 3).text() for row in range(3)}
    assert shown == {"water the plants", "the stock market", "bread, baked"}
    scores = [float(tab.ranked.item(row, 1).text()) for row in range(3)]
    assert scores == sorted(scores, reverse=True)


def test_chat_shows_message_and_reply_side_by_side(qtbot, tab):
    choose(tab, "chat", "tiny-llama")
    assert tab.max_new_tokens.isVisibleTo(tab)
    tab.max_new_tokens.setValue(4)
    run_and_wait(qtbot, tab)
    assert tab.result_pages.currentWidget() is tab.side_by_side
    assert tab.side_by_side.source.toPlainText() == "What is the capital of France?"
    assert tab.side_by_side.result_title.text() == "<b>Reply</b>"
    assert tab.side_by_side.output.toPlainText()
    reply_tokens = tab.ctx.service.loaded()[0].tokenizer(tab.result.text, add_special_tokens=False)["input_ids"]
    assert len(reply_tokens) <= 4


def test_bad_input_shows_a_banner_and_the_tab_keeps_working(qtbot, tab):
    tab.select_task("qa")
    tab.inputs["context"].setPlainText("")
    run_and_wait(qtbot, tab)
    assert "needs a context" in tab.banner.message
    tab.inputs["text"].setText("")
    choose(tab, "sentiment", "tiny-classifier")
    tab.inputs["text"].setPlainText("")
    run_and_wait(qtbot, tab)
    assert "The text is empty" in tab.banner.message
    tab.fill_example("en")
    run_and_wait(qtbot, tab)
    assert tab.banner.isHidden() and tab.status.text().startswith("Done in")


def test_stop_ends_a_running_generation(qtbot, tab, ctx):
    handle = ctx.service.load("tiny-llama", kind="causal-lm")
    forward = handle.model.forward

    def slow_forward(*args, **kwargs):
        time.sleep(0.05)  # about 5 s for the 96 new tokens: time to press Stop
        return forward(*args, **kwargs)

    handle.model.forward = slow_forward
    choose(tab, "generate", "tiny-llama")
    qtbot.mouseClick(tab.run_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text().startswith("Running generate"), timeout=10000)
    qtbot.wait(200)
    qtbot.mouseClick(tab.stop_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None, timeout=5000)
    assert tab.status.text() == "Stopped."
    assert tab.result_pages.currentWidget() is tab.empty
    assert tab.banner.isHidden()
    assert tab.run_button.isEnabled()


def test_gui_stays_responsive_while_a_task_runs(qtbot, tab):
    choose(tab, "search", "tiny-encoder")
    tab.inputs["documents"].setPlainText("\n".join(f"document number {n} about plants and markets" for n in range(300)))
    beat = Heartbeat().start()
    run_and_wait(qtbot, tab, timeout=60000)
    max_gap = beat.stop()
    assert tab.ranked.rowCount() == 300
    print(f"\nworst GUI heartbeat gap during the task: {max_gap:.0f} ms")
    assert max_gap < 1000  # the search runs on a worker thread and 300 rows fill the table; a frozen window fails


def test_try_it_opens_a_fine_tuned_model_in_its_task(qtbot, tab, ctx, tiny):
    folder = ctx.library.store / "my-reviews"
    shutil.copytree(tiny("bert-classifier"), folder)
    write_meta(folder, {"task": "classification", "base_model": "tiny-classifier"})
    ctx.set_model("my-reviews")
    ctx.open_in_tab.emit("Tasks", "my-reviews")
    qtbot.waitUntil(lambda: tab.model_picker.currentData() == "my-reviews", timeout=20000)
    assert tab.task.name == "sentiment"
    assert "fine-tuned for classification from tiny-classifier" in tab.model_picker.currentText()
    run_and_wait(qtbot, tab)
    assert "my-reviews" in tab.status.text()


def test_try_it_with_an_unknown_model_explains(qtbot, tab, ctx):
    ctx.open_in_tab.emit("Tasks", "no-such-model")
    qtbot.waitUntil(lambda: "no-such-model is not in the model library" in tab.banner.message, timeout=20000)


def test_smoke_runs_one_real_job(qtbot, tab):
    outcome = {}
    tab.smoke("tiny-ner", lambda ok, message: outcome.update(ok=ok, message=message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome["ok"], outcome["message"]
    assert outcome["message"].startswith("ner in ")
    assert tab.task.name == "ner" and tab.spans.table.rowCount() == len(tab.result.spans)
