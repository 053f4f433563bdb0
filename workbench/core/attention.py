"""Capture, store and aggregate attention weights.

Capture runs the model once on eager attention (the only path on which transformers computes the
weights) with a forward hook on every attention module. Each hook copies its layer's weights into
one preallocated float16 array and lets the float32 tensor go, so a 30-layer model at 2048 tokens
never holds all layers in float32 at once. The hooks sit where transformers' own ``output_attentions``
recorders would (the model's ``_can_record_outputs``), so the weights are exactly the ones
``output_attentions=True`` returns.

Views are plain numpy: one head, mean/max over heads, mean over layers, attention rollout (Abnar and
Zuidema 2020), an explicit special-token policy (keep, or exclude and renormalise each row) and word
merging (sum over key pieces, mean over query pieces).
"""

from __future__ import annotations

import math
import time
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.tokens import TokenDisplay, TokenStream, display_tokens

PART_TITLES = {
    "self": QT_TRANSLATE_NOOP("core", "Self-attention"),
    "encoder": QT_TRANSLATE_NOOP("core", "Encoder self-attention"),
    "decoder": QT_TRANSLATE_NOOP("core", "Decoder self-attention"),
    "cross": QT_TRANSLATE_NOOP("core", "Cross-attention (decoder → encoder)"),
}
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
DEFAULT_DECODER_TOKENS = 20  # generated for an encoder-decoder when no target text is given
POLICIES = {
    "keep": QT_TRANSLATE_NOOP("core", "Keep all tokens"),
    "exclude-special": QT_TRANSLATE_NOOP("core", "Exclude special tokens, renormalise rows"),
    "exclude-special-first": QT_TRANSLATE_NOOP("core", "Exclude special tokens and the first token, renormalise rows"),
}


# ---- data ----------------------------------------------------------------------------------------
@dataclass
class Tokens:
    """The tokens along one axis: readable labels, ids, which are special, and their words."""

    labels: list[str]
    ids: list[int]
    special: list[bool]
    word_ids: list[int]  # word index of each token; contiguous runs
    word_labels: list[str]
    pieces: list[TokenDisplay] = field(default_factory=list)  # bytes and completed characters per token

    def __len__(self) -> int:
        return len(self.labels)

    def sliced(self, n: int) -> "Tokens":
        word_ids = self.word_ids[:n]
        words = (word_ids[-1] + 1) if word_ids else 0
        return Tokens(self.labels[:n], self.ids[:n], self.special[:n], word_ids, self.word_labels[:words],
                      self.pieces[:n])


# Above this many bytes of float16 weights a capture is stored compact (8 bits a weight, causal
# matrices without their empty upper half): 4096 tokens on a 30x9 model take 2.3 GB instead of 9 GB.
DENSE_LIMIT_BYTES = 1 << 30


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


@dataclass
class HeadStats:
    layer: int
    head: int
    entropy: float  # bits, mean over query rows
    sink: float  # mean attention to the first token
    previous: float  # mean attention to the previous token (self-attention only; nan for cross)
    diagonal: float  # mean attention to itself (self-attention only; nan for cross)


# ---- token labels and words ---------------------------------------------------------------------
_VISIBLE_SPACE = {" ": "␣", "\n": "⏎", "\t": "⇥", "\r": "␍"}


def _visible(raw: str) -> str:
    stripped = raw.strip()
    if stripped:
        return stripped
    return "".join(_VISIBLE_SPACE.get(c, c) for c in raw) or "∅"


def _is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or "HIRAGANA" in unicodedata.name(char, "") \
        or "KATAKANA" in unicodedata.name(char, "") or "HANGUL" in unicodedata.name(char, "")


def _is_punctuation(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("P") for c in text)


def _piece_label(piece: TokenDisplay) -> str:
    """An axis label: the characters the token completes, or a byte marker for part of a character."""
    return piece.label if piece.partial else _visible(piece.label)


def _same_text(a: str, b: str) -> bool:
    """Equal up to case and accents (a lower-casing tokenizer's piece against the typed text)."""
    def fold(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.strip()) if not unicodedata.combining(c)).casefold()
    return fold(a) == fold(b)


