"""Issue 18 from the command line: --name names the library model, "run again" repeats a run exactly, and
checks leave the user's library, runs and settings as they found them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from finetune_support import classification_csv

from workbench.core.finetune import record

REPO = Path(__file__).resolve().parents[2]


def workbench(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "OMP_NUM_THREADS": "1"})


def snapshot(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under the home: size and modification time."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}


@pytest.mark.parametrize("with_out", [False, True])
def test_name_names_the_library_model(tmp_path, tiny, fresh_home, with_out):
    out_args = ["--out", str(tmp_path / "my-run-folder")] if with_out else []
    out = workbench("finetune", "-m", str(tiny("bert-classifier")), "--data", str(classification_csv(tmp_path, 20)),
                    "--task", "classification", "--max-steps", "2", "--name", "sentiment-v1", *out_args, "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert Path(result["model_path"]) == fresh_home / "data" / "models" / "sentiment-v1"
    assert (Path(result["model_path"]) / "model.safetensors").exists()


def test_run_again_repeats_a_run_exactly(tmp_path, tiny):
    first = workbench("finetune", "-m", str(tiny("bert-classifier")), "--data", str(classification_csv(tmp_path, 20)),
                      "--task", "classification", "--max-steps", "3", "--seed", "3", "--out", str(tmp_path / "a"),
                      "--json")
    assert first.returncode == 0, first.stderr
    again = workbench("finetune", "--repeat", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--json")
    assert again.returncode == 0, again.stderr
    a, b = json.loads(first.stdout), json.loads(again.stdout)
    assert a["model_path"] != b["model_path"]
    assert record.file_sha256(Path(a["model_path"]) / "model.safetensors") == \
        record.file_sha256(Path(b["model_path"]) / "model.safetensors")
    assert a["metrics"]["eval_loss"] == b["metrics"]["eval_loss"]


def test_checks_leave_the_home_as_they_found_it(tmp_path, tiny, fresh_home):
    """(tests/core/test_benchmarks_quick.py checks the same of `workbench bench finetune`.)"""
    from workbench.core import settings

    settings.save(settings.Settings())  # a user's settings file, to be left alone
    data = str(classification_csv(tmp_path, 20))
    before = snapshot(fresh_home)
    for check in ("--validate-only", "--preflight"):
        out = workbench("finetune", "-m", str(tiny("bert-classifier")), "--data", data, "--task", "classification",
                        check, "--json")
        assert out.returncode == 0, out.stderr
    assert snapshot(fresh_home) == before
