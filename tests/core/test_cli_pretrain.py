"""`workbench pretrain` as users run it: the JSON contract, events, kill and resume, bad inputs, then
`workbench generate` with an empty prompt on the result."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cli_support import ROOT, run_cli, run_json
from pretrain_support import sentences

TINY = ["--layers", "1", "--hidden", "32", "--context", "16", "--batch-size", "8"]


def test_json_shape_and_generate_from_empty_prompt(tmp_path):
    data = tmp_path / "text.txt"
    data.write_text(sentences(60), encoding="utf-8")
    out = run_json("pretrain", "--data", str(data), "--arch", "lstm", *TINY, "--epochs", "1", "--sample-every", "4",
                   "--out", str(tmp_path / "tiny-lstm"), "--json")
    assert out["status"] == "finished" and out["name"] == "tiny-lstm"
    assert isinstance(out["parameters"], int) and out["parameters"] > 0
    assert set(out["metrics"]) == {"val_loss", "val_perplexity"}
    assert all(isinstance(v, float) for v in out["metrics"].values())
    assert isinstance(out["samples"], list) and all(isinstance(s, str) for s in out["samples"])
    assert os.path.isdir(out["model_path"])

    from workbench.core.library import Library

    entry = Library().find("tiny-lstm")  # the same WORKBENCH_HOME as the command's
    assert entry is not None and "causal-lm" in entry.kinds and not entry.needs_remote_code
    generated = run_json("generate", "-m", "tiny-lstm", "-p", "", "--max-new-tokens", "8", "--seed", "1", "--json")
    assert len(generated["tokens"]) == 8 and generated["prompt_tokens"] == 1  # started from <s>

    # a finished run: --resume alone says how to train it longer; --more-steps does
    again = run_cli("pretrain", "--out", str(tmp_path / "tiny-lstm"), "--resume")
    assert again.returncode == 1 and "--more-steps" in again.stderr
    longer = run_json("pretrain", "--out", str(tmp_path / "tiny-lstm"), "--resume", "--more-steps", "3", "--json")
    assert longer["status"] == "finished" and longer["step"] == longer["max_steps"] == out["step"] + 3
    assert longer["model_path"] == out["model_path"] and longer["name"] == "tiny-lstm"
    alone = run_cli("pretrain", "--out", str(tmp_path / "other"), "--more-steps", "3")
    assert alone.returncode != 0 and "--resume" in alone.stderr

def test_events_kill_and_resume_to_the_same_end_step(tmp_path):
    data = tmp_path / "text.txt"
    data.write_text(sentences(150), encoding="utf-8")
    run_dir = tmp_path / "run"
    child = subprocess.Popen([sys.executable, "-m", "workbench", "pretrain", "--data", str(data), "--arch", "gru",
                              *TINY, "--epochs", "3", "--sample-every", "3", "--out", str(run_dir), "--events", "-"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    events = []
    for line in child.stdout:
        events.append(json.loads(line))
        if events[-1]["type"] == "checkpoint":
            child.kill()  # no chance to save anything more
            break
    child.wait()
    child.stdout.close()
    plan = next(e for e in events if e["type"] == "plan")
    assert plan["parameters"] > 0 and plan["max_steps"] > 3

    again = run_cli("pretrain", "--out", str(run_dir), "--resume", "--events", "-", "--json")
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    summary = lines[-1]
    assert summary["status"] == "finished" and summary["step"] == summary["max_steps"] == plan["max_steps"]
    assert any(e.get("type") == "status" and "Resuming from step 3" in e["message"] for e in lines)
    assert [e for e in lines if e.get("type") == "sample"]


def test_bad_input_exits_1_with_a_hint(tmp_path):
    data = tmp_path / "text.txt"
    data.write_text("too short", encoding="utf-8")
    out = run_cli("pretrain", "--data", str(data), "--arch", "transformer", "--out", str(tmp_path / "r"))
    assert out.returncode == 1 and "too short" in out.stderr and "hint:" in out.stderr
    assert "Traceback" not in out.stderr and not (tmp_path / "r").exists()
    heads = run_cli("pretrain", "--data", str(data), "--arch", "transformer", "--hidden", "30", "--heads", "4",
                    "--out", str(tmp_path / "r"))
    assert heads.returncode == 1 and "do not divide" in heads.stderr
    both = run_cli("pretrain", "--data", str(data), "--arch", "lstm", "--epochs", "1", "--max-minutes", "1",
                   "--out", str(tmp_path / "r"))
    assert both.returncode == 2  # one budget: epochs or minutes
