"""n-gram language models: the same perplexity as NLTK's nltk.lm, proper distributions, the library model
in Generate and Perplexity, the browsable table, bad settings."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pretrain_support import sentences

from workbench.core.jobs import WorkbenchError
from workbench.core.pretrain import ngram
from workbench.core.pretrain.train import PretrainConfig, plan, run_pretraining


def _nltk_pair(order: int, smoothing: str, k: float = 1.0):
    """Our model and NLTK's on the same lines of a regular language, with NLTK's conventions.

    NLTK (``padded_everygram_pipeline``) pads each sentence with order-1 ``<s>`` on the left and order-1
    ``</s>`` on the right and counts every n-gram of every order of the padded sentence; its vocabulary
    is every token seen (``<s>`` and ``</s>`` included) plus ``<UNK>``. Ours pads the left the same way;
    the test adds the order-1 ``</s>`` itself and uses NLTK's vocabulary (same ids, same size V).
    NLTK's Kneser-Ney takes one discount for every order (0.1 by default), given to ours too.
    """
    from nltk.lm import KneserNeyInterpolated, Lidstone
    from nltk.lm.preprocessing import pad_both_ends, padded_everygram_pipeline
    from nltk.util import ngrams

    train = [list(line) for line in sentences(300, seed=1).splitlines()]
    held_out = [list(line) for line in sentences(40, seed=2).splitlines()]
    grams, vocab = padded_everygram_pipeline(order, train)
    reference = KneserNeyInterpolated(order, discount=0.1) if smoothing == "kneser-ney" else Lidstone(k, order)
    reference.fit(grams, vocab)
    ids = {w: i for i, w in enumerate(sorted(reference.vocab))}

    def encode(lines):
        return [[ids[c] for c in line] + [ids["</s>"]] * (order - 1) for line in lines]

    ours = ngram.count(encode(train), order, len(ids), ids["<s>"], smoothing, k=k,
                       discount=0.1 if smoothing == "kneser-ney" else 0.0)
    theirs = reference.perplexity([g for line in held_out for g in ngrams(pad_both_ends(line, n=order), order)])
    return math.exp(ours.mean_nll(encode(held_out))), theirs


@pytest.mark.parametrize("order, smoothing, k", [(3, "kneser-ney", 1.0), (5, "kneser-ney", 1.0), (2, "add-k", 1.0),
                                                  (3, "add-k", 0.5)])
def test_perplexity_equals_nltk_within_one_percent(order, smoothing, k):
    ours, theirs = _nltk_pair(order, smoothing, k)
    assert math.isfinite(theirs) and abs(ours / theirs - 1) < 0.01, (ours, theirs)


def _counted(order=3, smoothing="kneser-ney", k=1.0, discount=0.0):
    rng = np.random.default_rng(0)
    sequences = [list(rng.integers(4, 30, size=int(rng.integers(5, 40)))) for _ in range(60)]
    return ngram.count(sequences, order, 40, 1, smoothing, k, discount)  # ids 30..39 never occur


@pytest.mark.parametrize("smoothing", ngram.SMOOTHINGS)
@pytest.mark.parametrize("order", [1, 2, 4])
def test_every_distribution_sums_to_one_and_nothing_is_impossible(smoothing, order):
    model = _counted(order, smoothing, k=0.5)
    rng = np.random.default_rng(1)
    contexts = [[], [5], [5, 6, 7], [35, 36, 37], list(rng.integers(0, 40, size=order))]  # 35..: never seen
    for context in contexts:
        p = model.distribution(context[-(order - 1):] if order > 1 else [])
        assert p.shape == (40,) and abs(p.sum() - 1) < 1e-9 and (p > 0).all()
        # the batched probabilities (validation) are the same numbers as the full distribution (Generate)
        ctx = np.array([model.padded_contexts(context + [9])[-1]] * 40)
        full = model.distribution(list(ctx[0]))
        assert np.allclose(model.probs(ctx, np.arange(40)), full)
    unseen = model.sequence_logprobs([35, 36, 37, 38])  # tokens never in the text: finite, not -inf
    assert np.isfinite(unseen).all()


def test_estimated_discounts_follow_the_counts():
    model = _counted(3)
    assert all(0.05 <= d <= 0.95 for d in model.discounts[1:])
    assert ngram.estimate_discount(np.array([1, 1, 2, 3])) == pytest.approx(2 / (2 + 2 * 1))


def test_bad_settings_say_what_to_do():
    for order, smoothing, k, words in ((0, "kneser-ney", 1, "1 to 5"), (6, "kneser-ney", 1, "1 to 5"),
                                       (3, "witten-bell", 1, "kneser-ney or add-k"), (3, "add-k", 0, "infinite")):
        with pytest.raises(WorkbenchError) as err:
            ngram.check_settings(order, smoothing, k)
        assert words in err.value.message + err.value.hint


@pytest.fixture
def story(tmp_path):
    data = tmp_path / "story.txt"
    data.write_text(sentences(200), encoding="utf-8")
    return data


def test_a_run_counts_validates_on_the_neural_windows_and_saves_a_library_model(story, tmp_path):
    config = PretrainConfig(data=str(story), arch="ngram", order=4, context=32)
    events = []
    result = run_pretraining(config, tmp_path / "story-4gram", emit=events.append)
    assert result["status"] == "finished" and result["parameters"] > 0
    assert [e["step"] for e in events if e["type"] == "progress"][-1] == 4
    assert 1 < result["metrics"]["val_perplexity"] < 3  # a regular language: nearly predictable
    assert len(result["samples"]) == 3 and all(result["samples"])
    # the n-gram is scored on exactly the tokens a neural run of the same settings is scored on
    from workbench.core.pretrain.ngram_run import validation_windows
    from workbench.core.pretrain.train import validation_batches

    prep = plan(config)
    neural = sum(rows.numel() - len(rows) for rows in validation_batches(prep.val_ids, prep.window, 8, 1))
    assert sum(map(len, validation_windows(prep.val_ids, prep.window))) == neural

    # in the library as a causal LM: Generate samples from the counts, Perplexity scores every token
    from workbench.core.generation import generate
    from workbench.core.decoding import SamplingSettings
    from workbench.core.inspect.perplexity import score_text
    from workbench.core.service import ModelService

    service = ModelService()
    handle = service.load(result["name"])
    assert handle.kind == "causal-lm"
    counts = handle.model.counts
    out = generate(handle, [1], SamplingSettings(max_new_tokens=12, seed=3, top_probs=5))
    assert len(out.tokens) >= 1
    first = out.tokens[0]
    p = counts.distribution([1, 1, 1])
    assert first.alternatives[0].prob == pytest.approx(float(p.max()), rel=1e-5)  # the step's table is the counts' P
    text = "the cat sees a tree.\na dog likes the ball.\n"
    scored = score_text(service, result["name"], text)
    ids = [t.id for t in scored.tokens]
    expected = counts.sequence_logprobs(ids[1:])  # after <s>, each token given the tokens before it
    assert np.allclose([t.logprob for t in scored.tokens[1:]], expected, atol=1e-5)
    assert scored.perplexity == pytest.approx(math.exp(-expected.mean()), rel=1e-5)
    from workbench.core.inspect.lens import logit_lens

    with pytest.raises(WorkbenchError) as err:  # counts have no layers to look through: said plainly
        logit_lens(handle, ids[:4])
    assert "n-gram" in err.value.message
    service.unload()


def test_the_table_shows_counts_with_and_without_smoothing(story, tmp_path):
    result = run_pretraining(PretrainConfig(data=str(story), arch="ngram", order=3, smoothing="add-k", k=1.0,
                                            context=32), tmp_path / "story-3gram")
    model, tokenizer = ngram.load_table_model(result["model_path"])
    table = ngram.continuations(model, tokenizer, "the ca", top=5)
    assert table.context == ["c", "a"] and table.order_used == 3
    assert table.rows[0].text == "t" and table.rows[0].count == table.context_count  # "ca" is always "cat"
    assert table.rows[0].unsmoothed == 1.0
    # add-one: (c + 1) / (c(context) + V)
    assert table.rows[0].smoothed == pytest.approx((table.context_count + 1) / (table.context_count + len(tokenizer)))
    never = ngram.continuations(model, tokenizer, "zq")
    assert never.rows[0].unsmoothed is None and never.notes and abs(sum(r.smoothed for r in never.rows)) > 0
    with pytest.raises(WorkbenchError):
        ngram.load_table_model(tmp_path)  # not a model folder


def test_text_shorter_than_the_order_is_refused_before_anything_is_written(tmp_path):
    data = tmp_path / "tiny.txt"
    data.write_text("abc", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        run_pretraining(PretrainConfig(data=str(data), arch="ngram", order=5), tmp_path / "run")
    assert "order-5" in err.value.message and "--order" in err.value.hint
    assert not (tmp_path / "run").exists()


def test_word_tokens_segment_chinese_with_jieba_and_round_trip():
    from workbench.core.pretrain.tokenizer import encode_text, segment_words, train_word

    text = "我们今天去公园散步，天气很好。The cat sat on the mat.\n" * 3
    tokenizer = train_word(text)
    ids = encode_text(tokenizer, text)
    pieces = tokenizer.convert_ids_to_tokens(ids[:12])
    assert pieces[:4] == ["我们", "今天", "去", "公园"] and " cat" in tokenizer.convert_ids_to_tokens(ids)
    assert tokenizer.decode(ids) == text
    assert "公园" in segment_words("我们去公园")


def test_stop_while_counting_leaves_no_model(story, tmp_path):
    from workbench.core.jobs import CancelToken
    from workbench.core.library import Library

    token = CancelToken()

    def emit(event):  # Stop pressed once two orders are counted
        if event["type"] == "progress" and event["step"] == 2:
            token.cancel()

    result = run_pretraining(PretrainConfig(data=str(story), arch="ngram", order=5, name="stopped-ngram"),
                             tmp_path / "stopped", emit=emit, cancel=token)
    assert result["status"] == "cancelled" and not result["model_path"]
    assert Library().find("stopped-ngram") is None
