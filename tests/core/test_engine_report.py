"""Every model-loading command's JSON says which device, dtype and engine ran, and they follow
--dtype (the same settings and policy as the app)."""

from __future__ import annotations

from tests.cli_support import run_json


def test_generate_and_attention_report_device_dtype_engine(tiny, tmp_path):
    model = str(tiny("gpt2"))
    doc = run_json("generate", "-m", model, "-p", "Hello there", "--greedy", "--max-new-tokens", "3",
                   "--dtype", "bfloat16", "--json")
    assert doc["engine"] == "transformers" and doc["dtype"] == "bfloat16" and doc["device"]
    doc = run_json("attention", "-m", model, "-t", "Hello there", "--out", str(tmp_path / "a.npz"),
                   "--dtype", "float32", "--json")
    assert doc["engine"] == "transformers" and doc["dtype"] == "float32" and doc["device"]
