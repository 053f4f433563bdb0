"""Defaults chosen from the data and the model, each with its reason, and the "too short" warning.

A learner's first file often has a few dozen rows: three epochs of it are about fifteen optimizer
steps, too few to change a model (issue 17). Settings left unset (``None`` in ``TrainConfig``) are
chosen here: enough epochs for a minimum number of steps, LoRA on every linear layer with a rank and
learning rate that learn on small data, a short warm-up. Anything the user set is kept as given.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace

from workbench.core.i18n import translate

# Optimizer steps below which a run rarely changes a model's behaviour. LoRA moves fewer weights
# per step, so it needs more of them.
MIN_STEPS_FULL = 30
MIN_STEPS_LORA = 60
DEFAULT_EPOCHS = 3.0
MAX_AUTO_EPOCHS = 20.0
LARGE_MODEL = 1_000_000_000  # from here on: the gentler learning rates used for 1B+ models
TOY_MODEL = 5_000_000  # below this (models built from scratch to play with): high rates, more steps
WARMUP_SHARE = 0.1
FULL_LR = {"toy": 1e-2, "small": 5e-5, "large": 2e-5}
LORA_LR = {"toy": 3e-3, "small": 5e-4, "large": 2e-4}


@dataclass
class Choice:
    setting: str  # the TrainConfig field
    value: object
    reason: str
    chosen: bool  # True: picked here; False: the user's own value

    def to_json(self) -> dict:
        return {"setting": self.setting, "value": self.value, "reason": self.reason, "chosen": self.chosen}


@dataclass
class Plan:
    config: object  # the TrainConfig with every automatic setting filled in
    choices: list[Choice]
    total_steps: int
    steps_per_epoch: int
    min_steps: int
    suggested_epochs: float | None  # set when the run looks too short
    warnings: list[str]

    def to_json(self) -> dict:
        return {"choices": [c.to_json() for c in self.choices], "total_steps": self.total_steps,
                "steps_per_epoch": self.steps_per_epoch, "min_steps": self.min_steps,
                "suggested_epochs": self.suggested_epochs, "warnings": list(self.warnings)}


def processes() -> int:
    """The number of training processes: more than one under accelerate launch or torchrun."""
    return max(1, int(os.environ.get("WORLD_SIZE", "1") or 1))


def per_device_batch(batch_size: int) -> int:
    """Rows each process takes per forward pass: the batch is split over the processes, so a step sees the same
    rows as in one process and every setting chosen from the steps (epochs, warm-up, learning rate) stays the same:
    scale-out trains the same model, faster. Rounded up when the batch does not split evenly."""
    return max(1, math.ceil(batch_size / processes()))


def rows_per_step(batch_size: int, grad_accum: int) -> int:
    """The effective batch of one optimizer step: per-device batch × gradient accumulation × processes."""
    return per_device_batch(batch_size) * max(1, grad_accum) * processes()


def steps_per_epoch(train_rows: int, batch_size: int, grad_accum: int) -> int:
    """Optimizer steps per epoch, counting every process's share of each step."""
    return max(1, math.ceil(max(1, train_rows) / rows_per_step(batch_size, grad_accum)))


def too_short_warning(total_steps: int, suggested_epochs: float | None, seconds: float | None = None) -> str:
    text = translate("core", "{steps} optimizer steps: expect little change in the model.").format(steps=total_steps)
    if suggested_epochs and seconds is not None:
        from workbench.core.units import human_seconds
        text += " " + translate("core", "We suggest {epochs:g} epochs (about {time}).").format(
            epochs=suggested_epochs, time=human_seconds(seconds))
    elif suggested_epochs:
        text += " " + translate("core", "We suggest {epochs:g} epochs.").format(epochs=suggested_epochs)
    return text


EXPERT_COUNT_KEYS = ("num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts")


def mixture_of_experts(model_config: dict) -> bool:
    """Whether a model's ``config.json`` (a dict) describes a mixture-of-experts model (Mixtral, Qwen-MoE, ...)."""
    for cfg in (model_config, model_config.get("text_config") or {}):
        if any(isinstance(cfg.get(key), int) and cfg[key] > 1 for key in EXPERT_COUNT_KEYS):
            return True
    return False


