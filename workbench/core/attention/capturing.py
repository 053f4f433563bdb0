"""Capturing attention for a text: tokenize (and truncate to what the model reads), optionally generate,
then record every layer and head, for decoders (self-attention, per generation step), encoders (a text
or a pair) and encoder-decoders (encoder, decoder and cross-attention)."""

from __future__ import annotations

import time

from workbench.core.attention.recorder import estimate_capture_bytes, forward_with_hooks
from workbench.core.attention.steps import generate_steps
from workbench.core.attention.store import AttentionCapture, AttentionPart, GenerationStep
from workbench.core.attention.words import Tokens, concat_tokens, make_tokens
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

DEFAULT_DECODER_TOKENS = 20  # generated for an encoder-decoder when no target text is given


def architecture_of(handle) -> str:
    """"decoder", "encoder" or "encoder-decoder": which parts a capture of this model has."""
    if getattr(handle.config, "is_encoder_decoder", False):
        return "encoder-decoder"
    return "decoder" if handle.kind == "causal-lm" else "encoder"


def _check_memory(handle, queries: int, keys: int | None = None) -> None:
    from workbench.core.devices import memory_status
    from workbench.core.units import human_bytes

    needed = estimate_capture_bytes(handle, queries, keys)
    available = memory_status("cpu").available_bytes
    if needed > 0.6 * available:
        raise WorkbenchError(
            translate("core", "Capturing attention for {queries} tokens needs about {needed}, "
                              "but only {available} of memory is free.").format(
                queries=queries, needed=human_bytes(needed), available=human_bytes(available)),
            translate("core", "Use a shorter text, or close other programs."))


def _encode(tokenizer, text: str, pair: str | None = None, add_special_tokens: bool = True) -> dict:
    kwargs = {"add_special_tokens": add_special_tokens}
    if getattr(tokenizer, "is_fast", False):
        kwargs["return_offsets_mapping"] = True
    encoded = tokenizer(text, pair, **kwargs) if pair else tokenizer(text, **kwargs)
    result = {"ids": list(encoded["input_ids"]), "offsets": None, "sequence_ids": None}
    if "offset_mapping" in encoded:
        result["offsets"] = [tuple(o) for o in encoded["offset_mapping"]]
        result["sequence_ids"] = encoded.sequence_ids() if hasattr(encoded, "sequence_ids") else None
    if "token_type_ids" in encoded:
        result["token_type_ids"] = list(encoded["token_type_ids"])
    return result


def _truncate(encoded: dict, limit: int | None, warnings: list[str]) -> int:
    if not limit or len(encoded["ids"]) <= limit:
        return 0
    cut = len(encoded["ids"]) - limit
    for key in ("ids", "offsets", "sequence_ids", "token_type_ids"):
        if encoded.get(key) is not None:
            encoded[key] = encoded[key][:limit]
    warnings.append(translate("core", "The text has {total} tokens but the model reads at most {limit}: "
                                      "the last {cut} tokens were cut.").format(
        total=limit + cut, limit=limit, cut=cut))
    return cut


def capture(handle, text: str, *, pair: str | None = None, target: str | None = None, generate: int = 0,
            top_k: int = 5, add_special_tokens: bool = True, service=None,
            cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> AttentionCapture:
    """Capture every layer's and head's attention of ``handle``'s model on ``text``.

    ``pair`` is a second text for encoders; ``target`` the decoder text of an encoder-decoder (if
    empty, ``generate`` tokens are generated greedily). For causal models ``generate`` > 0 generates
    that many tokens first and records each step's choice and top-k probabilities. Runs under
    ``service.use(handle, attention=True)`` when a service is given (eager attention, model lock).
    """
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."),
                             translate("core", "Type a sentence to see where the model's attention goes."))
    from workbench.core.modeltypes import no_attention_reason

    if reason := no_attention_reason(handle.model.config):  # an LSTM/GRU trained from scratch
        raise WorkbenchError(*reason)
    if service is not None:
        with service.use(handle, attention=True):
            return _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress)
    return _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress)


