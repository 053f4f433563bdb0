"""Logit lens, attribution and perplexity against plain transformers/torch on tiny models."""

from __future__ import annotations

import math

import pytest

from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError

TEXT = "The quick brown fox jumps over the lazy dog"


@pytest.fixture
def gpt2(service, tiny):
    return service.load(str(tiny("gpt2")))


@pytest.fixture
def llama(service, tiny):
    return service.load(str(tiny("llama")))


def _ids(handle, text=TEXT):
    return list(handle.tokenizer(text)["input_ids"])


@pytest.mark.parametrize("kind", ["gpt2", "llama"])
def test_lens_last_layer_is_the_models_argmax_and_middle_rows_use_norm_and_head(service, tiny, kind):
    import torch

    from workbench.core.inspect.lens import logit_lens

    handle = service.load(str(tiny(kind)))
    ids = _ids(handle)
    result = logit_lens(handle, ids, top_k=3, service=service)
    model = handle.model
    with torch.inference_mode():
        out = model(torch.tensor([ids]), output_hidden_states=True)
    assert result.layers == model.config.num_hidden_layers == len(result.predictions) - 1
    assert [ranks[0].id for ranks in result.predictions[-1]] == out.logits[0].argmax(-1).tolist()
    norm = model.transformer.ln_f if kind == "gpt2" else model.model.norm
    with torch.inference_mode():
        expected = torch.softmax(model.lm_head(norm(out.hidden_states[1]))[0], -1)
    top = expected.max(-1)
    assert [r[0].id for r in result.predictions[1]] == top.indices.tolist()
    assert [r[0].prob for r in result.predictions[1]] == pytest.approx(top.values.tolist(), rel=1e-4)
    # the probability of the following token, by layer, is recorded for every position but the last
    assert result.next_probs[-1][-1] is None
    assert result.next_probs[-1][0] == pytest.approx(float(torch.softmax(out.logits[0, 0], -1)[ids[1]]), rel=1e-4)
    assert set(result.to_json()) == {"tokens", "layers", "predictions"}
    # a view reads a few positions only: the same numbers
    some = logit_lens(handle, ids, top_k=3, service=service, positions=[2, 5])
    assert some.positions == [2, 5]
    assert [p.id for p in some.predictions[1][1]] == [p.id for p in result.predictions[1][5]]
    assert [p.prob for p in some.predictions[1][1]] == pytest.approx([p.prob for p in result.predictions[1][5]])
    assert some.next_probs[-1] == pytest.approx([result.next_probs[-1][2], result.next_probs[-1][5]])


def test_lens_on_a_masked_lm_lists_the_masked_positions_and_refuses_an_encoder(service, tiny):
    from workbench.core.inspect.lens import load_and_lens

    result = load_and_lens(service, str(tiny("bert-mlm")), "hello [MASK] world", top_k=2)
    mask_id = service.load(str(tiny("bert-mlm")), kind="masked-lm").tokenizer.mask_token_id
    assert result.kind == "masked-lm" and result.masked == [result.ids.index(mask_id)]
    assert result.to_json()["masked"] == result.masked
    with pytest.raises(WorkbenchError, match="language-model head"):
        load_and_lens(service, str(tiny("bert")), "hello world")


def _hand_logprob(model, ids, target):
    import torch

    with torch.inference_mode():
        return float(torch.log_softmax(model(torch.tensor([ids])).logits[0, -1], -1)[target])


@pytest.mark.parametrize("kind", ["gpt2", "llama"])
def test_integrated_gradients_are_complete_and_logprobs_match_transformers(service, tiny, kind):
    import torch

    from workbench.core.inspect.attribution import attribute

    handle = service.load(str(tiny(kind)))
    prompt = _ids(handle, "The quick brown fox")
    targets = _ids(handle, " jumps over")[:2]
    result = attribute(handle, prompt, targets, method="ig", service=service, internal_batch_size=16)
    assert result.steps == 64 and len(result.targets) == 2
    for j, target in enumerate(result.targets):
        assert len(target.scores) == len(prompt)
        assert target.target_logprob == pytest.approx(_hand_logprob(handle.model, prompt + targets[:j], targets[j]),
                                                      abs=1e-4)
        with torch.inference_mode():
            emb = handle.model.get_input_embeddings()(torch.tensor([prompt + targets[:j]]))
            emb[:, :len(prompt)] = 0
            baseline = float(torch.log_softmax(handle.model(inputs_embeds=emb).logits[0, -1], -1)[targets[j]])
        assert target.baseline_logprob == pytest.approx(baseline, abs=1e-4)
        difference = target.target_logprob - target.baseline_logprob
        assert sum(target.scores) == pytest.approx(difference, rel=0.05, abs=1e-3)
        assert abs(target.convergence_delta) <= 0.05 * abs(difference) + 1e-3


