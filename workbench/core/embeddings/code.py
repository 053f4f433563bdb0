"""Copy as code: short plain-transformers programs that print the same numbers as each view."""

from __future__ import annotations

from workbench.core.embeddings.contexts import ContextResult
from workbench.core.embeddings.maps import TSNE_PCA_DIMS
from workbench.core.embeddings.sentences import BATCH_SIZE, Pooling
from workbench.core.embeddings.words import NeighbourResult, WordMatrix
from workbench.core.tsne import INTS_IN_INTERVAL



# ---- copy as code ----------------------------------------------------------------------------------
def _code_head(path: str, dtype: str) -> list[str]:
    return ["import json",
            "import os",
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
    """Plain transformers + scikit-learn (PCA) + openTSNE code that prints the same vectors and map as JSON."""
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
    lines = _code_head(path, dtype) + ["from openTSNE import TSNE", "from sklearn.decomposition import PCA",
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
                  (f"xy = TSNE(n_components=2, perplexity=perplexity, initialization='pca', random_state={seed}, "
                   f"ints_in_interval={INTS_IN_INTERVAL}, n_jobs=os.cpu_count()).fit(data)")]
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
