"""Training runs: transformers ``Trainer`` with a callback that turns its logs into events.

``run_training(config, run_dir, emit, cancel)`` checks every row first, trains (full or LoRA),
checkpoints every N steps and at the end, stops cleanly on cancel (saving a checkpoint), resumes from
the last complete checkpoint, and saves the final model into the library store. Events are plain
dicts with a ``type``: status, validation, start, train, eval, progress, checkpoint, done, error.
``preflight(config)`` runs a few real steps to estimate time and memory.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench.core.finetune import runs
from workbench.core.finetune.compare import COMPARISON_FILE, ROWS_AFTER_RUN, input_of, predict_rows
from workbench.core.finetune.config import TrainConfig
from workbench.core.finetune.plan import per_device_batch, steps_per_epoch
from workbench.core.finetune.validate import Example, Report, check_task, load_tokenizer, render_prompt, validate
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError

Emit = Callable[[dict], None]
PEFT_TASK_TYPES = {"classification": "SEQ_CLS", "causal-lm": "CAUSAL_LM", "seq2seq": "SEQ_2_SEQ_LM"}
TASK_METRIC = {"classification": "accuracy", "causal-lm": "perplexity", "seq2seq": "bleu"}
GENERATION_ROWS = 64  # seq2seq BLEU/ROUGE generate for at most this many validation rows


def default_lora_targets(model_type: str = "") -> list[str]:
    """The LoRA targets of a run that names none: every linear layer but the output head (peft's "all-linear").

    Adapting only q/v (peft's old per-architecture default) barely changes a model on a small file."""
    return ["all-linear"]


def _lora_target_modules(targets: list[str]):
    return "all-linear" if not targets or targets == ["all-linear"] else list(targets)


# ---- data -> tensors -------------------------------------------------------------------------------

class _ListDataset:
    def __init__(self, items: list[dict]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> dict:
        return self.items[i]


def encode(task: str, examples: list[Example], tokenizer, max_length: int, labels: list[str],
           chat_template: bool) -> list[dict]:
    if not examples:
        return []
    if task == "classification":
        label_id = {label: i for i, label in enumerate(labels)}
        texts = [ex.fields["text"] for ex in examples]
        pairs = [ex.fields.get("text_pair") or None for ex in examples]
        enc = tokenizer(texts, pairs if any(pairs) else None, truncation=True, max_length=max_length)
        return [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                 **({"token_type_ids": enc["token_type_ids"][i]} if "token_type_ids" in enc else {}),
                 "labels": label_id[ex.fields["label"]]} for i, ex in enumerate(examples)]
    if task == "seq2seq":
        enc = tokenizer([ex.fields["source"] for ex in examples], truncation=True, max_length=max_length)
        targets = tokenizer(text_target=[ex.fields["target"] for ex in examples], truncation=True,
                            max_length=max_length)
        return [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                 "labels": targets["input_ids"][i]} for i in range(len(examples))]
    items = []
    for ex in examples:
        if "prompt" in ex.fields:
            # Loss on the response only: the prompt's tokens get label -100.
            prompt_ids = tokenizer(render_prompt(tokenizer, ex.fields["prompt"], None, chat_template),
                                   add_special_tokens=not chat_template)["input_ids"]
            full_ids = tokenizer(render_prompt(tokenizer, ex.fields["prompt"], ex.fields["response"], chat_template),
                                 add_special_tokens=not chat_template)["input_ids"][:max_length]
            cut = min(len(prompt_ids), len(full_ids))
            labels_ids = [-100] * cut + full_ids[cut:]
        else:
            text = ex.fields["text"] + (tokenizer.eos_token or "")
            full_ids = tokenizer(text, truncation=True, max_length=max_length)["input_ids"]
            labels_ids = list(full_ids)
        items.append({"input_ids": full_ids, "attention_mask": [1] * len(full_ids), "labels": labels_ids})
    return items


class PadCollator:
    """Pads causal-LM batches: inputs with the pad token, labels with -100 (ignored by the loss)."""

    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, batch: list[dict]) -> dict:
        import torch

        width = max(len(item["input_ids"]) for item in batch)
        out = {"input_ids": [], "attention_mask": [], "labels": []}
        for item in batch:
            gap = width - len(item["input_ids"])
            out["input_ids"].append(item["input_ids"] + [self.pad_id] * gap)
            out["attention_mask"].append(item["attention_mask"] + [0] * gap)
            out["labels"].append(item["labels"] + [-100] * gap)
        return {k: torch.tensor(v) for k, v in out.items()}


