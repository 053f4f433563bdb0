"""`workbench generate` on a tiny model: JSON shape, equality with model.generate, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", "generate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_json_shape_and_greedy_ids_equal_model_generate(tiny):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = tiny("gpt2")
    out = run("-m", str(path), "-p", "The quick brown fox", "--greedy", "--max-new-tokens", "8", "--top-k-probs", "3",
              "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"text", "tokens", "tokens_per_s", "ttft_s"} <= set(doc)
    assert len(doc["tokens"]) == 8
    for token in doc["tokens"]:
        assert {"id", "text", "logprob", "top"} <= set(token)
        assert token["logprob"] <= 0
        assert 3 <= len(token["top"]) and {"id", "text", "prob"} <= set(token["top"][0])
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path)
    ids = tok("The quick brown fox", return_tensors="pt")
    with torch.inference_mode():
        expected = model.generate(**ids, do_sample=False, max_new_tokens=8, pad_token_id=tok.pad_token_id)
    assert [t["id"] for t in doc["tokens"]] == expected[0, ids["input_ids"].shape[1]:].tolist()


def test_streams_text_and_chat(tiny):
    out = run("-m", str(tiny("llama")), "-p", "Hi", "--chat", "--system", "Be brief.", "--seed", "3",
              "--max-new-tokens", "5")
    assert out.returncode == 0, out.stderr
    assert "5 tokens" in out.stderr and "seed 3" in out.stderr


@pytest.mark.parametrize("flags, message", [
    (["--temperature", "0"], "--temperature 0.0: temperature = 0 is out of range"),
    (["--top-p", "1.5"], "--top-p 1.5"),
    (["--top-k", "-3"], "--top-k -3"),
    (["--num-beams", "99"], "--num-beams 99"),
    (["--max-new-tokens", "0"], "--max-new-tokens 0"),
    (["--stop", ""], "stop string is empty"),
])
def test_out_of_range_values_exit_2(flags, message):
    out = run("-m", "anything", "-p", "Hello", *flags)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_bad_prompts(tiny):
    empty = run("-m", str(tiny("gpt2")), "-p", "  ")
    assert empty.returncode == 2 and "prompt is empty" in empty.stderr
    long = run("-m", str(tiny("gpt2")), "-p", "fox " * 400)
    assert long.returncode == 1 and "reads at most 256" in long.stderr and "hint: Shorten" in long.stderr


def test_chat_without_template(tiny, tmp_path):
    import shutil

    folder = tmp_path / "no-template"
    shutil.copytree(tiny("gpt2"), folder)
    config = json.loads((folder / "tokenizer_config.json").read_text())
    config.pop("chat_template", None)
    (folder / "tokenizer_config.json").write_text(json.dumps(config))
    (folder / "chat_template.jinja").unlink(missing_ok=True)
    out = run("-m", str(folder), "-p", "Hi", "--chat")
    assert out.returncode == 1
    assert "no chat template" in out.stderr and "completion mode" in out.stderr


def test_stop_string_in_prompt_is_a_note(tiny):
    out = run("-m", str(tiny("gpt2")), "-p", "The fox. The fox.", "--greedy", "--stop", "fox", "--max-new-tokens", "4",
              "--json")
    assert out.returncode == 0, out.stderr
    assert "already occurs in the prompt" in out.stderr
