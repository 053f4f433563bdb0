"""Switch attention heads off: the next-token distribution and a greedy continuation with and without them.

A head's output is the slice ``[h·d_k, (h+1)·d_k)`` of the input of the attention block's output projection
W^O (``o_proj`` in Llama-family models, ``c_proj`` in GPT-2, ``attention.output.dense`` in BERT): the
concatenation Concat(head₁…head_h) that W^O multiplies. A forward pre-hook on that module sets the slice
to zero, or to its mean over the text's positions, and the model's own code runs everything else. The
hooks are removed afterwards, whatever happens.

Causal LMs: "next token" is the prediction after the last token of the text. Masked LMs: the prediction
for the first [MASK] token (there is no continuation). Encoders without an LM head are refused.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Iterator

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.inspect.common import check_length, encode, float32_model, load_for, model_sizes, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

MODES = {"zero": QT_TRANSLATE_NOOP("core", "set to zero"),
         "mean": QT_TRANSLATE_NOOP("core", "replaced by its mean over the text")}

# The attention block's output projection (W^O) inside one layer, by architecture: its input is the heads'
# outputs side by side.
OUTPUT_PROJECTIONS = (
    "self_attn.o_proj",  # Llama, Qwen, Mistral, Gemma, Phi-3, Mixtral
    "attn.c_proj",  # GPT-2
    "attention.output.dense",  # BERT, RoBERTa, DeBERTa
    "self_attn.out_proj",  # OPT
    "attn.out_proj",  # GPT-J
    "attention.dense",  # GPT-NeoX
    "self_attention.dense",  # Falcon, BLOOM
    "self_attn.dense",  # Phi
)
_LAYER_PATH = re.compile(r"^(?P<stack>.*?)\.?(?P<index>\d+)\.(?P<inner>.+)$")


@dataclass
class HeadSite:
    """Where a layer's heads meet W^O."""

    layer: int
    name: str  # the output projection's module name
    module: object


@dataclass
class HeadLayout:
    layers: int
    heads: int
    head_dim: int
    sites: list[HeadSite]

    def describe(self) -> str:
        return translate("core", "layers 0–{last_layer}, heads 0–{last_head} in each layer").format(
            last_layer=self.layers - 1, last_head=self.heads - 1)


@dataclass
class TopToken:
    id: int
    token: str
    prob: float
    change: float  # probability with the heads off minus before

    def to_json(self) -> dict:
        return {"id": self.id, "token": self.token, "prob": self.prob, "change": self.change}


@dataclass
class AblationResult:
    model: str
    heads: list[tuple[int, int]]
    mode: str
    kind: str
    position: int  # the position whose prediction is shown
    position_token: str
    before: list[TopToken]
    after: list[TopToken]
    kl: float  # KL(before ‖ after) in nats over the whole vocabulary
    continuation_before: str | None
    continuation_after: str | None
    continuation_before_tokens: list[str] = field(default_factory=list)
    continuation_after_tokens: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def top_changed(self) -> bool:
        return bool(self.before and self.after and self.before[0].id != self.after[0].id)

    def to_json(self) -> dict:
        return {"model": self.model, "heads": [f"{layer}.{head}" for layer, head in self.heads], "mode": self.mode,
                "kind": self.kind, "position": self.position, "position_token": self.position_token,
                "before": {"top": [t.to_json() for t in self.before]},
                "after": {"top": [t.to_json() for t in self.after]},
                "kl": self.kl, "top_changed": self.top_changed,
                "continuation_before": self.continuation_before, "continuation_after": self.continuation_after,
                "continuation_before_tokens": self.continuation_before_tokens,
                "continuation_after_tokens": self.continuation_after_tokens, "notes": self.notes}


@dataclass
class HeadEffect:
    layer: int
    head: int
    kl: float
    top_changed: bool
    top_after: TopToken  # the most likely token with this head off
    prob_original_top: float  # the probability of the original top token with this head off

    def to_json(self) -> dict:
        return {"layer": self.layer, "head": self.head, "kl": self.kl, "top_changed": self.top_changed,
                "top_after": self.top_after.to_json(), "prob_original_top": self.prob_original_top}


