"""Convert a GGUF file into a safetensors model folder, one tensor at a time.

Each tensor is de-quantized on its own (the ``gguf`` library), given transformers' layout (llama's
q/k rows are un-permuted exactly as transformers does when it loads a GGUF), cast to bfloat16
(float16 where bfloat16 is not supported) and appended to a shard; a full shard is written and
freed. Peak memory is one shard plus one float32 tensor, never the whole model in float32.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
from pathlib import Path

from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.i18n import translate

SHARD_BYTES = 128 * 1024 * 1024  # small shards keep the peak low; transformers loads them as one
# What a conversion needs beyond the weights: transformers' skeleton, the tokenizer, one float32 tensor.
MEMORY_MARGIN = 300 * 1024 * 1024


def output_dtype() -> str:
    """bfloat16 keeps float32's range; builds of torch without it get float16."""
    import torch

    return "bfloat16" if getattr(torch, "bfloat16", None) is not None else "float16"


def check_room(out_dir: Path, needed_disk: int, largest_elements: int) -> None:
    """Refuse before starting when the disk or the memory cannot hold the conversion."""
    from workbench.core import devices

    probe = out_dir if out_dir.exists() else out_dir.parent
    free = shutil.disk_usage(probe).free
    if needed_disk * 1.05 > free:
        raise WorkbenchError(
            translate("core", "Converting needs {need} MB of disk space in {folder}, but only {free} MB is "
                              "free.").format(need=needed_disk // 2**20, folder=probe, free=free // 2**20),
            translate("core", "Free some disk space (remove models you no longer use in the Models tab) and try "
                              "again."))
    # One float32 tensor, its converted copy and one shard at a time.
    needed_memory = largest_elements * 6 + min(SHARD_BYTES, needed_disk) + MEMORY_MARGIN
    available = devices.memory_status("cpu").available_bytes
    if needed_memory > available:
        raise WorkbenchError(
            translate("core", "Converting needs about {need} MB of memory but only {free} MB is free.").format(
                need=needed_memory // 2**20, free=available // 2**20),
            translate("core", "Close other programs (or unload the model in the Models tab) and try again."))


def convert_gguf(gguf_path: Path, out_dir: Path, progress: ProgressCallback = no_progress,
                 cancel: CancelToken = NEVER_CANCELLED) -> None:
    """Write config, tokenizer and bfloat16 safetensors shards for ``gguf_path`` into ``out_dir``.

    ``out_dir`` is the caller's temporary folder: on an error or a cancel it holds a partial result
    that the caller deletes (``Library.import_gguf`` renames it into place only when complete).
    """
    import numpy as np
    import torch
    from gguf import dequantize
    from safetensors.torch import save_file
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, GenerationConfig
    from transformers.modeling_gguf_pytorch_utils import TENSOR_PROCESSORS, TensorProcessor
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    gguf_path = Path(gguf_path)
    folder, filename = str(gguf_path.parent), gguf_path.name
    out_dir.mkdir(parents=True, exist_ok=True)
    reader = read_gguf(gguf_path)
    counts = [int(t.n_elements) for t in reader.tensors]
    check_room(out_dir, 2 * sum(counts), max(counts, default=0))
    total = len(reader.tensors) + 2
    progress(Progress(0, total, translate("core", "Reading the tokenizer from {file}").format(file=filename)))
    try:
        with _reusing_reader(gguf_path, reader):  # transformers would parse the metadata twice more
            config = AutoConfig.from_pretrained(folder, gguf_file=filename)
            tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=filename)
    except (ValueError, KeyError, NotImplementedError) as exc:
        text = str(exc)
        if "not supported" in text.lower() or "architecture" in text.lower():
            raise WorkbenchError(
                translate("core", "{file} uses an architecture transformers cannot read from GGUF ({error}).").format(
                    file=filename, error=text),
                translate("core", "Use the model's original safetensors release from the hub instead.")) from exc
        raise WorkbenchError(
            translate("core", "{file} could not be converted: {error}.").format(file=filename, error=text),
            translate("core", "The file may be damaged or use an unsupported quantisation.")) from exc
    cancel.raise_if_cancelled()
    progress(Progress(1, total, translate("core", "Reading the tensor layout of {file}").format(file=filename)))
    dtype_name = output_dtype()
    dtype = getattr(torch, dtype_name)

    # transformers' own name mapping and tensor fix-ups, on a skeleton that holds no memory.
    with torch.device("meta"):
        skeleton = AutoModelForCausalLM.from_config(config)
    arch = reader.fields["general.architecture"]
    architecture = bytes(arch.parts[arch.data[0]]).decode()
    processor = TENSOR_PROCESSORS.get(architecture, TensorProcessor)(config=config.to_dict())
    wanted = set(skeleton.state_dict())
    name_map = _name_map(skeleton, wanted, processor)
    architecture_class = type(skeleton).__name__  # config.json names it, so the folder reads as a causal LM
    del skeleton
    parsed = {"config": config.to_dict(), "tensors": {}}
    shard: dict = {}
    shard_bytes = 0
    shards: list[dict] = []

    def flush() -> None:
        nonlocal shard, shard_bytes
        if shard:
            path = out_dir / f"part-{len(shards) + 1:05d}.safetensors"
            save_file(shard, str(path), metadata={"format": "pt"})
            shards.append({"file": path.name, "names": list(shard)})
            shard, shard_bytes = {}, 0

    written = set()
    for index, tensor in enumerate(reader.tensors, start=1):
        cancel.raise_if_cancelled()
        weights = dequantize(tensor.data, tensor.tensor_type)
        result = processor.process(weights=weights, name=tensor.name, tensor_key_mapping=name_map,
                                   parsed_parameters=parsed)
        hf_name = name_map.get(result.name)
        if hf_name is not None and hf_name in wanted:
            converted = torch.from_numpy(np.require(result.weights, requirements=["C", "W"])).to(dtype)
            shard[hf_name] = converted
            shard_bytes += converted.numel() * converted.element_size()
            written.add(hf_name)
            if shard_bytes >= SHARD_BYTES:
                flush()
        del weights, result
        progress(Progress(index + 1, total, translate("core", "Converting {name}").format(name=tensor.name)))
    flush()
    tied = getattr(config, "tie_word_embeddings", False)
    missing = sorted(n for n in wanted - written if not (tied and n.endswith("lm_head.weight")))
    if missing:
        raise WorkbenchError(
            translate("core", "{file} lacks weights transformers needs: {names}.").format(
                file=filename, names=", ".join(missing[:5])),
            translate("core", "The file may be damaged, or use a layout transformers cannot read; "
                              "use the model's safetensors release instead."))
    _name_files(out_dir, shards)
    config.dtype = dtype_name
    config.architectures = [architecture_class]
    config.save_pretrained(out_dir)
    GenerationConfig.from_model_config(config).save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    progress(Progress(total, total, translate("core", "Converted")))


def read_gguf(path: Path):
    """A ``gguf.GGUFReader`` on ``path`` that reads its fields from a plain array over the same mapping.

    The reader slices its ``numpy.memmap`` once per value: a vocabulary of 49k tokens and 49k merges
    is ~1.3M slices, and each memmap slice runs numpy's Python-level ``memmap.__array_finalize__``
    (2 s of a 5 s import). A plain ``ndarray`` view of the same mapped bytes slices in C: the same
    values and tensors, read 3× faster, nothing copied into memory.
    """
    import numpy as np
    from gguf import GGUFReader

    class PlainViewReader(GGUFReader):
        def _get(self, offset, dtype, count=1, override_order=None):
            plain = self.__dict__.get("_plain")
            if plain is None:
                plain = self._plain = self.data.view(np.ndarray)
            dtype = np.dtype(dtype)
            count = int(count)
            values = plain[offset:offset + dtype.itemsize * count].view(dtype=dtype)[:count]
            return values.view(values.dtype.newbyteorder(self.byte_order if override_order is None else override_order))

    return PlainViewReader(str(path), "r")


def _name_files(out_dir: Path, shards: list[dict]) -> None:
    """One shard is ``model.safetensors``; several get the standard names and an index."""
    if len(shards) == 1:
        (out_dir / shards[0]["file"]).rename(out_dir / "model.safetensors")
        return
    weight_map, total_size = {}, 0
    for number, shard in enumerate(shards, start=1):
        name = f"model-{number:05d}-of-{len(shards):05d}.safetensors"
        (out_dir / shard["file"]).rename(out_dir / name)
        total_size += (out_dir / name).stat().st_size
        weight_map.update({tensor: name for tensor in shard["names"]})
    index = {"metadata": {"total_size": total_size}, "weight_map": weight_map}
    (out_dir / "model.safetensors.index.json").write_text(json.dumps(index, indent=2), encoding="utf-8")


@contextlib.contextmanager
def _reusing_reader(gguf_path: Path, reader):
    """While transformers reads the config, hand it our already-parsed reader for this one file."""
    import gguf

    real = gguf.GGUFReader
    target = str(Path(gguf_path).resolve())

    def reader_for(path, *args, **kwargs):
        if not args and not kwargs and str(Path(path).resolve()) == target:
            return reader
        return real(path, *args, **kwargs)

    with _PATCH_LOCK:
        gguf.GGUFReader = reader_for
        try:
            yield
        finally:
            gguf.GGUFReader = real


_PATCH_LOCK = threading.Lock()


def _name_map(skeleton, wanted: set[str], processor) -> dict[str, str]:
    """GGUF tensor name -> transformers parameter name.

    One gguf name table for the whole model (transformers' ``get_gguf_hf_weights_map`` rebuilds it
    for every sub-module, seconds for a small model); falls back to it for models the direct
    mapping does not cover (e.g. Bloom's nested layout).
    """
    from gguf import MODEL_ARCH_NAMES, get_tensor_name_map
    from transformers.modeling_gguf_pytorch_utils import get_gguf_hf_weights_map

    config = skeleton.config
    arch = next((key for key, value in MODEL_ARCH_NAMES.items() if value == config.model_type), None)
    if arch is not None:
        table = get_tensor_name_map(arch, config.num_hidden_layers)
        mapping = {}
        for hf_name in wanted:
            base, dot, suffix = hf_name.rpartition(".")
            gguf_name = table.get_name(base) if suffix in ("weight", "bias") else None
            if gguf_name is not None:
                mapping[f"{gguf_name}.{suffix}"] = hf_name
        tied = getattr(config, "tie_word_embeddings", False)
        if all(n in mapping.values() or (tied and n.endswith("lm_head.weight")) for n in wanted):
            return mapping
    return get_gguf_hf_weights_map(skeleton, processor)
