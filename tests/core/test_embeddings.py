"""Embeddings core: word neighbours and analogies against numpy, sentence vectors against the
sentence-transformers recipe, projections against scikit-learn, contexts layer by layer, bad inputs,
and the "copy as code" snippets run in a separate Python."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from workbench.core import embeddings as E
from workbench.core.jobs import Cancelled, CancelToken, WorkbenchError


def _cosine_top(matrix: np.ndarray, query: np.ndarray, exclude: set[int], k: int) -> list[int]:
    scores = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query) + 1e-30)
    scores[list(exclude)] = -np.inf
    return list(np.argsort(-scores, kind="stable")[:k])


def _matrix(handle) -> np.ndarray:
    return handle.model.get_input_embeddings().weight.detach().float().numpy()[:len(handle.tokenizer)]


def test_neighbours_and_analogy_equal_a_numpy_cosine(service, tiny):
    handle = service.load(str(tiny("gpt2")))
    matrix = _matrix(handle)
    result = E.neighbours(handle, "capital", k=8)
    word = result.words[0]
    assert word.ids == handle.tokenizer.encode(word.form, add_special_tokens=False)
    expected = _cosine_top(matrix, matrix[word.ids].mean(axis=0), set(word.ids), 8)
    assert [n.id for n in result.neighbours] == expected
    assert all(n.id not in word.ids for n in result.neighbours)
    scores = [n.score for n in result.neighbours]
    assert scores == sorted(scores, reverse=True)
    top = matrix[expected[0]]
    query = matrix[word.ids].mean(axis=0)
    assert scores[0] == pytest.approx(float(top @ query / np.linalg.norm(top) / np.linalg.norm(query)), abs=1e-5)

    result = E.analogy(handle, "Paris", "France", "Germany", k=5)
    a, b, c = result.words
    vector = matrix[a.ids].mean(0) - matrix[b.ids].mean(0) + matrix[c.ids].mean(0)
    assert [n.id for n in result.neighbours] == _cosine_top(matrix, vector, set(a.ids + b.ids + c.ids), 5)
    assert result.query == "Paris - France + Germany"


def test_a_word_of_several_pieces_is_their_mean_and_says_so(service, tiny):
    handle = service.load(str(tiny("gpt2")))
    word = E.word_vector(handle, "unbelievably")
    assert len(word.ids) > 1
    np.testing.assert_allclose(word.vector, _matrix(handle)[word.ids].mean(axis=0), atol=1e-6)
    assert str(len(word.ids)) in word.note and "mean" in word.note
    matrix = E.word_matrix(handle, E.parse_words("cat, dog，fox"))
    assert matrix.matrix.shape == (3, 3)
    np.testing.assert_allclose(np.diag(matrix.matrix), 1.0, atol=1e-5)


def test_word_bad_inputs(service, tiny):
    handle = service.load(str(tiny("bert")))
    with pytest.raises(WorkbenchError, match="cannot form"):
        E.neighbours(handle, "жжж")
    with pytest.raises(WorkbenchError, match="empty"):
        E.neighbours(handle, "  ")
    with pytest.raises(WorkbenchError, match="at least two words"):
        E.word_matrix(handle, ["fox"])

    class NoEmbeddings:
        def get_input_embeddings(self):
            raise NotImplementedError

    class Handle:
        name, model, tokenizer = "stub", NoEmbeddings(), handle.tokenizer

    with pytest.raises(WorkbenchError, match="no input embedding matrix"):
        E.neighbours(Handle(), "fox")


def _st_recipe(path, texts, normalise=True):
    """The sentence-transformers model card's recipe: mean pooling over the attention mask, L2 norm."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    encoded = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**encoded).last_hidden_state
    mask = encoded["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return (torch.nn.functional.normalize(pooled, p=2, dim=1) if normalise else pooled).numpy()


TEXTS = ["The cat sat on the mat.", "A language model predicts the next token.", "Hello world!",
         "Paris is the capital of France. Berlin is the capital of Germany.", "I loved this film."]


def test_sentence_vectors_follow_the_declared_pooling(service, tiny, tmp_path):
    folder = tmp_path / "st-bert"
    shutil.copytree(tiny("bert"), folder)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": True}))
    handle = service.load(str(folder))
    pooling = E.choose_pooling(handle)
    assert (pooling.mode, pooling.normalise, pooling.declared) == ("mean", True, True)
    got = E.embed_texts(handle, TEXTS, pooling, batch_size=2)
    np.testing.assert_allclose(got.vectors, _st_recipe(folder, TEXTS), atol=1e-5)
    assert "own pooling" in pooling.describe()

    plain = service.load(str(tiny("bert")))
    chosen = E.choose_pooling(plain, "auto")
    assert (chosen.mode, chosen.declared) == ("mean", False) and "chosen" in chosen.describe()
    np.testing.assert_allclose(E.embed_texts(plain, TEXTS, chosen).vectors,
                               _st_recipe(tiny("bert"), TEXTS, normalise=False), atol=1e-5)
    cls = E.embed_texts(plain, TEXTS, "cls", batch_size=3).vectors
    last = E.embed_texts(plain, TEXTS, "last").vectors
    assert not np.allclose(cls, last)


@pytest.mark.starter
def test_minilm_vectors_equal_the_model_card_recipe(service):
    handle = service.load("all-minilm-l6-v2")
    pooling = E.choose_pooling(handle)
    assert (pooling.mode, pooling.normalise, pooling.declared, pooling.max_length) == ("mean", True, True, 256)
    got = E.embed_texts(handle, TEXTS, pooling, batch_size=2)
    np.testing.assert_allclose(got.vectors, _st_recipe(handle.path, TEXTS), atol=1e-5)


def _search_and_map(service, model: str) -> tuple[list[float], list[float]]:
    """The Tasks tab's search scores and the cosines of the Embeddings tab's map vectors, per document."""
    from workbench.core.tasks import TaskInputs, run_task

    query, docs = TEXTS[0], TEXTS[1:]
    found = run_task(service, "search", model, TaskInputs(text=query, documents=docs))
    searched = [hit.score for hit in sorted(found.results, key=lambda hit: hit.index)]
    mapped = E.build_map(service, model, docs + [query]).vectors
    unit = E.unit_rows(mapped)
    return searched, list(unit[:-1] @ unit[-1])


def test_tasks_search_and_the_embeddings_map_give_the_same_vectors(service, tiny, tmp_path):
    # The model declares first-token pooling in a folder not named 1_Pooling: both tabs follow it.
    folder = tmp_path / "cls-bert"
    shutil.copytree(tiny("bert"), folder)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "pool", "type": "sentence_transformers.models.Pooling"}]))
    (folder / "pool").mkdir()
    (folder / "pool" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    searched, mapped = _search_and_map(service, str(folder))
    np.testing.assert_allclose(searched, mapped, atol=1e-5)
    # ... and it is the first token's vector, not the mean the Tasks tab used to take.
    handle = service.load(str(folder))
    cls, mean = (E.unit_rows(E.embed_texts(handle, TEXTS, mode).vectors) for mode in ("cls", "mean"))
    np.testing.assert_allclose(searched, cls[1:] @ cls[0], atol=1e-5)
    assert not np.allclose(searched, mean[1:] @ mean[0], atol=1e-3)


@pytest.mark.starter
def test_minilm_search_and_map_agree(service):
    searched, mapped = _search_and_map(service, "all-minilm-l6-v2")
    np.testing.assert_allclose(searched, mapped, atol=1e-5)


def test_pca_equals_scikit_learn_and_the_map_fits_together(service, tiny):
    from sklearn.decomposition import PCA

    texts = [f"{w} number {i}" for i, w in enumerate(["cat", "dog", "film", "Paris", "model", "token"] * 3)]
    labels = ["a", "b", "c"] * 6
    result = E.build_map(service, str(tiny("bert")), texts, labels, clusters=3)
    expected = PCA(n_components=2, random_state=0).fit(result.vectors)
    np.testing.assert_allclose(result.projection.xy, expected.transform(result.vectors), atol=1e-4)
    assert result.projection.explained_variance == pytest.approx(list(expected.explained_variance_ratio_), abs=1e-6)
    unit = result.vectors / np.linalg.norm(result.vectors, axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    assert list(result.neighbour) == list(sims.argmax(axis=1))
    assert set(result.clusters.tolist()) == {0, 1, 2}
    shape = result.to_json()
    assert set(shape) == {"items", "pooling", "explained_variance"}
    assert set(shape["items"][0]) == {"text", "label", "x", "y", "cluster", "neighbour"}
    assert shape["items"][1]["label"] == "b"


def test_tsne_on_a_sample_says_so_equals_opentsne_and_reports_iterations():
    from openTSNE import TSNE

    from workbench.core.tsne import tsne_params

    vectors = np.random.default_rng(0).normal(size=(60, 8)).astype(np.float32)
    seen = []
    result = E.project(vectors, "tsne", seed=3, tsne_limit=30, progress=seen.append)
    assert len(result.sample) == 30 and np.isnan(result.xy).any(axis=1).sum() == 30
    assert any("sample of 30 of the 60" in note for note in result.notes)
    # run in its own process, placed exactly as openTSNE places them here
    expected = np.asarray(TSNE(**tsne_params(30, 3)).fit(vectors[result.sample]))
    np.testing.assert_allclose(result.xy[result.sample], expected, atol=1e-4)
    iterations = [e.done for e in seen if "iteration" in e.message]
    assert iterations and iterations == sorted(iterations) and iterations[-1] == seen[0].total == 750
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        E.project(vectors, "tsne", cancel=token)


def test_stop_ends_a_running_tsne_within_two_seconds():
    import multiprocessing
    import threading
    import time

    vectors = np.random.default_rng(0).normal(size=(1500, 50)).astype(np.float32)  # runs on after its first report
    token = CancelToken()
    running = threading.Event()

    def progress(event):
        if "iteration" in event.message:
            running.set()  # the child is past its start and iterating

    stopped = {}

    def stop_when_running():
        running.wait(120)
        stopped["at"] = time.perf_counter()
        token.cancel()

    threading.Thread(target=stop_when_running, daemon=True).start()
    with pytest.raises(Cancelled):
        E.project(vectors, "tsne", cancel=token, progress=progress)
    assert running.is_set()
    assert time.perf_counter() - stopped["at"] < 2.0
    assert not [p for p in multiprocessing.active_children() if p.name == "workbench-tsne"]


_UNGUARDED = """
import numpy as np
from workbench.core.jobs import WorkbenchError
from workbench.core.tsne import run_tsne
try:
    run_tsne(np.zeros((2000, 50), dtype=np.float32))  # more than a pipe holds
except WorkbenchError as exc:
    print(exc.message)
"""


def test_a_tsne_process_that_dies_while_starting_is_reported(tmp_path):
    # A script without the __main__ guard makes the spawned child fail before it reads its data.
    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(Path(E.__file__).parents[3])})
    assert "t-SNE stopped unexpectedly (its process ended with code 1)" in out.stdout, out.stderr[-1500:]


