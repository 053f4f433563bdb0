"""workbench task NAME -m MODEL --input TEXT [...]: the Tasks tab's demos, headless."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options
    from workbench.core.tasks import DEFAULT_MAX_NEW_TOKENS, TASKS

    p = sub.add_parser("task", help=translate(
        "cli", "run a task demo (sentiment, classify, ner, qa, summarize, translate, fill-mask, search, chat, "
               "generate)"))
    p.add_argument("name", metavar="NAME", choices=list(TASKS),
                   help=translate("cli", "one of: {names}").format(names=", ".join(TASKS)))
    p.add_argument("-m", "--model", required=True,
                   help=translate("cli", "short name, store name, hub id in the cache, or a path"))
    p.add_argument("--input", "-i", required=True, help=translate(
        "cli", "the text (the question for qa, the query for search); '-' reads standard input"))
    p.add_argument("--context", help=translate("cli", "qa: the passage the answer is taken from"))
    p.add_argument("--labels", help=translate("cli", "classify: comma-separated labels, e.g. "
                                                     "sports,politics,technology"))
    p.add_argument("--documents", type=Path, metavar="FILE", help=translate(
        "cli", "search: one document per line, or a CSV (column text/document/content, else the first)"))
    p.add_argument("--source-lang", default="English", help=translate("cli", "translate: the language of the input"))
    p.add_argument("--target-lang", default="French",
                   help=translate("cli", "translate: the language to translate into"))
    p.add_argument("--max-new-tokens", type=int, default=DEFAULT_MAX_NEW_TOKENS,
                   help=translate("cli", "summarize, translate, chat, generate: the longest answer in tokens"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print one JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_task)


def cmd_task(args) -> int:
    from workbench.cli import CliError, engine_report, print_json, service_from_args, terminal_progress
    from workbench.core.tasks import TaskInputs, parse_labels, read_documents, run_task

    text = sys.stdin.read() if args.input == "-" else args.input
    if args.max_new_tokens < 1:
        raise CliError(translate("core", "--max-new-tokens must be at least 1"))
    inputs = TaskInputs(text=text, context=args.context or "", labels=parse_labels(args.labels or ""),
                        documents=read_documents(args.documents) if args.documents else [],
                        source_lang=args.source_lang, target_lang=args.target_lang,
                        max_new_tokens=args.max_new_tokens)
    service = service_from_args(args)
    result = run_task(service, args.name, args.model, inputs, progress=terminal_progress(f"{args.name} "))
    if args.json:
        print_json({**result.to_json(), **engine_report(service)})
    else:
        print(format_result(result))
    return 0


def format_result(result) -> str:
    from workbench.cli import note_line, pad, width

    lines = []
    if result.shape == "labels":
        columns = max((width(x.label) for x in result.labels), default=0)
        lines += [f"{pad(x.label, columns)}  {x.score:6.1%}  {'█' * round(x.score * 30)}" for x in result.labels]
        if result.text:
            lines.append(result.text)
    elif result.shape == "spans":
        if not result.spans:
            lines.append(translate("cli", "(nothing found)"))
        lines += [f"{pad(s.label, 8)} {s.score:6.1%}  [{s.start}:{s.end}]  {s.text}" for s in result.spans]
    elif result.shape == "results":
        lines += [f"{n:>3}. {r.score:+.3f}  {r.document}" for n, r in enumerate(result.results, 1)]
    else:
        lines.append(result.text)
    if result.notes:
        lines.append(note_line(result.note))
    lines.append(translate("cli", "({seconds:.2f} s, {method})").format(seconds=result.seconds, method=result.method))
    return "\n".join(lines)
