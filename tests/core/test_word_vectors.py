"""Static word vectors: segmentation, GloVe's fit and Word2Vec on text with planted structure, determinism,
Stop, the standard files (and their malformed forms), the library, every Embeddings view, and the CLI."""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest

from cli_support import run_cli, run_json
from wordvec_support import ANIMALS, FRUITS, VEHICLES, group_of, planted
from workbench.core import embeddings as E
from workbench.core.embeddings import static as S
from workbench.core.jobs import Cancelled, CancelToken, WorkbenchError

def neighbours_in_group(vectors: S.StaticVectors, k: int = 3) -> float:
    hits = 0
    for word in ANIMALS + VEHICLES + FRUITS:
        found = vectors.nearest(vectors.vector(word).vector, k, {vectors.row(word)})
        hits += sum(group_of(n.token) == group_of(word) for n in found)
    return hits / (k * 24)


def test_segmentation_english_chinese_words_and_characters():
    assert S.segment("The cat's toy, the DOG!", "words") == ["the", "cat's", "toy", "the", "dog"]
    assert S.segment("我爱北京天安门", "words") == ["我", "爱", "北京", "天安门"]  # jieba's own example
    assert S.segment("我爱北京 ok", "chars") == ["我", "爱", "北", "京", "ok"]
    with pytest.raises(WorkbenchError, match="segmentation"):
        S.segment("x", "bytes")


def test_cooccurrence_counts_pairs_within_the_window_of_one_sentence():
    sentences = [["a", "b", "c"], ["c", "a"]]
    counts = S.cooccurrence(sentences, ["a", "b", "c"], window=2)
    raw, weighted = counts.dense(weighted=False), counts.dense(weighted=True)
    # a-b at 1, b-c at 1, a-c at 2 (first sentence) and at 1 (second); never across sentences
    np.testing.assert_array_equal(raw, [[0, 1, 2], [1, 0, 1], [2, 1, 0]])
    np.testing.assert_allclose(weighted, [[0, 1, 1.5], [1, 0, 1], [1.5, 1, 0]])
    assert (raw == raw.T).all()


def test_glove_loss_falls_neighbours_come_out_and_the_fit_approximates_log_x(tmp_path):
    corpus = S.read_corpus(planted(tmp_path / "t.txt"))
    words = S.vocabulary(corpus.sentences, 1)
    counts = S.cooccurrence(corpus.sentences, words, 3)
    fit = S.fit_glove(counts, dim=8, epochs=30, seed=1)
    assert fit.losses[-1] < 0.2 * fit.losses[0] and all(b <= a * 1.01 for a, b in zip(fit.losses, fit.losses[1:]))
    predicted = np.einsum("kd,kd->k", fit.w[counts.rows], fit.w_context[counts.cols]) + fit.b[counts.rows] \
        + fit.b_context[counts.cols]
    log_x = np.log(counts.weighted)
    f = np.minimum(1, (counts.weighted / S.GLOVE_X_MAX) ** S.GLOVE_ALPHA)
    residual = np.sum(f * (predicted - log_x) ** 2)
    spread = np.sum(f * (log_x - np.average(log_x, weights=f)) ** 2)
    assert residual / spread < 0.05  # the fitted wᵢ·w̃ⱼ + bᵢ + b̃ⱼ explains > 95 % of log X (weighted)
    vectors = S.StaticVectors(words, fit.vectors)
    assert neighbours_in_group(vectors) > 0.9


def test_word2vec_finds_the_planted_groups_and_one_seed_gives_one_result(tmp_path):
    corpus = S.read_corpus(planted(tmp_path / "t.txt"))
    settings = S.TrainSettings("word2vec", dim=16, window=3, min_count=1, epochs=5, sg=True, seed=3)
    events = []
    words, first, losses = S.train_word2vec(corpus.sentences, settings, progress=events.append)
    _, again, _ = S.train_word2vec(corpus.sentences, settings)
    np.testing.assert_array_equal(first, again)
    _, other, _ = S.train_word2vec(corpus.sentences, S.TrainSettings(**{**settings.__dict__, "seed": 4}))
    assert not np.array_equal(first, other)
    assert len(losses) == 5 and losses[-1] < losses[0]
    assert [e.epoch for e in events if isinstance(e, S.EpochLoss)] == [1, 2, 3, 4, 5]
    assert neighbours_in_group(S.StaticVectors(words, first)) > 0.9


