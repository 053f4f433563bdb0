"""Issue 15: fine-tuning under ``accelerate launch`` with two CPU processes: one run folder, rank 0 alone writes
checkpoints, events and the final model, the JSON summary is printed once, and the run resumes.

``accelerate launch --cpu --num_processes 2`` starts a single process (accelerate's simple launcher);
``--multi_gpu --num_processes 2`` with ``--device cpu`` starts two, which talk over gloo on a CPU."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from finetune_support import classification_csv

from workbench.core.finetune import runs

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "workbench" / "resources" / "examples" / "sentiment.csv"
ACCELERATE = shutil.which("accelerate", path=str(Path(sys.executable).parent))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Runs the launcher in its own process group, so a hung run is killed with all its workers."""
    # A free port of our own: two launches on the default port (29500) at once join each other and hang.
    cmd = [ACCELERATE, "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision",
           "no", "--dynamo_backend", "no", "--main_process_port", str(free_port()), "-m", "workbench", "finetune", *args, "--device", "cpu", "--json"]
    child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # torchrun starts its workers in sessions of their own: kill the whole tree, or they keep the pipes open.
        for process in psutil.Process(child.pid).children(recursive=True):
            process.kill()
        os.killpg(child.pid, signal.SIGKILL)
        stdout, stderr = child.communicate()
        stderr += f"\n(killed after {timeout} s)"
    return subprocess.CompletedProcess(cmd, child.returncode, stdout, stderr)


@pytest.mark.skipif(ACCELERATE is None, reason="accelerate's launcher is not installed")
def test_two_processes_share_one_run_folder(tmp_path, tiny, fresh_home):
    run_dir = tmp_path / "run"
    out = launch("-m", str(tiny("bert-classifier")), "--data", str(classification_csv(tmp_path, 24)), "--task",
                 "classification", "--epochs", "1", "--batch-size", "8", "--out", str(run_dir))
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout)  # one JSON document: rank 1 printed nothing
    assert result["status"] == "finished" and result["step"] == 3  # 22 rows, 8 a step: 4 from each process
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["home", "run"]
    assert not list((fresh_home / "data" / "runs").glob("*"))  # no second run folder from rank 1
    events = runs.read_events(run_dir)
    assert [e["type"] for e in events].count("start") == 1 and [e["type"] for e in events].count("done") == 1
    checkpoints = sorted((run_dir / "checkpoints").iterdir())
    assert [p.name for p in checkpoints] == ["checkpoint-2", "checkpoint-3"]
    # Each process keeps its own random state in the checkpoint; the weights are written once, by rank 0.
    assert {p.name for p in checkpoints[-1].glob("rng_state*")} == {"rng_state_0.pth", "rng_state_1.pth"}
    models = fresh_home / "data" / "models"
    assert [p.name for p in models.iterdir()] == [Path(result["model_path"]).name]



@pytest.mark.skipif(ACCELERATE is None, reason="accelerate's launcher is not installed")
def test_two_processes_resume_a_run(tmp_path, tiny, fresh_home):
    run_dir = tmp_path / "run"
    first = launch("-m", str(tiny("bert-classifier")), "--data", str(classification_csv(tmp_path, 24)), "--task",
                   "classification", "--epochs", "1", "--batch-size", "8", "--out", str(run_dir))
    assert first.returncode == 0, first.stderr[-3000:]
    result = json.loads(first.stdout)
    models = fresh_home / "data" / "models"
    again = launch("--out", str(run_dir), "--resume", "--add-epochs", "1", timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    resumed = json.loads(again.stdout)
    assert resumed["status"] == "finished" and resumed["step"] == 6
    assert resumed["model_path"] == result["model_path"] and len(list(models.iterdir())) == 1
    assert [e["step"] for e in runs.read_events(run_dir) if e["type"] == "start"] == [0, 3]


@pytest.mark.starter
@pytest.mark.skipif(ACCELERATE is None, reason="accelerate's launcher is not installed")
def test_two_processes_train_the_model_one_process_trains(tmp_path, fresh_home):
    """Issue 22: the same run (MiniLM, a small sentiment file, seed 0) in one process and in two. Before, two
    processes reported twice the eval loss (BERT's classifier ignores the item count the Trainer scales by) and
    learned less: the base model's evaluation left the model out of DistributedDataParallel (no gradient
    averaging), and each process took a whole batch, so the run made half the steps with the same settings."""
    rows = EXAMPLE.read_text(encoding="utf-8").splitlines()[:161]  # the header and 160 rows, both labels alike
    data = tmp_path / "sentiment.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["-m", "all-minilm-l6-v2", "--data", str(data), "--task", "classification", "--eval-split", "0.2",
            "--epochs", "2", "--lr", "1e-4", "--seed", "0"]
    one = subprocess.run([sys.executable, "-m", "workbench", "finetune", *args, "--out", str(tmp_path / "one"),
                          "--device", "cpu", "--json"], check=False, cwd=REPO, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert one.returncode == 0, one.stderr[-3000:]
    two = launch(*args, "--out", str(tmp_path / "two"), timeout=600)
    assert two.returncode == 0, two.stderr[-3000:]
    one, two = json.loads(one.stdout), json.loads(two.stdout)
    figures = {"one": one["metrics"], "two": two["metrics"]}
    assert two["max_steps"] == one["max_steps"] == 32, figures  # 128 training rows, 8 a step: 4 from each process
    assert two["base_eval_loss"] == pytest.approx(one["base_eval_loss"], rel=1e-4), figures
    assert one["metrics"]["accuracy"] >= 0.9 and one["eval_loss"] < 0.7 * one["base_eval_loss"], figures
    # The same rows make each step; only the dropout masks differ (measured: 2-5 % apart; before, 2x and 5x).
    assert two["eval_loss"] == pytest.approx(one["eval_loss"], rel=0.1), figures
    assert abs(two["metrics"]["accuracy"] - one["metrics"]["accuracy"]) <= 0.04, figures  # 32 rows: one answer
    assert abs(two["metrics"]["macro_f1"] - one["metrics"]["macro_f1"]) <= 0.04, figures
    for run in ("one", "two"):
        start = next(e for e in runs.read_events(tmp_path / run) if e["type"] == "start")
        progress = [e for e in runs.read_events(tmp_path / run) if e["type"] == "progress"]
        assert start["max_steps"] == 32 and progress[-1]["step"] == 32  # what the CLI and the app show
