"""Switching heads off: checked against the same math done another way (W^O's columns zeroed on a copy)."""

from __future__ import annotations

import copy

import pytest

from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError

TEXT = "The quick brown fox jumps over the"
MASKED = "Paris is the [MASK] of France."


def _ids(handle, text=TEXT):
    return list(handle.tokenizer(text)["input_ids"])


def _wo(model, layer: int):
    """W^O of ``layer`` and whether it is stored (in, out) like GPT-2's Conv1D."""
    if hasattr(model, "transformer"):
        return model.transformer.h[layer].attn.c_proj, True
    if hasattr(model, "bert"):
        return model.bert.encoder.layer[layer].attention.output.dense, False
    return model.model.layers[layer].self_attn.o_proj, False


def _reference_probs(model, ids, heads, head_dim, position, means=None):
    """The prediction with ``heads`` off, from a copy whose W^O columns for those heads are zero (and, for a
    mean, whose bias carries W^O · mean instead)."""
    import torch

    clone = copy.deepcopy(model)
    with torch.no_grad():
        for layer, head in heads:
            module, transposed = _wo(clone, layer)
            cut = slice(head * head_dim, (head + 1) * head_dim)
            weight = module.weight
            if means is not None:
                part = weight[cut, :] if transposed else weight[:, cut].T
                module.bias += means[layer][head] @ part
            if transposed:
                weight[cut, :] = 0
            else:
                weight[:, cut] = 0
        logits = clone(torch.tensor([ids])).logits[0, position]
    return torch.softmax(logits.float(), -1)


@pytest.mark.parametrize("kind", ["gpt2", "llama", "bert-mlm"])
def test_zeroed_heads_equal_zeroed_wo_columns_and_the_hooks_go_away(service, tiny, kind):
    import torch

    from workbench.core.inspect.ablation import ablate, head_layout

    handle = service.load(str(tiny(kind)))
    ids = _ids(handle, MASKED if kind == "bert-mlm" else TEXT)
    model = handle.model
    with torch.no_grad():
        if kind == "bert-mlm":  # a tiny random BERT predicts almost uniformly: louder heads give a measurable change
            for layer in model.bert.encoder.layer:
                layer.attention.output.dense.weight.mul_(30)
        plain = model(torch.tensor([ids])).logits.clone()
    layout = head_layout(model)
    assert (layout.layers, layout.heads, layout.head_dim) == (2, 4, 8)
    heads = [(0, 1), (1, 2), (1, 3)]
    result = ablate(handle, ids, heads, "zero", top_k=400, new_tokens=4)
    position = ids.index(handle.tokenizer.mask_token_id) if kind == "bert-mlm" else len(ids) - 1
    assert result.position == position
    expected = _reference_probs(model, ids, heads, 8, position)
    got = torch.zeros_like(expected)
    for t in result.after:
        got[t.id] = t.prob
    torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-7)
    before = torch.softmax(plain[0, position].float(), -1)
    assert [t.id for t in result.before[:5]] == before.topk(5).indices.tolist()
    # float32 noise in the probabilities (~1e-7) bounds how exactly a KL this small can agree
    assert result.kl == pytest.approx(float((before * (before.log() - expected.log())).sum()), rel=1e-3, abs=5e-7)
    assert result.kl > 5e-6
    assert [t.prob for t in result.after] == sorted((t.prob for t in result.after), reverse=True)
    for t in result.before:
        assert t.change == pytest.approx(float(expected[t.id]) - t.prob, abs=1e-7)
    # the hooks are gone: the model computes what it did before
    with torch.no_grad():
        torch.testing.assert_close(model(torch.tensor([ids])).logits, plain)
    assert not any(m._forward_pre_hooks for m in model.modules())
    if kind == "bert-mlm":
        assert result.continuation_before is None and result.notes
    else:
        assert result.continuation_before_tokens and result.continuation_after_tokens
        # greedy: the first new token is the top of each distribution
        first_before = handle.tokenizer.decode([result.before[0].id])
        first_after = handle.tokenizer.decode([result.after[0].id])
        assert result.continuation_before.startswith(first_before)
        assert result.continuation_after.startswith(first_after)


def test_no_heads_changes_nothing_and_mean_mode_equals_the_bias_shift(service, tiny):
    import torch

    from workbench.core.inspect.ablation import ablate

    handle = service.load(str(tiny("gpt2")))
    ids = _ids(handle)
    nothing = ablate(handle, ids, [], "zero", top_k=10, new_tokens=5)
    assert [(t.id, t.prob) for t in nothing.after] == [(t.id, t.prob) for t in nothing.before]
    assert nothing.kl == 0 and all(t.change == 0 for t in nothing.before)
    assert nothing.continuation_after == nothing.continuation_before

    model = handle.model
    captured = {}
    hooks = [model.transformer.h[layer].attn.c_proj.register_forward_pre_hook(
        lambda _m, args, layer=layer: captured.__setitem__(layer, args[0][0].reshape(len(ids), 4, 8).mean(0)))
        for layer in (0, 1)]
    with torch.no_grad():
        model(torch.tensor([ids]))
    for hook in hooks:
        hook.remove()
    heads = [(0, 0), (1, 2)]
    result = ablate(handle, ids, heads, "mean", top_k=400, new_tokens=0)
    assert result.mode == "mean" and result.continuation_after is None and result.notes
    expected = _reference_probs(model, ids, heads, 8, len(ids) - 1, means=captured)
    got = torch.zeros_like(expected)
    for t in result.after:
        got[t.id] = t.prob
    torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-7)
    assert result.kl > 0
    assert set(result.to_json()) >= {"before", "after", "kl", "continuation_before", "continuation_after", "mode",
                                     "heads"}
    assert result.to_json()["heads"] == ["0.0", "1.2"]


