"""workbench generate -m MODEL -p PROMPT [--chat] [--system S] [sampling flags] [--seed N] [--top-k-probs K]
[--json-object | --json-schema FILE | --regex R | --choice A,B,C] [--prompt-lookup N | --draft MODEL] [--json]"""

from __future__ import annotations

import argparse
import sys

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

FLAGS = {"temperature": "--temperature", "top_k": "--top-k", "top_p": "--top-p", "min_p": "--min-p",
         "typical_p": "--typical-p", "repetition_penalty": "--repetition-penalty",
         "no_repeat_ngram_size": "--no-repeat-ngram-size", "num_beams": "--num-beams",
         "max_new_tokens": "--max-new-tokens", "seed": "--seed", "top_probs": "--top-k-probs", "stop": "--stop"}
# How generation ended (the JSON's finish_reason), in words for the summary line.
FINISH_REASONS = {"eos": QT_TRANSLATE_NOOP("cli", "eos"), "length": QT_TRANSLATE_NOOP("cli", "length"),
                  "stop": QT_TRANSLATE_NOOP("cli", "stop"), "cancelled": QT_TRANSLATE_NOOP("cli", "cancelled"),
                  "interrupted": QT_TRANSLATE_NOOP("cli", "interrupted")}


# The output formats are one group, which argparse would print on one line: the usage is wrapped by hand.
USAGE = ("%(prog)s [-h] -m MODEL [-p PROMPT] [--chat] [--system S]\n"
         "                      [--server URL] [sampling options] [--seed N]\n"
         "                      [--top-k-probs K]\n"
         "                      [--prompt-lookup N | --draft MODEL]\n"
         "                      [--json-object | --json-schema FILE |\n"
         "                       --regex R | --choice A,B,C] [--json] [options]")


def register(sub) -> None:
    from workbench.cli import add_device_options
    from workbench.core.generation import RANGES, SamplingSettings

    defaults = SamplingSettings()
    p = sub.add_parser("generate", usage=USAGE, help=translate("cli", "generate text with a causal language model"),
                       description=translate("cli", "Generate text, streamed to the terminal; with --json, one JSON "
                                                    "object with every token, its log-probability and its top "
                                                    "alternatives."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "short name, store name, hub id or folder"))
    p.add_argument("-p", "--prompt", required=True,
                   help=translate("cli", "the prompt (completion) or the user message (--chat)"))
    p.add_argument("--chat", action="store_true", help=translate("cli", "format the prompt with the model's chat "
                                                                        "template"))
    p.add_argument("--system", default="", help=translate("cli", "system prompt (with --chat)"))
    p.add_argument("--greedy", action="store_true",
                   help=translate("cli", "always pick the likeliest token (no sampling)"))

    def number(flag, name, kind):
        rng = RANGES[name]
        limits = translate("cli", "Range {low:g}..{high:g}; default {default}.").format(
            low=rng.low, high=rng.high, default=getattr(defaults, name))
        p.add_argument(flag, dest=name, type=kind, default=getattr(defaults, name),
                       help=f"{translate('core', rng.help)} {limits}")

    for name, flag in FLAGS.items():
        if name != "stop":
            number(flag, name, float if RANGES[name].decimals else int)
    p.add_argument("--stop", nargs="+", default=[], metavar="TEXT",
                   help=translate("cli", "stop when the generated text contains TEXT"))
    p.add_argument("--quantize", choices=["int8"],
                   help=translate("cli", "load with int8 weights (CPU; faster, output may differ)"))
    p.add_argument("--engine", choices=["transformers", "llamacpp"], default="transformers", help=translate(
        "cli", "transformers (exact, inspectable) or llamacpp (GGUF models, fast; needs the llamacpp extra)"))
    p.add_argument("--server", metavar="URL", help=translate(
        "cli", "generate with a model served by an OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, LM "
               "Studio) at URL; -m names the served model (see workbench servers list --models)"))
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help=translate("cli", "with --server: how long to wait for the server (default 120)"))
    p.add_argument("--json", action="store_true",
                   help=translate("cli", "print one JSON object instead of streaming text"))
    formats = p.add_mutually_exclusive_group()
    formats.add_argument("--json-object", action="store_true",
                         help=translate("cli", "the answer must be a JSON object"))
    formats.add_argument("--json-schema", metavar="FILE",
                         help=translate("cli", "the answer must be JSON matching the JSON schema in FILE"))
    formats.add_argument("--regex", metavar="R", help=translate("cli", "the answer must match the regular "
                                                                      "expression R as a whole"))
    formats.add_argument("--choice", metavar="A,B,C", help=translate("cli", "the answer must be one of these "
                                                                           "(comma-separated)"))
    speed = p.add_mutually_exclusive_group()
    speed.add_argument("--prompt-lookup", metavar="N", type=int,
                       help=translate("cli", "speculative decoding: propose up to N tokens copied from the prompt "
                                             "and the text so far, checked in one pass (transformers engine)"))
    speed.add_argument("--draft", metavar="MODEL",
                       help=translate("cli", "speculative decoding with a smaller draft model of the same tokenizer "
                                             "(transformers engine)"))
    p.add_argument("--draft-tokens", metavar="N", type=int, default=5,
                   help=translate("cli", "tokens the draft model proposes at once (default 5)"))
    add_device_options(p)
    p.set_defaults(func=cmd_generate)


