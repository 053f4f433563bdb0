"""workbench lens -m MODEL -t TEXT [--top-k K] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "lens", help=translate("cli", "logit lens: every layer's top predictions at every position"),
        description=translate("cli", "Read every layer's hidden state through the model's final norm and LM head. "
                                     "Layer 0 is the embedding output; the last layer is the model's real output (its "
                                     "top-1 is the argmax of the logits). Masked LMs: the [MASK] positions are "
                                     "listed."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("-t", "--text", required=True, help=translate("cli", "the input text"))
    p.add_argument("--top-k", type=int, default=5,
                   help=translate("cli", "predictions kept per layer and position (default 5)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_lens)


def cmd_lens(args) -> int:
    from workbench.cli import CliError, print_json, service_from_args, terminal_progress
    from workbench.core.inspect.lens import load_and_lens

    if not 1 <= args.top_k <= 100:
        raise CliError(translate("core", "--top-k must be 1 to 100"))
    result = load_and_lens(service_from_args(args), args.model, args.text, top_k=args.top_k,
                           progress=terminal_progress("lens "))
    if args.json:
        print_json(result.to_json())
        return 0
    width = max(len(t) for t in result.tokens) + 2
    print(translate("cli", "{model}: {layers} layers; top prediction per layer (rows) after each token").format(
        model=result.model, layers=result.layers))
    for position, token in enumerate(result.tokens):
        row = [f"{result.predictions[layer][position][0].token!r} {result.predictions[layer][position][0].prob:.2f}"
               for layer in range(0, result.layers + 1, max(1, result.layers // 6))]
        print(f"{token!r:<{width}} " + " | ".join(row))
    return 0