# ---- metrics ---------------------------------------------------------------------------------------

def classification_metrics(predictions, references, n_labels: int) -> dict:
    """Accuracy, macro-F1 over the classes present in either, and the confusion matrix (rows = truth)."""
    import numpy as np

    predictions, references = np.asarray(predictions), np.asarray(references)
    matrix = np.zeros((n_labels, n_labels), dtype=int)
    for truth, guess in zip(references, predictions):
        matrix[truth, guess] += 1
    f1s = []
    for c in range(n_labels):
        tp = matrix[c, c]
        fp = matrix[:, c].sum() - tp
        fn = matrix[c, :].sum() - tp
        if tp + fp + fn == 0:
            continue  # class absent from both: not counted in the macro average
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return {"accuracy": float((predictions == references).mean()) if len(references) else 0.0,
            "macro_f1": float(np.mean(f1s)) if f1s else 0.0, "confusion_matrix": matrix.tolist()}


CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F), (0x3040, 0x30FF),
              (0xAC00, 0xD7AF))


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in CJK_RANGES)


def looks_chinese(texts: list[str]) -> bool:
    """True when CJK characters are at least a fifth of the letters in ``texts``."""
    letters = [ch for text in texts for ch in text if ch.isalnum()]
    return bool(letters) and sum(map(_is_cjk, letters)) >= 0.2 * len(letters)


class CjkRougeTokenizer:
    """ROUGE words for mixed text: each CJK character is a word, other runs of letters and digits are words.

    rouge-score's own tokenizer keeps only [a-z0-9], which scores every Chinese text 0."""

    def tokenize(self, text: str) -> list[str]:
        words, current = [], []
        for ch in text.lower():
            if _is_cjk(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            elif ch.isalnum():
                current.append(ch)
            elif current:
                words.append("".join(current))
                current = []
        if current:
            words.append("".join(current))
        return words


def text_metrics(predictions: list[str], references: list[str], tokenizer: str = "auto") -> dict:
    """BLEU (sacrebleu) and ROUGE-1/L F1. ``tokenizer``: auto (zh when the references are Chinese), zh or 13a."""
    import sacrebleu
    from rouge_score import rouge_scorer

    if tokenizer == "auto":
        tokenizer = "zh" if looks_chinese(references) else "13a"
    bleu = sacrebleu.corpus_bleu(predictions, [references], tokenize=tokenizer).score
    words = CjkRougeTokenizer() if tokenizer == "zh" else None
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False, tokenizer=words)
    scores = [scorer.score(ref, pred) for pred, ref in zip(predictions, references)]
    n = max(1, len(scores))
    return {"bleu": float(bleu), "rouge1": sum(s["rouge1"].fmeasure for s in scores) / n,
            "rougeL": sum(s["rougeL"].fmeasure for s in scores) / n, "metric_tokenizer": tokenizer}


# ---- the run ---------------------------------------------------------------------------------------

@dataclass
class Prepared:
    config: TrainConfig
    model_path: Path
    report: Report
    tokenizer: object
    chat_template: bool
    model_type: str
    plan: object = None  # plan.Plan: the settings chosen from the data and the model, with reasons


def prepare(config: TrainConfig, emit: Emit | None = None) -> Prepared:
    """Resolve the model, load its tokenizer, check every row and fill the automatic settings (emitting the
    plan with a reason for each); raise when an error blocks training."""
    from workbench.core.finetune.plan import make_plan, mixture_of_experts
    from workbench.core.library import Library
    from workbench.core.modelinfo import inspect_folder

    check_task(config.task)
    emit = emit or (lambda e: None)
    emit({"type": "status", "message": translate("core", "Finding {model}").format(model=config.model)})
    from workbench.core.engines.remote import no_weights_reason

    refusal = no_weights_reason(config.model, translate("core", "fine-tuning"))
    if refusal is not None:  # a served model: its weights are on the server
        raise refusal
    model_path = Library().resolve(config.model)
    tokenizer = load_tokenizer(model_path)
    chat_template = bool(getattr(tokenizer, "chat_template", None))
    emit({"type": "status", "message": translate("core", "Checking every row")})
    report = validate(config.spec(), tokenizer=tokenizer, chat_template=chat_template)
    emit({"type": "validation", **report.to_json(), "train_rows": len(report.train), "eval_rows": len(report.eval),
          "labels": report.labels})
    if not report.ok:
        errors = report.errors
        first = "; ".join(p.message for p in errors[:3])
        message = (translate("core", "The data has {count} problem that block training: {first}") if len(errors) == 1
                   else translate("core", "The data has {count} problems that block training: {first}"))
        raise WorkbenchError(message.format(count=len(errors), first=first),
                             translate("core", "Fix the rows named above (see --validate-only) and start again."))
    model_config = json.loads((Path(model_path) / "config.json").read_text(encoding="utf-8"))
    model_type = model_config.get("model_type", "")
    plan = make_plan(config, len(report.train), inspect_folder(model_path).parameters,
                     experts=mixture_of_experts(model_config))
    emit({"type": "plan", **plan.to_json()})
    return Prepared(plan.config, Path(model_path), report, tokenizer, chat_template, model_type, plan)


