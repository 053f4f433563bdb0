"""Inside an RNN: each layer's hidden state is the model's own output, the recomputed gates and cell state
reproduce it (and nn.LSTM's last cell state), the CLI prints the same numbers, bad inputs are refused."""

from __future__ import annotations

import numpy as np
import pytest

from cli_support import run_json
from wordvec_support import tiny_rnn
from workbench.core.inspect import rnn_state as R
from workbench.core.jobs import WorkbenchError

TEXT = "the cat sees 小猫."


@pytest.fixture(scope="module")
def rnn_models(tmp_path_factory):
    root = tmp_path_factory.mktemp("rnn")
    return {cell: tiny_rnn(root / cell, cell) for cell in ("lstm", "gru")}


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_states_are_the_models_own_and_the_gates_reproduce_them(service, rnn_models, cell):
    import torch

    result = R.load_and_read(service, rnn_models[cell], TEXT)
    handle = service.load(rnn_models[cell])
    ids = handle.tokenizer.encode(TEXT)
    assert result.ids == ids and result.cell == cell and len(result.layers) == 2
    assert "小" in result.tokens and "猫" in result.tokens  # characters, not bytes
    with torch.no_grad():
        out = handle.model(torch.tensor([ids]), output_hidden_states=True)
    for n, layer in enumerate(result.layers):
        np.testing.assert_allclose(layer.hidden, out.hidden_states[n + 1][0].float().numpy(), atol=1e-6)
        assert layer.error <= R.TOLERANCE
        assert set(layer.gates) == set(R.GATES[cell]) and layer.gates[R.GATES[cell][0]].shape == (len(ids), 12)
        assert (layer.cell is not None) == (cell == "lstm")
    # the final state the model carries into generation equals the last hidden (and cell) rows
    with torch.no_grad():
        state = handle.model(torch.tensor([ids]), use_cache=True).cache.layers
    for n, layer in enumerate(result.layers):
        if cell == "lstm":
            np.testing.assert_allclose(layer.hidden[-1], state[n][0][0, 0].numpy(), atol=1e-6)
            np.testing.assert_allclose(layer.cell[-1], state[n][1][0, 0].numpy(), atol=R.TOLERANCE)
            gates = layer.gates
            # c_t = f ⊙ c_{t-1} + i ⊙ g and h_t = o ⊙ tanh(c_t), read off the recomputed gates
            np.testing.assert_allclose(layer.cell[1:], gates["forget"][1:] * layer.cell[:-1]
                                       + gates["input"][1:] * gates["cell"][1:], atol=1e-5)
            np.testing.assert_allclose(layer.hidden, gates["output"] * np.tanh(layer.cell), atol=1e-5)
        else:
            np.testing.assert_allclose(layer.hidden[-1], state[n][0, 0].numpy(), atol=1e-6)
            z, new = layer.gates["update"], layer.gates["new"]
            np.testing.assert_allclose(layer.hidden[1:], (1 - z[1:]) * new[1:] + z[1:] * layer.hidden[:-1], atol=1e-5)
    top = result.top_units(1, 3, k=4)
    change = result.layers[1].hidden[3] - result.layers[1].hidden[2]
    assert [u for u, _, _ in top] == list(np.argsort(-np.abs(change), kind="stable")[:4])


def test_a_wrong_recomputation_is_caught(service, rnn_models):
    """The check is real: a layer whose weights changed after the model ran does not reproduce its output."""
    handle = service.load(rnn_models["lstm"])
    import torch

    seen = []
    layer = R.recurrent_modules(handle.model)[0]
    hook = layer.register_forward_hook(lambda m, a, o: seen.append((a[0], o)))
    ids = handle.tokenizer.encode(TEXT)
    with torch.no_grad():
        handle.model(torch.tensor([ids]))
        hook.remove()
        layer.weight_hh_l0.add_(0.01)
        try:
            recomputed = R._recompute(layer, seen[0][0][0].double(), seen[0][1][0][0].double(), seen[0][1][1])
        finally:
            layer.weight_hh_l0.sub_(0.01)
    assert recomputed[0].error > 1e-4


def test_cli_prints_the_models_own_states(service, rnn_models):
    import torch

    got = run_json("rnn-state", "-m", rnn_models["lstm"], "-t", TEXT, "--json")
    handle = service.load(rnn_models["lstm"])
    with torch.no_grad():
        out = handle.model(torch.tensor([handle.tokenizer.encode(TEXT)]), output_hidden_states=True)
    assert len(got["layers"]) == 2 and got["cell"] == "lstm" and "猫" in got["tokens"]
    for n, layer in enumerate(got["layers"]):
        np.testing.assert_allclose(layer["hidden"], out.hidden_states[n + 1][0].numpy(), atol=1e-6)
        assert len(layer["cell"]) == len(got["tokens"]) and layer["max_error"] <= R.TOLERANCE


def test_bad_inputs_are_refused_plainly(service, rnn_models, tiny):
    with pytest.raises(WorkbenchError, match="no LSTM or GRU layers") as info:
        R.load_and_read(service, str(tiny("gpt2")), "hello")
    assert "attention" in info.value.hint
    with pytest.raises(WorkbenchError, match="empty"):
        R.load_and_read(service, rnn_models["gru"], "   ")