def settings_from_args(args: argparse.Namespace):
    from workbench.cli import CliError
    from workbench.core.generation import SamplingSettings, SettingError

    settings = SamplingSettings(greedy=args.greedy, temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                                min_p=args.min_p, typical_p=args.typical_p, repetition_penalty=args.repetition_penalty,
                                no_repeat_ngram_size=args.no_repeat_ngram_size, num_beams=args.num_beams,
                                max_new_tokens=args.max_new_tokens, stop=list(args.stop), seed=args.seed,
                                top_probs=args.top_probs)
    try:
        return settings.validate()
    except SettingError as exc:
        value = getattr(settings, exc.name)
        flag = FLAGS.get(exc.name, "--" + exc.name.replace("_", "-"))
        raise CliError(f"{flag} {value!r}: {exc.message} {exc.hint}".strip()) from exc


def format_from_args(args):
    """The output format the flags ask for, checked before any model is loaded."""
    from pathlib import Path

    from workbench.cli import CliError
    from workbench.core.constrain import OutputFormat, validate
    from workbench.core.jobs import WorkbenchError

    if args.json_object:
        fmt = OutputFormat("json")
    elif args.json_schema:
        try:
            text = Path(args.json_schema).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(translate("cli", "--json-schema {path}: cannot read the file ({error})").format(
                path=args.json_schema, error=exc.strerror if isinstance(exc, OSError) else exc)) from exc
        fmt = OutputFormat("schema", text)
    elif args.regex is not None:
        fmt = OutputFormat("regex", args.regex)
    elif args.choice is not None:
        fmt = OutputFormat("choice", tuple(args.choice.split(",")))
    else:
        return OutputFormat()
    try:
        validate(fmt)
    except WorkbenchError as exc:
        raise CliError(f"{exc.message} {exc.hint}".strip()) from exc
    return fmt


def speculation_from_args(args):
    from workbench.cli import CliError
    from workbench.core.jobs import WorkbenchError
    from workbench.core.speculative import Speculation

    if args.prompt_lookup is not None:
        spec = Speculation("prompt_lookup", args.prompt_lookup)
    elif args.draft is not None:
        spec = Speculation("draft", args.draft_tokens, args.draft)
    else:
        return Speculation()
    try:
        return spec.validate()
    except WorkbenchError as exc:
        flag = "--prompt-lookup" if spec.mode == "prompt_lookup" else "--draft-tokens"
        raise CliError(f"{flag}: {exc.message} {exc.hint}".strip()) from exc


def cmd_generate(args) -> int:
    from workbench.cli import CliError, engine_report, service_from_args
    from workbench.core import generation
    from workbench.core.engines.llamacpp import refuse_unsupported
    from workbench.core.speculative import load_draft

    settings = settings_from_args(args)
    output_format = format_from_args(args)
    speculation = speculation_from_args(args)
    if args.engine == "llamacpp":
        refuse_unsupported(speculation, output_format)
    if args.prompt and not args.prompt.strip():  # -p "" starts from the model's start token
        raise CliError(translate("core", "the prompt is empty: give some text with -p/--prompt"))
    from workbench.core.engines import remote

    if args.server or remote.is_remote(args.model):  # --server URL -m NAME, or -m "NAME @ URL"
        if speculation.mode != "off" or output_format.kind != "text":
            raise CliError(translate("core", "a remote model runs on its server: --prompt-lookup, --draft and the "
                                             "output formats need a local model"))
        return _generate_remote(args, settings)
    service = service_from_args(args)
    if args.engine == "llamacpp" and args.quantize:
        raise CliError(translate("core", "--quantize applies to the transformers engine; a GGUF file is already "
                                         "quantized"))
    handle = service.load_engine(args.model, args.engine, kind="causal-lm",
                                 options=service.options_with(quantize=args.quantize or ""))
    tok = handle.tokenizer
    if args.chat:
        messages = ([generation.Message("system", args.system)] if args.system else []) + \
            [generation.Message("user", args.prompt)]
        prompt_ids = generation.chat_ids(tok, messages, handle.name)
    else:
        prompt_ids = generation.completion_ids(tok, args.prompt)

    shown = {"text": ""}
    stream = _stream_printer(shown)
    draft = load_draft(service, speculation.draft, handle) if speculation.mode == "draft" else None
    with service.use(handle):
        result = generation.generate(handle, prompt_ids, settings, progress=None if args.json else stream,
                                     speculation=speculation, output_format=output_format, draft=draft)
    _report(args, result, shown, engine_report(service, handle.engine))
    return 0