def test_gradient_times_input_equals_a_hand_autograd_computation(llama, service):
    import torch

    from workbench.core.inspect.attribution import attribute

    prompt = _ids(llama, "The quick brown fox")
    target = _ids(llama, " jumps")[0]
    result = attribute(llama, prompt, [target], method="grad-x-input", service=service)
    emb = llama.model.get_input_embeddings()(torch.tensor([prompt])).detach().requires_grad_(True)
    logprob = torch.log_softmax(llama.model(inputs_embeds=emb).logits[0, -1], -1)[target]
    logprob.backward()
    expected = (emb.grad * emb).sum(-1)[0].tolist()
    assert result.targets[0].scores == pytest.approx(expected, rel=1e-4, abs=1e-7)
    assert result.targets[0].convergence_delta is None


def test_rollout_scores_are_the_rollout_row_of_the_predicting_position(gpt2, service):
    import numpy as np
    import torch

    from workbench.core.attention import rollout
    from workbench.core.inspect.attribution import attribute

    prompt = _ids(gpt2, "The quick brown fox")
    result = attribute(gpt2, prompt, [5], method="rollout", service=service)
    with service.use(gpt2, attention=True), torch.inference_mode():
        attentions = gpt2.model(torch.tensor([prompt]), output_attentions=True).attentions
    expected = rollout(np.stack([a[0].numpy() for a in attentions]))[-1]
    assert result.targets[0].scores == pytest.approx(expected.tolist(), rel=1e-5)
    assert gpt2.attn_implementation != "eager"  # switched back


def test_a_bfloat16_model_is_inspected_through_a_float32_copy(service, tiny):
    import torch

    from workbench.core.inspect.attribution import attribute

    path = str(tiny("llama"))
    handle = service.load(path, options=service.options_with(dtype="bfloat16"))
    assert next(handle.model.parameters()).dtype == torch.bfloat16
    prompt, target = _ids(handle, "The quick brown fox"), _ids(handle, " jumps")[0]
    result = attribute(handle, prompt, [target], method="grad-x-input", service=service)
    float_model = handle.model.__class__.from_pretrained(path, dtype=torch.bfloat16).float()
    assert result.targets[0].target_logprob == pytest.approx(_hand_logprob(float_model, prompt, target), abs=1e-5)
    assert next(handle.model.parameters()).dtype == torch.bfloat16  # the loaded model is untouched


def test_unloading_a_bfloat16_model_frees_the_float32_copy_the_inspector_kept(service, tiny):
    import gc
    import weakref

    import torch

    from workbench.core.inspect.common import float32_model

    handle = service.load(str(tiny("llama")), options=service.options_with(dtype="bfloat16"))
    with float32_model(service, handle) as copy:
        assert next(copy.parameters()).dtype == torch.float32
        copy_ref, model_ref = weakref.ref(copy), weakref.ref(handle.model)
    del copy
    gc.collect()
    assert copy_ref() is not None  # kept for the next click on the same model
    service.unload(handle)
    gc.collect()
    assert copy_ref() is None and model_ref() is None  # both copies are gone, not only the bfloat16 one


def test_stop_during_integrated_gradients_raises_cancelled(llama, service):
    from workbench.core.inspect.attribution import attribute

    token = CancelToken()
    seen = []

    def progress(event):
        seen.append(event)
        token.cancel()  # after the first batch

    with pytest.raises(Cancelled):
        attribute(llama, _ids(llama, "The quick brown fox"), [5], steps=64, service=service, internal_batch_size=4,
                  cancel=token, progress=progress)
    assert len(seen) == 1


def test_perplexity_of_a_short_text_equals_the_models_own_loss(gpt2, service):
    import torch

    from workbench.core.inspect.perplexity import perplexity

    ids = _ids(gpt2)
    result = perplexity(gpt2, ids, service=service)
    with torch.inference_mode():
        loss = float(gpt2.model(torch.tensor([ids]), labels=torch.tensor([ids])).loss)
    assert result.windows == 1 and result.tokens[0].logprob is None
    assert result.perplexity == pytest.approx(math.exp(loss), rel=1e-5)
    assert [t.id for t in result.tokens] == ids