def test_contexts_layer_zero_is_the_token_itself_then_contexts_differ(service, tiny):
    # Llama has no position embeddings: layer 0 (the embedding output) of the same token is identical
    # wherever it stands; the layers after it mix in the context.
    texts = ["Paris is the capital of France.", "The capital was spent quickly.", "Berlin is the capital of Germany."]
    handle = service.load(str(tiny("llama")))
    result = E.contextual_similarity(handle, "capital", texts)
    layers = handle.config.num_hidden_layers + 1
    assert result.similarity.shape == (layers, 3, 3)
    np.testing.assert_allclose(result.similarity[0], 1.0, atol=1e-5)
    assert result.similarity[-1, 0, 1] < 0.999
    np.testing.assert_allclose(np.diagonal(result.similarity, axis1=1, axis2=2), 1.0, atol=1e-5)
    assert result.pieces[0] and all(p == result.pieces[0] for p in result.pieces)
    assert result.to_json()["layers"] == layers

    with pytest.raises(WorkbenchError, match="does not occur in sentence 2"):
        E.contextual_similarity(handle, "capital", ["The capital.", "No such word here."])
    with pytest.raises(WorkbenchError, match="at least two sentences"):
        E.contextual_similarity(handle, "capital", ["The capital."])

    # BERT adds position embeddings at layer 0: the same token at another position differs there already.
    bert = service.load(str(tiny("bert")))
    moved = E.contextual_similarity(bert, "capital", ["The capital.", "Paris is the capital of France."])
    assert moved.similarity[0, 0, 1] < 0.999


