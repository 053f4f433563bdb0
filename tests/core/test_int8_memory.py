"""An int8 load never needs more memory than the float load it replaces: each float Linear is freed as
its int8 replacement is made (a copy would hold both models at once, ~1.5× the float peak)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loads one model in a fresh process and prints the process's peak resident memory.
_LOAD = """
import json, resource, sys
from pathlib import Path
from workbench.core.library import Library
from workbench.core.service import ModelService
service = ModelService(Library(Path(sys.argv[2])))
service.load(sys.argv[1], options=service.options_with(quantize=sys.argv[3], device="cpu", dtype="float32"))
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@pytest.fixture(scope="module")
def medium_llama(tmp_path_factory, tiny):
    """A random Llama of ~40M parameters (160 MB in float32): big enough that the weights dominate the peak."""
    import shutil

    import transformers as tf

    out = tmp_path_factory.mktemp("medium-llama")
    small = tiny("llama")
    config = tf.AutoConfig.from_pretrained(small)
    config.update(dict(hidden_size=512, intermediate_size=1536, num_hidden_layers=12, num_attention_heads=8,
                       num_key_value_heads=8, head_dim=64, tie_word_embeddings=True))
    tf.LlamaForCausalLM(config).save_pretrained(out)
    for name in Path(small).iterdir():
        if "token" in name.name:
            shutil.copy(name, out / name.name)
    return out


def _peak_mb(model: Path, store: Path, quantize: str) -> float:
    out = subprocess.run([sys.executable, "-c", _LOAD, str(model), str(store), quantize], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_kb"] / 1024


def test_int8_load_peaks_no_higher_than_the_float_load(medium_llama, tmp_path):
    weights_mb = sum(p.stat().st_size for p in medium_llama.glob("*.safetensors")) / 2**20
    assert weights_mb > 120
    float_peak = _peak_mb(medium_llama, tmp_path, "")
    int8_peak = _peak_mb(medium_llama, tmp_path, "int8")
    # the same process baseline on both sides; a quarter of the weights is far below a second copy's cost
    assert int8_peak <= float_peak + 0.05 * weights_mb, (int8_peak, float_peak, weights_mb)
