"""The Data page's two worker jobs: read a table and guess its columns; check every row of a spec."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.finetune.data import Table, read_table
from workbench.core.finetune.train import default_lora_targets
from workbench.core.finetune.validate import TASKS, DataSpec, Report, guess_columns, load_tokenizer, validate


def read_and_guess(path: Path) -> tuple[Table, dict[str, dict[str, str]]]:
    """Read the table and guess its columns for every task (so switching tasks needs no work)."""
    table = read_table(path)
    return table, {task: guess_columns(table, task) for task in TASKS}


def check_data(spec: DataSpec, model_ref: str, library) -> tuple[Table, Report, list[str]]:
    """Read the table and check every row (with the model's tokenizer when it can be found).

    Also returns the model's default LoRA target modules (empty when unknown)."""
    table = read_table(spec.data)
    if not spec.columns:
        spec.columns = guess_columns(table, spec.task)
    tokenizer, targets = None, []
    if model_ref:
        try:
            path = library.resolve(model_ref)
            tokenizer = load_tokenizer(path)
            model_type = json.loads((Path(path) / "config.json").read_text(encoding="utf-8")).get("model_type", "")
            targets = default_lora_targets(model_type)
        except Exception:  # a bad model is reported when training starts; the rows are still checked
            tokenizer = None
    report = validate(spec, table=table, tokenizer=tokenizer,
                      chat_template=bool(getattr(tokenizer, "chat_template", None)))
    return table, report, targets
