"""Attention, computed: softmax(q·Kᵀ/√d_k + mask)·V for one layer, head and query token, on the model's numbers.

One run of the model (float32, eager attention) with forward hooks on its own modules: the attention module
(its input X, the mask and rotary angles it is given, the weights it returns), the q/k/v projections (or the fused
``c_attn`` / ``qkv_proj``), the per-head q/k norms where a model has them, the output projection W^O (its input is the
concatenation of the heads) and the first norm the block applies after attention (its input is the hidden state after
the attention block). From the projections' outputs every step of the formula is computed again here, and two checks
say whether that is what the model did: the softmax rows against the weights the model returned, and the concatenation,
W^O's output and the residual sum against the model's own intermediate tensors.

Rotary models rotate q and K with the function from the model's own module (``apply_rotary_pos_emb``), with the cos/sin
the model passes to its attention module: that is where position enters.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from workbench.core.i18n import translate
from workbench.core.inspect.common import check_context, float32_model, memory_budget, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

CAPTURE_TOLERANCE = 1e-5  # the softmax row vs the weights the model returns (float32)
MODEL_TOLERANCE = 1e-4  # W^O's output and the residual sum vs the model's own tensors

# q/k/v projections by the names transformers gives them: separate (Llama family, BERT, T5, Marian) or fused
SEPARATE_PROJECTIONS = (("q_proj", "k_proj", "v_proj"), ("query", "key", "value"), ("q", "k", "v"),
                        ("q_lin", "k_lin", "v_lin"))  # the last: DistilBERT
FUSED_PROJECTIONS = ("c_attn", "qkv_proj")  # GPT-2's Conv1D [q|k|v]; Phi-3's Linear [q|k_kv|v_kv]
OUTPUT_PROJECTIONS = ("o_proj", "c_proj", "o", "out_proj", "dense", "out_lin")


@dataclass
class AttentionMath:
    """Every step for one layer, head and query token; arrays are float32 numpy.

    Shapes: n tokens, d hidden size, d_k head size, H heads. ``q``/``k`` are after rotation (the same as ``q_raw``/
    ``k_raw`` without rotary); ``scores``, ``scaled``, ``mask``, ``weights`` are the query token's rows over the n keys.
    """
    model: str
    architecture: str  # decoder, encoder, encoder-decoder (its encoder's self-attention)
    model_class: str
    layer: int
    head: int
    query: int
    layers: int
    heads: int
    kv_heads: int
    kv_head: int  # the K/V head this query head reads (grouped-query attention shares one between several)
    head_dim: int
    hidden_size: int
    ids: list[int]
    tokens: list[str]
    modules: dict[str, str]  # role -> the module's name in the model (attention, q, k, v, o, ...)
    x: np.ndarray  # (n, d): what enters the attention module (after the block's own norm, where it has one)
    residual: np.ndarray  # (n, d): the hidden state entering the block
    w_q: np.ndarray  # (d, d_k) this head's slice (q = X·W_Q + b_Q)
    w_k: np.ndarray
    w_v: np.ndarray
    b_q: np.ndarray | None
    b_k: np.ndarray | None
    b_v: np.ndarray | None
    q_raw: np.ndarray  # (d_k,) the query row as projected
    k_raw: np.ndarray  # (n, d_k)
    v: np.ndarray  # (n, d_k)
    q: np.ndarray  # (d_k,) after per-head norm and rotation
    k: np.ndarray  # (n, d_k)
    rotary: bool
    qk_norm: bool
    scale: float
    scale_kind: str  # "sqrt_dk" (1/√d_k), "none" (1: T5), "model" (another value the model sets)
    softcap: float | None
    scores: np.ndarray  # (n,) q·Kᵀ
    scaled: np.ndarray  # (n,) × scale (then soft-capped where the model caps)
    position_bias: np.ndarray | None  # (n,) T5's relative position bias for this head and row
    mask: np.ndarray  # (n,) added before the softmax: 0, or a large negative number
    masked: list[bool]
    mask_kinds: list[str]  # per key: "", "causal", "sliding window", "padding"
    sliding_window: int | None
    weights: np.ndarray  # (n,) the softmax row
    head_output: np.ndarray  # (d_k,) weights·V
    heads_output: np.ndarray  # (H, d_k) every head's output for the query token
    concat: np.ndarray  # (H·d_k,)
    w_o: np.ndarray  # (H·d_k, d)
    b_o: np.ndarray | None
    attn_output: np.ndarray  # (d,) concat·W^O + b_O
    post_norm: bool  # BERT/Marian: the residual sum is normalised after attention (LayerNorm(X + attn))
    sandwich_norm: bool  # Gemma 2/3: the attention output is normalised before it is added
    attn_added: np.ndarray  # (d,) what is added to the residual (attn_output, or its norm for sandwich models)
    residual_after: np.ndarray | None  # (d,) residual + attn_added: the hidden state after the block's attention
    model_weights: np.ndarray  # (n,) the row the model returned, for the page's comparison
    path: str = ""  # the model's folder (for Copy as code)
    text: str = ""
    qk_norm_layout: str = ""  # "nhd": q_norm sees (n, H, d_k) (Qwen 3); "hnd": (H, n, d_k) (Gemma 3)
    checks: dict[str, float] = field(default_factory=dict)  # name -> max |difference|
    notes: dict[str, str] = field(default_factory=dict)  # what is particular to this model, in words, by topic

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def max_err_vs_capture(self) -> float:
        return self.checks["softmax_vs_model_weights"]

    @property
    def max_err_vs_model(self) -> float:
        return max(v for k, v in self.checks.items() if k in ("concat_vs_model", "attn_output_vs_model",
                                                              "residual_vs_model"))

    @property
    def passed(self) -> bool:
        return self.max_err_vs_capture <= CAPTURE_TOLERANCE and self.max_err_vs_model <= MODEL_TOLERANCE

    def to_json(self, weights: bool = False) -> dict:
        def out(a):
            return None if a is None else np.asarray(a, dtype=np.float64).tolist()

        doc = {
            "model": self.model, "architecture": self.architecture, "model_class": self.model_class,
            "layer": self.layer, "head": self.head, "query": self.query, "layers": self.layers, "heads": self.heads,
            "kv_heads": self.kv_heads, "kv_head": self.kv_head, "head_dim": self.head_dim,
            "hidden_size": self.hidden_size, "tokens": self.tokens, "ids": self.ids, "modules": self.modules,
            "rotary": self.rotary, "qk_norm": self.qk_norm, "scale": self.scale, "scale_kind": self.scale_kind,
            "softcap": self.softcap, "sliding_window": self.sliding_window,
            "post_norm": self.post_norm, "sandwich_norm": self.sandwich_norm,
            "x": out(self.x), "q": out(self.q), "k": out(self.k), "v": out(self.v),
            "q_before_rotation": out(self.q_raw) if self.rotary or self.qk_norm else None,
            "k_before_rotation": out(self.k_raw) if self.rotary or self.qk_norm else None,
            "scores": out(self.scores), "scaled": out(self.scaled), "position_bias": out(self.position_bias),
            "mask": out(self.mask), "masked": self.masked, "mask_kinds": self.mask_kinds,
            "weights": out(self.weights), "head_output": out(self.head_output), "concat": out(self.concat),
            "attn_output": out(self.attn_output), "residual_after": out(self.residual_after),
            "max_err_vs_capture": self.max_err_vs_capture, "max_err_vs_model": self.max_err_vs_model,
            "checks": dict(self.checks), "notes": list(self.notes.values()),
            "shapes": {"x": list(self.x.shape), "w_q": list(self.w_q.shape), "q": list(self.q.shape),
                       "k": list(self.k.shape), "v": list(self.v.shape), "scores": list(self.scores.shape),
                       "weights": list(self.weights.shape), "head_output": list(self.head_output.shape),
                       "concat": list(self.concat.shape), "w_o": list(self.w_o.shape),
                       "attn_output": list(self.attn_output.shape)},
        }
        if weights:
            doc.update(w_q=out(self.w_q), w_k=out(self.w_k), w_v=out(self.w_v), b_q=out(self.b_q),
                       b_k=out(self.b_k), b_v=out(self.b_v), w_o=out(self.w_o), b_o=out(self.b_o))
        return doc


def _unsupported(handle, what: str) -> WorkbenchError:
    return WorkbenchError(
        translate("core", "Attention, computed, does not know {arch} yet: {what}.").format(
            arch=type(handle.model).__name__, what=what),
        translate("core", "It works on GPT-2, Llama-family models (Llama, Qwen, Mistral, Gemma, Phi-3), BERT-style "
                          "encoders and the encoder of T5/Marian. The heatmap (Capture) works on this model."))


def _check_range(message: str, value: int, count: int) -> None:
    """``message`` names the thing and its count; the hint gives the valid range."""
    if not 0 <= value < count:
        raise WorkbenchError(message.format(value=value, count=count, last=count - 1),
                             translate("core", "Choose a number from 0 to {last}.").format(last=count - 1))


def architecture_of(handle) -> str:
    if getattr(handle.config, "is_encoder_decoder", False):
        return "encoder-decoder"
    return "decoder" if handle.kind == "causal-lm" else "encoder"


def attention_modules(model, architecture: str) -> list[tuple[str, object, int]]:
    """(name, module, index of the weights in its output) of each self-attention layer, in order: where
    transformers' own ``output_attentions`` recorders sit (the encoder's, for an encoder-decoder)."""
    from workbench.core.attention.recorder import Recorder

    recorder = Recorder()
    recorder.find_modules(model, architecture)
    wanted = "encoder" if architecture == "encoder-decoder" else "self"
    names = {id(m): n for n, m in model.named_modules()}
    return [(names[id(module)], module, index) for module, part, index in recorder.specs if part == wanted]


def _child(module, names):
    for name in names:
        child = getattr(module, name, None)
        if child is not None and hasattr(child, "weight"):
            return name, child
    return None, None


def _block_name(attention_name: str) -> str:
    """The layer holding the attention module: the outermost enclosing name ending in a layer number
    (``model.layers.3``; T5's ``encoder.block.3``, not its sub-layer ``encoder.block.3.layer.0``)."""
    parts = attention_name.split(".")
    for end in range(1, len(parts)):
        if parts[end - 1].isdigit():
            return ".".join(parts[:end])
    return ".".join(parts[:-1])


def _is_norm(module) -> bool:
    return "norm" in type(module).__name__.lower()


def _kv_heads(attn, config, heads: int) -> int:
    for owner in (attn, config):
        for name in ("num_key_value_heads", "num_kv_heads"):
            value = getattr(owner, name, None)
            if isinstance(value, int) and value > 0:
                return value
    groups = getattr(attn, "num_key_value_groups", None)
    return heads // groups if isinstance(groups, int) and groups > 0 else heads


def _numbers(model, config):
    cfg = getattr(config, "text_config", None) or config
    heads = (getattr(cfg, "num_attention_heads", None) or getattr(cfg, "n_head", None)
             or getattr(cfg, "num_heads", None) or getattr(cfg, "encoder_attention_heads", None))
    hidden = getattr(cfg, "hidden_size", None) or getattr(cfg, "n_embd", None) or getattr(cfg, "d_model", None)
    return int(heads), int(hidden)


def _slice_weight(module, start: int, stop: int):
    """Columns ``start:stop`` of a projection as (d_in, width) and its bias, for y = x·W + b."""
    if type(module).__name__ == "Conv1D":  # GPT-2 stores (in, out)
        w = module.weight[:, start:stop]
    else:  # nn.Linear stores (out, in)
        w = module.weight[start:stop].T
    b = None if getattr(module, "bias", None) is None else module.bias[start:stop]
    return w, b


def _full_weight(module):
    w = module.weight if type(module).__name__ == "Conv1D" else module.weight.T
    return w, getattr(module, "bias", None)


def _positional(args, kwargs, name: str, index: int = 0):
    if name in kwargs and kwargs[name] is not None:
        return kwargs[name]
    return args[index] if len(args) > index else None


def bytes_needed(handle, n: int) -> int:
    """Memory for one float32 run with eager attention: every layer's attention matrices, a few times over."""
    heads, hidden = _numbers(handle.model, handle.config)
    return 4 * (4 * heads * n * n + 16 * n * hidden)


def _check_text(handle, n: int) -> None:
    """The context limit as every inspection checks it; the memory from attention's n × n matrices."""
    from workbench.core.units import human_bytes

    check_context(handle, n)
    needed = bytes_needed(handle, n)
    budget = memory_budget(handle)
    if needed > budget:
        raise WorkbenchError(
            translate("core", "Computing attention step by step over {n} tokens needs about {need}, but only {free} "
                              "of memory can be used.").format(n=n, need=human_bytes(needed), free=human_bytes(budget)),
            translate("core", "Shorten the text (a sentence or two is enough to follow the formula)."))


def explain_attention(handle, text: str, layer: int, head: int, query: int | None = None, service=None,
                      part: str = "self", cancel: CancelToken = NEVER_CANCELLED,
                      progress: ProgressCallback = no_progress) -> AttentionMath:
    """Every step of the attention formula for ``layer``, ``head`` and token ``query`` (default: the last) of
    ``handle``'s model on ``text``, recomputed from the model's own tensors and checked against them.

    ``part``: "self" (an encoder-decoder's "self" is its encoder); "encoder" is accepted too. An encoder-decoder's
    decoder self-attention and cross-attention are refused with a message saying so."""
    from workbench.core.modeltypes import no_attention_reason

    if getattr(handle, "engine", "transformers") != "transformers":
        raise WorkbenchError(translate("core", "{model} runs on llama.cpp, whose attention cannot be looked into.")
                             .format(model=handle.name),
                             translate("core", "Load the model with the transformers engine."))
    if reason := no_attention_reason(handle.model.config):
        raise WorkbenchError(*reason)
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."),
                             translate("core", "Type a sentence to see how the model computes its attention."))
    ids = list(handle.tokenizer(text)["input_ids"])
    if not ids:
        raise WorkbenchError(translate("core", "The text gives no tokens."), translate("core", "Type some words."))
    _check_text(handle, len(ids))
    architecture = architecture_of(handle)
    if part in ("decoder", "cross"):
        what = (translate("core", "the decoder's self-attention") if part == "decoder"
                else translate("core", "cross-attention"))
        raise WorkbenchError(
            translate("core", "Attention, computed, does not work through {what} yet.").format(what=what),
            translate("core", "Choose the encoder's self-attention (part encoder); the heatmap (Capture) shows the "
                              "decoder's and the cross-attention weights."))
    if part not in ("self", "encoder") or (part == "encoder" and architecture != "encoder-decoder"):
        raise WorkbenchError(translate("core", "{model} has no attention part '{part}'.").format(
            model=handle.name, part=part), translate("core", "Choose self (or encoder for an encoder-decoder)."))
    _check_choice(handle, handle.model, architecture, layer, head, query, len(ids))  # before any float32 copy
    progress(Progress(0, 2, translate("core", "Running the model")))
    with float32_model(service, handle, attention=True) as model:
        cancel.raise_if_cancelled()
        result = _explain(handle, model, architecture, ids, layer, head, query)
    progress(Progress(2, 2, translate("core", "Computed")))
    result.tokens = token_labels(handle.tokenizer, ids)
    result.path, result.text = str(handle.path), text
    return result


