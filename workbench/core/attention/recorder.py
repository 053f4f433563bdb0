"""Recording attention from one run of a model on eager attention (the only path on which transformers
computes the weights), with a forward hook on every attention module.

Each hook copies its layer's weights into one preallocated float16 array and lets the float32 tensor
go, so a 30-layer model at 2048 tokens never holds all layers in float32 at once. The hooks sit where
transformers' own ``output_attentions`` recorders would (the model's ``_can_record_outputs``), so the
weights are exactly the ones ``output_attentions=True`` returns; a model without such recorders runs
with ``output_attentions=True`` instead.
"""

from __future__ import annotations

import numpy as np

from workbench.core.attention.heads import layer_statistics, layer_thumbnails
from workbench.core.attention.store import CompactWeights
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError

# Above this many bytes of float16 weights a capture is stored compact (8 bits a weight, causal
# matrices without their empty upper half): 4096 tokens on a 30x9 model take 2.3 GB instead of 9 GB.
DENSE_LIMIT_BYTES = 1 << 30


class Recorder:
    """Forward hooks that copy each attention module's weights into float16 arrays, layer by layer."""

    def __init__(self, causal_parts: tuple[str, ...] = (), self_parts: tuple[str, ...] = ("self", "encoder", "decoder")) -> None:
        self.specs: list[tuple[object, str, int]] = []  # (module, part, index in the output tuple)
        self.causal_parts = causal_parts
        self.self_parts = self_parts
        self.arrays: dict[str, np.ndarray] = {}
        self.stats: dict[str, list] = {}
        self.overview: dict[str, list] = {}
        self.filled: dict[str, int] = {}
        self._handles: list = []

    def find_modules(self, model, architecture: str) -> None:
        """Walk the model the way transformers places its ``output_attentions`` recorders."""
        from transformers.modeling_utils import PreTrainedModel
        from transformers.utils.output_capturing import _CAN_RECORD_REGISTRY, OutputRecorder

        def tasks_of(submodel) -> list:
            tasks = []
            for key, specs in _CAN_RECORD_REGISTRY.get(submodel).items():
                if key not in ("attentions", "cross_attentions"):
                    continue
                for spec in specs if isinstance(specs, list) else [specs]:
                    if not isinstance(spec, OutputRecorder):
                        spec = OutputRecorder(target_class=None if isinstance(spec, str) else spec, index=1,
                                              class_name=spec if isinstance(spec, str) else None)
                    tasks.append((key, spec))
            return tasks

        def part_name(key: str, prefix: str) -> str:
            if key == "cross_attentions":
                return "cross"
            if architecture == "encoder-decoder":
                return "decoder" if "decoder" in prefix else "encoder"
            return "self"

        def walk(module, name: str, tasks: list, prefix: str) -> None:
            for child_name, child in module.named_children():
                if isinstance(child, PreTrainedModel):
                    walk(child, f"{name}.{child_name}", tasks_of(child), f"{name}.{child_name}")
                else:
                    walk(child, f"{name}.{child_name}", tasks, prefix)
            for key, spec in tasks:
                matches = (spec.target_class is not None and isinstance(module, spec.target_class)) or (
                    spec.class_name is not None and name.endswith(spec.class_name))
                if not matches:
                    continue
                if spec.layer_name is not None and f".{spec.layer_name.strip('.')}." not in name + ".":
                    continue
                self.specs.append((module, part_name(key, prefix), spec.index))

        walk(model, "", tasks_of(model), "")

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for _, part, _ in self.specs:
            counted[part] = counted.get(part, 0) + 1
        return counted

    def __enter__(self) -> "Recorder":
        import torch

        layers = self.counts()

        def make_hook(part: str, index: int):
            def hook(_module, _args, output):
                weights = output[index] if isinstance(output, tuple) else output
                if weights is None or weights.dim() != 4:
                    return
                layer = self.filled.get(part, 0)
                if part not in self.arrays:
                    _, heads, queries, keys = weights.shape
                    if layers[part] * heads * queries * keys * 2 > DENSE_LIMIT_BYTES:
                        self.arrays[part] = CompactWeights(layers[part], heads, queries, keys,
                                                           causal=part in self.causal_parts)
                    else:
                        self.arrays[part] = np.empty((layers[part], heads, queries, keys), dtype=np.float16)
                store = self.arrays[part]
                if layer < layers[part] and isinstance(store, CompactWeights):
                    exact = weights[0].detach().float().cpu()
                    store.set_layer(layer, exact)
                    self.stats.setdefault(part, []).extend(
                        layer_statistics(layer, exact, part in self.self_parts))
                    self.overview.setdefault(part, []).append(layer_thumbnails(exact).numpy())
                elif layer < layers[part]:  # one multithreaded cast-and-copy into the float16 store
                    torch.from_numpy(store[layer]).copy_(weights[0].detach())
                self.filled[part] = layer + 1
            return hook

        self._handles = [module.register_forward_hook(make_hook(part, index)) for module, part, index in self.specs]
        return self

    def __exit__(self, *exc) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []

    def result(self) -> dict[str, np.ndarray]:
        return {part: array if isinstance(array, CompactWeights) else array[: self.filled.get(part, 0)]
                for part, array in self.arrays.items() if self.filled.get(part, 0) > 0}


def estimate_capture_bytes(handle, queries: int, keys: int | None = None) -> int:
    """Bytes a capture of ``queries`` by ``keys`` tokens takes, dense or compact."""
    cfg = handle.config
    layers = getattr(cfg, "num_hidden_layers", None) or getattr(cfg, "n_layer", None) or 12
    heads = getattr(cfg, "num_attention_heads", None) or getattr(cfg, "n_head", None) or 12
    dense = int(layers) * int(heads) * queries * (keys or queries) * 2
    return dense if dense <= DENSE_LIMIT_BYTES else dense // 2  # compact: 8 bits a weight


def forward_with_hooks(model, architecture: str, inputs: dict,
                       extras: dict | None = None) -> dict[str, np.ndarray]:
    """Run the model once, recording attention layer by layer; falls back to ``output_attentions``.

    ``extras`` receives ``{part: (stats, overview)}`` for parts stored compact."""
    import torch

    causal = ("self",) if architecture == "decoder" else ("decoder",) if architecture == "encoder-decoder" else ()
    recorder = Recorder(causal_parts=causal)
    recorder.find_modules(model, architecture)
    with torch.inference_mode():
        if recorder.specs:
            with recorder:  # the base model only: the heads (an LM head is a large matmul) add nothing here
                model.base_model(**inputs, **({} if architecture == "encoder" else {"use_cache": False}))
            captured = recorder.result()
            if captured:
                if extras is not None:
                    extras.update({part: (recorder.stats[part], np.stack(recorder.overview[part]))
                                   for part in recorder.stats})
                return captured
        outputs = model(**inputs, output_attentions=True, **({} if architecture == "encoder" else {"use_cache": False}))
    names = {"attentions": "self", "encoder_attentions": "encoder", "decoder_attentions": "decoder",
             "cross_attentions": "cross"}
    captured = {}
    for key, part in names.items():
        layers = getattr(outputs, key, None)
        if layers and all(layer is not None for layer in layers):
            captured[part] = np.stack([layer[0].float().cpu().numpy().astype(np.float16) for layer in layers])
    if not captured:
        raise WorkbenchError(
            translate("core", "{arch} does not return attention weights.").format(arch=type(model).__name__),
            translate("core", "Attention cannot be captured for this architecture; try another model."))
    return captured