def make_plan(config, train_rows: int, parameters: int | None, experts: bool = False) -> Plan:
    """Fill the unset settings of ``config`` from the number of training rows and the model's size.

    ``experts``: the model is a mixture of experts (see ``mixture_of_experts``)."""
    large = (parameters or 0) >= LARGE_MODEL
    toy = parameters is not None and parameters < TOY_MODEL
    tier = "large" if large else ("toy" if toy else "small")
    size = {"large": translate("core", "a 1B+ model"), "small": translate("core", "a model under 1B parameters"),
            "toy": translate("core", "a toy-sized model under 5M parameters, which learns only at high rates")}[tier]
    choices: list[Choice] = []
    values: dict = {}

    def choose(setting: str, value, reason: str) -> None:
        given = getattr(config, setting)
        if given is None:
            values[setting] = value
            choices.append(Choice(setting, value, reason, True))
        else:
            choices.append(Choice(setting, given, translate("core", "your setting"), False))

    per_epoch = steps_per_epoch(train_rows, config.batch_size, config.grad_accum)
    min_steps = MIN_STEPS_LORA if config.lora or toy else MIN_STEPS_FULL
    if config.max_steps > 0:
        choices.append(Choice("max_steps", config.max_steps, translate("core", "your setting"), False))
        if config.epochs is None:
            values["epochs"] = DEFAULT_EPOCHS  # unused: the step limit decides
    else:
        needed = math.ceil(min_steps / per_epoch)
        if per_epoch * DEFAULT_EPOCHS >= min_steps:
            choose("epochs", DEFAULT_EPOCHS, translate("core", "{rows} training rows give {steps} steps an epoch: "
                                                       "3 epochs are enough").format(rows=train_rows, steps=per_epoch))
        else:
            epochs = float(min(MAX_AUTO_EPOCHS, needed))
            choose("epochs", epochs, translate(
                "core", "only {rows} training rows ({steps} steps an epoch): {epochs:g} epochs give the {min} or so "
                        "steps a small file needs to change the model").format(
                rows=train_rows, steps=per_epoch, epochs=epochs, min=min_steps))
    if config.lora:
        choose("lr", LORA_LR[tier], translate(
            "core", "LoRA trains small adapters, which need a higher rate than a full fine-tune: the usual rate "
                    "for {size}").format(size=size))
        choose("lora_r", 16, translate("core", "rank 16 has room to learn a new style from a small file"))
        choose("lora_alpha", 2 * (values.get("lora_r") or config.lora_r or 16),
               translate("core", "alpha = 2 × rank, the usual scale"))
        if not config.lora_targets:
            choices.append(Choice("lora_targets", "all-linear", translate(
                "core", "every linear layer (attention and MLP), not only q/v: learns far more per step"), True))
            if experts and config.lora_dropout:
                # peft adapts the experts' stacked weight tensors (one tensor per layer, not a linear layer
                # per expert) with a wrapper that refuses dropout: "ParamWrapper does not work with lora_dropout != 0".
                values["lora_dropout"] = 0.0
                choices.append(Choice("lora_dropout", 0.0, translate(
                    "core", "a mixture-of-experts model: LoRA on its experts' stacked weights cannot use dropout"),
                    True))
    else:
        choose("lr", FULL_LR[tier], translate(
            "core", "a full fine-tune moves every weight: the usual rate for {size}").format(size=size))
    choose("warmup", WARMUP_SHARE, translate(
        "core", "warm up over the first 10% of the steps, then decay linearly: suits a short run"))

    resolved = replace(config, **values)
    total = resolved.max_steps if resolved.max_steps > 0 else max(1, math.ceil(per_epoch * resolved.epochs))
    suggested, warnings = None, []
    if total < min_steps:
        if resolved.max_steps <= 0:
            suggested = float(math.ceil(min_steps / per_epoch))
        warnings.append(too_short_warning(total, suggested))
    if per_device_batch(config.batch_size) * processes() != config.batch_size:
        warnings.append(translate("core", "A batch of {batch} rows does not split evenly over {n} processes: each "
                                          "takes {each}, so a step sees {total} rows.").format(
            batch=config.batch_size, n=processes(), each=per_device_batch(config.batch_size),
            total=per_device_batch(config.batch_size) * processes()))
    return Plan(resolved, choices, total, per_epoch, min_steps, suggested, warnings)