def test_texts_from_files_and_bad_inputs(tmp_path, service, tiny):
    table = tmp_path / "topics.csv"
    table.write_bytes("sentence;topic\nÉté chaud;weather\n;weather\nLe match;football\n".encode("cp1252"))
    read = E.read_texts(table, guess_label=True)
    assert read.texts == ["Été chaud", "Le match"] and read.labels == ["weather", "football"]
    assert read.column == "sentence" and any("empty" in n for n in read.notes)
    assert E.read_texts(table, "sentence").labels is None
    with pytest.raises(WorkbenchError, match="no column 'body'"):
        E.read_texts(table, "body")
    with pytest.raises(WorkbenchError, match="no column 'kind'"):
        E.read_texts(table, "sentence", "kind")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(WorkbenchError, match="empty.txt is empty"):
        E.read_texts(empty)
    blank = tmp_path / "blank.csv"
    blank.write_text("sentence,topic\n ,a\n")
    with pytest.raises(WorkbenchError, match="blank.csv holds no texts"):
        E.read_texts(blank)
    lines = tmp_path / "lines.txt"
    lines.write_text("one\n\n two \n")
    assert E.read_texts(lines).texts == ["one", "two"]
    with pytest.raises(WorkbenchError, match="at least two texts"):
        E.build_map(service, str(tiny("bert")), ["only one"])
    with pytest.raises(WorkbenchError, match="clusters"):
        E.build_map(service, str(tiny("bert")), ["a", "b", "c"], clusters=5)


