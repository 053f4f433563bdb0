"""Write a causal LM from the library as a GGUF file (llama.cpp, LM Studio and Ollama load it).

The tensors are renamed with the ``gguf`` package's own name tables and written by its
``GGUFWriter`` as F16 or BF16 (norms and biases stay F32, as llama.cpp expects), one tensor at a
time, with the tokenizer (byte-level BPE) and chat template in the metadata. Q8_0, Q4_0 and Q4_K_M
files are made from the F16 file by llama.cpp's own quantizer (``llama_model_quantize``, exposed by
llama-cpp-python) in a child process: a crash in native code ends that process, never the caller.

Everything that can refuse (architecture, tokenizer, rope scaling, disk space) is checked before a
byte is written; the file is written under a temporary name and renamed into place when complete.
The exported file is linked into the library store, so it appears in the Models tab and runs on the
llama.cpp engine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, Cancelled, CancelToken, Progress, ProgressCallback, \
    WorkbenchError, no_progress

TYPES = ("f16", "bf16", "q8_0", "q4_0", "q4_k_m")
QUANTIZED = {"q8_0": "MOSTLY_Q8_0", "q4_0": "MOSTLY_Q4_0", "q4_k_m": "MOSTLY_Q4_K_M"}  # llama_ftype names

# transformers class -> (GGUF architecture, q/k rows permuted for llama.cpp's interleaved rope)
ARCHITECTURES = {
    "LlamaForCausalLM": ("llama", True),
    "MistralForCausalLM": ("llama", True),
    "Qwen2ForCausalLM": ("qwen2", False),
    "Qwen3ForCausalLM": ("qwen3", False),
    "GPT2LMHeadModel": ("gpt2", False),
}
# Buffers transformers keeps in a state dict that are not weights.
_IGNORED = re.compile(r"(rotary_emb\.inv_freq|\.attn\.bias|\.attn\.masked_bias)$")
# Pre-tokenizers llama.cpp knows by name, recognised from tokenizer.json's structure.
_QWEN2_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                r"\s*[\r\n]+|\s+(?!\S)|\s+")
_LLAMA3_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                 r"\s*[\r\n]+|\s+(?!\S)|\s+")


@dataclass
class ExportResult:
    path: str
    type: str
    bytes: int
    seconds: float
    library_name: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class _Plan:
    folder: Path  # the model's folder (a LoRA adapter's base is merged in memory)
    adapter: Path | None
    architecture: str  # transformers class name
    gguf_arch: str
    permute: bool
    pre: str
    config: dict


def default_output(library, ref: str, kind: str) -> Path:
    """Where an export goes when no file is named: its own folder in the library store."""
    from workbench.core.library import store_name_for

    name = store_name_for(f"{Path(ref.rstrip('/')).name}-{kind}")
    return library.store / name / f"{name}.gguf"


def export_gguf(library, ref: str, kind: str, out: Path | None = None, progress: ProgressCallback = no_progress,
                cancel: CancelToken = NEVER_CANCELLED, register: bool = True) -> ExportResult:
    """Export ``ref`` (a library model, a folder, or a fine-tune run's LoRA adapter) as ``kind``."""
    kind = kind.lower()
    if kind not in TYPES:
        raise WorkbenchError(translate("core", "'{kind}' is not a GGUF type the exporter writes.").format(kind=kind),
                             translate("core", "Choose one of: {types}.").format(types=", ".join(TYPES)))
    start = time.perf_counter()
    folder = library.resolve(ref, progress=progress, cancel=cancel)
    plan = plan_export(folder, library)
    out = Path(out).expanduser() if out else default_output(library, ref, kind)
    if out.suffix.lower() != ".gguf":
        raise WorkbenchError(translate("core", "The output file {path} does not end in .gguf.").format(path=out),
                             translate("core", "Name the file FILE.gguf."))
    out = out.resolve()
    if out.is_dir():
        raise WorkbenchError(translate("core", "{path} is a folder.").format(path=out),
                             translate("core", "Name a file, e.g. {path}.").format(path=out / "model.gguf"))
    if kind in QUANTIZED:
        from workbench.core.engines import llamacpp, llamacpp_available
        if not llamacpp_available():
            from workbench.core.engines import INSTALL_HINT
            raise WorkbenchError(translate("core", "Quantizing to {kind} needs llama.cpp's quantizer, and the "
                                                   "llama.cpp engine is not installed.").format(kind=kind.upper()),
                                 translate("core", INSTALL_HINT))
        llamacpp.require()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbenchError(translate("core", "The folder {folder} cannot be created: {error}.").format(
            folder=out.parent, error=exc.strerror or exc),
            translate("core", "Choose a folder you can write to.")) from exc
    parameters = _count_parameters(plan)
    f16_bytes = parameters * 2 + 8 * 2**20  # tensors plus the vocabulary and alignment
    # a quantized export keeps the F16 file beside it until the quantizer has finished
    check_disk(out.parent, f16_bytes * (2 if kind in QUANTIZED else 1))
    check_memory(parameters)
    tmp = out.with_name(f".{out.name}.exporting-{os.getpid()}")
    f16_tmp = out.with_name(f".{out.name}.f16-{os.getpid()}") if kind in QUANTIZED else tmp
    try:
        share = 0.6 if kind in QUANTIZED else 1.0
        write_gguf(plan, f16_tmp, "bf16" if kind == "bf16" else "f16", _scaled(progress, 0.0, share), cancel)
        if kind in QUANTIZED:
            quantize(f16_tmp, tmp, kind, _scaled(progress, share, 1.0), cancel)
        os.replace(tmp, out)
    finally:
        for leftover in {tmp, f16_tmp}:
            leftover.unlink(missing_ok=True)
    name = register_export(library, out, ref, kind) if register else ""
    progress(Progress(1, 1, translate("core", "Exported {file}").format(file=out.name)))
    return ExportResult(str(out), kind, out.stat().st_size, round(time.perf_counter() - start, 3), name)


def _scaled(progress: ProgressCallback, low: float, high: float) -> ProgressCallback:
    """Progress of one stage as a share of the whole (in thousandths)."""
    def report(event: Progress) -> None:
        fraction = event.fraction if event.fraction is not None else 0.0
        progress(Progress(round(1000 * (low + (high - low) * fraction)), 1000, event.message))
    return report


def check_disk(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if needed * 1.05 > free:
        raise WorkbenchError(
            translate("core", "Exporting needs {need} MB of disk space in {folder}, but only {free} MB is free.").format(
                need=needed // 2**20, folder=folder, free=free // 2**20),
            translate("core", "Free some disk space or choose another folder, and try again."))


def check_memory(parameters: int) -> None:
    """The model is read in float32 (a LoRA merge is exact there), one converted tensor beside it."""
    from workbench.core import devices

    needed = parameters * 4 + 500 * 2**20
    available = devices.memory_status("cpu").available_bytes
    if needed > available:
        raise WorkbenchError(
            translate("core", "Exporting needs about {need} MB of memory (the model in float32) but only {free} MB "
                              "is free.").format(need=needed // 2**20, free=available // 2**20),
            translate("core", "Close other programs (or unload models in the Models tab) and try again."))


# ---- what can be exported ----------------------------------------------------------------------------------
def plan_export(folder: Path, library=None) -> _Plan:
    """Everything the export needs to know, refused here (before anything is written) when unsupported."""
    import json

    folder = Path(folder)
    adapter = None
    if (folder / "adapter_config.json").exists():  # a LoRA run kept unmerged: merge into its base
        adapter = folder
        base = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8")).get(
            "base_model_name_or_path", "")
        if library is None:
            from workbench.core.library import Library
            library = Library()
        folder = library.resolve(base) if base else folder
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "{folder} has no readable config.json.").format(folder=folder),
                             translate("core", "Choose a causal language model from the library.")) from exc
    classes = config.get("architectures") or []
    architecture = next((c for c in classes if c in ARCHITECTURES), None)
    if architecture is None:
        raise WorkbenchError(
            translate("core", "Exporting {name} to GGUF is not supported: its architecture ({arch}) is not one the "
                              "exporter writes.").format(name=folder.name, arch=", ".join(classes) or
                                                         config.get("model_type", "?")),
            translate("core", "The exporter writes Llama, Mistral, SmolLM, Qwen2, Qwen3 and GPT-2 models; for "
                              "others use llama.cpp's convert_hf_to_gguf.py."))
    rope = config.get("rope_scaling") or {}
    rope_type = rope.get("rope_type") or rope.get("type")
    if rope_type not in (None, "default", "linear"):
        raise WorkbenchError(
            translate("core", "{name} uses '{rope}' rope scaling, which the exporter does not write yet.").format(
                name=folder.name, rope=rope_type),
            translate("core", "Use llama.cpp's convert_hf_to_gguf.py for this model."))
    gguf_arch, permute = ARCHITECTURES[architecture]
    return _Plan(folder, adapter, architecture, gguf_arch, permute, pre_tokenizer(folder), config)


def pre_tokenizer(folder: Path) -> str:
    """llama.cpp's name for how the tokenizer splits text before BPE (only byte-level BPE is exported)."""
    import json

    try:
        spec = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(
            translate("core", "{name} has no tokenizer.json, which the GGUF export reads.").format(name=folder.name),
            translate("core", "Save the model with a fast tokenizer (tokenizer.json) and export again.")) from exc
    model, decoder = spec.get("model") or {}, spec.get("decoder") or {}
    unsupported = WorkbenchError(
        translate("core", "{name}'s tokenizer is not a byte-level BPE with a pre-tokenizer llama.cpp knows, which is "
                          "all the exporter writes.").format(name=folder.name),
        translate("core", "SentencePiece tokenizers (Llama 2, early Mistral) are not exported yet; use llama.cpp's "
                          "convert_hf_to_gguf.py for this model."))
    if model.get("type") != "BPE" or model.get("byte_fallback") or decoder.get("type") != "ByteLevel":
        raise unsupported
    pre = spec.get("pre_tokenizer") or {}
    steps = pre.get("pretokenizers", []) if pre.get("type") == "Sequence" else [pre]
    shape = [s.get("type") for s in steps]
    if shape == ["ByteLevel"] and steps[0].get("use_regex", True):
        return "gpt-2"
    if shape == ["Digits", "ByteLevel"] and steps[0].get("individual_digits") and steps[1].get("use_regex", True):
        return "smollm"
    if shape == ["Split", "ByteLevel"] and not steps[1].get("use_regex", True):
        regex = (steps[0].get("pattern") or {}).get("Regex")
        if regex == _QWEN2_SPLIT:
            return "qwen2"
        if regex == _LLAMA3_SPLIT:
            return "llama-bpe"
    raise unsupported


def _count_parameters(plan: _Plan) -> int:
    from safetensors import safe_open

    total = 0
    files = sorted(plan.folder.glob("*.safetensors"))
    for file in files:
        with safe_open(str(file), "np") as f:
            for key in f.keys():
                total += _numel(f.get_slice(key).get_shape())
    if not files:  # .bin weights: a rough count from the file sizes (float32 at most)
        total = sum(p.stat().st_size for p in plan.folder.glob("*.bin")) // 2
    return total


def _numel(shape) -> int:
    n = 1
    for d in shape:
        n *= int(d)
    return n


# ---- the F16/BF16 writer -----------------------------------------------------------------------------------
def _load_model(plan: _Plan):
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(plan.folder), dtype=torch.float32)
    if plan.adapter is not None:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, str(plan.adapter)).merge_and_unload()
    return model


