"""`workbench softmax`: one step from logits to probabilities, as JSON, checked against the generation's record."""

from __future__ import annotations

import math

from cli_support import run_cli, run_json


def test_softmax_json_follows_the_formula_and_matches_the_record(tiny):
    doc = run_json("softmax", "-m", str(tiny("gpt2")), "-p", "The quick brown fox", "--temperature", "0.7",
                   "--top-k", "5", "--top-p", "0.9", "--seed", "2", "--top", "8", "--json")
    assert doc["shape"][0] == 1 and doc["shape"][2] == doc["vocab_size"] and doc["temperature"] == 0.7
    assert [s["name"] for s in doc["stages"]] == ["temperature", "top_k", "top_p"]
    assert doc["max_err_vs_recorded"] <= 1e-5 and doc["max_err_after_vs_recorded"] <= 1e-5
    top = doc["top"]
    assert len(top) >= 8 and sum(t["chosen"] for t in top) == 1
    assert sum(1 for t in top if t["removed_by"] == "top_k") >= 3  # 8 shown, 5 kept by top-k
    for t in top:
        assert math.isclose(t["scaled"], t["logit"] / 0.7, rel_tol=1e-5)
        assert math.isclose(t["prob"], math.exp(t["shifted"]) / doc["sum_exp"], rel_tol=1e-5)
    assert doc["device"] and doc["engine"] == "transformers"


def test_softmax_refuses_bad_values_in_one_line(tiny):
    out = run_cli("softmax", "-m", str(tiny("gpt2")), "-p", "hi", "--top-p", "1.5")
    assert out.returncode == 2 and "--top-p 1.5" in out.stderr and "Traceback" not in out.stderr
    out = run_cli("softmax", "-m", str(tiny("bert")), "-p", "hi")
    assert out.returncode == 1 and "language-model head" in out.stderr and "Traceback" not in out.stderr