def _allow_pickle() -> bool:
    from workbench.core import settings

    return settings.load().settings.allow_pickle_weights


def build_model(prep: Prepared):
    import torch
    import transformers as tf

    from workbench.core.finetune.record import seed_everything
    from workbench.core.modelinfo import inspect_folder

    config, labels = prep.config, prep.report.labels
    allow_pickle = _allow_pickle()
    if inspect_folder(prep.model_path).weight_format == "bin" and not allow_pickle:
        raise WorkbenchError(
            translate("core", "{path} has only pickle (.bin) weights, which can run code when loaded.").format(
                path=prep.model_path),
            translate("core", "Use a safetensors release of the model, or allow pickle weights in Settings if you "
                              "trust its source."))
    # Before anything draws: the new classifier head and the LoRA adapters start the same for the same seed.
    seed_everything(config.seed, config.deterministic)
    kwargs = {"dtype": torch.float32, "use_safetensors": None if allow_pickle else True}
    if config.task == "classification":
        model = tf.AutoModelForSequenceClassification.from_pretrained(
            str(prep.model_path), num_labels=len(labels), id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)}, ignore_mismatched_sizes=True, **kwargs)
    elif config.task == "seq2seq":
        model = tf.AutoModelForSeq2SeqLM.from_pretrained(str(prep.model_path), **kwargs)
    else:
        model = tf.AutoModelForCausalLM.from_pretrained(str(prep.model_path), **kwargs)
    tokenizer = prep.tokenizer
    if tokenizer.pad_token is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    if getattr(model.config, "pad_token_id", None) is None and tokenizer.pad_token_id is not None:
        model.config.pad_token_id = tokenizer.pad_token_id
    if config.lora:
        from peft import LoraConfig, get_peft_model

        # A new classifier head is trained (and saved) with the adapter: with LoRA alone it would stay random.
        head = ["classifier", "score"] if config.task == "classification" else None
        lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                          target_modules=_lora_target_modules(config.lora_targets),
                          task_type=PEFT_TASK_TYPES[config.task], modules_to_save=head)
        try:
            model = get_peft_model(model, lora)
        except ValueError as exc:
            # Named targets on a mixture of experts: peft adapts stacked expert weights only without dropout.
            hint = (translate("core", "Set LoRA dropout to 0: the layers named include stacked expert weights, which "
                                      "peft adapts only without dropout.")
                    if config.lora_dropout and "lora_dropout" in str(exc) else
                    translate("core", "Name the layers to adapt (LoRA targets), e.g. q_proj,v_proj."))
            raise WorkbenchError(translate("core", "LoRA cannot adapt this model: {error}").format(error=exc),
                                 hint) from exc
    return model


