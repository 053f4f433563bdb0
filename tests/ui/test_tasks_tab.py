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
    qtbot.mouseClick(tab.page.run_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    assert tab.page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: tab.job is None, timeout=timeout)


def picker_names(tab):
    """The tiny models the picker offers (the starter models, when installed, are offered too)."""
    names = [tab.page.model_picker.itemData(i) for i in range(tab.page.model_picker.count())]
    return [n for n in names if n.startswith(("tiny-", "my-"))]


def choose(tab, task, model):
    tab.select_task(task)
    index = tab.page.model_picker.findData(model)
    assert index >= 0, f"{model} is not offered for {task}"
    tab.page.model_picker.setCurrentIndex(index)


def test_picker_offers_only_models_that_fit(tab):
    tab.select_task("ner")
    assert picker_names(tab) == ["tiny-ner"]
    tab.select_task("classify")
    assert picker_names(tab) == ["tiny-classifier", "tiny-llama"]  # dedicated models first
    assert "by prompting" in tab.page.model_picker.itemText(tab.page.model_picker.findData("tiny-llama"))
    tab.select_task("fill-mask")
    assert picker_names(tab) == []
    assert "No model on this computer fits fill the mask" in tab.page.model_hint.text()
    assert "masked language model" in tab.page.model_hint.text()
    assert not tab.page.run_button.isEnabled()


def test_sentiment_shows_score_bars(qtbot, tab):
    choose(tab, "sentiment", "tiny-classifier")
    run_and_wait(qtbot, tab)
    assert tab.page.results.currentWidget() is tab.page.results.pages["labels"]
    assert sorted(label for label, _ in tab.page.results.scores.rows) == ["negative", "positive"]
    assert tab.page.results.scores.rows[0][1] >= tab.page.results.scores.rows[1][1]
    assert tab.page.status.text().startswith("Done in ") and "tiny-classifier" in tab.page.status.text()
    assert tab.page.note.isHidden()
    assert tab.page.run_button.isEnabled() and not tab.page.stop_button.isEnabled()


def test_classify_by_prompting_says_so(qtbot, tab):
    choose(tab, "classify", "tiny-llama")
    tab.page.inputs["labels"].setText("sports, politics, technology")
    run_and_wait(qtbot, tab)
    assert sorted(label for label, _ in tab.page.results.scores.rows) == ["politics", "sports", "technology"]
    assert not tab.page.note.isHidden() and "Done by prompting" in tab.page.note.text()
    assert "by prompting" in tab.page.status.text()


def test_ner_highlights_spans_in_the_text(qtbot, tab):
    tab.select_task("ner")
    run_and_wait(qtbot, tab)
    result = tab.result
    assert tab.page.results.currentWidget() is tab.page.results.spans
    assert tab.page.results.spans.table.rowCount() == len(result.spans) > 0
    assert tab.page.results.spans.table.item(0, 0).text() == result.spans[0].text
    assert "background-color" in tab.page.results.spans.browser.toHtml()
    shown = tab.page.results.spans.browser.toPlainText()
    assert shown.startswith(result.source[:result.spans[0].start])


def test_qa_highlights_the_answer_in_its_context(qtbot, tab):
    tab.select_task("qa")
    tab.page.fill_example("en")
    run_and_wait(qtbot, tab)
    best = tab.result.spans[0]
    context = tab.page.inputs["context"].toPlainText()
    assert context[best.start:best.end] == best.text
    assert tab.page.results.spans.table.item(0, 1).text() == "answer"
    assert "#ffd54f" in tab.page.results.spans.browser.toHtml()


def test_search_from_a_loaded_file_shows_a_ranked_list(qtbot, tab, tmp_path):
    choose(tab, "search", "tiny-encoder")
    docs = tmp_path / "docs.csv"
    docs.write_text("text\nwater the plants\nthe stock market\n\"bread, baked\"\n", encoding="utf-8")
    tab.load_documents_from(docs)
    qtbot.waitUntil(lambda: "Loaded 3 documents" in tab.page.status.text(), timeout=10000)
    assert tab.page.inputs["documents"].toPlainText() == "water the plants\nthe stock market\nbread, baked"
    run_and_wait(qtbot, tab)
    assert tab.page.results.ranked.rowCount() == 3
    shown = {tab.page.results.ranked.item(row, 3).text() for row in range(3)}
    assert shown == {"water the plants", "the stock market", "bread, baked"}
    scores = [float(tab.page.results.ranked.item(row, 1).text()) for row in range(3)]
    assert scores == sorted(scores, reverse=True)