def test_scan_matches_one_head_at_a_time_and_stops_when_cancelled(service, tiny):
    from workbench.core.inspect.ablation import ablate, scan_heads

    handle = service.load(str(tiny("llama")))
    ids = _ids(handle)
    events = []
    scan = scan_heads(handle, ids, [0, 1], "zero", progress=events.append)
    assert [(e.layer, e.head) for e in scan.effects] == [(layer, head) for layer in (0, 1) for head in range(4)]
    assert events[-1].done == events[-1].total == 2
    for effect in (scan.effects[1], scan.effects[6]):
        single = ablate(handle, ids, [(effect.layer, effect.head)], "zero", top_k=1, new_tokens=0)
        assert effect.kl == pytest.approx(single.kl, rel=1e-3, abs=1e-8)
        assert effect.top_after.id == single.after[0].id
        assert effect.prob_original_top == pytest.approx(single.before[0].prob + single.before[0].change, rel=1e-4)
    assert scan.ranked()[0].kl == max(e.kl for e in scan.effects) > 0
    assert len(scan.to_json()["heads"]) == 8

    token = CancelToken()

    def cancel_after_first_layer(event):
        if event.done >= 1:
            token.cancel()

    with pytest.raises(Cancelled):
        scan_heads(handle, ids, [0, 1], "mean", cancel=token, progress=cancel_after_first_layer)
    assert not any(m._forward_pre_hooks for m in handle.model.modules())


def test_bad_heads_layers_texts_and_models_are_refused_by_name(service, tiny, tmp_path):
    from workbench.core.inspect.ablation import head_layout, load_and_ablate, load_and_scan, parse_heads, parse_layers

    gpt2 = str(tiny("gpt2"))
    with pytest.raises(WorkbenchError) as err:
        load_and_ablate(service, gpt2, TEXT, "3.1")
    assert "3.1" in err.value.message and "layers 0–1, heads 0–3" in err.value.hint
    layout = head_layout(service.load(gpt2).model)
    with pytest.raises(WorkbenchError, match="0.4"):
        parse_heads("0.4", layout)
    with pytest.raises(WorkbenchError, match="LAYER.HEAD"):
        parse_heads("three", layout)
    assert parse_heads("1.*, 0.2", layout) == [(1, 0), (1, 1), (1, 2), (1, 3), (0, 2)]
    assert parse_layers("all", 2) == [0, 1] and parse_layers("1", 2) == [1]
    with pytest.raises(WorkbenchError) as err:
        parse_layers("0-5", 2)
    assert "0–1" in err.value.hint
    with pytest.raises(WorkbenchError, match="not a layer list"):
        load_and_scan(service, gpt2, TEXT, "x")
    with pytest.raises(WorkbenchError, match="mode"):
        load_and_ablate(service, gpt2, TEXT, "0.1", mode="half")
    with pytest.raises(WorkbenchError, match="empty"):
        load_and_ablate(service, gpt2, "  ", "0.1")
    with pytest.raises(WorkbenchError, match="reads at most 256"):  # the tiny GPT-2's context
        load_and_ablate(service, gpt2, "fox " * 300, "0.1")
    with pytest.raises(WorkbenchError, match="reads at most 256"):
        load_and_scan(service, gpt2, "fox " * 300, "all")
    with pytest.raises(WorkbenchError) as err:
        load_and_ablate(service, str(tiny("bert-mlm")), "no mask here", "0.1")
    assert "[MASK]" in err.value.message and "[MASK]" in err.value.hint
    with pytest.raises(WorkbenchError, match="language-model head"):
        load_and_ablate(service, str(tiny("bert")), TEXT, "0.1")
    with pytest.raises(WorkbenchError, match="switching heads off"):
        load_and_ablate(service, str(tiny("t5")), TEXT, "0.1")
    with pytest.raises(WorkbenchError, match="no attention heads") as err:
        load_and_ablate(service, str(rnn_folder(tiny, tmp_path)), TEXT, "0.0")
    assert "LSTM/GRU" in err.value.hint


def rnn_folder(tiny, tmp_path, cell: str = "lstm"):
    """A tiny from-scratch LSTM/GRU language model folder with the tiny GPT-2's tokenizer."""
    import torch
    import transformers

    from workbench.core.pretrain.rnn import WorkbenchRNNConfig, WorkbenchRNNForCausalLM

    tokenizer = transformers.AutoTokenizer.from_pretrained(tiny("gpt2"))
    torch.manual_seed(0)
    model = WorkbenchRNNForCausalLM(WorkbenchRNNConfig(vocab_size=len(tokenizer), hidden_size=16, num_hidden_layers=2,
                                                       cell=cell, eos_token_id=tokenizer.eos_token_id))
    out = tmp_path / f"rnn-{cell}"
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
