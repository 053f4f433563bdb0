"""How one word's contextual vector changes through the layers, across sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.embeddings.sentences import backbone, cancel_between_layers, forward_inputs, model_max_tokens
from workbench.core.embeddings.words import token_labels, unit_rows
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress



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
            inputs = forward_inputs(module, [encoded["input_ids"][i] for i in rows], pad_id, device)
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


def points_from_cosine(similarity: np.ndarray) -> np.ndarray:
    """2D coordinates of unit vectors known only by their cosines (classical MDS: the first two principal
    components of the vectors themselves, up to rotation), for drawing one layer's contexts as points."""
    n = len(similarity)
    centre = np.eye(n) - np.ones((n, n)) / n
    gram = -0.5 * centre @ (2.0 - 2.0 * np.asarray(similarity, dtype=np.float64)) @ centre  # squared distances
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(values)[::-1][:2]
    xy = vectors[:, top] * np.sqrt(np.maximum(values[top], 0.0))
    if xy.shape[1] < 2:
        xy = np.pad(xy, ((0, 0), (0, 2 - xy.shape[1])))
    return xy.astype(np.float32)


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
