"""What goes into the model: each input token's embedding, position and segment parts, their sum, the LayerNorm.

The parts are the outputs of the model's own embedding modules, captured by forward hooks while the
model runs on the text (GPT-2: ``wte`` + ``wpe``, no norm at the input; BERT: ``word_embeddings`` +
``token_type_embeddings`` + ``position_embeddings``, then ``embeddings.LayerNorm``). Their sum, and the
model's LayerNorm applied to it, are checked against what the model itself passed on to its first
layer. Rotary models (Llama, Qwen, Mistral, ...) have no position table: position enters inside
attention, where q and k are rotated, so only the token embedding is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.i18n import translate
from workbench.core.inspect.common import check_length, float32_model, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

KINDS = ("causal-lm", "masked-lm", "encoder", "seq-classification", "token-classification", "question-answering")


@dataclass
class InputEmbeddings:
    model: str
    ids: list[int]
    tokens: list[str]  # as shown (core.tokens)
    segments: list[int] | None  # token type ids (None: the model has no segment embeddings)
    positions: list[int] | None  # the position ids the model used (None: no position table)
    position_scheme: str  # "learned" (a table), "rotary" (inside attention) or "none" (another scheme, or none)
    parts: dict[str, list[list[float]] | None]  # token, position, segment: one vector per token
    sum: list[list[float]]
    layernorm: list[list[float]] | None  # None: the model has no norm at its input (GPT-2)
    norms: dict[str, list[float] | None]  # the L2 norm of each part, the sum and the LayerNorm's output, per token
    cosines: dict[str, list[float] | None]  # token·position, token·segment, position·segment, sum·layernorm
    max_err_vs_model: float  # our sum (+ LayerNorm) against what the model passed to its first layer
    hidden_size: int
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"model": self.model, "ids": self.ids, "tokens": self.tokens, "segments": self.segments,
                "positions": self.positions, "position_scheme": self.position_scheme, "parts": self.parts,
                "sum": self.sum, "layernorm": self.layernorm, "norms": self.norms, "cosines": self.cosines,
                "max_err_vs_model": self.max_err_vs_model, "hidden_size": self.hidden_size, "notes": self.notes}


def input_embeddings(service, ref: str, text: str, pair: str | None = None, cancel: CancelToken = NEVER_CANCELLED,
                     progress: ProgressCallback = no_progress) -> InputEmbeddings:
    """The input embeddings of ``text`` (and, for BERT-style models, the sentence pair ``text``, ``pair``)."""
    from workbench.core.modelinfo import inspect_folder

    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Type some text."))
    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick a model in the model picker or pass -m MODEL."))
    path = service.library.resolve(ref, progress=progress, cancel=cancel)
    available = inspect_folder(path).kinds
    kind = next((k for k in KINDS if k in available), None)
    if kind is None:
        raise WorkbenchError(
            translate("core", "{model} is not supported here: its input embeddings are shown for decoders and "
                      "encoders, and this model can be: {kinds}.").format(model=ref, kinds=", ".join(available) or "-"),
            translate("core", "Choose a decoder (GPT-2, Llama, …) or an encoder (BERT, …)."))
    handle = service.load(ref, kind=kind, progress=progress, cancel=cancel)
    progress(Progress(0, 1, translate("core", "Running the embedding layer")))
    tokenizer = handle.tokenizer
    pair = pair.strip() if pair and pair.strip() else None
    # asked for: a tokenizer whose model_input_names leave them out gives a pair's segment ids only when asked
    encoded = tokenizer(text, pair, return_token_type_ids=True) if pair else tokenizer(text, return_token_type_ids=True)
    ids = list(encoded["input_ids"])
    if not ids:
        raise WorkbenchError(translate("core", "The text gives no tokens."), translate("core", "Type some text."))
    check_length(handle, len(ids), translate("core", "The input embeddings"), 64 * 1024)
    with float32_model(service, handle) as model:
        cancel.raise_if_cancelled()
        return _capture(handle, model, ids, encoded.get("token_type_ids"), pair is not None)


def _modules(model):
    """(token, position, segment, norm, embeddings block) modules of the model's input (None where absent)."""
    base = getattr(model, "base_model", model)
    block = getattr(base, "embeddings", None)
    token = model.get_input_embeddings()
    position = segment = norm = None
    if block is not None:  # BERT family
        position = getattr(block, "position_embeddings", None)
        segment = getattr(block, "token_type_embeddings", None)
        norm = getattr(block, "LayerNorm", None) or getattr(block, "layer_norm", None)
    else:  # GPT-2 family: learned positions beside the token table
        position = getattr(base, "wpe", None)
    return token, position, segment, norm, block


def _position_scheme(model, position) -> str:
    if position is not None:
        return "learned"
    base = getattr(model, "base_model", model)
    cfg = model.config
    if getattr(base, "rotary_emb", None) is not None or any(
            getattr(cfg, name, None) is not None for name in ("rope_theta", "rope_parameters", "rope_scaling")):
        return "rotary"
    return "none"


