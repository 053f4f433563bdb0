"""Convert a GGUF file into a safetensors model folder that transformers loads in about a second."""

from __future__ import annotations

from pathlib import Path

from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress


def convert_gguf(gguf_path: Path, out_dir: Path, progress: ProgressCallback = no_progress,
                 cancel: CancelToken = NEVER_CANCELLED) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    folder, filename = str(gguf_path.parent), gguf_path.name
    progress(Progress(0, 3, f"Reading the tokenizer from {filename}"))
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=filename)
        cancel.raise_if_cancelled()
        progress(Progress(1, 3, f"De-quantizing the weights of {filename}"))
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=filename, dtype=torch.float32)
    except ValueError as exc:
        text = str(exc)
        if "not supported" in text.lower() or "architecture" in text.lower():
            raise WorkbenchError(f"{filename} uses an architecture transformers cannot read from GGUF ({text}).",
                                 "Use the model's original safetensors release from the hub instead.") from exc
        raise WorkbenchError(f"{filename} could not be converted: {text}.",
                             "The file may be damaged or use an unsupported quantisation.") from exc
    cancel.raise_if_cancelled()
    progress(Progress(2, 3, "Writing safetensors"))
    # GGUF-loaded models are marked quantized and transformers refuses to save them; the weights
    # are already de-quantized to float32, so the marker is dropped before saving.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    progress(Progress(3, 3, "Converted"))