@dataclass
class ScanResult:
    model: str
    mode: str
    kind: str
    layers: list[int]
    heads_per_layer: int
    original_top: TopToken
    effects: list[HeadEffect]
    model_layers: int = 0  # all the model's layers (``layers`` are those scanned)

    def ranked(self) -> list[HeadEffect]:
        return sorted(self.effects, key=lambda e: -e.kl)

    def to_json(self) -> dict:
        return {"model": self.model, "mode": self.mode, "kind": self.kind, "layers": self.layers,
                "heads_per_layer": self.heads_per_layer, "original_top": self.original_top.to_json(),
                "heads": [e.to_json() for e in self.effects]}


# ---- where the heads are ------------------------------------------------------------------------

def head_layout(model) -> HeadLayout:
    """Every layer's W^O module and the head count and size, or a clear refusal."""
    cfg = getattr(model.config, "text_config", None) or model.config
    if getattr(cfg, "is_encoder_decoder", False):
        raise WorkbenchError(
            translate("core", "{arch} is an encoder-decoder; switching heads off works on decoders (GPT-2, Llama, "
                      "Qwen, …) and encoders (BERT).").format(arch=type(model).__name__),
            translate("core", "Choose a causal language model or a masked LM."))
    heads = getattr(cfg, "num_attention_heads", None) or getattr(cfg, "n_head", None)
    found: dict[int, HeadSite] = {}
    for name, module in model.named_modules():
        match = _LAYER_PATH.match(name)
        if match is None or match["inner"] not in OUTPUT_PROJECTIONS:
            continue
        layer = int(match["index"])
        if layer not in found:
            found[layer] = HeadSite(layer, name, module)
    if not heads or not found:
        raise WorkbenchError(
            translate("core", "{arch} has no attention heads the workbench can switch off (no attention output "
                      "projection was found).").format(arch=type(model).__name__),
            translate("core", "Choose a transformer language model such as GPT-2, Llama, Qwen or BERT; recurrent "
                      "models (LSTM/GRU) have no heads."))
    sites = [found[i] for i in sorted(found)]
    width = _in_features(sites[0].module)
    if width is None or width % heads:
        raise WorkbenchError(
            translate("core", "The attention output of {arch} is {width} wide, which does not split into {heads} "
                      "heads.").format(arch=type(model).__name__, width=width, heads=heads),
            translate("core", "This architecture is not supported for switching heads off."))
    return HeadLayout(len(sites), int(heads), width // int(heads), sites)


def _in_features(module) -> int | None:
    weight = getattr(module, "weight", None)
    if weight is None:
        return None
    if type(module).__name__ == "Conv1D":  # GPT-2's Conv1D stores (in, out)
        return int(weight.shape[0])
    return int(weight.shape[1])


def parse_heads(spec: str, layout: HeadLayout) -> list[tuple[int, int]]:
    """'3.1,5.7' (layer.head), '3.*' (every head of layer 3); ranges checked against the model."""
    heads: list[tuple[int, int]] = []
    for part in (p.strip() for p in (spec or "").split(",")):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)\.(\d+|\*)", part)
        if match is None:
            raise WorkbenchError(
                translate("core", "“{part}” is not a head: write LAYER.HEAD, e.g. 3.1 (or 3.* for every head of "
                          "layer 3).").format(part=part),
                translate("core", "This model has {range}.").format(range=layout.describe()))
        layer = int(match[1])
        wanted = range(layout.heads) if match[2] == "*" else [int(match[2])]
        for head in wanted:
            if not (0 <= layer < layout.layers and 0 <= head < layout.heads):
                raise WorkbenchError(
                    translate("core", "Head {layer}.{head} does not exist.").format(layer=layer, head=head),
                    translate("core", "This model has {range}.").format(range=layout.describe()))
            if (layer, head) not in heads:
                heads.append((layer, head))
    return heads


