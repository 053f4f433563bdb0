"""The Embeddings tab's Word vectors page: train with a live loss chart (window stays responsive), Stop,
a bad text, the co-occurrence matrix, and the trained vectors answering on the Words page."""

from __future__ import annotations

import threading

import numpy as np

import pytest

from wordvec_support import ANIMALS, group_of, planted
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt

WAIT_MS = 120_000


@pytest.fixture
def tab(ctx, qtbot):
    from workbench.ui.tabs.embeddings import EmbeddingsTab

    widget = EmbeddingsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.pages.setCurrentWidget(widget.word_vectors)
    yield widget
    widget.shutdown()
    # the tab warms scikit-learn's imports when first shown; a short test must not leave that running
    qtbot.waitUntil(lambda: not any(t.name == "job-embeddings-imports" for t in threading.enumerate()),
                    timeout=WAIT_MS)


def _idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.slot.running, timeout=WAIT_MS)


def test_train_glove_then_use_the_vectors_on_the_words_page(tab, ctx, qtbot, tmp_path):
    page = tab.word_vectors
    page.set_data(str(planted(tmp_path / "topics.txt")))
    page.method.setCurrentIndex(2)  # GloVe
    assert page.epochs.value() == 25  # GloVe needs more passes: the page says so by raising the default
    for spin, value in ((page.dim, 8), (page.window, 3), (page.min_count, 1), (page.epochs, 20)):
        spin.setValue(value)
    page.name.setText("topics")
    beat = Heartbeat().start()
    qtbot.mouseClick(page.train_button, Qt.LeftButton)
    assert page.stop_button.isEnabled() and not page.train_button.isEnabled()
    _idle(qtbot, page)
    assert beat.stop() < 1000
    assert "Saved topics: 24 words × 8" in page.status.text()
    xs, ys = page.loss_line.getData()
    assert len(xs) == 20 and ys[-1] < ys[0]
    qtbot.mouseClick(page.use_button, Qt.LeftButton)
    assert ctx.current_model == "topics"
    tab.pages.setCurrentIndex(0)
    tab.words_page.word.setText("cat")
    tab.words_page.k.setValue(3)
    tab.find_neighbours()
    qtbot.waitUntil(lambda: tab.job is None, timeout=WAIT_MS)
    assert not tab.banner.isVisible(), tab.banner.text.text()
    found = [tab.words_page.neighbour_table.item(r, 1).text() for r in range(3)]
    assert all(group_of(w) == 0 for w in found), found
    assert "KeyedVectors" in tab.words_code and "static word vectors" in tab.words_page.words_note.text()
    tab.pages.setCurrentIndex(1)  # Sentences: each text the mean of its words' vectors
    tab.sentences_page.texts.setPlainText("cat and dog\ncow and pig\nbus and car\ntruck and van")
    tab.run_map()
    qtbot.waitUntil(lambda: tab.job is None, timeout=WAIT_MS)
    assert not tab.banner.isVisible(), tab.banner.text.text()
    assert tab.map.pooling.mode == "words" and list(tab.map.neighbour) == [1, 0, 3, 2]
    assert "KeyedVectors" in tab.map_code

    page.count_words.setText(", ".join(ANIMALS[:3] + ["car"]))
    qtbot.mouseClick(page.count_button, Qt.LeftButton)
    _idle(qtbot, page)
    assert page.count_plot.matrix.shape == (4, 4) and page.count_plot.matrix[0, 3] == 0
    assert page.count_plot.matrix[0, 1] > 0
    page.weighted.setChecked(True)
    assert page.count_plot.matrix[0, 1] < page.counts[1][0, 1]  # 1/distance weights are at most 1


def test_stop_and_a_bad_text_write_nothing(tab, ctx, qtbot, tmp_path):
    page = tab.word_vectors
    page.set_data(str(planted(tmp_path / "topics.txt", n=3000)))
    page.min_count.setValue(1)
    page.epochs.setValue(200)
    page.dim.setValue(8)
    page.train()
    qtbot.waitUntil(lambda: len(page.losses) >= 1, timeout=WAIT_MS)
    qtbot.mouseClick(page.stop_button, Qt.LeftButton)
    _idle(qtbot, page)
    assert page.status.text() == "Stopped."
    assert not any(ctx.library.store.glob("my-word-vectors*"))
    rare = tmp_path / "rare.txt"
    rare.write_text("one two three\n")
    page.set_data(str(rare))
    page.min_count.setValue(5)
    page.train()
    _idle(qtbot, page)
    assert "occurs 5 times or more" in page.status.text() and "Lower the minimum count" in page.status.text()
    assert not ctx.library.store.exists() or not any(ctx.library.store.iterdir())


def test_static_beside_contextual_on_the_contexts_page(tab, ctx, qtbot, tmp_path, tiny):
    from workbench.core.embeddings import static as S

    S.train_vectors(ctx.library, planted(tmp_path / "t.txt", n=300), "topics",
                    S.TrainSettings("glove", dim=4, window=2, min_count=1, epochs=2))
    ctx.refresh_library()
    qtbot.waitUntil(lambda: any(e.name == "topics" for e in ctx.entries), timeout=WAIT_MS)
    panel = tab.contexts_page.static_panel
    assert not panel.isVisible() and panel.vectors.currentData() == "topics"
    ctx.set_model(str(tiny("gpt2")))
    tab.pages.setCurrentIndex(2)
    tab.contexts_page.context_word.setText("cat")
    tab.contexts_page.context_texts.setPlainText("the cat sat\na cat ran home\nmy cat is old")
    tab.run_contexts()
    qtbot.waitUntil(lambda: tab.job is None and panel.static is not None, timeout=WAIT_MS)
    assert panel.isVisible()
    static_x, static_y = panel.static_points.getData()
    assert len(static_x) == 3 and len(set(zip(static_x, static_y))) == 1  # one vector: one point
    x, y = panel.context_points.getData()
    assert len(set(zip(np.round(x, 5), np.round(y, 5)))) == 3  # each sentence its own vector
    # the drawn distances are the contexts' own: |p_a - p_b|² = 2 − 2·cos(a, b)
    last = tab.contexts.similarity[-1]
    d2 = (x[0] - x[1]) ** 2 + (y[0] - y[1]) ** 2
    assert abs(d2 - (2 - 2 * last[0, 1])) < 1e-4
    assert "one vector in topics" in panel.note.text()
