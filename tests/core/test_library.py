import json
import shutil

import pytest

from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError
from workbench.core.library import Library
from workbench.core.modelinfo import inspect_folder


def test_inspect_reads_kinds_parameters_and_chat_template(tiny):
    llama = inspect_folder(tiny("llama"))
    assert llama.kinds == ["causal-lm"] and llama.has_chat_template and llama.parameters > 1000
    assert inspect_folder(tiny("bert-classifier")).kinds[0] == "seq-classification"
    assert inspect_folder(tiny("t5")).kinds == ["seq2seq"]
    assert "encoder" in inspect_folder(tiny("bert")).kinds


def test_parameter_count_matches_the_model(tiny):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny("gpt2"))
    state = model.state_dict()
    # safetensors stores tied weights once; count unique tensors
    unique = {t.data_ptr(): t.numel() for t in state.values()}
    assert inspect_folder(tiny("gpt2")).parameters == sum(unique.values())


def test_import_folder_lists_and_resolves(library, tiny):
    target = library.import_folder(tiny("gpt2"), name="my gpt2")
    assert target.name == "my-gpt2"
    entry = library.find("my-gpt2")
    assert entry.source == "store" and entry.kinds == ["causal-lm"] and entry.size_bytes > 0
    assert library.resolve("my-gpt2") == target
    assert library.import_folder(tiny("gpt2"), name="my gpt2").name == "my-gpt2-2"  # never overwrites


def test_import_can_be_cancelled_and_leaves_nothing(library, tiny):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        library.import_folder(tiny("gpt2"), cancel=token)
    assert list(library.store.glob("*")) == []  # not even a temporary folder (no store folder: nothing)


def test_remove_store_model(library, tiny):
    library.import_folder(tiny("bert"), name="b")
    assert "Removed b" in library.remove("b")
    assert library.find("b") is None


def test_hf_cache_models_are_listed_and_removed(tmp_path, monkeypatch, tiny, library):
    cache = tmp_path / "hf" / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    repo = cache / "models--org--tiny-gpt2"
    snap = repo / "snapshots" / ("a" * 40)
    shutil.copytree(tiny("gpt2"), snap)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("a" * 40)
    (repo / "blobs").mkdir()
    entry = library.find("org/tiny-gpt2")
    assert entry is not None and entry.source == "hf-cache" and entry.kinds == ["causal-lm"]
    assert library.resolve("org/tiny-gpt2") == snap
    library.remove("org/tiny-gpt2")
    assert library.find("org/tiny-gpt2") is None


# ---- bad input: each answered with a clear message ---------------------------------------------

def test_folder_that_is_not_a_model(library, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(WorkbenchError, match="no config.json"):
        library.import_folder(tmp_path / "photos")


def test_truncated_safetensors(library, tiny, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny("gpt2"), broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-1000])
    with pytest.raises(WorkbenchError, match="truncated") as info:
        library.import_folder(broken)
    assert "again" in info.value.hint


def test_config_that_needs_remote_code(library, tiny, tmp_path):
    custom = tmp_path / "custom"
    shutil.copytree(tiny("gpt2"), custom)
    cfg = json.loads((custom / "config.json").read_text())
    cfg["model_type"] = "my_secret_arch"
    cfg["auto_map"] = {"AutoModelForCausalLM": "modeling_secret.SecretModel"}
    (custom / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(WorkbenchError, match="custom code") as info:
        library.import_folder(custom)
    assert "trust_remote_code" in info.value.hint


def test_missing_tokenizer(library, tiny, tmp_path):
    notok = tmp_path / "notok"
    shutil.copytree(tiny("gpt2"), notok)
    (notok / "tokenizer.json").unlink()
    with pytest.raises(WorkbenchError, match="no tokenizer"):
        library.import_folder(notok)


def test_damaged_gguf(library, tmp_path):
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"NOTGGUF" + b"\0" * 100)
    with pytest.raises(WorkbenchError, match="not a readable GGUF"):
        library.import_folder(fake)


def test_gguf_of_unsupported_architecture(library, tmp_path):
    import gguf
    import numpy as np

    path = tmp_path / "weird.gguf"
    writer = gguf.GGUFWriter(str(path), "weirdnet")
    writer.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(WorkbenchError) as info:
        library.import_folder(path)
    assert "weird.gguf" in info.value.message


def test_unreadable_store(tmp_path, tiny):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    lib = Library(blocker / "store")
    with pytest.raises(WorkbenchError, match="not writable") as info:
        lib.import_folder(tiny("gpt2"))
    assert "WORKBENCH_STORE" in info.value.hint


def test_unknown_reference(library):
    with pytest.raises(WorkbenchError, match="No model called 'org/nothing'") as info:
        library.resolve("org/nothing")
    assert "workbench download org/nothing" in info.value.hint
