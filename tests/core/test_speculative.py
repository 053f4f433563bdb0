"""Speculative decoding in our own loop: greedy gives the ids plain greedy decoding gives, and sampling
keeps the model's distribution (checked statistically), with prompt lookup and with a draft model."""

from __future__ import annotations

import pytest

from workbench.core import generation as gen
from workbench.core.jobs import WorkbenchError
from workbench.core.speculative import DraftModel, Speculation, lookup

PROMPT = "The quick brown fox jumps over the lazy dog. The quick brown fox"


@pytest.fixture
def llama(service, tiny):
    handle = service.load(str(tiny("llama")), kind="causal-lm")
    with service.use(handle):
        yield handle


@pytest.fixture
def draft(tiny):
    """A different tiny model with the same tokenizer (gpt2 and llama share the tiny byte-level BPE)."""
    import threading

    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = tiny("gpt2")
    return DraftModel("tiny-gpt2", AutoModelForCausalLM.from_pretrained(path).eval(),
                      AutoTokenizer.from_pretrained(path), threading.Lock())


def test_lookup_copies_what_followed_the_last_ngram():
    assert lookup([1, 2, 3, 4, 9, 2, 3], 2) == [4, 9]
    assert lookup([1, 2, 3, 4, 9, 5, 3], 3) == [4, 9, 5]  # one token matched when two are not
    assert lookup([1, 2, 3], 4) == []


@pytest.mark.parametrize("mode", ["prompt_lookup", "draft"])
@pytest.mark.parametrize("penalty", [1.0, 1.3])
def test_greedy_ids_are_plain_greedy_ids(llama, draft, mode, penalty):
    """Speculation changes how fast, never what: greedy ids equal model.generate's, proposal by proposal."""
    ids = gen.completion_ids(llama.tokenizer, PROMPT)
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=40, repetition_penalty=penalty, top_probs=3)
    plain = gen.generate(llama, ids, settings)
    events = []
    fast = gen.generate(llama, ids, settings, progress=events.append, speculation=Speculation(mode, 6, "tiny-gpt2"), draft=draft)
    assert fast.ids == plain.ids
    marks = [t.mark for t in fast.tokens]
    assert set(marks) <= {"accepted", "rejected", "normal"}
    spec = fast.speculation
    assert spec["proposed"] > 0 and spec["passes"] < len(fast.ids)  # fewer passes than tokens: it did speculate
    assert spec["accepted"] == marks.count("accepted")
    assert spec["acceptance_rate"] == round(spec["accepted"] / spec["proposed"], 4)
    assert spec["speedup"] > 0 and spec["baseline_tok_s"] > 0
    assert any(isinstance(e, gen.TokenEvent) for e in events)
    rejected = [t for t in fast.tokens if t.mark == "rejected"]
    assert all(t.drafted is not None and t.drafted != t.id for t in rejected)
    assert [t["mark"] for t in fast.to_json()["tokens"]] == marks


def _first_token_distribution(handle, ids, settings):
    """The model's distribution for the first token after ``ids``, after the sampling filters."""
    import torch

    from workbench.core.engines.guided import processors_for

    penalties, warpers = processors_for(settings)
    with torch.inference_mode():
        logits = handle.model(input_ids=torch.tensor([ids])).logits[0, -1].float()
        scores = warpers(torch.tensor([ids]), penalties(torch.tensor([ids]), logits[None]))[0]
    return torch.softmax(scores, -1)


SAMPLING = gen.SamplingSettings(temperature=1.0, top_k=4, top_p=1.0, max_new_tokens=1, top_probs=0)


def _context_proposing_a_likely_token(handle):
    """A context ending in "... b a" whose prompt lookup proposes b (what followed the earlier a), with b
    among the model's four likeliest next tokens: so the rule's accept and reject branches both run."""
    ids = gen.completion_ids(handle.tokenizer, "The quick brown fox jumps over the lazy dog.")
    b = 5
    for _ in range(8):
        context = ids + [b, ids[-1]]
        p = _first_token_distribution(handle, context, SAMPLING)
        if p[lookup(context, 1)[0]] > 0:
            return context, p
        b = int(p.argmax())
    raise AssertionError("no context found")