def test_copied_code_reproduces_the_numbers(service, tiny, tmp_path):
    bert = service.load(str(tiny("bert")))
    words = E.neighbours(bert, "capital", k=5)
    analogy = E.analogy(bert, "paris", "france", "germany", k=5)
    sentences = E.embed_texts(bert, TEXTS, "auto")
    xy = E.project(sentences.vectors, "pca").xy
    contexts = E.contextual_similarity(bert, "capital", ["The capital.", "Paris is the capital of France."])
    snippets = [E.code_for_words(bert.path, bert.dtype, words, k=5),
                E.code_for_words(bert.path, bert.dtype, analogy, k=5),
                E.code_for_sentences(bert.path, bert.dtype, TEXTS, sentences.pooling, sentences.limit),
                E.code_for_contexts(bert.path, bert.dtype, contexts)]
    script = tmp_path / "snippets.py"
    # each snippet is a whole program; run them one after another in one fresh Python
    script.write_text("\n".join(f"def run_{i}():\n" + "\n".join("    " + line for line in s.splitlines())
                                + f"\nrun_{i}()\n" for i, s in enumerate(snippets)))
    out = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    printed = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert [n["id"] for n in printed[0]["neighbours"]] == [n.id for n in words.neighbours]
    assert [n["score"] for n in printed[0]["neighbours"]] == pytest.approx([n.score for n in words.neighbours],
                                                                           abs=1e-5)
    assert [n["id"] for n in printed[1]["neighbours"]] == [n.id for n in analogy.neighbours]
    np.testing.assert_allclose(np.array(printed[2]["vectors"]), sentences.vectors, atol=1e-5)
    np.testing.assert_allclose(np.abs(np.array(printed[2]["xy"])), np.abs(xy), atol=1e-4)
    np.testing.assert_allclose(np.array(printed[3]["similarity"]), contexts.similarity, atol=1e-5)