def write_gguf(plan: _Plan, path: Path, kind: str, progress: ProgressCallback = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> None:
    """The model as an F16 or BF16 GGUF file at ``path`` (the caller renames it into place)."""
    import gguf
    import numpy as np
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    tokenizer_folder = plan.adapter if plan.adapter is not None and (plan.adapter / "tokenizer.json").exists() \
        else plan.folder
    tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_folder))
    progress(Progress(0, 1, translate("core", "Reading the weights of {name}").format(name=plan.folder.name)))
    model = _load_model(plan)
    cancel.raise_if_cancelled()
    config = model.config
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH[plan.gguf_arch.upper().replace("-", "_")],
                                     config.num_hidden_layers)
    tensors = []  # (gguf name, tensor) in the model's order; refuse unknown weights before writing
    tied = getattr(config, "tie_word_embeddings", False)
    for hf_name, tensor in model.state_dict().items():
        if _IGNORED.search(hf_name) or (tied and hf_name.endswith("lm_head.weight")):
            continue
        gguf_name = names.get_name(hf_name, try_suffixes=(".weight", ".bias"))
        if gguf_name is None:
            raise WorkbenchError(
                translate("core", "The exporter has no GGUF name for the weight {name}.").format(name=hf_name),
                translate("core", "Use llama.cpp's convert_hf_to_gguf.py for this model."))
        tensors.append((gguf_name, hf_name, tensor))

    writer = gguf.GGUFWriter(str(path), plan.gguf_arch)
    _write_metadata(writer, plan, config, tokenizer, kind)
    raw = gguf.GGMLQuantizationType.BF16 if kind == "bf16" else gguf.GGMLQuantizationType.F16
    # The tensor table first (shapes and sizes are known without converting), then one tensor converted and
    # written at a time: the peak is the model plus one converted tensor.
    for gguf_name, hf_name, tensor in tensors:
        shape = tuple(tensor.shape)[::-1] if _transposed(plan, hf_name, tensor.ndim) else tuple(tensor.shape)
        if _kept_f32(gguf_name, shape):
            writer.add_tensor_info(gguf_name, shape, np.dtype(np.float32), _numel(shape) * 4)
        elif raw == gguf.GGMLQuantizationType.BF16:  # gguf's BF16 arrays are bytes: two per value
            writer.add_tensor_info(gguf_name, (*shape[:-1], shape[-1] * 2), np.dtype(np.uint8), _numel(shape) * 2,
                                   raw_dtype=raw)
        else:
            writer.add_tensor_info(gguf_name, shape, np.dtype(np.float16), _numel(shape) * 2)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for index, (gguf_name, hf_name, tensor) in enumerate(tensors, start=1):
        cancel.raise_if_cancelled()
        data = _gguf_layout(plan, config, hf_name, tensor.detach().float().numpy())
        if _kept_f32(gguf_name, tuple(tensor.shape)):
            array = data.astype(np.float32)
        elif raw == gguf.GGMLQuantizationType.BF16:
            array = gguf.quants.quantize(data, raw)
        else:
            array = data.astype(np.float16)
        writer.write_tensor_data(array)
        del data, array
        progress(Progress(index, len(tensors), translate("core", "Writing tensor {n} of {total}").format(
            n=index, total=len(tensors))))
    writer.close()


