"""Where a view's word vectors come from: a library entry of static word vectors, or a loaded model's input
embedding matrix. ``open_words`` gives either as a word source (``vector``, ``nearest``), so neighbours,
analogies, matrices and sentence maps run the same code on both."""

from __future__ import annotations

from contextlib import contextmanager

from workbench.core.embeddings import static
from workbench.core.embeddings.code import code_for_sentences, code_for_words
from workbench.core.embeddings.words import ModelWords, NeighbourResult, WordMatrix, analogy, embedding_weight, \
    neighbours, word_matrix
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, ProgressCallback, WorkbenchError, no_progress


@contextmanager
def open_words(service, model: str, cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress):
    """A word source for ``model`` while the block runs (a transformer is held with ``service.use``)."""
    folder = static.folder_of(service, model)
    if folder is not None:
        yield static.load_vectors(folder, model)
        return
    handle = service.load(model, progress=progress, cancel=cancel)
    cancel.raise_if_cancelled()
    with service.use(handle):
        embedding_weight(handle)  # a clear error for a model without one, before any word is looked up
        yield ModelWords(handle)


def run_words(service, model: str, mode: str, words: list[str], k: int = 10, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress) -> NeighbourResult | WordMatrix:
    """``mode``: neighbours (one word), analogy (A, B, C) or matrix (a list of words)."""
    with open_words(service, model, cancel, progress) as source:
        if mode == "neighbours":
            return neighbours(source, words[0] if words else "", k)
        if mode == "analogy":
            if len(words) != 3 or not all(w.strip() for w in words):
                raise WorkbenchError(translate("core", "An analogy needs three words: A − B + C."),
                                     translate("core", "Fill in all three, e.g. king − man + woman."))
            return analogy(source, *words, k=k)
        return word_matrix(source, words)


def words_code(service, model: str, result: NeighbourResult | WordMatrix, k: int = 10) -> str:
    """A plain program that prints the same numbers: gensim's KeyedVectors for static vectors, else transformers."""
    folder = static.folder_of(service, model)
    if folder is None:
        handle = service.load(model)
        return code_for_words(handle.path, handle.dtype, result, k)
    lines = ["import json",
             "from gensim.models import KeyedVectors",
             "",
             f"vectors = KeyedVectors.load_word2vec_format({str(folder / static.VECTORS_FILE)!r}, binary=True)"]
    if isinstance(result, WordMatrix):
        names = [w.form for w in result.words]
        lines.append(f"words = {names!r}")
        lines.append("print(json.dumps({'similarity': [[float(vectors.similarity(a, b)) for b in words] "
                     "for a in words]}))")
    elif len(result.words) == 3:
        a, b, c = (w.form for w in result.words)
        lines.append(f"found = vectors.most_similar(positive=[{a!r}, {c!r}], negative=[{b!r}], topn={k})"
                     "  # gensim averages unit vectors: close to, not always equal to, a - b + c")
        lines.append("print(json.dumps(found, ensure_ascii=False))")
    else:
        lines.append(f"print(json.dumps(vectors.most_similar({result.words[0].form!r}, topn={k}), "
                     "ensure_ascii=False))")
    return "\n".join(lines) + "\n"


def words_and_code(service, model: str, mode: str, words: list[str], k: int, cancel: CancelToken = NEVER_CANCELLED,
                   progress: ProgressCallback = no_progress) -> tuple:
    """(result, code) for the Words page."""
    result = run_words(service, model, mode, words, k, cancel=cancel, progress=progress)
    return result, words_code(service, model, result, k)


def map_code(service, model: str, texts: list[str], result) -> str:
    """A plain program that prints the same sentence vectors: the mean of gensim's word vectors for static
    vectors (the workbench's own segmentation, named in a comment), else transformers + scikit-learn."""
    folder = static.folder_of(service, model)
    if folder is None:
        handle = service.load(model)
        return code_for_sentences(handle.path, handle.dtype, texts, result.pooling, result.limit,
                                  result.projection.method)
    segment_mode = static.load_vectors(folder, model).config.get("segment", "words")
    words = [static.segment(t, segment_mode) for t in texts[:200]]
    return "\n".join([
        "import json",
        "import numpy as np",
        "from gensim.models import KeyedVectors",
        "",
        f"vectors = KeyedVectors.load_word2vec_format({str(folder / static.VECTORS_FILE)!r}, binary=True)",
        f"# the texts cut into words as the workbench cuts them (segment={segment_mode!r}), the first 200",
        f"texts = {words!r}",
        "mean = [np.mean([vectors[w] for w in t if w in vectors] or [np.zeros(vectors.vector_size)], axis=0) "
        "for t in texts]",
        "print(json.dumps({'vectors': [v.tolist() for v in mean]}))",
    ]) + "\n"