def test_training_saves_into_the_library_and_every_words_view_reads_it(tmp_path, library, service):
    data = planted(tmp_path / "t.txt")
    result = S.train_vectors(library, data, "topics", S.TrainSettings("glove", dim=8, window=3, min_count=1,
                                                                      epochs=20, seed=0))
    assert (result.name, result.vocab_size, result.dim) == ("topics", 24, 8)
    entry = library.find("topics")
    assert entry.kinds == ["word-vectors"] and entry.parameters == 24 * 8
    near = E.run_words(service, "topics", "neighbours", ["Cat"], k=3)
    assert near.words[0].form == "cat" and all(group_of(n.token) == 0 for n in near.neighbours)
    analogy = E.run_words(service, "topics", "analogy", ["cat", "dog", "car"], k=3)
    assert {"cat", "dog", "car"}.isdisjoint(n.token for n in analogy.neighbours)
    matrix = E.run_words(service, "topics", "matrix", ["cat", "dog", "car"])
    assert matrix.matrix[0, 1] > matrix.matrix[0, 2]
    # the saved file is standard word2vec binary: gensim reads the same numbers
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load_word2vec_format(str(tmp_path / "store" / "topics" / S.VECTORS_FILE), binary=True)
    np.testing.assert_array_equal(kv["cat"], near.words[0].vector)
    texts = ["the cat and the dog", "a cow and a pig", "a bus and a car", "a truck or a van", "apple and pear"]
    mapped = E.build_map(service, "topics", texts)
    assert mapped.pooling.mode == "words" and mapped.vectors.shape == (5, 8)
    assert mapped.neighbour[0] == 1 and mapped.neighbour[2] == 3
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # "copy as code" for the map: gensim's vectors, the same means
        exec(E.map_code(service, "topics", texts, mapped), {})
    np.testing.assert_allclose(json.loads(printed.getvalue())["vectors"], mapped.vectors, atol=1e-6)
    with pytest.raises(WorkbenchError, match="static word vectors") as info:
        service.load("topics")
    assert "Embeddings" in info.value.hint
    with pytest.raises(WorkbenchError, match="not among"):
        E.run_words(service, "topics", "neighbours", ["zebra"])
    with pytest.raises(WorkbenchError, match="already has"):
        S.train_vectors(library, data, "topics", S.TrainSettings("glove", min_count=1))


def test_stop_ends_training_and_writes_nothing(tmp_path, library):
    data = planted(tmp_path / "t.txt", n=3000)
    for method in ("word2vec", "glove"):
        token = CancelToken()

        def progress(event):
            if isinstance(event, S.EpochLoss):
                token.cancel()

        with pytest.raises(Cancelled):
            S.train_vectors(library, data, method, S.TrainSettings(method, dim=8, min_count=1, epochs=50),
                            cancel=token, progress=progress)
        assert not library.store.exists() or not any(library.store.iterdir())


def test_bad_training_inputs_say_what_to_do(tmp_path, library):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(WorkbenchError, match="empty"):
        S.train_vectors(library, empty, "x", S.TrainSettings())
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(WorkbenchError, match="binary"):
        S.train_vectors(library, binary, "x", S.TrainSettings())
    rare = tmp_path / "rare.txt"
    rare.write_text("one two three\nfour five\n")
    with pytest.raises(WorkbenchError, match="occurs 5 times or more") as info:
        S.train_vectors(library, rare, "x", S.TrainSettings(min_count=5))
    assert "Lower the minimum count to 1" in info.value.hint
    punctuation = tmp_path / "p.txt"
    punctuation.write_text("!!! ...\n---\n")
    with pytest.raises(WorkbenchError, match="no words"):
        S.train_vectors(library, punctuation, "x", S.TrainSettings())
    with pytest.raises(WorkbenchError, match="dim must be at least 1"):
        S.train_vectors(library, rare, "x", S.TrainSettings(dim=0))
    assert not library.store.exists() or not any(library.store.iterdir())


def _kv(words, vectors):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(words, vectors)
    return kv


def test_pretrained_files_in_the_three_formats_load_as_written(tmp_path, library, service):
    rng = np.random.default_rng(0)
    words = ["king", "queen", "man", "woman", "北京"]
    vectors = rng.standard_normal((5, 6)).astype(np.float32)
    kv = _kv(words, vectors)
    kv.save_word2vec_format(str(tmp_path / "w.bin"), binary=True)  # written by gensim, not by us
    kv.save_word2vec_format(str(tmp_path / "w.txt"), binary=False)
    glove = tmp_path / "glove.6d.txt"
    glove.write_text("".join(f"{w} " + " ".join(f"{v:.9g}" for v in row) + "\n" for w, row in zip(words, vectors)),
                     encoding="utf-8")
    for file, fmt in (("w.bin", "word2vec-binary"), ("w.txt", "word2vec-text"), ("glove.6d.txt", "glove-text")):
        got_words, got, got_fmt, _ = S.read_vectors_file(tmp_path / file)
        assert (got_words, got_fmt) == (words, fmt)
        np.testing.assert_allclose(got, vectors, rtol=1e-6)
    result = S.import_vectors(library, tmp_path / "w.bin", "imported")
    assert (result.vocab_size, result.dim) == (5, 6)
    near = E.run_words(service, "imported", "neighbours", ["北京"], k=2)
    expected = np.argsort(-(E.unit_rows(vectors) @ E.unit_rows(vectors)[4]))[1:3]
    assert [n.id for n in near.neighbours] == list(expected)


