"""The registry of the workbench's own model types (core/modeltypes.py) registers exactly the types it names."""

from __future__ import annotations


def test_every_model_type_is_registered_with_its_classes():
    import transformers

    from workbench.core.modeltypes import MODEL_TYPES, no_attention_reason, register_models

    register_models()
    register_models()  # twice: idempotent
    for model_type in MODEL_TYPES:
        config = transformers.AutoConfig.for_model(model_type)
        assert config.model_type == model_type
        model_class = transformers.AutoModelForCausalLM._model_mapping[type(config)]
        assert model_class.config_class is type(config)
        message, hint = no_attention_reason(config)
        assert "no attention" in message and "Transformer" in hint
    assert no_attention_reason(transformers.GPT2Config()) is None
