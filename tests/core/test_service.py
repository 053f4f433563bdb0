import shutil
import threading

import pytest

from workbench.core.devices import pick_device, pick_dtype
from workbench.core.jobs import WorkbenchError
from workbench.core.service import LoadOptions, ModelService


def test_load_each_kind_and_switch_attention(service, tiny):
    for kind, expected in [("llama", "causal-lm"), ("bert", "encoder"), ("t5", "seq2seq"),
                           ("bert-classifier", "seq-classification")]:
        handle = service.load(str(tiny(kind)))
        assert handle.kind == expected
        assert handle.device == pick_device("auto") and handle.dtype == pick_dtype(handle.device, "auto", False)
        assert handle.attn_implementation == "sdpa"
        with service.use(handle, attention=True):
            assert handle.attn_implementation == "eager"
        assert handle.attn_implementation == "sdpa"


def test_one_model_at_a_time_and_unload_frees(service, tiny):
    a = service.load(str(tiny("gpt2")))
    assert service.load(str(tiny("gpt2"))) is a  # cached
    b = service.load(str(tiny("llama")))
    assert service.loaded() == [b]
    assert a.model is None  # the evicted model's weights are released
    service.unload()
    assert service.loaded() == []


def test_lock_serialises_jobs(service, tiny):
    handle = service.load(str(tiny("gpt2")))
    inside = threading.Event()
    release = threading.Event()
    order = []

    def first():
        with service.use(handle):
            inside.set()
            release.wait(5)
            order.append("first")

    t = threading.Thread(target=first)
    t.start()
    inside.wait(5)
    assert not handle.lock.acquire(blocking=False) or handle.lock.release()  # held by the first job
    release.set()
    with service.use(handle):
        order.append("second")
    t.join()
    assert order == ["first", "second"]


def test_pickle_weights_need_opt_in(library, tiny, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    folder = tmp_path / "pickled"
    shutil.copytree(tiny("gpt2"), folder)
    (folder / "model.safetensors").unlink()
    model = AutoModelForCausalLM.from_pretrained(tiny("gpt2"))
    torch.save(model.state_dict(), folder / "pytorch_model.bin")
    svc = ModelService(library)
    with pytest.raises(WorkbenchError, match="pickle") as info:
        svc.load(str(folder))
    assert "allow pickle" in info.value.hint
    allowed = ModelService(library, options=LoadOptions(allow_pickle=True))
    assert allowed.load(str(folder)).kind == "causal-lm"
    allowed.unload()


def test_memory_check_refuses_a_model_that_cannot_fit(service, tiny, monkeypatch):
    from workbench.core import devices

    monkeypatch.setattr(devices, "memory_status", lambda device: devices.MemoryStatus(device, 10, 10))
    with pytest.raises(WorkbenchError, match="needs about") as info:
        service.load(str(tiny("gpt2")))
    assert "smaller" in info.value.hint


def test_wrong_kind_for_model(service, tiny):
    with pytest.raises(WorkbenchError, match="cannot be loaded as a seq2seq"):
        service.load(str(tiny("bert")), kind="seq2seq")


@pytest.mark.parametrize("cuda, mps, expected", [(False, False, "cpu"), (True, False, "cuda"),
                                                 (False, True, "mps"), (True, True, "cuda")])
def test_device_policy(monkeypatch, cuda, mps, expected):
    """The policy itself, on any machine: the accelerators torch reports are stood in for."""
    import torch

    from workbench.core.devices import fit_verdict

    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    assert pick_device("auto") == expected
    assert pick_device("cpu") == "cpu"
    if cuda:
        assert pick_device("cuda") == "cuda"
    else:
        with pytest.raises(WorkbenchError, match="CUDA"):
            pick_device("cuda")
    assert pick_dtype("cpu", "auto", cpu_bf16_faster=True) == "bfloat16"
    assert pick_dtype("cpu", "auto", cpu_bf16_faster=False) == "float32"
    assert pick_dtype("mps") == "float16"
    assert pick_dtype("cpu", "float16") == "float16"
    assert fit_verdict(1, 10) == "fits" and fit_verdict(9, 10) == "tight" and fit_verdict(11, 10) == "will not fit"


def test_int8_quantized_load_runs(library, tiny):
    # On the default device, whatever accelerator this machine has: int8 picks the CPU path.
    svc = ModelService(library, options=LoadOptions(quantize="int8"))
    handle = svc.load(str(tiny("gpt2")))
    assert handle.device == "cpu" and handle.quantize == "int8"
    import torch
    out = handle.model(torch.tensor([[1, 2, 3]]))
    assert out.logits.shape[-1] == handle.config.vocab_size
    svc.unload()


def test_unload_leaves_no_reference_to_the_model(service, tiny):
    import gc
    import weakref

    handle = service.load(str(tiny("gpt2")))
    with service.use(handle):
        import torch
        handle.model(torch.tensor([[1, 2, 3]]))
    ref = weakref.ref(handle.model)
    service.unload(handle)
    gc.collect()
    assert ref() is None  # nothing (handle, cache, hooks) keeps the weights alive


def test_int8_on_an_accelerator_says_why_not(library, tiny, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)  # as on a GPU machine
    svc = ModelService(library, options=LoadOptions(quantize="int8", device="cuda"))
    with pytest.raises(WorkbenchError, match="CPU only") as info:
        svc.load(str(tiny("gpt2")))
    assert "'auto' or 'cpu'" in info.value.hint
