"""`workbench explain inputs`: the JSON contract and bad input."""

from __future__ import annotations

from cli_support import run_cli, run_json


def test_explain_inputs_json_for_a_bert_pair(tiny):
    doc = run_json("explain", "inputs", "-m", str(tiny("bert")), "-t", "the cat", "--pair", "a dog", "--json")
    assert {"tokens", "segments", "parts", "sum", "layernorm", "norms", "cosines", "max_err_vs_model"} <= set(doc)
    assert doc["tokens"][0] == "[CLS]" and doc["segments"][-1] == 1 and doc["max_err_vs_model"] <= 1e-5
    n = len(doc["tokens"])
    assert all(len(doc["parts"][k]) == n for k in ("token", "position", "segment"))
    out = run_cli("explain", "inputs", "-m", str(tiny("gpt2")), "-t", "one", "--pair", "two")
    assert out.returncode == 1 and "sentence pair" in out.stderr and "Traceback" not in out.stderr
