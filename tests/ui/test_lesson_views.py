"""Lessons 2-4 (with the Word2Vec and switch-heads-off steps) and the Logits step of lesson 1: each new action's button opens its view with the inputs filled in,
and a quick view runs (a training run starts only where the step says run: true)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.pretrain.ngram import MODEL_TYPE

from workbench.core import lessons as L
from workbench.ui import view_actions
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.main_window import MainWindow

TEXT = "The cat sat on the mat because it was tired."


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


def click_step(window, lesson: str, step: int):
    learn = window.show_tab("Learn")
    learn.open_lesson(lesson, step)
    learn.action_button.click()
    return learn


def test_counting_to_neural_steps(qtbot, window, ctx):
    learn = click_step(window, "counting-to-neural", 0)  # counts an n-gram model: run: true, seconds
    finetune = window.tab("Fine-tune")
    page = finetune.scratch
    assert window.tab_widget.currentWidget().tab is finetune and finetune.pages.currentWidget() is page
    assert page.data_path.text() == str(view_actions.EXAMPLES_DIR / "little-animals.txt")
    assert (page.arch.currentData(), page.tokenizer.currentData(), page.order.value(),
            page.smoothing.currentData()) == ("ngram", "char", 5, "kneser-ney")
    qtbot.waitUntil(lambda: page.last_result.get("status") == "finished" and not page.busy, timeout=90000)
    assert page.last_result["metrics"]["val_perplexity"] > 1
    # the run saved its model in the data folder's store; this test's library is another folder
    ctx.library.import_folder(Path(page.last_result["model_path"]), name="animals-ngram")
    ctx.refresh_library()
    qtbot.waitUntil(lambda: any(e.model_type == MODEL_TYPE for e in ctx.entries), timeout=20000)

    learn = click_step(window, "counting-to-neural", 1)  # the n-gram table
    assert page.pages.currentWidget() is page.table and page.table.context.text() == "dogs chase "
    qtbot.waitUntil(lambda: page.table.result is not None, timeout=30000)
    assert page.table.result.order_used >= 1 and len(page.table.result.rows) == 10

    learn = click_step(window, "counting-to-neural", 2)  # the LSTM: a run started by the step's run: true
    assert (page.arch.currentData(), page.minutes.value()) == ("lstm", 1.0)
    qtbot.waitUntil(lambda: page.busy, timeout=30000)
    learn = click_step(window, "counting-to-neural", 3)  # one run at a time: said, and nothing changed
    assert "still going" in learn.action_status.text() and page.arch.currentData() == "lstm"
    page.cancel()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)

    learn = click_step(window, "counting-to-neural", 4)  # compare runs: the newest of each architecture
    compare = page.compare
    assert page.pages.currentWidget() is compare
    ticked = compare.ticked()
    assert len(ticked) == 2 and any("ngram" in t for t in ticked) and any("lstm" in t for t in ticked)
    assert len(compare.samples) == 2


def test_a_scratch_step_without_run_never_trains(qtbot, window):
    L.user_dir().mkdir(parents=True, exist_ok=True)
    (L.user_dir() / "scratch.yaml").write_text(
        "id: scratch\ntitle: {en: S, zh: 从零}\nsteps:\n  - id: one\n    title: {en: One, zh: 一}\n"
        "    text: {en: T, zh: 文}\n    action:\n      view: scratch\n"
        "      inputs: {data: little-animals.txt, arch: transformer, tokenizer: char, minutes: 1}\n"
        "  - id: bad\n    title: {en: Bad, zh: 坏}\n    text: {en: T, zh: 文}\n    action:\n      view: scratch\n"
        "      inputs: {arch: rnn}\n", encoding="utf-8")
    window.show_tab("Learn").reload_button.click()
    click_step(window, "scratch", 0)
    page = window.tab("Fine-tune").scratch
    assert page.arch.currentData() == "transformer" and page.minutes.value() == 1.0
    qtbot.waitUntil(lambda: page.plan is not None, timeout=30000)
    qtbot.wait(300)
    assert not page.busy and page.child is None
    learn = click_step(window, "scratch", 1)
    assert "“arch” cannot be “rnn”" in learn.action_status.text() and "lstm, gru, transformer, ngram" in \
        learn.action_status.text()


def test_words_as_vectors_steps(qtbot, window, ctx, tiny):
    ctx.library.import_folder(tiny("bert"), name="all-minilm-l6-v2")  # the encoder the last two steps name
    ctx.refresh_library()
    qtbot.waitUntil(lambda: any(e.name == "all-minilm-l6-v2" for e in ctx.entries), timeout=20000)
    click_step(window, "words-as-vectors", 1)
    tab = window.tab("Embeddings")
    assert window.tab_widget.currentWidget().tab is tab and tab.pages.currentIndex() == 0
    assert tab.words_page.word.text() == "king" and tab.words_page.k.value() == 10
    qtbot.waitUntil(lambda: tab.job is None and tab.words_result is not None, timeout=30000)
    assert len(tab.words_result.neighbours) == 10

    click_step(window, "words-as-vectors", 2)
    assert [w.text() for w in tab.words_page.analogy_words] == ["king", "man", "woman"]
    qtbot.waitUntil(lambda: tab.job is None and tab.words_result.query != "king", timeout=30000)

    click_step(window, "words-as-vectors", 3)
    assert tab.words_page.matrix_words.text() == "cat, dog, car, truck, apple, banana"
    qtbot.waitUntil(lambda: tab.job is None and hasattr(tab.words_result, "matrix"), timeout=30000)
    assert tab.words_result.matrix.shape == (6, 6)

    click_step(window, "words-as-vectors", 4)
    assert tab.pages.currentIndex() == 2 and tab.contexts_page.context_word.text() == "bank"
    assert len(tab.contexts_page.context_texts.toPlainText().splitlines()) == 4
    qtbot.waitUntil(lambda: tab.job is None and tab.contexts is not None, timeout=30000)
    assert tab.contexts.similarity.shape[1:] == (4, 4)
    assert ctx.current_model == "all-minilm-l6-v2"

    click_step(window, "words-as-vectors", 5)
    attention = window.tab("Attention")
    page = attention.inputs_page
    assert attention.pages.currentWidget() is page
    assert (page.text.text(), page.pair.text()) == ("The cat sat on the mat.", "It was tired.")
    qtbot.waitUntil(lambda: page.result is not None, timeout=30000)


def test_the_word2vec_step_trains_on_the_example_and_lists_neighbours(qtbot, window, ctx):
    click_step(window, "words-as-vectors", 0)  # trains in seconds: run defaults to true
    tab = window.tab("Embeddings")
    page = tab.word_vectors
    assert window.tab_widget.currentWidget().tab is tab and tab.pages.currentWidget() is page
    assert page.data.text() == str(view_actions.EXAMPLES_DIR / "little-animals.txt")
    assert (page.method.currentData(), page.dim.value(), page.window.value(), page.epochs.value()) == \
        (("word2vec", True), 50, 5, 20)
    assert page.name.text() == "little-animals-word2vec"
    # then the trained vectors are chosen and the Words page lists the neighbours of "cat"
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == 0 and tab.job is None and tab.words_result is not None,
                    timeout=60000)
    assert page.result.dim == 50 and len(page.result.losses) == 20
    assert ctx.current_model == "little-animals-word2vec" and tab.words_page.word.text() == "cat"
    assert len(tab.words_result.neighbours) == tab.words_page.k.value()
    click_step(window, "words-as-vectors", 0)  # pressed again: saved under a free name, not refused
    assert page.name.text() == "little-animals-word2vec-2"
    qtbot.waitUntil(lambda: ctx.current_model == "little-animals-word2vec-2", timeout=60000)

    L.user_dir().mkdir(parents=True, exist_ok=True)
    (L.user_dir() / "vectors.yaml").write_text(
        "id: vectors\ntitle: {en: V, zh: 向量}\nsteps:\n  - id: bad\n    title: {en: Bad, zh: 坏}\n"
        "    text: {en: T, zh: 文}\n    action:\n      view: word-vectors\n      inputs: {method: fasttext}\n",
        encoding="utf-8")
    window.show_tab("Learn").reload_button.click()
    learn = click_step(window, "vectors", 0)
    assert "“method” cannot be “fasttext”" in learn.action_status.text()
    assert "word2vec, cbow, glove" in learn.action_status.text()


def test_the_switch_off_step_fills_the_grid_and_runs(qtbot, window, ctx):
    click_step(window, "self-attention", 3)  # head 0.4 of the starter: the tiny model has heads 0-3 only
    tab = window.tab("Attention")
    page = tab.ablation
    assert window.tab_widget.currentWidget().tab is tab and tab.pages.currentWidget() is page
    assert page.text.toPlainText() == "The capital of France is" and page.mode.currentData() == "zero"
    qtbot.waitUntil(lambda: "0.4" in page.status.text(), timeout=30000)
    assert "Head 0.4 does not exist" in page.status.text() and "heads 0–3" in page.status.text()
    assert page.result is None and not page.slot.running

    L.user_dir().mkdir(parents=True, exist_ok=True)  # the same view with heads the tiny model has
    (L.user_dir() / "heads.yaml").write_text(
        "id: heads\ntitle: {en: H, zh: 头}\nsteps:\n  - id: one\n    title: {en: One, zh: 一}\n"
        "    text: {en: T, zh: 文}\n    action:\n      view: ablation\n"
        "      inputs: {text: The cat sat on the, heads: \"1.2,0.*\", mode: mean, top: 5, new_tokens: 3}\n",
        encoding="utf-8")
    window.show_tab("Learn").reload_button.click()
    beat = Heartbeat().start()
    click_step(window, "heads", 0)
    assert page.mode.currentData() == "mean" and (page.top_k.value(), page.new_tokens.value()) == (5, 3)
    qtbot.waitUntil(lambda: page.result is not None and not page.slot.running, timeout=60000)
    assert beat.stop() < 1000
    assert page.grid.heads() == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 2)]
    assert page.result.heads == page.grid.heads() and page.result.mode == "mean"
    assert len(page.result.before) == 5 and page.result.kl >= 0 and "KL" in page.kl.text()


def test_self_attention_steps_and_the_previous_token_answer(qtbot, window, ctx, service, tiny):
    click_step(window, "self-attention", 0)
    tab = window.tab("Attention")
    page = tab.math_page
    assert window.tab_widget.currentWidget().tab is tab and tab.pages.currentWidget() is page
    assert page.text.text() == TEXT
    qtbot.waitUntil(lambda: page.result is not None and not page.slot.running, timeout=30000)
    assert (page.result.layer, page.result.head, page.result.query) == (0, 0, page.result.n - 1)

    click_step(window, "self-attention", 1)  # layer 1, scrolled to step 5 (all heads and W^O)
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: page.result.layer == 1 and bar.value() > 0, timeout=30000)
    boxes = [page.steps.itemAt(i).widget() for i in range(page.steps.count()) if page.steps.itemAt(i).widget()]
    assert len(boxes) == 5
    assert bar.value() == min(page.steps_widget.y() + boxes[4].y(), bar.maximum())

    learn = click_step(window, "self-attention", 2)
    assert tab.pages.currentIndex() == 0 and tab.heatmap_page.text.toPlainText() == TEXT
    beat = Heartbeat().start()
    learn.ask_button.click()
    qtbot.waitUntil(lambda: not learn.slot.running, timeout=60000)
    assert beat.stop() < 1000
    question = L.Question(L.Text("", ""), "previous-token-head", {"text": TEXT})
    assert learn.answer.text() == L.answer(service, question, str(tiny("gpt2")))


def test_the_logits_step_opens_the_logits_page_on_the_models_next_token(qtbot, window):
    click_step(window, "next-token", 1)
    generate = window.tab("Generate")
    inspector = generate.inspector
    assert generate.pages.currentWidget() is inspector
    assert inspector.pages.currentWidget() is inspector.logits_panel
    qtbot.waitUntil(lambda: inspector.logits_panel.result is not None, timeout=60000)
    result = inspector.logits_panel.result
    assert result.max_err_vs_recorded is not None and result.max_err_vs_recorded < 1e-4  # the lens's own probabilities
