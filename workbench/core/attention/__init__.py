"""Capture, store and aggregate attention weights.

- ``capturing``: ``capture(handle, text, ...)`` and ``load_and_capture``: decoders, encoders and
  encoder-decoders (with cross-attention), optionally generating first.
- ``recorder``: one run of the model with forward hooks copying each layer's weights to float16
  (compact above ``DENSE_LIMIT_BYTES``); ``steps``: greedy generation recording each step's top-k.
- ``store``: ``AttentionCapture``, ``AttentionPart``, ``CompactWeights``, ``GenerationStep``.
- ``words``: token labels, words and word merging; ``heads``: head statistics and thumbnails.
- ``aggregate``: ``compute_view`` (head, mean/max, rollout, special-token policy, words, step) and
  ``difference``; ``export``: ``.npz`` and ``.csv`` files.
"""

from workbench.core.attention.aggregate import (AGGREGATES, POLICIES, POLICY_NOTES, AttentionView, compute_view,
                                                difference, exclude_and_renormalise, rollout)
from workbench.core.attention.capturing import DEFAULT_DECODER_TOKENS, architecture_of, capture, load_and_capture
from workbench.core.attention.export import save_csv, save_npz
from workbench.core.attention.heads import THUMBNAIL_SIZE, HeadStats, head_statistics, thumbnails
from workbench.core.attention.recorder import estimate_capture_bytes
from workbench.core.attention.store import (PART_TITLES, AttentionCapture, AttentionPart, CompactWeights,
                                            GenerationStep)
from workbench.core.attention.words import Tokens, make_tokens, merge_words

__all__ = [
    "AGGREGATES", "POLICIES", "POLICY_NOTES", "AttentionView", "compute_view", "difference",
    "exclude_and_renormalise", "rollout",
    "DEFAULT_DECODER_TOKENS", "architecture_of", "capture", "load_and_capture",
    "save_csv", "save_npz",
    "THUMBNAIL_SIZE", "HeadStats", "head_statistics", "thumbnails",
    "estimate_capture_bytes",
    "PART_TITLES", "AttentionCapture", "AttentionPart", "CompactWeights", "GenerationStep",
    "Tokens", "make_tokens", "merge_words",
]
