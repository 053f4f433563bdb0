"""The Learn tab in the main window: a step's button opens its view with the inputs filled in and runs it, a
question is answered by the live model, progress is kept and a lesson restarts, a malformed user lesson is
reported while the others load; the glossary from the Help menu and from a right-click."""

from __future__ import annotations

import pytest

from workbench.core import lessons as L
from workbench.ui import view_actions
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.main_window import MainWindow

PROMPT = "The capital of France is"


@pytest.fixture
def window(qtbot, ctx, tiny, monkeypatch):
    from workbench.core import library

    # as on a computer without the starter models: the lessons fall back to the chosen (tiny) model
    monkeypatch.setattr(library, "STARTERS", ())
    ctx.library.import_folder(tiny("gpt2"), name="tiny-gpt2")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    ctx.refresh_library()
    qtbot.waitUntil(lambda: any(e.name == "tiny-gpt2" for e in ctx.entries), timeout=20000)
    ctx.set_model("tiny-gpt2")
    yield win
    for tab in win.built_tabs():
        tab.shutdown()
    win.close()


def model_next_token(path) -> tuple[str, int]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok, model = AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path)
    with torch.inference_mode():
        logits = model(**tok(PROMPT, return_tensors="pt")).logits[0, -1]
    best = int(logits.argmax())
    return tok.decode([best]), best


def test_a_step_opens_generate_filled_in_and_the_answer_is_the_models(qtbot, window, ctx, tiny):
    learn = window.show_tab("Learn")
    assert [learn.lesson_list.item(i).data(0x0100) for i in range(learn.lesson_list.count())] == [
        "next-token", "counting-to-neural", "words-as-vectors", "self-attention", "why-that-token", "fine-tuning",
        "evaluating"]
    learn.open_lesson("next-token", 0)
    assert "softmax" in learn.step_view.toPlainText() and learn.action_button.isVisibleTo(learn)
    learn.action_button.click()
    generate = window.tab("Generate")
    assert window.tab_widget.currentWidget().tab is generate
    assert generate.prompt.toPlainText() == PROMPT
    settings = generate.controls.settings()
    assert settings.greedy and settings.max_new_tokens == 8
    assert "smollm2-135m-instruct is not installed; using tiny-gpt2" in learn.action_status.text()
    qtbot.waitUntil(lambda: generate.job is None and generate.token_model.rowCount() == 8, timeout=60000)

    best, best_id = model_next_token(str(tiny("gpt2")))
    assert generate.branches[-1].result.tokens[0].id == best_id  # greedy: the model's own first choice
    beat = Heartbeat().start()
    learn.ask_button.click()
    qtbot.waitUntil(lambda: not learn.slot.running, timeout=60000)
    gap = beat.stop()
    assert f"“{best}”" in learn.answer.text().split(" (p = ")[0], learn.answer.text()
    assert gap < 1000

    learn.step_list.setCurrentRow(2)  # temperature
    learn.action_button.click()
    qtbot.waitUntil(lambda: generate.job is None, timeout=60000)
    settings = generate.controls.settings()
    assert (settings.greedy, settings.temperature, settings.top_p, settings.seed) == (False, 1.5, 1.0, 7)


def test_progress_is_kept_and_a_lesson_restarts(qtbot, window, ctx):
    learn = window.show_tab("Learn")
    learn.open_lesson("evaluating", 0)
    learn.done_button.click()
    learn.done_button.click()
    assert L.done_steps(ctx.settings, "evaluating") == ["perplexity", "bleu"] and learn.index == 2
    assert "(2/4)" in learn.lesson_list.currentItem().text()
    learn.open_lesson("next-token")
    learn.open_lesson("evaluating")  # reopened at the first step not done
    assert learn.index == 2
    learn.restart_button.click()
    assert L.done_steps(ctx.settings, "evaluating") == [] and learn.index == 0


def test_inspector_and_metrics_steps(qtbot, window, tiny):
    learn = window.show_tab("Learn")
    learn.open_lesson("why-that-token", 0)
    learn.action_button.click()
    generate = window.tab("Generate")
    assert generate.pages.currentWidget() is generate.inspector
    _, best_id = model_next_token(str(tiny("gpt2")))
    qtbot.waitUntil(lambda: generate.inspector.target is not None, timeout=60000)
    assert generate.inspector.target.token_id == best_id
    assert generate.inspector.pages.currentIndex() == view_actions.INSPECTOR_PAGES["lens"]
    assert generate.inspector.pages.tabText(generate.inspector.pages.currentIndex()) == "Logit lens"
    qtbot.waitUntil(lambda: generate.inspector.inspection is not None, timeout=60000)

    learn = window.show_tab("Learn")
    learn.open_lesson("evaluating", 1)
    learn.action_button.click()
    tasks = window.tab("Tasks")
    page = tasks.metrics_page
    assert tasks.pages_stack.currentWidget() is page and page.chosen() == ["bleu"]
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    assert page.result["bleu"]["tokenize"] == "zh"


