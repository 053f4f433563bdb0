"""Generation core on tiny models: exact equality with model.generate, events, stops, bad input."""

from __future__ import annotations

import math

import pytest

from workbench.core.generation import (PRESETS, Message, SamplingSettings, chat_ids, code_snippet, completion_ids,
                                       count_prompt, generate)
from workbench.core.jobs import CancelToken, WorkbenchError


@pytest.fixture(params=["gpt2", "llama"])
def handle(request, tiny, service):
    return service.load(str(tiny(request.param)), kind="causal-lm")


def _reference(handle, prompt_ids, settings):
    import torch

    ids = torch.tensor([prompt_ids])
    if settings.seed is not None:
        torch.manual_seed(settings.seed)
    out = handle.model.generate(ids, attention_mask=torch.ones_like(ids), pad_token_id=handle.tokenizer.pad_token_id,
                                **settings.generate_kwargs())
    return out[0, len(prompt_ids):].tolist()


def test_greedy_equals_model_generate(handle, service):
    settings = SamplingSettings(greedy=True, max_new_tokens=20, repetition_penalty=1.2)
    prompt = completion_ids(handle.tokenizer, "The quick brown fox")
    with service.use(handle):
        result = generate(handle, prompt, settings)
        expected = _reference(handle, prompt, settings)
    assert result.ids == expected
    assert [t.id for t in result.tokens] == expected


@pytest.mark.parametrize("extra", [{}, {"top_k": 0, "top_p": 0.8, "min_p": 0.05},
                                   {"typical_p": 0.9, "no_repeat_ngram_size": 2, "temperature": 1.5}])
def test_seeded_sampling_equals_model_generate(handle, service, extra):
    settings = SamplingSettings(**{"temperature": 1.0, "top_k": 40, "seed": 1234, "max_new_tokens": 25, **extra})
    prompt = completion_ids(handle.tokenizer, "Paris is the capital")
    with service.use(handle):
        first = generate(handle, prompt, settings)
        expected = _reference(handle, prompt, settings)
        again = generate(handle, prompt, settings)
    assert first.ids == expected == again.ids
    assert first.seed == 1234


def test_beam_search_equals_model_generate(handle, service):
    settings = SamplingSettings(greedy=True, num_beams=3, max_new_tokens=10)
    prompt = completion_ids(handle.tokenizer, "Hello world")
    with service.use(handle):
        result = generate(handle, prompt, settings)
        expected = _reference(handle, prompt, settings)
    assert result.ids == expected
    assert len(result.tokens) == len(expected)
    assert all(t.prob_after is None and t.prob is not None for t in result.tokens)


