"""Input embeddings: the parts the model's own embedding modules produce, their sum and LayerNorm, checked."""

from __future__ import annotations

import math

import pytest

from workbench.core.jobs import WorkbenchError


def test_bert_pair_parts_sum_and_layernorm_match_the_models_embeddings(service, tiny):
    import torch

    from workbench.core.inspect.input_embeddings import input_embeddings

    ref = str(tiny("bert"))
    result = input_embeddings(service, ref, "the cat sat", "a dog ran")
    model = service.load(ref, kind="encoder").model
    tok = service.load(ref, kind="encoder").tokenizer
    cls, sep = tok.cls_token_id, tok.sep_token_id
    assert result.ids[0] == cls and result.ids.count(sep) == 2 and result.ids[-1] == sep
    first_sep = result.ids.index(sep)
    assert result.segments == [0] * (first_sep + 1) + [1] * (len(result.ids) - first_sep - 1)
    assert result.positions == list(range(len(result.ids))) and result.position_scheme == "learned"
    assert result.max_err_vs_model <= 1e-5
    # the parts are rows of the model's own tables
    emb = model.embeddings
    ids = torch.tensor(result.ids)
    assert torch.allclose(torch.tensor(result.parts["token"]), emb.word_embeddings.weight[ids], atol=1e-6)
    assert torch.allclose(torch.tensor(result.parts["position"]), emb.position_embeddings.weight[:len(ids)], atol=1e-6)
    assert torch.allclose(torch.tensor(result.parts["segment"]),
                          emb.token_type_embeddings.weight[torch.tensor(result.segments)], atol=1e-6)
    # and what the model passes to its first layer is LayerNorm(sum)
    with torch.inference_mode():
        out = model(input_ids=ids[None], token_type_ids=torch.tensor([result.segments]), output_hidden_states=True)
    assert (torch.tensor(result.layernorm) - out.hidden_states[0][0]).abs().max() <= 1e-5
    assert result.norms["sum"][0] == pytest.approx(float(torch.tensor(result.sum[0]).norm()), rel=1e-5)
    a, b = torch.tensor(result.parts["token"][1]), torch.tensor(result.parts["position"][1])
    assert result.cosines["token_position"][1] == pytest.approx(float(a @ b / a.norm() / b.norm()), abs=1e-5)
    assert result.norms["layernorm"][0] == pytest.approx(math.sqrt(result.hidden_size), rel=1e-2)  # γ=1, β=0
    assert {"tokens", "segments", "parts", "sum", "layernorm", "norms", "cosines", "max_err_vs_model"} <= set(
        result.to_json())


def test_gpt2_has_no_input_norm_and_llama_no_position_table(service, tiny):
    import torch

    from workbench.core.inspect.input_embeddings import input_embeddings

    gpt2 = input_embeddings(service, str(tiny("gpt2")), "The quick brown fox")
    assert gpt2.layernorm is None and gpt2.segments is None and gpt2.position_scheme == "learned"
    assert gpt2.max_err_vs_model <= 1e-5 and any("No LayerNorm" in n for n in gpt2.notes)
    model = service.load(str(tiny("gpt2"))).model
    assert torch.allclose(torch.tensor(gpt2.parts["position"]), model.transformer.wpe.weight[:len(gpt2.ids)])
    llama = input_embeddings(service, str(tiny("llama")), "The quick brown fox")
    assert llama.position_scheme == "rotary" and llama.parts["position"] is None and llama.positions is None
    assert llama.max_err_vs_model <= 1e-5 and any("inside attention" in n for n in llama.notes)
    assert llama.sum == llama.parts["token"]


def test_bad_inputs_are_refused_with_a_clear_message(service, tiny):
    from workbench.core.inspect.input_embeddings import input_embeddings

    with pytest.raises(WorkbenchError, match="sentence pair"):
        input_embeddings(service, str(tiny("gpt2")), "one", "two")
    with pytest.raises(WorkbenchError, match="empty"):
        input_embeddings(service, str(tiny("bert")), "  ")
    with pytest.raises(WorkbenchError, match="not supported here"):
        input_embeddings(service, str(tiny("t5")), "hello")
    with pytest.raises(WorkbenchError, match="reads at most"):
        input_embeddings(service, str(tiny("bert")), "word " * 200)
