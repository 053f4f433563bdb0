"""workbench finetune: check a table row by row, then train on it (full or LoRA), resumable.

``--events -`` streams JSON-lines events on stdout (the Fine-tune tab reads them). A line ``cancel``
on stdin, SIGTERM or Ctrl+C stops the run cleanly at the end of the current step, keeping a
checkpoint that ``--resume`` continues from.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

# The preflight's verdict (its JSON value) and a validation problem's severity, in words.
VERDICTS = {"fits": QT_TRANSLATE_NOOP("cli", "fits"), "tight": QT_TRANSLATE_NOOP("cli", "tight"),
            "will not fit": QT_TRANSLATE_NOOP("cli", "will not fit")}


def register(sub) -> None:
    p = sub.add_parser("finetune", help=translate("cli", "fine-tune a model on your own CSV/TSV/JSONL file"),
                       description=translate("cli", "Fine-tune a model on a CSV, TSV or JSONL file. Every row is "
                                                    "checked first."))
    p.add_argument("-m", "--model", help=translate(
        "cli", "base model: a starter name, a store name, a hub id in the cache, or a path"))
    p.add_argument("--data", help=translate("cli", "the training table (.csv, .tsv, .jsonl)"))
    p.add_argument("--task", choices=("classification", "causal-lm", "seq2seq"),
                   help=translate("cli", "what to train: classification, causal-lm (prompt and response, or text) "
                                         "or seq2seq (source and target)"))
    columns = p.add_argument_group(translate("cli", "columns (guessed from names and content when not given)"))
    for role in ("text", "text-pair", "label", "prompt", "response", "source", "target"):
        columns.add_argument(f"--{role}-column", metavar="C")
    split = p.add_argument_group(translate("cli", "validation split"))
    split.add_argument("--validation-data", metavar="FILE", default="",
                       help=translate("cli", "a second file for validation"))
    split.add_argument("--eval-split", type=float, default=0.1, metavar="F",
                       help=translate("cli", "share of rows held out for validation (default 0.1; 0 = none)"))
    split.add_argument("--split-column", metavar="C", default="",
                       help=translate("cli", "a column saying train / validation per row"))
    hp = p.add_argument_group(translate("cli", "training"))
    hp.add_argument("--epochs", type=float, default=None,
                    help=translate("cli", "default: 3, or more for a small file (enough steps to change the model)"))
    hp.add_argument("--lr", type=float, default=None, help=translate(
        "cli", "learning rate (default 5e-5, 2e-5 for 1B+ models; with --lora 5e-4, 2e-4 for 1B+)"))
    hp.add_argument("--batch-size", type=int, default=8, help=translate("cli", "rows per step (default 8)"))
    hp.add_argument("--grad-accum", type=int, default=1, help=translate("cli", "gradient accumulation steps"))
    hp.add_argument("--max-length", type=int, default=128,
                    help=translate("cli", "tokens per row; longer rows are cut"))
    hp.add_argument("--warmup", type=float, default=None,
                    help=translate("cli", "warm-up: a share of the steps (<1) or a step count (default 0.1)"))
    hp.add_argument("--weight-decay", type=float, default=0.0, help=translate("cli", "weight decay (default 0)"))
    hp.add_argument("--eval-steps", type=int, default=0,
                    help=translate("cli", "evaluate every N steps (default: ten times a run)"))
    hp.add_argument("--save-steps", type=int, default=0,
                    help=translate("cli", "checkpoint every N steps (default: at each evaluation)"))
    hp.add_argument("--logging-steps", type=int, default=0, help=argparse.SUPPRESS)
    hp.add_argument("--early-stopping", type=int, default=0, metavar="N",
                    help=translate("cli", "stop when the validation loss has not improved for N evaluations"))
    hp.add_argument("--max-steps", type=int, default=-1, help=translate("cli", "stop after N steps (overrides --epochs)"))
    hp.add_argument("--seed", type=int, default=42,
                    help=translate("cli", "seed for weights, data order and the split (default 42)"))
    hp.add_argument("--device", default="auto", choices=("auto", "cpu"),
                    help=translate("cli", "cpu forces the CPU even with a GPU"))
    hp.add_argument("--deterministic", action="store_true", help=translate(
        "cli", "transformers' full determinism: repeatable on a GPU too (deterministic CUDA kernels, slower)"))
    hp.add_argument("--metric-tokenizer", default="auto", choices=("auto", "zh", "13a"), help=translate(
        "cli", "words for BLEU/ROUGE (seq2seq): auto picks zh when the references are Chinese"))
    lora = p.add_argument_group("LoRA")
    lora.add_argument("--lora", action="store_true",
                      help=translate("cli", "train a LoRA adapter instead of every weight"))
    lora.add_argument("--lora-r", type=int, default=None, help=translate("cli", "rank (default 16)"))
    lora.add_argument("--lora-alpha", type=int, default=None, help=translate("cli", "scale (default 2 × rank)"))
    lora.add_argument("--lora-dropout", type=float, default=0.05,
                      help=translate("cli", "dropout on the adapter (default 0.05)"))
    lora.add_argument("--lora-targets", default="", help=translate(
        "cli", "comma-separated module names (default: all-linear, every linear layer but the head)"))
    lora.add_argument("--merge-lora", action=argparse.BooleanOptionalAction, default=True, help=translate(
        "cli", "put the adapter merged into a full model in the library (default); --no-merge-lora keeps only the "
               "adapter in the run folder"))
    out = p.add_argument_group(translate("cli", "run"))
    out.add_argument("--out", metavar="DIR",
                     help=translate("cli", "the run folder (default: a new folder under the runs directory)"))
    out.add_argument("--name", default="", help=translate("cli", "library name of the fine-tuned model"))
    out.add_argument("--validate-only", action="store_true",
                     help=translate("cli", "check every row, print the problems, do not train"))
    out.add_argument("--preflight", action="store_true", help=translate(
        "cli", "run a few real steps: time per step, peak memory, estimated total, fits or not"))
    out.add_argument("--resume", action="store_true",
                     help=translate("cli", "continue the run in --out from its last checkpoint"))
    out.add_argument("--repeat", metavar="RUN_DIR", help=translate(
        "cli", "run again with exactly the settings (and seed) recorded in an earlier run's folder"))
    out.add_argument("--add-epochs", type=float, default=0.0, metavar="N",
                     help=translate("cli", "with --resume: train N more epochs on a finished run"))
    out.add_argument("--events", metavar="-|FILE",
                     help=translate("cli", "stream JSON-lines events to stdout (-) or a file"))
    out.add_argument("--json", action="store_true", help=translate("cli", "print one JSON object at the end"))
    p.set_defaults(func=cmd_finetune)


def _config_from_args(args):
    from workbench.cli import CliError
    from workbench.core.engines.remote import no_weights_reason
    from workbench.core.finetune.data import read_table
    from workbench.core.finetune.config import TrainConfig
    from workbench.core.finetune.validate import guess_columns
    from workbench.core.jobs import WorkbenchError

    refusal = no_weights_reason(args.model, translate("core", "fine-tuning"))
    if refusal is not None:  # a served model: its weights are on the server
        raise refusal

    if not args.model or not args.data or not args.task:
        raise CliError(translate("core", "-m MODEL, --data FILE and --task are needed (or --out DIR --resume to "
                                         "continue a run)"))
    columns = {role: getattr(args, f"{role}_column") for role in
               ("text", "text_pair", "label", "prompt", "response", "source", "target")
               if getattr(args, f"{role}_column")}
    if not columns:
        try:
            columns = guess_columns(read_table(args.data), args.task)
        except WorkbenchError:
            columns = {}  # the same reading error is reported, with its place, by validation

    return TrainConfig(
        model=args.model, data=str(Path(args.data).expanduser().resolve()), task=args.task, columns=columns,
        validation_data=str(Path(args.validation_data).expanduser().resolve()) if args.validation_data else "",
        eval_split=args.eval_split, split_column=args.split_column, seed=args.seed, max_length=args.max_length,
        epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, grad_accum=args.grad_accum, warmup=args.warmup,
        weight_decay=args.weight_decay, eval_steps=args.eval_steps, save_steps=args.save_steps,
        logging_steps=args.logging_steps, early_stopping=args.early_stopping, max_steps=args.max_steps,
        lora=args.lora, lora_r=args.lora_r, lora_alpha=args.lora_alpha, lora_dropout=args.lora_dropout,
        lora_targets=[t.strip() for t in args.lora_targets.split(",") if t.strip()], merge_lora=args.merge_lora,
        name=args.name, device=args.device, deterministic=args.deterministic, metric_tokenizer=args.metric_tokenizer)


def _event_sink(target: str | None):
    if not target:
        return None, None
    if target == "-":
        # The event stream owns stdout: anything a library prints goes to stderr instead.
        stream = sys.stdout
        sys.stdout = sys.stderr
    else:
        stream = open(target, "a", encoding="utf-8")
    lock = threading.Lock()

    def sink(event: dict) -> None:
        with lock:
            stream.write(json.dumps(event, default=str, ensure_ascii=False) + "\n")
            stream.flush()

    return sink, stream


def _print_summary(summary: dict, events: str | None, sink) -> None:
    """The --json summary: the last line of the event stream when the events go to stdout, else one document."""
    if events == "-":
        sink(summary)
    else:
        from workbench.cli import print_json

        print_json(summary)


def _exit_code(status: str) -> int:
    """0 for a finished run, 130 (as after Ctrl+C) for a cancelled one, 1 otherwise."""
    return 0 if status == "finished" else (130 if status == "cancelled" else 1)


def _listen_for_cancel(token) -> None:
    """Cancel on SIGTERM / Ctrl+C, or on a line 'cancel' on stdin (how the app asks, on every platform)."""
    def on_signal(signum, frame):
        token.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, on_signal)
        except (ValueError, OSError):
            pass
    if sys.stdin is None or sys.stdin.isatty():
        return

    def read_stdin():
        try:
            for line in sys.stdin:
                if line.strip() == "cancel":
                    token.cancel()
                    return
        except (OSError, ValueError):
            return

    threading.Thread(target=read_stdin, name="cancel-listener", daemon=True).start()


def cmd_finetune(args) -> int:
    from workbench.cli import CliError, pad, width
    from workbench.core.finetune import runs
    from workbench.core.finetune.train import preflight, run_training
    from workbench.core.jobs import CancelToken, WorkbenchError

    if args.add_epochs and not args.resume:
        raise CliError(translate("core", "--add-epochs needs --resume and --out DIR of a finished run"))
    if args.repeat and args.resume:
        raise CliError(translate("core", "--repeat starts a new run; --resume continues one: give one of them"))
    run_dir = None
    if args.repeat:
        config = _repeat_config(Path(args.repeat).expanduser(), args)
        if args.out:
            run_dir = Path(args.out).expanduser()
            if (run_dir / runs.CONFIG_FILE).exists():
                raise WorkbenchError(translate("core", "{folder} already holds a run.").format(folder=run_dir),
                                     translate("core", "Choose another --out folder."))
    elif args.resume:
        if not args.out:
            raise CliError(translate("core", "--resume needs --out DIR, the folder of the run to continue"))
        run_dir = Path(args.out).expanduser()
        config = _saved_config(run_dir)
        status = runs.summarize(run_dir)
        runs.wait_until_every_process_has_read(run_dir)  # before rank 0 rewrites config.json and status.json
        if args.add_epochs:
            if config.max_steps > 0:
                raise WorkbenchError(
                    translate("core", "This run was limited by --max-steps, so epochs cannot be added."),
                    translate("core", "Start a new run with more epochs."))
            config.epochs += args.add_epochs
        elif status.status == "finished":
            raise WorkbenchError(translate("core", "The run in {folder} has already finished.").format(folder=run_dir),
                                 translate("core", "Use --add-epochs N to train it further, or start a new run."))
    else:
        config = _config_from_args(args)
        if args.out and not (args.validate_only or args.preflight):
            run_dir = Path(args.out).expanduser()
            # Rank 0 checks: under accelerate/torchrun it may already have started the run in this folder.
            if runs.is_main_process() and (run_dir / runs.CONFIG_FILE).exists():
                raise WorkbenchError(translate("core", "{folder} already holds a run.").format(folder=run_dir),
                                     translate("core", "Add --resume to continue it, or choose another --out folder."))

    if args.validate_only:
        return _validate_only(config, args)

    sink, stream = _event_sink(args.events)
    if args.preflight:
        result = preflight(config, sink)
        if args.json:
            _print_summary(result, args.events, sink)
        elif args.events != "-":
            _print_preflight(result)
        return 0

    if run_dir is None:
        if "RANK" in os.environ:
            raise CliError(translate("core", "with several processes (accelerate launch, torchrun) give --out DIR, so "
                                             "that they share one run folder"))
        run_dir = runs.new_run_dir(config.name or f"{Path(config.model).name}-{config.task}")
    token = CancelToken()
    _listen_for_cancel(token)
    if args.events != "-" and not args.json:
        print(translate("cli", "run folder: {folder}").format(folder=run_dir), file=sys.stderr)
        sink = sink or _terminal_sink()
    result = run_training(config, run_dir, emit=sink, cancel=token, resume=args.resume)
    code = _exit_code(result["status"])
    if not runs.is_main_process():
        return code  # the summary is printed once, by rank 0
    if args.json:
        summary = {k: result.get(k) for k in ("status", "metrics", "model_path", "run_dir", "step", "max_steps",
                                              "message", "base_eval_loss", "eval_loss", "improved", "comparison",
                                              "stopped_early", "warnings", "determinism")}
        _print_summary(summary, args.events, sink)
    elif args.events != "-":
        print(result.get("message", ""))
        if result.get("model_path"):
            print(translate("cli", "model: {path}").format(path=result["model_path"]))
        for key, value in (result.get("metrics") or {}).items():
            if not isinstance(value, list):
                print(f"{key:>26}: {value}")
        labels = [translate("cli", "base:"), translate("cli", "fine-tuned:")]
        label_width = max(width(label) for label in labels) + 1
        for row in result.get("comparison") or []:
            print("\n" + translate("cli", "row {row}: {input}").format(row=row["row"], input=row["input"]))
            print(f"  {pad(labels[0], label_width)}{row['base']}\n  {pad(labels[1], label_width)}{row['tuned']}")
        if result.get("determinism"):
            print(result["determinism"])
    if stream not in (None, sys.stdout):
        stream.close()
    return code


def _saved_config(run_dir: Path):
    """The settings an earlier run recorded in its folder; refuses a folder that holds no run."""
    from workbench.core.finetune import runs
    from workbench.core.finetune.config import TrainConfig
    from workbench.core.jobs import WorkbenchError

    saved = runs.read_json(run_dir / runs.CONFIG_FILE)
    if not saved:
        raise WorkbenchError(
            translate("core", "{folder} holds no run (no readable {file}).").format(
                folder=run_dir, file=runs.CONFIG_FILE),
            translate("core", "Give the folder of an earlier run (see the run history)."))
    return TrainConfig.from_json(saved)


def _repeat_config(run_dir: Path, args):
    """The recorded settings of an earlier run (seed included); says on stderr what may keep it from repeating."""
    from workbench.cli import warn
    from workbench.core.finetune import record, runs

    config = _saved_config(run_dir)
    if args.name:
        config.name = args.name
    for line in record.differences(runs.read_json(run_dir / record.RECORD_FILE), config):
        warn(line)
    return config


def _terminal_sink():
    """Without --events: the chosen settings, one line per evaluation and a progress line on stderr."""
    from workbench.cli import warn
    from workbench.core.units import human_seconds

    def sink(event: dict) -> None:
        kind = event.get("type")
        if kind == "plan":
            for choice in event["choices"]:
                print(f"{choice['setting']:>12} = {choice['value']}  ({choice['reason']})", file=sys.stderr)
            for warning in event["warnings"]:
                warn(warning)
        elif kind == "record":
            print(event["determinism"], file=sys.stderr)
        elif kind == "status":
            print(event["message"], file=sys.stderr)
        elif kind == "eval":
            print(translate("cli", "step {step}: eval loss {loss:.4f}, {metric} {value:.4f}").format(
                step=event["step"], loss=event["eval_loss"], metric=event["metric_name"],
                value=event["metric_value"]), file=sys.stderr)
        elif kind == "progress" and sys.stderr.isatty():
            sys.stderr.write("\r\033[K" + translate("cli", "step {step}/{total}, about {time} left").format(
                step=event["step"], total=event["max_steps"], time=human_seconds(event["eta_s"])))
            sys.stderr.flush()

    return sink


def _validate_only(config, args) -> int:
    from workbench.cli import print_json
    from workbench.core.finetune.data import Problem
    from workbench.core.finetune.validate import load_tokenizer, validate
    from workbench.core.jobs import WorkbenchError
    from workbench.core.library import Library

    try:
        tokenizer = load_tokenizer(Library().resolve(config.model))
        report_json = validate(config.spec(), tokenizer=tokenizer,
                               chat_template=bool(getattr(tokenizer, "chat_template", None))).to_json()
    except WorkbenchError as exc:
        if not args.json:
            raise
        report_json = {"ok": False, "rows": 0,
                       "problems": [Problem(None, None, "error", f"{exc.message} {exc.hint}".strip()).to_json()]}
    if args.json:
        print_json(report_json)
    else:
        for p in report_json["problems"]:
            print(_problem_line(p["severity"], p["message"]))
        summary = translate("cli", "{rows} rows checked: ready to train.") if report_json["ok"] else \
            translate("cli", "{rows} rows checked: errors block training.")
        print(summary.format(rows=report_json["rows"]))
    return 0 if report_json["ok"] else 1


def _problem_line(severity: str, message: str) -> str:
    """A validation problem as ``error: ...`` or ``warning: ...`` in the chosen language."""
    from workbench.cli import warning_line

    if severity == "error":
        return translate("core", "error: {message}").format(message=message)
    if severity == "warning":
        return warning_line(message)
    return f"{severity}: {message}"


def _print_preflight(result: dict) -> None:
    from workbench.cli import warning_line
    from workbench.core.units import human_bytes, human_seconds

    print(translate("cli", "{seconds:.3f} s per step, {steps} steps: about {time} in total").format(
        seconds=result["seconds_per_step"], steps=result["total_steps"],
        time=human_seconds(result["estimated_seconds"])))
    verdict = VERDICTS.get(result["verdict"])
    print(translate("cli", "peak memory {peak} of {available}: {verdict}").format(
        peak=human_bytes(result["peak_bytes"]), available=human_bytes(result["available_bytes"]),
        verdict=translate("cli", verdict) if verdict else result["verdict"]))
    for choice in result["plan"]["choices"]:
        print(f"{choice['setting']:>12} = {choice['value']}  ({choice['reason']})")
    for warning in result["warnings"]:
        print(warning_line(warning))
