"""Fine-tuning throughput: the workbench's run (validation, events, checkpoints) vs a plain transformers
``Trainer`` on the same data, model and settings, in the same process. Samples per second of training."""

from __future__ import annotations

import tempfile
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
    from workbench.core.finetune.train import TrainConfig, _peak_memory_bytes

    quick = getattr(args, "quick", False)
    steps = 10 if quick else 40
    config = TrainConfig(model=getattr(args, "model", None) or DEFAULT_MODEL, data=str(EXAMPLE),
                         task="classification", columns={"text": "text", "label": "label"}, eval_split=0,
                         max_steps=steps, batch_size=16, lr=1e-4, max_length=48, save_steps=steps)
    workbench, baseline = [], []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as tmp:
        root = Path(tmp)
        for _ in range(1 if quick else 2):  # alternate, best of each: the machine's load drifts
            baseline.append(_baseline(config, root))
            workbench.append(_workbench(config, root))
    best_workbench, best_baseline = max(workbench), max(baseline)
    return {"workbench_samples_s": round(best_workbench, 2), "baseline_samples_s": round(best_baseline, 2),
            "ratio": round(best_workbench / best_baseline, 3), "peak_mb": round(_peak_memory_bytes("cpu") / 1e6, 1),
            "model": config.model, "steps": steps, "batch_size": config.batch_size,
            "total_s": round(time.perf_counter() - start, 1)}
