"""End to end on the real starter chat model (SmolLM2-135M-Instruct)."""

from __future__ import annotations

import pytest

from workbench.core.generation import GenerationRequest, Message, SamplingSettings, run_request

pytestmark = pytest.mark.starter


def test_chat_answers_paris_and_matches_model_generate(smollm2, service):
    import torch

    request = GenerationRequest(str(smollm2), SamplingSettings(greedy=True, max_new_tokens=24),
                                messages=[Message("user", "What is the capital of France?")])
    events = []
    result = run_request(service, request, progress=events.append)
    assert "Paris" in result.text
    assert result.tokens[-1].text_so_far.strip() == result.text.strip()  # the streamed text is the final text
    handle = service.loaded()[0]
    ids = torch.tensor([result.prompt_ids])
    with torch.inference_mode():
        expected = handle.model.generate(ids, attention_mask=torch.ones_like(ids),
                                         pad_token_id=handle.tokenizer.pad_token_id,
                                         **request.settings.generate_kwargs())
    assert result.ids == expected[0, ids.shape[1]:].tolist()
    assert all(t.alternatives and 0 < t.prob <= 1 for t in result.tokens)