def _check_choice(handle, model, architecture: str, layer: int, head: int, query: int | None, n: int) -> list:
    """The model's self-attention modules, once the layer, head and query token are known to exist."""
    found = attention_modules(model, architecture)
    if not found:
        raise _unsupported(handle, translate("core", "no self-attention modules were found"))
    heads, _ = _numbers(model, model.config)
    _check_range(translate("core", "Layer {value} does not exist: this model has {count} layers (0 to {last})."),
                 layer, len(found))
    _check_range(translate("core", "Head {value} does not exist: each layer has {count} heads (0 to {last})."),
                 head, heads)
    _check_range(translate("core", "Query token {value} does not exist: the text has {count} tokens (0 to {last})."),
                 n - 1 if query is None else query, n)
    return found


def _explain(handle, model, architecture: str, ids: list[int], layer: int, head: int,
             query: int | None) -> AttentionMath:
    import torch

    found = _check_choice(handle, model, architecture, layer, head, query, len(ids))
    heads, hidden = _numbers(model, model.config)
    n = len(ids)
    query = n - 1 if query is None else query

    attn_name, attn, weights_index = found[layer]
    named = dict(model.named_modules())
    projections = FUSED_PROJECTIONS + tuple(name for names in SEPARATE_PROJECTIONS for name in names)
    if _child(attn, projections)[1] is None:
        for child_name, child in attn.named_children():  # T5 records at its layer wrapper: use the T5Attention inside
            if any(all(hasattr(child, name) for name in names) for names in SEPARATE_PROJECTIONS):
                attn_name, attn = f"{attn_name}.{child_name}", child
                break
    modules = {"attention": attn_name}
    fused_name, fused = _child(attn, FUSED_PROJECTIONS)
    separate = None
    for names in SEPARATE_PROJECTIONS:
        got = [_child(attn, (name,))[1] for name in names]
        if all(m is not None for m in got):
            separate = got
            modules.update(q=f"{attn_name}.{names[0]}", k=f"{attn_name}.{names[1]}", v=f"{attn_name}.{names[2]}")
            break
    if separate is None and fused is None:
        raise _unsupported(handle, translate("core", "its q, k and v projections are not separate Linear layers nor "
                                                     "GPT-2's or Phi-3's fused one"))
    if fused is not None and separate is None:
        modules["qkv"] = f"{attn_name}.{fused_name}"
    if getattr(attn, "is_cross_attention", False):
        raise _unsupported(handle, translate("core", "layer {layer} is cross-attention").format(layer=layer))

    # W^O: the attention module's own output projection, or (BERT) the sibling "output.dense"
    parent_name = attn_name.rsplit(".", 1)[0] if "." in attn_name else ""
    parent = named.get(parent_name)
    post_norm = False
    o_name, o_proj = _child(attn, OUTPUT_PROJECTIONS)
    bert_norm = None
    if o_name is not None:
        modules["o"] = f"{attn_name}.{o_name}"
    else:
        output = getattr(parent, "output", None)
        o_proj = getattr(output, "dense", None)
        bert_norm = getattr(output, "LayerNorm", None)
        if o_proj is None or bert_norm is None:
            raise _unsupported(handle, translate("core", "its output projection W^O was not found"))
        modules["o"] = f"{parent_name}.output.dense"
        modules["after"] = f"{parent_name}.output.LayerNorm"
        post_norm = True
    modules["attention_module"] = type(attn).__module__
    block_name = _block_name(attn_name)
    block = named[block_name]
    modules["block"] = block_name
    q_norm, k_norm = getattr(attn, "q_norm", None), getattr(attn, "k_norm", None)
    qk_norm = q_norm is not None and k_norm is not None
    sandwich = None
    if bert_norm is None and hasattr(block, "pre_feedforward_layernorm") and hasattr(block, "post_attention_layernorm"):
        sandwich = block.post_attention_layernorm  # Gemma 2/3: norm(attn) + residual, then pre_feedforward_layernorm
        modules["sandwich"] = f"{block_name}.post_attention_layernorm"
        modules["after"] = f"{block_name}.pre_feedforward_layernorm"

    seen: dict[str, object] = {}
    order: list[str] = []
    hooks = []

    def keep_output(key):
        def hook(_module, _args, output):
            seen[key] = output
        return hook

    def keep_call(key):
        def hook(_module, args, kwargs):
            seen[key] = (args, kwargs)
        return hook

    def attention_done(_module, _args, _kwargs, output):
        seen["attention_out"] = output
        order.append("attention")

    def norm_called(name):
        def hook(_module, args):
            if "attention" in order and "after_input" not in seen:  # the first norm of the block after attention
                seen["after_input"] = args[0]
                seen.setdefault("after_name", name)
        return hook

    try:
        hooks.append(attn.register_forward_pre_hook(keep_call("attention_in"), with_kwargs=True))
        hooks.append(attn.register_forward_hook(attention_done, with_kwargs=True))
        hooks.append(block.register_forward_pre_hook(keep_call("block_in"), with_kwargs=True))
        if separate is not None:
            for key, module in zip("qkv", separate):
                hooks.append(module.register_forward_hook(keep_output(key)))
        else:
            hooks.append(fused.register_forward_hook(keep_output("qkv")))
        if qk_norm:
            hooks.append(q_norm.register_forward_hook(keep_output("q_norm")))
            hooks.append(k_norm.register_forward_hook(keep_output("k_norm")))
            hooks.append(q_norm.register_forward_pre_hook(lambda _m, args: seen.__setitem__("q_norm_in", args[0])))
        hooks.append(o_proj.register_forward_pre_hook(lambda _m, args: seen.__setitem__("o_in", args[0])))
        hooks.append(o_proj.register_forward_hook(keep_output("o_out")))
        if "after" in modules:
            after = named[modules["after"]]
            hooks.append(after.register_forward_pre_hook(
                lambda _m, args: seen.setdefault("after_input", args[0])))
            seen["after_name"] = modules["after"]
        else:
            for name, module in block.named_modules():
                if module is not block and _is_norm(module) and not name.startswith(
                        attn_name[len(block_name) + 1:] + ".") and module is not q_norm and module is not k_norm:
                    hooks.append(module.register_forward_pre_hook(norm_called(f"{block_name}.{name}")))
        device = next(model.parameters()).device
        input_ids = torch.tensor([ids], device=device)
        with torch.inference_mode():
            if architecture == "encoder-decoder":
                model.get_encoder()(input_ids=input_ids)
            elif architecture == "decoder":
                model.base_model(input_ids=input_ids, use_cache=False)
            else:
                model.base_model(input_ids=input_ids)
    finally:
        for h in hooks:
            h.remove()
    if "after_name" in seen and "after_input" in seen:
        modules["after"] = seen["after_name"]

    try:
        with torch.inference_mode():
            return _compute(handle, model, architecture, ids, layer, head, query, attn, weights_index, seen, modules,
                            separate, fused, o_proj, heads, hidden, qk_norm, post_norm, sandwich, len(found))
    except WorkbenchError:
        raise
    except Exception as exc:  # a layout this walk-through does not know (partial rotary, another rotary function)
        error = _unsupported(handle, translate("core", "its attention is computed in a way this page does not "
                                                       "follow ({error})").format(error=type(exc).__name__))
        error.details = f"{type(exc).__name__}: {exc}"
        raise error from exc