def parse_layers(spec: str, layers: int) -> list[int]:
    """'all', '0-3', '1,4,7', '0-3,8' -> sorted layer indices, checked against the model."""
    spec = (spec or "").strip().lower()
    if spec in ("all", "*"):
        return list(range(layers))
    chosen: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        match = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", part)
        if match is None:
            raise WorkbenchError(
                translate("core", "“{part}” is not a layer list: write e.g. 0-3, 1,4,7 or all.").format(part=part),
                translate("core", "This model has layers 0–{last}.").format(last=layers - 1))
        first, last = int(match[1]), int(match[2] or match[1])
        if first > last or last >= layers:
            raise WorkbenchError(
                translate("core", "Layers {part} are out of range.").format(part=part),
                translate("core", "This model has layers 0–{last}.").format(last=layers - 1))
        chosen.update(range(first, last + 1))
    return sorted(chosen)


# ---- the hooks ----------------------------------------------------------------------------------

@contextlib.contextmanager
def heads_switched_off(layout: HeadLayout, heads: list[tuple[int, int]] | list[list[tuple[int, int]]],
                       mode: str = "zero", means: dict | None = None, rows: bool = False) -> Iterator[None]:
    """Forward pre-hooks on W^O that replace the chosen heads' slices; removed on leaving.

    ``rows=True``: ``heads`` is one list per batch row (a scan runs several ablations in one batch).
    ``means``: {layer: tensor (heads, head_dim)} for mode "mean".
    """
    per_row = heads if rows else [heads]
    by_layer: dict[int, list[tuple[int | None, int]]] = {}
    for row, chosen in enumerate(per_row):
        for layer, head in chosen:
            by_layer.setdefault(layer, []).append((row if rows else None, head))
    d = layout.head_dim

    def hook_for(layer: int):
        targets = by_layer[layer]

        def hook(_module, args, kwargs):
            x = args[0] if args else kwargs["input"]
            x = x.clone()
            for row, head in targets:
                where = (slice(None) if row is None else row, Ellipsis, slice(head * d, (head + 1) * d))
                if mode == "mean":
                    x[where] = means[layer][head].to(x.dtype)
                else:
                    x[where] = 0
            return ((x, *args[1:]), kwargs) if args else (args, {**kwargs, "input": x})
        return hook

    with _hooks_on_w_o(layout, list(by_layer), hook_for):
        yield


@contextlib.contextmanager
def _recording_means(layout: HeadLayout, layers: list[int], means: dict) -> Iterator[None]:
    """Record each head's output averaged over the positions (W^O's input, per head)."""
    def hook_for(layer: int):
        def hook(_module, args, kwargs):
            x = args[0] if args else kwargs["input"]
            means[layer] = x[0].reshape(x.shape[1], layout.heads, layout.head_dim).mean(0).detach()
        return hook

    with _hooks_on_w_o(layout, layers, hook_for):
        yield


@contextlib.contextmanager
def _hooks_on_w_o(layout: HeadLayout, layers: list[int], hook_for) -> Iterator[None]:
    """``hook_for(layer)`` as a forward pre-hook (with kwargs) on each layer's W^O; removed on leaving."""
    handles = []
    try:
        for layer in layers:
            handles.append(layout.sites[layer].module.register_forward_pre_hook(hook_for(layer), with_kwargs=True))
        yield
    finally:
        for handle in handles:
            handle.remove()


# ---- running ------------------------------------------------------------------------------------

def _check_kind(handle) -> None:
    if handle.kind not in ("causal-lm", "masked-lm"):
        raise WorkbenchError(
            translate("core", "{model} is loaded as {kind}, which has no language-model head: there is no next-token "
                      "prediction to compare.").format(model=handle.name, kind=handle.kind),
            translate("core", "Choose a causal language model, or a masked LM with [MASK] in the text."))


