"""Every popular architecture loads and works in every view (issue 22, part 4).

Tiny random models of each family (tests/tiny_models.py ``FAMILIES``: 2 layers, hidden size 32, a 400-token
vocabulary) go through what the app does with them: load with the best attention the class has, greedy
generation equal to ``model.generate``, attention capture equal to the eager weights, the logit lens,
perplexity and attribution, embeddings for encoders, and two LoRA steps.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import tiny_models

from workbench.core.jobs import WorkbenchError

ENCODERS = list(tiny_models.ENCODER_FAMILIES)
CAUSAL = [f for f in tiny_models.FAMILIES if f not in ENCODERS]
TEXT = "The quick brown fox jumps over the lazy dog."


def folder(tiny, family: str) -> str:
    """The tiny model of ``family``, or a skip that names the class the installed transformers lacks."""
    if family == "t5":
        return str(tiny("t5"))
    if tiny_models.family_classes(family) is None:
        import transformers

        config_name, model_name, _ = tiny_models.FAMILIES[family]
        pytest.skip(f"transformers {transformers.__version__} has no {config_name}/{model_name}")
    return str(tiny(f"family-{family}"))


@pytest.fixture(scope="module", autouse=True)
def _frozen_heap():
    """Every unload (and the Trainer) runs a full garbage collection, whose cost grows with everything torch and
    transformers keep alive; left to it, those collections were a third of this module's time. The objects alive
    now are moved out of the collector's way for this module and put back after it."""
    import gc

    import torch  # noqa: F401  (imported before freezing, so its objects are frozen too)
    import transformers.trainer  # noqa: F401

    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture
def service(library):
    """Float32 on every device, so the numbers compared below come from the same weights on CPU and CUDA."""
    from workbench.core.service import LoadOptions, ModelService

    svc = ModelService(library, options=LoadOptions(dtype="float32"))
    yield svc
    svc.unload()


def sdpa_supported(handle) -> bool:
    return bool(getattr(type(handle.model), "_supports_sdpa", False))


def test_classes_without_sdpa_load_with_eager(tiny, service):
    """Gemma 2, BLOOM and DeBERTa-v2 refused sdpa in transformers 5.25, so they failed to load ("cannot be loaded
    as a causal-lm model"); they load with eager, or with sdpa once their class has it."""
    for family in ("gemma2", "bloom", "deberta-v2"):
        handle = service.load(folder(tiny, family))
        assert handle.attn_implementation == ("sdpa" if sdpa_supported(handle) else "eager"), family


@pytest.mark.parametrize("family", CAUSAL)
def test_greedy_generation_equals_model_generate(tiny, service, family):
    import torch

    from workbench.core.generation import SamplingSettings, completion_ids, generate

    handle = service.load(folder(tiny, family))
    prompt = completion_ids(handle.tokenizer, "The quick brown fox")
    settings = SamplingSettings(greedy=True, max_new_tokens=8, top_probs=3)
    with service.use(handle):
        result = generate(handle, prompt, settings)
        ids = torch.tensor([prompt], device=handle.model.device)
        with torch.inference_mode():
            out = handle.model.generate(ids, attention_mask=torch.ones_like(ids),
                                        pad_token_id=handle.tokenizer.pad_token_id, **settings.generate_kwargs())
    expected = out[0, len(prompt):].tolist()
    assert result.ids == expected and [t.id for t in result.tokens] == expected
    assert all(0 < t.prob <= 1 for t in result.tokens)


def _eager_attentions(service, handle, **inputs):
    import torch

    with service.use(handle, attention=True), torch.inference_mode():
        out = handle.model(**inputs, output_attentions=True, use_cache=False)
    return out


def _stack(layers) -> np.ndarray:
    return np.stack([layer[0].float().cpu().numpy() for layer in layers])


@pytest.mark.parametrize("family", CAUSAL + ENCODERS)
def test_best_attention_on_load_and_capture_equals_the_eager_weights(tiny, service, family):
    import torch

    from workbench.core.attention import capture

    handle = service.load(folder(tiny, family), kind="encoder" if family in ENCODERS else None)
    best = "sdpa" if sdpa_supported(handle) else "eager"
    assert handle.attn_implementation == best  # sdpa where the class has it, else eager
    part = capture(handle, TEXT, service=service).parts["self"]
    assert handle.attn_implementation == best  # switched to eager for the capture, and back
    ids = torch.tensor([part.query.ids], device=handle.model.device)
    reference = _stack(_eager_attentions(service, handle, input_ids=ids).attentions)
    n = len(part.query)
    assert part.weights.shape == reference.shape == (2, 4, n, n)
    np.testing.assert_allclose(part.weights.astype(np.float32), reference, atol=1e-3)
    np.testing.assert_allclose(reference.sum(-1), 1.0, atol=1e-4)