def make_tokens(tokenizer, ids: list[int], texts: list[str] | None = None,
                offsets: list[tuple[int, int]] | None = None, sequence_ids: list[int | None] | None = None,
                context: list[int] | None = None) -> Tokens:
    """Readable labels and word groups for ``ids``.

    A label shows the characters a token completes (``core.tokens``): a token carrying only part of
    a character (byte-level BPE, byte fallback) shows its bytes as ``‹e5 8f›`` and the character
    appears on the token that completes it. With ``offsets`` (fast tokenizers) a label keeps the
    typed text's case and accents, and words follow the input text. A word starts after whitespace,
    at every CJK character and at punctuation; pieces of one character stay in one word.
    """
    special_ids = set(getattr(tokenizer, "all_special_ids", []) or [])
    specials = [i in special_ids for i in ids]
    pieces = display_tokens(tokenizer, ids, prefix_ids=context or ())
    if any(p.raw.decode("utf-8", "replace") != p.display for p in pieces if not p.special):
        # Characters split across tokens: their offsets overlap, so words follow the decoded bytes instead.
        offsets = None
    raws: list[str] = []
    starts: list[bool] = []
    continuation: list[bool] = []  # shares its text with the previous token (offsets overlap)
    if offsets is not None and texts:
        prev_end, prev_seq = -1, None
        for k, (start, end) in enumerate(offsets):
            seq = sequence_ids[k] if sequence_ids else 0
            text = texts[seq or 0] if seq is not None else ""
            if specials[k] or seq is None or end <= start:
                raws.append("")
                starts.append(True)
                continuation.append(False)
                prev_end, prev_seq = -1, None
                continue
            raw = text[start:end]
            overlaps = seq == prev_seq and start < prev_end
            space_before = start > 0 and text[start - 1].isspace()
            starts.append(not overlaps and (space_before or raw[:1].isspace() or seq != prev_seq))
            continuation.append(overlaps)
            raws.append(raw)
            prev_end, prev_seq = end, seq
    else:
        raws = ["" if p.partial else p.label for p in pieces]  # labels: invalid bytes as markers, never �
        for k, raw in enumerate(raws):
            glued = k > 0 and pieces[k - 1].partial
            starts.append(not glued and (k == 0 or raw[:1].isspace() or specials[k]))
            continuation.append(False)

    labels: list[str] = []
    word_ids: list[int] = []
    word_labels: list[str] = []
    word_raw: list[str] = []
    for k, token_id in enumerate(ids):
        if specials[k] or (not raws[k] and offsets is not None and not pieces[k].partial):
            label = tokenizer.convert_ids_to_tokens(token_id)  # special, or a piece with no text of its own
            labels.append(str(label))
            word_labels.append(str(label))
            word_raw.append("")
            word_ids.append(len(word_labels) - 1)
            continue
        raw = raws[k]
        piece = pieces[k]
        if offsets is not None and not piece.partial and _same_text(raw, piece.display):
            label = _visible(raw)  # the typed text, in its own case
        else:
            label = _piece_label(piece)
        labels.append(label)
        # a piece that only starts a character is grouped by the character it starts
        ahead = next((p.display for p in pieces[k:] if not p.partial), "") if piece.partial and offsets is None \
            else raw
        core = ahead.strip()
        previous = word_raw[-1] if word_raw else ""
        glued = k > 0 and pieces[k - 1].partial and not specials[k - 1]  # finishes a character begun before
        after_lone_space = bool(previous) and not previous.strip()  # a space piece joins the word after it
        new_word = not glued and not after_lone_space and (
            not word_labels or starts[k] or not previous or specials[k - 1]
            or (not continuation[k] and ((core[:1] and _is_cjk(core[0])) or _is_cjk(previous[-1])))
            or (not continuation[k] and (_is_punctuation(core) or _is_punctuation(previous.strip()))))
        if new_word:
            word_raw.append(raw)
            word_labels.append(_visible(raw) if raw else label)
        else:
            if not continuation[k]:
                word_raw[-1] += raw
            word_labels[-1] = _visible(word_raw[-1]) if word_raw[-1] else label
        word_ids.append(len(word_labels) - 1)
    return Tokens(labels, list(ids), specials, word_ids, word_labels, pieces)


