"""A from-scratch run of the n-gram architecture: count, validate, sample, save into the library.

The same plan (text, tokenizer, train/validation split) and the same events and result as the
neural runs (``train.py``), so the From scratch page, ``workbench pretrain`` and Compare runs treat
it alike: "steps" are the orders counted (1..N), and there is one evaluation, on exactly the
validation windows the LSTM/Transformer runs are scored on (``train.validation_batches``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from workbench.core.finetune import runs
from workbench.core.i18n import translate
from workbench.core.jobs import CancelToken
from workbench.core.pretrain import ngram
from workbench.core.pretrain.store import (EVAL_WINDOWS, FINAL_SAMPLES, SAMPLE_TOKENS, TOKENIZER_DIR, publish_model,
                                           special_ids)


def training_windows(ids: list[int], window: int) -> list[list[int]]:
    """The training stream cut into the windows a neural run trains on (each counted after ``<s>`` padding)."""
    return [ids[i:i + window] for i in range(0, len(ids), window)]


def validation_windows(ids: list[int], window: int) -> list[list[int]]:
    """The windows ``train.validation_batches`` scores, without their leading ``<s>`` (padding adds it)."""
    n = min(EVAL_WINDOWS, max(1, len(ids) // window))
    return [ids[i * window:(i + 1) * window] for i in range(n) if ids[i * window:(i + 1) * window]]


def count_run(prep, run_dir: Path, emit, cancel: CancelToken) -> dict:
    from workbench.core.units import human_count

    config, tokenizer = prep.config, prep.tokenizer
    if not (run_dir / TOKENIZER_DIR).is_dir():
        tokenizer.save_pretrained(str(run_dir / TOKENIZER_DIR))
    emit({"type": "plan", **prep.to_json()})
    emit({"type": "start", "step": 0, "max_steps": config.order, "parameters": 0, "limit_s": 0.0, "device": "cpu"})
    emit({"type": "status", "message": translate("core", "Counting n-grams")})
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        eta = elapsed / done * (total - done) if done else 0.0
        emit({"type": "progress", "step": done, "max_steps": total, "epoch": 1.0, "eta_s": eta,
              "elapsed_s": elapsed, "limit_s": 0.0})

    model = ngram.count(training_windows(prep.train_ids, prep.window), config.order, len(tokenizer),
                        tokenizer.bos_token_id, config.smoothing, config.k, config.discount, progress, cancel)
    count_seconds = time.perf_counter() - started
    emit({"type": "status", "message": translate("core", "Evaluating")})
    cancel.raise_if_cancelled()
    val_loss = model.mean_nll(validation_windows(prep.val_ids, prep.window))
    ppl = ngram.perplexity_of(val_loss)
    step = config.order
    emit({"type": "eval", "step": step, "eval_loss": val_loss, "perplexity": ppl, "metric_name": "perplexity",
          "metric_value": ppl})
    rng = np.random.default_rng(config.seed)
    stops = {tokenizer.eos_token_id, tokenizer.pad_token_id}
    samples = []
    for i in range(FINAL_SAMPLES + 1):
        cancel.raise_if_cancelled()
        ids = model.sample(rng, SAMPLE_TOKENS, stops)
        text = tokenizer.decode(ids, skip_special_tokens=True)
        if i == 0:
            emit({"type": "sample", "step": step, "text": text})
        else:
            samples.append(text)
    metrics = {"val_loss": val_loss, "val_perplexity": ppl, "count_seconds": count_seconds,
               "train_seconds": count_seconds, "stored_ngrams": model.stored_ngrams}
    runs.write_json(run_dir / runs.METRICS_FILE, metrics)
    emit({"type": "status", "message": translate("core", "Saving the model into the library")})

    def write(folder: Path) -> None:
        folder.mkdir(parents=True)
        ngram.save(model, folder)
        (folder / "config.json").write_text(json.dumps(ngram.config_dict(model, special_ids(tokenizer)), indent=2),
                                            encoding="utf-8")
        tokenizer.save_pretrained(str(folder))

    smoothing = (f"add-{config.k:g}" if config.smoothing == "add-k" else "Kneser-Ney")
    model_path = publish_model(config, run_dir, write, {
        "arch": "ngram", "description": f"Trained from scratch: {config.order}-gram ({smoothing}), "
                                        f"{human_count(model.stored_ngrams)} n-grams, {config.tokenizer} tokens, "
                                        f"on {Path(config.data).name}"})
    return {"run_dir": str(run_dir), "step": step, "max_steps": step, "parameters": model.stored_ngrams,
            "status": "finished", "metrics": metrics, "model_path": str(model_path), "name": model_path.name,
            "samples": samples, "stopped_by": "steps",
            "message": translate("core", "Counted {n} n-grams of orders 1 to {order} in {seconds:.1f} s.").format(
                n=model.stored_ngrams, order=config.order, seconds=count_seconds)}
