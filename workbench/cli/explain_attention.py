"""workbench explain attention -m MODEL -t TEXT --layer L --head H [--query Q] [--json [--weights] | --code]"""

from __future__ import annotations

from workbench.core.i18n import translate


def register_explain(group) -> None:
    from workbench.cli import add_device_options

    p = group.add_parser(
        "attention", help=translate("cli", "softmax(q·Kᵀ/√d_k + mask)·V for one layer, head and query token"),
        description=translate("cli", "For one layer, head and query token: X entering the attention, this head's "
                                     "W_Q/W_K/W_V and q, K, V (before and after the rotation on rotary models), the "
                                     "scores q·Kᵀ, the scale, the mask, the softmax row, the head's output, all heads "
                                     "concatenated times W^O, and the residual stream after attention. Recomputed "
                                     "from forward hooks on the model's own modules; max_err_vs_capture compares the "
                                     "softmax with the weights the model returns, max_err_vs_model W^O's output and "
                                     "the residual sum with the model's own tensors. Encoder-decoders: the encoder's "
                                     "self-attention."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("-t", "--text", required=True, help=translate("cli", "the input text"))
    p.add_argument("--layer", type=int, default=0, help=translate("cli", "layer, from 0 (default 0)"))
    p.add_argument("--head", type=int, default=0, help=translate("cli", "head, from 0 (default 0)"))
    p.add_argument("--query", type=int, default=None,
                   help=translate("cli", "the query token's position, from 0 (default: the last token)"))
    p.add_argument("--part", choices=["self", "encoder", "decoder", "cross"], default="self",
                   help=translate("cli", "which attention: self (an encoder-decoder's encoder), encoder; decoder and "
                                         "cross are not worked through yet"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.add_argument("--weights", action="store_true",
                   help=translate("cli", "with --json: include this head's W_Q, W_K, W_V and the whole W^O"))
    p.add_argument("--code", action="store_true",
                   help=translate("cli", "print a plain torch program that computes the same numbers"))
    add_device_options(p)
    p.set_defaults(func=cmd_explain_attention)


def cmd_explain_attention(args) -> int:
    from workbench.cli import print_json, print_notes, service_from_args, terminal_progress
    from workbench.core.inspect.attention_code import attention_code
    from workbench.core.inspect.attention_math import load_and_explain

    result = load_and_explain(service_from_args(args), args.model, args.text, args.layer, args.head, args.query,
                              part=args.part, progress=terminal_progress("explain "))
    if args.code:
        print(attention_code(result), end="")
        return 0
    if args.json:
        print_json(result.to_json(weights=args.weights))
        return 0
    print_notes(result.notes.values())
    print(translate("cli", "{model}: layer {layer}, head {head} (K/V head {kv}), query token {query} {token!r}; "
                           "d_k = {dk}, scale {scale:.6g}").format(
        model=result.model, layer=result.layer, head=result.head, kv=result.kv_head, query=result.query,
        token=result.tokens[result.query], dk=result.head_dim, scale=result.scale))
    width = max(len(repr(t)) for t in result.tokens) + 1
    bias = result.position_bias
    print(f"{'':<{width}} {'q·k':>9} {'×scale':>9}" + (f" {'+bias':>9}" if bias is not None else "")
          + f" {translate('cli', 'weight'):>9}")
    for j, token in enumerate(result.tokens):
        weight = "−" if result.masked[j] else f"{result.weights[j]:.4f}"
        print(f"{token!r:<{width}} {result.scores[j]:9.4f} {result.scaled[j]:9.4f}"
              + (f" {bias[j]:9.4f}" if bias is not None else "") + f" {weight:>9}")
    print(translate("cli", "softmax vs the model's weights: max error {capture:.2e}; Concat·W^O and residual vs the "
                           "model: max error {model:.2e}").format(capture=result.max_err_vs_capture,
                                                                  model=result.max_err_vs_model))
    return 0