def test_chat_shows_message_and_reply_side_by_side(qtbot, tab):
    choose(tab, "chat", "tiny-llama")
    assert tab.page.max_new_tokens.isVisibleTo(tab)
    tab.page.max_new_tokens.setValue(4)
    run_and_wait(qtbot, tab)
    assert tab.page.results.currentWidget() is tab.page.results.side_by_side
    assert tab.page.results.side_by_side.source.toPlainText() == "What is the capital of France?"
    assert tab.page.results.side_by_side.result_title.text() == "<b>Reply</b>"
    assert tab.page.results.side_by_side.output.toPlainText()
    reply_tokens = tab.ctx.service.loaded()[0].tokenizer(tab.result.text, add_special_tokens=False)["input_ids"]
    assert len(reply_tokens) <= 4


def test_bad_input_shows_a_banner_and_the_tab_keeps_working(qtbot, tab):
    tab.select_task("qa")
    tab.page.inputs["context"].setPlainText("")
    run_and_wait(qtbot, tab)
    assert "needs a context" in tab.banner.message
    tab.page.inputs["text"].setText("")
    choose(tab, "sentiment", "tiny-classifier")
    tab.page.inputs["text"].setPlainText("")
    run_and_wait(qtbot, tab)
    assert "The text is empty" in tab.banner.message
    tab.page.fill_example("en")
    run_and_wait(qtbot, tab)
    assert tab.banner.isHidden() and tab.page.status.text().startswith("Done in")


def test_stop_ends_a_running_generation(qtbot, tab, ctx):
    handle = ctx.service.load("tiny-llama", kind="causal-lm")
    forward = handle.model.forward

    def slow_forward(*args, **kwargs):
        time.sleep(0.05)  # about 5 s for the 96 new tokens: time to press Stop
        return forward(*args, **kwargs)

    handle.model.forward = slow_forward
    choose(tab, "generate", "tiny-llama")
    qtbot.mouseClick(tab.page.run_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.page.status.text().startswith("Running generate"), timeout=10000)
    qtbot.wait(200)
    qtbot.mouseClick(tab.page.stop_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None, timeout=5000)
    assert tab.page.status.text() == "Stopped."
    assert tab.page.results.currentWidget() is tab.page.results.empty
    assert tab.banner.isHidden()
    assert tab.page.run_button.isEnabled()


def test_gui_stays_responsive_while_a_task_runs(qtbot, tab):
    choose(tab, "search", "tiny-encoder")
    documents = (f"document number {n} about plants and markets" for n in range(300))
    tab.page.inputs["documents"].setPlainText("\n".join(documents))
    beat = Heartbeat().start()
    run_and_wait(qtbot, tab, timeout=60000)
    max_gap = beat.stop()
    assert tab.page.results.ranked.rowCount() == 300
    print(f"\nworst GUI heartbeat gap during the task: {max_gap:.0f} ms")
    assert max_gap < 1000  # the search runs on a worker thread and 300 rows fill the table; a frozen window fails


def test_try_it_opens_a_fine_tuned_model_in_its_task(qtbot, tab, ctx, tiny):
    folder = ctx.library.store / "my-reviews"
    shutil.copytree(tiny("bert-classifier"), folder)
    write_meta(folder, {"task": "classification", "base_model": "tiny-classifier"})
    ctx.set_model("my-reviews")
    ctx.open_in_tab.emit("Tasks", "my-reviews")
    qtbot.waitUntil(lambda: tab.page.model_picker.currentData() == "my-reviews", timeout=20000)
    assert tab.task.name == "sentiment"
    assert "fine-tuned for classification from tiny-classifier" in tab.page.model_picker.currentText()
    run_and_wait(qtbot, tab)
    assert "my-reviews" in tab.page.status.text()


def test_try_it_with_an_unknown_model_explains(qtbot, tab, ctx):
    ctx.open_in_tab.emit("Tasks", "no-such-model")
    qtbot.waitUntil(lambda: "no-such-model is not in the model library" in tab.banner.message, timeout=20000)


def test_smoke_runs_one_real_job(qtbot, tab):
    outcome = {}
    tab.smoke("tiny-ner", lambda ok, message: outcome.update(ok=ok, message=message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome["ok"], outcome["message"]
    assert outcome["message"].startswith("ner in ")
    assert tab.task.name == "ner" and tab.page.results.spans.table.rowCount() == len(tab.result.spans)
