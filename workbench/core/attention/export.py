"""Saving a capture (``.npz``: every part's weights, tokens and steps) and a shown matrix (``.csv``)."""

from __future__ import annotations

import numpy as np

from workbench.core.attention.aggregate import AttentionView, compute_view
from workbench.core.attention.store import AttentionCapture, CompactWeights


def save_npz(capture_: AttentionCapture, path, include_rollout: bool = False) -> None:
    """Everything captured: ``attentions`` (layers, heads, query, key) and ``tokens`` of the main
    part (the encoder for encoder-decoders), the other parts under their own names, and
    ``rollout`` (query, key) when asked."""
    main = capture_.part(capture_.main_part)
    arrays = {**_weights_for_file("attentions", main.weights), "tokens": np.asarray(main.query.labels, dtype=str),
              "token_ids": np.asarray(main.query.ids, dtype=np.int64),
              "special": np.asarray(main.query.special, dtype=bool),
              "words": np.asarray(main.query.word_labels, dtype=str),
              "word_ids": np.asarray(main.query.word_ids, dtype=np.int64),
              "model": np.asarray(capture_.model), "architecture": np.asarray(capture_.architecture)}
    for name, p in capture_.parts.items():
        if name == capture_.main_part:
            continue
        arrays.update(_weights_for_file(f"{name}_attentions", p.weights))
        if name == "decoder":
            arrays["decoder_tokens"] = np.asarray(p.query.labels, dtype=str)
    if capture_.steps:
        arrays["step_tokens"] = np.asarray([s.token for s in capture_.steps], dtype=str)
        arrays["step_probabilities"] = np.asarray([s.probability for s in capture_.steps], dtype=np.float32)
        arrays["step_rows"] = np.asarray([s.rows for s in capture_.steps], dtype=np.int64)
    if include_rollout:
        arrays["rollout"] = compute_view(capture_, capture_.main_part, aggregate="rollout").matrix
    np.savez_compressed(path, **arrays)


def _weights_for_file(name: str, weights) -> dict:
    """A float16 array as is; compact weights as their 8-bit codes (a dense copy could need 9 GB):
    ``w = (codes / 255)**2 * scales[..., row]``, lower triangles packed row by row when ``packed``."""
    if not isinstance(weights, CompactWeights):
        return {name: weights}
    return {f"{name}_codes": weights.codes, f"{name}_scales": weights.scales,
            f"{name}_shape": np.asarray(weights.shape, dtype=np.int64), f"{name}_packed": np.asarray(weights.packed)}


def save_csv(view: AttentionView, path) -> None:
    """The shown matrix with the query tokens down the first column and the key tokens across."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["query \\ key"] + list(view.key_labels))
        for label, row in zip(view.query_labels, view.matrix):
            writer.writerow([label] + [f"{v:.6g}" for v in row])
