"""Copy as code for Attention, computed: a short plain torch + transformers program that records the model's own
modules with forward hooks and computes the same numbers (the query token's scores, weights, head output and W^O
output), printed as JSON."""

from __future__ import annotations

from workbench.core.inspect.attention_math import AttentionMath


def attention_code(result: AttentionMath) -> str:
    """The program for ``result``'s model, text, layer, head and query token."""
    m = result.modules
    hooked = [m["attention"]] + [m[key] for key in ("q", "k", "v", "qkv") if key in m]
    if result.qk_norm:
        hooked += [m["attention"] + ".q_norm", m["attention"] + ".k_norm"]
    lines = [
        f'"""Attention, computed by hand: {result.model_class}, layer {result.layer}, head {result.head}, '
        f'query token {result.query}.',
        "",
        "Forward hooks record what the model's own modules receive and return; the formula",
        "softmax(q·Kᵀ·scale + mask)·V, then Concat(heads)·W^O, is computed from them with torch.",
        '"""',
        "import json",
        "",
        "import torch",
        "import transformers",
    ]
    if result.rotary:
        lines.append(f"from {_rotary_module(result)} import apply_rotary_pos_emb")
    run = {"decoder": "model.base_model(input_ids=ids, use_cache=False)", "encoder": "model.base_model(input_ids=ids)",
           "encoder-decoder": "model.get_encoder()(input_ids=ids)"}[result.architecture]
    lines += [
        "",
        f"path = {result.path!r}",
        f"text = {result.text!r}",
        f"head, query = {result.head}, {result.query}",
        f"heads, kv_heads, d_k = {result.heads}, {result.kv_heads}, {result.head_dim}",
        f"scale = {result.scale!r}  # " + {"sqrt_dk": "1/√d_k", "none": "no scaling (T5)",
                                            "model": "the model's own scale"}[result.scale_kind],
        "",
        f"model = transformers.{result.model_class}.from_pretrained(path, dtype=torch.float32, "
        'attn_implementation="eager").eval()',
        "tokenizer = transformers.AutoTokenizer.from_pretrained(path)",
        "seen = {}",
        "",
        "",
        "def record(name):",
        "    def hook(module, args, kwargs, output):",
        "        seen[name] = (args, kwargs, output)",
        "    return hook",
        "",
        "",
        f"for name in {tuple(hooked)!r}:",
        "    model.get_submodule(name).register_forward_hook(record(name), with_kwargs=True)",
        'ids = tokenizer(text, return_tensors="pt")["input_ids"]',
        "n = ids.shape[1]",
        "with torch.no_grad():",
        f"    {run}",
        f"    args, kwargs, output = seen[{m['attention']!r}]",
    ]
    body = []
    if "qkv" in m:
        body += [f"qkv = seen[{m['qkv']!r}][2][0]  # one fused projection: [q | k | v]",
                 "q, k, v = qkv.split([heads * d_k, kv_heads * d_k, kv_heads * d_k], dim=-1)"]
    else:
        body += [f"q, k, v = (seen[name][2][0] for name in {(m['q'], m['k'], m['v'])!r})  # X·W + b"]
    body += ["q = q.view(n, heads, d_k).transpose(0, 1)  # (heads, n, d_k)",
             "k = k.view(n, kv_heads, d_k).transpose(0, 1)",
             "v = v.view(n, kv_heads, d_k).transpose(0, 1)"]
    if result.qk_norm:
        norm_q, norm_k = m["attention"] + ".q_norm", m["attention"] + ".k_norm"
        if result.qk_norm_layout == "nhd":
            body += [f"q, k = seen[{norm_q!r}][2][0].transpose(0, 1), seen[{norm_k!r}][2][0].transpose(0, 1)"
                     "  # per-head RMSNorm"]
        else:
            body += [f"q, k = seen[{norm_q!r}][2][0], seen[{norm_k!r}][2][0]  # per-head RMSNorm"]
    if result.rotary:
        body += ['cos, sin = kwargs["position_embeddings"]  # rotary: position enters here',
                 "q, k = (t[0] for t in apply_rotary_pos_emb(q[None], k[None], cos, sin))"]
    body += ["k = k.repeat_interleave(heads // kv_heads, dim=0)  # grouped-query: K/V heads shared",
             "v = v.repeat_interleave(heads // kv_heads, dim=0)",
             "scores = q @ k.transpose(1, 2)  # q·Kᵀ: (heads, n, n)",
             "scaled = scores * scale"]
    if result.softcap:
        body += [f"scaled = torch.tanh(scaled / {result.softcap!r}) * {result.softcap!r}  # soft cap"]
    body += ["logits = scaled"]
    if result.position_bias is not None:
        body += ['bias = kwargs.get("position_bias")',
                 "bias = output[1] if bias is None else bias  # T5: relative position bias",
                 "logits = logits + bias[0, :, :n, :n]"]
    body += ['mask = kwargs.get("attention_mask", kwargs.get("mask"))',
             "if mask is not None:",
             "    mask = mask[0, :, :n, :n]",
             "    if mask.dtype == torch.bool:",
             "        mask = torch.zeros(mask.shape).masked_fill(~mask, torch.finfo(torch.float32).min)",
             "    logits = logits + mask",
             "weights = torch.softmax(logits, dim=-1)",
             "heads_out = weights @ v  # (heads, n, d_k)",
             "concat = heads_out.transpose(0, 1).reshape(n, heads * d_k)",
             f"attn_output = model.get_submodule({m['o']!r})(concat)  # Concat(heads)·W^O + b",
             "print(json.dumps({",
             '    "scores": scores[head, query].tolist(), "scaled": scaled[head, query].tolist(),',
             '    "weights": weights[head, query].tolist(), "head_output": heads_out[head, query].tolist(),',
             '    "attn_output": attn_output[query].tolist(),',
             '    "model_weights": output[-1][0, head, query].tolist(),',
             "}))"]
    lines += ["    " + line for line in body]
    return "\n".join(lines) + "\n"


def _rotary_module(result: AttentionMath) -> str:
    """The transformers module that defines the model's attention (its ``apply_rotary_pos_emb``)."""
    return result.modules.get("attention_module", "")
