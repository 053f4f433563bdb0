"""`workbench generate --json` and `workbench attention --json` on Chinese text: every token keeps its
exact text and gains its bytes (hex) and what it displays (characters, or ‹..› for part of one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _check(token: dict) -> None:
    raw = bytes.fromhex(token["bytes"])
    assert token["bytes"] == raw.hex(" ")
    assert "\ufffd" not in token["display"] and "\\x" not in token["display"]
    if token["display"].startswith("‹") and token["display"].endswith("›"):  # part of a character, or invalid bytes
        assert token["display"].strip("‹›").replace("›‹", " ") == token["bytes"]


def test_generate_json_tokens_have_bytes_and_display(tiny):
    from transformers import AutoTokenizer

    path = tiny("gpt2")
    doc = _run("generate", "-m", str(path), "-p", "我喜欢学习", "--greedy", "--max-new-tokens", "10",
               "--top-k-probs", "3", "--json")
    tok = AutoTokenizer.from_pretrained(path)
    for token in doc["tokens"]:
        assert {"id", "text", "bytes", "display", "logprob", "top"} <= set(token)
        _check(token)
        for alt in token["top"]:
            assert {"id", "text", "bytes", "display", "prob"} <= set(alt)
            _check(alt)
    ids = [t["id"] for t in doc["tokens"]]
    joined = b"".join(bytes.fromhex(t["bytes"]) for t in doc["tokens"])
    assert joined.decode("utf-8", "replace") == tok.decode(ids, skip_special_tokens=False)


def test_attention_json_token_details(tiny, tmp_path):
    doc = _run("attention", "-m", str(tiny("gpt2")), "-t", "我喜欢学习中文", "--generate", "2",
               "--out", str(tmp_path / "a.csv"), "--json")
    details = doc["token_details"]
    assert len(details) == len(doc["tokens"])
    for label, token in zip(doc["tokens"], details):
        _check(token)
        assert "\ufffd" not in label
    assert any(t["display"].startswith("‹") for t in details)
    assert "".join(t["display"] for t in details if not t["display"].startswith("‹")).startswith("我喜欢学习中文")
    for step in doc["steps"]:
        _check(step)