def _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress) -> AttentionCapture:
    if getattr(handle.model.config, "_attn_implementation", "eager") != "eager":
        raise WorkbenchError(
            translate("core", "{name} is not running eager attention, so its weights are not computed.").format(
                name=handle.name),
            translate("core", "Capture attention through the model service (it switches to eager attention)."))
    started = time.perf_counter()
    tokenizer = handle.tokenizer
    architecture = architecture_of(handle)
    limit = handle.max_length
    warnings: list[str] = []
    generate = max(0, int(generate))
    progress(Progress(0, 3, translate("core", "Tokenizing")))
    encoded = _encode(tokenizer, text, pair if architecture == "encoder" else None, add_special_tokens)
    room = limit - generate if (limit and architecture == "decoder") else limit
    if room is not None and room < 1:
        raise WorkbenchError(
            translate("core", "{count} new tokens do not fit in the model's {limit} positions.").format(
                count=generate, limit=limit),
            translate("core", "Generate fewer tokens."))
    truncated = _truncate(encoded, room, warnings)
    if not encoded["ids"]:
        raise WorkbenchError(translate("core", "The text has no tokens after tokenizing."),
                             translate("core", "Type some words."))
    texts = [text] + ([pair] if pair and architecture == "encoder" else [])
    source_tokens = make_tokens(tokenizer, encoded["ids"], texts, encoded["offsets"], encoded["sequence_ids"])
    cancel.raise_if_cancelled()

    steps: list[GenerationStep] = []
    if architecture == "decoder":
        parts, steps = _decoder_parts(handle, encoded, source_tokens, generate, top_k, cancel, progress)
    elif architecture == "encoder":
        parts = _encoder_parts(handle, encoded, source_tokens, progress)
    else:
        parts, steps, cut = _encoder_decoder_parts(handle, encoded, source_tokens, target, generate, top_k,
                                                   add_special_tokens, warnings, cancel, progress)
        truncated += cut
    progress(Progress(3, 3, translate("core", "Captured")))
    return AttentionCapture(model=handle.name, architecture=architecture, parts=parts, steps=steps,
                            truncated=truncated, warnings=warnings, seconds=time.perf_counter() - started)


def _decoder_parts(handle, encoded: dict, source_tokens: Tokens, generate: int, top_k: int, cancel: CancelToken,
                   progress: ProgressCallback) -> tuple[dict[str, AttentionPart], list[GenerationStep]]:
    """A decoder's self-attention over the text and, with ``generate``, the tokens it generates greedily."""
    import torch

    model, tokenizer, device = handle.model, handle.tokenizer, handle.device
    prompt_length = len(encoded["ids"])
    all_ids = encoded["ids"]
    steps: list[GenerationStep] = []
    if generate:
        new_ids, steps = generate_steps(model, tokenizer, {"input_ids": torch.tensor([encoded["ids"]], device=device)},
                                        generate, top_k, prompt_length, cancel, progress)
        all_ids = encoded["ids"] + new_ids
    _check_memory(handle, len(all_ids))
    progress(Progress(1, 3, translate("core", "Capturing attention over {n} tokens").format(n=len(all_ids))))
    extras: dict = {}
    captured = forward_with_hooks(model, "decoder", {"input_ids": torch.tensor([all_ids], device=device)}, extras)
    tokens = source_tokens
    if len(all_ids) > prompt_length:
        generated = make_tokens(tokenizer, all_ids[prompt_length:], context=all_ids[:prompt_length])
        tokens = concat_tokens(source_tokens, generated)
    stats, overview = extras.get("self", (None, None))
    return {"self": AttentionPart("self", captured["self"], tokens, tokens, causal=True, stats=stats,
                                  overview=overview)}, steps


