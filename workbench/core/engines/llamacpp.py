"""The llama.cpp engine: chat with a GGUF file directly, without converting it.

Tokens stream as the same ``TokenEvent``s as the transformers path, with each step's top-k
log-probabilities computed from the logits llama.cpp sampled from. The prompt is built with the
model's own Hugging Face tokenizer (its chat template), so both engines see the same ids.

Sampling settings llama.cpp honours: greedy, temperature, top-k, top-p, min-p, typical-p,
repetition penalty, seed, stop strings, max new tokens. Ignored (a note says so): beams
(``num_beams`` > 1) and ``no_repeat_ngram_size``; ``prob_after`` is not known (llama.cpp does not
expose the filtered distribution).
"""

from __future__ import annotations

import functools
import os
import random
import time
import types
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from workbench.core.engines import INSTALL_HINT, llamacpp_available
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event, WorkbenchError

CONTEXT_LIMIT = 4096  # the KV cache is allocated up front; larger contexts cost memory for every chat


def require() -> None:
    if not llamacpp_available():
        raise WorkbenchError(translate("core", "The llama.cpp engine is not installed."),
                             translate("core", INSTALL_HINT))


def find_gguf(library, ref: str) -> Path | None:
    """The GGUF file behind a model reference, if it has one (a .gguf path, a GGUF starter, a
    folder holding a .gguf, or a store model converted from one that still exists)."""
    from workbench.core.library import STARTERS, read_meta, starter_source

    ref = ref.strip()
    candidate = Path(ref).expanduser()
    if candidate.is_file() and candidate.suffix == ".gguf":
        return candidate.resolve()
    if candidate.is_dir():
        found = sorted(candidate.glob("*.gguf"))
        if found:
            return found[0].resolve()
        source = read_meta(candidate).get("converted_from", "")
        return Path(source) if source.endswith(".gguf") and Path(source).is_file() else None
    for starter in STARTERS:
        if ref.lower() == starter.name:
            source = starter_source(starter)
            return source if source is not None and source.suffix == ".gguf" else None
    source = read_meta(library.store / ref).get("converted_from", "")
    return Path(source) if source.endswith(".gguf") and Path(source).is_file() else None