def test_t5_encoder_decoder_and_cross_attention_equal_the_eager_weights(tiny, service):
    import torch

    from workbench.core.attention import capture

    handle = service.load(folder(tiny, "t5"))
    assert handle.attn_implementation == ("sdpa" if sdpa_supported(handle) else "eager")
    parts = capture(handle, TEXT, target="A lazy dog.", service=service).parts
    device = handle.model.device
    out = _eager_attentions(service, handle, input_ids=torch.tensor([parts["encoder"].query.ids], device=device),
                            decoder_input_ids=torch.tensor([parts["decoder"].query.ids], device=device))
    for name, layers in (("encoder", out.encoder_attentions), ("decoder", out.decoder_attentions),
                         ("cross", out.cross_attentions)):
        np.testing.assert_allclose(parts[name].weights.astype(np.float32), _stack(layers), atol=1e-3)


@pytest.mark.parametrize("family", CAUSAL)
def test_lens_perplexity_and_attribution_are_finite_and_shaped(tiny, service, family):
    import torch

    from workbench.core.inspect.attribution import attribute
    from workbench.core.inspect.lens import logit_lens
    from workbench.core.inspect.perplexity import perplexity

    handle = service.load(folder(tiny, family))
    ids = list(handle.tokenizer(TEXT)["input_ids"])
    tensor = torch.tensor([ids], device=handle.model.device)
    with torch.inference_mode():
        out = handle.model(tensor, labels=tensor, use_cache=False)

    lens = logit_lens(handle, ids, top_k=3, service=service)
    assert lens.layers == 2 and len(lens.predictions) == 3
    assert all(len(row) == len(ids) and all(len(ranks) == 3 for ranks in row) for row in lens.predictions)
    assert all(0 <= p.prob <= 1 for row in lens.predictions for ranks in row for p in ranks)
    assert [ranks[0].id for ranks in lens.predictions[-1]] == out.logits[0].argmax(-1).tolist()

    score = perplexity(handle, ids, service=service)
    assert len(score.tokens) == len(ids) and math.isfinite(score.perplexity)
    assert score.perplexity == pytest.approx(math.exp(float(out.loss)), rel=1e-4)

    prompt = ids[:5]
    for method in ("ig", "grad-x-input", "rollout"):  # rollout runs on eager attention weights
        [target] = attribute(handle, prompt, [ids[5]], method=method, steps=8, service=service).targets
        assert len(target.scores) == len(prompt) and all(math.isfinite(s) for s in target.scores), method
        assert math.isfinite(target.target_logprob), method


@pytest.mark.parametrize("family", ENCODERS + ["t5"])
def test_sentence_and_word_embeddings_of_encoders(tiny, service, family):
    import torch

    from workbench.core import embeddings as E

    handle = service.load(folder(tiny, family))
    texts = ["I loved this film", "the worst meal I have ever had", "hello world"]
    vectors = E.embed_texts(handle, texts, "mean", batch_size=2).vectors
    assert vectors.shape == (3, 32) and np.isfinite(vectors).all()
    encoded = handle.tokenizer(texts[1], return_tensors="pt").to(handle.model.device)
    with torch.inference_mode():
        hidden = E.backbone(handle)(**encoded).last_hidden_state[0]
    np.testing.assert_allclose(vectors[1], hidden.mean(0).cpu().numpy(), atol=1e-5)
    near = E.neighbours(handle, "film", k=3)
    assert len(near.neighbours) == 3 and all(math.isfinite(n.score) for n in near.neighbours)


def _two_lora_steps(tmp_path, model: str, task: str, data, columns: dict):
    """Two LoRA optimizer steps with the default settings (every linear layer), as a run builds them."""
    import torch

    from workbench.core.finetune.train import TrainConfig, build_model, build_trainer, prepare

    config = TrainConfig(model=model, data=str(data), task=task, columns=columns, lora=True, max_steps=2,
                         batch_size=4, eval_split=0.0, max_length=32)
    prep = prepare(config)
    peft_model = build_model(prep)
    adapters = {n: p.detach().clone() for n, p in peft_model.named_parameters() if "lora_B" in n}
    assert adapters
    trainer, _ = build_trainer(prep, peft_model, tmp_path / "out", [], max_steps=2, save=False, evaluate=False)
    trainer.train()
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    assert trainer.state.global_step == 2 and losses and all(math.isfinite(x) for x in losses)
    moved = [n for n, p in peft_model.named_parameters() if n in adapters and not torch.equal(p, adapters[n])]
    assert moved  # the adapters learned something (lora_B starts at zero)
    merged = peft_model.merge_and_unload()
    assert not any("lora" in n for n, _ in merged.named_parameters())
    return prep, merged