# ---- capture -------------------------------------------------------------------------------------
class _Recorder:
    """Forward hooks that copy each attention module's weights into float16 arrays, layer by layer."""

    def __init__(self, causal_parts: tuple[str, ...] = (), self_parts: tuple[str, ...] = ("self", "encoder", "decoder")) -> None:
        self.specs: list[tuple[object, str, int]] = []  # (module, part, index in the output tuple)
        self.causal_parts = causal_parts
        self.self_parts = self_parts
        self.arrays: dict[str, np.ndarray] = {}
        self.stats: dict[str, list] = {}
        self.overview: dict[str, list] = {}
        self.filled: dict[str, int] = {}
        self._handles: list = []

    def find_modules(self, model, architecture: str) -> None:
        """Walk the model the way transformers places its ``output_attentions`` recorders."""
        from transformers.modeling_utils import PreTrainedModel
        from transformers.utils.output_capturing import _CAN_RECORD_REGISTRY, OutputRecorder

        def tasks_of(submodel) -> list:
            tasks = []
            for key, specs in _CAN_RECORD_REGISTRY.get(submodel).items():
                if key not in ("attentions", "cross_attentions"):
                    continue
                for spec in specs if isinstance(specs, list) else [specs]:
                    if not isinstance(spec, OutputRecorder):
                        spec = OutputRecorder(target_class=None if isinstance(spec, str) else spec, index=1,
                                              class_name=spec if isinstance(spec, str) else None)
                    tasks.append((key, spec))
            return tasks

        def part_name(key: str, prefix: str) -> str:
            if key == "cross_attentions":
                return "cross"
            if architecture == "encoder-decoder":
                return "decoder" if "decoder" in prefix else "encoder"
            return "self"

        def walk(module, name: str, tasks: list, prefix: str) -> None:
            for child_name, child in module.named_children():
                if isinstance(child, PreTrainedModel):
                    walk(child, f"{name}.{child_name}", tasks_of(child), f"{name}.{child_name}")
                else:
                    walk(child, f"{name}.{child_name}", tasks, prefix)
            for key, spec in tasks:
                matches = (spec.target_class is not None and isinstance(module, spec.target_class)) or (
                    spec.class_name is not None and name.endswith(spec.class_name))
                if not matches:
                    continue
                if spec.layer_name is not None and f".{spec.layer_name.strip('.')}." not in name + ".":
                    continue
                self.specs.append((module, part_name(key, prefix), spec.index))

        walk(model, "", tasks_of(model), "")

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for _, part, _ in self.specs:
            counted[part] = counted.get(part, 0) + 1
        return counted

    def __enter__(self) -> "_Recorder":
        import torch

        layers = self.counts()

        def make_hook(part: str, index: int):
            def hook(_module, _args, output):
                weights = output[index] if isinstance(output, tuple) else output
                if weights is None or weights.dim() != 4:
                    return
                layer = self.filled.get(part, 0)
                if part not in self.arrays:
                    _, heads, queries, keys = weights.shape
                    if layers[part] * heads * queries * keys * 2 > DENSE_LIMIT_BYTES:
                        self.arrays[part] = CompactWeights(layers[part], heads, queries, keys,
                                                           causal=part in self.causal_parts)
                    else:
                        self.arrays[part] = np.empty((layers[part], heads, queries, keys), dtype=np.float16)
                store = self.arrays[part]
                if layer < layers[part] and isinstance(store, CompactWeights):
                    exact = weights[0].detach().float().cpu()
                    store.set_layer(layer, exact)
                    self.stats.setdefault(part, []).extend(
                        _layer_statistics(layer, exact, part in self.self_parts))
                    self.overview.setdefault(part, []).append(_layer_thumbnails(exact).numpy())
                elif layer < layers[part]:  # one multithreaded cast-and-copy into the float16 store
                    torch.from_numpy(store[layer]).copy_(weights[0].detach())
                self.filled[part] = layer + 1
            return hook

        self._handles = [module.register_forward_hook(make_hook(part, index)) for module, part, index in self.specs]
        return self

    def __exit__(self, *exc) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []

    def result(self) -> dict[str, np.ndarray]:
        return {part: array if isinstance(array, CompactWeights) else array[: self.filled.get(part, 0)]
                for part, array in self.arrays.items() if self.filled.get(part, 0) > 0}


def architecture_of(handle) -> str:
    if getattr(handle.config, "is_encoder_decoder", False):
        return "encoder-decoder"
    return "decoder" if handle.kind == "causal-lm" else "encoder"


def estimate_capture_bytes(handle, queries: int, keys: int | None = None) -> int:
    cfg = handle.config
    layers = getattr(cfg, "num_hidden_layers", None) or getattr(cfg, "n_layer", None) or 12
    heads = getattr(cfg, "num_attention_heads", None) or getattr(cfg, "n_head", None) or 12
    dense = int(layers) * int(heads) * queries * (keys or queries) * 2
    return dense if dense <= DENSE_LIMIT_BYTES else dense // 2  # compact: 8 bits a weight


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


