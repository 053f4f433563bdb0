"""Word vectors from a model's input embedding matrix: neighbours, analogies, similarity matrices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError



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
    source: str = "input-embeddings"  # or "word-vectors": where the vectors came from (the views say which)

    @property
    def notes(self) -> list[str]:
        return [w.note for w in self.words if w.note]


@dataclass
class WordMatrix:
    words: list[WordVector]
    matrix: np.ndarray  # (n, n) cosine similarities
    source: str = "input-embeddings"


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


class ModelWords:
    """A transformer's input embedding matrix as a word source: ``vector(word)`` and ``nearest(vector, k,
    exclude)``, the two calls static word vectors (``static.StaticVectors``) answer too."""

    kind = "input-embeddings"

    def __init__(self, handle):
        self.handle = handle
        self.name = handle.name

    def vector(self, word: str) -> WordVector:
        return word_vector(self.handle, word)

    def nearest(self, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None) -> list[Neighbour]:
        return nearest_tokens(self.handle, vector, k, exclude)


def word_source(source):
    """``source`` if it answers ``vector``/``nearest`` (static vectors, ``ModelWords``), else a loaded model's
    handle wrapped as one."""
    return source if hasattr(source, "nearest") and hasattr(source, "vector") else ModelWords(source)


def neighbours(source, word: str, k: int = 10) -> NeighbourResult:
    source = word_source(source)
    wv = source.vector(word)
    return NeighbourResult(wv.word, [wv], source.nearest(wv.vector, k, set(wv.ids)), source.kind)


def analogy(source, a: str, b: str, c: str, k: int = 10) -> NeighbourResult:
    """A − B + C (king − man + woman), the three inputs' pieces left out of the answers."""
    source = word_source(source)
    words = [source.vector(w) for w in (a, b, c)]
    vector = words[0].vector - words[1].vector + words[2].vector
    exclude = {i for w in words for i in w.ids}
    query = f"{words[0].word} - {words[1].word} + {words[2].word}"
    return NeighbourResult(query, words, source.nearest(vector, k, exclude), source.kind)


def parse_words(text: str) -> list[str]:
    """Words typed as 'a, b c' (commas, Chinese commas or spaces); duplicates dropped, order kept."""
    parts = re.split(r"[,，、;\s]+", text)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def word_matrix(source, words: list[str]) -> WordMatrix:
    if len(words) < 2:
        raise WorkbenchError(translate("core", "A similarity matrix needs at least two words."),
                             translate("core", "Type two or more words separated by commas."))
    source = word_source(source)
    vectors = [source.vector(w) for w in words]
    return WordMatrix(vectors, cosine_matrix(np.stack([v.vector for v in vectors])), source.kind)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    unit = unit_rows(vectors)
    return (unit @ unit.T).astype(np.float32)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)

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
