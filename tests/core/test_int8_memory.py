"""An int8 load needs less memory than the float load it replaces: each linear layer is quantized as its
weights are read, and the model is the one ``quantize_dynamic`` makes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loads one model in a fresh process and prints the process's peak resident memory (its own: ru_maxrss
# would report the pytest process's memory, carried over from the fork).
_LOAD = """
import json, sys
from pathlib import Path
from workbench.core.devices import peak_process_memory_bytes
from workbench.core.library import Library
from workbench.core.service import ModelService
service = ModelService(Library(Path(sys.argv[2])))
service.load(sys.argv[1], options=service.options_with(quantize=sys.argv[3], device="cpu", dtype="float32"))
print(json.dumps({"peak_mb": peak_process_memory_bytes() / 2**20}))
"""


@pytest.fixture(scope="module")
def medium_llama(tmp_path_factory, tiny):
    """A random Llama of ~40M parameters (160 MB in float32): big enough that the weights dominate the peak."""
    import shutil

    import torch
    import transformers as tf

    out = tmp_path_factory.mktemp("medium-llama")
    small = tiny("llama")
    config = tf.AutoConfig.from_pretrained(small)
    config.update(dict(hidden_size=512, intermediate_size=1536, num_hidden_layers=12, num_attention_heads=8,
                       num_key_value_heads=8, head_dim=64, tie_word_embeddings=True))
    # stored in bfloat16, as most checkpoints are: a float32 load then makes real copies (a float32
    # checkpoint would be read in place from the file mapping, for float and int8 loads alike)
    tf.LlamaForCausalLM(config).to(torch.bfloat16).save_pretrained(out)
    for name in Path(small).iterdir():
        if "token" in name.name:
            shutil.copy(name, out / name.name)
    return out


def _peak_mb(model: Path, store: Path, quantize: str) -> float:
    out = subprocess.run([sys.executable, "-c", _LOAD, str(model), str(store), quantize], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"]


def test_int8_load_peaks_no_higher_than_the_float_load(medium_llama, tmp_path):
    weights_mb = 2 * sum(p.stat().st_size for p in medium_llama.glob("*.safetensors")) / 2**20  # in float32
    assert weights_mb > 120
    float_peak = _peak_mb(medium_llama, tmp_path, "")
    int8_peak = _peak_mb(medium_llama, tmp_path, "int8")
    print(f"float32 weights {weights_mb:.0f} MB, float peak {float_peak:.0f} MB, int8 peak {int8_peak:.0f} MB")
    # The same process baseline on both sides. Quantized as they load, the linear weights are never
    # all in float32 at once: the int8 peak is below the float one by most of the weights (a float
    # load quantized afterwards peaks at the float load; a quantized copy, above it).
    assert int8_peak <= float_peak - 0.4 * weights_mb, (int8_peak, float_peak, weights_mb)


@pytest.mark.parametrize("kind, auto", [("llama", "AutoModelForCausalLM"),
                                        ("bert-classifier", "AutoModelForSequenceClassification")])
def test_quantizing_while_loading_makes_the_model_quantize_dynamic_makes(tiny, kind, auto):
    """Layer for layer the same int8 weights, scales and biases, the same logits and greedy ids
    (Llama: a tied output layer never read from the checkpoint; BERT: layers with biases)."""
    import warnings

    import torch
    import transformers

    from workbench.core import int8

    path, auto_cls = tiny(kind), getattr(transformers, auto)
    loaded = int8.load(auto_cls, path, dtype=torch.float32).eval()
    assert int8.quantizer_classes() is not None, "the quantizer could not plug into this transformers"
    reference = auto_cls.from_pretrained(path, dtype=torch.float32).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.quantize_dynamic(reference, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    ours = dict(loaded.named_modules())
    quantized = [(n, m) for n, m in reference.named_modules() if isinstance(m, torch.ao.nn.quantized.dynamic.Linear)]
    assert len(quantized) > 5
    for name, module in quantized:
        mine = ours[name]
        assert type(mine) is type(module), name
        assert torch.equal(mine.weight().int_repr(), module.weight().int_repr()), name
        assert mine.weight().q_scale() == module.weight().q_scale(), name
        assert (mine.bias() is None) == (module.bias() is None), name
        if module.bias() is not None:
            assert torch.equal(mine.bias(), module.bias()), name
    assert not getattr(loaded, "is_quantized", False) and not hasattr(loaded.config, "quantization_config")
    ids = torch.tensor([[1, 5, 9, 14, 3]])
    with torch.inference_mode():
        assert torch.equal(loaded(ids).logits, reference(ids).logits)
        if kind == "llama":
            assert any(n.endswith("lm_head") for n, _ in quantized)
            assert torch.equal(loaded.generate(ids, max_new_tokens=8, do_sample=False),
                               reference.generate(ids, max_new_tokens=8, do_sample=False))
