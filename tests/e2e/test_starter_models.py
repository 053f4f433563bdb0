"""End to end on the real starter models."""

import pytest

from workbench.core.library import Library
from workbench.core.service import ModelService


@pytest.mark.starter
def test_smollm2_converted_once_then_loads_without_converting_and_chats(smollm2, starter_store):
    svc = ModelService(Library(starter_store))
    converted = {p: p.stat().st_mtime_ns for p in smollm2.rglob("*") if p.is_file()}
    handle = svc.load("smollm2-135m-instruct")
    assert handle.path == smollm2 and handle.kind == "causal-lm" and handle.has_chat_template
    # Converted already: the load reads the stored safetensors and converts nothing again.
    assert {p: p.stat().st_mtime_ns for p in smollm2.rglob("*") if p.is_file()} == converted
    tok = handle.tokenizer
    inputs = tok.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}],
                                     add_generation_prompt=True, return_tensors="pt", return_dict=True)
    with svc.use(handle):
        out = handle.model.generate(**inputs, max_new_tokens=12, do_sample=False)
    assert "Paris" in tok.decode(out[0][inputs["input_ids"].shape[1]:])
    svc.unload()


@pytest.mark.starter
def test_minilm_embeds_sentences(starter_store):
    import torch

    svc = ModelService(Library(starter_store))
    handle = svc.load("all-minilm-l6-v2")
    assert handle.kind == "encoder"
    batch = handle.tokenizer(["A cat sits on the mat.", "A kitten is sitting on a rug.", "Stock prices fell."],
                             padding=True, return_tensors="pt")
    with svc.use(handle), torch.no_grad():
        hidden = handle.model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1)
    emb = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
    sims = emb @ emb.T
    assert sims[0, 1] > sims[0, 2] + 0.2
    svc.unload()


@pytest.mark.starter
def test_smoke_command_passes(starter_store):
    import json

    from cli_support import run_cli

    out = run_cli("--smoke", env={"WORKBENCH_STORE": str(starter_store)}, timeout=1500)
    report = json.loads(out.stdout)
    assert out.returncode == 0, report
    assert report["ok"] and report["window_shown_s"] < 5 and "model_load_s" in report
    assert all(step["ok"] for step in report["tabs"].values())
