"""The matrix to show: one head, mean/max over heads, mean over layers, attention rollout (Abnar and
Zuidema 2020); an explicit special-token policy (keep, or exclude and renormalise each row); word
merging; one generation step; the difference of two views."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.attention.store import AttentionCapture
from workbench.core.attention.words import Tokens, merge_words, pieces_by_word, word_ids_kept
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError
from workbench.core.tokens import TokenDisplay

AGGREGATES = {
    "head": QT_TRANSLATE_NOOP("core", "One head"),
    "mean-heads": QT_TRANSLATE_NOOP("core", "Mean over heads"),
    "max-heads": QT_TRANSLATE_NOOP("core", "Max over heads"),
    "mean-layers": QT_TRANSLATE_NOOP("core", "Mean over layers and heads"),
    "rollout": QT_TRANSLATE_NOOP("core", "Attention rollout"),
}
POLICY_NOTES = {
    "exclude-special": QT_TRANSLATE_NOOP("core", "special tokens excluded, rows renormalised"),
    "exclude-special-first": QT_TRANSLATE_NOOP("core", "special and first tokens excluded, rows renormalised"),
}


POLICIES = {
    "keep": QT_TRANSLATE_NOOP("core", "Keep all tokens"),
    "exclude-special": QT_TRANSLATE_NOOP("core", "Exclude special tokens, renormalise rows"),
    "exclude-special-first": QT_TRANSLATE_NOOP("core", "Exclude special tokens and the first token, renormalise rows"),
}


@dataclass
class AttentionView:
    """A matrix ready to show: query rows by key columns, with their labels."""

    matrix: np.ndarray  # float32 (query, key)
    query_labels: list[str]
    key_labels: list[str]
    title: str
    note: str = ""
    # the tokens behind each row and column (one per token, several per merged word): bytes and ids for hovering
    query_pieces: list[list[TokenDisplay]] = field(default_factory=list)
    key_pieces: list[list[TokenDisplay]] = field(default_factory=list)

    @property
    def levels(self) -> tuple[float, float]:
        top = float(self.matrix.max()) if self.matrix.size else 1.0
        return 0.0, top if top > 0 else 1.0


def rollout(layers: np.ndarray, cancel: CancelToken = NEVER_CANCELLED) -> np.ndarray:
    """Attention rollout (Abnar and Zuidema 2020) of ``layers`` with shape (layers, heads, n, n).

    Per layer: average the heads, add the identity for the residual connection and renormalise
    rows; then multiply through the layers, the first layer on the right.
    """
    import torch

    n = layers.shape[-1]
    identity = torch.eye(n, dtype=torch.float32)
    result = identity
    for layer in layers:
        cancel.raise_if_cancelled()
        mixed = torch.from_numpy(np.asarray(layer)).float().mean(dim=0) + identity
        mixed /= mixed.sum(dim=-1, keepdim=True)
        result = mixed @ result
    return result.numpy()


def exclude_and_renormalise(matrix: np.ndarray, keep_query: np.ndarray, keep_key: np.ndarray) -> np.ndarray:
    """Drop the excluded rows and columns, then rescale each row to sum to one (rows with
    nothing left become zeros)."""
    kept = matrix[np.ix_(keep_query, keep_key)].astype(np.float32)
    sums = kept.sum(axis=-1, keepdims=True)
    return np.divide(kept, sums, out=np.zeros_like(kept), where=sums > 0)


def _keep_mask(tokens: Tokens, policy: str) -> np.ndarray:
    keep = ~np.asarray(tokens.special, dtype=bool)
    if policy == "exclude-special-first" and len(keep):
        keep[0] = False
    return keep


def compute_view(capture_: AttentionCapture, part: str | None = None, layer: int = -1, head: int | None = 0,
                 aggregate: str = "head", policy: str = "keep", words: bool = False,
                 step: int | None = None, cancel: CancelToken = NEVER_CANCELLED) -> AttentionView:
    """The matrix to show for one choice of part, layer, head, aggregation, token policy and words.

    ``step`` (0-based, generation captures) limits the matrix to what the model had read when it
    chose that step's token. ``layer`` may be negative (counted from the end).
    """
    p = capture_.part(part or capture_.main_part)
    if aggregate not in AGGREGATES:
        raise WorkbenchError(translate("core", "Unknown aggregation '{aggregate}'.").format(aggregate=aggregate),
                             translate("core", "Choose one of: {names}.").format(names=", ".join(AGGREGATES)))
    if policy not in POLICIES:
        raise WorkbenchError(translate("core", "Unknown special-token policy '{policy}'.").format(policy=policy),
                             translate("core", "Choose one of: {names}.").format(names=", ".join(POLICIES)))
    if not -p.layers <= layer < p.layers:
        raise WorkbenchError(
            translate("core", "Layer {layer} does not exist; the model has layers 0 to {last}.").format(
                layer=layer, last=p.layers - 1),
            translate("core", "Choose another layer."))
    layer %= p.layers
    part_title = translate("core", p.title)
    if aggregate == "head":
        if head is None or not -p.heads <= head < p.heads:
            raise WorkbenchError(
                translate("core", "Head {head} does not exist; layer {layer} has heads 0 to {last}.").format(
                    head=head, layer=layer, last=p.heads - 1),
                translate("core", "Choose another head."))
        head %= p.heads
        matrix = p.weights[layer, head]
        title = translate("core", "{part} · layer {layer} · head {head}").format(part=part_title, layer=layer, head=head)
    elif aggregate == "mean-heads":
        matrix = p.weights[layer].mean(axis=0, dtype=np.float32)
        title = translate("core", "{part} · layer {layer} · mean over heads").format(part=part_title, layer=layer)
    elif aggregate == "max-heads":
        matrix = p.weights[layer].max(axis=0)
        title = translate("core", "{part} · layer {layer} · max over heads").format(part=part_title, layer=layer)
    elif aggregate == "mean-layers":
        matrix = np.zeros(p.weights.shape[2:], dtype=np.float32)
        for weights in p.weights:
            cancel.raise_if_cancelled()
            matrix += weights.mean(axis=0, dtype=np.float32)
        matrix /= p.layers
        title = translate("core", "{part} · mean over layers and heads").format(part=part_title)
    else:
        if not p.is_self:
            raise WorkbenchError(
                translate("core", "Rollout needs self-attention (queries and keys are the same tokens)."),
                translate("core", "Choose encoder or decoder self-attention for rollout."))
        if p.name not in capture_._rollouts:
            capture_._rollouts[p.name] = rollout(p.weights, cancel)
        matrix = capture_._rollouts[p.name]
        title = translate("core", "{part} · attention rollout over {layers} layers").format(
            part=part_title, layers=p.layers)
    query, key = p.query, p.key
    if step is not None and capture_.steps and p.name in ("self", "decoder", "cross"):
        if not 0 <= step < len(capture_.steps):
            raise WorkbenchError(
                translate("core", "Step {step} does not exist; there are {count} steps.").format(
                    step=step, count=len(capture_.steps)),
                translate("core", "Choose another step."))
        rows = capture_.steps[step].rows
        query = query.sliced(rows)
        matrix = matrix[:rows]
        if p.causal:
            key = key.sliced(rows)
            matrix = matrix[:, :rows]
        title += translate("core", " · step {step}").format(step=step + 1)
    matrix = np.asarray(matrix, dtype=np.float32)
    note = ""
    query_words, key_words = query.word_ids, key.word_ids
    query_labels, key_labels = query.labels, key.labels
    query_pieces, key_pieces = list(query.pieces), list(key.pieces)
    if policy != "keep":
        keep_q, keep_k = _keep_mask(query, policy), _keep_mask(key, policy)
        if not keep_k.any() or not keep_q.any():
            raise WorkbenchError(translate("core", "Every token would be excluded."),
                                 translate("core", "Keep special tokens for this input."))
        matrix = exclude_and_renormalise(matrix, keep_q, keep_k)
        query_labels = [t for t, k in zip(query.labels, keep_q) if k]
        key_labels = [t for t, k in zip(key.labels, keep_k) if k]
        query_words, key_words = word_ids_kept(query.word_ids, keep_q), word_ids_kept(key.word_ids, keep_k)
        query_pieces = [p for p, k in zip(query_pieces, keep_q) if k]
        key_pieces = [p for p, k in zip(key_pieces, keep_k) if k]
        note = translate("core", POLICY_NOTES[policy])
    if words:
        matrix = merge_words(matrix, query_words, key_words)
        query_labels = [query.word_labels[w] for w in dict.fromkeys(query_words)]
        key_labels = [key.word_labels[w] for w in dict.fromkeys(key_words)]
        note = (note + " · " if note else "") + "words: keys summed, queries averaged"
        return AttentionView(matrix, query_labels, key_labels, title, note,
                             pieces_by_word(query_pieces, query_words), pieces_by_word(key_pieces, key_words))
    return AttentionView(matrix, query_labels, key_labels, title, note, [[p] for p in query_pieces],
                         [[p] for p in key_pieces])


def difference(first: AttentionView, second: AttentionView) -> AttentionView:
    """``second - first`` when both show the same tokens; otherwise a clear error."""
    if first.query_labels != second.query_labels or first.key_labels != second.key_labels:
        raise WorkbenchError(
            translate("core", "The two inputs have different tokens, so a difference map has no meaning."),
            translate("core", "Compare inputs that tokenize the same (or models that share a tokenizer)."))
    return AttentionView(second.matrix - first.matrix, first.query_labels, first.key_labels,
                         translate("core", "Difference (B − A): {title}").format(title=second.title), first.note,
                         first.query_pieces, first.key_pieces)
