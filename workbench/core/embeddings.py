"""Embeddings: word vectors from a model's input embedding matrix, sentence vectors with the model's
own pooling, 2D maps (scikit-learn PCA / t-SNE, k-means), and how one word's contextual vector
changes through the layers.

Words: a word is tokenized the way it appears in running text (with a leading space) unless that
takes more pieces than without; a word of several pieces is the mean of their rows. Neighbours are
by cosine over ``model.get_input_embeddings().weight`` (tokenizer rows only; the inputs' own pieces
left out).

Sentences: a sentence-transformers folder declares its pooling (``modules.json``,
``1_Pooling/config.json``, a ``Normalize`` module); otherwise the caller chooses mean, CLS, last
token or max, and the result says which was used. Texts are tokenized once, run longest first in
batches, and every layer checks the cancel token, so Stop takes effect within one layer.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

POOLINGS = ("auto", "mean", "cls", "last", "max")
PROJECTIONS = ("pca", "tsne")
BATCH_SIZE = 32
TSNE_PCA_DIMS = 50  # t-SNE runs on the first 50 principal components (scikit-learn's own advice)
MAX_CLUSTERS = 50


# ---- tokens --------------------------------------------------------------------------------------
def token_labels(tokenizer, ids: list[int], together: bool = True) -> list[str]:
    """What to show for each token: the shared token display (characters completed, byte markers for
    partial pieces), with a visible ␣ for a leading space. ``together``: the ids are one sequence (a
    word's pieces); otherwise each stands alone (vocabulary neighbours)."""
    from workbench.core.tokens import display_tokens

    pieces = display_tokens(tokenizer, ids) if together else [display_tokens(tokenizer, [i])[0] for i in ids]
    return ["␣" + p.label[1:] if p.label.startswith(" ") and p.label.strip() else p.label for p in pieces]


def _token_text(tokenizer, token_id: int) -> str:
    return tokenizer.decode([token_id], skip_special_tokens=False, clean_up_tokenization_spaces=False)


# ---- words ---------------------------------------------------------------------------------------
@dataclass
class WordVector:
    word: str
    form: str  # the string tokenized: the word with or without a leading space
    ids: list[int]
    pieces: list[str]  # display labels of the pieces
    vector: np.ndarray  # float32 (d,): the row, or the mean of the pieces' rows

    @property
    def note(self) -> str:
        if len(self.ids) == 1:
            return ""
        return translate("core", "'{word}' is {n} pieces ({pieces}); its vector is their mean.").format(
            word=self.word, n=len(self.ids), pieces=" · ".join(self.pieces))


@dataclass
class Neighbour:
    token: str  # the token's exact text
    id: int
    score: float  # cosine similarity
    label: str = ""  # what to show

    def to_json(self) -> dict:
        return {"token": self.token, "id": self.id, "score": self.score}


@dataclass
class NeighbourResult:
    query: str  # "king" or "king - man + woman"
    words: list[WordVector]
    neighbours: list[Neighbour]

    @property
    def notes(self) -> list[str]:
        return [w.note for w in self.words if w.note]


@dataclass
class WordMatrix:
    words: list[WordVector]
    matrix: np.ndarray  # (n, n) cosine similarities


def embedding_weight(handle):
    """The input embedding matrix (vocab × dim) as a torch tensor, or a clear error."""
    model = handle.model
    try:
        module = model.get_input_embeddings()
    except (NotImplementedError, AttributeError):
        module = None
    weight = getattr(module, "weight", None)
    if weight is None or getattr(weight, "dim", lambda: 0)() != 2:
        raise WorkbenchError(translate("core", "{name} has no input embedding matrix.").format(name=handle.name),
                             translate("core", "Choose a text model with a vocabulary (a transformer language model "
                                               "or encoder)."))
    return weight


def vocabulary_size(handle) -> int:
    """Rows that belong to real tokens: matrices are often padded beyond the tokenizer's vocabulary."""
    rows = int(embedding_weight(handle).shape[0])
    return min(rows, len(handle.tokenizer))


def word_vector(handle, word: str) -> WordVector:
    tokenizer = handle.tokenizer
    word = word.strip()
    if not word:
        raise WorkbenchError(translate("core", "The word is empty."), translate("core", "Type a word."))
    spaced = tokenizer.encode(" " + word, add_special_tokens=False)
    bare = tokenizer.encode(word, add_special_tokens=False)
    form, ids = (" " + word, spaced) if spaced and (len(spaced) <= len(bare) or not bare) else (word, bare)
    unk = tokenizer.unk_token_id
    limit = vocabulary_size(handle)
    if not ids or (unk is not None and unk in ids and word != tokenizer.unk_token) or max(ids) >= limit:
        raise WorkbenchError(translate("core", "The vocabulary of {name} cannot form '{word}'.").format(
            name=handle.name, word=word),
            translate("core", "Try another spelling or a more common word; this tokenizer marks it as unknown."))
    import torch

    weight = embedding_weight(handle)
    with torch.inference_mode():
        vector = weight[torch.tensor(ids, device=weight.device)].float().mean(dim=0).cpu().numpy()
    return WordVector(word, form, list(ids), token_labels(tokenizer, ids), vector.astype(np.float32))


def nearest_tokens(handle, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None) -> list[Neighbour]:
    """The ``k`` vocabulary tokens whose rows are closest to ``vector`` by cosine."""
    import torch

    if k < 1:
        raise WorkbenchError(translate("core", "The number of neighbours must be at least 1."),
                             translate("core", "Ask for 1 or more."))
    weight = embedding_weight(handle)
    rows = vocabulary_size(handle)
    query = torch.as_tensor(vector, dtype=torch.float32, device=weight.device)
    query = query / query.norm().clamp_min(1e-12)
    scores = torch.empty(rows, dtype=torch.float32, device=weight.device)
    with torch.inference_mode():
        for start in range(0, rows, 16384):  # float32 chunk by chunk: bfloat16 matrices are not copied whole
            chunk = weight[start:min(rows, start + 16384)].float()
            scores[start:start + chunk.shape[0]] = (chunk @ query) / chunk.norm(dim=1).clamp_min(1e-12)
        for token_id in exclude or ():
            if 0 <= token_id < rows:
                scores[token_id] = -float("inf")
        top = torch.topk(scores, min(k, rows - len(exclude or ())))
    tokenizer = handle.tokenizer
    ids = [int(i) for i in top.indices.tolist()]
    labels = token_labels(tokenizer, ids, together=False)
    return [Neighbour(_token_text(tokenizer, i), i, float(s), label)
            for i, s, label in zip(ids, top.values.tolist(), labels)]


def neighbours(handle, word: str, k: int = 10) -> NeighbourResult:
    wv = word_vector(handle, word)
    return NeighbourResult(wv.word, [wv], nearest_tokens(handle, wv.vector, k, set(wv.ids)))


def analogy(handle, a: str, b: str, c: str, k: int = 10) -> NeighbourResult:
    """A − B + C (king − man + woman), the three inputs' pieces left out of the answers."""
    words = [word_vector(handle, w) for w in (a, b, c)]
    vector = words[0].vector - words[1].vector + words[2].vector
    exclude = {i for w in words for i in w.ids}
    query = f"{words[0].word} - {words[1].word} + {words[2].word}"
    return NeighbourResult(query, words, nearest_tokens(handle, vector, k, exclude))


def parse_words(text: str) -> list[str]:
    """Words typed as 'a, b c' (commas, Chinese commas or spaces); duplicates dropped, order kept."""
    parts = re.split(r"[,，、;\s]+", text)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def word_matrix(handle, words: list[str]) -> WordMatrix:
    if len(words) < 2:
        raise WorkbenchError(translate("core", "A similarity matrix needs at least two words."),
                             translate("core", "Type two or more words separated by commas."))
    vectors = [word_vector(handle, w) for w in words]
    return WordMatrix(vectors, cosine_matrix(np.stack([v.vector for v in vectors])))


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    unit = unit_rows(vectors)
    return (unit @ unit.T).astype(np.float32)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


# ---- texts ---------------------------------------------------------------------------------------
@dataclass
class TextSet:
    texts: list[str]
    labels: list[str] | None = None
    source: str = ""
    columns: list[str] = field(default_factory=list)  # a table's columns (to choose others)
    column: str = ""
    label_column: str = ""
    notes: list[str] = field(default_factory=list)


TEXT_COLUMN_NAMES = ("text", "sentence", "document", "content", "texts", "sentences")
LABEL_COLUMN_NAMES = ("label", "labels", "topic", "category", "class")


def parse_texts(typed: str) -> list[str]:
    """Typed or pasted texts: one per line, blank lines skipped."""
    return [line.strip() for line in typed.splitlines() if line.strip()]


def read_texts(path: str | Path, column: str | None = None, label_column: str | None = None,
               guess_label: bool = False) -> TextSet:
    """Texts from a ``.txt`` (one per line) or a CSV/TSV/JSONL column, with an optional label column.

    Tables are read by the fine-tuning reader (encodings, separators, index columns). Without
    ``column`` the text column is one named text/sentence/document/content, else the first; with
    ``guess_label`` a column named label/topic/category becomes the labels.
    """
    from workbench.core.finetune.data import read_table
    from workbench.core.textfile import read_text

    path = Path(path).expanduser()
    if path.suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson"):
        table = read_table(path)
        lower = {c.lower(): c for c in table.columns}
        if column is None:
            column = next((lower[n] for n in TEXT_COLUMN_NAMES if n in lower), table.columns[0])
        for wanted in (column, label_column):
            if wanted is not None and wanted not in table.columns:
                raise WorkbenchError(
                    translate("core", "{file} has no column '{column}'.").format(file=path.name, column=wanted),
                    translate("core", "Its columns are: {columns}.").format(columns=", ".join(table.columns)))
        if label_column is None and guess_label:
            label_column = next((lower[n] for n in LABEL_COLUMN_NAMES if n in lower and lower[n] != column), None)
        texts, labels, skipped = [], [], 0
        label_values = table.column(label_column) if label_column else None
        for i, value in enumerate(table.column(column)):
            if value is None or not value.strip():
                skipped += 1
                continue
            texts.append(" ".join(value.split()))
            if label_values is not None:
                labels.append((label_values[i] or "").strip())
        result = TextSet(texts, labels if label_column else None, path.name, list(table.columns), column,
                         label_column or "", list(table.notes))
        if skipped:
            result.notes.append(translate("core", "Skipped {n} rows with an empty '{column}'.").format(
                n=skipped, column=column))
    else:
        text = read_text(path, translate("core", "Choose an existing .txt or .csv file."),
                         translate("core", "Put one text per line (or per row of a CSV column).")).text
        result = TextSet(parse_texts(text), None, path.name)
    if not result.texts:
        raise WorkbenchError(translate("core", "{file} holds no texts.").format(file=path.name),
                             translate("core", "Put one text per line (or per row of a CSV column)."))
    return result


# ---- sentence vectors ----------------------------------------------------------------------------
@dataclass
class Pooling:
    mode: str  # mean | cls | last | max
    normalise: bool = False
    declared: bool = False  # read from the model's own sentence-transformers files
    max_length: int | None = None

    def describe(self) -> str:
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


def _forward_inputs(module, ids: list[list[int]], pad_id: int, device, extra: dict | None = None) -> dict:
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
                extra["token_type_ids"] = _forward_inputs(module, [types[i] for i in rows], 0, device)["input_ids"]
            inputs = _forward_inputs(module, [ids[i] for i in rows], pad_id, device, extra)
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


# ---- maps ----------------------------------------------------------------------------------------
@dataclass
class Projection:
    xy: np.ndarray  # (n, 2) float32; NaN rows for points left out of a t-SNE sample
    method: str
    explained_variance: list[float] | None = None  # PCA: the two components' shares of the variance
    sample: np.ndarray | None = None  # indices that t-SNE placed, when it ran on a sample
    notes: list[str] = field(default_factory=list)


def project(vectors: np.ndarray, method: str = "pca", seed: int = 0, tsne_limit: int | None = None,
            cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> Projection:
    """Two coordinates per vector with scikit-learn: PCA, or t-SNE (on at most ``tsne_limit`` points,
    a seeded random sample beyond that, and on the first 50 principal components of wider vectors; in a
    child process that a cancel ends)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    n = len(vectors)
    _check_projection(method)
    if n < 2:
        raise WorkbenchError(translate("core", "A map needs at least two texts; there is {n}.").format(n=n),
                             translate("core", "Add more texts, one per line."))
    from sklearn.decomposition import PCA

    if method == "pca":
        progress(Progress(0, 0, translate("core", "PCA of {n} vectors").format(n=f"{n:,}")))
        pca = PCA(n_components=2, random_state=seed)
        xy = pca.fit_transform(vectors).astype(np.float32)
        return Projection(xy, "pca", [float(v) for v in pca.explained_variance_ratio_])
    from workbench.core.tsne import max_iterations, run_tsne

    notes = []
    sample = None
    data = vectors
    if tsne_limit is not None and n > tsne_limit:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=tsne_limit, replace=False))
        data = vectors[sample]
        notes.append(translate("core", "t-SNE placed a random sample of {k} of the {n} texts (seed {seed}); the "
                                       "others are not on this map. PCA shows them all.").format(
            k=f"{tsne_limit:,}", n=f"{n:,}", seed=seed))
    if data.shape[1] > TSNE_PCA_DIMS and len(data) > TSNE_PCA_DIMS:
        data = PCA(n_components=TSNE_PCA_DIMS, random_state=seed).fit_transform(data)
        notes.append(translate("core", "t-SNE ran on the first {d} principal components.").format(d=TSNE_PCA_DIMS))
    cancel.raise_if_cancelled()
    progress(Progress(0, max_iterations(), translate("core", "t-SNE: finding neighbours of {n} points").format(
        n=f"{len(data):,}"), unit="iterations"))
    placed = run_tsne(data, seed, cancel, progress)
    if sample is None:
        return Projection(placed, "tsne", None, None, notes)
    xy = np.full((n, 2), np.nan, dtype=np.float32)
    xy[sample] = placed
    return Projection(xy, "tsne", None, sample, notes)


def _check_projection(method: str) -> None:
    if method not in PROJECTIONS:
        raise WorkbenchError(translate("core", "Unknown projection '{m}'.").format(m=method),
                             translate("core", "Choose pca or tsne."))


def _check_clusters(k: int, n: int) -> None:
    if not 2 <= k <= min(n, MAX_CLUSTERS):
        raise WorkbenchError(translate("core", "Cannot make {k} clusters of {n} texts.").format(k=k, n=n),
                             translate("core", "Choose between 2 and {top} clusters.").format(
                                 top=max(2, min(n, MAX_CLUSTERS))))


def kmeans(vectors: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Cluster numbers by k-means over the L2-normalised vectors (so that it follows cosine)."""
    _check_clusters(k, len(vectors))
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(unit_rows(vectors)).astype(np.int32)


def nearest_other(vectors: np.ndarray, cancel: CancelToken = NEVER_CANCELLED,
                  progress: ProgressCallback = no_progress) -> tuple[np.ndarray, np.ndarray]:
    """For every vector, the index of the most similar other one (cosine, full dimension) and its score."""
    unit = unit_rows(vectors)
    n = len(unit)
    index = np.zeros(n, dtype=np.int64)
    score = np.zeros(n, dtype=np.float32)
    step = max(1, min(n, 4_000_000 // max(1, n)))  # ~16 MB of scores per chunk
    for start in range(0, n, step):
        cancel.raise_if_cancelled()
        sims = unit[start:start + step] @ unit.T
        rows = np.arange(sims.shape[0])
        sims[rows, start + rows] = -np.inf
        index[start:start + step] = sims.argmax(axis=1)
        score[start:start + step] = sims[rows, index[start:start + step]]
        if n > 2000:
            progress(Progress(min(n, start + step), n, translate("core", "Nearest neighbours of {n} texts").format(
                n=f"{n:,}"), unit="texts"))
    return index, score


def neighbours_of(vectors: np.ndarray, index: int, k: int = 10) -> list[tuple[int, float]]:
    """The ``k`` items most similar to item ``index`` (cosine), best first, itself left out."""
    unit = unit_rows(vectors)
    sims = unit @ unit[index]
    sims[index] = -np.inf
    k = min(k, len(unit) - 1)
    if k <= 0:
        return []
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    return [(int(i), float(sims[i])) for i in top]


@dataclass
class SentenceMap:
    model: str
    texts: list[str]
    labels: list[str] | None
    vectors: np.ndarray  # (n, d) float32: exactly what was projected
    pooling: Pooling
    projection: Projection
    clusters: np.ndarray | None  # (n,) int32
    neighbour: np.ndarray  # (n,) index of the nearest other item
    neighbour_score: np.ndarray
    truncated: int = 0
    limit: int = 0
    seconds: dict = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        notes = list(self.projection.notes)
        if self.truncated:
            notes.append(translate("core", "{n} texts were longer than {limit} tokens; only their beginning was "
                                           "read.").format(n=self.truncated, limit=self.limit))
        return notes

    def to_json(self) -> dict:
        items = []
        for i, text in enumerate(self.texts):
            x, y = (float(v) for v in self.projection.xy[i])
            items.append({"text": text, "label": self.labels[i] if self.labels is not None else None,
                          "x": None if np.isnan(x) else x, "y": None if np.isnan(y) else y,
                          "cluster": int(self.clusters[i]) if self.clusters is not None else None,
                          "neighbour": int(self.neighbour[i])})
        ev = self.projection.explained_variance
        return {"items": items, "pooling": self.pooling.describe(),
                "explained_variance": [float(ev[0]), float(ev[1])] if ev else None}


def build_map(service, model: str, texts: list[str], labels: list[str] | None = None, pooling: str = "auto",
              projection: str = "pca", clusters: int = 0, seed: int = 0, tsne_limit: int | None = None,
              batch_size: int = BATCH_SIZE, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress) -> SentenceMap:
    """Embed ``texts`` with ``model``, project them to 2D, cluster them, and find each one's nearest other."""
    import time

    if not texts:
        raise WorkbenchError(translate("core", "There are no texts to embed."),
                             translate("core", "Type or paste texts, one per line, or load a file."))
    if len(texts) < 2:
        raise WorkbenchError(translate("core", "A map needs at least two texts; there is 1."),
                             translate("core", "Add more texts, one per line."))
    _check_projection(projection)
    if clusters:
        _check_clusters(clusters, len(texts))
    if labels is not None and len(labels) != len(texts):
        raise ValueError("labels and texts differ in length")
    seconds = {}
    handle = service.load(model, progress=progress, cancel=cancel)
    t0 = time.perf_counter()
    with service.use(handle):
        embedded = embed_texts(handle, texts, pooling, batch_size, cancel, progress)
    seconds["embed"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    nearest, nearest_score = nearest_other(embedded.vectors, cancel, progress)
    seconds["neighbours"] = time.perf_counter() - t0
    cancel.raise_if_cancelled()
    t0 = time.perf_counter()
    placed = project(embedded.vectors, projection, seed, tsne_limit, cancel, progress)
    seconds["project"] = time.perf_counter() - t0
    groups = None
    if clusters:
        cancel.raise_if_cancelled()
        progress(Progress(0, 0, translate("core", "k-means: {k} clusters").format(k=clusters)))
        groups = kmeans(embedded.vectors, clusters, seed)
    return SentenceMap(model, texts, labels, embedded.vectors, embedded.pooling, placed, groups, nearest,
                       nearest_score, embedded.truncated, embedded.limit, seconds)


def save_map(result: SentenceMap, path: str | Path) -> None:
    """NPZ: vectors, texts, labels, xy (+ clusters, neighbour); CSV: one row per text with its vector."""
    path = Path(path)
    labels = result.labels if result.labels is not None else [""] * len(result.texts)
    if path.suffix.lower() == ".csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            dims = result.vectors.shape[1]
            writer.writerow(["text", "label", "x", "y", "cluster", "neighbour"] + [f"v{i}" for i in range(dims)])
            for i, text in enumerate(result.texts):
                cluster = "" if result.clusters is None else int(result.clusters[i])
                writer.writerow([text, labels[i], *(f"{v:.6g}" for v in result.projection.xy[i]), cluster,
                                 int(result.neighbour[i])] + [f"{v:.7g}" for v in result.vectors[i]])
        return
    extra = {}
    if result.clusters is not None:
        extra["clusters"] = result.clusters
    if result.projection.sample is not None:
        extra["sample"] = result.projection.sample
    np.savez_compressed(path, vectors=result.vectors.astype(np.float32), texts=np.array(result.texts, dtype=str),
                        labels=np.array(labels, dtype=str), xy=result.projection.xy, neighbour=result.neighbour,
                        pooling=np.array(result.pooling.describe()), **extra)


# ---- contexts ------------------------------------------------------------------------------------
@dataclass
class ContextResult:
    model: str
    word: str
    texts: list[str]
    spans: list[tuple[int, int]]  # where the word is in each text (characters)
    pieces: list[list[str]]  # the pieces the word became in each text
    similarity: np.ndarray  # (layers, n, n) cosine between the word's vectors in each pair of texts
    part: str = ""  # "encoder" for an encoder-decoder

    @property
    def layers(self) -> int:
        return int(self.similarity.shape[0])

    def layer_names(self) -> list[str]:
        return [translate("core", "embeddings")] + [str(i) for i in range(1, self.layers)]

    def to_json(self) -> dict:
        return {"word": self.word, "layers": self.layers,
                "similarity": [[[float(v) for v in row] for row in layer] for layer in self.similarity]}


def find_word(text: str, word: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``word`` (case-insensitive), else the first substring match
    (scripts without spaces, such as Chinese)."""
    match = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE)
    if match is None:
        match = re.search(re.escape(word), text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def contextual_similarity(handle, word: str, texts: list[str], cancel: CancelToken = NEVER_CANCELLED,
                          progress: ProgressCallback = no_progress, model: str = "") -> ContextResult:
    """The word's vector in each text at every layer (mean of its pieces, located by character offsets),
    and the cosine between texts: (layers, n, n), layer 0 being the embedding output."""
    import torch

    word = word.strip()
    texts = [t.strip() for t in texts if t.strip()]
    if not word:
        raise WorkbenchError(translate("core", "The word is empty."),
                             translate("core", "Type the word to follow, e.g. bank."))
    if len(texts) < 2:
        raise WorkbenchError(translate("core", "Comparing contexts needs at least two sentences."),
                             translate("core", "Type two or more sentences that contain the word, one per line."))
    tokenizer = handle.tokenizer
    if not getattr(tokenizer, "is_fast", False):
        raise WorkbenchError(translate("core", "{name} has no fast tokenizer, so the word cannot be located in "
                                               "its tokens.").format(name=handle.name),
                             translate("core", "Choose a model with a tokenizer.json."))
    spans = []
    for n, text in enumerate(texts, 1):
        span = find_word(text, word)
        if span is None:
            raise WorkbenchError(translate("core", "'{word}' does not occur in sentence {n}: {text}").format(
                word=word, n=n, text=text[:80]), translate("core", "Use sentences that each contain the word."))
        spans.append(span)
    limit = model_max_tokens(handle)
    encoded = tokenizer(texts, truncation=True, max_length=limit, return_offsets_mapping=True)
    special = set(getattr(tokenizer, "all_special_ids", []) or [])
    positions, pieces = [], []
    for n, (ids, offsets, (start, end)) in enumerate(zip(encoded["input_ids"], encoded["offset_mapping"], spans), 1):
        found = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start and ids[k] not in special]
        if not found:
            raise WorkbenchError(translate("core", "'{word}' in sentence {n} is beyond the {limit} tokens the model "
                                                   "reads.").format(word=word, n=n, limit=limit),
                                 translate("core", "Shorten the sentence."))
        positions.append(found)
        pieces.append(token_labels(tokenizer, [ids[k] for k in found]))
    module = backbone(handle)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    device = next(module.parameters()).device
    vectors = None  # (layers, n, d)
    with torch.inference_mode(), cancel_between_layers(module, cancel):
        for start in range(0, len(texts), 16):
            cancel.raise_if_cancelled()
            rows = list(range(start, min(len(texts), start + 16)))
            inputs = _forward_inputs(module, [encoded["input_ids"][i] for i in rows], pad_id, device)
            hidden = module(**inputs, output_hidden_states=True).hidden_states
            stacked = torch.stack([h.float() for h in hidden])  # (layers, batch, tokens, d)
            if vectors is None:
                vectors = np.zeros((stacked.shape[0], len(texts), stacked.shape[-1]), dtype=np.float32)
            for j, i in enumerate(rows):
                vectors[:, i] = stacked[:, j, positions[i]].mean(dim=1).cpu().numpy()
            progress(Progress(rows[-1] + 1, len(texts), translate("core", "Read {done} of {total} sentences").format(
                done=rows[-1] + 1, total=len(texts)), unit="sentences"))
    unit = unit_rows(vectors)
    similarity = np.einsum("lid,ljd->lij", unit, unit).astype(np.float32)
    part = "encoder" if getattr(handle.model.config, "is_encoder_decoder", False) else ""
    return ContextResult(model or handle.name, word, texts, spans, pieces, similarity, part)


def run_contexts(service, model: str, word: str, texts: list[str], cancel: CancelToken = NEVER_CANCELLED,
                 progress: ProgressCallback = no_progress) -> ContextResult:
    handle = service.load(model, progress=progress, cancel=cancel)
    with service.use(handle):
        return contextual_similarity(handle, word, texts, cancel, progress, model)


def save_contexts(result: ContextResult, path: str | Path) -> None:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["layer", "sentence_a", "sentence_b", "similarity"])
            names = result.layer_names()
            for layer in range(result.layers):
                for a in range(len(result.texts)):
                    for b in range(a + 1, len(result.texts)):
                        writer.writerow([names[layer], a + 1, b + 1, f"{result.similarity[layer, a, b]:.6f}"])
        return
    np.savez_compressed(path, similarity=result.similarity, texts=np.array(result.texts, dtype=str),
                        word=np.array(result.word), spans=np.array(result.spans, dtype=np.int64))


def save_words(result: NeighbourResult | WordMatrix, path: str | Path) -> None:
    """Neighbours (rank, token, id, score) or a similarity matrix, as CSV; NPZ holds the numbers."""
    path = Path(path)
    if isinstance(result, WordMatrix):
        names = [w.word for w in result.words]
        if path.suffix.lower() == ".npz":
            np.savez_compressed(path, words=np.array(names, dtype=str), similarity=result.matrix,
                                vectors=np.stack([w.vector for w in result.words]))
            return
        import csv

        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow([""] + names)
            for name, row in zip(names, result.matrix):
                writer.writerow([name] + [f"{v:.6f}" for v in row])
        return
    if path.suffix.lower() == ".npz":
        np.savez_compressed(path, query=np.array(result.query), ids=np.array([n.id for n in result.neighbours]),
                            tokens=np.array([n.token for n in result.neighbours], dtype=str),
                            scores=np.array([n.score for n in result.neighbours], dtype=np.float32))
        return
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["rank", "token", "id", "cosine"])
        for rank, n in enumerate(result.neighbours, 1):
            writer.writerow([rank, n.token, n.id, f"{n.score:.6f}"])


# ---- words, as a job -------------------------------------------------------------------------------
def run_words(service, model: str, mode: str, words: list[str], k: int = 10, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress) -> NeighbourResult | WordMatrix:
    """``mode``: neighbours (one word), analogy (A, B, C) or matrix (a list of words)."""
    handle = service.load(model, progress=progress, cancel=cancel)
    cancel.raise_if_cancelled()
    with service.use(handle):
        embedding_weight(handle)
        if mode == "neighbours":
            return neighbours(handle, words[0] if words else "", k)
        if mode == "analogy":
            if len(words) != 3 or not all(w.strip() for w in words):
                raise WorkbenchError(translate("core", "An analogy needs three words: A − B + C."),
                                     translate("core", "Fill in all three, e.g. king − man + woman."))
            return analogy(handle, *words, k=k)
        return word_matrix(handle, words)


# ---- copy as code ----------------------------------------------------------------------------------
def _code_head(path: str, dtype: str) -> list[str]:
    return ["import json",
            "import torch",
            "from transformers import AutoModel, AutoTokenizer",
            "",
            f"path = {str(path)!r}",
            "tokenizer = AutoTokenizer.from_pretrained(path)",
            f"model = AutoModel.from_pretrained(path, dtype=torch.{dtype}).eval()",
            "if model.config.is_encoder_decoder:",
            "    model = model.get_encoder()  # token vectors come from the encoder",
            ""]


def code_for_words(path: str, dtype: str, result: NeighbourResult | WordMatrix, k: int = 10) -> str:
    """Plain transformers code that prints the same neighbours (or matrix) as JSON."""
    words = result.words
    lines = _code_head(path, dtype) + [
        "weight = model.get_input_embeddings().weight.float()",
        "weight = weight[:len(tokenizer)]  # rows of real tokens only",
        "",
        "def vector(form):",
        "    ids = tokenizer.encode(form, add_special_tokens=False)",
        "    return ids, weight[ids].mean(dim=0)  # a word of several pieces: the mean of their rows",
        ""]
    if isinstance(result, WordMatrix):
        lines += [f"forms = {[w.form for w in words]!r}",
                  "vectors = torch.stack([vector(f)[1] for f in forms])",
                  "unit = torch.nn.functional.normalize(vectors, dim=-1)",
                  "print(json.dumps({'similarity': (unit @ unit.T).tolist()}))"]
        return "\n".join(lines) + "\n"
    if len(words) == 3:
        lines += [f"(a_ids, a), (b_ids, b), (c_ids, c) = [vector(f) for f in {[w.form for w in words]!r}]",
                  "query, exclude = a - b + c, a_ids + b_ids + c_ids"]
    else:
        lines += [f"exclude, query = vector({words[0].form!r})"]
    lines += ["scores = torch.nn.functional.cosine_similarity(weight, query[None], dim=-1)",
              "scores[exclude] = -float('inf')  # leave the inputs out",
              f"top = torch.topk(scores, {k})",
              "print(json.dumps({'neighbours': [{'token': tokenizer.decode([i]), 'id': i, 'score': s}",
              "                                 for i, s in zip(top.indices.tolist(), top.values.tolist())]}))"]
    return "\n".join(lines) + "\n"


def code_for_sentences(path: str, dtype: str, texts: list[str], pooling: Pooling, limit: int,
                       projection: str = "pca", seed: int = 0) -> str:
    """Plain transformers + scikit-learn code that prints the same vectors and map as JSON."""
    pool_lines = {
        "mean": ["    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)  # mean over real tokens"],
        "cls": ["    pooled = hidden[:, 0]  # the first token"],
        "last": ["    last = batch['attention_mask'].sum(1) - 1",
                 "    pooled = hidden[torch.arange(len(hidden)), last]  # the last real token"],
        "max": ["    pooled = hidden.masked_fill(mask == 0, float('-inf')).max(1).values"],
    }[pooling.mode]
    if len(texts) <= 200:
        text_lines = [f"texts = {list(texts)!r}"]
    else:
        text_lines = ["# the texts, one per line (save them from the app first)",
                      "texts = open('texts.txt', encoding='utf-8').read().splitlines()"]
    lines = _code_head(path, dtype) + ["from sklearn.decomposition import PCA", "from sklearn.manifold import TSNE",
                                       ""] + text_lines + [
        "",
        "vectors = []",
        f"for start in range(0, len(texts), {BATCH_SIZE}):",
        (f"    batch = tokenizer(texts[start:start + {BATCH_SIZE}], padding=True, truncation=True, "
         f"max_length={limit}, return_tensors='pt')"),
        "    batch = {k: v for k, v in batch.items() if k in ('input_ids', 'attention_mask', 'token_type_ids')}",
        "    with torch.inference_mode():",
        "        hidden = model(**batch).last_hidden_state.float()",
        "    mask = batch['attention_mask'].unsqueeze(-1).float()",
        *pool_lines]
    if pooling.normalise:
        lines.append("    pooled = torch.nn.functional.normalize(pooled, p=2, dim=-1)")
    lines += ["    vectors.append(pooled)",
              "vectors = torch.cat(vectors).numpy()",
              ""]
    if projection == "pca":
        lines += [f"xy = PCA(n_components=2, random_state={seed}).fit_transform(vectors)"]
    else:
        lines += ["data = vectors",
                  f"if data.shape[1] > {TSNE_PCA_DIMS} and len(data) > {TSNE_PCA_DIMS}:",
                  f"    data = PCA(n_components={TSNE_PCA_DIMS}, random_state={seed}).fit_transform(data)",
                  "perplexity = min(30.0, max(1.0, (len(data) - 1) / 3))",
                  (f"xy = TSNE(n_components=2, perplexity=perplexity, init='pca', learning_rate='auto', "
                   f"random_state={seed}).fit_transform(data)")]
    lines += ["print(json.dumps({'vectors': vectors.tolist(), 'xy': xy.tolist()}))"]
    return "\n".join(lines) + "\n"


def code_for_contexts(path: str, dtype: str, result: ContextResult) -> str:
    """Plain transformers code that prints the same layer × sentence × sentence similarities as JSON."""
    lines = _code_head(path, dtype) + [
        f"word, texts = {result.word!r}, {list(result.texts)!r}",
        f"spans = {[list(s) for s in result.spans]!r}  # where the word is in each text (characters)",
        "",
        "per_text = []",
        "for text, (start, end) in zip(texts, spans):",
        "    enc = tokenizer(text, return_offsets_mapping=True, return_tensors='pt')",
        "    offsets = enc.pop('offset_mapping')[0].tolist()",
        "    special = set(tokenizer.all_special_ids)",
        "    ids = enc['input_ids'][0].tolist()",
        "    pieces = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start and ids[k] not in special]",
        "    with torch.inference_mode():",
        "        hidden = model(input_ids=enc['input_ids'], attention_mask=enc['attention_mask'],",
        "                       output_hidden_states=True).hidden_states",
        "    per_text.append(torch.stack([h[0, pieces].float().mean(0) for h in hidden]))  # (layers, d)",
        "vectors = torch.nn.functional.normalize(torch.stack(per_text, dim=1), dim=-1)  # (layers, texts, d)",
        "similarity = vectors @ vectors.transpose(1, 2)  # layer 0 is the embedding output",
        "print(json.dumps({'similarity': similarity.tolist()}))"]
    return "\n".join(lines) + "\n"
