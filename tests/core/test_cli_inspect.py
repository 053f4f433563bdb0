"""`workbench lens / attribute / perplexity` on tiny models: JSON shapes, agreement with transformers, bad input."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_lens_json_and_its_last_layer_is_the_argmax(tiny):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = tiny("gpt2")
    out = run("lens", "-m", str(path), "-t", "The quick brown fox", "--top-k", "3", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) == {"tokens", "layers", "predictions"} and doc["layers"] == 2
    assert len(doc["predictions"]) == 3 and len(doc["predictions"][0]) == len(doc["tokens"])
    assert set(doc["predictions"][0][0][0]) == {"id", "token", "prob"} and len(doc["predictions"][0][0]) == 3
    tok, model = AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path)
    with torch.inference_mode():
        logits = model(**tok("The quick brown fox", return_tensors="pt")).logits[0]
    assert [ranks[0]["id"] for ranks in doc["predictions"][-1]] == logits.argmax(-1).tolist()


def test_attribute_and_perplexity_json(tiny):
    path = str(tiny("llama"))
    out = run("attribute", "-m", path, "-p", "The quick brown", "--max-new-tokens", "2", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["method"] == "ig" and len(doc["targets"]) == 2
    for target in doc["targets"]:
        assert set(target) == {"token", "id", "scores", "target_logprob", "baseline_logprob", "convergence_delta"}
        assert len(target["scores"]) == len(doc["prompt_tokens"])
        difference = target["target_logprob"] - target["baseline_logprob"]
        assert math.isclose(sum(target["scores"]), difference, rel_tol=0.05, abs_tol=1e-3)
    out = run("perplexity", "-m", path, "-t", "The quick brown fox jumps", "--compare", str(tiny("gpt2")),
              "--stride", "8", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["stride"] == 8 and doc["compare"]["model"].endswith("gpt2")
    nll = [-t["logprob"] for t in doc["tokens"][1:]]
    assert doc["tokens"][0]["logprob"] is None
    assert math.isclose(doc["perplexity"], math.exp(sum(nll) / len(nll)), rel_tol=1e-9)


def test_bad_input_is_one_clear_line_and_exit_1(tiny, tmp_path):
    out = run("lens", "-m", str(tiny("bert")), "-t", "hello")
    assert out.returncode == 1 and "language-model head" in out.stderr and "Traceback" not in out.stderr
    out = run("perplexity", "-m", str(tiny("gpt2")), "--file", str(tmp_path / "missing.txt"))
    assert out.returncode == 1 and "does not exist" in out.stderr
    out = run("attribute", "-m", str(tiny("gpt2")), "-p", "hi " * 300, "--target", " x")
    assert out.returncode == 1 and "at most 256" in out.stderr