def _auto_steps(config: TrainConfig, train_rows: int, has_eval: bool) -> tuple[int, int, int, int]:
    """(total steps, eval every, save every, log every) with the 0 = automatic defaults resolved."""
    per_epoch = steps_per_epoch(train_rows, config.batch_size, config.grad_accum)
    total = config.max_steps if config.max_steps > 0 else max(1, math.ceil(per_epoch * config.epochs))
    eval_every = config.eval_steps or max(1, total // 10)
    save_every = config.save_steps or (eval_every if has_eval else min(50, total))
    if config.early_stopping > 0 and has_eval:
        save_every = eval_every  # keeping the best model needs a checkpoint at every evaluation
    log_every = config.logging_steps or max(1, total // 50)
    return total, eval_every, save_every, log_every


def build_trainer(prep: Prepared, model, output_dir: Path, callbacks: list, *, max_steps: int | None = None,
                  save: bool = True, evaluate: bool = True):
    import transformers as tf

    config, report, tokenizer = prep.config, prep.report, prep.tokenizer
    train = _ListDataset(encode(config.task, report.train, tokenizer, config.max_length, report.labels,
                                prep.chat_template))
    evaluation = _ListDataset(encode(config.task, report.eval, tokenizer, config.max_length, report.labels,
                                     prep.chat_template)) if report.eval and evaluate else None
    total, eval_every, save_every, log_every = _auto_steps(config, len(train), evaluation is not None)
    args_cls = tf.Seq2SeqTrainingArguments if config.task == "seq2seq" else tf.TrainingArguments
    extra = {}
    if config.task == "seq2seq":
        extra = {"predict_with_generate": False, "generation_max_length": config.max_length}
    early = config.early_stopping > 0 and evaluation is not None
    args = args_cls(
        output_dir=str(output_dir), num_train_epochs=config.epochs, max_steps=max_steps or config.max_steps,
        learning_rate=config.lr, per_device_train_batch_size=per_device_batch(config.batch_size),
        per_device_eval_batch_size=per_device_batch(config.batch_size), gradient_accumulation_steps=config.grad_accum,
        warmup_steps=config.warmup, weight_decay=config.weight_decay, seed=config.seed,
        full_determinism=config.deterministic,
        eval_strategy="steps" if evaluation is not None else "no", eval_steps=eval_every,
        save_strategy="steps" if save else "no", save_steps=save_every, save_total_limit=2,
        logging_strategy="steps", logging_steps=log_every, logging_first_step=True, report_to="none",
        disable_tqdm=True, dataloader_num_workers=0, use_cpu=config.device == "cpu",
        dataloader_pin_memory=_has_gpu(),
        load_best_model_at_end=early, metric_for_best_model="eval_loss" if early else None,
        greater_is_better=False if early else None, **extra)
    if config.task == "classification":
        collator = tf.DataCollatorWithPadding(tokenizer)
    elif config.task == "seq2seq":
        collator = tf.DataCollatorForSeq2Seq(tokenizer, model=model, label_pad_token_id=-100)
    else:
        collator = PadCollator(tokenizer.pad_token_id)
    compute = None
    if config.task == "classification":
        def compute(eval_pred):
            import numpy as np
            predictions = np.argmax(eval_pred.predictions[0] if isinstance(eval_pred.predictions, tuple)
                                    else eval_pred.predictions, axis=-1)
            metrics = classification_metrics(predictions, eval_pred.label_ids, len(report.labels))
            metrics.pop("confusion_matrix")  # lists do not belong in the per-step log; the final metrics have it
            return metrics
    if early:
        callbacks = callbacks + [tf.EarlyStoppingCallback(early_stopping_patience=config.early_stopping)]
    trainer_cls = tf.Seq2SeqTrainer if config.task == "seq2seq" else tf.Trainer
    trainer = trainer_cls(model=model, args=args, data_collator=collator, train_dataset=train,
                          eval_dataset=evaluation, processing_class=tokenizer, compute_metrics=compute,
                          callbacks=callbacks)
    trainer.remove_callback(tf.PrinterCallback)  # it prints every log dict on stdout; events carry them instead
    honours = loss_honours_item_count(model, collator([train[0]])) if len(train) else None
    if honours is not None:
        trainer.model_accepts_loss_kwargs = honours
    return trainer, total


def loss_honours_item_count(model, batch: dict) -> bool | None:
    """Whether the model's loss divides by the ``num_items_in_batch`` the Trainer passes to a forward with ``**kwargs``.

    The Trainer assumes it does for every such model: it then skips the division by the gradient accumulation steps
    and multiplies the loss by the number of processes. Heads that ignore it (BERT's classifier, T5) report and train
    on a loss that many times too large: twice the eval loss and twice the gradients under two processes.
    None when one row cannot be run here (e.g. weights that DeepSpeed has partitioned): the Trainer decides."""
    import torch

    was_training = model.training
    try:
        device = next(model.parameters()).device
        batch = {k: v.to(device) for k, v in batch.items()}
        model.eval()
        with torch.no_grad():
            one = model(**batch, num_items_in_batch=torch.tensor(1.0, device=device)).loss
            two = model(**batch, num_items_in_batch=torch.tensor(2.0, device=device)).loss
    except Exception:  # noqa: BLE001 - a probe must never stop a run the Trainer itself can run
        return None
    finally:
        model.train(was_training)
    return one is not None and bool(torch.isclose(one, 2 * two, rtol=1e-3))


def _has_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


def make_events_callback(emit: Emit, cancel: CancelToken, task: str):
    import transformers as tf

    class EventsCallback(tf.TrainerCallback):
        """Trainer logs -> events; cancel -> save a checkpoint and stop at the end of this step."""

        def __init__(self) -> None:
            self.step_seconds: list[float] = []
            self.eval_seconds: list[float] = []
            self._step_start = 0.0
            self._eval_start = 0.0
            self._last_progress = 0.0
            self.cancelled = False

        def on_train_begin(self, args, state, control, **kwargs):
            emit({"type": "start", "step": state.global_step, "max_steps": state.max_steps,
                  "epochs": args.num_train_epochs})

        def on_step_begin(self, args, state, control, **kwargs):
            self._step_start = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            self.step_seconds.append(time.perf_counter() - self._step_start)
            now = time.monotonic()
            if now - self._last_progress > 0.2 or state.global_step >= state.max_steps:
                self._last_progress = now
                emit({"type": "progress", "step": state.global_step, "max_steps": state.max_steps,
                      "epoch": state.epoch, "eta_s": self.eta(args, state)})
            if cancel.cancelled:
                self.cancelled = True
                control.should_save = True
                control.should_training_stop = True

        def eta(self, args, state) -> float:
            """Remaining steps at the recent step time, plus the evaluations still to come at their measured cost."""
            recent = self.step_seconds[-20:]
            remaining = max(0, state.max_steps - state.global_step)
            seconds = remaining * sum(recent) / max(1, len(recent))
            if self.eval_seconds and args.eval_steps:
                seconds += (remaining // int(args.eval_steps) + 1) * sum(self.eval_seconds) / len(self.eval_seconds)
            return seconds

        def on_prediction_step(self, args, state, control, **kwargs):
            if not self._eval_start:
                self._eval_start = time.perf_counter()

        def on_evaluate(self, args, state, control, metrics=None, **kwargs):
            if self._eval_start:
                self.eval_seconds.append(time.perf_counter() - self._eval_start)
                self._eval_start = 0.0

        def on_log(self, args, state, control, logs=None, **kwargs):
            logs = dict(logs or {})
            if "loss" in logs:
                emit({"type": "train", "step": state.global_step, "epoch": state.epoch, "loss": logs.get("loss"),
                      "learning_rate": logs.get("learning_rate"), "grad_norm": logs.get("grad_norm")})
            if "eval_loss" in logs:
                event = {"type": "eval", "step": state.global_step, "epoch": state.epoch,
                         **{k[5:]: v for k, v in logs.items() if k.startswith("eval_") and isinstance(v, (int, float))}}
                event["eval_loss"] = logs["eval_loss"]
                if task == "causal-lm":
                    event["perplexity"] = _perplexity(logs["eval_loss"])
                metric = TASK_METRIC[task]
                event["metric_name"] = metric if metric in event else "eval_loss"
                event["metric_value"] = event.get(metric, logs["eval_loss"])
                emit(event)

        def on_save(self, args, state, control, **kwargs):
            emit({"type": "checkpoint", "step": state.global_step,
                  "path": str(Path(args.output_dir) / f"checkpoint-{state.global_step}")})

    return EventsCallback()


def _perplexity(loss: float) -> float:
    return float(math.exp(min(loss, 50.0)))


def run_training(config: TrainConfig, run_dir: Path, emit: Emit | None = None,
                 cancel: CancelToken = NEVER_CANCELLED, resume: bool = False) -> dict:
    """Train ``config`` in ``run_dir``; returns the final ``{status, metrics, model_path, run_dir}``.

    With ``resume`` it continues from the last complete checkpoint (after a kill, a crash or a cancel,
    or with more epochs than the finished run had).
    """
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    runs.write_json(run_dir / runs.CONFIG_FILE, config.to_json())
    return runs.run_logged(run_dir, emit, resume, lambda log: _train(config, run_dir, log, cancel, resume),
                           oom_hint=translate("core", "Use a smaller batch size, max length or model."))


def _train(config: TrainConfig, run_dir: Path, emit: Emit, cancel: CancelToken, resume: bool) -> dict:
    from workbench.core.finetune import record

    prep = prepare(config, emit)
    config = prep.config
    runs.write_json(run_dir / runs.CONFIG_FILE, config.to_json())  # as resolved: resume and "Run again" read it
    checkpoint = runs.last_checkpoint(run_dir) if resume else None
    if resume and checkpoint is None:
        emit({"type": "status",
              "message": translate("core", "No complete checkpoint yet: starting from the beginning")})
    cancel.raise_if_cancelled()
    emit({"type": "status", "message": translate("core", "Loading the model")})
    model = build_model(prep)
    callback = make_events_callback(emit, cancel, config.task)
    trainer, total = build_trainer(prep, model, run_dir / runs.CHECKPOINTS, [callback])
    device = str(trainer.args.device)
    if not (run_dir / record.RECORD_FILE).exists():
        runs.write_json(run_dir / record.RECORD_FILE, record.make_record(config, prep.model_path, device))
    determinism = record.determinism_note(device, config.deterministic)
    emit({"type": "record", "seed": config.seed, "deterministic": config.deterministic, "determinism": determinism})

    base_file = run_dir / BASE_FILE
    held_out = prep.report.eval[:ROWS_AFTER_RUN]
    # Decided the same way on every process of a multi-process run (evaluate() needs all of them).
    if prep.report.eval and not checkpoint:
        # Before any step (a LoRA adapter starts as a no-op): the base model's loss and answers, for the summary.
        emit({"type": "status", "message": translate("core", "Measuring the base model on the validation rows")})
        base_loss = trainer.evaluate().get("eval_loss")
        forget_evaluation_preparation(trainer)
        outputs = predict_rows(trainer.model, prep.tokenizer, config, held_out) if runs.is_main_process() else []
        runs.write_json(base_file, {"eval_loss": base_loss, "outputs": outputs})
        emit({"type": "base", "eval_loss": base_loss})
    # Data order and dropout start from the seed whatever ran before (resume restores the checkpoint's state).
    record.seed_everything(config.seed, config.deterministic)
    emit({"type": "status", "message": translate("core", "Resuming from step {step}").format(
        step=checkpoint.name.split("-")[-1]) if checkpoint else translate("core", "Training")})
    output = trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    step, max_steps = trainer.state.global_step, trainer.state.max_steps
    base = {"run_dir": str(run_dir), "step": step, "max_steps": max_steps, "determinism": determinism,
            "warnings": list(prep.plan.warnings)}
    if callback.cancelled:
        saved = runs.last_checkpoint(run_dir)
        return {**base, "status": "cancelled", "metrics": {}, "model_path": "",
                "message": translate("core", "Cancelled at step {step} of {max}; the checkpoint {checkpoint} is kept, "
                                     "resume to continue.").format(
                    step=step, max=max_steps, checkpoint=saved.name if saved else translate("core", "(none)"))}
    emit({"type": "status", "message": translate("core", "Evaluating")})
    metrics = {"train_loss": output.training_loss, "train_samples_per_second":
               output.metrics.get("train_samples_per_second")}
    metrics.update(final_metrics(prep, trainer))
    before = runs.read_json(base_file)
    comparison = {}
    if before and metrics.get("eval_loss") is not None:
        metrics["base_eval_loss"] = before.get("eval_loss")
        tuned = predict_rows(trainer.model, prep.tokenizer, config, held_out) if runs.is_main_process() else []
        comparison = make_comparison(config, held_out, before, tuned, metrics["eval_loss"])
        runs.write_json(run_dir / COMPARISON_FILE, comparison)
        emit({"type": "comparison", **comparison})
    runs.write_json(run_dir / runs.METRICS_FILE, metrics)
    emit({"type": "status", "message": translate("core", "Saving the model into the library")})
    model_path = save_final_model(prep, trainer.model, run_dir)
    stopped_early = config.early_stopping > 0 and step < max_steps
    return {**base, "status": "finished", "metrics": metrics, "model_path": str(model_path),
            "base_eval_loss": comparison.get("base_eval_loss"), "eval_loss": metrics.get("eval_loss"),
            "improved": comparison.get("improved"), "comparison": comparison.get("rows", []),
            "stopped_early": stopped_early,
            "message": finish_message(step, max_steps, comparison, config.early_stopping if stopped_early else 0)}


BASE_FILE = "base.json"  # the base model's validation loss and answers, measured before the first step


def forget_evaluation_preparation(trainer) -> None:
    """Let ``train()`` wrap the model for distributed training after an ``evaluate()`` that ran first.

    ``evaluate()`` before ``train()`` has accelerate prepare the model for evaluation only (no
    DistributedDataParallel) and mark it prepared; ``train()`` then takes it as it is. Under several processes
    the gradients were never averaged: each process trained its own copy on its share of the rows, the run kept
    rank 0's copy, and the evaluation mixed the copies."""
    model = trainer.model
    if trainer.model_wrapped is model and getattr(model, "_is_accelerate_prepared", False):
        del model._is_accelerate_prepared
        trainer.accelerator._models[:] = [m for m in trainer.accelerator._models if m is not model]


def make_comparison(config: TrainConfig, examples: list[Example], before: dict, tuned: list[str],
                    eval_loss: float) -> dict:
    base_loss = before.get("eval_loss")
    rows = []
    for ex, base_out, tuned_out in zip(examples, before.get("outputs") or [], tuned):
        text, expected = input_of(config, ex)
        rows.append({"row": ex.row, "input": text, "expected": expected, "base": base_out, "tuned": tuned_out})
    improved = base_loss is not None and eval_loss < base_loss
    return {"base_eval_loss": base_loss, "eval_loss": eval_loss, "improved": improved, "rows": rows}


def finish_message(step: int, max_steps: int, comparison: dict, early_patience: int = 0) -> str:
    from workbench.core.i18n import translate

    if early_patience:
        text = translate("core", "Stopped early at step {step} of {max}: the validation loss had not improved for "
                                 "{n} evaluations.").format(step=step, max=max_steps, n=early_patience)
    else:
        text = translate("core", "Finished {step} steps.").format(step=step)
    base_loss, loss = comparison.get("base_eval_loss"), comparison.get("eval_loss")
    if base_loss is None or loss is None:
        return text
    if comparison.get("improved"):
        return text + " " + translate("core", "Validation loss {base:.3f} (base model) → {tuned:.3f}: the model "
                                              "learned from the data.").format(base=base_loss, tuned=loss)
    return text + " " + translate("core", "But the validation loss did not improve over the base model ({base:.3f} → "
                                          "{tuned:.3f}): the model has not learned from this data. Try more epochs, "
                                          "a higher learning rate or more rows.").format(base=base_loss, tuned=loss)


def final_metrics(prep: Prepared, trainer) -> dict:
    import numpy as np
    import torch

    config, report = prep.config, prep.report
    if not report.eval:
        return {}
    metrics: dict = {}
    if config.task == "classification":
        out = trainer.predict(trainer.eval_dataset)
        logits = out.predictions[0] if isinstance(out.predictions, tuple) else out.predictions
        metrics.update(classification_metrics(np.argmax(logits, axis=-1), out.label_ids, len(report.labels)))
        metrics["labels"] = report.labels
        metrics["eval_loss"] = out.metrics.get("test_loss")
        return metrics
    evaluated = trainer.evaluate()
    metrics["eval_loss"] = evaluated.get("eval_loss")
    if config.task == "causal-lm":
        metrics["perplexity"] = _perplexity(evaluated["eval_loss"])
        return metrics
    model, tokenizer = trainer.model, prep.tokenizer
    model.eval()
    rows = report.eval[:GENERATION_ROWS]
    predictions = []
    with torch.no_grad():
        for start in range(0, len(rows), config.batch_size):
            batch = rows[start:start + config.batch_size]
            enc = tokenizer([ex.fields["source"] for ex in batch], return_tensors="pt", padding=True,
                            truncation=True, max_length=config.max_length).to(model.device)
            generated = model.generate(**enc, max_new_tokens=config.max_length, do_sample=False, num_beams=1)
            predictions += tokenizer.batch_decode(generated, skip_special_tokens=True)
    metrics.update(text_metrics(predictions, [ex.fields["target"] for ex in rows], config.metric_tokenizer))
    return metrics


def save_final_model(prep: Prepared, model, run_dir: Path) -> Path:
    """The final model into the library store (a LoRA adapter merged in, unless asked not to)."""
    from workbench.core.library import Library, store_name_for, write_meta

    config = prep.config
    if not runs.is_main_process():
        return Path()  # under accelerate/torchrun, rank 0 saves
    status = runs.read_json(run_dir / runs.STATUS_FILE)
    if status.get("model_path") and Path(status["model_path"]).is_dir():
        target = Path(status["model_path"])  # added epochs: replace this run's earlier model
    else:
        library = Library()
        library._ensure_store()
        base = store_name_for(config.name or f"{Path(config.model).name}-{config.task}-{run_dir.name[:15]}")
        target, n = library.store / base, 2
        while target.exists():
            target, n = library.store / f"{base}-{n}", n + 1
    if config.lora:
        model.save_pretrained(str(run_dir / "adapter"))
        if not config.merge_lora:
            prep.tokenizer.save_pretrained(str(run_dir / "adapter"))
            return run_dir / "adapter"
        model = model.merge_and_unload()
    tmp = target.with_name(f".{target.name}.saving")
    if tmp.exists():
        shutil.rmtree(tmp)
    model.save_pretrained(str(tmp))
    prep.tokenizer.save_pretrained(str(tmp))
    write_meta(tmp, {"base_model": config.model, "task": config.task, "run_dir": str(run_dir),
                     "description": (translate("core", "Fine-tuned from {model} ({task}, LoRA) on {data}")
                                     if config.lora else
                                     translate("core", "Fine-tuned from {model} ({task}) on {data}")).format(
                                         model=config.model, task=config.task, data=Path(config.data).name)})
    if target.exists():
        shutil.rmtree(target)
    os.replace(tmp, target)
    return target


# ---- pre-flight ------------------------------------------------------------------------------------

PREFLIGHT_STEPS = 4  # the first is warm-up and not timed


def preflight(config: TrainConfig, emit: Emit | None = None) -> dict:
    """A few real training steps: seconds per step, peak memory, estimated total time, fits / tight / will not fit."""
    from workbench.core import devices

    from workbench.core.finetune.plan import too_short_warning

    emit = emit or (lambda e: None)
    prep = prepare(config, emit)
    config = prep.config
    emit({"type": "status", "message": translate("core", "Measuring a few training steps")})
    model = build_model(prep)
    callback = make_events_callback(lambda e: None, NEVER_CANCELLED, config.task)
    with tempfile.TemporaryDirectory(prefix="workbench-preflight-") as tmp:
        trainer, _ = build_trainer(prep, model, Path(tmp), [callback], max_steps=PREFLIGHT_STEPS, save=False,
                                   evaluate=False)
        trainer.train()
    timed = callback.step_seconds[1:] or callback.step_seconds
    per_step = sum(timed) / max(1, len(timed))
    total, eval_every, _, _ = _auto_steps(config, len(prep.report.train), bool(prep.report.eval))
    evals = total // eval_every if prep.report.eval else 0
    eval_batches = math.ceil(len(prep.report.eval) / config.batch_size)
    # A forward pass costs about a third of a training step (forward + backward + update).
    estimate = total * per_step + evals * eval_batches * per_step / (3 * config.grad_accum)
    device = str(trainer.args.device)
    peak = _peak_memory_bytes(device)
    memory = devices.memory_status(device)
    held = peak if device.startswith("cuda") else devices.process_memory_bytes()
    result = {"seconds_per_step": per_step, "total_steps": total, "estimated_seconds": estimate,
              "peak_bytes": peak, "available_bytes": memory.available_bytes + held, "device": device,
              "verdict": devices.fit_verdict(peak, memory.available_bytes + held),
              "train_rows": len(prep.report.train), "eval_rows": len(prep.report.eval),
              "plan": prep.plan.to_json(), "warnings": list(prep.plan.warnings), "suggested_seconds": None}
    suggested = prep.plan.suggested_epochs
    if suggested:
        steps = math.ceil(prep.plan.steps_per_epoch * suggested)
        result["suggested_seconds"] = estimate * steps / max(1, total)
        result["warnings"] = [too_short_warning(total, suggested, result["suggested_seconds"])]
    emit({"type": "preflight", **result})
    return result


def _peak_memory_bytes(device: str) -> int:
    if device.startswith("cuda"):
        import torch
        return int(torch.cuda.max_memory_allocated())
    from workbench.core import devices

    return devices.peak_process_memory_bytes()
