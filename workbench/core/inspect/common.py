"""What the lens, attribution and perplexity share: a float32 view of the model, token labels, limits."""

from __future__ import annotations

import contextlib
import threading
from typing import Iterator

from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError
from workbench.core.service import on_release

# One float32 copy of a lower-precision model, kept while the same model is inspected again (each click on
# a token would otherwise copy the weights anew). Only one copy is kept, so memory stays at one model's worth.
_copy_lock = threading.Lock()
_float32_copy: dict = {}


def token_labels(tokenizer, ids: list[int], single: bool = False) -> list[str]:
    """The text shown for each token (``core.tokens``: a marker like ‹e5 8f› for part of a character).

    ``single``: each id on its own (predictions), not as a continuing sequence.
    """
    from workbench.core.tokens import display_tokens

    if single:
        return [display_tokens(tokenizer, [int(i)])[0].label for i in ids]
    return [piece.label for piece in display_tokens(tokenizer, [int(i) for i in ids])]


def load_for(service, ref: str, kinds: tuple[str, ...], what: str, cancel=None, progress=None):
    """Load ``ref`` as the first of ``kinds`` it supports, or say plainly that it cannot do ``what``."""
    from workbench.core.jobs import NEVER_CANCELLED, no_progress
    from workbench.core.modelinfo import inspect_folder

    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick a model in the model picker or pass -m MODEL."))
    from workbench.core.engines.remote import no_weights_reason

    refusal = no_weights_reason(ref, what)
    if refusal is not None:  # a served model: its weights are on the server
        raise refusal
    cancel = cancel or NEVER_CANCELLED
    progress = progress or no_progress
    path = service.library.resolve(ref, progress=progress, cancel=cancel)
    available = inspect_folder(path).kinds
    kind = next((k for k in kinds if k in available), None)
    if kind is None:
        needs = translate("core", "a causal LM") if kinds == ("causal-lm",) else translate("core", "a causal or masked LM")
        raise WorkbenchError(
            translate("core", "{model} cannot be used for {what}: that needs {needs} (a language-model head), and "
                      "this model can be: {kinds}.").format(model=ref, what=what, needs=needs,
                                                            kinds=", ".join(available) or "nothing"),
            translate("core", "Choose a causal language model, e.g. smollm2-135m-instruct."))
    options = service.options_with(quantize="") if hasattr(service, "options_with") else None
    return service.load(ref, kind=kind, options=options, progress=progress, cancel=cancel)


@contextlib.contextmanager
def float32_model(service, handle, attention: bool = False) -> Iterator[object]:
    """The model to inspect, in float32, holding the model's lock.

    A float32 model is used as it is. A bfloat16/float16 model is copied once into float32 (its own
    weights are never touched, so generation elsewhere is unchanged); the copy is kept for the next
    click on the same model. ``attention=True`` switches the model used to eager attention meanwhile.
    """
    import copy

    import torch

    eager_on_original = attention and handle.dtype == "float32"
    with (service.use(handle, attention=eager_on_original) if service is not None
          else _locked(handle, eager_on_original)):
        model = handle.model
        if model is None:
            raise WorkbenchError(translate("core", "{model} was unloaded.").format(model=handle.name),
                                 translate("core", "Run it again; the model is loaded anew."))
        if next(model.parameters()).dtype != torch.float32:
            with _copy_lock:
                kept = _float32_copy.get("entry")
                if kept is None or kept[0] is not model:
                    _float32_copy.clear()
                    _check_room_for_copy(model, handle)
                    _float32_copy["entry"] = (model, copy.deepcopy(model).float())
                model = _float32_copy["entry"][1]
            if attention:
                previous = getattr(model.config, "_attn_implementation", "") or "sdpa"
                model.set_attn_implementation("eager")
                try:
                    yield model
                finally:
                    model.set_attn_implementation(previous)
                return
        yield model


