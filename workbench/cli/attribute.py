"""workbench attribute -m MODEL -p PROMPT (--target TEXT | --max-new-tokens N) [--method ...] [--steps N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import add_device_options

    p = sub.add_parser(
        "attribute", help=translate("cli", "which prompt tokens pushed the model toward a token"),
        description=translate("cli", "Score each prompt token for each target token, in float32: integrated "
                                     "gradients over the input embeddings from a zero baseline (captum; the scores sum "
                                     "to target_logprob - baseline_logprob up to convergence_delta), gradient x input, "
                                     "or attention rollout."))
    p.add_argument("-m", "--model", required=True,
                   help=translate("cli", "hub id, local path or starter model name (a causal LM)"))
    p.add_argument("-p", "--prompt", required=True, help=translate("cli", "the prompt"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--target", help=translate(
        "cli", "the continuation to explain (e.g. ' Paris', with its leading space)"))
    which.add_argument("--max-new-tokens", type=int,
                       help=translate("cli", "generate N tokens greedily and explain each"))
    p.add_argument("--method", choices=("ig", "grad-x-input", "rollout"), default="ig",
                   help=translate("cli", "ig (integrated gradients, default), grad-x-input, or rollout"))
    p.add_argument("--steps", type=int, default=64, help=translate("cli", "integrated-gradients steps (default 64)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_attribute)


def cmd_attribute(args) -> int:
    from workbench.cli import CliError, print_json, service_from_args, terminal_progress, warn
    from workbench.core.inspect.attribution import load_and_attribute

    if not 2 <= args.steps <= 1024:
        raise CliError(translate("core", "--steps must be 2 to 1024"))
    if args.max_new_tokens is not None and not 1 <= args.max_new_tokens <= 64:
        raise CliError(translate("core", "--max-new-tokens must be 1 to 64"))
    result = load_and_attribute(service_from_args(args), args.model, args.prompt, target=args.target,
                                max_new_tokens=args.max_new_tokens or 0, method=args.method, steps=args.steps,
                                progress=terminal_progress("attribute "))
    for note in result.notes:
        warn(note)
    if args.json:
        print_json(result.to_json())
        return 0
    for target in result.targets:
        delta = "" if target.convergence_delta is None else translate(
            "cli", ", convergence delta {delta:+.4f}").format(delta=target.convergence_delta)
        print(translate("cli", "{token}: log p {logprob:.3f} (zero-embedding baseline {baseline:.3f}{delta})").format(
            token=repr(target.token), logprob=target.target_logprob, baseline=target.baseline_logprob, delta=delta))
        ranked = sorted(zip(result.prompt_tokens, target.scores), key=lambda ts: -abs(ts[1]))[:10]
        for token, score in ranked:
            print(f"  {score:+.4f}  {token!r}")
    return 0
