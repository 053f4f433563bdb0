"""Issue 22, part 5: the settings of a run do not depend on how many processes train it, and a head whose loss
ignores the Trainer's item count (BERT's classifier, T5) is not scaled as if it used it.

The two-process runs themselves are in tests/e2e/test_finetune_multiprocess.py."""

from __future__ import annotations

import pytest
from finetune_support import classification_csv, seq2seq_csv, text_csv

from workbench.core.finetune.plan import make_plan, per_device_batch, rows_per_step, steps_per_epoch
from workbench.core.finetune.train import TrainConfig, build_model, build_trainer, prepare, run_training


@pytest.mark.parametrize("lora", [False, True])
def test_two_processes_get_the_plan_of_one(monkeypatch, lora):
    config = TrainConfig(model="m", data="d", task="classification", lora=lora)
    monkeypatch.setenv("WORLD_SIZE", "1")
    one = make_plan(config, train_rows=100, parameters=22_000_000)
    monkeypatch.setenv("WORLD_SIZE", "2")
    two = make_plan(config, train_rows=100, parameters=22_000_000)
    assert per_device_batch(8) == 4 and rows_per_step(8, 2) == 16
    assert (two.config, two.total_steps, two.steps_per_epoch, two.warnings) == \
        (one.config, one.total_steps, one.steps_per_epoch, one.warnings)
    assert two.to_json() == one.to_json()


def test_a_batch_that_does_not_split_evenly_says_what_a_step_sees(monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "3")
    assert per_device_batch(8) == 3 and rows_per_step(8, 1) == 9 and steps_per_epoch(90, 8, 1) == 10
    plan = make_plan(TrainConfig(model="m", data="d", task="classification"), train_rows=900, parameters=22_000_000)
    assert plan.warnings == [("A batch of 8 rows does not split evenly over 3 processes: each takes 3, so a step "
                              "sees 9 rows.")]


@pytest.mark.parametrize(("kind", "task", "data", "columns", "honours"), [
    ("bert-classifier", "classification", classification_csv, {"text": "text", "label": "label"}, False),
    ("t5", "seq2seq", seq2seq_csv, {"source": "source", "target": "target"}, False),
    ("gpt2", "causal-lm", text_csv, {"text": "text"}, True),
])
def test_the_trainer_scales_the_loss_by_the_item_count_only_when_the_model_divides_by_it(
        tmp_path, tiny, kind, task, data, columns, honours):
    prep = prepare(TrainConfig(model=str(tiny(kind)), data=str(data(tmp_path)), task=task, columns=columns))
    trainer, _ = build_trainer(prep, build_model(prep), tmp_path / "out", [])
    assert trainer.model_accepts_loss_kwargs is honours


def test_gradient_accumulation_reports_a_classifier_loss_of_the_same_size(tmp_path, tiny):
    """Two accumulated half batches are one batch: before, the Trainer added the two means (twice the loss, and
    twice the gradient) because BERT's classifier takes ``num_items_in_batch`` and ignores it."""
    data = classification_csv(tmp_path, 40)
    losses = {}
    for batch, accum in ((8, 1), (4, 2)):
        config = TrainConfig(model=str(tiny("bert-classifier")), data=str(data), task="classification",
                             columns={"text": "text", "label": "label"}, eval_split=0, max_steps=1,
                             batch_size=batch, grad_accum=accum, lr=1e-3)
        events: list[dict] = []
        run_training(config, tmp_path / f"run-{accum}", emit=events.append)
        losses[accum] = next(e["loss"] for e in events if e["type"] == "train")
    assert losses[2] == pytest.approx(losses[1], rel=0.1), losses