def _kept_f32(gguf_name: str, shape: tuple) -> bool:
    """Norms and biases stay float32, as llama.cpp expects."""
    return len(shape) <= 1 or gguf_name.endswith("_norm.weight")


def _gguf_layout(plan: _Plan, config, hf_name: str, data):
    """A transformers tensor as llama.cpp reads it."""
    if plan.permute and hf_name.endswith(("q_proj.weight", "k_proj.weight")):
        heads = config.num_attention_heads if "q_proj" in hf_name else config.num_key_value_heads
        # transformers rotates halves of each head; llama.cpp's llama rope rotates adjacent pairs
        return data.reshape(heads, 2, data.shape[0] // heads // 2, *data.shape[1:]).swapaxes(1, 2).reshape(
            data.shape)
    if _transposed(plan, hf_name, data.ndim):
        return data.T.copy()  # GPT-2's Conv1D stores (in, out)
    return data


def _transposed(plan: _Plan, hf_name: str, ndim: int) -> bool:
    return plan.gguf_arch == "gpt2" and ndim == 2 and hf_name.endswith(("c_attn.weight", "c_proj.weight",
                                                                        "c_fc.weight"))


def _write_metadata(writer, plan: _Plan, config, tokenizer, kind: str) -> None:
    import gguf

    writer.add_name(plan.folder.name)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_BF16 if kind == "bf16" else gguf.LlamaFileType.MOSTLY_F16)
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    writer.add_block_count(config.num_hidden_layers)
    writer.add_embedding_length(config.hidden_size)
    writer.add_head_count(config.num_attention_heads)
    if plan.gguf_arch == "gpt2":
        writer.add_context_length(config.n_positions)
        writer.add_feed_forward_length(config.n_inner or 4 * config.hidden_size)
        writer.add_layer_norm_eps(config.layer_norm_epsilon)
    else:
        writer.add_context_length(config.max_position_embeddings)
        writer.add_feed_forward_length(config.intermediate_size)
        writer.add_head_count_kv(config.num_key_value_heads or config.num_attention_heads)
        writer.add_layer_norm_rms_eps(config.rms_norm_eps)
        head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
        writer.add_rope_dimension_count(head_dim)
        writer.add_key_length(head_dim)
        writer.add_value_length(head_dim)
        theta = getattr(config, "rope_theta", None) or (getattr(config, "rope_parameters", None) or {}).get(
            "rope_theta", 10000.0)
        writer.add_rope_freq_base(float(theta))
        rope = plan.config.get("rope_scaling") or {}
        if (rope.get("rope_type") or rope.get("type")) == "linear":
            writer.add_rope_scaling_type(gguf.RopeScalingType.LINEAR)
            writer.add_rope_scaling_factor(float(rope["factor"]))
    writer.add_vocab_size(config.vocab_size)
    _write_vocabulary(writer, plan, config, tokenizer)


