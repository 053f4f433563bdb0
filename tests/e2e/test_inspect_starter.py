"""Logit lens and integrated gradients on the real starter model (SmolLM2-135M-Instruct)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.starter


def test_smollm2_lens_matches_logits_and_ig_is_complete(smollm2, service):
    import torch

    from workbench.core.inspect.attribution import attribute, target_ids
    from workbench.core.inspect.lens import logit_lens

    handle = service.load(str(smollm2))
    ids = list(handle.tokenizer("The capital of France is Paris. The capital of Italy is")["input_ids"])
    lens = logit_lens(handle, ids, top_k=1, service=service)
    with torch.inference_mode():
        logits = handle.model(torch.tensor([ids])).logits[0]
    assert lens.layers == 30
    assert [r[0].id for r in lens.predictions[-1]] == logits.argmax(-1).tolist()
    result = attribute(handle, ids, target_ids(handle.tokenizer, " Rome")[:1], service=service)
    target = result.targets[0]
    difference = target.target_logprob - target.baseline_logprob
    assert sum(target.scores) == pytest.approx(difference, rel=0.05)
    assert target.target_logprob > -3  # the model knows it
