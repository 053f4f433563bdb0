"""workbench pretrain: train a small language model from scratch (LSTM, GRU, Transformer or n-gram) on your own text.

Everything is checked before the first step (empty or binary file, text too short for one context
window, vocabulary too large for the text, heads that do not divide the hidden size). ``--events -``
streams JSON-lines events on stdout (the Fine-tune tab's "From scratch" page reads them); a line
``cancel`` on stdin, SIGTERM or Ctrl+C stops at the end of the current step with a checkpoint that
``--resume`` continues from. The model goes into the library under the run folder's name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.core.pretrain.ngram import MAX_ORDER, SMOOTHINGS
    from workbench.core.pretrain.train import ARCHS, DEFAULT_BPE_VOCAB, TOKENIZERS, PretrainConfig

    d = PretrainConfig(data="")
    p = sub.add_parser("pretrain", help=translate("cli", "train a small language model from scratch on your own text"),
                       description=translate("cli", "Train an LSTM, GRU or small Transformer language model from "
                                                    "scratch on a .txt file or a CSV column, or count an n-gram model. "
                                                    "The result is a model in the library. With --json: {status, "
                                                    "model_path, name, parameters (weights; for an n-gram model the "
                                                    "stored n-grams), metrics: {val_loss, val_perplexity}, samples, "
                                                    "run_dir, step, max_steps, message}."))
    p.add_argument("--data", help=translate("cli", "the text: a .txt file, or a CSV/TSV/JSONL file with --column"))
    p.add_argument("--column", default="",
                   help=translate("cli", "the column of a table that holds the text (one document per row)"))
    p.add_argument("--arch", choices=ARCHS, help=translate(
        "cli", "lstm, gru (recurrent), transformer (GPT-2 style decoder) or ngram (counts of the last --order tokens)"))
    p.add_argument("--tokenizer", choices=TOKENIZERS, default=d.tokenizer, help=translate(
        "cli", "char: one token per character (default); bpe: byte-level BPE trained on this text; word: words "
               "(Chinese segmented with jieba)"))
    p.add_argument("--vocab-size", type=int, default=0, help=translate(
        "cli", "BPE vocabulary size (default {n}); word: the most frequent words kept (default all, at most 30000); "
               "characters follow the text").format(n=DEFAULT_BPE_VOCAB))
    p.add_argument("--order", type=int, default=d.order, metavar="N", help=translate(
        "cli", "ngram: tokens per n-gram, 1 to {most} (default 5 for characters, 4 for BPE, 3 for words)").format(
        most=MAX_ORDER))
    p.add_argument("--smoothing", choices=SMOOTHINGS, default=d.smoothing, help=translate(
        "cli", "ngram: interpolated Kneser-Ney (default) or add-k"))
    p.add_argument("--k", type=float, default=d.k, help=translate(
        "cli", "ngram add-k: the count added to every n-gram (default 1: Laplace)"))
    p.add_argument("--discount", type=float, default=0.0, help=translate(
        "cli", "ngram Kneser-Ney: a fixed discount D for every order (default: estimated per order from the counts)"))
    auto = translate("cli", "default: chosen from the text's size and the time limit, with the reason shown in the "
                            "plan")
    p.add_argument("--layers", type=int, default=d.layers, help=translate("cli", "layers ({auto})").format(auto=auto))
    p.add_argument("--hidden", type=int, default=d.hidden,
                   help=translate("cli", "hidden size ({auto})").format(auto=auto))
    p.add_argument("--heads", type=int, default=d.heads,
                   help=translate("cli", "attention heads, transformer only ({auto})").format(auto=auto))
    p.add_argument("--context", type=int, default=d.context,
                   help=translate("cli", "tokens per training window ({auto})").format(auto=auto))
    budget = p.add_mutually_exclusive_group()
    budget.add_argument("--epochs", type=float, default=0.0,
                        help=translate("cli", "passes over the text (default: automatic, at least 600 steps)"))
    budget.add_argument("--max-minutes", type=float, default=0.0,
                        help=translate("cli", "train for this many minutes, then stop cleanly and save the model"))
    p.add_argument("--lr", type=float, default=0.0, help=translate(
        "cli", "learning rate (default 3e-3 for LSTM/GRU and for a Transformer up to 128 wide, 1e-3 wider)"))
    p.add_argument("--batch-size", type=int, default=d.batch_size,
                   help=translate("cli", "windows per step ({auto})").format(auto=auto))
    p.add_argument("--seed", type=int, default=d.seed,
                   help=translate("cli", "seed for weights and data order (default {n})").format(n=d.seed))
    p.add_argument("--sample-every", type=int, default=0, help=translate(
        "cli", "generate a sample (and evaluate, and checkpoint) every N steps (default: ten per run)"))
    p.add_argument("--out", metavar="DIR", help=translate(
        "cli", "the run folder; its name becomes the model's name in the library (default: a new folder under "
               "the runs folder, named after the text, architecture and time)"))
    p.add_argument("--resume", action="store_true",
                   help=translate("cli", "continue the run in --out from its last checkpoint"))
    p.add_argument("--more-steps", type=int, default=0, metavar="N", help=translate(
        "cli", "with --resume: train a finished run N steps longer (its model in the library is replaced)"))
    p.add_argument("--events", metavar="-|FILE",
                   help=translate("cli", "stream JSON-lines events to stdout (-) or a file"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print one JSON object at the end"))
    p.set_defaults(func=cmd_pretrain)


def _config(args):
    from workbench.cli import CliError
    from workbench.core.pretrain.train import PretrainConfig

    if not args.data or not args.arch:
        raise CliError(translate("core", "--data FILE and --arch are needed (or --out DIR --resume to continue a run)"))
    out = Path(args.out).expanduser()
    return PretrainConfig(order=args.order, smoothing=args.smoothing, k=args.k, discount=args.discount,
        data=str(Path(args.data).expanduser().resolve()), column=args.column, arch=args.arch,
        tokenizer=args.tokenizer, vocab_size=args.vocab_size, layers=args.layers, hidden=args.hidden,
        heads=args.heads, context=args.context, epochs=args.epochs, max_minutes=args.max_minutes, lr=args.lr,
        batch_size=args.batch_size, seed=args.seed, sample_every=args.sample_every, name=out.name)


def cmd_pretrain(args) -> int:
    from workbench.cli import CliError
    from workbench.cli.finetune import _event_sink, _exit_code, _listen_for_cancel, _print_summary
    from workbench.core.finetune import runs
    from workbench.core.jobs import CancelToken, WorkbenchError
    from workbench.core.pretrain.train import PretrainConfig, run_pretraining

    if not args.out:
        if args.resume or not args.data or not args.arch:
            raise CliError(translate("core", "--out DIR is needed: the run folder (its name becomes the model's name)"))
        args.out = str(default_run_dir(args.data, args.arch))
    run_dir = Path(args.out).expanduser()
    if args.resume:
        saved = runs.read_json(run_dir / runs.CONFIG_FILE)
        if saved.get("task") != "pretrain":
            raise WorkbenchError(
                translate("core", "{folder} holds no from-scratch run (no readable {file}).").format(
                    folder=run_dir, file=runs.CONFIG_FILE),
                translate("core", "Give the --out folder of an earlier `workbench pretrain` run."))
        config = PretrainConfig.from_json(saved)
        finished = runs.summarize(run_dir).status == "finished"
        if finished and args.more_steps <= 0:
            raise WorkbenchError(translate("core", "The run in {folder} has already finished.").format(folder=run_dir),
                                 translate("core", "Add --more-steps N to train it longer, or start a new run with "
                                                   "another --out."))
        if args.more_steps > 0 and not finished:
            raise CliError(translate("core", "--more-steps continues a finished run; this one has not finished "
                                             "(--resume alone continues it)"))
    elif args.more_steps:
        raise CliError(translate("core", "--more-steps needs --resume and the --out folder of a finished run"))
    if not args.resume:
        config = _config(args)
        if (run_dir / runs.CONFIG_FILE).exists():
            raise WorkbenchError(translate("core", "{folder} already holds a run.").format(folder=run_dir),
                                 translate("core", "Add --resume to continue it, or choose another --out folder."))

    sink, stream = _event_sink(args.events)
    token = CancelToken()
    _listen_for_cancel(token)
    if args.events != "-" and not args.json:
        sink = sink or _terminal_sink()
    result = run_pretraining(config, run_dir, emit=sink, cancel=token, resume=args.resume, more_steps=args.more_steps)
    metrics = result.get("metrics") or {}
    summary = {"status": result["status"], "model_path": result.get("model_path", ""), "name": result.get("name", ""),
               "parameters": result.get("parameters", 0),
               "metrics": {k: metrics[k] for k in ("val_loss", "val_perplexity") if k in metrics},
               "samples": result.get("samples", []), "tokens_s": metrics.get("tokens_s"),
               "run_dir": str(run_dir), "step": result.get("step", 0), "max_steps": result.get("max_steps", 0),
               "message": result.get("message", "")}
    if args.json:
        _print_summary(summary, args.events, sink)
    elif args.events != "-":
        print(summary["message"])
        if summary["name"]:
            print(translate("cli", "model: {name} ({path})").format(name=summary["name"], path=summary["model_path"]))
        for key, value in summary["metrics"].items():
            print(f"{key:>16}: {value:.4f}")
        for text in summary["samples"]:
            print("---\n" + text)
    if stream not in (None, sys.stdout):
        stream.close()
    return _exit_code(result["status"])


def default_run_dir(data: str, arch: str) -> Path:
    """A new run folder under the runs folder, named as the From scratch page names its runs."""
    import time

    from workbench.core import paths

    stem = "".join(ch if ch.isalnum() else "-" for ch in Path(data).stem)[:40].strip("-") or "text"
    return paths.runs_dir() / "from-scratch" / f"{stem}-{arch}-{time.strftime('%Y%m%d-%H%M%S')}"


def _terminal_sink():
    """Without --events: the plan, evaluations and samples on stderr, and a progress line on a terminal."""
    from workbench.core.units import human_count, human_seconds

    def sink(event: dict) -> None:
        kind = event.get("type")
        if kind == "status":
            print(event["message"], file=sys.stderr)
        elif kind == "plan":
            steps = translate("cli", "{n} steps").format(n=event["max_steps"]) if event["max_steps"] else \
                translate("cli", "steps until the time limit")
            print(translate("cli", "{parameters} parameters, vocabulary {vocabulary}, {tokens} tokens, {steps}").format(
                parameters=human_count(event["parameters"]), vocabulary=event["vocab_size"], tokens=event["tokens"],
                steps=steps), file=sys.stderr)
            for choice in event.get("choices", []):
                print(f"  {choice['setting']} = {choice['value']}: {choice['reason']}", file=sys.stderr)
        elif kind == "eval":
            print("\n" + translate("cli", "step {step}: validation loss {loss:.4f}, perplexity {perplexity:.2f}").format(
                step=event["step"], loss=event["eval_loss"], perplexity=event["perplexity"]), file=sys.stderr)
        elif kind == "sample":
            print(translate("cli", "sample: {text}").format(text=repr(event["text"][:200])), file=sys.stderr)
        elif kind == "progress" and sys.stderr.isatty():
            total = event["max_steps"] or "?"
            sys.stderr.write("\r\033[K" + translate("cli", "step {step}/{total}, about {time} left").format(
                step=event["step"], total=total, time=human_seconds(event["eta_s"])))
            sys.stderr.flush()

    return sink