def open_model(gguf_path: Path, n_ctx: int | None = None):
    """A ``llama_cpp.Llama`` on the CPU; the same settings the benchmark's raw baseline uses."""
    require()
    import llama_cpp

    try:
        return llama_cpp.Llama(str(gguf_path), n_ctx=n_ctx or CONTEXT_LIMIT, n_threads=_threads(), verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise WorkbenchError(translate("core", "llama.cpp could not open {name}: {error}").format(
                                 name=gguf_path.name, error=exc),
                             translate("core", "The file may be damaged, or use an architecture this llama.cpp build "
                                       "does not know; switch the engine to transformers.")) from exc


def _threads() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def load_tokenizer(gguf_path: Path, converted: Path | None):
    """The Hugging Face tokenizer (chat template included): from the converted folder when there is
    one (fast), else read from the GGUF itself."""
    from transformers import AutoTokenizer

    if converted is not None and (converted / "tokenizer_config.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(converted)
    else:
        tokenizer = AutoTokenizer.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name)
    if tokenizer.pad_token is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def config_for(llm) -> types.SimpleNamespace:
    """What callers read from ``handle.config``: the context window."""
    return types.SimpleNamespace(max_position_embeddings=llm.n_ctx(), model_type="gguf")


def file_type(gguf_path: Path) -> str:
    """The quantization named in the file (e.g. Q4_1+Q8_0), shown where a dtype would be."""
    try:
        return _file_type(str(gguf_path), gguf_path.stat().st_mtime_ns)
    except OSError:
        return "gguf"


@functools.lru_cache(maxsize=32)
def _file_type(path: str, _mtime: int) -> str:
    from transformers.integrations.gguf import GgufHeader
    from transformers.integrations.gguf.dequant import GGML_NAME

    try:
        header = GgufHeader.from_file(path)  # the tensor table only, in milliseconds
    except (OSError, ValueError):
        return "gguf"
    names = {GGML_NAME.get(t, {0: "F32", 1: "F16", 30: "BF16"}.get(t, str(t))) for t in header.ggml_types.values()}
    return "+".join(sorted(names - {"F32"})) or "F32"


def ignored_settings(settings) -> list[str]:
    notes = []
    if settings.num_beams > 1:
        notes.append(translate("core", "The llama.cpp engine does not do beam search; it decoded one sequence."))
    if settings.no_repeat_ngram_size:
        notes.append(translate("core", "The llama.cpp engine ignores 'no repeat n-gram size'."))
    return notes


def sampler_kwargs(settings) -> dict:
    """``Llama.generate`` keyword arguments for these settings (greedy: temperature 0)."""
    if settings.greedy:
        return {"temp": 0.0, "top_k": 1, "top_p": 1.0, "min_p": 0.0, "typical_p": 1.0,
                "repeat_penalty": float(settings.repetition_penalty)}
    return {"temp": float(settings.temperature), "top_k": int(settings.top_k), "top_p": float(settings.top_p),
            "min_p": float(settings.min_p), "typical_p": float(settings.typical_p),
            "repeat_penalty": float(settings.repetition_penalty)}


def generate(handle, prompt_ids: list[int], settings, cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_ids: list[int] | None = None):
    """Generate with llama.cpp; events and result as ``workbench.core.generation.generate``."""
    import llama_cpp
    import numpy as np

    from workbench.core import generation as G

    settings.validate()
    llm, tokenizer = handle.model, handle.tokenizer
    prefix_ids = list(prefix_ids or [])
    answer_prompt = list(prompt_ids)
    context = answer_prompt + prefix_ids
    notes = G.check_prompt(handle, context, settings) + ignored_settings(settings)
    max_new = min(settings.max_new_tokens, llm.n_ctx() - len(context))
    if max_new < 1:
        raise WorkbenchError(translate("core", "The prompt ({n} tokens) fills the llama.cpp context of {limit} tokens.")
                             .format(n=len(context), limit=llm.n_ctx()),
                             translate("core", "Shorten the prompt, or switch the engine to transformers."))
    seed = settings.seed
    if not settings.greedy and seed is None:
        seed = random.randrange(2**31 - 1)
    run_settings = G.SamplingSettings(**{**asdict(settings), "max_new_tokens": max_new, "seed": seed})
    emit = progress or (lambda _e: None)
    eos = {i for i in (llm.token_eos(), tokenizer.eos_token_id) if i is not None and i >= 0}
    top = int(settings.top_probs)
    n_vocab = llm.n_vocab()
    start = time.perf_counter()
    tap = G._Tap(tokenizer, answer_prompt[-5:], prefix_ids, run_settings, cancel, emit, start)
    if seed is not None:
        llm.set_seed(seed)
    new_ids: list[int] = []
    finish = "length"
    cancel.raise_if_cancelled()
    stream = llm.generate(context, reset=True, **sampler_kwargs(run_settings))
    try:
        for token in stream:
            logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1), shape=(n_vocab,))
            new_ids.append(int(token))
            # the transformers path's own event code, on the logits llama.cpp sampled from (there is
            # no filtered distribution, so "after filters" stays unknown), read from llama.cpp's own
            # buffer before the next decode overwrites it
            tap.emit(int(token), raw=logits if top else None)
            if token in eos:
                finish = "eos"
                break
            if cancel.cancelled:
                finish = "cancelled"
                break
            if tap._hit_stop_string():
                finish = "stop"
                break
            if len(new_ids) >= max_new:
                break
    finally:
        stream.close()
    end = time.perf_counter()
    return G.finish_result(tokenizer, tap, answer_prompt, prefix_ids, new_ids, finish, start, end, seed,
                           run_settings, notes)
