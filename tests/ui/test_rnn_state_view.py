"""The Attention tab on an LSTM/GRU: the state view replaces "no attention", shows the model's own hidden
states as units × tokens, the gates of a clicked unit, the units a token moved, and hover values."""

from __future__ import annotations

import numpy as np
import pytest

from wordvec_support import tiny_rnn
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.qt import Qt

WAIT_MS = 120_000


@pytest.fixture
def tab(shown_tab):
    from workbench.ui.tabs.attention import AttentionTab

    return shown_tab(AttentionTab)


def test_an_lstm_shows_its_states_and_a_transformer_its_attention(tab, ctx, qtbot, tmp_path, tiny):
    import torch

    model = tiny_rnn(tmp_path / "lstm", "lstm")
    ctx.set_model(model)
    view = tab.rnn_view
    assert tab.rnn_stack.currentWidget() is view
    view.text.setText("the cat 小猫")
    beat = Heartbeat().start()
    qtbot.mouseClick(view.read_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not view.slot.running, timeout=WAIT_MS)
    assert beat.stop() < 1000
    result = view.result
    assert result is not None, view.status.text()
    assert "小" in result.tokens and "猫" in result.tokens
    handle = ctx.service.load(model)
    with torch.no_grad():
        out = handle.model(torch.tensor([result.ids]), output_hidden_states=True)
    np.testing.assert_allclose(view.heatmap.matrix, out.hidden_states[1][0].numpy().T, atol=1e-6)
    view.layer.setCurrentIndex(1)
    view.which.setCurrentIndex(1)  # the cell state
    np.testing.assert_allclose(view.heatmap.matrix, result.layers[1].cell.T, atol=1e-6)
    view.choose(5, 3)
    assert view.top.rowCount() == 12 and view.unit_box.value() == 5
    names = [item.name() for item in view.gates.getPlotItem().listDataItems()]
    assert names == ["input", "forget", "cell", "output", "h"]
    view._hovered(5, 3)
    assert "unit 5, token 3" in view.hover.text() and "forget =" in view.hover.text()
    assert "largest difference" in view.status.text()

    ctx.set_model(str(tiny("gpt2")))
    assert tab.rnn_stack.currentWidget() is not view
