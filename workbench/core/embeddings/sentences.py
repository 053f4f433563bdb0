"""Sentence vectors with the model's own pooling (declared by a sentence-transformers folder or chosen)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

POOLINGS = ("auto", "mean", "cls", "last", "max")
BATCH_SIZE = 32


# ---- sentence vectors ----------------------------------------------------------------------------
@dataclass
class Pooling:
    mode: str  # mean | cls | last | max; words: the mean of static word vectors
    normalise: bool = False
    declared: bool = False  # read from the model's own sentence-transformers files
    max_length: int | None = None

    def describe(self) -> str:
        if self.mode == "words":  # static word vectors
            return translate("core", "mean of the text's word vectors (static vectors; unknown words left out)")
        names = {"mean": translate("core", "mean over tokens"), "cls": translate("core", "first token (CLS)"),
                 "last": translate("core", "last token"), "max": translate("core", "max over tokens")}
        text = names[self.mode]
        if self.normalise:
            text += translate("core", ", L2-normalised")
        if self.declared:
            text += translate("core", " (the model's own pooling)")
        else:
            text += translate("core", " (chosen: the model declares no pooling)")
        return text


def declared_pooling(folder: Path | None) -> Pooling | None:
    """The pooling a sentence-transformers folder declares, or None."""
    if folder is None:
        return None
    folder = Path(folder)
    pooling_dir, normalise = None, False
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        for module in modules:
            kind = str(module.get("type", ""))
            if kind.endswith(".Pooling"):
                pooling_dir = folder / module.get("path", "")
            elif kind.endswith(".Normalize"):
                normalise = True
    except (OSError, ValueError, TypeError, AttributeError):
        modules = None
    if pooling_dir is None and (folder / "1_Pooling" / "config.json").exists():
        pooling_dir, normalise = folder / "1_Pooling", (folder / "2_Normalize").exists()
    if pooling_dir is None:
        return None
    try:
        config = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if config.get("pooling_mode_cls_token"):
        mode = "cls"
    elif config.get("pooling_mode_lasttoken"):
        mode = "last"
    elif config.get("pooling_mode_max_tokens"):
        mode = "max"
    else:
        mode = "mean"
    max_length = None
    try:
        max_length = int(json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
                         ["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return Pooling(mode, normalise, True, max_length)


def choose_pooling(handle, requested: str = "auto") -> Pooling:
    """``auto``: the model's own pooling, else mean; a named mode overrides it (kept normalised if
    the model normalises)."""
    if requested not in POOLINGS:
        raise WorkbenchError(translate("core", "Unknown pooling '{p}'.").format(p=requested),
                             translate("core", "Choose one of: {choices}.").format(choices=", ".join(POOLINGS)))
    declared = declared_pooling(getattr(handle, "path", None))
    if requested == "auto" or (declared is not None and requested == declared.mode):
        return declared or Pooling("mean")
    return Pooling(requested, False, False, declared.max_length if declared else None)


def model_max_tokens(handle) -> int:
    limits = [n for n in (handle.max_length, getattr(handle.tokenizer, "model_max_length", None))
              if isinstance(n, int) and 0 < n < 1_000_000]
    return min(limits) if limits else 512


def backbone(handle):
    """The module whose output is the token vectors: the encoder of an encoder-decoder, else the base model."""
    model = handle.model
    if getattr(model.config, "is_encoder_decoder", False):
        return model.get_encoder()
    return getattr(model, "base_model", model)


def _layer_list(module):
    import torch

    count = getattr(getattr(module, "config", None), "num_hidden_layers", None)
    for child in module.modules():
        if isinstance(child, torch.nn.ModuleList) and len(child) and (count is None or len(child) == count):
            return child
    return None


@contextlib.contextmanager
def cancel_between_layers(module, cancel: CancelToken):
    """Check the cancel token before every layer, so a long batch stops within one layer."""
    layers = _layer_list(module)
    hooks = []
    if layers is not None and cancel is not NEVER_CANCELLED:
        def check(*_):
            cancel.raise_if_cancelled()

        hooks = [layer.register_forward_pre_hook(check) for layer in layers]
    try:
        yield
    finally:
        for hook in hooks:
            hook.remove()


def forward_inputs(module, ids: list[list[int]], pad_id: int, device, extra: dict | None = None) -> dict:
    """Right-padded tensors for a batch of token id lists."""
    import torch

    width = max(len(x) for x in ids)
    input_ids = torch.full((len(ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for row, x in enumerate(ids):
        input_ids[row, :len(x)] = torch.tensor(x, dtype=torch.long)
        mask[row, :len(x)] = 1
    return {"input_ids": input_ids.to(device), "attention_mask": mask.to(device), **(extra or {})}


def pool(hidden, mask, mode: str):
    """Pool token vectors (batch, tokens, dim) over the attention mask (right padding) -> (batch, dim)."""
    import torch

    hidden = hidden.float()
    mask_f = mask.unsqueeze(-1).float()
    if mode == "cls":
        return hidden[:, 0]
    if mode == "last":
        last = mask.sum(dim=1) - 1
        return hidden[torch.arange(hidden.shape[0], device=hidden.device), last]
    if mode == "max":
        return hidden.masked_fill(mask_f == 0, float("-inf")).max(dim=1).values
    return (hidden * mask_f).sum(dim=1) / mask_f.sum(dim=1).clamp(min=1e-9)


@dataclass
class SentenceVectors:
    vectors: np.ndarray  # (n, d) float32
    pooling: Pooling
    truncated: int  # texts longer than the limit (only their beginning was read)
    limit: int


def embed_texts(handle, texts: list[str], pooling: Pooling | str = "auto", batch_size: int = BATCH_SIZE,
                cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> SentenceVectors:
    """One vector per text, pooled as ``pooling`` says; texts run longest first in batches."""
    import torch

    if not texts:
        raise WorkbenchError(translate("core", "There are no texts to embed."),
                             translate("core", "Type or paste texts, one per line, or load a file."))
    if isinstance(pooling, str):
        pooling = choose_pooling(handle, pooling)
    tokenizer = handle.tokenizer
    limit = min(model_max_tokens(handle), pooling.max_length or 1_000_000)
    encoded = tokenizer(list(texts), truncation=True, max_length=limit)
    ids = encoded["input_ids"]
    at_limit = [i for i, x in enumerate(ids) if len(x) >= limit]
    truncated = 0
    if at_limit:
        full = tokenizer([texts[i] for i in at_limit])["input_ids"]
        truncated = sum(len(x) > limit for x in full)
    types = encoded.get("token_type_ids")
    module = backbone(handle)
    import inspect

    accepts_types = types is not None and "token_type_ids" in inspect.signature(module.forward).parameters
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    device = next(module.parameters()).device
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    out = np.zeros((len(ids), 0), dtype=np.float32)
    done = 0
    with torch.inference_mode(), cancel_between_layers(module, cancel):
        for start in range(0, len(order), batch_size):
            cancel.raise_if_cancelled()
            rows = order[start:start + batch_size]
            extra = {}
            if accepts_types:
                extra["token_type_ids"] = forward_inputs(module, [types[i] for i in rows], 0, device)["input_ids"]
            inputs = forward_inputs(module, [ids[i] for i in rows], pad_id, device, extra)
            hidden = module(**inputs).last_hidden_state
            pooled = pool(hidden, inputs["attention_mask"], pooling.mode)
            if pooling.normalise:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=-1)
            pooled = pooled.cpu().numpy()
            if out.shape[1] == 0:
                out = np.zeros((len(ids), pooled.shape[1]), dtype=np.float32)
            out[rows] = pooled
            done += len(rows)
            progress(Progress(done, len(ids), translate("core", "Embedded {done} of {total} texts").format(
                done=f"{done:,}", total=f"{len(ids):,}"), unit="texts"))
    return SentenceVectors(out, pooling, truncated, limit)