def _write_vocabulary(writer, plan: _Plan, config, tokenizer) -> None:
    import gguf

    if len(tokenizer) > config.vocab_size:
        raise WorkbenchError(
            translate("core", "The tokenizer of {name} has {n} tokens but the model only {m}.").format(
                name=plan.folder.name, n=len(tokenizer), m=config.vocab_size),
            translate("core", "Resize the model's embeddings to the tokenizer (or fix the tokenizer) and export "
                              "again."))
    added = tokenizer.added_tokens_decoder  # id -> AddedToken
    tokens, types = [], []
    for token_id in range(config.vocab_size):
        if token_id >= len(tokenizer):  # embedding rows padded beyond the vocabulary
            tokens.append(f"[PAD{token_id}]")
            types.append(gguf.TokenType.UNUSED)
            continue
        tokens.append(tokenizer.convert_ids_to_tokens(token_id))
        extra = added.get(token_id)
        types.append(gguf.TokenType.NORMAL if extra is None else
                     gguf.TokenType.CONTROL if extra.special else gguf.TokenType.USER_DEFINED)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(plan.pre)
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    special = gguf.SpecialVocab(str(plan.folder), load_merges=True, n_vocab=config.vocab_size)
    probe = tokenizer("a")["input_ids"]
    special.add_special_token["bos"] = bool(probe) and probe[0] == tokenizer.bos_token_id
    special.add_special_token["eos"] = bool(probe) and probe[-1] == tokenizer.eos_token_id \
        and tokenizer.eos_token_id != tokenizer.bos_token_id
    if tokenizer.chat_template and isinstance(tokenizer.chat_template, str):
        special.chat_template = tokenizer.chat_template
    special.add_to_gguf(writer, quiet=True)


