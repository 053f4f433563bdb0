"""workbench explain inputs -m MODEL -t TEXT [--pair TEXT2] [--json]"""

from __future__ import annotations

from workbench.core.i18n import translate


def register_explain(group) -> None:
    from workbench.cli import add_device_options

    p = group.add_parser(
        "inputs", help=translate("cli", "what goes into the model: token, position and segment embeddings"),
        description=translate(
            "cli", "For each input token: the token embedding, the position embedding (learned tables: GPT-2, BERT), "
                   "BERT's segment (token type) embedding, their sum and the LayerNorm after it, with norms and "
                   "cosines, captured from the model's own embedding modules and checked against what the model "
                   "passes to its first layer (max_err_vs_model). Rotary models (Llama, Qwen, ...) have no position "
                   "table: position is applied inside attention. JSON: {tokens, segments, positions, parts: {token, "
                   "position, segment}, sum, layernorm, norms, cosines, max_err_vs_model, ...}."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("-t", "--text", required=True, help=translate("cli", "the input text"))
    p.add_argument("--pair", default=None,
                   help=translate("cli", "a second text: a sentence pair [CLS] A [SEP] B [SEP] (BERT-style models)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_inputs)


def cmd_inputs(args) -> int:
    from workbench.cli import engine_report, pad, print_json, service_from_args, terminal_progress
    from workbench.core.inspect.input_embeddings import input_embeddings

    service = service_from_args(args)
    result = input_embeddings(service, args.model, args.text, args.pair, progress=terminal_progress("inputs "))
    if args.json:
        print_json({**result.to_json(), **engine_report(service)})
        return 0
    print(translate("cli", "{model}: {n} tokens, hidden size {d}; position: {scheme}").format(
        model=result.model, n=len(result.ids), d=result.hidden_size, scheme=result.position_scheme))

    def cell(values, i):
        return "–" if values is None else f"{values[i]:.3f}"

    norms, cosines = result.norms, result.cosines
    print("  #  " + pad("token", 12) + " seg   |token| |position| |segment|    |sum| |LayerNorm|  cos(t,p)")
    for i, token in enumerate(result.tokens):
        segment = "–" if result.segments is None else str(result.segments[i])
        print(f"{i:3d}  {pad(token[:12], 12)} {segment:>3} {cell(norms['token'], i):>8} {cell(norms['position'], i):>10} "
              f"{cell(norms['segment'], i):>9} {cell(norms['sum'], i):>8} {cell(norms['layernorm'], i):>11} "
              f"{cell(cosines['token_position'], i):>9}")
    print(translate("cli", "check against the model's own output: max error {err:.2g}").format(
        err=result.max_err_vs_model))
    for note in result.notes:
        print(note)
    return 0