@pytest.mark.parametrize("content, message", [
    ("king 0.1 0.2 0.3\nqueen 0.1 0.2\n", r"Line 2 of bad.txt has 2 values after 'queen'; the vectors before it have 3"),
    ("king 0.1 0.2 0.3\nqueen 0.1 abc 0.3\n", r"Line 2 of bad.txt: 'abc' \(after 'queen'\) is not a number"),
    ("3 2\nking 0.1 0.2\nqueen 0.3 0.4\n", r"holds 2 vectors; its first line promises 3"),
    ("2 3\nking 0.1 0.2 0.3\nqueen 0.3 0.4 0.5 0.6 0.7\n", r"Line 3 of bad.txt has 5 values after 'queen'"),
    ("king\n", r"Line 1 of bad.txt has a word but no numbers"),
    ("king 0.1 nan\n", r"NaN or infinity"),
    ("\n\n", r"bad.txt is empty"),
])
def test_malformed_vector_files_name_the_line_and_the_problem(tmp_path, library, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbenchError, match=message) as info:
        S.import_vectors(library, bad, "bad")
    assert info.value.hint
    assert not (library.store / "bad").exists()


def test_a_truncated_binary_file_is_refused(tmp_path, library):
    kv = _kv(["a", "b", "c"], np.ones((3, 4), dtype=np.float32))
    kv.save_word2vec_format(str(tmp_path / "v.bin"), binary=True)
    raw = (tmp_path / "v.bin").read_bytes()
    (tmp_path / "v.bin").write_bytes(raw[:-10])
    with pytest.raises(WorkbenchError, match=r"ends inside vector 3 \('c'\); its first line promises 3 vectors of 4"):
        S.import_vectors(library, tmp_path / "v.bin", "cut")
    assert not (library.store / "cut").exists()


def test_cli_trains_imports_and_answers_like_any_model(tmp_path, fresh_home):
    data = planted(tmp_path / "t.txt", n=800)
    made = run_json("embed", "--train", "word2vec", "--data", str(data), "--dim", "12", "--window", "3",
                    "--min-count", "1", "--epochs", "3", "--sg", "--seed", "1", "--name", "w2v", "--json")
    assert {"model_path", "name", "vocab_size", "dim", "seconds"} <= set(made)
    assert (made["name"], made["vocab_size"], made["dim"]) == ("w2v", 24, 12)
    near = run_json("embed", "-m", "w2v", "--neighbours", "cat", "-k", "3", "--json")
    assert len(near["neighbours"]) == 3
    glove = tmp_path / "g.txt"
    glove.write_text("hello 0.1 0.2\nworld 0.2 0.1\n")
    loaded = run_json("embed", "--load-vectors", str(glove), "--name", "tiny-glove", "--json")
    assert (loaded["vocab_size"], loaded["dim"]) == (2, 2)
    table = run_json("embed", "--cooccurrence", "cat, dog, car", "--data", str(data), "--window", "3", "--json")
    assert table["words"] == ["cat", "dog", "car"] and table["counts"][0][2] == 0 and table["counts"][0][1] > 0
    rare = tmp_path / "rare.txt"
    rare.write_text("one two\n")
    out = run_cli("embed", "--train", "glove", "--data", str(rare), "--name", "none")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "occurs 5 times or more" in out.stderr and "--min-count" not in out.stdout
    out = run_cli("embed", "--load-vectors", str(rare), "--name", "bad")
    assert out.returncode == 1 and "Line 1 of rare.txt" in out.stderr
    assert sorted(p.name for p in (fresh_home / "data" / "models").iterdir()) == ["tiny-glove", "w2v"]


def test_a_table_column_of_chinese_text_in_words_or_characters(tmp_path, library):
    table = tmp_path / "zh.csv"
    table.write_text("id,text\n1,我爱北京天安门\n2,北京是中国的首都\n3,我爱中国\n", encoding="utf-8")
    words = S.train_vectors(library, table, "zh-words", S.TrainSettings("glove", dim=4, window=2, min_count=2,
                                                                       epochs=2), column="text")
    chars = S.train_vectors(library, table, "zh-chars", S.TrainSettings("glove", dim=4, window=2, min_count=2,
                                                                       epochs=2, segment="chars"), column="text")
    assert set(S.load_vectors(words.model_path).words) == {"我", "爱", "北京", "中国"}
    assert {"北", "京", "中", "国"} <= set(S.load_vectors(chars.model_path).words)
    with pytest.raises(WorkbenchError, match="no column 'body'"):
        S.train_vectors(library, table, "x", S.TrainSettings(), column="body")


def test_a_binary_file_without_a_header_is_refused(tmp_path, library):
    blob = tmp_path / "vectors.dat"
    blob.write_bytes(b"king \x00\x01\x02\x03" * 10)
    with pytest.raises(WorkbenchError, match="binary but has no word2vec header"):
        S.import_vectors(library, blob, "blob")
    assert not (library.store / "blob").exists()