def _position(handle, ids: list[int]) -> int:
    """The position whose prediction is compared: the last token, or a masked LM's first [MASK]."""
    if handle.kind != "masked-lm":
        return len(ids) - 1
    mask_id = getattr(handle.tokenizer, "mask_token_id", None)
    if mask_id is None or mask_id not in ids:
        mask = getattr(handle.tokenizer, "mask_token", None) or "[MASK]"
        raise WorkbenchError(
            translate("core", "{model} is a masked LM: it predicts the token at a {mask}, and the text has none.")
            .format(model=handle.name, mask=mask),
            translate("core", "Put {mask} where the word to predict goes, e.g. “Paris is the {mask} of France.”")
            .format(mask=mask))
    return ids.index(mask_id)


def _forward(model, input_ids, kind: str, position: int):
    """The logits at ``position`` for each row: (rows, vocabulary). A causal LM that can is asked for the last
    position's logits only (a scan's batch of full-vocabulary logits at every position would be large)."""
    import inspect

    if kind == "masked-lm":
        return model(input_ids=input_ids).logits[:, position]
    last_only = position == input_ids.shape[1] - 1 and "logits_to_keep" in inspect.signature(model.forward).parameters
    extra = {"logits_to_keep": 1} if last_only else {}
    logits = model(input_ids=input_ids, use_cache=False, **extra).logits
    return logits[:, -1] if last_only else logits[:, position]


def _greedy(model, input_ids, count: int, eos: int | None, cancel: CancelToken) -> list[int]:
    """Greedy decoding with the model's KV cache (the hooks, when set, act at every step)."""
    import torch

    new: list[int] = []
    out = model(input_ids=input_ids, use_cache=True)
    for _ in range(count):
        cancel.raise_if_cancelled()
        chosen = int(out.logits[0, -1].argmax())
        new.append(chosen)
        if eos is not None and chosen == eos:
            break
        out = model(input_ids=torch.tensor([[chosen]], device=input_ids.device), past_key_values=out.past_key_values,
                    use_cache=True)
    return new


def _kl(logits_p, logits_q):
    """KL(p ‖ q) in nats from logits, over the last axis (rows of a batch each get theirs); tokens with p = 0 add
    nothing (a logit of −inf in both, as some models give padded vocabulary entries, is not a NaN)."""
    import torch

    log_p, log_q = torch.log_softmax(logits_p.float(), -1), torch.log_softmax(logits_q.float(), -1)
    p = log_p.exp()
    return torch.where(p > 0, p * (log_p - log_q), 0.0).sum(-1).clamp_min(0.0)