def _capture(handle, model, ids: list[int], token_type_ids, is_pair: bool) -> InputEmbeddings:
    import torch

    token_mod, position_mod, segment_mod, norm_mod, block = _modules(model)
    if is_pair and segment_mod is None:
        raise WorkbenchError(
            translate("core", "{model} has no segment (token type) embeddings, so it does not read a sentence "
                      "pair.").format(model=handle.name),
            translate("core", "Leave the second text empty, or choose a BERT-style encoder."))
    seen: dict[str, object] = {}

    def keep(name, with_input=False):
        def hook(_module, inputs, output):
            if name not in seen:  # the first call is the input's (a model may call a module again)
                seen[name] = output.detach().float()
                if with_input:
                    seen[name + ":in"] = inputs[0].detach()
        return hook

    hooks = [token_mod.register_forward_hook(keep("token"))]
    if position_mod is not None:
        hooks.append(position_mod.register_forward_hook(keep("position", with_input=True)))
    if segment_mod is not None:
        hooks.append(segment_mod.register_forward_hook(keep("segment", with_input=True)))
    if norm_mod is not None:
        hooks.append(norm_mod.register_forward_hook(keep("norm", with_input=True)))
    if block is not None:
        hooks.append(block.register_forward_hook(keep("block")))
    device = next(model.parameters()).device
    kwargs = {"input_ids": torch.tensor([ids], device=device)}
    if segment_mod is not None and token_type_ids is not None:
        kwargs["token_type_ids"] = torch.tensor([list(token_type_ids)], device=device)
    try:
        with torch.inference_mode():
            out = model(**kwargs, output_hidden_states=True)
    finally:
        for hook in hooks:
            hook.remove()
    hidden = getattr(out, "hidden_states", None)
    first_layer_input = seen.get("block") if block is not None else (hidden[0].float() if hidden else None)
    if first_layer_input is None:
        raise WorkbenchError(translate("core", "{model} does not report what enters its first layer.").format(
            model=handle.name), translate("core", "Choose a transformer decoder or encoder."))
    n = len(ids)

    def rows(name):
        value = seen.get(name)
        if value is None:
            return None
        return value.reshape(-1, value.shape[-1])[-n:] if value.dim() > 1 else None

    token, position, segment = rows("token"), rows("position"), rows("segment")
    total = token.clone()
    if segment is not None:  # BERT adds the segment, then the position (the same order: the same rounding)
        total = total + segment
    if position is not None:
        total = total + position
    layernorm = None
    model_input = first_layer_input.reshape(-1, first_layer_input.shape[-1])[-n:]
    if norm_mod is not None:
        with torch.inference_mode():
            layernorm = norm_mod(total).float()  # the model's own LayerNorm on our sum
        err = max(float((total - seen["norm:in"].float().reshape(-1, total.shape[-1])[-n:]).abs().max()),
                  float((layernorm - model_input).abs().max()))
    else:
        err = float((total - model_input).abs().max())
    scheme = _position_scheme(model, position_mod)
    notes = _notes(handle, scheme, norm_mod is not None, segment is not None)

    def norms(x):
        return None if x is None else x.norm(dim=-1).tolist()

    def cos(a, b):
        return None if a is None or b is None else torch.nn.functional.cosine_similarity(a, b, dim=-1).tolist()

    def position_ids():
        value = seen.get("position:in")
        return None if value is None else value.reshape(-1)[-n:].tolist()

    segments = None
    if segment is not None:
        value = seen.get("segment:in")
        segments = value.reshape(-1)[-n:].tolist() if value is not None else [0] * n
    return InputEmbeddings(
        handle.name, ids, token_labels(handle.tokenizer, ids), segments, position_ids(), scheme,
        {"token": token.tolist(), "position": None if position is None else position.tolist(),
         "segment": None if segment is None else segment.tolist()},
        total.tolist(), None if layernorm is None else layernorm.tolist(),
        {"token": norms(token), "position": norms(position), "segment": norms(segment), "sum": norms(total),
         "layernorm": norms(layernorm)},
        {"token_position": cos(token, position), "token_segment": cos(token, segment),
         "position_segment": cos(position, segment), "sum_layernorm": cos(total, layernorm)},
        err, int(token.shape[-1]), notes)


def _notes(handle, scheme: str, has_norm: bool, has_segment: bool) -> list[str]:
    notes = []
    if scheme == "rotary":
        notes.append(translate("core", "{model} has no position table: position is applied inside attention, "
                               "where q and k are rotated by an angle that grows with the position (rotary "
                               "embeddings). Only the token embeddings enter the first layer.").format(
            model=handle.name))
    elif scheme == "none":
        notes.append(translate("core", "{model} has no position table at its input: position, if any, enters "
                               "inside its layers.").format(model=handle.name))
    if not has_norm:
        notes.append(translate("core", "No LayerNorm at the input: the sum goes straight into the first layer, "
                               "whose own norm comes first inside it."))
    if not has_segment and scheme == "learned":
        notes.append(translate("core", "No segment (token type) embeddings: this model reads one text at a time."))
    return notes