def _forward_with_hooks(model, architecture: str, inputs: dict, extras: dict | None = None) -> dict[str, np.ndarray]:
    """Run the model once, recording attention layer by layer; falls back to ``output_attentions``.

    ``extras`` receives ``{part: (stats, overview)}`` for parts stored compact."""
    import torch

    causal = ("self",) if architecture == "decoder" else ("decoder",) if architecture == "encoder-decoder" else ()
    recorder = _Recorder(causal_parts=causal)
    recorder.find_modules(model, architecture)
    with torch.inference_mode():
        if recorder.specs:
            with recorder:  # the base model only: the heads (an LM head is a large matmul) add nothing here
                model.base_model(**inputs, **({} if architecture == "encoder" else {"use_cache": False}))
            captured = recorder.result()
            if captured:
                if extras is not None:
                    extras.update({part: (recorder.stats[part], np.stack(recorder.overview[part]))
                                   for part in recorder.stats})
                return captured
        outputs = model(**inputs, output_attentions=True, **({} if architecture == "encoder" else {"use_cache": False}))
    names = {"attentions": "self", "encoder_attentions": "encoder", "decoder_attentions": "decoder",
             "cross_attentions": "cross"}
    captured = {}
    for key, part in names.items():
        layers = getattr(outputs, key, None)
        if layers and all(layer is not None for layer in layers):
            captured[part] = np.stack([layer[0].float().cpu().numpy().astype(np.float16) for layer in layers])
    if not captured:
        raise WorkbenchError(
            translate("core", "{arch} does not return attention weights.").format(arch=type(model).__name__),
            translate("core", "Attention cannot be captured for this architecture; try another model."))
    return captured


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
    from workbench.core.pretrain import no_attention_reason

    if reason := no_attention_reason(handle.model.config):  # an LSTM/GRU trained from scratch
        raise WorkbenchError(*reason)
    if service is not None:
        with service.use(handle, attention=True):
            return _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress)
    return _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress)


def _capture(handle, text, pair, target, generate, top_k, add_special_tokens, cancel, progress) -> AttentionCapture:
    import torch

    if getattr(handle.model.config, "_attn_implementation", "eager") != "eager":
        raise WorkbenchError(
            translate("core", "{name} is not running eager attention, so its weights are not computed.").format(
                name=handle.name),
            translate("core", "Capture attention through the model service (it switches to eager attention)."))
    started = time.perf_counter()
    tokenizer, model = handle.tokenizer, handle.model
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
    device = handle.device
    texts = [text] + ([pair] if pair and architecture == "encoder" else [])
    source_tokens = make_tokens(tokenizer, encoded["ids"], texts, encoded["offsets"], encoded["sequence_ids"])
    input_ids = torch.tensor([encoded["ids"]], device=device)
    steps: list[GenerationStep] = []
    cancel.raise_if_cancelled()

    if architecture == "decoder":
        prompt_length = len(encoded["ids"])
        all_ids = encoded["ids"]
        if generate:
            new_ids, steps = _generate(model, tokenizer, {"input_ids": input_ids}, generate, top_k,
                                       prompt_length, cancel, progress)
            all_ids = encoded["ids"] + new_ids
        _check_memory(handle, len(all_ids))
        progress(Progress(1, 3, translate("core", "Capturing attention over {n} tokens").format(n=len(all_ids))))
        extras: dict = {}
        captured = _forward_with_hooks(model, architecture, {"input_ids": torch.tensor([all_ids], device=device)},
                                       extras)
        tokens = source_tokens
        if len(all_ids) > prompt_length:
            generated = make_tokens(tokenizer, all_ids[prompt_length:], context=all_ids[:prompt_length])
            tokens = _concat_tokens(source_tokens, generated)
        stats, overview = extras.get("self", (None, None))
        parts = {"self": AttentionPart("self", captured["self"], tokens, tokens, causal=True, stats=stats,
                                       overview=overview)}
    elif architecture == "encoder":
        _check_memory(handle, len(encoded["ids"]))
        progress(Progress(1, 3, translate("core", "Capturing attention over {n} tokens").format(n=len(encoded['ids']))))
        inputs = {"input_ids": input_ids}
        if "token_type_ids" in encoded and "token_type_ids" in getattr(tokenizer, "model_input_names", []):
            inputs["token_type_ids"] = torch.tensor([encoded["token_type_ids"]], device=device)
        extras = {}
        captured = _forward_with_hooks(model, architecture, inputs, extras)
        stats, overview = extras.get("self", (None, None))
        parts = {"self": AttentionPart("self", captured["self"], source_tokens, source_tokens, stats=stats,
                                       overview=overview)}
    else:
        start_id = getattr(model.config, "decoder_start_token_id", None)
        if start_id is None:
            start_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        if target and target.strip():
            target_encoded = tokenizer(text_target=target, add_special_tokens=add_special_tokens)
            decoder_ids = [start_id] + list(target_encoded["input_ids"])
            dec_room = getattr(model.config, "max_position_embeddings", None) or limit
            if dec_room and len(decoder_ids) > dec_room:
                cut = len(decoder_ids) - dec_room
                decoder_ids = decoder_ids[:dec_room]
                warnings.append(translate("core", "The target has more tokens than the model reads: the last {cut} "
                                                  "were cut.").format(cut=cut))
                truncated += cut
        else:
            count = generate or DEFAULT_DECODER_TOKENS
            new_ids, steps = _generate(model, tokenizer, {"input_ids": input_ids}, count, top_k,
                                       1, cancel, progress, decoder_start=start_id)
            decoder_ids = [start_id] + new_ids
            warnings.append(translate("core", "No target text was given, so the decoder's text was generated ({n} "
                                              "tokens, greedy).").format(n=len(new_ids)))
        _check_memory(handle, len(encoded["ids"]) + len(decoder_ids))
        progress(Progress(1, 3, translate("core", "Capturing encoder, decoder and cross-attention")))
        captured = _forward_with_hooks(model, architecture, {
            "input_ids": input_ids, "decoder_input_ids": torch.tensor([decoder_ids], device=device)})
        decoder_tokens = make_tokens(tokenizer, decoder_ids)
        parts = {
            "encoder": AttentionPart("encoder", captured["encoder"], source_tokens, source_tokens),
            "decoder": AttentionPart("decoder", captured["decoder"], decoder_tokens, decoder_tokens, causal=True),
            "cross": AttentionPart("cross", captured["cross"], decoder_tokens, source_tokens),
        }
    progress(Progress(3, 3, translate("core", "Captured")))
    return AttentionCapture(model=handle.name, architecture=architecture, parts=parts, steps=steps,
                            truncated=truncated, warnings=warnings, seconds=time.perf_counter() - started)


