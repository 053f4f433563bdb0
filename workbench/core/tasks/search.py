"""Semantic search: documents and the query embedded with the Embeddings tab's code (the model's own pooling,
else the mean over tokens; the same vectors in both tabs), ranked by cosine similarity; documents read from a
file with the project's one text reader."""

from __future__ import annotations

from pathlib import Path

from workbench.core.embeddings import embed_texts, read_texts, unit_rows
from workbench.core.i18n import translate
from workbench.core.tasks.registry import SearchHit


def read_documents(path: Path) -> list[str]:
    """Documents from a file: a table's column named text/document/content/sentence (else the first), or
    plain text with one document per line, read as the Embeddings tab reads texts. Blank ones are skipped."""
    return read_texts(path).texts


def run_search(task, handle, facts, inputs, result, cancel, progress):
    documents = [d.strip() for d in inputs.documents if d.strip()]
    docs = embed_texts(handle, documents, cancel=cancel, progress=progress)
    query = embed_texts(handle, [inputs.text.strip()], cancel=cancel)
    scores = (unit_rows(docs.vectors) @ unit_rows(query.vectors)[0]).tolist()
    order = sorted(range(len(documents)), key=lambda i: scores[i], reverse=True)
    result.source = inputs.text
    result.results = [SearchHit(documents[i], float(scores[i]), i) for i in order]
    cut, limit = docs.truncated, docs.limit
    if cut:
        result.notes.append((translate("core", "1 document was longer than {limit} tokens; only the beginning was "
                                               "compared.") if cut == 1 else
                             translate("core", "{n} documents were longer than {limit} tokens; only the beginning was "
                                               "compared.")).format(n=cut, limit=limit))
    if query.truncated:
        result.notes.append(translate("core", "The query was longer than {limit} tokens; only its beginning was used.").format(limit=limit))
