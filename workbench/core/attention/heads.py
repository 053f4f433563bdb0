"""Each head at a glance: statistics (entropy, attention to the first token, to the previous one and
to itself) and small max-pooled pictures, layer by layer."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench.core.attention.store import AttentionPart
from workbench.core.jobs import NEVER_CANCELLED, CancelToken


@dataclass
class HeadStats:
    layer: int
    head: int
    entropy: float  # bits, mean over query rows
    sink: float  # mean attention to the first token
    previous: float  # mean attention to the previous token (self-attention only; nan for cross)
    diagonal: float  # mean attention to itself (self-attention only; nan for cross)


def head_statistics(part: AttentionPart, rows: int | None = None,
                    cancel: CancelToken = NEVER_CANCELLED) -> list[HeadStats]:
    """Per layer and head: entropy (bits, mean over rows), attention to the first token ("sink"),
    to the previous token and to itself (the last two for self-attention only)."""
    import torch

    if rows is None and part.stats is not None:
        return list(part.stats)  # computed from the exact weights while capturing
    stats: list[HeadStats] = []
    for layer in range(part.layers):
        cancel.raise_if_cancelled()
        weights = torch.from_numpy(part.weights[layer]).float()
        if rows is not None:
            weights = weights[:, :rows, :rows] if part.causal else weights[:, :rows]
        stats.extend(layer_statistics(layer, weights, part.is_self))
    return stats


def layer_statistics(layer: int, weights, is_self: bool) -> list[HeadStats]:
    """``head_statistics`` of one layer's (heads, query, key) float tensor."""
    import torch

    heads = weights.shape[0]
    entropy = -torch.special.xlogy(weights, weights).sum(dim=-1).mean(dim=-1) / math.log(2)
    sink = weights[:, :, 0].mean(dim=-1)
    n = min(weights.shape[1], weights.shape[2])
    if is_self and n > 0:
        diagonal = weights.diagonal(dim1=1, dim2=2)[:, :n].mean(dim=-1)
        previous = (weights.diagonal(offset=-1, dim1=1, dim2=2).mean(dim=-1) if n > 1 else torch.zeros(heads))
    else:
        diagonal = previous = torch.full((heads,), float("nan"))
    return [HeadStats(layer, head, float(entropy[head]), float(sink[head]), float(previous[head]),
                      float(diagonal[head])) for head in range(heads)]


def thumbnails(part: AttentionPart, size: int = 48, rows: int | None = None,
               cancel: CancelToken = NEVER_CANCELLED) -> np.ndarray:
    """Small pictures of every head, shape (layers, heads, <=size, <=size), each scaled to its own
    maximum. Blocks are max-pooled so that thin patterns (a diagonal) stay visible at any length."""
    import torch

    if rows is None and size == THUMBNAIL_SIZE and part.overview is not None:
        return part.overview  # computed from the exact weights while capturing
    pictures = []
    for layer in range(part.layers):
        cancel.raise_if_cancelled()
        weights = torch.from_numpy(part.weights[layer]).float()
        if rows is not None:
            weights = weights[:, :rows, :rows] if part.causal else weights[:, :rows]
        pictures.append(layer_thumbnails(weights, size).numpy())
    return np.stack(pictures)


THUMBNAIL_SIZE = 48


def layer_thumbnails(weights, size: int = THUMBNAIL_SIZE):
    import torch

    _, queries, keys = weights.shape
    pooled = torch.nn.functional.adaptive_max_pool2d(weights[None], (min(size, queries), min(size, keys)))[0]
    top = pooled.amax(dim=(1, 2), keepdim=True)
    return torch.where(top > 0, pooled / top.clamp_min(1e-12), 0.0)
