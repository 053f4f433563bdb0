"""Fine-tuning throughput: the workbench's run (validation, events, checkpoints) vs a plain transformers
``Trainer`` on the same data, model and settings, in the same process. Samples per second of training,
for a full fine-tune and a LoRA one. Runs in a temporary home: the user's library and runs stay untouched."""

from __future__ import annotations

import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "sentiment.csv"
DEFAULT_MODEL = "all-minilm-l6-v2"


def _workbench(config, root: Path) -> float:
    from workbench.core.finetune.runs import new_run_dir
    from workbench.core.finetune.train import run_training

    result = run_training(config, new_run_dir("bench", root))
    return float(result["metrics"]["train_samples_per_second"])


def _baseline(config, root: Path) -> float:
    """The same run written the way a transformers tutorial does it."""
    import csv

    import torch
    import transformers as tf

    from workbench.core.library import Library

    path = Library().resolve(config.model)
    tokenizer = tf.AutoTokenizer.from_pretrained(str(path))
    with open(config.data, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    labels = sorted({r["label"] for r in rows})
    enc = tokenizer([r["text"] for r in rows], truncation=True, max_length=config.max_length)
    dataset = [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                "labels": labels.index(r["label"])} for i, r in enumerate(rows)]
    model = tf.AutoModelForSequenceClassification.from_pretrained(
        str(path), num_labels=len(labels), ignore_mismatched_sizes=True, dtype=torch.float32)
    if config.lora:
        from peft import LoraConfig, get_peft_model

        model = get_peft_model(model, LoraConfig(
            r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
            target_modules="all-linear", task_type="SEQ_CLS", modules_to_save=["classifier", "score"]))
    args = tf.TrainingArguments(
        output_dir=str(root / "baseline"), max_steps=config.max_steps, learning_rate=config.lr,
        per_device_train_batch_size=config.batch_size, seed=config.seed, save_strategy="steps",
        save_steps=config.max_steps, logging_steps=max(1, config.max_steps // 50), report_to="none",
        disable_tqdm=True, dataloader_pin_memory=torch.cuda.is_available())
    trainer = tf.Trainer(model=model, args=args, train_dataset=dataset,
                         data_collator=tf.DataCollatorWithPadding(tokenizer), processing_class=tokenizer)
    trainer.remove_callback(tf.PrinterCallback)  # it would print into the benchmark's JSON on stdout
    return float(trainer.train().metrics["train_samples_per_second"])


def run(args) -> dict:
    from workbench.core.finetune.config import TrainConfig
    from workbench.core.finetune.train import _peak_memory_bytes
    from workbench.core.library import Library
    from workbench.core.paths import temporary_home

    quick = getattr(args, "quick", False)
    steps = 10 if quick else 40
    model = str(Library().resolve(getattr(args, "model", None) or DEFAULT_MODEL))
    out: dict = {"model": getattr(args, "model", None) or DEFAULT_MODEL, "steps": steps, "batch_size": 16}
    start = time.perf_counter()
    for method in ("full", "lora"):
        lora = method == "lora"
        config = TrainConfig(model=model, data=str(EXAMPLE), task="classification",
                             columns={"text": "text", "label": "label"}, eval_split=0, max_steps=steps,
                             batch_size=16, lr=5e-4 if lora else 1e-4, max_length=48, save_steps=steps, warmup=0.0,
                             lora=lora, lora_r=16, lora_alpha=32)
        workbench, baseline = [], []
        with temporary_home(prefix="workbench-bench-") as tmp:
            for _ in range(1 if quick else 2):  # alternate, best of each: the machine's load drifts
                baseline.append(_baseline(config, tmp))
                workbench.append(_workbench(config, tmp / "runs"))
        prefix = "" if method == "full" else "lora_"
        out[f"{prefix}workbench_samples_s"] = round(max(workbench), 2)
        out[f"{prefix}baseline_samples_s"] = round(max(baseline), 2)
        out[f"{prefix}ratio"] = round(max(workbench) / max(baseline), 3)
    out["peak_mb"] = round(_peak_memory_bytes("cpu") / 1e6, 1)
    out["total_s"] = round(time.perf_counter() - start, 1)
    return out
