"""workbench ablate -m MODEL -p PROMPT (--heads 3.1,5.7 | --scan LAYERS) [--mode zero|mean] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "ablate", help=translate("cli", "switch attention heads off and see how the next-token prediction changes"),
        description=translate("cli", "Set the chosen heads' outputs (the input of the attention output projection "
                                     "W^O) to zero, or to their mean over the text, and compare the next-token "
                                     "probabilities (top-k, the change, KL divergence in nats) and a greedy "
                                     "continuation with and without them. --scan switches off one head at a time "
                                     "over the chosen layers and prints a table per head. Causal LMs predict the "
                                     "token after the prompt; masked LMs the token at the first [MASK]. JSON: "
                                     "{before: {top: [{id, token, prob, change}]}, after: {top: [...]}, kl, "
                                     "continuation_before, continuation_after, mode, heads}."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("-p", "--prompt", required=True, help=translate("cli", "the text"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--heads", help=translate("cli", "heads to switch off as LAYER.HEAD, comma-separated, e.g. "
                                                        "3.1,5.7 (3.* is every head of layer 3)"))
    which.add_argument("--scan", metavar="LAYERS", help=translate("cli", "switch off each head of these layers on "
                                                                          "its own, e.g. 0-3, 1,4 or all"))
    p.add_argument("--mode", choices=["zero", "mean"], default="zero",
                   help=translate("cli", "zero: set the heads' outputs to zero; mean: replace them by their mean over "
                                         "the text (default zero)"))
    p.add_argument("--top", type=int, default=10, help=translate("cli", "tokens listed before and after (default 10)"))
    p.add_argument("--new-tokens", type=int, default=10,
                   help=translate("cli", "tokens of greedy continuation with and without the heads (default 10)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_ablate)


def cmd_ablate(args) -> int:
    from workbench.cli import CliError, print_json, print_notes, service_from_args, terminal_progress
    from workbench.core.inspect.ablation import load_and_ablate, load_and_scan, mode_text

    if not 1 <= args.top <= 100:
        raise CliError(translate("core", "--top must be 1 to 100"))
    if not 0 <= args.new_tokens <= 200:
        raise CliError(translate("core", "--new-tokens must be 0 to 200"))
    service = service_from_args(args)
    if args.scan is not None:
        scan = load_and_scan(service, args.model, args.prompt, args.scan, args.mode, progress=terminal_progress("scan "))
        if args.json:
            print_json(scan.to_json())
            return 0
        print(translate("cli", "{model}: each head {mode} on its own; the original top token is {token!r} "
                               "(p = {prob:.3f})").format(model=scan.model, mode=mode_text(scan.mode),
                                                          token=scan.original_top.token, prob=scan.original_top.prob))
        print(translate("cli", "head    KL (nats)  top changed  p(original top)  new top"))
        for effect in scan.ranked():
            print(f"{effect.layer}.{effect.head:<5} {effect.kl:10.5f}  {'*' if effect.top_changed else ' ':^11}  "
                  f"{effect.prob_original_top:15.4f}  {effect.top_after.token!r}")
        return 0
    result = load_and_ablate(service, args.model, args.prompt, args.heads, args.mode, args.top, args.new_tokens,
                             progress=terminal_progress("ablate "))
    print_notes(result.notes)
    if args.json:
        print_json(result.to_json())
        return 0
    print(translate("cli", "{model}: heads {heads} {mode}; KL(before ‖ after) = {kl:.5f} nats").format(
        model=result.model, heads=", ".join(f"{a}.{b}" for a, b in result.heads), mode=mode_text(result.mode),
        kl=result.kl))
    print(translate("cli", "before                            after"))
    for before, after in zip(result.before, result.after):
        print(f"{before.token!r:>14} {before.prob:.4f} ({before.change:+.4f})    "
              f"{after.token!r:>14} {after.prob:.4f} ({after.change:+.4f})")
    if result.continuation_before is not None:
        print(translate("cli", "continuation before: {text!r}").format(text=result.continuation_before))
        print(translate("cli", "continuation after:  {text!r}").format(text=result.continuation_after))
    return 0