# ---- llama.cpp's quantizer, in a child process --------------------------------------------------------------
_TENSOR_LINE = re.compile(r"\[\s*(\d+)\s*/\s*(\d+)\s*\]")


def quantize(source: Path, target: Path, kind: str, progress: ProgressCallback = no_progress,
             cancel: CancelToken = NEVER_CANCELLED) -> None:
    """``source`` (F16) quantized to ``kind`` into ``target`` by llama.cpp in a child process."""
    command = [sys.executable, "-m", "workbench.core.engines.llamacpp_quantize", str(source), str(target),
               QUANTIZED[kind]]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             errors="replace")
    tail: list[str] = []

    def read() -> None:  # llama.cpp prints "[  3/ 30] name ..." per tensor
        for line in child.stderr:
            tail.append(line.rstrip())
            del tail[:-20]
            found = _TENSOR_LINE.search(line)
            if found:
                done, total = int(found.group(1)), int(found.group(2))
                progress(Progress(done, total, translate("core", "Quantizing tensor {n} of {total}").format(
                    n=done, total=total)))

    reader = threading.Thread(target=read, name="quantize-log", daemon=True)
    reader.start()
    try:
        while child.poll() is None:
            if cancel.wait(0.1):
                child.kill()
                child.wait()
                raise Cancelled()
    finally:
        reader.join(timeout=5)
    if child.returncode != 0:
        from workbench.core.engines.llamacpp import describe_exit
        how, cause = describe_exit(child.returncode)
        raise WorkbenchError(
            translate("core", "llama.cpp's quantizer stopped ({how}) while making the {kind} file. {cause}").format(
                how=how, kind=kind.upper(), cause=cause),
            translate("core", "Export as F16 instead, or rebuild the llama.cpp engine."), details="\n".join(tail))


# ---- the library ----------------------------------------------------------------------------------------------
def register_export(library, path: Path, ref: str, kind: str) -> str:
    """The exported file as a library model (a store folder holding the file, hard-linked when it lies
    elsewhere on the same disk, else a symbolic link); returns its name."""
    from workbench.core.library import store_name_for, write_meta

    folder = path.parent
    if folder.parent != library.store.resolve() and folder.parent != library.store:
        library._ensure_store()
        base = store_name_for(path.stem)
        folder, n = library.store / base, 2
        while folder.exists() and not (folder / path.name).exists():
            folder, n = library.store / f"{base}-{n}", n + 1
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / path.name
        link.unlink(missing_ok=True)
        try:
            os.link(path, link)
        except OSError:
            link.symlink_to(path)
    write_meta(folder, {"exported_from": ref, "gguf_type": kind, "exported_at": time.time(),
                        "description": translate("core", "Exported from {model} as {kind}").format(
                            model=ref, kind=kind.upper())})
    return folder.name