def test_events_carry_probabilities_before_and_after_filters(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    settings = SamplingSettings(temperature=0.7, top_k=5, seed=7, max_new_tokens=12, top_probs=10)
    seen = []
    with service.use(handle):
        result = generate(handle, completion_ids(handle.tokenizer, "A language model"), settings, progress=seen.append)
    assert seen == result.tokens
    assert len(seen) == len(result.ids) == 12
    for token in seen:
        assert 0 < token.prob <= 1 and token.rank >= 1
        assert 0 < token.entropy_bits <= math.log2(handle.model.config.vocab_size)  # a random model is unsure
        assert token.prob_after > 0  # the sampled token survived the filters
        # top-5 keeps exactly 5 candidates with probability after the filters, summing to 1
        kept = [a for a in token.alternatives if a.prob_after and a.prob_after > 0]
        assert len(kept) == 5
        assert sum(a.prob_after for a in kept) == pytest.approx(1.0, abs=1e-4)
        assert len(token.alternatives) >= 10
        assert token.id in {a.id for a in kept}
    assert result.tokens_per_s > 0 and result.ttft_s > 0


@pytest.mark.parametrize("penalty", [1.0, 1.5])
def test_each_event_matches_the_softmax_of_the_step(tiny, service, penalty):
    """Probabilities, rank, entropy and alternatives against a softmax of the step's own logits,
    before and after the repetition penalty (no processor at all: "after" is "before")."""
    import torch

    handle = service.load(str(tiny("llama")), kind="causal-lm")
    settings = SamplingSettings(greedy=True, max_new_tokens=6, repetition_penalty=penalty, top_probs=5)
    prompt = completion_ids(handle.tokenizer, "the the the cat")
    with service.use(handle), torch.inference_mode():
        result = generate(handle, prompt, settings)
        ids = prompt + result.ids
        steps = handle.model(torch.tensor([ids])).logits[0, len(prompt) - 1:-1].float()
    for token, logits in zip(result.tokens, steps):
        before = torch.softmax(logits, -1)
        scores = logits.clone()
        seen = torch.tensor(ids[:len(prompt) + token.index])
        if penalty != 1.0:
            picked = scores[seen]
            scores[seen] = torch.where(picked < 0, picked * penalty, picked / penalty)
        after = torch.softmax(scores, -1)
        assert token.prob == pytest.approx(float(before[token.id]), rel=1e-4)
        assert token.prob_after == pytest.approx(float(after[token.id]), rel=1e-4)
        assert token.rank == int((logits > logits[token.id]).sum()) + 1
        entropy = float(-(before * before.clamp_min(1e-30).log2()).sum())
        assert token.entropy_bits == pytest.approx(entropy, abs=1e-3)
        shown = {a.id: a for a in token.alternatives}
        assert set(before.topk(5).indices.tolist()) | set(after.topk(5).indices.tolist()) == set(shown)
        for alt in shown.values():
            assert alt.prob == pytest.approx(float(before[alt.id]), rel=1e-4, abs=1e-7)
            assert alt.prob_after == pytest.approx(float(after[alt.id]), rel=1e-4, abs=1e-7)


def test_stop_string_ends_generation_and_is_cut(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    prompt = completion_ids(handle.tokenizer, "The quick brown fox")
    with service.use(handle):
        full = generate(handle, prompt, SamplingSettings(greedy=True, max_new_tokens=30))
        stop = full.text.strip()[3:6]
        assert stop, full.text
        result = generate(handle, prompt, SamplingSettings(greedy=True, max_new_tokens=30, stop=[stop]))
    assert result.finish_reason == "stop"
    assert stop not in result.text
    assert full.text.startswith(result.text)
    assert len(result.ids) < len(full.ids)  # the stop string lies in the first few characters of the 30 tokens


def test_cancel_stops_within_one_token(tiny, service):
    handle = service.load(str(tiny("llama")), kind="causal-lm")
    token = CancelToken()

    def on_token(event):
        if event.index == 2:
            token.cancel()

    with service.use(handle):
        result = generate(handle, completion_ids(handle.tokenizer, "Hello"), SamplingSettings(greedy=True, max_new_tokens=50),
                          cancel=token, progress=on_token)
    assert result.finish_reason == "cancelled"
    assert len(result.ids) == 3


def test_chat_uses_template_and_continue(tiny, service):
    handle = service.load(str(tiny("llama")), kind="causal-lm")
    tok = handle.tokenizer
    ids = chat_ids(tok, [Message("system", "Be brief."), Message("user", "Hi there")])
    text = tok.decode(ids)
    assert text.endswith("<|im_start|>assistant\n")
    assert "<|im_start|>system\nBe brief.<|im_end|>" in text
    cont = tok.decode(chat_ids(tok, [Message("user", "Hi"), Message("assistant", "Hello wor")]))
    assert cont.endswith("Hello wor")


def test_chat_without_template_explains(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    handle.tokenizer.chat_template = None
    with pytest.raises(WorkbenchError, match="no chat template") as info:
        chat_ids(handle.tokenizer, [Message("user", "Hi")], "gpt2")
    assert "completion mode" in info.value.hint


def test_bad_input(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    with pytest.raises(WorkbenchError, match="empty"):
        completion_ids(handle.tokenizer, "   ")
    long_ids = completion_ids(handle.tokenizer, "fox " * 300)
    with pytest.raises(WorkbenchError, match="reads at most 256"), service.use(handle):
        generate(handle, long_ids, SamplingSettings(greedy=True))
    for bad in (SamplingSettings(temperature=0), SamplingSettings(top_p=1.5), SamplingSettings(top_k=-1),
                SamplingSettings(num_beams=2.5), SamplingSettings(stop=[""])):
        with pytest.raises(WorkbenchError):
            bad.validate()


def test_prompt_near_window_lowers_max_new_tokens_and_stop_in_prompt_noted(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    prompt = completion_ids(handle.tokenizer, "fox. " * 120)[:250]
    with service.use(handle):
        result = generate(handle, prompt, SamplingSettings(greedy=True, max_new_tokens=100, stop=["fox"]))
    assert len(result.ids) <= 6
    assert any("context window" in n for n in result.notes)
    assert any("already occurs in the prompt" in n for n in result.notes)


def test_prompt_tokens_for_chinese_and_emoji_show_characters(tiny, service):
    """The prompt's tokens come from core.tokens: characters on the token that completes them, byte
    markers for the pieces before, never a \\x escape or a U+FFFD in a label."""
    text = "语言模型 🙂"
    info = count_prompt(service, str(tiny("gpt2")), text)
    pieces = info.pieces
    assert "".join(p.display for p in pieces) == text
    labels = [p.label for p in pieces]
    assert all("\ufffd" not in label and "\\x" not in label for label in labels)
    assert any(p.partial and label.startswith("‹") for p, label in zip(pieces, labels))  # split characters
    assert [label for label in labels if not label.startswith("‹")][:4] == list("语言模型")
    assert all("Ġ" not in p.text for p in pieces)  # the text is the tokenizer's decode, not the vocabulary's string


def test_presets_are_valid_and_code_snippet_runs_the_same_settings():
    for preset in PRESETS.values():
        preset.validate()
    code = code_snippet("/models/x", SamplingSettings(temperature=0.5, seed=3, stop=["\n"]), "Hi")
    assert "temperature=0.5" in code and "torch.manual_seed(3)" in code and "model.generate" in code
    compile(code, "snippet", "exec")


def test_conversations_persist(tmp_path):
    from workbench.core.conversations import ConversationStore

    store = ConversationStore(tmp_path / "conv")
    first = store.new("Trip", system="Be brief.")
    first.messages += [Message("user", "Où est Paris ? 🙂"), Message("assistant", "En France.")]
    store.save(first)
    second = store.new()
    store.rename(second, "Second")
    (tmp_path / "conv" / "broken.json").write_text("{not json")
    found, problems = store.list()
    assert [c.title for c in found] == ["Second", "Trip"]
    assert len(problems) == 1 and "broken.json" in problems[0]
    again = store.load(first.id)
    assert again.messages[0].content == "Où est Paris ? 🙂"
    assert again.prompt_messages()[0] == Message("system", "Be brief.")
    store.delete(again)
    assert [c.title for c in store.list()[0]] == ["Second"]
    with pytest.raises(WorkbenchError, match="needs a name"):
        store.rename(second, "  ")


def test_branch_continues_from_a_chosen_token(tiny, service):
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    settings = SamplingSettings(greedy=True, max_new_tokens=10)
    prompt = completion_ids(handle.tokenizer, "The quick brown fox")
    with service.use(handle):
        first = generate(handle, prompt, settings)
        alternative = next(a for a in first.tokens[3].alternatives if a.id != first.ids[3])
        prefix = first.ids[:3] + [alternative.id]
        branch = generate(handle, prompt, settings, prefix_ids=prefix)
        expected = _reference(handle, prompt + prefix, SamplingSettings(greedy=True, max_new_tokens=10))
    assert branch.ids[:4] == prefix and branch.ids[4:] == expected
    assert [t.index for t in branch.tokens] == list(range(4, 4 + len(expected)))
    assert branch.tokens[-1].text_so_far.startswith(handle.tokenizer.decode(prefix))


def test_run_request_reports_prompt_then_tokens(tiny, service):
    from workbench.core.generation import GenerationRequest, PromptInfo, TokenEvent, run_request

    events = []
    request = GenerationRequest(str(tiny("llama")), SamplingSettings(seed=5, max_new_tokens=4),
                                messages=[Message("user", "语言模型 🙂")])
    result = run_request(service, request, progress=events.append)
    assert isinstance(events[0], PromptInfo) and events[0].context_window == 256
    assert "".join(p.text for p in events[0].pieces).endswith("<|im_start|>assistant\n")
    assert [type(e) for e in events[1:]] == [TokenEvent] * len(result.ids)


def test_int8_weights_generate_with_probabilities(tiny, service):
    from workbench.core.generation import GenerationRequest, run_request

    request = GenerationRequest(str(tiny("llama")), SamplingSettings(greedy=True, max_new_tokens=6), prompt="Hello",
                                quantize="int8")
    result = run_request(service, request)
    handle = service.loaded()[0]
    assert handle.quantize == "int8" and "quantized" in type(handle.model.lm_head).__module__
    assert len(result.ids) == 6 and all(t.prob is not None and t.alternatives for t in result.tokens)
