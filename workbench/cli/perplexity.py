"""workbench perplexity -m MODEL (-t TEXT | --file F) [--compare MODEL2] [--stride N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "perplexity", help=translate("cli", "how surprised a model is by a text, token by token"),
        description=translate("cli", "Perplexity = exp(mean negative log-likelihood of every token after the "
                                     "first). Texts longer than the window are scored in windows every --stride tokens "
                                     "(the transformers perplexity recipe)."))
    p.add_argument("-m", "--model", required=True,
                   help=translate("cli", "hub id, local path or starter model name (a causal LM)"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("-t", "--text", help=translate("cli", "the text to score"))
    source.add_argument("--file", help=translate("cli", "a UTF-8 text file to score"))
    p.add_argument("--compare", metavar="MODEL2", help=translate("cli", "score the text with a second model too"))
    p.add_argument("--stride", type=int,
                   help=translate("cli", "tokens between window starts (default: half the window)"))
    p.add_argument("--window", type=int,
                   help=translate("cli", "tokens per window (default: the model's context, at most 1024)"))
    p.add_argument("--server", metavar="URL", help=translate(
        "cli", "score with a model served by an OpenAI-compatible server (-m names it), from the prompt "
               "log-probabilities it returns (vLLM's prompt_logprobs, or echo); JSON: {model, server, perplexity, "
               "tokens, source, notes}"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_perplexity)


def cmd_perplexity(args) -> int:
    from workbench.cli import CliError, print_json, print_notes, service_from_args, terminal_progress
    from workbench.core.inspect.perplexity import compare_models, read_text

    if args.stride is not None and args.stride < 1:
        raise CliError(translate("core", "--stride must be 1 or more"))
    if args.window is not None and args.window < 2:
        raise CliError(translate("core", "--window must be 2 or more"))
    text = read_text(args.text, args.file)
    from workbench.core.engines import remote

    if args.server or remote.is_remote(args.model):  # --server URL -m NAME, or -m "NAME @ URL"
        if args.compare:
            raise CliError(translate("core", "--compare works with local models; score the second model with its "
                                             "own command"))
        model = remote.open_model(args.server, args.model) if args.server else remote.open_model(args.model)
        score = remote.perplexity(model, text)
        if args.json:
            print_json(score.to_json())
        else:
            print(translate("cli", "{model} on {server}: perplexity {perplexity:.3f} over {n} tokens ({source})").format(
                model=score.model, server=score.server, perplexity=score.perplexity, n=len(score.tokens) - 1,
                source=score.source))
        return 0
    result = compare_models(service_from_args(args), args.model, text, args.compare, args.window, args.stride,
                            progress=terminal_progress("perplexity "))
    print_notes(result.notes)
    if args.json:
        print_json(result.to_json())
        return 0
    for scored in filter(None, (result, result.compare)):
        print(translate("cli", "{model}: perplexity {perplexity:.3f} over {n} tokens ({windows} window(s) of "
                               "{window}, stride {stride})").format(
            model=scored.model, perplexity=scored.perplexity, n=len(scored.tokens) - 1, windows=scored.windows,
            window=scored.window, stride=scored.stride))
        for _, token in scored.most_surprising(5):
            print("  " + translate("cli", "{bits:6.2f} bits").format(bits=token.surprisal_bits) + f"  {token.text!r}")
    return 0
