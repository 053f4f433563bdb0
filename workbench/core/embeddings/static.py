"""Static word vectors: one vector per word, trained on the user's text (Word2Vec with gensim, GloVe
here) or loaded from the standard files (word2vec text and binary, GloVe text).

Text becomes words by ``segment``: lower-cased words of letters and digits; Chinese is cut into words
with jieba, or into single characters. Vectors live in the library as a folder of their own kind:
``vectors.bin`` (word2vec binary format: gensim's ``KeyedVectors.load_word2vec_format(..., binary=True)``
reads it) and ``wordvectors.json`` (how they were made). ``StaticVectors`` answers the same calls as a
transformer's input matrix (``vector``, ``nearest``), so every Embeddings view works on both.

GloVe (Pennington et al., 2014): the co-occurrence counts X (each pair within the window weighted
1/distance, symmetric) and the weighted least-squares fit
J = Σ f(Xᵢⱼ) (wᵢ·w̃ⱼ + bᵢ + b̃ⱼ − log Xᵢⱼ)², f(x) = min(1, (x/x_max)^α), with AdaGrad over shuffled
mini-batches of the non-zero entries, as the reference implementation; the saved vector is w + w̃.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.core.embeddings.words import Neighbour, WordVector, unit_rows
from workbench.core.i18n import translate
from workbench.core.modelinfo import WORD_VECTORS_FILE, WORD_VECTORS_KIND
from workbench.core.jobs import (NEVER_CANCELLED, CancelToken, Cancelled, Event, Progress, ProgressCallback,
                                 WorkbenchError, no_progress)

CONFIG_FILE = WORD_VECTORS_FILE
VECTORS_FILE = "vectors.bin"
KIND = WORD_VECTORS_KIND
METHODS = ("word2vec", "glove")
SEGMENTS = ("words", "chars")
GLOVE_X_MAX = 100.0
GLOVE_ALPHA = 0.75
GLOVE_LEARNING_RATE = 0.05
GLOVE_BATCH = 1024  # non-zero entries per AdaGrad step (fewer on a small text: at least 100 steps an epoch)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CHAR_TOKENS = re.compile(f"[{_CJK}]|(?:(?![{_CJK}])[^\\W_])+(?:['’](?:(?![{_CJK}])[^\\W_])+)*")
_WORD_TOKENS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_HEADER = re.compile(rb"^\s*(\d+)\s+(\d+)\s*$")


# ---- words from text -----------------------------------------------------------------------------
def segment(text: str, mode: str = "words") -> list[str]:
    """Lower-cased words of ``text`` (punctuation dropped). Chinese: jieba's words (``words``) or one
    character each (``chars``)."""
    if mode not in SEGMENTS:
        raise WorkbenchError(translate("core", "Unknown segmentation '{mode}'.").format(mode=mode),
                             translate("core", "Choose words or chars."))
    text = text.lower()
    if mode == "chars":
        return _CHAR_TOKENS.findall(text)
    if not _CJK_CHAR.search(text):
        return _WORD_TOKENS.findall(text)
    return [w for piece in _jieba().lcut(text) for w in _WORD_TOKENS.findall(piece)]


def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary load prints to stderr otherwise
    return jieba


@dataclass
class Corpus:
    sentences: list[list[str]]
    source: str
    segment: str
    notes: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(len(s) for s in self.sentences)


def read_corpus(path: str | Path, column: str | None = None, segment_mode: str = "words",
                cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> Corpus:
    """Sentences of words from a .txt (one sentence per line) or a CSV/TSV/JSONL column (one per row)."""
    from workbench.core.embeddings.texts import read_texts

    if segment_mode not in SEGMENTS:
        segment("", segment_mode)  # the error
    texts = read_texts(path, column)
    sentences, last = [], time.monotonic()
    for i, text in enumerate(texts.texts):
        words = segment(text, segment_mode)
        if words:
            sentences.append(words)
        if i % 2000 == 0:
            cancel.raise_if_cancelled()
            if time.monotonic() - last > 0.25:
                last = time.monotonic()
                progress(Progress(i, len(texts.texts), translate("core", "Cutting the text into words"),
                                  unit="lines"))
    if not sentences:
        raise WorkbenchError(translate("core", "{file} holds no words.").format(file=texts.source),
                             translate("core", "Choose a text file (or a table column) with sentences in it."))
    return Corpus(sentences, texts.source, segment_mode, list(texts.notes))


def vocabulary(sentences: list[list[str]], min_count: int, source: str = "") -> list[str]:
    """Words seen at least ``min_count`` times, most frequent first (ties alphabetical); a clear error
    when none is."""
    if min_count < 1:
        raise WorkbenchError(translate("core", "The minimum count must be at least 1."),
                             translate("core", "Use 1 to keep every word."))
    counts = Counter(w for s in sentences for w in s)
    kept = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    if not kept:
        top = max(counts.values(), default=0)
        raise WorkbenchError(
            translate("core", "No word of {file} occurs {min_count} times or more ({n} different words; the most "
                              "frequent occurs {top} times).").format(file=source or translate("core", "the text"),
                                                                     min_count=min_count, n=len(counts), top=top),
            translate("core", "Lower the minimum count to {top} or less, or train on a longer text.").format(
                top=max(1, top)))
    return kept


# ---- the vectors -----------------------------------------------------------------------------------
@dataclass
class EpochLoss(Event):
    """One epoch's training loss (word2vec: gensim's summed loss; GloVe: the mean weighted squared error)."""
    epoch: int
    epochs: int
    loss: float


@dataclass
class StaticVectors:
    """Words and their vectors; answers ``vector``/``nearest`` like a model's input embedding matrix."""
    words: list[str]
    vectors: np.ndarray  # float32 (n, d)
    config: dict = field(default_factory=dict)
    name: str = ""
    path: Path | None = None

    kind = KIND  # what the views say the vectors are

    def __post_init__(self):
        self.index = {}
        for i, w in enumerate(self.words):
            self.index.setdefault(w, i)
        self._unit = None

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @property
    def size(self) -> int:
        return len(self.words)

    def row(self, word: str) -> int | None:
        word = word.strip()
        found = self.index.get(word)
        return self.index.get(word.lower()) if found is None else found

    def vector(self, word: str) -> WordVector:
        word = word.strip()
        if not word:
            raise WorkbenchError(translate("core", "The word is empty."), translate("core", "Type a word."))
        i = self.row(word)
        if i is None:
            raise WorkbenchError(
                translate("core", "'{word}' is not among the {n} words of {name}.").format(
                    word=word, n=f"{self.size:,}", name=self.name or translate("core", "these vectors")),
                translate("core", "Words seen fewer times than the minimum count are left out: try another word, or "
                                  "train again with a lower minimum count."))
        return WordVector(word, self.words[i], [i], [self.words[i]], self.vectors[i].astype(np.float32))

    def nearest(self, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None) -> list[Neighbour]:
        if k < 1:
            raise WorkbenchError(translate("core", "The number of neighbours must be at least 1."),
                                 translate("core", "Ask for 1 or more."))
        if self._unit is None:
            self._unit = unit_rows(self.vectors)
        query = np.asarray(vector, dtype=np.float32)
        scores = self._unit @ (query / max(float(np.linalg.norm(query)), 1e-12))
        for i in exclude or ():
            if 0 <= i < len(scores):
                scores[i] = -np.inf
        k = min(k, len(scores) - len(exclude or ()))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [Neighbour(self.words[i], int(i), float(scores[i]), self.words[i]) for i in top]

    def sentence_vectors(self, texts: list[str]) -> tuple[np.ndarray, int]:
        """Each text as the mean of its known words' vectors, and how many texts had none (zero vectors)."""
        segment_mode = self.config.get("segment", "words")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        empty = 0
        for n, text in enumerate(texts):
            rows = [i for i in (self.row(w) for w in segment(text, segment_mode)) if i is not None]
            if rows:
                out[n] = self.vectors[rows].mean(axis=0)
            else:
                empty += 1
        return out, empty