def test_strided_perplexity_matches_the_transformers_recipe(gpt2, service):
    import torch

    from workbench.core.inspect.perplexity import perplexity

    ids = _ids(gpt2, " ".join([TEXT] * 12))
    window, stride = 64, 24
    result = perplexity(gpt2, ids, window=window, stride=stride, service=service)
    # https://huggingface.co/docs/transformers/perplexity, with each window's true count of scored tokens
    encodings = torch.tensor([ids])
    seq_len = encodings.size(1)
    nll_sum, n_tokens, prev_end_loc, windows = 0.0, 0, 0, 0
    for begin_loc in range(0, seq_len, stride):
        end_loc = min(begin_loc + window, seq_len)
        trg_len = end_loc - prev_end_loc
        input_ids = encodings[:, begin_loc:end_loc]
        target_ids = input_ids.clone()
        target_ids[:, :-trg_len] = -100
        with torch.no_grad():
            loss = gpt2.model(input_ids, labels=target_ids).loss
        scored = int((target_ids[:, 1:] != -100).sum())
        nll_sum += float(loss) * scored
        n_tokens += scored
        prev_end_loc = end_loc
        windows += 1
        if end_loc == seq_len:
            break
    assert n_tokens == len(ids) - 1 and result.windows == windows > 3
    assert result.perplexity == pytest.approx(math.exp(nll_sum / n_tokens), rel=1e-5)
    assert (result.window, result.stride) == (window, stride)


def test_two_models_compare_token_by_token(service, tiny):
    from workbench.core.inspect.perplexity import compare_models

    result = compare_models(service, str(tiny("gpt2")), TEXT, compare=str(tiny("llama")))
    diffs = result.differences()
    assert result.compare is not None and diffs is not None and diffs[0] is None
    assert diffs[1] == pytest.approx(result.compare.tokens[1].logprob - result.tokens[1].logprob)
    doc = result.to_json()
    assert set(doc) == {"perplexity", "tokens", "window", "stride", "compare"}
    assert set(doc["compare"]) == {"model", "perplexity", "tokens"}


def test_bad_inputs_say_what_is_wrong(gpt2, service, tiny):
    from workbench.core.inspect.attribution import target_ids
    from workbench.core.inspect.lens import load_and_lens, logit_lens
    from workbench.core.inspect.perplexity import perplexity, score_text

    with pytest.raises(WorkbenchError, match="empty"):
        load_and_lens(service, str(tiny("gpt2")), "   ")
    with pytest.raises(WorkbenchError, match="empty"):
        score_text(service, str(tiny("gpt2")), "")
    with pytest.raises(WorkbenchError, match="at least 2"):
        perplexity(gpt2, _ids(gpt2, "a")[:1], service=service)
    with pytest.raises(WorkbenchError, match="reads at most 256") as info:
        logit_lens(gpt2, [5] * 300, service=service)
    assert "256 tokens or fewer" in info.value.hint
    bert = service.load(str(tiny("bert-mlm")))
    with pytest.raises(WorkbenchError, match="cannot form"):
        target_ids(bert.tokenizer, "☃")
    with pytest.raises(WorkbenchError, match="target is empty"):
        target_ids(bert.tokenizer, "")


def test_the_token_inspection_holds_the_lens_and_the_attention_row(gpt2, service):
    import torch

    from workbench.core.inspect.token import inspect_token

    ids = _ids(gpt2)
    result = inspect_token(service, str(gpt2.path), ids[:5], ids[5])
    assert result.position == 4 and result.lens.ids == ids[:6]
    with service.use(gpt2, attention=True), torch.inference_mode():
        attentions = gpt2.model(torch.tensor([ids[:5]]), output_attentions=True).attentions
    assert result.attention.shape == (2, 4, 5)
    assert result.attention[1, 2].tolist() == pytest.approx(attentions[1][0, 2, -1].tolist(), rel=1e-5)
    by_layer = result.probability_by_layer()
    assert len(by_layer) == 3 and by_layer[-1] == pytest.approx(result.lens.next_probs[-1][4])


def test_a_float32_copy_the_memory_cannot_hold_is_refused_before_it_is_made(service, tiny, monkeypatch):
    import torch

    from workbench.core import devices
    from workbench.core.inspect.lens import logit_lens

    handle = service.load(str(tiny("gpt2")), options=service.options_with(dtype="bfloat16"))
    assert next(handle.model.parameters()).dtype == torch.bfloat16
    copy_bytes = sum(p.numel() * (2 + 4) for p in handle.model.parameters())  # bf16 copy, then float32
    free = copy_bytes * 9 // 10  # room for a short lens, not for the copy
    monkeypatch.setattr(devices, "memory_status", lambda device="cpu": devices.MemoryStatus(device, 8 << 30, free))
    with pytest.raises(WorkbenchError) as refused:
        logit_lens(handle, _ids(handle, "The fox"), service=service)
    assert "float32 copy" in refused.value.message and "MB" in refused.value.message
    assert "float32" in refused.value.hint
    monkeypatch.undo()  # with the memory back, the same inspection runs
    assert logit_lens(handle, _ids(handle), service=service).layers == 2
