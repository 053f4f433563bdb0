"""`workbench ablate` and `workbench anatomy` on tiny models: JSON contracts and bad input."""

from __future__ import annotations

from cli_support import run_cli, run_json


def test_ablate_json_scan_and_bad_heads(tiny):
    path = str(tiny("gpt2"))
    doc = run_json("ablate", "-m", path, "-p", "The quick brown fox", "--heads", "0.1,1.*", "--mode", "mean",
                   "--top", "4", "--new-tokens", "3", "--json")
    assert {"before", "after", "kl", "continuation_before", "continuation_after", "mode", "heads"} <= set(doc)
    assert doc["mode"] == "mean" and doc["heads"] == ["0.1", "1.0", "1.1", "1.2", "1.3"]
    for side in ("before", "after"):
        top = doc[side]["top"]
        assert len(top) == 4 and {"id", "token", "prob", "change"} <= set(top[0])
        assert [t["prob"] for t in top] == sorted((t["prob"] for t in top), reverse=True)
    assert doc["kl"] > 0 and isinstance(doc["continuation_after"], str)

    scan = run_json("ablate", "-m", path, "-p", "The quick brown fox", "--scan", "1", "--json")
    assert scan["layers"] == [1] and [(h["layer"], h["head"]) for h in scan["heads"]] == [(1, h) for h in range(4)]
    assert {"kl", "top_changed", "top_after", "prob_original_top"} <= set(scan["heads"][0])

    for bad, words in ((["--heads", "3.1"], "layers 0–1, heads 0–3"), (["--heads", "0.1", "--top", "0"], "--top")):
        out = run_cli("ablate", "-m", path, "-p", "hello", *bad)
        assert out.returncode in (1, 2) and words in out.stderr and "Traceback" not in out.stderr, out.stderr
    out = run_cli("ablate", "-m", path, "-p", "hello")  # neither --heads nor --scan
    assert out.returncode == 2 and "--heads" in out.stderr


def test_anatomy_json_and_text(tiny):
    path = str(tiny("llama"))
    doc = run_json("anatomy", "-m", path, "--json")
    assert (doc["layers"], doc["hidden_size"], doc["heads"], doc["kv_heads"], doc["head_dim"]) == (2, 32, 4, 2, 8)
    assert doc["vocab_size"] == 400 and doc["context"] == 256 and doc["tied_embeddings"] is True
    top_level = [m for m in doc["modules"] if "." not in m["name"]]
    assert sum(m["parameters"] for m in top_level) == doc["parameters"]
    out = run_cli("anatomy", "-m", path, "--depth", "1", check=True)
    assert "Key/value heads" in out.stdout and f"{doc['parameters']:,}" in out.stdout
    out = run_cli("anatomy", "-m", "no-such-model-here")
    assert out.returncode == 1 and "Traceback" not in out.stderr and out.stderr.strip()
