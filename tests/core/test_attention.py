"""Attention capture and aggregation: the weights equal transformers' eager output, and the
aggregations follow their formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workbench.core import attention as A
from workbench.core.attention import recorder
from workbench.core.jobs import WorkbenchError

TEXT = "The quick brown fox jumps over the lazy dog."


def _eager_reference(service, handle, **inputs):
    import torch

    with service.use(handle, attention=True), torch.inference_mode():
        return handle.model(**inputs, output_attentions=True, use_cache=False)


def _stack(layers) -> np.ndarray:
    return np.stack([layer[0].float().numpy() for layer in layers])


@pytest.mark.parametrize("kind", ["gpt2", "llama", "bert"])
def test_self_attention_equals_eager_output_attentions(tiny, service, kind):
    import torch

    handle = service.load(str(tiny(kind)))
    captured = A.capture(handle, TEXT, service=service)
    part = captured.parts["self"]
    ids = torch.tensor([part.query.ids])
    reference = _stack(_eager_reference(service, handle, input_ids=ids).attentions)
    assert part.weights.dtype == np.float16
    assert part.weights.shape == reference.shape == (2, 4, len(part.query), len(part.query))
    np.testing.assert_allclose(part.weights.astype(np.float32), reference, atol=1e-3)
    # the model is back on its fast attention afterwards
    assert handle.attn_implementation == "sdpa"


@pytest.mark.parametrize("kind", ["t5", "marian"])
def test_encoder_decoder_parts_equal_eager_output_attentions(tiny, service, kind):
    import torch

    handle = service.load(str(tiny(kind)))
    captured = A.capture(handle, TEXT, target="A lazy dog.", service=service)
    assert set(captured.parts) == {"encoder", "decoder", "cross"}
    enc, dec, cross = captured.parts["encoder"], captured.parts["decoder"], captured.parts["cross"]
    out = _eager_reference(service, handle, input_ids=torch.tensor([enc.query.ids]),
                           decoder_input_ids=torch.tensor([dec.query.ids]))
    np.testing.assert_allclose(enc.weights.astype(np.float32), _stack(out.encoder_attentions), atol=1e-3)
    np.testing.assert_allclose(dec.weights.astype(np.float32), _stack(out.decoder_attentions), atol=1e-3)
    np.testing.assert_allclose(cross.weights.astype(np.float32), _stack(out.cross_attentions), atol=1e-3)
    assert cross.weights.shape[2:] == (len(dec.query), len(enc.query))
    assert dec.query.labels[0] == "<pad>"  # the decoder start token


def test_one_gpt2_head_equals_softmax_qk_by_hand(tiny, service):
    import torch

    handle = service.load(str(tiny("gpt2")))
    captured = A.capture(handle, TEXT, service=service)
    ids = torch.tensor([captured.parts["self"].query.ids])
    model = handle.model.transformer
    heads, layer, head = 4, 0, 2
    with torch.inference_mode():
        hidden = model.wte(ids) + model.wpe(torch.arange(ids.shape[1])[None])
        block = model.h[layer]
        qkv = block.attn.c_attn(block.ln_1(hidden))[0]
        d_model = qkv.shape[-1] // 3
        d_head = d_model // heads
        q = qkv[:, :d_model].reshape(-1, heads, d_head)[:, head]
        k = qkv[:, d_model: 2 * d_model].reshape(-1, heads, d_head)[:, head]
        scores = q @ k.T / math.sqrt(d_head)
        n = scores.shape[0]
        scores = scores.masked_fill(torch.triu(torch.ones(n, n, dtype=torch.bool), 1), float("-inf"))
        expected = torch.softmax(scores, dim=-1).numpy()
    np.testing.assert_allclose(captured.parts["self"].weights[layer, head].astype(np.float32), expected, atol=1e-3)


def test_rows_sum_to_one_in_every_part(tiny, service):
    handle = service.load(str(tiny("marian")))
    captured = A.capture(handle, TEXT, target="Hello world.", service=service)
    for part in captured.parts.values():
        sums = part.weights.astype(np.float32).sum(axis=-1)
        np.testing.assert_allclose(sums, 1.0, atol=2e-3)


def test_rollout_equals_the_formula_on_a_hand_made_example():
    layer1 = np.array([[[1.0, 0.0], [0.5, 0.5]], [[1.0, 0.0], [0.1, 0.9]]])  # two heads
    layer2 = np.array([[[1.0, 0.0], [0.2, 0.8]], [[1.0, 0.0], [0.6, 0.4]]])
    # mean heads: [[1,0],[.3,.7]] and [[1,0],[.4,.6]]; + identity, rows renormalised:
    a1 = np.array([[1.0, 0.0], [0.15, 0.85]])
    a2 = np.array([[1.0, 0.0], [0.2, 0.8]])
    expected = a2 @ a1  # [[1,0],[0.2+0.8*0.15, 0.8*0.85]]
    result = A.rollout(np.stack([layer1, layer2]).astype(np.float16))
    np.testing.assert_allclose(result, expected, atol=1e-3)
    np.testing.assert_allclose(result[1], [0.32, 0.68], atol=1e-3)


def test_exclusion_renormalises_rows():
    matrix = np.array([[0.5, 0.3, 0.2], [0.6, 0.1, 0.3], [0.2, 0.2, 0.6]], dtype=np.float32)
    keep = np.array([False, True, True])
    result = A.exclude_and_renormalise(matrix, keep, keep)
    np.testing.assert_allclose(result, [[0.25, 0.75], [0.25, 0.75]], atol=1e-6)
    np.testing.assert_allclose(result.sum(axis=-1), 1.0)


def test_exclude_special_in_a_view_drops_cls_and_sep(tiny, service):
    handle = service.load(str(tiny("bert")))
    captured = A.capture(handle, TEXT, service=service)
    kept = A.compute_view(captured, layer=1, head=3, policy="exclude-special")
    full = A.compute_view(captured, layer=1, head=3)
    assert full.query_labels[0] == "[CLS]" and full.query_labels[-1] == "[SEP]"
    assert "[CLS]" not in kept.key_labels and "[SEP]" not in kept.key_labels
    assert kept.matrix.shape == (len(full.query_labels) - 2,) * 2
    np.testing.assert_allclose(kept.matrix.sum(axis=-1), 1.0, atol=1e-5)
    assert "renormalised" in kept.note


def test_merge_words_sums_keys_and_averages_queries():
    matrix = np.array([[0.2, 0.3, 0.5], [0.4, 0.4, 0.2], [0.1, 0.1, 0.8]], dtype=np.float32)
    merged = A.merge_words(matrix, [0, 0, 1], [0, 0, 1])
    np.testing.assert_allclose(merged, [[0.65, 0.35], [0.2, 0.8]], atol=1e-6)


def test_readable_labels_and_words_for_each_tokenizer_style(tiny, service):
    # byte-level BPE: no 'Ġ' soup, Chinese characters intact
    gpt2 = service.load(str(tiny("gpt2")))
    captured = A.capture(gpt2, "The lazy dog 语言", service=service)
    tokens = captured.parts["self"].query
    assert not any("Ġ" in label for label in tokens.labels)
    assert "dog" in tokens.word_labels and "lazy" in tokens.word_labels
    assert "语" in tokens.word_labels and "言" in tokens.word_labels
    service.unload()
    # WordPiece: '##' pieces join their word
    bert = service.load(str(tiny("bert")))
    captured = A.capture(bert, "jumps tokenization", service=service)
    tokens = captured.parts["self"].query
    assert not any(label.startswith("##") for label in tokens.labels)
    assert tokens.word_labels == ["[CLS]", "jumps", "tokenization", "[SEP]"]
    view = A.compute_view(captured, layer=0, head=0, words=True)
    assert view.query_labels == tokens.word_labels
    service.unload()
    # sentencepiece: no '▁'
    t5 = service.load(str(tiny("t5")))
    captured = A.capture(t5, "The quick fox", target="fox", service=service)
    tokens = captured.parts["encoder"].query
    assert not any("▁" in label for label in tokens.labels)
    assert tokens.word_labels == ["The", "quick", "fox", "</s>"]


def test_generation_steps_grow_the_matrix_and_keep_top_k(tiny, service):
    handle = service.load(str(tiny("llama")))
    captured = A.capture(handle, "Hello world", generate=4, top_k=3, service=service)
    prompt = len(captured.parts["self"].query) - len(captured.steps)
    assert len(captured.steps) == 4
    for i, step in enumerate(captured.steps):
        assert step.rows == prompt + i
        assert len(step.top) == 3 and step.top[0][1] >= step.top[1][1] >= step.top[2][1]
        assert step.probability == pytest.approx(step.top[0][1])
        view = A.compute_view(captured, layer=0, head=0, step=i)
        assert view.matrix.shape == (prompt + i, prompt + i)
    # the captured rows of each step are the rows generation used (causal), and the chosen token is next
    assert captured.parts["self"].query.ids[prompt:] == [s.token_id for s in captured.steps]
    generated = captured.parts["self"].query.labels[prompt:]
    assert generated == [s.token for s in captured.steps]
    assert not any("Ġ" in label for label in generated)


def test_text_beyond_max_length_is_truncated_with_a_warning(tiny, service):
    handle = service.load(str(tiny("gpt2")))  # 256 positions
    text = "fox " * 400
    total = len(handle.tokenizer(text)["input_ids"])
    captured = A.capture(handle, text, service=service)
    assert len(captured.parts["self"].query) == 256
    assert captured.truncated == total - 256
    assert f"has {total} tokens" in captured.warnings[0]
    assert f"the last {total - 256} tokens were cut" in captured.warnings[0]


def test_empty_text_is_refused(tiny, service):
    handle = service.load(str(tiny("gpt2")))
    with pytest.raises(WorkbenchError, match="empty"):
        A.capture(handle, "   ", service=service)


def test_a_model_that_cannot_switch_to_eager_says_why(tiny, service, monkeypatch):
    handle = service.load(str(tiny("gpt2")))

    def refuse(_implementation):
        raise ValueError("this architecture has no eager path")

    monkeypatch.setattr(handle.model, "set_attn_implementation", refuse)
    with pytest.raises(WorkbenchError, match="cannot switch to eager"):
        A.capture(handle, TEXT, service=service)


def test_head_statistics_find_sink_previous_and_diagonal():
    n = 4
    previous = np.zeros((n, n), dtype=np.float16)
    previous[0, 0] = 1
    for i in range(1, n):
        previous[i, i - 1] = 1
    sink = np.zeros((n, n), dtype=np.float16)
    sink[:, 0] = 1
    uniform = np.tril(np.ones((n, n))) / np.arange(1, n + 1)[:, None]
    tokens = A.Tokens(list("abcd"), [1, 2, 3, 4], [False] * 4, [0, 1, 2, 3], list("abcd"))
    weights = np.stack([previous, sink, uniform.astype(np.float16)])[None]
    stats = A.head_statistics(A.AttentionPart("self", weights, tokens, tokens, causal=True))
    assert stats[0].previous == pytest.approx(1.0) and stats[0].entropy == pytest.approx(0.0)
    assert stats[1].sink == pytest.approx(1.0)
    assert stats[2].entropy == pytest.approx(np.mean(np.log2(np.arange(1, n + 1))), abs=1e-3)
    assert stats[2].diagonal == pytest.approx(np.mean(1 / np.arange(1, n + 1)), abs=1e-3)


def test_npz_holds_attentions_tokens_and_rollout(tiny, service, tmp_path):
    handle = service.load(str(tiny("gpt2")))
    captured = A.capture(handle, TEXT, generate=2, service=service)
    path = tmp_path / "att.npz"
    A.save_npz(captured, path, include_rollout=True)
    data = np.load(path)
    n = len(captured.parts["self"].query)
    assert data["attentions"].shape == (2, 4, n, n)
    assert list(data["tokens"]) == captured.parts["self"].query.labels
    assert data["rollout"].shape == (n, n)
    assert list(data["step_rows"]) == [s.rows for s in captured.steps]


def test_csv_has_token_labels(tmp_path):
    view = A.AttentionView(np.array([[1.0, 0.0], [0.25, 0.75]], dtype=np.float32), ["a", "b"], ["a", "b"], "t")
    A.save_csv(view, tmp_path / "m.csv")
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "query \\ key,a,b"
    assert lines[2] == "b,0.25,0.75"


def test_difference_needs_matching_tokens():
    a = A.AttentionView(np.eye(2, dtype=np.float32), ["x", "y"], ["x", "y"], "a")
    b = A.AttentionView(np.full((2, 2), 0.5, dtype=np.float32), ["x", "y"], ["x", "y"], "b")
    np.testing.assert_allclose(A.difference(a, b).matrix, [[-0.5, 0.5], [0.5, -0.5]])
    c = A.AttentionView(np.eye(2, dtype=np.float32), ["x", "z"], ["x", "z"], "c")
    with pytest.raises(WorkbenchError, match="different tokens"):
        A.difference(a, c)


def test_encoder_reads_a_text_pair(tiny, service):
    handle = service.load(str(tiny("bert")))
    captured = A.capture(handle, "The lazy dog", pair="A quick fox", service=service)
    tokens = captured.parts["self"].query
    assert tokens.labels.count("[SEP]") == 2
    assert tokens.word_labels == ["[CLS]", "the", "lazy", "dog", "[SEP]", "a", "quick", "fox", "[SEP]"] or \
        tokens.word_labels == ["[CLS]", "The", "lazy", "dog", "[SEP]", "A", "quick", "fox", "[SEP]"]
    view = A.compute_view(captured, layer=0, head=0, policy="exclude-special-first")
    assert view.key_labels == ["The", "lazy", "dog", "A", "quick", "fox"]
    np.testing.assert_allclose(view.matrix.sum(axis=-1), 1.0, atol=1e-5)


def test_excluding_the_first_token_hides_a_decoder_sink(tiny, service):
    handle = service.load(str(tiny("gpt2")))  # adds no special token: the first token is a word
    captured = A.capture(handle, "The lazy dog", service=service)
    view = A.compute_view(captured, layer=0, head=0, policy="exclude-special-first")
    labels = captured.parts["self"].query.labels
    assert view.key_labels == labels[1:] and view.query_labels == labels[1:]
    np.testing.assert_allclose(view.matrix.sum(axis=-1), 1.0, atol=1e-5)


def test_models_without_recorder_hooks_fall_back_to_output_attentions(tiny, service, monkeypatch):
    import torch

    handle = service.load(str(tiny("llama")))
    hooked = A.capture(handle, TEXT, service=service).parts["self"].weights
    looked = []  # the patch must take effect, or the test would compare the hooked path with itself
    monkeypatch.setattr(recorder.Recorder, "find_modules", lambda self, model, architecture: looked.append(model))
    fallback = A.capture(handle, TEXT, service=service).parts["self"]
    assert looked == [handle.model]
    assert fallback.weights.dtype == np.float16
    np.testing.assert_array_equal(fallback.weights, hooked)
    reference = _stack(_eager_reference(service, handle, input_ids=torch.tensor([fallback.query.ids])).attentions)
    np.testing.assert_allclose(fallback.weights.astype(np.float32), reference, atol=1e-3)
