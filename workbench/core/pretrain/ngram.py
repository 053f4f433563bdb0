"""n-gram language models counted from the user's text: P(w | the previous N-1 tokens), orders 1 to 5.

Counting (numpy, no Python loop over tokens): the n-grams of each order get integer ids level by
level. A k-gram is the pair (id of its first k-1 tokens at level k-1, last token), kept as the key
``parent * V + token``; each level's keys are sorted, so the followers of a context are one
contiguous slice and a lookup is a binary search. Stored per level: ``parent``, ``token``,
``count`` (how often the k-gram occurs) and, below the top order, ``cont`` (how many distinct tokens
precede it: the Kneser-Ney continuation count).

Sequences are padded as NLTK's ``nltk.lm`` pads a sentence on the left: N-1 ``<s>`` before each
sequence; every n-gram of every order inside a padded sequence is counted (NLTK's everygrams). The
training text is cut into the same windows the neural runs train on (``context - 1`` tokens, each
starting after ``<s>``), so the validation windows are scored alike by every architecture.

Smoothing:

- ``kneser-ney`` (interpolated, as in ``nltk.lm.KneserNeyInterpolated``): the top order uses raw
  counts, lower orders continuation counts; ``P(w|h) = max(c(hw) - D, 0) / c(h) + D * T(h) / c(h) *
  P(w|h')``, where ``T(h)`` is the number of distinct followers. The unigram level is discounted as
  well and its freed mass spread uniformly over the vocabulary, so a token never seen still has a
  probability above zero (NLTK gives it 0 and an infinite perplexity). ``D`` per order is
  n1 / (n1 + 2 n2) from the counts of counts (Chen & Goodman), unless a fixed discount is given.
- ``add-k`` (Laplace for k = 1, Lidstone otherwise): ``(c(hw) + k) / (c(h) + k V)`` at the longest
  suffix of the context that occurs in the text (back-off for unseen contexts: a context never seen
  falls back to a shorter one, down to the unigram, instead of the uniform 1/V NLTK gives).

Every probability is positive and every distribution sums to 1 (tested), so a perplexity is always
finite. Qt-free and torch-free; ``ngram_lm.py`` wraps a model as a transformers model for Generate
and Perplexity.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError
from workbench.core.modeltypes import NGRAM as MODEL_TYPE

MAX_ORDER = 5
SMOOTHINGS = ("kneser-ney", "add-k")
COUNTS_FILE = "ngram.safetensors"
ARCHITECTURE = "WorkbenchNGramForCausalLM"


def check_settings(order: int, smoothing: str, k: float, discount: float = 0.0) -> None:
    if not 1 <= order <= MAX_ORDER:
        raise WorkbenchError(translate("core", "The n-gram order must be 1 to {most}, not {order}.").format(
            most=MAX_ORDER, order=order), translate("core", "Choose --order 1 (unigrams) to 5."))
    if smoothing not in SMOOTHINGS:
        raise WorkbenchError(translate("core", "Unknown smoothing '{name}'.").format(name=smoothing),
                             translate("core", "Use kneser-ney or add-k."))
    if smoothing == "add-k" and not k > 0:
        raise WorkbenchError(
            translate("core", "add-k smoothing needs k above 0, not {k}: with k = 0 every n-gram the text lacks has "
                              "probability 0 and the perplexity is infinite.").format(k=k),
            translate("core", "Use --k 1 (Laplace) or a smaller positive value such as 0.5."))
    if not 0 <= discount < 1:
        raise WorkbenchError(translate("core", "The Kneser-Ney discount must be between 0 and 1, not {d}.").format(
            d=discount), translate("core", "Leave it out (estimated from the counts), or give e.g. 0.75."))


@dataclass
class NGramModel:
    order: int
    vocab_size: int
    smoothing: str = "kneser-ney"
    k: float = 1.0
    bos_id: int = 1
    # per level 1..order (index 0 unused): the k-grams sorted by key = parent * V + token
    parent: list = field(default_factory=list)
    token: list = field(default_factory=list)
    count: list = field(default_factory=list)
    cont: list = field(default_factory=list)  # continuation counts, levels below the top
    discounts: list = field(default_factory=list)  # D per level (index 0 unused)

    def __post_init__(self):
        self._derived = False

    # ---- derived tables ------------------------------------------------------------------------
    def _derive(self) -> None:
        """Keys and per-context totals (recomputed after loading, never stored)."""
        if self._derived:
            return
        V = self.vocab_size
        self.keys = [None] + [self.parent[k].astype(np.int64) * V + self.token[k] for k in range(1, self.order + 1)]
        sizes = [1] + [len(self.token[k]) for k in range(1, self.order + 1)]
        self.raw_total, self.raw_types, self.cont_total, self.cont_types = [None], [None], [None], [None]
        for k in range(1, self.order + 1):
            n = sizes[k - 1]
            self.raw_total.append(np.bincount(self.parent[k], weights=self.count[k], minlength=n))
            self.raw_types.append(np.bincount(self.parent[k], minlength=n).astype(np.float64))
            if k < self.order:
                self.cont_total.append(np.bincount(self.parent[k], weights=self.cont[k], minlength=n))
                self.cont_types.append(np.bincount(self.parent[k], weights=self.cont[k] > 0, minlength=n))
            else:
                self.cont_total.append(None)
                self.cont_types.append(None)
        self._derived = True

    @property
    def stored_ngrams(self) -> int:
        return int(sum(len(self.token[k]) for k in range(1, self.order + 1)))

    @property
    def tokens_counted(self) -> int:
        return int(self.count[1].sum()) if self.order >= 1 and len(self.count) > 1 else 0

    def lookup(self, level: int, parents: np.ndarray, tokens: np.ndarray) -> np.ndarray:
        """Index of each (parent, token) k-gram at ``level``, -1 where it was never seen."""
        self._derive()
        keys = self.keys[level]
        query = np.asarray(parents, dtype=np.int64) * self.vocab_size + np.asarray(tokens, dtype=np.int64)
        pos = np.searchsorted(keys, query)
        inside = pos < len(keys)
        found = np.zeros(len(query), dtype=bool)
        found[inside] = keys[pos[inside]] == query[inside]
        found &= np.asarray(parents) >= 0
        return np.where(found, pos, -1)

    def context_ids(self, contexts: np.ndarray) -> np.ndarray:
        """For rows of tokens [P, j], the id of each row's j-gram at level j (-1: never seen)."""
        ids = np.zeros(len(contexts), dtype=np.int64)
        for t in range(contexts.shape[1]):
            ids = self.lookup(t + 1, ids, contexts[:, t])
        return ids

    def _level_stats(self, level: int, top: bool):
        if top:
            return self.count[level], self.raw_total[level], self.raw_types[level]
        return self.cont[level], self.cont_total[level], self.cont_types[level]

    # ---- probabilities --------------------------------------------------------------------------
    def probs(self, contexts: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """P(target | context) for rows of contexts [P, j] (j <= order - 1; the top order is j + 1)."""
        self._derive()
        contexts = np.asarray(contexts, dtype=np.int64).reshape(len(targets), -1)
        targets = np.asarray(targets, dtype=np.int64)
        j_top = contexts.shape[1]
        if self.smoothing == "add-k":
            p = self._addk_unigram()[targets]
            for j in range(1, j_top + 1):
                cid = self.context_ids(contexts[:, j_top - j:])
                safe = np.maximum(cid, 0)
                total = self.raw_total[j + 1][safe]
                seen = (cid >= 0) & (total > 0)
                f = self.lookup(j + 1, cid, targets)
                c = np.where(f >= 0, self.count[j + 1][np.maximum(f, 0)], 0)
                p = np.where(seen, (c + self.k) / (total + self.k * self.vocab_size), p)
            return p
        p = self._kn_unigram(top=j_top == 0)[targets]
        for j in range(1, j_top + 1):
            level = j + 1
            cid = self.context_ids(contexts[:, j_top - j:])
            safe = np.maximum(cid, 0)
            counts, totals, types = self._level_stats(level, top=j == j_top)
            total = totals[safe]
            ok = (cid >= 0) & (total > 0)
            f = self.lookup(level, cid, targets)
            a = np.where(f >= 0, counts[np.maximum(f, 0)], 0)
            d = self.discounts[level]
            with np.errstate(divide="ignore", invalid="ignore"):
                mixed = np.maximum(a - d, 0) / total + d * types[safe] / total * p
            p = np.where(ok, mixed, p)
        return p

    def distribution(self, context: Sequence[int]) -> np.ndarray:
        """P(w | context) for every token w of the vocabulary (context: at most order - 1 tokens)."""
        self._derive()
        context = list(context)[-(self.order - 1):] if self.order > 1 else []
        j_top = len(context)
        if self.smoothing == "add-k":
            p = self._addk_unigram().copy()
        else:
            p = self._kn_unigram(top=j_top == 0).copy()
        for j in range(1, j_top + 1):
            level = j + 1
            cid = int(self.context_ids(np.array([context[j_top - j:]], dtype=np.int64))[0])
            if cid < 0:
                continue
            lo, hi = np.searchsorted(self.parent[level], [cid, cid + 1])
            toks = self.token[level][lo:hi]
            if self.smoothing == "add-k":
                total = self.raw_total[level][cid]
                if total > 0:
                    p = np.full(self.vocab_size, self.k / (total + self.k * self.vocab_size))
                    p[toks] += self.count[level][lo:hi] / (total + self.k * self.vocab_size)
                continue
            counts, totals, types = self._level_stats(level, top=j == j_top)
            total = totals[cid]
            if total <= 0:
                continue
            d = self.discounts[level]
            p = p * (d * types[cid] / total)
            p[toks] += np.maximum(counts[lo:hi] - d, 0) / total
        return p

    def unsmoothed(self, context: Sequence[int]) -> tuple[np.ndarray | None, float]:
        """(c(context w) / c(context) per token, c(context)); None when the context never occurs."""
        self._derive()
        context = list(context)[-(self.order - 1):] if self.order > 1 else []
        level = len(context) + 1
        cid = int(self.context_ids(np.array([context], dtype=np.int64))[0]) if context else 0
        if cid < 0 or self.raw_total[level][cid] <= 0:
            return None, 0.0
        lo, hi = np.searchsorted(self.parent[level], [cid, cid + 1])
        counts = np.zeros(self.vocab_size)
        counts[self.token[level][lo:hi]] = self.count[level][lo:hi]
        total = float(self.raw_total[level][cid])
        return counts / total, total

    def _kn_unigram(self, top: bool) -> np.ndarray:
        cached = getattr(self, "_kn_uni", {})
        if top not in cached:
            counts, totals, types = self._level_stats(1, top=top or self.order == 1)
            p = np.full(self.vocab_size, 1.0 / self.vocab_size)
            total = float(totals[0])
            if total > 0:
                d = self.discounts[1]
                dense = np.zeros(self.vocab_size)
                dense[self.token[1]] = np.maximum(counts - d, 0) / total
                p = dense + d * float(types[0]) / total / self.vocab_size
            cached[top] = p
            self._kn_uni = cached
        return cached[top]

    def _addk_unigram(self) -> np.ndarray:
        if getattr(self, "_addk_uni", None) is None:
            counts = np.zeros(self.vocab_size)
            counts[self.token[1]] = self.count[1]
            self._addk_uni = (counts + self.k) / (counts.sum() + self.k * self.vocab_size)
        return self._addk_uni

    # ---- scoring -------------------------------------------------------------------------------
    def padded_contexts(self, sequence: Sequence[int]) -> np.ndarray:
        """The N-1 tokens before each position of ``sequence``, ``<s>``-padded on the left: [len, N-1]."""
        width = self.order - 1
        seq = np.asarray(list(sequence), dtype=np.int64)
        padded = np.concatenate([np.full(width, self.bos_id, dtype=np.int64), seq])
        if width == 0:
            return np.zeros((len(seq), 0), dtype=np.int64)
        return np.lib.stride_tricks.sliding_window_view(padded, width)[:len(seq)]

    def sequence_logprobs(self, sequence: Sequence[int]) -> np.ndarray:
        """Natural-log probability of each token of ``sequence`` given the tokens before it (padded)."""
        return np.log(self.probs(self.padded_contexts(sequence), np.asarray(list(sequence), dtype=np.int64)))

    def mean_nll(self, sequences: Sequence[Sequence[int]]) -> float:
        """Mean negative log-likelihood per token over ``sequences`` (each padded on its own)."""
        total, n = 0.0, 0
        for seq in sequences:
            if len(seq):
                total -= float(self.sequence_logprobs(seq).sum())
                n += len(seq)
        return total / max(1, n)

    def sample(self, rng: np.random.Generator, max_tokens: int, stop_ids: set[int], temperature: float = 0.8,
               start: Sequence[int] = ()) -> list[int]:
        context = [self.bos_id] * (self.order - 1) + list(start)
        out: list[int] = []
        for _ in range(max_tokens):
            p = self.distribution(context[-(self.order - 1):] if self.order > 1 else [])
            if temperature != 1.0:
                p = np.exp(np.log(p) / temperature)
            p /= p.sum()
            token = int(rng.choice(self.vocab_size, p=p))
            if token in stop_ids:
                break
            out.append(token)
            context.append(token)
        return out


# ---- counting ----------------------------------------------------------------------------------

def count(sequences: Sequence[Sequence[int]], order: int, vocab_size: int, bos_id: int, smoothing: str = "kneser-ney",
          k: float = 1.0, discount: float = 0.0, progress: Callable[[int, int], None] | None = None,
          cancel: CancelToken = NEVER_CANCELLED) -> NGramModel:
    """Count every n-gram of orders 1..``order`` of the ``<s>``-padded ``sequences`` (lists of token ids)."""
    check_settings(order, smoothing, k, discount)
    progress = progress or (lambda done, total: None)
    pad = order - 1
    pieces, ends, end = [], [], 0
    for seq in sequences:
        arr = np.asarray(list(seq), dtype=np.int64)
        if not len(arr):
            continue
        pieces += [np.full(pad, bos_id, dtype=np.int64), arr]
        end += pad + len(arr)
        ends.append(np.full(pad + len(arr), end, dtype=np.int64))
    if not pieces:
        raise WorkbenchError(translate("core", "There is no text to count n-grams in."),
                             translate("core", "Give a text with some words in it."))
    tokens = np.concatenate(pieces)
    seq_end = np.concatenate(ends)
    if int(tokens.max()) >= vocab_size:
        raise ValueError("token id outside the vocabulary")
    positions = np.arange(len(tokens), dtype=np.int64)
    model = NGramModel(order, vocab_size, smoothing, k, bos_id, parent=[None], token=[None], count=[None],
                       cont=[None], discounts=[0.0])
    gid_prev = np.zeros(len(tokens), dtype=np.int64)  # level 0: the empty context, id 0 everywhere
    for level in range(1, order + 1):
        cancel.raise_if_cancelled()
        progress(level - 1, order)
        valid = np.nonzero(positions + level <= seq_end)[0]
        keys = gid_prev[valid] * vocab_size + tokens[valid + level - 1]
        uniq, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
        model.parent.append((uniq // vocab_size).astype(np.int64))
        model.token.append((uniq % vocab_size).astype(np.int32))
        model.count.append(counts.astype(np.int64))
        if level >= 2:  # continuation counts of level - 1: distinct k-grams whose suffix is that (k-1)-gram
            suffix = gid_prev[valid[first] + 1]
            model.cont.append(np.bincount(suffix, minlength=len(model.token[level - 1])).astype(np.int64))
        gid = np.full(len(tokens), -1, dtype=np.int64)
        gid[valid] = inverse.reshape(-1)
        gid_prev = gid
    model.cont.append(None)  # the top order has no continuation counts
    for level in range(1, order + 1):
        values = model.count[level] if level == order else model.cont[level]
        model.discounts.append(discount or estimate_discount(values))
    progress(order, order)
    return model


def estimate_discount(counts: np.ndarray) -> float:
    """Chen & Goodman's D = n1 / (n1 + 2 n2), from how many n-grams occur once and twice."""
    n1, n2 = int((counts == 1).sum()), int((counts == 2).sum())
    if n1 == 0 or n1 + 2 * n2 == 0:
        return 0.5
    return float(min(0.95, max(0.05, n1 / (n1 + 2 * n2))))


# ---- saving ------------------------------------------------------------------------------------

def save(model: NGramModel, folder: Path) -> None:
    """``ngram.safetensors`` (the count arrays) and ``config.json`` (model_type ``workbench-ngram``)."""
    from safetensors.numpy import save_file

    tensors = {}
    for level in range(1, model.order + 1):
        tensors[f"parent.{level}"] = np.ascontiguousarray(model.parent[level])
        tensors[f"token.{level}"] = np.ascontiguousarray(model.token[level])
        tensors[f"count.{level}"] = np.ascontiguousarray(model.count[level])
        if level < model.order:
            tensors[f"cont.{level}"] = np.ascontiguousarray(model.cont[level])
    save_file(tensors, str(folder / COUNTS_FILE))


def load(folder: Path, config: dict) -> NGramModel:
    from safetensors.numpy import load_file

    tensors = load_file(str(Path(folder) / COUNTS_FILE))
    order = int(config["order"])
    model = NGramModel(order, int(config["vocab_size"]), config.get("smoothing", "kneser-ney"),
                       float(config.get("k", 1.0)), int(config.get("bos_token_id", 1)),
                       parent=[None], token=[None], count=[None], cont=[None],
                       discounts=[0.0] + [float(d) for d in config["discounts"]])
    for level in range(1, order + 1):
        model.parent.append(tensors[f"parent.{level}"])
        model.token.append(tensors[f"token.{level}"])
        model.count.append(tensors[f"count.{level}"])
        model.cont.append(tensors.get(f"cont.{level}"))
    return model


def config_dict(model: NGramModel, special_ids: dict[str, int]) -> dict:
    return {"model_type": MODEL_TYPE, "architectures": [ARCHITECTURE], "order": model.order,
            "smoothing": model.smoothing, "k": model.k, "discounts": [float(d) for d in model.discounts[1:]],
            "vocab_size": model.vocab_size, "stored_ngrams": model.stored_ngrams, **special_ids}


# ---- the browsable table -----------------------------------------------------------------------

@dataclass
class Continuation:
    id: int
    text: str
    count: int  # c(context w) in the text
    unsmoothed: float | None  # c(context w) / c(context); None when the context never occurs
    smoothed: float  # the model's P(w | context)


@dataclass
class ContinuationTable:
    context: list[str]  # the context tokens used (at most order - 1)
    context_count: int  # c(context): how often it occurs, followed by anything
    order_used: int  # len(context) + 1
    smoothing: str
    rows: list[Continuation]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"context": self.context, "context_count": self.context_count, "order_used": self.order_used,
                "smoothing": self.smoothing, "notes": self.notes,
                "rows": [vars(r) for r in self.rows]}


def continuations(model: NGramModel, tokenizer, context_text: str, top: int = 20) -> ContinuationTable:
    """The top continuations of ``context_text`` (its last order-1 tokens): counts, unsmoothed and smoothed P."""
    from workbench.core.pretrain.tokenizer import encode_text
    from workbench.core.tokens import display_tokens

    def token_labels(ids: list[int]) -> list[str]:
        return [display_tokens(tokenizer, [i])[0].label for i in ids]

    ids = encode_text(tokenizer, context_text) if context_text else []
    context = ids[-(model.order - 1):] if model.order > 1 else []
    smoothed = model.distribution(context)
    mle, total = model.unsmoothed(context)
    notes = []
    if len(ids) > len(context):
        notes.append(translate("core", "An order-{order} model reads only the last {n} tokens of the context.").format(
            order=model.order, n=model.order - 1))
    if mle is None:
        notes.append(translate("core", "This context never occurs in the text: without smoothing every continuation "
                                       "has probability 0/0; the smoothed model backs off to shorter contexts."))
    order = np.argsort(-smoothed, kind="stable")[:top]
    labels = token_labels([int(i) for i in order])
    counts = mle * total if mle is not None else np.zeros(model.vocab_size)
    rows = [Continuation(int(i), label, int(round(counts[i])), None if mle is None else float(mle[i]),
                         float(smoothed[i])) for i, label in zip(order, labels)]
    return ContinuationTable(token_labels(context) if context else [], int(total),
                             len(context) + 1, model.smoothing, rows, notes)


def load_table_model(path: str | Path):
    """(NGramModel, tokenizer) of an n-gram model folder in the library (for the browsable table)."""
    import transformers

    folder = Path(path)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(
            path=folder / "config.json", error=exc), translate("core", "Choose an n-gram model.")) from exc
    if config.get("model_type") != MODEL_TYPE:
        raise WorkbenchError(translate("core", "{name} is not an n-gram model.").format(name=folder.name),
                             translate("core", "Choose a model trained with the n-gram architecture."))
    return load(folder, config), transformers.AutoTokenizer.from_pretrained(str(folder))


def perplexity_of(nll: float) -> float:
    return float(math.exp(min(nll, 50.0)))