def test_a_malformed_user_lesson_is_reported_and_the_others_load(qtbot, window):
    L.user_dir().mkdir(parents=True, exist_ok=True)
    (L.user_dir() / "broken.yaml").write_text(
        "id: broken\ntitle: {en: B, zh: 乙}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    text: {en: T, zh: 文}\n"
        "    action: {view: head-lab}\n", encoding="utf-8")
    learn = window.show_tab("Learn")
    learn.reload_button.click()
    assert learn.problems.isVisibleTo(learn)
    assert "broken.yaml:7" in learn.problems.text() and "head-lab" in learn.problems.text()
    assert learn.lesson_list.count() == 7


def test_glossary_from_the_help_menu_and_a_right_click(qtbot, window):
    from workbench.ui.glossary import GlossaryDialog, look_up
    from workbench.ui.qt import Qt

    window.show_glossary("密钥")
    dialog = GlossaryDialog._open
    assert dialog.isVisible() and dialog.results.item(0).text().startswith("密钥 → key")
    assert "键" in dialog.detail.toPlainText() and "密钥" in dialog.detail.toPlainText()
    dialog.search.setText("困惑")
    assert dialog.current.term.en == "perplexity"
    dialog.lesson_button.click()
    assert window.tab("Learn").lesson.id == "evaluating"
    generate = window.tab("Generate")
    label = generate.controls.layout().labelForField(generate.controls.boxes["temperature"])
    assert label.contextMenuPolicy() == Qt.CustomContextMenu and label.property("glossary_term") == "temperature"
    assert look_up(label, "temperature").current.term.zh == "温度"
    attention = window.tab("Attention")
    assert attention.heatmap_page.aggregate.property("glossary_term") == "attention head"
    dialog.close()


def test_perplexity_attention_finetune_and_task_steps_fill_their_views(qtbot, window, ctx):
    learn = window.show_tab("Learn")
    learn.open_lesson("evaluating", 0)
    learn.action_button.click()
    generate = window.tab("Generate")
    view = generate.perplexity
    assert generate.pages.currentWidget() is view
    assert view.text.toPlainText() == "The cat sat on the mat and looked out of the window."
    qtbot.waitUntil(lambda: view.result is not None, timeout=60000)
    assert view.result.model == "tiny-gpt2"

    L.user_dir().mkdir(parents=True, exist_ok=True)
    (L.user_dir() / "heads.yaml").write_text(
        "id: heads\ntitle: {en: Heads, zh: 头}\nsteps:\n  - id: one\n    title: {en: One head, zh: 一个头}\n"
        "    text: {en: T, zh: 文}\n    action:\n      view: attention\n"
        "      inputs: {text: The cat sat on the mat., layer: 1, head: 3}\n"
        "  - id: task\n    title: {en: A task, zh: 任务}\n    text: {en: T, zh: 文}\n    action:\n      view: task\n"
        "      inputs: {task: qa, fields: {text: \"Who?\", context: Ann met Bob.}, reference: Ann, run: false}\n",
        encoding="utf-8")
    learn.reload_button.click()
    learn.open_lesson("heads", 0)
    learn.action_button.click()
    attention = window.tab("Attention")
    page = attention.heatmap_page
    assert page.text.toPlainText() == "The cat sat on the mat.", learn.action_status.text()
    qtbot.waitUntil(lambda: attention.capture is not None and (page.layer.value(), page.head.value()) == (1, 3),
                    timeout=60000)
    learn.step_list.setCurrentRow(1)
    learn.action_button.click()
    tasks = window.tab("Tasks")
    assert tasks.task.name == "qa" and tasks.pages_stack.currentIndex() == 0
    assert tasks.page.inputs["text"].text() == "Who?" and tasks.page.inputs["context"].toPlainText() == "Ann met Bob."
    assert tasks.page.reference_box.reference.text() == "Ann" and tasks.job is None

    (L.user_dir() / "heads.yaml").write_text((L.user_dir() / "heads.yaml").read_text(encoding="utf-8").replace(
        "{text: \"Who?\"", "{question: \"Who?\""), encoding="utf-8")
    learn.reload_button.click()
    learn.open_lesson("heads", 1)
    learn.action_button.click()
    assert "has no field “question”" in learn.action_status.text() and "text, context" in learn.action_status.text()

    learn.open_lesson("fine-tuning", 1)
    learn.action_button.click()
    finetune = window.tab("Fine-tune")
    assert window.tab_widget.currentWidget().tab is finetune
    qtbot.waitUntil(lambda: finetune.data.table is not None and finetune.data.table.path.name == "reply-style.csv", timeout=30000)
    assert finetune.data.current_task == "causal-lm" and finetune.train.epochs.value() == 3
    assert not finetune.busy  # a lesson never starts a training run by itself