def _check_room_for_copy(model, handle) -> None:
    """Refuse a float32 copy the device cannot hold, before making it (it would swap or be killed)."""
    from workbench.core import devices

    device = str(next(model.parameters()).device)
    needed = sum(p.numel() * (p.element_size() + 4) for p in model.parameters())  # the copy, then its cast
    available = devices.memory_status(device).available_bytes
    if needed > available:
        raise WorkbenchError(
            translate("core", "Inspecting {model} needs a float32 copy of it, about {need} MB, but only {free} MB "
                      "of memory is free.").format(model=handle.name, need=needed // 2**20, free=available // 2**20),
            translate("core", "Close other programs or unload other models, or load this model in float32 "
                      "(dtype setting) so no copy is needed."))


@contextlib.contextmanager
def _locked(handle, eager: bool) -> Iterator[None]:
    """``service.use`` for a handle used without a service (tests, benchmarks)."""
    with handle.lock:
        previous = getattr(handle.model.config, "_attn_implementation", "") or "sdpa"
        if eager and previous != "eager":
            handle.model.set_attn_implementation("eager")
        try:
            yield
        finally:
            if eager and previous != "eager":
                handle.model.set_attn_implementation(previous)


def forget_float32_copy(model=None) -> None:
    """Drop the kept float32 copy (only if it was made of ``model``, when given)."""
    with _copy_lock:
        kept = _float32_copy.get("entry")
        if kept is not None and (model is None or kept[0] is model):
            _float32_copy.clear()


on_release(forget_float32_copy)  # unloading a model frees its copy too, not only at the next inspection


def check_context(handle, n_tokens: int) -> None:
    """Refuse, before running, an input longer than the model reads; say the limit."""
    limit = handle.max_length
    if limit and n_tokens > limit:
        raise WorkbenchError(
            translate("core", "The text has {n} tokens but {model} reads at most {limit}.").format(
                n=n_tokens, model=handle.name, limit=limit),
            translate("core", "Shorten the text to {limit} tokens or fewer.").format(limit=limit))


def memory_budget(handle) -> int:
    """The bytes one inspection may use: half of the memory free on the model's device."""
    from workbench.core.devices import memory_status

    return int(0.5 * memory_status(handle.device).available_bytes)


def check_length(handle, n_tokens: int, what: str, bytes_per_token: int) -> None:
    """Refuse, before running, an input longer than the model reads or than memory allows; say the limit."""
    from workbench.core.units import human_bytes

    check_context(handle, n_tokens)
    budget = memory_budget(handle)
    most = max(1, budget // max(1, bytes_per_token))
    if n_tokens > most:
        raise WorkbenchError(
            translate("core", "{what} of {n} tokens needs about {need}, but only {free} of memory can be used: "
                      "the limit here is {most} tokens.").format(
                what=what, n=n_tokens, need=human_bytes(n_tokens * bytes_per_token), free=human_bytes(budget),
                most=most),
            translate("core", "Shorten the text to {most} tokens or fewer, or close other programs.").format(most=most))


def model_sizes(model) -> tuple[int, int, int]:
    """(layers, hidden size, vocabulary size) of a transformers model."""
    cfg = getattr(model.config, "text_config", None) or model.config
    layers = getattr(cfg, "num_hidden_layers", None) or getattr(cfg, "n_layer", None) or 12
    hidden = getattr(cfg, "hidden_size", None) or getattr(cfg, "n_embd", None) or getattr(cfg, "d_model", None) or 768
    vocab = getattr(cfg, "vocab_size", None) or 32000
    return int(layers), int(hidden), int(vocab)


def encode(tokenizer, text: str, what: str) -> list[int]:
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The {what} is empty.").format(what=what),
                             translate("core", "Type some text."))
    ids = list(tokenizer(text)["input_ids"])
    if not ids:
        raise WorkbenchError(translate("core", "The {what} gives no tokens.").format(what=what),
                             translate("core", "Type some text."))
    return ids
