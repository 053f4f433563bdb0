"""How a capture is held: each kind of attention (self, encoder, decoder, cross) as a part with its
tokens and float16 weights or, for long inputs, ``CompactWeights`` (8 bits a weight, causal triangle);
the generation steps; the capture itself."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.attention.words import Tokens
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError
from workbench.core.tokens import TokenDisplay

PART_TITLES = {
    "self": QT_TRANSLATE_NOOP("core", "Self-attention"),
    "encoder": QT_TRANSLATE_NOOP("core", "Encoder self-attention"),
    "decoder": QT_TRANSLATE_NOOP("core", "Decoder self-attention"),
    "cross": QT_TRANSLATE_NOOP("core", "Cross-attention (decoder → encoder)"),
}


class CompactWeights:
    """(layers, heads, query, key) attention in 8 bits a weight, indexed like the float16 array.

    Each row is scaled to its own maximum and stored as ``round(255 * sqrt(w / max))``: the square
    root spends the codes where attention weights live (many small values, a few large ones), so
    a weight of 1 % of its row's maximum is still kept to about 10 %. Causal matrices keep only their
    lower triangle. ``[layer, head]`` and ``[layer]`` decode to float16; head statistics and the
    overview thumbnails are computed from the exact weights while capturing (see ``AttentionPart``).
    """

    dtype = np.float16

    def __init__(self, layers: int, heads: int, queries: int, keys: int, causal: bool):
        self.shape = (layers, heads, queries, keys)
        self.ndim = 4
        self.packed = causal and queries == keys
        cells = queries * (queries + 1) // 2 if self.packed else queries * keys
        self.codes = np.zeros((layers, heads, cells), dtype=np.uint8)
        self.scales = np.zeros((layers, heads, queries), dtype=np.float32)
        self._mask = None

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.scales.nbytes

    def __len__(self) -> int:
        return self.shape[0]

    def _lower(self):
        import torch

        if self._mask is None:
            n = self.shape[2]
            self._mask = torch.ones(n, n, dtype=torch.bool).tril_()
        return self._mask

    def set_layer(self, layer: int, weights) -> None:
        """Store one layer from a (heads, query, key) float tensor."""
        import torch

        weights = weights.float()
        top = weights.amax(dim=-1, keepdim=True).clamp_min(1e-30)
        codes = torch.sqrt(weights.clamp_min(0) / top).mul_(255).round_().to(torch.uint8)
        self.scales[layer] = top[..., 0].numpy()
        if self.packed:
            mask = self._lower()
            for head in range(self.shape[1]):
                self.codes[layer, head] = codes[head][mask].numpy()
        else:
            self.codes[layer] = codes.reshape(self.shape[1], -1).numpy()

    def head(self, layer: int, head: int) -> np.ndarray:
        import torch

        _, _, queries, keys = self.shape
        values = torch.from_numpy(self.codes[layer, head]).float().div_(255).square_()
        if self.packed:
            matrix = torch.zeros(queries, keys)
            matrix[self._lower()] = values
        else:
            matrix = values.reshape(queries, keys)
        matrix *= torch.from_numpy(self.scales[layer, head])[:, None]
        return matrix.to(torch.float16).numpy()

    def __getitem__(self, key):
        if isinstance(key, tuple) and len(key) == 2:
            layer, head = (int(k) for k in key)
            return self.head(layer % self.shape[0], head % self.shape[1])
        if isinstance(key, (int, np.integer)):
            layer = int(key) % self.shape[0]
            return np.stack([self.head(layer, h) for h in range(self.shape[1])])
        raise TypeError("compact attention is indexed by [layer] or [layer, head]")

    def __iter__(self):
        for layer in range(self.shape[0]):
            yield self[layer]

    def __array__(self, dtype=None, copy=None):
        dense = np.stack(list(self))
        return dense.astype(dtype) if dtype is not None else dense


@dataclass
class AttentionPart:
    """One kind of attention in a model: weights of shape (layers, heads, query, key), float16."""

    name: str
    weights: np.ndarray  # or CompactWeights for long inputs
    query: Tokens
    key: Tokens
    causal: bool = False
    # computed from the exact weights while capturing, when the weights are stored compact
    stats: list | None = None
    overview: np.ndarray | None = None

    @property
    def compact(self) -> bool:
        return isinstance(self.weights, CompactWeights)

    @property
    def title(self) -> str:
        return PART_TITLES.get(self.name, self.name)

    @property
    def layers(self) -> int:
        return int(self.weights.shape[0])

    @property
    def heads(self) -> int:
        return int(self.weights.shape[1])

    @property
    def is_self(self) -> bool:
        return self.name != "cross"


@dataclass
class GenerationStep:
    """One generated token: the query row ``rows - 1`` chose it with probability ``probability``."""

    rows: int  # the decoder/self matrix at this step has this many query rows (and keys, when causal)
    token: str
    token_id: int
    probability: float
    top: list[tuple[str, float]]  # the k most likely tokens at this step, most likely first
    piece: TokenDisplay | None = None  # the chosen token's bytes and completed characters
    top_pieces: list[TokenDisplay] = field(default_factory=list)  # the same for each of ``top``


@dataclass
class AttentionCapture:
    model: str
    architecture: str  # "decoder", "encoder" or "encoder-decoder"
    parts: dict[str, AttentionPart]
    steps: list[GenerationStep] = field(default_factory=list)
    truncated: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    _rollouts: dict = field(default_factory=dict, repr=False)

    @property
    def stored_bytes(self) -> int:
        return sum(p.weights.nbytes for p in self.parts.values())

    @property
    def main_part(self) -> str:
        return "encoder" if "encoder" in self.parts else next(iter(self.parts))

    @property
    def step_part(self) -> str:
        """The part whose query rows grow one per generation step."""
        return "decoder" if "decoder" in self.parts else "self"

    def part(self, name: str) -> AttentionPart:
        if name not in self.parts:
            raise WorkbenchError(translate("core", "This capture has no '{name}' attention.").format(name=name),
                                 translate("core", "Choose one of: {names}.").format(names=", ".join(self.parts)))
        return self.parts[name]