def ablate(handle, ids: list[int], heads: list[tuple[int, int]], mode: str = "zero", top_k: int = 10,
           new_tokens: int = 10, service=None, cancel: CancelToken = NEVER_CANCELLED,
           progress: ProgressCallback = no_progress) -> AblationResult:
    """The prediction (and a greedy continuation) of ``ids`` with ``heads`` switched off, beside the original."""
    import torch

    if mode not in MODES:
        raise WorkbenchError(translate("core", "Unknown ablation mode “{mode}”.").format(mode=mode),
                             translate("core", "Use zero or mean."))
    _check_kind(handle)
    position = _position(handle, ids)
    notes = []
    if handle.kind == "masked-lm":
        notes.append(translate("core", "A masked LM: the prediction is for the first [MASK] token (position {n}); a "
                               "masked LM does not continue text.").format(n=position))
        new_tokens = 0
    _, hidden, vocab = model_sizes(handle.model)
    check_length(handle, len(ids) + new_tokens, translate("core", "Switching heads off"), hidden * 4 * 24 + vocab * 8)
    if mode == "mean":
        notes.append(translate("core", "Each switched-off head's output is replaced by its mean over the {n} tokens "
                               "of the text (kept for the continuation's new tokens).").format(n=len(ids)))
    total = 2 + 2 * (new_tokens > 0)
    with float32_model(service, handle) as model:
        layout = head_layout(model)
        device = next(model.parameters()).device
        input_ids = torch.tensor([ids], device=device)
        means: dict = {}
        with torch.inference_mode():
            progress(Progress(0, total, translate("core", "Running the model")))
            with _recording_means(layout, sorted({layer for layer, _ in heads}) if mode == "mean" else [], means):
                logits_before = _forward(model, input_ids, handle.kind, position)[0]
            cancel.raise_if_cancelled()
            progress(Progress(1, total, translate("core", "Running with the heads switched off")))
            with heads_switched_off(layout, heads, mode, means):
                logits_after = _forward(model, input_ids, handle.kind, position)[0]
            cancel.raise_if_cancelled()
            continuation = [None, None]
            if new_tokens > 0:
                eos = getattr(handle.tokenizer, "eos_token_id", None)
                progress(Progress(2, total, translate("core", "Continuing the text")))
                continuation[0] = _greedy(model, input_ids, new_tokens, eos, cancel)
                progress(Progress(3, total, translate("core", "Continuing the text with the heads switched off")))
                with heads_switched_off(layout, heads, mode, means):
                    continuation[1] = _greedy(model, input_ids, new_tokens, eos, cancel)
        before = torch.softmax(logits_before.float(), -1)
        after = torch.softmax(logits_after.float(), -1)
        names: dict = {}
        top_before = _top_with_change(handle.tokenizer, before, after, top_k, names)
        top_after = _top_with_change(handle.tokenizer, after, before, top_k, names, sign=-1)
        kl = float(_kl(logits_before, logits_after))
    progress(Progress(total, total, translate("core", "Done")))
    texts = [None if c is None else handle.tokenizer.decode(c) for c in continuation]
    labels = [[] if c is None else token_labels(handle.tokenizer, ids + c)[len(ids):] for c in continuation]
    return AblationResult(handle.name, list(heads), mode, handle.kind, position,
                          token_labels(handle.tokenizer, ids)[position], top_before, top_after, kl, texts[0], texts[1],
                          labels[0], labels[1], notes)


def _top_with_change(tokenizer, probs, other, k: int, names: dict, sign: int = 1) -> list[TopToken]:
    """The top ``k`` of ``probs`` with, for each, (after − before): ``sign`` says which of the two ``probs`` is."""
    values, indices = probs.topk(min(k, probs.shape[-1]))
    out = []
    for value, index in zip(values.tolist(), indices.tolist()):
        if index not in names:
            names[index] = token_labels(tokenizer, [index], single=True)[0]
        out.append(TopToken(int(index), names[index], float(value), sign * (float(other[index]) - float(value))))
    return out


