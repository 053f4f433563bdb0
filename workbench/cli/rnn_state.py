"""workbench rnn-state -m MODEL -t TEXT [--layer L] [--token N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "rnn-state", help=translate("cli", "an LSTM/GRU's hidden and cell state over a text, and its gates"),
        description=translate("cli", "Read a text through an LSTM/GRU from the library. --json prints {model, cell, "
                                     "tokens, ids, units, layers: [{hidden: [[token × unit]], cell (LSTM), gates: "
                                     "{name: [[token × unit]]}, max_error}]}: hidden is the model's own output (forward "
                                     "hooks); the cell state and the gates (LSTM: input, forget, cell, output; GRU: "
                                     "reset, update, new) are recomputed from the layer's weights and checked against "
                                     "it (max_error)."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "an LSTM/GRU: library name or path"))
    p.add_argument("-t", "--text", required=True, help=translate("cli", "the input text"))
    p.add_argument("--layer", type=int, default=0, help=translate("cli", "layer for the summary (default 0)"))
    p.add_argument("--token", type=int, default=-1,
                   help=translate("cli", "token position whose most-moved units are listed (default: the last)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_rnn_state)


def cmd_rnn_state(args) -> int:
    from workbench.cli import CliError, print_json, service_from_args, terminal_progress
    from workbench.core.inspect.rnn_state import load_and_read

    result = load_and_read(service_from_args(args), args.model, args.text, progress=terminal_progress("rnn-state "))
    if args.json:
        print_json(result.to_json())
        return 0
    if not 0 <= args.layer < len(result.layers):
        raise CliError(translate("core", "--layer must be 0 to {n}").format(n=len(result.layers) - 1))
    position = args.token if args.token >= 0 else len(result.tokens) + args.token
    if not 0 <= position < len(result.tokens):
        raise CliError(translate("core", "--token must be 0 to {n}").format(n=len(result.tokens) - 1))
    print(translate("cli", "{model}: {cell}, {layers} layers of {units} units, {n} tokens; recomputation error "
                           "{error:.1e}").format(model=result.model, cell=result.cell.upper(), layers=len(result.layers),
                                                 units=result.units, n=len(result.tokens),
                                                 error=max(layer.error for layer in result.layers)))
    print(translate("cli", "Units of layer {layer} that token {position} ({token!r}) moved most:").format(
        layer=args.layer, position=position, token=result.tokens[position]))
    for unit, change, value in result.top_units(args.layer, position):
        print(f"  {unit:>5}  {change:+.4f}  → {value:+.4f}")
    return 0