def _concat_tokens(first: Tokens, second: Tokens) -> Tokens:
    offset = len(first.word_labels)
    return Tokens(first.labels + second.labels, first.ids + second.ids, first.special + second.special,
                  first.word_ids + [w + offset for w in second.word_ids], first.word_labels + second.word_labels,
                  first.pieces + second.pieces)


def _generate(model, tokenizer, inputs: dict, count: int, top_k: int, rows_before: int, cancel: CancelToken,
              progress: ProgressCallback, decoder_start: int | None = None) -> tuple[list[int], list[GenerationStep]]:
    """Greedy decoding with a KV cache, one token per step, recording each step's top-k."""
    import torch

    eos = getattr(tokenizer, "eos_token_id", None)
    new_ids: list[int] = []
    steps: list[GenerationStep] = []
    # a generated character may start in the prompt's last token (decoders continue the prompt)
    stream = TokenStream(tokenizer, prefix_ids=inputs["input_ids"][0].tolist() if decoder_start is None
                         else [decoder_start])
    with torch.inference_mode():
        if decoder_start is None:
            out = model(**inputs, use_cache=True)
        else:
            encoder_outputs = model.get_encoder()(**inputs)
            decoder_ids = torch.tensor([[decoder_start]], device=inputs["input_ids"].device)
            out = model(encoder_outputs=encoder_outputs, decoder_input_ids=decoder_ids, use_cache=True)
        for step in range(count):
            cancel.raise_if_cancelled()
            probs = torch.softmax(out.logits[0, -1].float(), dim=-1)
            values, indices = probs.topk(min(top_k, probs.shape[-1]))
            chosen = int(indices[0])
            pieces = stream.peek_many(int(i) for i in indices)
            top = [(_piece_label(p), float(v)) for p, v in zip(pieces, values)]
            piece = stream.push(chosen)
            steps.append(GenerationStep(rows=rows_before + step, token=_piece_label(piece), token_id=chosen,
                                        probability=float(values[0]), top=top, piece=piece, top_pieces=pieces))
            new_ids.append(chosen)
            progress(Progress(step + 1, count, translate("core", "Generated {step} of {count} tokens").format(
                step=step + 1, count=count), "tokens"))
            if eos is not None and chosen == eos:
                break
            next_ids = torch.tensor([[chosen]], device=inputs["input_ids"].device)
            if decoder_start is None:
                out = model(input_ids=next_ids, past_key_values=out.past_key_values, use_cache=True)
            else:
                out = model(encoder_outputs=encoder_outputs, decoder_input_ids=next_ids,
                            past_key_values=out.past_key_values, use_cache=True)
    return new_ids, steps


