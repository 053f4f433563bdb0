"""Issue 17: default runs visibly learn (LoRA and full), the summary compares base and fine-tuned, a run
that is too short says so; early stopping really stops early; BLEU/ROUGE count Chinese words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from finetune_support import STYLE_OPENING, classification_csv, style_csv, write_rows

from workbench.core.finetune import runs
from workbench.core.finetune.plan import make_plan
from workbench.core.finetune.train import TrainConfig, preflight, run_training, text_metrics

REPO = Path(__file__).resolve().parents[2]


def styled(answers: list[str]) -> int:
    return sum(a.startswith(STYLE_OPENING.split()[0]) for a in answers)  # "Ahoy": the style's first word


def test_a_default_lora_run_changes_held_out_answers_to_the_taught_style(tmp_path, tiny):
    config = TrainConfig(model=str(tiny("llama")), data=str(style_csv(tmp_path, 40)), task="causal-lm",
                         columns={"prompt": "prompt", "response": "response"}, lora=True, eval_split=0.2)
    events: list[dict] = []
    result = run_training(config, tmp_path / "run", emit=events.append)
    plan = next(e for e in events if e["type"] == "plan")
    chosen = {c["setting"]: c["value"] for c in plan["choices"]}
    assert chosen["lora_targets"] == "all-linear" and chosen["epochs"] > 3 and plan["total_steps"] >= 60
    assert all(c["reason"] for c in plan["choices"]) and plan["warnings"] == []
    rows = result["comparison"]
    assert len(rows) == 5 and styled([r["base"] for r in rows]) == 0
    assert styled([r["tuned"] for r in rows]) == 5, rows
    assert result["base_eval_loss"] > result["eval_loss"] and result["improved"] is True
    assert "learned from the data" in result["message"]
    assert runs.summarize(tmp_path / "run").comparison["rows"] == rows


def test_a_default_full_run_learns_the_style_and_says_so_in_json(tmp_path, tiny):
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "finetune", "-m", str(tiny("llama")), "--data",
         str(style_csv(tmp_path, 40)), "--task", "causal-lm", "--eval-split", "0.2", "--out", str(tmp_path / "run"),
         "--json"], cwd=REPO, capture_output=True, text=True, timeout=600, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["base_eval_loss"] > result["eval_loss"] == result["metrics"]["eval_loss"]
    assert styled([r["tuned"] for r in result["comparison"]]) == 5, result["comparison"]
    assert styled([r["base"] for r in result["comparison"]]) == 0


def test_a_run_that_did_not_improve_says_so_plainly(tmp_path, tiny):
    config = TrainConfig(model=str(tiny("llama")), data=str(style_csv(tmp_path, 20)), task="causal-lm",
                         columns={"prompt": "prompt", "response": "response"}, eval_split=0.2, max_steps=1,
                         lr=1e-12)
    result = run_training(config, tmp_path / "run")
    assert result["status"] == "finished" and result["improved"] is False
    assert "did not improve over the base model" in result["message"]


def test_a_two_row_file_is_too_short_and_the_preflight_says_what_to_do(tmp_path, tiny):
    data = write_rows(tmp_path / "two.csv", ["text"], [["The quick brown fox."], ["A lazy dog sleeps."]])
    config = TrainConfig(model=str(tiny("gpt2")), data=str(data), task="causal-lm", columns={"text": "text"},
                         eval_split=0, epochs=3)
    estimate = preflight(config)
    [warning] = estimate["warnings"]
    assert warning.startswith("3 optimizer steps: expect little change") and "We suggest 60 epochs (about" in warning
    assert estimate["suggested_seconds"] > estimate["estimated_seconds"]
    # The automatic choice goes as far as it sensibly can, and still warns.
    plan = make_plan(TrainConfig(model="m", data="d", task="causal-lm"), train_rows=2, parameters=100_000_000)
    assert plan.config.epochs == 20 and plan.warnings and plan.suggested_epochs == 30


def test_defaults_scale_with_the_data_and_the_model():
    small = make_plan(TrainConfig(model="m", data="d", task="causal-lm", lora=True), 36, 135_000_000)
    assert (small.config.epochs, small.config.lr, small.config.lora_r, small.config.lora_alpha) == (12, 5e-4, 16, 32)
    assert small.config.warmup == 0.1 and small.total_steps >= 60
    big_file = make_plan(TrainConfig(model="m", data="d", task="causal-lm"), 5000, 3_000_000_000)
    assert big_file.config.epochs == 3 and big_file.config.lr == 2e-5 and not big_file.warnings
    mine = make_plan(TrainConfig(model="m", data="d", task="causal-lm", lr=1e-4, epochs=1), 36, 135_000_000)
    assert mine.config.lr == 1e-4 and mine.config.epochs == 1 and mine.warnings
    assert [c.chosen for c in mine.choices if c.setting in ("lr", "epochs")] == [False, False]


def test_early_stopping_stops_before_the_step_limit(tmp_path, tiny):
    # The validation file contradicts the training file, so learning makes the validation loss worse.
    train = classification_csv(tmp_path, 40)
    flipped = write_rows(tmp_path / "flipped.csv", ["text", "label"],
                         [[f"{row[0]}", "negative" if row[1] == "positive" else "positive"]
                          for row in (line.split(",") for line in train.read_text().splitlines()[1:11])])
    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(train), validation_data=str(flipped),
                         task="classification", columns={"text": "text", "label": "label"}, max_steps=60,
                         batch_size=4, eval_steps=2, early_stopping=2, lr=1e-3)
    result = run_training(config, tmp_path / "run")
    assert result["status"] == "finished" and result["stopped_early"] is True
    assert result["step"] < 20, result["step"]
    assert result["message"].startswith(f"Stopped early at step {result['step']} of 60")


@pytest.mark.parametrize("tokenizer", ["auto", "zh"])
def test_bleu_and_rouge_count_chinese_words(tokenizer):
    same = text_metrics(["今天天气很好"], ["今天天气很好"], tokenizer)
    assert same["bleu"] == pytest.approx(100) and same["rouge1"] == pytest.approx(1)
    assert same["metric_tokenizer"] == "zh"
    half = text_metrics(["今天天气不好"], ["今天天气很好"], tokenizer)
    assert 0 < half["rouge1"] < 1 and 0 < half["bleu"] < 100
    assert text_metrics(["今天天气不好"], ["今天天气很好"], "13a")["rouge1"] == 0  # what rouge-score alone gives
    assert text_metrics(["the cat sat"], ["the cat sat"])["metric_tokenizer"] == "13a"
