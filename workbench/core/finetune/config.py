"""The settings of a fine-tuning run (``TrainConfig``), on their own so that the modules reading a run's
``config.json`` (compare, the CLI) need not import the training code."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.dataclass_json import JsonDataclass
from workbench.core.finetune.validate import DataSpec


@dataclass
class TrainConfig(JsonDataclass):
    """Everything a run needs; saved as the run's ``config.json`` (resume and add-epochs read it back)."""

    model: str
    data: str
    task: str
    columns: dict[str, str] = field(default_factory=dict)
    validation_data: str = ""
    eval_split: float = 0.1
    split_column: str = ""
    seed: int = 42
    max_length: int = 128
    epochs: float | None = None  # None: chosen from the data (plan.py), like every None below
    lr: float | None = None
    batch_size: int = 8
    grad_accum: int = 1
    warmup: float | None = None  # < 1: a share of the steps; >= 1: a number of steps
    weight_decay: float = 0.0
    eval_steps: int = 0  # 0: about ten evaluations per run
    save_steps: int = 0  # 0: with every evaluation (or every 50 steps without evaluation)
    logging_steps: int = 0  # 0: about fifty points on the loss chart
    early_stopping: int = 0  # patience in evaluations; 0 = off
    max_steps: int = -1  # > 0 overrides epochs
    lora: bool = False
    lora_r: int | None = None
    lora_alpha: int | None = None
    lora_dropout: float = 0.05
    lora_targets: list[str] = field(default_factory=list)  # empty: every linear layer (peft's "all-linear")
    merge_lora: bool = True
    name: str = ""  # the library name of the final model
    device: str = "auto"
    deterministic: bool = False  # transformers' full determinism (deterministic CUDA kernels, slower)
    metric_tokenizer: str = "auto"  # BLEU/ROUGE words: auto (zh when the references are Chinese), zh, 13a

    def spec(self) -> DataSpec:
        return DataSpec(data=self.data, task=self.task, columns=dict(self.columns),
                        validation_data=self.validation_data, eval_split=self.eval_split,
                        split_column=self.split_column, seed=self.seed, max_length=self.max_length)
