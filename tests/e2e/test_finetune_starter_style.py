"""Issue 17 on the real starter chat model: a LoRA run with the default settings (rank, targets, learning
rate, warm-up), cut to a few steps to stay short, teaches forty rows of a fixed reply style."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from finetune_support import STYLE_OPENING, style_csv

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.starter
def test_smollm2_default_lora_answers_held_out_prompts_in_the_taught_style(tmp_path, smollm2):
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "finetune", "-m", str(smollm2), "--data", str(style_csv(tmp_path, 40)),
         "--task", "causal-lm", "--lora", "--eval-split", "0.125", "--max-steps", "16", "--eval-steps", "8",
         "--out", str(tmp_path / "run"), "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=3600, env={**os.environ, "OMP_NUM_THREADS": "2"})
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout)
    first_word = STYLE_OPENING.split()[0]
    base = [r["base"] for r in result["comparison"]]
    tuned = [r["tuned"] for r in result["comparison"]]
    assert sum(a.startswith(first_word) for a in base) == 0, base
    assert sum(a.startswith(first_word) for a in tuned) == len(tuned) == 5, tuned
    assert result["base_eval_loss"] > result["eval_loss"] and result["improved"] is True