@pytest.mark.parametrize("family", CAUSAL + ENCODERS + ["t5"])
def test_two_lora_steps_with_the_default_targets(tmp_path, tiny, family):
    import torch
    from finetune_support import classification_csv, seq2seq_csv, text_csv

    model = folder(tiny, family)
    if family in ENCODERS:
        prep, merged = _two_lora_steps(tmp_path, model, "classification", classification_csv(tmp_path, 8),
                                       {"text": "text", "label": "label"})
    elif family == "t5":
        prep, merged = _two_lora_steps(tmp_path, model, "seq2seq", seq2seq_csv(tmp_path, 8),
                                       {"source": "source", "target": "target"})
    else:
        prep, merged = _two_lora_steps(tmp_path, model, "causal-lm", text_csv(tmp_path, 8), {"text": "text"})
        with torch.inference_mode():
            logits = merged(input_ids=torch.tensor([[5, 6, 7, 8]], device=merged.device)).logits
        assert logits.shape == (1, 4, len(prep.tokenizer)) and torch.isfinite(logits).all()


def test_default_lora_on_mixtral_turns_dropout_off_and_a_run_finishes(tmp_path, tiny, service):
    """peft adapts Mixtral's stacked expert weights with a wrapper that refuses dropout; the plan sets it to 0."""
    from finetune_support import text_csv

    from workbench.core.finetune.train import TrainConfig, run_training
    from workbench.core.generation import SamplingSettings, completion_ids, generate

    config = TrainConfig(model=folder(tiny, "mixtral"), data=str(text_csv(tmp_path, 8)), task="causal-lm",
                         columns={"text": "text"}, lora=True, max_steps=2, batch_size=4, eval_split=0.25,
                         name="mixtral-lora")
    events: list[dict] = []
    result = run_training(config, tmp_path / "run", emit=events.append)
    assert result["status"] == "finished" and result["step"] == 2, [e for e in events if e["type"] == "error"]
    [plan] = [e for e in events if e["type"] == "plan"]
    dropout = next(c for c in plan["choices"] if c["setting"] == "lora_dropout")
    assert dropout["value"] == 0.0 and dropout["chosen"] and "mixture-of-experts" in dropout["reason"]
    import json

    adapter = json.loads((tmp_path / "run" / "adapter" / "adapter_config.json").read_text())
    assert adapter["lora_dropout"] == 0.0
    assert adapter["target_parameters"]  # the experts are adapted too, not only the attention projections
    handle = service.load(result["model_path"])
    with service.use(handle):
        out = generate(handle, completion_ids(handle.tokenizer, "The quick"), SamplingSettings(greedy=True,
                                                                                              max_new_tokens=4))
    assert len(out.ids) == 4


def test_dense_models_keep_their_lora_dropout():
    from workbench.core.finetune.plan import make_plan, mixture_of_experts
    from workbench.core.finetune.train import TrainConfig

    config = TrainConfig(model="m", data="d", task="causal-lm", lora=True)
    assert make_plan(config, 40, 10_000_000).config.lora_dropout == 0.05
    assert make_plan(config, 40, 10_000_000, experts=True).config.lora_dropout == 0.0
    named = TrainConfig(model="m", data="d", task="causal-lm", lora=True, lora_targets=["q_proj", "v_proj"])
    assert make_plan(named, 40, 10_000_000, experts=True).config.lora_dropout == 0.05  # attention only: allowed
    assert mixture_of_experts({"num_local_experts": 8}) and mixture_of_experts({"num_experts": 60})
    assert mixture_of_experts({"text_config": {"num_experts": 16}})
    assert not mixture_of_experts({"model_type": "llama"}) and not mixture_of_experts({"num_experts": 0})


def test_a_failed_load_says_the_real_reason_and_blames_the_task_only_when_it_is_the_cause(tiny, service, tmp_path):
    import json
    import shutil

    broken = tmp_path / "broken-llama"
    shutil.copytree(folder(tiny, "llama"), broken)
    config = json.loads((broken / "config.json").read_text())
    config["num_attention_heads"] = 5  # 32 is not a multiple of 5: transformers' config validation refuses it
    (broken / "config.json").write_text(json.dumps(config))
    with pytest.raises(WorkbenchError) as caught:
        service.load(str(broken))
    assert "not a multiple of the number of attention heads" in caught.value.message
    assert "cannot be loaded as" not in caught.value.message and "tokenizer" not in caught.value.message
    cause = caught.value.__cause__  # the exception's own message leads the details
    assert caught.value.details.startswith(f"{type(cause).__name__}: {cause}")

    broken = tmp_path / "broken-act"
    shutil.copytree(folder(tiny, "llama"), broken)
    config["num_attention_heads"], config["hidden_act"] = 4, "no-such-activation"
    (broken / "config.json").write_text(json.dumps(config))
    with pytest.raises(WorkbenchError) as caught:
        service.load(str(broken))
    assert "no-such-activation" in caught.value.message and "cannot be loaded as" not in caught.value.message
    assert caught.value.details.startswith("KeyError")

    with pytest.raises(WorkbenchError, match="cannot be loaded as a causal-lm model") as caught:
        service.load(folder(tiny, "t5"), kind="causal-lm")
    assert "Unrecognized configuration class" in caught.value.details