# ---- aggregation ---------------------------------------------------------------------------------
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


def merge_words(matrix: np.ndarray, query_word_ids: list[int], key_word_ids: list[int]) -> np.ndarray:
    """Merge pieces into words: sum over the key pieces of a word, mean over its query pieces."""
    def starts(word_ids: list[int]) -> np.ndarray:
        ids = np.asarray(word_ids)
        return np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])

    q_starts, k_starts = starts(query_word_ids), starts(key_word_ids)
    summed = np.add.reduceat(matrix, k_starts, axis=1)
    counts = np.diff(np.r_[q_starts, len(query_word_ids)]).astype(np.float32)
    return np.add.reduceat(summed, q_starts, axis=0) / counts[:, None]


def _keep_mask(tokens: Tokens, policy: str) -> np.ndarray:
    keep = ~np.asarray(tokens.special, dtype=bool)
    if policy == "exclude-special-first" and len(keep):
        keep[0] = False
    return keep


def _word_ids_kept(word_ids: list[int], keep: np.ndarray) -> list[int]:
    return [w for w, k in zip(word_ids, keep) if k]


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
        query_words, key_words = _word_ids_kept(query.word_ids, keep_q), _word_ids_kept(key.word_ids, keep_k)
        query_pieces = [p for p, k in zip(query_pieces, keep_q) if k]
        key_pieces = [p for p, k in zip(key_pieces, keep_k) if k]
        note = translate("core", POLICY_NOTES[policy])
    if words:
        matrix = merge_words(matrix, query_words, key_words)
        query_labels = [query.word_labels[w] for w in dict.fromkeys(query_words)]
        key_labels = [key.word_labels[w] for w in dict.fromkeys(key_words)]
        note = (note + " · " if note else "") + "words: keys summed, queries averaged"
        return AttentionView(matrix, query_labels, key_labels, title, note, _grouped(query_pieces, query_words),
                             _grouped(key_pieces, key_words))
    return AttentionView(matrix, query_labels, key_labels, title, note, [[p] for p in query_pieces],
                         [[p] for p in key_pieces])


def _grouped(pieces: list[TokenDisplay], word_ids: list[int]) -> list[list[TokenDisplay]]:
    """The pieces of each merged word, in order."""
    groups: dict[int, list[TokenDisplay]] = {}
    for piece, word in zip(pieces, word_ids):
        groups.setdefault(word, []).append(piece)
    return list(groups.values()) if len(pieces) == len(word_ids) else []


def difference(first: AttentionView, second: AttentionView) -> AttentionView:
    """``second - first`` when both show the same tokens; otherwise a clear error."""
    if first.query_labels != second.query_labels or first.key_labels != second.key_labels:
        raise WorkbenchError(
            translate("core", "The two inputs have different tokens, so a difference map has no meaning."),
            translate("core", "Compare inputs that tokenize the same (or models that share a tokenizer)."))
    return AttentionView(second.matrix - first.matrix, first.query_labels, first.key_labels,
                         translate("core", "Difference (B − A): {title}").format(title=second.title), first.note,
                         first.query_pieces, first.key_pieces)


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
        stats.extend(_layer_statistics(layer, weights, part.is_self))
    return stats


def _layer_statistics(layer: int, weights, is_self: bool) -> list[HeadStats]:
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
        pictures.append(_layer_thumbnails(weights, size).numpy())
    return np.stack(pictures)


THUMBNAIL_SIZE = 48


def _layer_thumbnails(weights, size: int = THUMBNAIL_SIZE):
    import torch

    _, queries, keys = weights.shape
    pooled = torch.nn.functional.adaptive_max_pool2d(weights[None], (min(size, queries), min(size, keys)))[0]
    top = pooled.amax(dim=(1, 2), keepdim=True)
    return torch.where(top > 0, pooled / top.clamp_min(1e-12), 0.0)


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


# ---- files ---------------------------------------------------------------------------------------
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
