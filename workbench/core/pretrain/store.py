"""What every from-scratch run shares, whatever it trains: the evaluation and sample sizes, the run folder's
tokenizer, the special-token ids and putting the final model into the library (``train.py`` for the
neural architectures, ``ngram_run.py`` for n-gram counts)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

from workbench.core.finetune import runs

EVAL_WINDOWS = 64  # validation windows per evaluation (the same ones every time)
SAMPLE_TOKENS = 160
FINAL_SAMPLES = 3
TOKENIZER_DIR = "tokenizer"


def special_ids(tokenizer) -> dict[str, int]:
    return {"bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
            "pad_token_id": tokenizer.pad_token_id}


def publish_model(config, run_dir: Path, write: Callable[[Path], None], meta: dict) -> Path:
    """``write(folder)`` into a fresh folder, then moved into the library under the run's name (replacing the
    run's earlier model): a kill mid-save leaves no half-written model in the library."""
    from workbench.core.library import Library, store_name_for, write_meta

    status = runs.read_json(run_dir / runs.STATUS_FILE)
    if status.get("model_path") and Path(status["model_path"]).is_dir():
        target = Path(status["model_path"])
    else:
        library = Library()
        library._ensure_store()
        base = store_name_for(config.name or run_dir.name)
        target, n = library.store / base, 2
        while target.exists():
            target, n = library.store / f"{base}-{n}", n + 1
    tmp = target.with_name(f".{target.name}.saving")
    if tmp.exists():
        shutil.rmtree(tmp)
    write(tmp)
    write_meta(tmp, {"task": "pretrain", "run_dir": str(run_dir), "base_model": "", **meta})
    if target.exists():
        shutil.rmtree(target)
    os.replace(tmp, target)
    return target
