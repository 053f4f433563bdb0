"""Every architecture family: the heads are found, switching one off equals zeroing its W^O columns, and the
anatomy's total equals the model's parameters (tied ones once)."""

from __future__ import annotations

import copy

import pytest
import tiny_models


# How each family places positions; the rest rotate queries and keys (rotary)
POSITION = {"gpt2": "learned", "opt": "learned", "bert": "learned", "roberta": "learned", "bloom": "alibi",
            "deberta-v2": "relative"}


def _model(family: str):
    import torch

    classes = tiny_models.family_classes(family)
    if classes is None:
        pytest.skip(f"transformers has no {family}")
    config_cls, model_cls = classes
    torch.manual_seed(0)
    values = dict(tiny_models.FAMILIES[family][2], vocab_size=120, pad_token_id=0)
    return model_cls(config_cls(**values)).eval()


@pytest.mark.parametrize("family", list(tiny_models.FAMILIES))
def test_heads_and_anatomy_of_every_family(family):
    import torch

    from workbench.core.inspect.ablation import head_layout, heads_switched_off
    from workbench.core.inspect.anatomy import describe_model

    model = _model(family)
    anatomy = describe_model(model, family, "causal-lm")
    assert anatomy.parameters == sum(p.numel() for p in model.parameters())
    assert (anatomy.layers, anatomy.heads, anatomy.hidden_size) == (2, 4, 32)
    assert anatomy.position == POSITION.get(family, "rotary")

    layout = head_layout(model)
    assert (layout.layers, layout.heads, layout.head_dim) == (2, 4, 8)
    ids = torch.tensor([[5, 17, 33, 8, 91, 4]])
    with torch.no_grad():
        plain = model(input_ids=ids).logits
        with heads_switched_off(layout, [(1, 2)]):
            off = model(input_ids=ids).logits
        clone = copy.deepcopy(model)
        module = head_layout(clone).sites[1].module
        weight = module.weight
        if type(module).__name__ == "Conv1D":
            weight[16:24, :] = 0
        else:
            weight[:, 16:24] = 0
        expected = clone(input_ids=ids).logits
        again = model(input_ids=ids).logits
    torch.testing.assert_close(off, expected, rtol=1e-4, atol=1e-5)
    assert not torch.allclose(off, plain)
    torch.testing.assert_close(again, plain)  # the hook is gone
