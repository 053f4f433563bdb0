"""workbench softmax -m MODEL -p PROMPT [--temperature T --top-k K --top-p P --min-p M ...] [--top N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate

SAMPLING = ("temperature", "top_k", "top_p", "min_p", "typical_p", "repetition_penalty", "seed")


def register(sub) -> None:
    from workbench.cli import add_device_options
    from workbench.cli.generate import FLAGS
    from workbench.core.generation import RANGES, SamplingSettings

    defaults = SamplingSettings()
    p = sub.add_parser(
        "softmax", help=translate("cli", "from logits to probabilities: one step's softmax and sampling filters"),
        description=translate(
            "cli", "Generate the next token after the prompt, then show how its step turned the model's logits "
                   "into probabilities: outputs.logits's shape, the top tokens' raw logits z, z/T, minus the "
                   "maximum, exp, divided by the sum over the vocabulary (softmax(z/T)), and which tokens top-k, "
                   "top-p and min-p then removed. The probabilities are checked against those the generation "
                   "recorded (the JSON's max_err_* fields). JSON: {shape, top: [{id, token, logit, scaled, shifted, "
                   "exp, prob, model_prob, prob_after_filters, removed_by, ...}], temperature, stages, sum_exp, ...}."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "short name, store name, hub id or folder"))
    p.add_argument("-p", "--prompt", required=True, help=translate("cli", "the text before the step"))
    p.add_argument("--greedy", action="store_true",
                   help=translate("cli", "always pick the likeliest token (no sampling)"))
    for name in SAMPLING:
        rng = RANGES[name]
        limits = translate("cli", "Range {low:g}..{high:g}; default {default}.").format(
            low=rng.low, high=rng.high, default=getattr(defaults, name))
        p.add_argument(FLAGS[name], dest=name, type=float if rng.decimals else int, default=getattr(defaults, name),
                       help=f"{translate('core', rng.help)} {limits}")
    p.add_argument("--top", type=int, default=10, help=translate("cli", "tokens shown (default 10; 1 to 50)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    add_device_options(p)
    p.set_defaults(func=cmd_softmax)


def cmd_softmax(args) -> int:
    from workbench.cli import CliError, engine_report, print_json, service_from_args, terminal_progress
    from workbench.core.generation import SamplingSettings, SettingError
    from workbench.core.inspect.softmax_steps import softmax_for_prompt

    if not 1 <= args.top <= 50:
        raise CliError(translate("cli", "--top must be 1 to 50, not {value}.").format(value=args.top))
    settings = SamplingSettings(greedy=args.greedy, **{name: getattr(args, name) for name in SAMPLING})
    try:
        settings.validate()
    except SettingError as exc:
        raise CliError(f"--{exc.name.replace('_', '-')} {getattr(settings, exc.name)!r}: "
                       f"{exc.message} {exc.hint}".strip()) from exc
    service = service_from_args(args)
    result = softmax_for_prompt(service, args.model, args.prompt, settings, top=args.top,
                                progress=terminal_progress("softmax "))
    if args.json:
        print_json({**result.to_json(), **engine_report(service)})
        return 0
    print(translate("cli", "{model}: outputs.logits has shape {shape} [batch, sequence, vocabulary]; row {row} is "
                           "this step's logits z.").format(model=result.model, shape=result.shape, row=result.position))
    print(result.formula + f"   T = {result.temperature:g}")
    print(f"{'token':>14} {'z':>9} {'z/T':>9} {'shifted':>9} {'exp':>9} {'prob':>8} {'after':>8}  removed by")
    for row in result.rows:
        mark = "*" if row.chosen else " "
        print(f"{mark}{row.token!r:>13} {row.logit:9.4f} {row.scaled:9.4f} {row.shifted:9.4f} {row.exp:9.4f} "
              f"{row.prob:8.4f} {row.prob_after_filters:8.4f}  {row.removed_by or ''}")
    print(translate("cli", "Σ exp over the {vocab} tokens = {total:.6g}; over the {kept} kept = {kept_sum:.6g}").format(
        vocab=result.vocab_size, total=result.sum_exp, kept=result.kept, kept_sum=result.sum_exp_kept))
    for stage in result.stages:
        print(translate("cli", "{name} = {value:g}: removed {removed}, {kept} left").format(
            name=stage.name, value=stage.value, removed=stage.removed, kept=stage.kept))
    print(translate("cli", "check against the generation's record: max error {before:.2g} (before filters), "
                           "{after:.2g} (after filters)").format(before=result.max_err_vs_recorded or 0.0,
                                                                 after=result.max_err_after_vs_recorded or 0.0))
    return 0
