"""workbench attention -m MODEL -t TEXT [...] --out FILE.(npz|png|svg|csv)"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.core.i18n import translate

AGGREGATE_CHOICES = {"mean": "mean-heads", "max": "max-heads", "rollout": "rollout", "layers": "mean-layers"}
OUTPUT_KINDS = (".npz", ".png", ".svg", ".csv")


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "attention", help=translate("cli", "capture attention weights and save them (NPZ) or a view (PNG/SVG/CSV)"),
        description=translate("cli", "Capture every layer's and head's attention on TEXT. FILE.npz holds everything "
                                     "(attentions: layers x heads x query x key, tokens, and rollout with --aggregate "
                                     "rollout); FILE.png/.svg/.csv hold one view: --layer and --head, or an "
                                     "aggregation."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("-t", "--text", required=True,
                   help=translate("cli", "the input text (the source text for encoder-decoders)"))
    p.add_argument("--pair", help=translate("cli", "a second text (encoders: sentence pairs)"))
    p.add_argument("--target", help=translate("cli", "the decoder text of an encoder-decoder (default: generate it)"))
    p.add_argument("--generate", type=int, default=0, metavar="N", help=translate(
        "cli", "generate N tokens first (causal models; encoder-decoders without --target)"))
    p.add_argument("--part", choices=("self", "encoder", "decoder", "cross"), help=translate(
        "cli", "which attention to show (default: self, or encoder for encoder-decoders)"))
    p.add_argument("--layer", type=int, default=-1,
                   help=translate("cli", "layer to show, negative counts from the end (default -1)"))
    p.add_argument("--head", type=int, help=translate("cli", "head to show (default: the aggregation over heads)"))
    p.add_argument("--aggregate", choices=tuple(AGGREGATE_CHOICES), default=None, help=translate(
        "cli", "mean or max over the layer's heads, mean over layers and heads, or attention rollout"))
    p.add_argument("--step", type=int, help=translate("cli", "generation step to show (1-based; with --generate)"))
    p.add_argument("--exclude-special", action="store_true",
                   help=translate("cli", "drop special tokens and renormalise each row (default: keep them)"))
    p.add_argument("--words", action="store_true", help=translate("cli", "merge subword pieces into words"))
    p.add_argument("--out", required=True, help=translate("cli", "FILE.npz, FILE.png, FILE.svg or FILE.csv"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print a JSON summary"))
    add_device_options(p)
    p.set_defaults(func=cmd_attention)


def cmd_attention(args) -> int:
    from workbench.cli import CliError, engine_report, print_json, service_from_args, terminal_progress, warn

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_KINDS:
        raise CliError(translate("core", "--out must end in one of {kinds} (got '{name}')").format(
            kinds=", ".join(OUTPUT_KINDS), name=out.name))
    if args.head is not None and args.aggregate:
        raise CliError(translate("core", "give either --head or --aggregate, not both"))
    if args.generate < 0:
        raise CliError(translate("core", "--generate must be 0 or more"))
    if not out.parent.exists():
        raise CliError(translate("core", "the folder {folder} does not exist").format(folder=out.parent))

    from workbench.core import attention as A
    from workbench.core.units import human_bytes

    service = service_from_args(args)
    captured = A.load_and_capture(service, args.model, args.text, pair=args.pair, target=args.target,
                                  generate=args.generate, progress=terminal_progress("attention "))
    for warning in captured.warnings:
        warn(warning)
    aggregate = "head" if args.head is not None else AGGREGATE_CHOICES[args.aggregate or "mean"]
    step = None
    if args.step is not None:
        if not captured.steps:
            raise CliError(translate("core", "--step needs generation steps (use --generate N)"))
        step = args.step - 1
    from workbench.core.tokens import token_json

    policy = "exclude-special" if args.exclude_special else "keep"
    main_tokens = captured.parts[captured.main_part].query
    summary = {"model": captured.model, "architecture": captured.architecture, "out": str(out),
               "parts": {name: list(p.weights.shape) for name, p in captured.parts.items()},
               "tokens": main_tokens.labels,
               # per token, aligned with "tokens": the exact text, its bytes and the characters it completes
               "token_details": [{"id": p.id, "text": p.text, **token_json(p)} for p in main_tokens.pieces],
               "stored_bytes": captured.stored_bytes, "capture_s": round(captured.seconds, 3),
               "truncated_tokens": captured.truncated, "warnings": captured.warnings,
               "steps": [{"token": s.token, "probability": s.probability, "top": s.top,
                          **({"id": s.piece.id, "text": s.piece.text, **token_json(s.piece)} if s.piece else {})}
                         for s in captured.steps],
               **engine_report(service)}
    if suffix == ".npz":
        A.save_npz(captured, out, include_rollout=aggregate == "rollout")
    else:
        view = A.compute_view(captured, args.part, args.layer, args.head, aggregate, policy, args.words, step)
        summary["view"] = {"title": view.title, "note": view.note, "shape": list(view.matrix.shape)}
        if suffix == ".csv":
            A.save_csv(view, out)
        else:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # image export needs no screen
            from workbench.ui.attention_plot import render_view_to_file

            render_view_to_file(view, str(out))
    if args.json:
        print_json(summary)
    else:
        shapes = ", ".join(f"{name} {'x'.join(map(str, shape))}" for name, shape in summary["parts"].items())
        print(translate("cli", "{file}: {architecture} attention ({shapes}), {size} held, captured in {seconds:.2f} s")
              .format(file=out, architecture=captured.architecture, shapes=shapes,
                      size=human_bytes(captured.stored_bytes), seconds=captured.seconds))
    return 0