@pytest.fixture
def near_copy(llama):
    """A draft close to the model but not equal: its weights with a little noise."""
    import copy
    import threading

    import torch

    model = copy.deepcopy(llama.model)
    with torch.no_grad():
        generator = torch.Generator().manual_seed(0)
        for weight in model.parameters():
            weight.add_(torch.randn(weight.shape, generator=generator) * 0.02)
    return DraftModel("near copy", model, llama.tokenizer, threading.Lock())


@pytest.mark.parametrize("mode", ["prompt_lookup", "draft"])
def test_sampling_keeps_the_models_distribution(llama, near_copy, mode):
    """Over many seeds, the first token's frequencies match the model's own probabilities (chi-square),
    although a proposal was checked at that position every time."""
    context, p = _context_proposing_a_likely_token(llama)
    support = [int(i) for i in (p > 0).nonzero().flatten()]
    assert len(support) == 4
    runs, counts, marks = 300, dict.fromkeys(support, 0), {"accepted": 0, "rejected": 0}
    for seed in range(runs):
        out = gen.generate(llama, context, gen.SamplingSettings(**{**SAMPLING.to_json(), "seed": seed}),
                           speculation=Speculation(mode, 1, "near copy"), draft=near_copy)
        first = out.tokens[0]
        marks[first.mark] += 1  # a proposal was checked at the first position (KeyError if not)
        counts[first.id] += 1
    chi2 = sum((counts[i] - runs * float(p[i])) ** 2 / (runs * float(p[i])) for i in support)
    assert chi2 < 18.47, (chi2, counts, p[support])  # 3 degrees of freedom, p = 0.0003
    assert marks["accepted"] > 20 and marks["rejected"] > 20, marks  # both branches of the rule ran


def test_the_chi_square_bound_catches_a_wrong_rule(llama):
    """Keeping every proposal (the rule without its rejections) lands far outside the bound."""
    context, p = _context_proposing_a_likely_token(llama)
    proposal = lookup(context, 1)[0]
    support = [int(i) for i in (p > 0).nonzero().flatten()]
    chi2 = sum(((300 if i == proposal else 0) - 300 * float(p[i])) ** 2 / (300 * float(p[i])) for i in support)
    assert chi2 > 18.47


def test_bad_speculation_settings_are_refused(llama, tiny):
    ids = gen.completion_ids(llama.tokenizer, PROMPT)
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=4)
    with pytest.raises(WorkbenchError, match="from 1 to 64"):
        gen.generate(llama, ids, settings, speculation=Speculation("prompt_lookup", 0))
    with pytest.raises(WorkbenchError, match="Unknown speed-up"):
        gen.generate(llama, ids, settings, speculation=Speculation("magic", 4))
    with pytest.raises(WorkbenchError, match="No draft model"):
        gen.generate(llama, ids, settings, speculation=Speculation("draft", 4))


def test_a_draft_with_another_tokenizer_is_refused(llama, tiny):
    import threading

    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = tiny("t5")
    other = DraftModel("t5", AutoModelForCausalLM.from_pretrained(tiny("llama")), AutoTokenizer.from_pretrained(path),
                       threading.Lock())
    ids = gen.completion_ids(llama.tokenizer, PROMPT)
    with pytest.raises(WorkbenchError, match="does not use the tokenizer"):
        gen.generate(llama, ids, gen.SamplingSettings(greedy=True, max_new_tokens=4),
                     speculation=Speculation("draft", 4, "t5"), draft=other)


def test_stop_and_cancel_end_a_speculative_run(llama):
    from workbench.core.jobs import CancelToken

    ids = gen.completion_ids(llama.tokenizer, PROMPT)
    cancel = CancelToken()
    seen = []

    def on_event(event):
        if isinstance(event, gen.TokenEvent):
            seen.append(event)
            if len(seen) == 5:
                cancel.cancel()

    out = gen.generate(llama, ids, gen.SamplingSettings(greedy=True, max_new_tokens=40), cancel=cancel,
                       progress=on_event, speculation=Speculation("prompt_lookup", 8))
    assert out.finish_reason == "cancelled" and len(out.ids) == 5
