"""`workbench finetune` as a child process: validate-only JSON, event stream, kill and resume, quality."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from finetune_support import classification_csv, text_csv, write_rows

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "workbench" / "resources" / "examples" / "sentiment.csv"


def workbench(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "OMP_NUM_THREADS": "1"})


def test_validate_only_json_and_exit_code(tmp_path, tiny):
    model = str(tiny("bert-classifier"))
    good = classification_csv(tmp_path)
    out = workbench("finetune", "-m", model, "--data", str(good), "--task", "classification", "--validate-only",
                    "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"ok": True, "rows": 40, "problems": []}

    bad = write_rows(tmp_path / "bad.csv", ["text", "label"], [["fine", "a"], ["", "b"], ["same", "a"], ["same", "a"]])
    out = workbench("finetune", "-m", model, "--data", str(bad), "--task", "classification", "--text-column", "text",
                    "--label-column", "label", "--validate-only", "--json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["ok"] is False and report["rows"] == 4
    assert {"row": 3, "column": "text", "severity": "error",
            "message": "Row 3, column 'text': the cell is empty. Fill it in or delete the row."} in report["problems"]
    assert {"row": 5, "column": "text", "severity": "warning", "message": "Row 5 repeats row 4."} in report["problems"]

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    out = workbench("finetune", "-m", model, "--data", str(empty), "--task", "classification", "--validate-only",
                    "--json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["problems"][0]["message"].startswith("empty.csv is empty.")


def test_a_missing_file_is_one_line_with_a_hint(tmp_path, tiny):
    out = workbench("finetune", "-m", str(tiny("gpt2")), "--data", str(tmp_path / "nope.csv"), "--task", "causal-lm")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "nope.csv does not exist" in out.stderr and "hint:" in out.stderr


def test_kill_mid_run_then_resume_to_the_same_end(tmp_path, tiny):
    run_dir = tmp_path / "run"
    args = ["-m", "workbench", "finetune", "-m", str(tiny("gpt2")), "--data", str(text_csv(tmp_path, 40)),
            "--task", "causal-lm", "--max-steps", "300", "--batch-size", "2", "--save-steps", "10", "--out",
            str(run_dir), "--events", "-"]
    child = subprocess.Popen([sys.executable, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    seen = []
    for line in child.stdout:
        event = json.loads(line)
        seen.append(event["type"])
        if event["type"] == "checkpoint" and event["step"] >= 20:
            child.kill()  # no chance to clean up: like a crash or a power cut
            break
    child.wait(timeout=60)
    assert "done" not in seen
    from workbench.core.finetune import runs
    assert runs.summarize(run_dir).status == "interrupted"
    killed_at = int(runs.last_checkpoint(run_dir).name.split("-")[-1])
    assert 20 <= killed_at < 300

    out = workbench("finetune", "--out", str(run_dir), "--resume", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["status"] == "finished" and result["step"] == 300 and result["max_steps"] == 300
    assert Path(result["model_path"]).is_dir() and result["run_dir"] == str(run_dir)
    starts = [e["step"] for e in runs.read_events(run_dir) if e["type"] == "start"]
    assert starts == [0, killed_at]

    again = workbench("finetune", "--out", str(run_dir), "--resume", "--json")
    assert again.returncode == 1 and "already finished" in again.stderr and "--add-epochs" in again.stderr


def test_events_stream_is_json_lines_ending_with_done(tmp_path, tiny):
    out = workbench("finetune", "-m", str(tiny("bert-classifier")), "--data", str(classification_csv(tmp_path)),
                    "--task", "classification", "--max-steps", "5", "--out", str(tmp_path / "run"), "--events", "-",
                    "--json")
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events[-2]["type"] == "done" and events[-2]["status"] == "finished"
    assert set(events[-1]) >= {"status", "metrics", "model_path", "run_dir"}  # the --json summary, one line


@pytest.mark.starter
def test_minilm_learns_sentiment_on_cpu(tmp_path):
    """all-MiniLM-L6-v2 with a new classification head, on the example sentences: high held-out accuracy."""
    out = workbench("finetune", "-m", "all-minilm-l6-v2", "--data", str(EXAMPLE), "--task", "classification",
                    "--epochs", "3", "--batch-size", "16", "--lr", "1e-4", "--max-length", "48", "--eval-split",
                    "0.2", "--out", str(tmp_path / "run"), "--json", timeout=400)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["status"] == "finished"
    assert result["metrics"]["accuracy"] >= 0.9, result["metrics"]
    assert result["metrics"]["labels"] == ["negative", "positive"]