def _compute(handle, model, architecture, ids, layer, head, query, attn, weights_index, seen, modules, separate,
             fused, o_proj, heads, hidden, qk_norm, post_norm, sandwich, layers) -> AttentionMath:
    import torch

    def f32(t):
        return t.detach().float()

    def npy(t):
        return None if t is None else t.detach().float().cpu().numpy()

    n = len(ids)
    args, kwargs = seen["attention_in"]
    x = f32(_positional(args, kwargs, "hidden_states"))[0]  # (n, d)
    block_args, block_kwargs = seen["block_in"]
    residual = f32(_positional(block_args, block_kwargs, "hidden_states"))[0]
    kv_heads = _kv_heads(attn, model.config, heads)
    if separate is not None:
        q_out, k_out, v_out = (f32(seen[key])[0] for key in "qkv")
        head_dim = q_out.shape[-1] // heads
    else:
        qkv = f32(seen["qkv"])[0]
        if type(fused).__name__ == "Conv1D":  # GPT-2: three equal thirds
            kv_heads = heads
        head_dim = qkv.shape[-1] // (heads + 2 * kv_heads)
        q_out, k_out, v_out = qkv.split([heads * head_dim, kv_heads * head_dim, kv_heads * head_dim], dim=-1)
    if heads % kv_heads:
        raise _unsupported(handle, translate("core", "{heads} heads cannot share {kv} key/value heads evenly").format(
            heads=heads, kv=kv_heads))
    group = heads // kv_heads
    kv_head = head // group

    # this head's weight slices, and the check that X·W + b is what the projections gave
    def slices(module, offset, count, index):
        return _slice_weight(module, offset + index * head_dim, offset + (index + 1) * head_dim)

    if separate is not None:
        (w_q, b_q), (w_k, b_k), (w_v, b_v) = (slices(separate[0], 0, heads, head),
                                              slices(separate[1], 0, kv_heads, kv_head),
                                              slices(separate[2], 0, kv_heads, kv_head))
    else:
        (w_q, b_q) = slices(fused, 0, heads, head)
        (w_k, b_k) = slices(fused, heads * head_dim, kv_heads, kv_head)
        (w_v, b_v) = slices(fused, (heads + kv_heads) * head_dim, kv_heads, kv_head)
    w_q, w_k, w_v = f32(w_q), f32(w_k), f32(w_v)
    b_q, b_k, b_v = (None if b is None else f32(b) for b in (b_q, b_k, b_v))

    def project(w, b):
        return x @ w + (b if b is not None else 0)

    q_all = q_out.view(n, heads, head_dim).transpose(0, 1)  # (H, n, d_k)
    k_all = k_out.view(n, kv_heads, head_dim).transpose(0, 1)
    v_all = v_out.view(n, kv_heads, head_dim).transpose(0, 1)
    checks = {"projections_vs_model": max(
        float((project(w_q, b_q) - q_all[head]).abs().max()), float((project(w_k, b_k) - k_all[kv_head]).abs().max()),
        float((project(w_v, b_v) - v_all[kv_head]).abs().max()))}
    q_raw, k_raw = q_all, k_all
    notes: dict[str, str] = {}
    nhd = False
    if qk_norm:  # Qwen 3, Gemma 3: each head's q and k are RMS-normalised before the rotation
        q_in = f32(seen["q_norm_in"])[0]
        nhd = q_in.dim() == 3 and q_in.shape == (n, heads, head_dim) and torch.equal(
            q_in, q_out.view(n, heads, head_dim))
        if nhd:
            q_all = f32(seen["q_norm"])[0].transpose(0, 1)  # Qwen 3 normalises (n, H, d_k), Gemma 3 (H, n, d_k)
            k_all = f32(seen["k_norm"])[0].transpose(0, 1)
        else:
            q_all = f32(seen["q_norm"])[0].reshape(heads, n, head_dim)
            k_all = f32(seen["k_norm"])[0].reshape(kv_heads, n, head_dim)
        notes["qk_norm"] = (
            translate("core", "Each head's q and k are normalised (RMSNorm over d_k: q_norm, k_norm) "
                                       "before the rotation."))
    position_embeddings = kwargs.get("position_embeddings")
    rotary = position_embeddings is not None
    if rotary:
        rotate = getattr(sys.modules.get(type(attn).__module__), "apply_rotary_pos_emb", None)
        if rotate is None:
            raise _unsupported(handle, translate("core", "its rotary function was not found"))
        cos, sin = position_embeddings
        q_rot, k_rot = rotate(q_all[None], k_all[None], cos.float(), sin.float())
        q_all, k_all = f32(q_rot)[0], f32(k_rot)[0]
        notes["rotary"] = (
            translate("core", "Rotary position embedding: q and K are rotated by an angle that grows with "
                                       "the token's position, so position enters here, not in the input embeddings."))
    if group > 1:
        notes["gqa"] = (
            translate("core", "Grouped-query attention: {heads} query heads share {kv} K/V heads, so query "
                                       "head {head} reads K/V head {kv_head} (with heads {first} to {last}).").format(
            heads=heads, kv=kv_heads, head=head, kv_head=kv_head, first=kv_head * group,
            last=kv_head * group + group - 1))

    k_rep = k_all.repeat_interleave(group, dim=0)  # (H, n, d_k)
    v_rep = v_all.repeat_interleave(group, dim=0)
    scores_all = q_all @ k_rep.transpose(1, 2)  # (H, n, n)
    scale = float(kwargs.get("scaling") or getattr(attn, "scaling", None) or head_dim ** -0.5)
    if abs(scale - head_dim ** -0.5) < 1e-9:
        scale_kind = "sqrt_dk"
    elif scale == 1.0:
        scale_kind = "none"
        notes["scale"] = (
            translate("core", "This model does not scale the scores (no ÷√d_k): T5 folds the scale into "
                                       "its initialisation of W_Q."))
    else:
        scale_kind = "model"
        notes["scale"] = (
            translate("core", "This model scales the scores by its own factor {scale:.6g} = 1/√{root:.4g} "
                                       "instead of 1/√d_k = 1/√{dk}.").format(scale=scale, root=scale ** -2,
                                                                             dk=head_dim))
    scaled_all = scores_all * scale
    softcap = getattr(attn, "attn_logit_softcapping", None)
    if softcap:
        scaled_all = torch.tanh(scaled_all / softcap) * softcap
        notes["softcap"] = translate("core", "Gemma 2 caps the scores softly: cap·tanh(score/cap) with cap = {cap}.") \
            .format(cap=softcap)
    logits = scaled_all.clone()
    position_bias = None
    out = seen["attention_out"]
    if type(attn).__name__.startswith("T5") or "position_bias" in kwargs:
        bias = kwargs.get("position_bias")
        if bias is None and isinstance(out, tuple) and len(out) > 2:
            bias = out[1]
        if bias is not None:
            position_bias = f32(bias)[0, :, :n, :n]
            logits = logits + position_bias
            notes["position_bias"] = (
                translate("core", "A learned relative position bias (one number per head and distance "
                                           "bucket) is added to the scores: this is how T5 knows positions."))
    raw_mask = kwargs.get("attention_mask", kwargs.get("mask"))
    if raw_mask is None:
        mask_all = torch.zeros(heads, n, n, device=x.device)
    else:
        raw_mask = raw_mask[..., :n, :n]
        if raw_mask.dtype == torch.bool:
            raw_mask = torch.zeros(raw_mask.shape, device=x.device).masked_fill(
                ~raw_mask, torch.finfo(torch.float32).min)
        mask_all = f32(raw_mask)[0].expand(heads, n, n)
    logits = logits + mask_all
    weights_all = torch.softmax(logits, dim=-1)
    model_weights = out[weights_index] if isinstance(out, tuple) else None
    if model_weights is None:
        raise _unsupported(handle, translate("core", "its attention module returned no weights"))
    model_weights = f32(model_weights)[0]
    checks["softmax_vs_model_weights"] = float((weights_all - model_weights).abs().max())

    heads_out = weights_all @ v_rep  # (H, n, d_k)
    concat_all = heads_out.transpose(0, 1).reshape(n, heads * head_dim)
    checks["concat_vs_model"] = float((concat_all - f32(seen["o_in"])[0]).abs().max())
    w_o, b_o = _full_weight(o_proj)
    w_o, b_o = f32(w_o), None if b_o is None else f32(b_o)
    attn_out_all = concat_all @ w_o + (b_o if b_o is not None else 0)
    o_out = seen["o_out"]
    checks["attn_output_vs_model"] = float((attn_out_all - f32(o_out[0] if isinstance(o_out, tuple) else o_out)[0])
                                           .abs().max())
    added = f32(sandwich(attn_out_all[None]))[0] if sandwich is not None else attn_out_all
    if sandwich is not None:
        notes["sandwich"] = (
            translate("core", "Gemma 2/3 normalise the attention output (post_attention_layernorm) before "
                                       "adding it to the residual stream."))
    residual_all = residual + added
    residual_after = None
    if "after_input" in seen:
        residual_after = residual_all[query]
        after_input = f32(seen["after_input"]).reshape(-1, residual_all.shape[-1])[-n:]  # OPT flattens the batch
        checks["residual_vs_model"] = float((residual_all - after_input).abs().max())
    else:
        notes["parallel"] = (
            translate("core", "This block adds attention and the feed-forward network to the residual "
                                       "together, so there is no hidden state after attention alone to compare."))
    if architecture == "encoder-decoder":
        notes["encoder_decoder"] = translate("core", "This is the encoder's self-attention; the decoder's "
                                                     "self-attention and the cross-attention are not computed here.")
    post_norm = post_norm or bool(torch.equal(x, residual))  # nothing normalises X before attention
    if post_norm:
        notes["post_norm"] = (
            translate("core", "Post-norm block: the sum X + attention output is normalised (LayerNorm) "
                                       "afterwards; the sum is what is compared here."))

    mask_row = mask_all[head, query]
    masked = (mask_row <= torch.finfo(torch.float32).min / 2).tolist()
    if hasattr(attn, "sliding_window"):  # Gemma 2/3: per layer (None on the global ones)
        window = attn.sliding_window or None
    else:  # Mistral, Qwen 2: the config's, unless switched off
        config = getattr(model.config, "text_config", None) or model.config
        window = getattr(config, "sliding_window", None) if getattr(config, "use_sliding_window", True) else None
    is_causal = architecture == "decoder"
    kinds = []
    for j, hidden_key in enumerate(masked):
        if not hidden_key:
            kinds.append("")
        elif is_causal and j > query:
            kinds.append("causal")
        elif window and j <= query - window:
            kinds.append("sliding window")
        else:
            kinds.append("padding")

    return AttentionMath(
        model=handle.name, architecture=architecture, model_class=type(model).__name__, layer=layer, head=head,
        query=query, layers=layers, heads=heads, kv_heads=kv_heads,
        kv_head=kv_head, head_dim=head_dim, hidden_size=hidden, ids=list(ids), tokens=[], modules=modules,
        x=npy(x), residual=npy(residual), w_q=npy(w_q), w_k=npy(w_k), w_v=npy(w_v), b_q=npy(b_q), b_k=npy(b_k),
        b_v=npy(b_v), q_raw=npy(q_raw[head, query]), k_raw=npy(k_raw[kv_head]), v=npy(v_all[kv_head]),
        q=npy(q_all[head, query]), k=npy(k_all[kv_head]), rotary=rotary, qk_norm=qk_norm, scale=scale,
        scale_kind=scale_kind, softcap=float(softcap) if softcap else None, scores=npy(scores_all[head, query]),
        scaled=npy(scaled_all[head, query]),
        position_bias=None if position_bias is None else npy(position_bias[head, query]),
        mask=npy(mask_row), masked=masked, mask_kinds=kinds, sliding_window=window,
        weights=npy(weights_all[head, query]), head_output=npy(heads_out[head, query]),
        heads_output=npy(heads_out[:, query]), concat=npy(concat_all[query]), w_o=npy(w_o), b_o=npy(b_o),
        attn_output=npy(attn_out_all[query]), post_norm=post_norm, sandwich_norm=sandwich is not None,
        attn_added=npy(added[query]), residual_after=None if residual_after is None else npy(residual_after),
        model_weights=npy(model_weights[head, query]), checks=checks, notes=notes,
        qk_norm_layout=("nhd" if nhd else "hnd") if qk_norm else "")


def load_and_explain(service, ref: str, text: str, layer: int, head: int, query: int | None = None,
                     part: str = "self", cancel: CancelToken = NEVER_CANCELLED,
                     progress: ProgressCallback = no_progress) -> AttentionMath:
    """Load ``ref`` (or reuse it) and compute its attention step by step."""
    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick a model in the model picker or pass -m MODEL."))
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."),
                             translate("core", "Type a sentence to see how the model computes its attention."))
    options = service.options_with(quantize="") if hasattr(service, "options_with") else None
    handle = service.load(ref, options=options, progress=progress, cancel=cancel)
    cancel.raise_if_cancelled()
    return explain_attention(handle, text, layer, head, query, service=service, part=part, cancel=cancel,
                             progress=progress)