def scan_heads(handle, ids: list[int], layers: list[int] | None = None, mode: str = "zero", service=None,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> ScanResult:
    """Each head of ``layers`` (default all) switched off on its own: its effect on the prediction.

    A layer's heads run as one batch (row h has head h off), so a scan costs one forward pass per layer.
    """
    import torch

    if mode not in MODES:
        raise WorkbenchError(translate("core", "Unknown ablation mode “{mode}”.").format(mode=mode),
                             translate("core", "Use zero or mean."))
    _check_kind(handle)
    position = _position(handle, ids)
    with float32_model(service, handle) as model:
        layout = head_layout(model)
        layers = list(range(layout.layers)) if layers is None else list(layers)
        bad = [layer for layer in layers if not 0 <= layer < layout.layers]
        if bad or not layers:
            raise WorkbenchError(translate("core", "Layer {layer} does not exist.").format(layer=bad[0] if bad else ""),
                                 translate("core", "This model has {range}.").format(range=layout.describe()))
        _, hidden, vocab = model_sizes(model)
        per_row = hidden * 4 * 24 + (vocab * 4 if handle.kind == "masked-lm" else 0)  # a masked LM's logits everywhere
        check_length(handle, len(ids), translate("core", "A head scan"), layout.heads * per_row + vocab * 4)
        device = next(model.parameters()).device
        input_ids = torch.tensor([ids], device=device)
        means: dict = {}
        names: dict = {}
        effects: list[HeadEffect] = []
        with torch.inference_mode():
            progress(Progress(0, len(layers), translate("core", "Running the model")))
            with _recording_means(layout, layers if mode == "mean" else [], means):
                logits_before = _forward(model, input_ids, handle.kind, position)[0]
            before = torch.softmax(logits_before.float(), -1)
            original = int(before.argmax())
            original_top = _top_with_change(handle.tokenizer, before, before, 1, names)[0]
            batch = input_ids.expand(layout.heads, -1)
            for done, layer in enumerate(layers):
                cancel.raise_if_cancelled()
                with heads_switched_off(layout, [[(layer, h)] for h in range(layout.heads)], mode, means, rows=True):
                    logits = _forward(model, batch, handle.kind, position)
                kls = _kl(logits_before[None], logits).tolist()  # every head of the layer at once
                for head in range(layout.heads):
                    after = torch.softmax(logits[head].float(), -1)
                    top = _top_with_change(handle.tokenizer, after, before, 1, names, sign=-1)[0]
                    effects.append(HeadEffect(layer, head, kls[head], top.id != original, top, float(after[original])))
                progress(Progress(done + 1, len(layers), translate("core", "Layer {layer}: {n} of {total} layers "
                                                                   "scanned").format(layer=layer, n=done + 1,
                                                                                     total=len(layers))))
    return ScanResult(handle.name, mode, handle.kind, layers, layout.heads, original_top, effects, layout.layers)


def load_and_ablate(service, ref: str, text: str, heads: str | list[tuple[int, int]], mode: str = "zero",
                    top_k: int = 10, new_tokens: int = 10, cancel: CancelToken = NEVER_CANCELLED,
                    progress: ProgressCallback = no_progress) -> AblationResult:
    handle = load_for(service, ref, ("causal-lm", "masked-lm"), translate("core", "switching heads off"), cancel,
                      progress)
    ids = encode(handle.tokenizer, text, translate("core", "text"))
    if isinstance(heads, str):
        heads = parse_heads(heads, head_layout(handle.model))
    return ablate(handle, ids, heads, mode, top_k, new_tokens, service=service, cancel=cancel, progress=progress)


def load_and_scan(service, ref: str, text: str, layers: str | list[int] | None = None, mode: str = "zero",
                  cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> ScanResult:
    handle = load_for(service, ref, ("causal-lm", "masked-lm"), translate("core", "switching heads off"), cancel,
                      progress)
    ids = encode(handle.tokenizer, text, translate("core", "text"))
    if isinstance(layers, str):
        layers = parse_layers(layers, head_layout(handle.model).layers)
    return scan_heads(handle, ids, layers, mode, service=service, cancel=cancel, progress=progress)


def mode_text(mode: str) -> str:
    return translate("core", MODES.get(mode, mode))



def grid_shape(service, ref: str, cancel: CancelToken = NEVER_CANCELLED,
               progress: ProgressCallback = no_progress) -> tuple[int, int]:
    """(layers, heads per layer) for the head grid, from the loaded model or else its config.json (no weights read)."""
    import json

    handle = service.loaded_handle(ref)
    if handle is not None and getattr(handle.model, "named_modules", None) is not None:
        layout = head_layout(handle.model)
        return layout.layers, layout.heads
    path = service.library.resolve(ref, progress=progress, cancel=cancel)
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "The configuration of {name} (config.json) could not be read: {error}")
                             .format(name=ref, error=f"{type(exc).__name__}: {exc}"),
                             translate("core", "Check that the folder has a valid config.json.")) from exc
    cfg = config.get("text_config") or config
    layers = cfg.get("num_hidden_layers") or cfg.get("n_layer")
    heads = cfg.get("num_attention_heads") or cfg.get("n_head")
    if config.get("is_encoder_decoder") or not isinstance(layers, int) or not isinstance(heads, int):
        raise WorkbenchError(
            translate("core", "{model} has no attention heads the workbench can switch off.").format(model=ref),
            translate("core", "Choose a transformer language model such as GPT-2, Llama, Qwen or BERT; recurrent "
                      "models (LSTM/GRU) and encoder-decoders are not supported here."))
    return layers, heads
