"""Issue 18: the same seed gives the same model (bit for bit on CPU), resume included; a run records what
repeating it needs; the pickle setting holds for fine-tuning."""

from __future__ import annotations

from pathlib import Path

import pytest
from finetune_support import classification_csv, seq2seq_csv, style_csv

from workbench.core.finetune import record, runs
from workbench.core.finetune.plan import FULL_LR
from workbench.core.finetune.train import TrainConfig, run_training
from workbench.core.jobs import CancelToken, WorkbenchError


def weights_hash(result: dict) -> str:
    return record.file_sha256(Path(result["model_path"]) / "model.safetensors")


def config_for(case: str, tiny, folder: Path, seed: int = 7) -> TrainConfig:
    common = dict(seed=seed, max_steps=4, batch_size=4, eval_split=0.2, save_steps=4)
    if case.startswith("classification"):
        return TrainConfig(model=str(tiny("bert-classifier")), data=str(classification_csv(folder, 20)),
                           task="classification", columns={"text": "text", "label": "label"},
                           lora=case.endswith("lora"), **common)
    if case == "causal-lm":
        return TrainConfig(model=str(tiny("llama")), data=str(style_csv(folder, 20)), task="causal-lm",
                           columns={"prompt": "prompt", "response": "response"}, **common)
    return TrainConfig(model=str(tiny("t5")), data=str(seq2seq_csv(folder, 20)), task="seq2seq",
                       columns={"source": "source", "target": "target"}, max_length=16, **common)


def comparable(metrics: dict) -> dict:
    return {k: v for k, v in metrics.items() if not k.endswith(("_per_second", "runtime"))}


@pytest.mark.parametrize("case", ["classification-full", "classification-lora", "causal-lm", "seq2seq"])
def test_same_seed_gives_identical_weights_and_metrics(tmp_path, tiny, case):
    first = run_training(config_for(case, tiny, tmp_path), tmp_path / "a")
    second = run_training(config_for(case, tiny, tmp_path), tmp_path / "b")
    assert first["status"] == second["status"] == "finished"
    assert weights_hash(first) == weights_hash(second)
    assert comparable(first["metrics"]) == comparable(second["metrics"])
    assert first["comparison"] == second["comparison"]
    if case == "classification-full":  # a different seed: a different head, order and dropout
        other = run_training(config_for(case, tiny, tmp_path, seed=8), tmp_path / "c")
        assert weights_hash(other) != weights_hash(first)


def test_a_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(tmp_path, tiny):
    config = config_for("classification-lora", tiny, tmp_path)
    config.max_steps, config.save_steps, config.logging_steps = 8, 100, 1
    whole = run_training(config, tmp_path / "whole")

    token = CancelToken()

    def emit(event):
        if event["type"] == "train" and event["step"] >= 3:  # every step logs (progress is throttled)
            token.cancel()

    stopped = run_training(config, tmp_path / "parts", emit=emit, cancel=token)
    assert stopped["status"] == "cancelled" and 3 <= stopped["step"] < 8
    resumed = run_training(config, tmp_path / "parts", resume=True)
    assert resumed["status"] == "finished" and resumed["step"] == 8
    assert weights_hash(resumed) == weights_hash(whole)


def test_the_run_folder_records_what_repeating_it_needs(tmp_path, tiny):
    config = config_for("classification-full", tiny, tmp_path)
    result = run_training(config, tmp_path / "run")
    saved = runs.read_json(tmp_path / "run" / record.RECORD_FILE)
    assert saved["seed"] == 7 and saved["settings"]["max_steps"] == 4 and saved["settings"]["lr"] == FULL_LR["toy"]
    assert saved["data_sha256"] == record.file_sha256(config.data)
    assert saved["base_model"]["sha256"] == record.folder_sha256(config.model)
    assert {"torch", "transformers", "peft"} <= set(saved["versions"])
    assert "same seed" in result["determinism"]
    summary = runs.summarize(tmp_path / "run")
    assert summary.record["seed"] == 7 and summary.comparison["eval_loss"] == result["metrics"]["eval_loss"]
    assert record.differences(saved, config) == []
    Path(config.data).write_text("text,label\nchanged,positive\n", encoding="utf-8")
    assert "has changed" in record.differences(saved, config)[0]


def test_pickle_weights_need_the_setting(tmp_path, tiny):
    import shutil

    import torch
    from safetensors.torch import load_file

    from workbench.core import settings

    folder = tmp_path / "pickled"
    shutil.copytree(tiny("bert-classifier"), folder)
    weights = folder / "model.safetensors"
    torch.save(load_file(weights), folder / "pytorch_model.bin")
    weights.unlink()
    config = config_for("classification-full", tiny, tmp_path)
    config.model, config.max_steps, config.eval_split = str(folder), 1, 0
    with pytest.raises(WorkbenchError, match="pickle"):
        run_training(config, tmp_path / "refused")
    chosen = settings.load().settings
    chosen.allow_pickle_weights = True
    settings.save(chosen)
    assert run_training(config, tmp_path / "allowed")["status"] == "finished"
