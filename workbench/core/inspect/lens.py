"""Logit lens: every layer's hidden state read through the final norm and the LM head.

Row 0 is the embedding output, row ``layers`` the last layer. Intermediate rows apply the model's
final norm and its output embeddings to the hidden state (nostalgebraist 2020); the last row is the
model's real output logits, taken as they are (the last hidden state transformers returns is already
normalised, and some models scale or cap their logits), so its top-1 is exactly the model's argmax.
Masked-LM encoders are read through their whole MLM head; the masked positions are listed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workbench.core.i18n import translate
from workbench.core.inspect.common import (check_length, encode, float32_model, load_for, model_sizes,
                                           token_labels)
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

FINAL_NORM_NAMES = ("norm", "ln_f", "final_layernorm", "final_layer_norm", "ln_final", "norm_f")


@dataclass
class LensPrediction:
    id: int
    token: str
    prob: float


@dataclass
class LensResult:
    model: str
    ids: list[int]
    tokens: list[str]
    predictions: list[list[list[LensPrediction]]]  # [layer][position][rank]; layer 0 = embeddings
    next_probs: list[list[float | None]]  # [layer][position]: probability of the token that follows (None: last)
    masked: list[int] = field(default_factory=list)  # masked-LM: the [MASK] positions
    kind: str = "causal-lm"
    positions: list[int] = field(default_factory=list)  # the positions read (predictions[layer][k] is positions[k])

    def column(self, position: int) -> int:
        """Index into ``predictions[layer]`` of a token position."""
        return self.positions.index(position)

    @property
    def layers(self) -> int:
        """The number of transformer layers (rows are ``layers + 1``: the embeddings first)."""
        return len(self.predictions) - 1

    def to_json(self) -> dict:
        return {"tokens": self.tokens, "layers": self.layers,
                "predictions": [[[{"id": p.id, "token": p.token, "prob": p.prob} for p in ranks]
                                 for ranks in row] for row in self.predictions],
                **({"masked": self.masked} if self.kind == "masked-lm" else {})}


def _final_norm(model):
    base = getattr(model, "base_model", model)
    for owner in (base, getattr(base, "decoder", None), model):
        for name in FINAL_NORM_NAMES:
            module = getattr(owner, name, None) if owner is not None else None
            if module is not None and callable(module):
                return module
    return None


def _lens_head(model, kind: str):
    """A function hidden state -> logits for the intermediate layers."""
    if kind == "masked-lm":
        for name in ("cls", "lm_head", "predictions", "generator_lm_head"):
            head = getattr(model, name, None)
            if head is not None and callable(head):
                return head
        raise WorkbenchError(translate("core", "The MLM head of {arch} is not one module, so its layers cannot be "
                                       "read.").format(arch=type(model).__name__),
                             translate("core", "Try a BERT- or RoBERTa-style masked LM, or a causal LM."))
    out = model.get_output_embeddings()
    if out is None:
        raise WorkbenchError(translate("core", "{arch} has no output embeddings (LM head).").format(
            arch=type(model).__name__), translate("core", "Choose a causal language model."))
    norm = _final_norm(model)
    return (lambda h: out(norm(h))) if norm is not None else out


def lens_bytes_per_token(model) -> int:
    layers, hidden, vocab = model_sizes(model)
    # hidden states of every layer, plus one layer's logits and softmax at a time
    return (layers + 1) * hidden * 4 + vocab * 4 * 3


def logit_lens(handle, ids: list[int], top_k: int = 5, service=None, positions: list[int] | None = None,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> LensResult:
    """The logit lens of ``ids`` (token ids, special tokens included) on ``handle``'s model, in float32.

    ``positions``: read only these positions (every layer x position is a full LM-head product, so a view
    showing a few columns asks for those); default all.
    """
    import torch

    if not ids:
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Type some text."))
    if handle.kind not in ("causal-lm", "masked-lm"):
        raise WorkbenchError(translate("core", "{model} is loaded as {kind}, which has no language-model head.")
                             .format(model=handle.name, kind=handle.kind),
                             translate("core", "Choose a causal language model or a masked LM."))
    check_length(handle, len(ids), translate("core", "A logit lens"), lens_bytes_per_token(handle.model))
    top_k = max(1, int(top_k))
    with float32_model(service, handle) as model:
        head = _lens_head(model, handle.kind)
        device = next(model.parameters()).device
        input_ids = torch.tensor([ids], device=device)
        columns = sorted(set(positions)) if positions is not None else list(range(len(ids)))
        if not columns or columns[0] < 0 or columns[-1] >= len(ids):
            raise WorkbenchError(translate("core", "Lens positions must lie within the {n} tokens.").format(n=len(ids)))
        index = torch.tensor(columns, device=device)
        progress(Progress(0, 1, translate("core", "Running the model")))
        with torch.inference_mode():
            extra = {} if handle.kind == "masked-lm" else {"use_cache": False}
            out = model(input_ids=input_ids, output_hidden_states=True, **extra)
            states = out.hidden_states
            if not states:  # an n-gram model: counts, no layers
                raise WorkbenchError(
                    translate("core", "{model} has no layers whose hidden states a logit lens could read (an n-gram "
                                      "model predicts from counts).").format(model=handle.name),
                    translate("core", "Its probabilities are in Generate's step table and in Perplexity."))
            rows = len(states)
            predictions, next_probs = [], []
            following = torch.tensor(ids[1:] + [0], device=device)[index]
            for layer, hidden in enumerate(states):
                cancel.raise_if_cancelled()
                logits = out.logits[0, index] if layer == rows - 1 else head(hidden[:, index])[0]
                probs = torch.softmax(logits.float(), dim=-1)
                values, indices = probs.topk(min(top_k, probs.shape[-1]), dim=-1)
                chosen = probs.gather(-1, following[:, None])[:, 0].tolist()
                predictions.append([[LensPrediction(int(i), "", float(v)) for i, v in zip(row_i, row_v)]
                                    for row_i, row_v in zip(indices.tolist(), values.tolist())])
                next_probs.append([None if c == len(ids) - 1 else float(p) for c, p in zip(columns, chosen)])
                progress(Progress(layer + 1, rows, translate("core", "Layer {n} of {total}").format(
                    n=layer, total=rows - 1)))
    names = {}
    for row in predictions:
        for ranks in row:
            for p in ranks:
                if p.id not in names:
                    names[p.id] = token_labels(handle.tokenizer, [p.id], single=True)[0]
                p.token = names[p.id]
    mask_id = getattr(handle.tokenizer, "mask_token_id", None)
    masked = [i for i, t in enumerate(ids) if mask_id is not None and t == mask_id] if handle.kind == "masked-lm" else []
    return LensResult(handle.name, list(ids), token_labels(handle.tokenizer, ids), predictions, next_probs,
                      masked, handle.kind, columns)


def token_probability_by_layer(result: LensResult, position: int, token_id: int | None = None) -> list[float]:
    """The probability of ``token_id`` at ``position`` in every row (the following token when not given).

    Only the token that follows each position is recorded at every layer; another token's probability is
    known where it is in a row's top-k (0 elsewhere is a lower bound's stand-in, so prefer the default).
    """
    k = result.column(position)
    if token_id is None or (position + 1 < len(result.ids) and result.ids[position + 1] == token_id):
        return [row[k] if row[k] is not None else math.nan for row in result.next_probs]
    return [next((p.prob for p in row[k] if p.id == token_id), 0.0) for row in result.predictions]


def load_and_lens(service, ref: str, text: str, top_k: int = 5, cancel: CancelToken = NEVER_CANCELLED,
                  progress: ProgressCallback = no_progress) -> LensResult:
    handle = load_for(service, ref, ("causal-lm", "masked-lm"), translate("core", "a logit lens"), cancel, progress)
    ids = encode(handle.tokenizer, text, translate("core", "text"))
    return logit_lens(handle, ids, top_k=top_k, service=service, cancel=cancel, progress=progress)