def is_vectors_folder(path: str | Path) -> bool:
    return (Path(path) / CONFIG_FILE).is_file()


def folder_of(service, model: str) -> Path | None:
    """The folder of ``model`` when it is a set of static word vectors (a library name or a folder), else None."""
    candidate = Path(model).expanduser()
    if candidate.is_dir():
        return candidate if is_vectors_folder(candidate) else None
    stored = service.library.store / model
    return stored if is_vectors_folder(stored) else None


def static_word(service, model: str, word: str) -> WordVector:
    """``word``'s one vector in the static vectors ``model`` (the Contexts page's static side)."""
    folder = folder_of(service, model)
    if folder is None:
        raise WorkbenchError(translate("core", "{name} is not a set of static word vectors.").format(name=model),
                             translate("core", "Train or load word vectors on the Word vectors page first."))
    return load_vectors(folder, model).vector(word)


def describe(path: Path) -> dict:
    """The config of a vectors folder (for the library listing), or {} when unreadable."""
    try:
        return json.loads((Path(path) / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


_LOADED: dict[str, tuple[float, StaticVectors]] = {}


def load_vectors(path: str | Path, name: str = "") -> StaticVectors:
    """The vectors of a library folder (kept in memory while the file is unchanged)."""
    path = Path(path)
    file = path / VECTORS_FILE
    try:
        stamp = file.stat().st_mtime_ns
    except OSError as exc:
        raise WorkbenchError(translate("core", "{path} has no vectors file ({file}).").format(path=path,
                                                                                          file=VECTORS_FILE),
                             translate("core", "Train or import the vectors again.")) from exc
    cached = _LOADED.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    words, vectors, _, _ = read_vectors_file(file)
    found = StaticVectors(words, vectors, describe(path), name or path.name, path)
    _LOADED.clear()  # one set at a time: a large vocabulary is hundreds of MB
    _LOADED[str(path)] = (stamp, found)
    return found


# ---- reading the standard files --------------------------------------------------------------------
def _bad(file: str, message: str) -> WorkbenchError:
    return WorkbenchError(message, translate("core", "{file} must be word2vec (text or binary, with a first line "
                                                     "'count dimension') or GloVe text: one word per line followed "
                                                     "by the same number of values.").format(file=file))


def read_vectors_file(path: str | Path, cancel: CancelToken = NEVER_CANCELLED,
                      progress: ProgressCallback = no_progress) -> tuple[list[str], np.ndarray, str, list[str]]:
    """(words, vectors, format, notes) of a word2vec text/binary or GloVe text file (``.gz`` too).
    A malformed file raises a ``WorkbenchError`` naming the line and what is wrong."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise WorkbenchError(translate("core", "{path} does not exist.").format(path=path),
                             translate("core", "Choose a vectors file (.txt, .vec or .bin)."))
    try:
        if path.suffix.lower() == ".gz":
            import gzip

            raw = gzip.decompress(path.read_bytes())
        else:
            raw = path.read_bytes()
    except (OSError, EOFError) as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(path=path, error=exc),
                             translate("core", "Check the file, or download it again.")) from exc
    name = path.name
    if not raw.strip():
        raise WorkbenchError(translate("core", "{name} is empty.").format(name=name),
                             translate("core", "Choose a vectors file (.txt, .vec or .bin)."))
    first_end = raw.find(b"\n")
    first = raw[:first_end if first_end >= 0 else len(raw)]
    header = _HEADER.match(first)
    notes: list[str] = []
    if header:
        count, dim = int(header.group(1)), int(header.group(2))
        if dim < 1:
            raise _bad(name, translate("core", "The first line of {file} says the vectors have {dim} dimensions.")
                       .format(file=name, dim=dim))
        body = raw[first_end + 1:]
        if _looks_binary(body[:65536], path):
            words, vectors = _read_binary(body, count, dim, name, cancel, progress)
            fmt = "word2vec-binary"
        else:
            words, vectors = _read_text(body, 2, dim, name, cancel, progress)
            fmt = "word2vec-text"
            if len(words) != count:
                raise _bad(name, translate("core", "{file} holds {got} vectors; its first line promises {n}.").format(
                    file=name, got=f"{len(words):,}", n=f"{count:,}"))
    else:
        if b"\x00" in raw[:65536]:
            raise _bad(name, translate("core", "{file} is binary but has no word2vec header ('count dimension') "
                                               "on its first line.").format(file=name))
        words, vectors = _read_text(raw, 1, None, name, cancel, progress)
        fmt = "glove-text"
    if not words:
        raise _bad(name, translate("core", "{file} holds no vectors.").format(file=name))
    seen: set[str] = set()
    duplicates = sum(1 for w in words if w in seen or seen.add(w))
    if duplicates:
        notes.append(translate("core", "{n} words occur twice or more; the first vector of each is used.").format(
            n=duplicates))
    return words, vectors, fmt, notes


def _looks_binary(sample: bytes, path: Path) -> bool:
    if path.suffix.lower() == ".bin" or b"\x00" in sample:
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(sample) - 4  # a character cut at the end of the sample is still text
    return False


def _read_text(raw: bytes, first_line: int, dim: int | None, name: str, cancel: CancelToken,
               progress: ProgressCallback) -> tuple[list[str], np.ndarray]:
    words, rows = [], []
    last = time.monotonic()
    total = len(raw)
    position = 0
    for number, line in enumerate(raw.split(b"\n"), first_line):
        start = position
        position += len(line) + 1
        line = line.rstrip(b"\r")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _bad(name, translate("core", "Line {line} of {file} is not UTF-8 text (byte {byte}).").format(
                line=number, file=name, byte=exc.start + 1)) from exc
        parts = text.split()  # glove.840B has a few words with spaces: the numbers are the last ``dim`` fields
        if len(parts) < 2:
            raise _bad(name, translate("core", "Line {line} of {file} has a word but no numbers: '{text}'.").format(
                line=number, file=name, text=text[:60]))
        if dim is None:
            dim = len(parts) - 1
        if len(parts) - 1 < dim or (len(parts) - 1 > dim and _is_number(parts[-dim - 1])):
            raise _bad(name, translate("core", "Line {line} of {file} has {got} values after '{word}'; the vectors "
                                               "before it have {dim}.").format(
                line=number, file=name, got=len(parts) - 1, word=parts[0][:40], dim=dim))
        word = " ".join(parts[:-dim])
        try:
            values = np.array(parts[-dim:], dtype=np.float32)
        except ValueError:
            bad = next(p for p in parts[-dim:] if not _is_number(p))
            raise _bad(name, translate("core", "Line {line} of {file}: '{value}' (after '{word}') is not a "
                                               "number.").format(line=number, file=name, value=bad[:30],
                                                                 word=word[:40])) from None
        if not np.isfinite(values).all():
            raise _bad(name, translate("core", "Line {line} of {file}: the vector of '{word}' holds NaN or infinity.")
                       .format(line=number, file=name, word=word[:40]))
        words.append(word)
        rows.append(values)
        if number % 5000 == 0:
            cancel.raise_if_cancelled()
            if time.monotonic() - last > 0.25:
                last = time.monotonic()
                progress(Progress(start, total, translate("core", "Reading {file}").format(file=name), unit="B"))
    vectors = np.stack(rows) if rows else np.zeros((0, dim or 1), dtype=np.float32)
    return words, vectors


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_binary(body: bytes, count: int, dim: int, name: str, cancel: CancelToken,
                 progress: ProgressCallback) -> tuple[list[str], np.ndarray]:
    width = 4 * dim
    vectors = np.empty((count, dim), dtype=np.float32)
    words = []
    position = 0
    last = time.monotonic()
    for k in range(count):
        while position < len(body) and body[position:position + 1] in (b"\n", b" "):
            position += 1  # a newline after each vector is optional
        space = body.find(b" ", position)
        if space < 0 or space + 1 + width > len(body):
            word = body[position:space if space >= 0 else position + 40].decode("utf-8", "replace")
            raise _bad(name, translate("core", "{file} ends inside vector {k} ('{word}'); its first line promises "
                                               "{n} vectors of {dim} numbers.").format(
                file=name, k=f"{k + 1:,}", word=word[:40], n=f"{count:,}", dim=dim))
        words.append(body[position:space].decode("utf-8", "replace"))
        vectors[k] = np.frombuffer(body, dtype="<f4", count=dim, offset=space + 1)
        position = space + 1 + width
        if k % 5000 == 0:
            cancel.raise_if_cancelled()
            if time.monotonic() - last > 0.25:
                last = time.monotonic()
                progress(Progress(k, count, translate("core", "Reading {file}").format(file=name), unit="vectors"))
    if not np.isfinite(vectors).all():
        bad = int(np.where(~np.isfinite(vectors).all(axis=1))[0][0])
        raise _bad(name, translate("core", "The vector of '{word}' (number {k}) holds NaN or infinity.").format(
            word=words[bad][:40], k=bad + 1))
    return words, vectors


def write_word2vec_binary(path: Path, words: list[str], vectors: np.ndarray) -> None:
    vectors = np.ascontiguousarray(vectors, dtype="<f4")
    with open(path, "wb") as f:
        f.write(f"{len(words)} {vectors.shape[1]}\n".encode())
        for word, row in zip(words, vectors):
            f.write(word.replace(" ", "_").encode("utf-8") + b" " + row.tobytes() + b"\n")


# ---- the library -------------------------------------------------------------------------------------
def _target(library, name: str) -> Path:
    from workbench.core.library import store_name_for

    name = store_name_for(name)
    target = library.store / name
    if target.exists():
        raise WorkbenchError(translate("core", "The library already has a model called '{name}'.").format(name=name),
                             translate("core", "Choose another name, or remove it first (workbench models remove "
                                               "{name}).").format(name=name))
    return target


def save_vectors(library, name: str, words: list[str], vectors: np.ndarray, config: dict) -> Path:
    """Write the vectors into the library as ``name`` (all or nothing: a temporary folder renamed into place)."""
    from workbench.core.library import renamed_into_place, write_meta

    target = _target(library, name)
    with renamed_into_place(library.store / f".{target.name}.writing-{os.getpid()}", target) as tmp:
        write_word2vec_binary(tmp / VECTORS_FILE, words, vectors)
        config = {"kind": KIND, "format": "word2vec-binary", "file": VECTORS_FILE, "vocab_size": len(words),
                  "dim": int(vectors.shape[1]), **config}
        (tmp / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
        write_meta(tmp, {"description": describe_config(config), "created_at": time.time()})
    return target


def describe_config(config: dict) -> str:
    method = config.get("method", "")
    what = {"word2vec-skipgram": "Word2Vec skip-gram", "word2vec-cbow": "Word2Vec CBOW", "glove": "GloVe"}.get(
        method, translate("core", "imported"))
    return translate("core", "Static word vectors ({what}): {n} words × {dim}").format(
        what=what, n=f"{config.get('vocab_size', 0):,}", dim=config.get("dim", 0))


@dataclass
class TrainedVectors:
    model_path: str
    name: str
    vocab_size: int
    dim: int
    seconds: float
    method: str
    losses: list[float]
    stopped: bool = False
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"model_path": self.model_path, "name": self.name, "vocab_size": self.vocab_size, "dim": self.dim,
                "seconds": round(self.seconds, 3), "method": self.method, "losses": self.losses}


def import_vectors(library, path: str | Path, name: str = "", cancel: CancelToken = NEVER_CANCELLED,
                   progress: ProgressCallback = no_progress) -> TrainedVectors:
    """Pre-trained vectors (word2vec text/binary, GloVe text) into the library."""
    start = time.perf_counter()
    path = Path(path).expanduser()
    name = name or re.sub(r"\.(txt|vec|bin|gz)$", "", path.name, flags=re.IGNORECASE)
    _target(library, name)  # before reading a large file
    words, vectors, fmt, notes = read_vectors_file(path, cancel, progress)
    cancel.raise_if_cancelled()
    keep = sorted({w: i for i, w in reversed(list(enumerate(words)))}.values())  # first of each duplicate
    words, vectors = [words[i] for i in keep], vectors[keep]
    config = {"method": "loaded", "source": str(path), "source_format": fmt, "segment": "words"}
    target = save_vectors(library, name, words, vectors, config)
    return TrainedVectors(str(target), target.name, len(words), int(vectors.shape[1]), time.perf_counter() - start,
                          "loaded", [], notes=notes)


# ---- training --------------------------------------------------------------------------------------
@dataclass
class TrainSettings:
    method: str = "word2vec"  # word2vec | glove
    dim: int = 100
    window: int = 5
    min_count: int = 5
    epochs: int = 5
    sg: bool = False  # word2vec: skip-gram (else CBOW)
    seed: int = 0
    segment: str = "words"

    def check(self) -> None:
        if self.method not in METHODS:
            raise WorkbenchError(translate("core", "Unknown method '{m}'.").format(m=self.method),
                                 translate("core", "Choose word2vec or glove."))
        for value, label in ((self.dim, "dim"), (self.window, "window"), (self.epochs, "epochs"),
                             (self.min_count, "min-count")):
            if value < 1:
                raise WorkbenchError(translate("core", "{name} must be at least 1 (it is {value}).").format(
                    name=label, value=value), translate("core", "Choose a positive number."))
        if self.segment not in SEGMENTS:
            segment("", self.segment)


def train_vectors(library, data: str | Path, name: str, settings: TrainSettings, column: str | None = None,
                  cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> TrainedVectors:
    """Read, segment, train and save. Stop ends training within a few hundred sentences (word2vec) or one
    mini-batch (GloVe); the vectors trained so far are then not saved (``Cancelled``)."""
    settings.check()
    _target(library, name)
    start = time.perf_counter()
    corpus = read_corpus(data, column, settings.segment, cancel, progress)
    words = vocabulary(corpus.sentences, settings.min_count, corpus.source)
    if settings.method == "word2vec":
        words, vectors, losses = train_word2vec(corpus.sentences, settings, cancel, progress)
        method = "word2vec-skipgram" if settings.sg else "word2vec-cbow"
    else:
        counts = cooccurrence(corpus.sentences, words, settings.window)
        fit = fit_glove(counts, settings.dim, settings.epochs, settings.seed, cancel, progress)
        vectors, losses, method = fit.vectors, fit.losses, "glove"
    cancel.raise_if_cancelled()
    seconds = time.perf_counter() - start
    config = {"method": method, "window": settings.window, "min_count": settings.min_count,
              "epochs": settings.epochs, "seed": settings.seed, "segment": settings.segment, "data": str(data),
              "column": column or "", "sentences": len(corpus.sentences), "words_in_text": corpus.words,
              "losses": losses, "seconds": round(seconds, 3)}
    target = save_vectors(library, name, words, vectors, config)
    return TrainedVectors(str(target), target.name, len(words), int(vectors.shape[1]), seconds, method, losses,
                          notes=corpus.notes)


class _StoppableSentences:
    """The corpus as gensim iterates it each epoch: it ends early once Stop is pressed (gensim then ends the
    epoch), and reports progress through the epoch."""

    def __init__(self, sentences, epochs: int, cancel: CancelToken, progress: ProgressCallback):
        self.sentences, self.epochs, self.cancel, self.progress = sentences, epochs, cancel, progress
        self.epoch = 0
        self._last = 0.0

    def __iter__(self):
        n = len(self.sentences)
        for i, sentence in enumerate(self.sentences):
            if i % 256 == 0:
                if self.cancel.cancelled:
                    return
                now = time.monotonic()
                if now - self._last > 0.2:
                    self._last = now
                    self.progress(Progress(self.epoch * n + i, self.epochs * n, translate(
                        "core", "Epoch {e} of {E}").format(e=self.epoch + 1, E=self.epochs), unit="sentences"))
            yield sentence


def train_word2vec(sentences: list[list[str]], settings: TrainSettings, cancel: CancelToken = NEVER_CANCELLED,
                   progress: ProgressCallback = no_progress) -> tuple[list[str], np.ndarray, list[float]]:
    """gensim's Word2Vec on one worker thread (so the same seed gives the same vectors)."""
    import logging

    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec

    logging.getLogger("gensim").setLevel(logging.ERROR)  # it warns when Stop ends an epoch early
    corpus = _StoppableSentences(sentences, settings.epochs, cancel, progress)
    losses: list[float] = []

    class Epochs(CallbackAny2Vec):
        def __init__(self):
            self.before = 0.0

        def on_epoch_end(self, model):
            total = float(model.get_latest_training_loss())  # cumulative over this train() call
            if not cancel.cancelled:
                losses.append(total - self.before)
                progress(EpochLoss(len(losses), settings.epochs, losses[-1]))
            self.before = total
            corpus.epoch += 1

    model = Word2Vec(vector_size=settings.dim, window=settings.window, min_count=settings.min_count,
                     sg=1 if settings.sg else 0, seed=settings.seed, workers=1, compute_loss=True)
    model.build_vocab(corpus_iterable=sentences)
    model.train(corpus_iterable=corpus, total_examples=len(sentences), epochs=settings.epochs, compute_loss=True,
                callbacks=[Epochs()])
    if cancel.cancelled:
        raise Cancelled()
    words = list(model.wv.index_to_key)
    return words, np.asarray(model.wv.vectors, dtype=np.float32).copy(), losses


# ---- co-occurrence and GloVe ------------------------------------------------------------------------
@dataclass
class Cooccurrence:
    words: list[str]
    rows: np.ndarray  # int64 (nnz,): i
    cols: np.ndarray  # j
    weighted: np.ndarray  # float64 (nnz,): X_ij, each pair weighted 1/distance (GloVe's counts)
    raw: np.ndarray  # float64 (nnz,): plain counts of the pair within the window

    def dense(self, weighted: bool = True) -> np.ndarray:
        n = len(self.words)
        out = np.zeros((n, n), dtype=np.float64)
        np.add.at(out, (self.rows, self.cols), self.weighted if weighted else self.raw)
        return out


def cooccurrence(sentences: list[list[str]], words: list[str], window: int) -> Cooccurrence:
    """Symmetric counts of word pairs at most ``window`` apart within a sentence (words outside
    ``words`` are skipped over, as GloVe's own counter does after its vocabulary cut)."""
    from scipy.sparse import coo_matrix

    index = {w: i for i, w in enumerate(words)}
    ids, sentence_of = [], []
    for n, sentence in enumerate(sentences):
        for w in sentence:
            i = index.get(w)
            if i is not None:
                ids.append(i)
                sentence_of.append(n)
    ids_a = np.asarray(ids, dtype=np.int64)
    sent = np.asarray(sentence_of, dtype=np.int64)
    rows, cols, weights, plain = [], [], [], []
    for d in range(1, window + 1):
        same = sent[:-d] == sent[d:] if len(ids_a) > d else np.zeros(0, dtype=bool)
        a, b = ids_a[:-d][same], ids_a[d:][same]
        for x, y in ((a, b), (b, a)):
            rows.append(x)
            cols.append(y)
            weights.append(np.full(len(x), 1.0 / d))
            plain.append(np.ones(len(x)))
    n = len(words)
    r, c = np.concatenate(rows or [np.zeros(0, np.int64)]), np.concatenate(cols or [np.zeros(0, np.int64)])
    weighted = coo_matrix((np.concatenate(weights or [np.zeros(0)]), (r, c)), shape=(n, n)).tocsr()
    counted = coo_matrix((np.concatenate(plain or [np.zeros(0)]), (r, c)), shape=(n, n)).tocsr()
    weighted.sum_duplicates()
    counted.sum_duplicates()
    coo = weighted.tocoo()
    raw = np.asarray(counted[coo.row, coo.col]).ravel()
    return Cooccurrence(list(words), coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data.astype(np.float64),
                        raw.astype(np.float64))


def cooccurrence_table(path: str | Path, chosen: list[str], window: int = 5, segment_mode: str = "words",
                       column: str | None = None, cancel: CancelToken = NEVER_CANCELLED,
                       progress: ProgressCallback = no_progress) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(words, plain counts, 1/distance-weighted counts) of the chosen words with each other in a text."""
    if len(chosen) < 2:
        raise WorkbenchError(translate("core", "A co-occurrence matrix needs at least two words."),
                             translate("core", "Type two or more words separated by commas."))
    if window < 1:
        raise WorkbenchError(translate("core", "window must be at least 1 (it is {value}).").format(value=window),
                             translate("core", "Choose a positive number."))
    corpus = read_corpus(path, column, segment_mode, cancel, progress)
    wanted = [w.strip().lower() for w in chosen]
    counts = cooccurrence(corpus.sentences, wanted, window)
    return wanted, counts.dense(weighted=False), counts.dense(weighted=True)


@dataclass
class GloveFit:
    vectors: np.ndarray  # w + w̃
    w: np.ndarray
    w_context: np.ndarray
    b: np.ndarray
    b_context: np.ndarray
    losses: list[float]


def fit_glove(counts: Cooccurrence, dim: int, epochs: int, seed: int = 0, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress, learning_rate: float = GLOVE_LEARNING_RATE,
              batch: int | None = None) -> GloveFit:
    """GloVe's weighted least squares with AdaGrad (numpy, float64 accumulators, a seeded shuffle)."""
    n = len(counts.words)
    if len(counts.weighted) == 0:
        raise WorkbenchError(translate("core", "No two kept words occur within the window of each other."),
                             translate("core", "Widen the window, lower the minimum count, or use a longer text."))
    rng = np.random.default_rng(seed)
    w = ((rng.random((n, dim)) - 0.5) / dim).astype(np.float64)
    wc = ((rng.random((n, dim)) - 0.5) / dim).astype(np.float64)
    b, bc = np.zeros(n), np.zeros(n)
    gw, gwc, gb, gbc = np.ones((n, dim)), np.ones((n, dim)), np.ones(n), np.ones(n)  # AdaGrad, 1 as glove.c
    i_all, j_all = counts.rows, counts.cols
    log_x = np.log(counts.weighted)
    f_all = np.minimum(1.0, (counts.weighted / GLOVE_X_MAX) ** GLOVE_ALPHA)
    nnz = len(log_x)
    batch = batch or max(8, min(GLOVE_BATCH, nnz // 100))
    losses: list[float] = []
    last = 0.0
    for epoch in range(epochs):
        order = rng.permutation(nnz)
        total = 0.0
        for start in range(0, nnz, batch):
            cancel.raise_if_cancelled()
            pick = order[start:start + batch]
            i, j = i_all[pick], j_all[pick]
            diff = np.einsum("kd,kd->k", w[i], wc[j]) + b[i] + bc[j] - log_x[pick]
            fdiff = f_all[pick] * diff
            total += 0.5 * float(fdiff @ diff)
            grad_w = fdiff[:, None] * wc[j]
            grad_wc = fdiff[:, None] * w[i]
            _adagrad(w, gw, i, grad_w, learning_rate)
            _adagrad(wc, gwc, j, grad_wc, learning_rate)
            _adagrad(b, gb, i, fdiff, learning_rate)
            _adagrad(bc, gbc, j, fdiff, learning_rate)
            now = time.monotonic()
            if now - last > 0.2:
                last = now
                progress(Progress(epoch * nnz + start, epochs * nnz, translate("core", "Epoch {e} of {E}").format(
                    e=epoch + 1, E=epochs), unit="pairs"))
        losses.append(total / nnz)
        progress(EpochLoss(epoch + 1, epochs, losses[-1]))
    vectors = (w + wc).astype(np.float32)
    return GloveFit(vectors, w, wc, b, bc, losses)


def _adagrad(param: np.ndarray, squares: np.ndarray, rows: np.ndarray, grad: np.ndarray, rate: float) -> None:
    """AdaGrad on the rows a mini-batch touched (a row met twice gets the sum of its gradients)."""
    unique, inverse = np.unique(rows, return_inverse=True)
    summed = np.zeros((len(unique),) + grad.shape[1:])
    np.add.at(summed, inverse, grad)
    squares[unique] += summed ** 2
    param[unique] -= rate * summed / np.sqrt(squares[unique])