def _stream_printer(shown: dict):
    from workbench.core import generation

    def stream(event) -> None:
        if isinstance(event, generation.TokenEvent) and event.text_so_far != shown["text"]:
            sys.stdout.write(event.text_so_far[len(shown["text"]):])
            sys.stdout.flush()
            shown["text"] = event.text_so_far

    return stream


def _generate_remote(args, settings) -> int:
    from workbench.cli import CliError
    from workbench.core import generation
    from workbench.core.engines import remote

    if args.quantize or args.engine != "transformers":
        raise CliError(translate("core", "--server runs the model on the server: --engine and --quantize do not "
                                         "apply"))
    if args.timeout is not None and args.timeout <= 0:
        raise CliError(translate("core", "--timeout must be more than 0 seconds"))
    timeout = args.timeout or remote.READ_TIMEOUT_S
    model = remote.open_model(args.server, args.model, timeout_s=timeout) if args.server else \
        remote.open_model(args.model, timeout_s=timeout)
    messages = None
    if args.chat:
        messages = ([generation.Message("system", args.system)] if args.system else []) + \
            [generation.Message("user", args.prompt)]
    shown = {"text": ""}
    report = {"device": None, "dtype": None, "engine": "remote", "server": model.url, "model": model.name}
    try:
        result = remote.generate(model, settings, prompt=args.prompt, messages=messages,
                                 progress=None if args.json else _stream_printer(shown))
    except remote.RemoteInterrupted as exc:  # keep what came before the fault, then say what went wrong
        partial = exc.partial
        partial.finish_reason = "interrupted"
        if args.json:
            from workbench.cli import print_json
            print_json({**partial.to_json(), **report})
        else:
            print()
        raise
    _report(args, result, shown, report)
    return 0


def _report(args, result, shown: dict, engine: dict) -> None:
    from workbench.cli import print_json, print_notes

    print_notes(result.notes)
    if args.json:
        print_json({**result.to_json(), **engine})
    else:
        if result.finish_reason == "stop" and shown["text"] != result.text:
            # the stream showed the stop string itself; say where the text was cut
            print("\n" + translate("cli", "[stopped at a stop string; text without it: {text}]").format(
                text=repr(result.text)), file=sys.stderr)
        print()
        reason = FINISH_REASONS.get(result.finish_reason)
        seed = translate("cli", ", seed {seed}").format(seed=result.seed) if result.seed is not None else ""
        print(translate("cli", "[{n} tokens, {speed:.1f} tokens/s, first token after {ttft:.2f} s, finished by "
                               "{reason}{seed}]").format(
            n=len(result.ids), speed=result.tokens_per_s, ttft=result.ttft_s, seed=seed,
            reason=translate("cli", reason) if reason else result.finish_reason), file=sys.stderr)
        if result.speculation is not None:
            spec = result.speculation
            rate = spec["acceptance_rate"]
            print(translate("cli", "[speculative: {accepted} of {proposed} proposed tokens kept ({rate}), {passes} "
                                   "passes for {n} tokens, speed-up about {speedup}x]").format(
                accepted=spec["accepted"], proposed=spec["proposed"], passes=spec["passes"], n=spec["generated"],
                rate="–" if rate is None else f"{rate:.0%}",
                speedup="–" if spec["speedup"] is None else f"{spec['speedup']:.2f}"), file=sys.stderr)
        if result.constraint is not None:
            print(translate("cli", "[format: the grammar changed the model's top choice at {changed} of {steps} "
                                   "steps]").format(changed=result.constraint["changed_top_choice"],
                                                    steps=result.constraint["steps"]), file=sys.stderr)
