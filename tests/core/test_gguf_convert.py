"""GGUF import: tensor by tensor into bfloat16 safetensors, correct against transformers' own GGUF
loading, cancellable with nothing left behind, and safe when two processes convert at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError
from workbench.core.library import STARTERS, Library, starter_source

ROOT = Path(__file__).resolve().parents[2]


def starter_gguf() -> Path:
    source = starter_source(STARTERS[0])
    if source is None:
        pytest.skip("the SmolLM2 starter package is not installed")
    return source


@pytest.mark.starter
def test_converted_starter_is_bfloat16_and_decodes_like_transformers_gguf_loading(smollm2):
    import torch
    from safetensors import safe_open
    from transformers import AutoModelForCausalLM, AutoTokenizer

    weights = sorted(smollm2.glob("*.safetensors"))
    assert weights
    dtypes = set()
    for file in weights:
        with safe_open(str(file), "pt") as f:
            dtypes |= {str(f.get_slice(name).get_dtype()) for name in f.keys()}
    assert dtypes == {"BF16"}
    assert 240e6 < sum(f.stat().st_size for f in weights) < 300e6  # 135M parameters in 2 bytes
    from workbench.core.modelinfo import inspect_folder

    assert inspect_folder(smollm2).kinds[0] == "causal-lm"  # config.json names LlamaForCausalLM

    gguf = starter_gguf()
    reference = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    converted = AutoModelForCausalLM.from_pretrained(smollm2, dtype=torch.float32)
    ref_state, new_state = reference.state_dict(), converted.state_dict()
    assert set(ref_state) == set(new_state)
    for name, value in ref_state.items():  # q/k un-permuted exactly as transformers does
        assert torch.allclose(value, new_state[name], rtol=1e-2, atol=1e-2 * float(value.abs().max())), name
    tok = AutoTokenizer.from_pretrained(smollm2)
    ids = tok.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}],
                                  add_generation_prompt=True, return_tensors="pt", return_dict=True)["input_ids"]
    with torch.inference_mode():
        a = reference.generate(ids, do_sample=False, max_new_tokens=12)
        b = converted.generate(ids, do_sample=False, max_new_tokens=12)
    assert a.tolist() == b.tolist()


@pytest.mark.starter
def test_cancel_leaves_nothing_behind(tmp_path):
    library = Library(tmp_path / "store")
    token = CancelToken()
    seen = []

    def progress(event):
        seen.append(event)
        if len(seen) == 20:
            token.cancel()

    with pytest.raises(Cancelled):
        library.import_gguf(starter_gguf(), name="cancelled", progress=progress, cancel=token)
    assert len(seen) == 20  # per-tensor progress, stopped at the next tensor
    assert [p.name for p in library.store.iterdir() if not p.name.endswith(".lock")] == []


@pytest.mark.starter
def test_not_enough_disk_is_refused_before_writing(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 10**6, 10**6))
    library = Library(tmp_path / "store")
    with pytest.raises(WorkbenchError, match="disk space"):
        library.import_gguf(starter_gguf(), name="nospace")
    assert [p.name for p in library.store.iterdir() if not p.name.endswith(".lock")] == []


@pytest.mark.starter
def test_two_processes_converting_the_same_gguf_at_once(tmp_path):
    store = tmp_path / "store"
    script = ("import json, sys; from pathlib import Path; from workbench.core.library import Library; "
              "p = Library(Path(sys.argv[1])).import_gguf(Path(sys.argv[2]), name='same'); "
              "print(json.dumps(str(p)))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(store), str(starter_gguf())], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    assert {json.loads(out) for out, _ in outputs} == {str(store / "same")}
    assert sorted(p.name for p in store.iterdir()) == [".same.lock", "same"]  # no temp folder left
    from transformers import AutoConfig

    assert AutoConfig.from_pretrained(store / "same").model_type == "llama"