def _encoder_parts(handle, encoded: dict, source_tokens: Tokens,
                   progress: ProgressCallback) -> dict[str, AttentionPart]:
    """An encoder's self-attention over the text (or the pair of texts)."""
    import torch

    tokenizer, device = handle.tokenizer, handle.device
    _check_memory(handle, len(encoded["ids"]))
    progress(Progress(1, 3, translate("core", "Capturing attention over {n} tokens").format(n=len(encoded['ids']))))
    inputs = {"input_ids": torch.tensor([encoded["ids"]], device=device)}
    if "token_type_ids" in encoded and "token_type_ids" in getattr(tokenizer, "model_input_names", []):
        inputs["token_type_ids"] = torch.tensor([encoded["token_type_ids"]], device=device)
    extras: dict = {}
    captured = forward_with_hooks(handle.model, "encoder", inputs, extras)
    stats, overview = extras.get("self", (None, None))
    return {"self": AttentionPart("self", captured["self"], source_tokens, source_tokens, stats=stats,
                                  overview=overview)}


def _encoder_decoder_parts(handle, encoded: dict, source_tokens: Tokens, target: str | None, generate: int,
                           top_k: int, add_special_tokens: bool, warnings: list[str], cancel: CancelToken,
                           progress: ProgressCallback) -> tuple[dict[str, AttentionPart], list[GenerationStep], int]:
    """Encoder, decoder and cross-attention. The decoder reads ``target``, or without one the tokens it
    generates greedily. Also returns how many target tokens were cut."""
    import torch

    model, tokenizer, device = handle.model, handle.tokenizer, handle.device
    input_ids = torch.tensor([encoded["ids"]], device=device)
    steps: list[GenerationStep] = []
    cut = 0
    start_id = getattr(model.config, "decoder_start_token_id", None)
    if start_id is None:
        start_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    if target and target.strip():
        target_encoded = tokenizer(text_target=target, add_special_tokens=add_special_tokens)
        decoder_ids = [start_id] + list(target_encoded["input_ids"])
        dec_room = getattr(model.config, "max_position_embeddings", None) or handle.max_length
        if dec_room and len(decoder_ids) > dec_room:
            cut = len(decoder_ids) - dec_room
            decoder_ids = decoder_ids[:dec_room]
            warnings.append(translate("core", "The target has more tokens than the model reads: the last {cut} "
                                              "were cut.").format(cut=cut))
    else:
        count = generate or DEFAULT_DECODER_TOKENS
        new_ids, steps = generate_steps(model, tokenizer, {"input_ids": input_ids}, count, top_k,
                                        1, cancel, progress, decoder_start=start_id)
        decoder_ids = [start_id] + new_ids
        warnings.append(translate("core", "No target text was given, so the decoder's text was generated ({n} "
                                          "tokens, greedy).").format(n=len(new_ids)))
    _check_memory(handle, len(encoded["ids"]) + len(decoder_ids))
    progress(Progress(1, 3, translate("core", "Capturing encoder, decoder and cross-attention")))
    captured = forward_with_hooks(model, "encoder-decoder", {
        "input_ids": input_ids, "decoder_input_ids": torch.tensor([decoder_ids], device=device)})
    decoder_tokens = make_tokens(tokenizer, decoder_ids)
    parts = {
        "encoder": AttentionPart("encoder", captured["encoder"], source_tokens, source_tokens),
        "decoder": AttentionPart("decoder", captured["decoder"], decoder_tokens, decoder_tokens, causal=True),
        "cross": AttentionPart("cross", captured["cross"], decoder_tokens, source_tokens),
    }
    return parts, steps, cut


def load_and_capture(service, ref: str, text: str, *, pair: str | None = None, target: str | None = None,
                     generate: int = 0, top_k: int = 5, cancel: CancelToken = NEVER_CANCELLED,
                     progress: ProgressCallback = no_progress) -> AttentionCapture:
    """Load ``ref`` through the service (or reuse it when loaded) and capture its attention."""
    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick a model in the model picker or the Models tab."))
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."),
                             translate("core", "Type a sentence to see where the model's attention goes."))
    handle = service.load(ref, progress=progress, cancel=cancel)
    cancel.raise_if_cancelled()
    return capture(handle, text, pair=pair, target=target, generate=generate, top_k=top_k, service=service,
                   cancel=cancel, progress=progress)
