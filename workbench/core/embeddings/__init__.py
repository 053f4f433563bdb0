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

Static word vectors (``static``: Word2Vec, GloVe, pre-trained files) answer the same calls as the input matrix
(``sources.open_words``), so every view works on them.

The package: ``words`` (input-embedding neighbours), ``static`` (word vectors of their own), ``sources``
(either as a word source), ``texts`` (reading texts), ``sentences`` (pooled
vectors), ``maps`` (projections, clusters), ``contexts`` (a word through the layers), ``code`` (copy as code).
"""

from workbench.core.embeddings.words import (
    token_labels, WordVector, Neighbour, NeighbourResult, WordMatrix, embedding_weight, vocabulary_size,
    word_vector, nearest_tokens, neighbours, analogy, parse_words, word_matrix, cosine_matrix, unit_rows,
    save_words, ModelWords, word_source,
)
from workbench.core.embeddings.sources import map_code, open_words, run_words, words_and_code
from workbench.core.embeddings.texts import (
    TextSet, TEXT_COLUMN_NAMES, LABEL_COLUMN_NAMES, parse_texts, read_texts,
)
from workbench.core.embeddings.sentences import (
    POOLINGS, BATCH_SIZE, Pooling, declared_pooling, choose_pooling, model_max_tokens, backbone,
    cancel_between_layers, forward_inputs, pool, SentenceVectors, embed_texts,
)
from workbench.core.embeddings.maps import (
    PROJECTIONS, TSNE_PCA_DIMS, MAX_CLUSTERS, Projection, project, kmeans, nearest_other, neighbours_of,
    SentenceMap, build_map, save_map,
)
from workbench.core.embeddings.contexts import (
    ContextResult, find_word, contextual_similarity, points_from_cosine, run_contexts, save_contexts,
)
from workbench.core.embeddings.code import (
    code_for_words, code_for_sentences, code_for_contexts,
)

__all__ = [
    "token_labels", "WordVector", "Neighbour", "NeighbourResult", "WordMatrix", "embedding_weight",
    "vocabulary_size", "word_vector", "nearest_tokens", "neighbours", "analogy", "parse_words", "word_matrix",
    "cosine_matrix", "unit_rows", "save_words", "run_words", "ModelWords", "word_source", "open_words",
    "words_and_code", "map_code", "TextSet", "TEXT_COLUMN_NAMES", "LABEL_COLUMN_NAMES",
    "parse_texts", "read_texts", "POOLINGS", "BATCH_SIZE", "Pooling", "declared_pooling", "choose_pooling",
    "model_max_tokens", "backbone", "cancel_between_layers", "forward_inputs", "pool", "SentenceVectors",
    "embed_texts", "PROJECTIONS", "TSNE_PCA_DIMS", "MAX_CLUSTERS", "Projection", "project", "kmeans",
    "nearest_other", "neighbours_of", "SentenceMap", "build_map", "save_map", "ContextResult", "find_word",
    "contextual_similarity", "points_from_cosine", "run_contexts", "save_contexts", "code_for_words", "code_for_sentences",
    "code_for_contexts",
]
