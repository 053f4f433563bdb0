"""From logits to probabilities: one step recomputed by the model, checked against what generation recorded."""

from __future__ import annotations

import math

import pytest

from workbench.core.decoding import SamplingSettings
from workbench.core.jobs import WorkbenchError

PROMPT = "The quick brown fox"


def _generate(service, handle, settings):
    from workbench.core.decoding import completion_ids
    from workbench.core.generation import generate

    with service.use(handle):
        ids = completion_ids(handle.tokenizer, PROMPT)
        return ids, generate(handle, ids, settings)


@pytest.mark.parametrize("kind", ["gpt2", "llama"])
def test_probabilities_from_the_logits_equal_those_generation_recorded(service, tiny, kind):
    import torch

    from workbench.core.inspect.softmax_steps import softmax_steps

    ref = str(tiny(kind))
    handle = service.load(ref)
    settings = SamplingSettings(temperature=0.6, top_k=30, top_p=0.5, min_p=0.0, max_new_tokens=4, seed=7,
                                top_probs=20, repetition_penalty=1.2)
    prompt_ids, result = _generate(service, handle, settings)
    for step, token in enumerate(result.tokens):
        context = prompt_ids + result.ids[:step]
        recorded = [(a.id, a.prob, a.prob_after) for a in token.alternatives]
        steps = softmax_steps(service, ref, context, result.settings, token.id, recorded, top=40)
        assert steps.shape == [1, len(context), handle.model.config.vocab_size]
        assert steps.temperature == pytest.approx(0.6)
        assert [s.name for s in steps.stages] == ["repetition_penalty", "temperature", "top_k", "top_p"]
        top_k = next(s for s in steps.stages if s.name == "top_k")
        assert top_k.value == 30 and top_k.kept == 30 and top_k.removed == steps.vocab_size - 30
        assert next(s for s in steps.stages if s.name == "top_p").removed > 0
        assert steps.max_err_vs_recorded <= 1e-5 and steps.max_err_after_vs_recorded <= 1e-5
        assert steps.max_err_vs_generate <= 1e-5
        by_id = {r.id: r for r in steps.rows}
        for alt in token.alternatives:  # every recorded alternative that could be drawn is a row, with its numbers
            if alt.id not in by_id:
                assert alt.prob_after == 0.0
                continue
            assert abs(by_id[alt.id].model_prob - alt.prob) <= 1e-5
            assert abs(by_id[alt.id].prob_after_filters - alt.prob_after) <= 1e-5
        assert by_id[token.id].chosen and by_id[token.id].removed_by is None
        assert any(r.removed_by in ("top_k", "top_p") for r in steps.rows)  # 40 rows, at most 30 kept
        # every intermediate value follows the formula, on the model's own logits
        with torch.inference_mode():
            z = handle.model(torch.tensor([context])).logits[0, -1].float()
        for row in steps.rows:
            assert row.logit == pytest.approx(float(z[row.id]), abs=1e-5)
            assert row.exp == pytest.approx(math.exp(row.shifted), rel=1e-5)
            assert row.prob == pytest.approx(row.exp / steps.sum_exp, rel=1e-5)
            if row.removed_by is None:
                assert row.prob_after_filters == pytest.approx(row.exp / steps.sum_exp_kept, rel=1e-4)
            else:
                assert row.prob_after_filters == 0.0
        assert max(r.shifted for r in steps.rows) == pytest.approx(0.0, abs=1e-6)


def test_temperature_without_penalty_is_z_over_t_and_greedy_uses_no_filters(service, tiny):
    from workbench.core.inspect.softmax_steps import softmax_for_prompt

    ref = str(tiny("gpt2"))
    hot = softmax_for_prompt(service, ref, PROMPT, SamplingSettings(temperature=2.0, top_k=0, top_p=1.0,
                                                                    min_p=0.3, seed=1), top=8)
    assert [s.name for s in hot.stages] == ["temperature", "min_p"]
    for row in hot.rows:
        assert row.scaled == pytest.approx(row.logit / 2.0, rel=1e-5)
    assert hot.max_err_vs_recorded <= 1e-5 and hot.max_err_after_vs_recorded <= 1e-5
    greedy = softmax_for_prompt(service, ref, PROMPT, SamplingSettings(greedy=True), top=5)
    assert greedy.greedy and greedy.stages == [] and greedy.temperature == 1.0
    assert greedy.rows[0].chosen and greedy.rows[0].shifted == 0.0  # greedy takes the largest logit
    assert all(r.prob == pytest.approx(r.model_prob) == pytest.approx(r.prob_after_filters) for r in greedy.rows)
    data = greedy.to_json()
    assert {"shape", "top", "temperature", "stages", "sum_exp", "max_err_vs_recorded", "formula"} <= set(data)
    assert {"id", "token", "logit", "shifted", "exp", "prob", "prob_after_filters", "removed_by"} <= set(data["top"][0])


def test_bad_inputs_are_refused_with_a_clear_message(service, tiny):
    from workbench.core.inspect.softmax_steps import softmax_steps

    with pytest.raises(WorkbenchError, match="no context"):
        softmax_steps(service, str(tiny("gpt2")), [], SamplingSettings())
    with pytest.raises(WorkbenchError, match="language-model head"):
        softmax_steps(service, str(tiny("bert")), [1, 2], SamplingSettings())
