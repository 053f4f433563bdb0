"""Attention, computed: every step recomputed from hooks on the model's own modules and checked against its
outputs, per architecture family; Copy as code run in a child process; bad input refused by name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from workbench.core.jobs import WorkbenchError

TEXT = "The quick brown fox jumps over the lazy dog."
ROOT = Path(__file__).resolve().parents[2]


def _explain(service, path, layer=1, head=3, query=4, text=TEXT):
    from workbench.core.inspect.attention_math import explain_attention

    handle = service.load(str(path))
    return handle, explain_attention(handle, text, layer, head, query, service=service)


def _model_attentions(path, architecture, text=TEXT):
    """The attention weights of a plain transformers load (output_attentions), independent of the hooks."""
    import torch
    import transformers

    config = transformers.AutoConfig.from_pretrained(path)
    cls = {"decoder": transformers.AutoModelForCausalLM, "encoder-decoder": transformers.AutoModelForSeq2SeqLM}.get(
        architecture, transformers.AutoModel)
    model = cls.from_pretrained(path, dtype=torch.float32, attn_implementation="eager").eval()
    ids = transformers.AutoTokenizer.from_pretrained(path)(text, return_tensors="pt")["input_ids"]
    with torch.no_grad():
        if config.is_encoder_decoder:
            out = model.get_encoder()(input_ids=ids, output_attentions=True)
        else:
            out = model(input_ids=ids, output_attentions=True)
    return out.attentions


@pytest.mark.parametrize("kind", ["gpt2", "llama", "bert", "t5", "marian", "family-qwen2", "family-qwen3",
                                  "family-qwen2-moe", "family-mistral", "family-mixtral", "family-gemma",
                                  "family-gemma2", "family-gemma3", "family-phi3", "family-opt", "family-roberta"])
def test_every_step_matches_the_model(service, tiny, kind):
    path = tiny(kind)
    handle, r = _explain(service, path)
    assert r.max_err_vs_capture <= 1e-5 and r.max_err_vs_model <= 1e-4 and r.passed, r.checks
    assert r.checks["projections_vs_model"] <= 1e-5 and "residual_vs_model" in r.checks
    n, d, dk = len(r.ids), r.hidden_size, r.head_dim
    assert r.x.shape == (n, d) and r.w_q.shape == (d, dk) and r.q.shape == (dk,) and r.k.shape == (n, dk)
    assert r.weights.shape == (n,) and r.concat.shape == (r.heads * dk,) and r.attn_output.shape == (d,)
    assert r.weights.sum() == pytest.approx(1.0, abs=1e-5)
    # the softmax row against output_attentions of a separate plain load
    attentions = _model_attentions(path, r.architecture)
    assert np.abs(attentions[1][0, 3, 4].numpy() - r.weights).max() <= 1e-5
    # q is X·W_Q + b, the head output is weights·V, this head's slice of the concatenation is its output
    q = r.x[r.query] @ r.w_q + (r.b_q if r.b_q is not None else 0)
    assert np.abs(q - r.q_raw).max() <= 1e-5
    assert np.abs(r.weights @ r.v - r.head_output).max() <= 1e-5
    assert np.array_equal(r.concat[r.head * dk:(r.head + 1) * dk], r.head_output)
    assert np.abs(r.residual[r.query] + r.attn_added - r.residual_after).max() <= 1e-5
    if r.architecture == "decoder":
        assert r.masked == [j > r.query for j in range(n)]
        assert set(r.mask_kinds) == {"", "causal"}
    else:
        assert not any(r.masked)
    assert set(r.to_json()) >= {"x", "q", "k", "v", "scores", "scaled", "mask", "weights", "head_output", "concat",
                                "attn_output", "residual_after", "max_err_vs_capture", "max_err_vs_model", "scale",
                                "rotary", "kv_head", "shapes"}


def test_what_is_particular_to_each_family(service, tiny):
    _, llama = _explain(service, tiny("llama"))
    assert llama.rotary and llama.kv_heads == 2 and llama.kv_head == 1 and llama.scale_kind == "sqrt_dk"
    assert not np.allclose(llama.q, llama.q_raw)  # rotated (position 4)
    assert "query head 3 reads K/V head 1" in llama.notes["gqa"] and "rotary" in llama.notes
    _, first = _explain(service, tiny("llama"), query=0)
    assert np.allclose(first.q, first.q_raw, atol=1e-6)  # position 0: rotation by angle 0
    _, gpt2 = _explain(service, tiny("gpt2"))
    assert not gpt2.rotary and gpt2.modules["qkv"].endswith("c_attn") and gpt2.kv_heads == gpt2.heads
    _, t5 = _explain(service, tiny("t5"))
    assert t5.scale == 1.0 and t5.scale_kind == "none" and t5.position_bias is not None
    assert {"scale", "position_bias", "encoder_decoder"} <= set(t5.notes)
    assert np.allclose(t5.scaled + t5.position_bias + t5.mask, np.log(t5.weights) + np.log(
        np.exp(t5.scaled + t5.position_bias).sum()), atol=1e-4)
    _, bert = _explain(service, tiny("bert"))
    assert bert.post_norm and bert.modules["o"].endswith("attention.output.dense")
    _, gemma2 = _explain(service, tiny("family-gemma2"))
    assert gemma2.sandwich_norm and gemma2.softcap
    _, qwen3 = _explain(service, tiny("family-qwen3"))
    assert qwen3.qk_norm


def test_a_sliding_window_masks_the_keys_too_far_back(service, tmp_path):
    import transformers

    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_models import _bpe_tokenizer

    tokenizer = _bpe_tokenizer()
    config = transformers.MistralConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                        num_attention_heads=4, num_key_value_heads=2, head_dim=8,
                                        max_position_embeddings=256, sliding_window=3, vocab_size=len(tokenizer))
    transformers.MistralForCausalLM(config).save_pretrained(tmp_path / "m")
    tokenizer.save_pretrained(tmp_path / "m")
    _, r = _explain(service, tmp_path / "m", query=6)
    assert r.passed, r.checks
    assert r.sliding_window == 3
    assert r.mask_kinds[:4] == ["sliding window"] * 4 and r.mask_kinds[4:7] == ["", "", ""]
    assert r.weights[:4].max() == 0.0 and r.weights[4:7].sum() == pytest.approx(1.0, abs=1e-6)


def test_distilbert_is_followed_too(service, tmp_path):
    import transformers

    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_models import _wordpiece_tokenizer

    tokenizer = _wordpiece_tokenizer()
    config = transformers.DistilBertConfig(vocab_size=len(tokenizer), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
                                           max_position_embeddings=128, pad_token_id=tokenizer.pad_token_id)
    transformers.DistilBertForMaskedLM(config).save_pretrained(tmp_path / "d")
    tokenizer.save_pretrained(tmp_path / "d")
    _, r = _explain(service, tmp_path / "d")
    assert r.passed and r.post_norm and r.modules["q"].endswith("q_lin"), r.checks


def test_copy_as_code_prints_the_same_numbers(service, tiny):
    from workbench.core.inspect.attention_code import attention_code

    _, r = _explain(service, tiny("llama"))
    code = attention_code(r)
    compile(code, "explain.py", "exec")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    for key in ("scores", "scaled", "weights", "head_output", "attn_output"):
        assert np.abs(np.array(doc[key]) - getattr(r, key)).max() <= 1e-5, key
    assert np.abs(np.array(doc["model_weights"]) - r.weights).max() <= 1e-5


def test_bad_choices_are_refused_with_the_valid_range(service, tiny):
    handle = service.load(str(tiny("gpt2")))
    from workbench.core.inspect.attention_math import explain_attention

    with pytest.raises(WorkbenchError, match="Layer 2 does not exist.*2 layers") as info:
        explain_attention(handle, TEXT, 2, 0, service=service)
    assert "0 to 1" in info.value.hint
    with pytest.raises(WorkbenchError, match="Head 4 does not exist.*4 heads"):
        explain_attention(handle, TEXT, 0, 4, service=service)
    with pytest.raises(WorkbenchError, match="Query token 99 does not exist"):
        explain_attention(handle, TEXT, 0, 0, 99, service=service)
    with pytest.raises(WorkbenchError, match="empty"):
        explain_attention(handle, "  ", 0, 0, service=service)
    with pytest.raises(WorkbenchError, match="reads at most 256") as info:
        explain_attention(handle, "word " * 400, 0, 0, service=service)
    assert "Shorten" in info.value.hint


def test_models_it_cannot_follow_say_so(service, tiny, tmp_path):
    from workbench.core.inspect.attention_math import explain_attention

    handle = service.load(str(tiny("family-falcon")))
    with pytest.raises(WorkbenchError, match="does not know FalconForCausalLM") as info:
        explain_attention(handle, TEXT, 0, 0, service=service)
    assert "Capture" in info.value.hint
    handle = service.load(str(tiny("family-phi")))  # partial rotary inside the module
    with pytest.raises(WorkbenchError, match="does not know PhiForCausalLM"):
        explain_attention(handle, TEXT, 0, 0, service=service)


def test_an_encoder_decoders_other_parts_are_refused_by_name(service, tiny):
    from workbench.core.inspect.attention_math import explain_attention

    handle = service.load(str(tiny("t5")))
    with pytest.raises(WorkbenchError, match="cross-attention") as info:
        explain_attention(handle, TEXT, 0, 0, service=service, part="cross")
    assert "encoder" in info.value.hint
    with pytest.raises(WorkbenchError, match="decoder's self-attention"):
        explain_attention(handle, TEXT, 0, 0, service=service, part="decoder")
    assert explain_attention(handle, TEXT, 0, 0, service=service, part="encoder").passed
    with pytest.raises(WorkbenchError, match="no attention part 'encoder'"):
        explain_attention(service.load(str(tiny("gpt2"))), TEXT, 0, 0, service=service, part="encoder")


def test_an_lstm_has_no_attention_to_compute(service, tmp_path):
    sys.path.insert(0, str(ROOT / "tests"))
    from pretrain_support import sentences

    from workbench.core.inspect.attention_math import explain_attention
    from workbench.core.pretrain.train import PretrainConfig, run_pretraining

    data = tmp_path / "text.txt"
    data.write_text(sentences(40), encoding="utf-8")
    result = run_pretraining(PretrainConfig(data=str(data), arch="lstm", epochs=1, layers=1, hidden=32, context=16,
                                            batch_size=8, heads=2), tmp_path / "run")
    handle = service.load(result["model_path"])
    with pytest.raises(WorkbenchError, match="no attention") as info:
        explain_attention(handle, "the cat", 0, 0, service=service)
    assert "Transformer" in info.value.hint


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_cli_json_is_the_core_result_and_bad_input_is_one_line(service, tiny):
    path = str(tiny("gpt2"))
    out = _cli("explain", "attention", "-m", path, "-t", TEXT, "--layer", "1", "--head", "3", "--query", "4", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    _, r = _explain(service, path)
    assert doc["max_err_vs_capture"] <= 1e-5 and doc["max_err_vs_model"] <= 1e-4
    assert np.abs(np.array(doc["weights"]) - r.weights).max() <= 1e-6
    assert len(doc["head_output"]) == r.head_dim and len(doc["attn_output"]) == r.hidden_size
    assert doc["kv_head"] == 3 and doc["rotary"] is False and doc["scale"] == pytest.approx(8 ** -0.5)
    out = _cli("explain", "attention", "-m", path, "-t", TEXT, "--layer", "5")
    assert out.returncode == 1 and "Layer 5 does not exist" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) <= 2
