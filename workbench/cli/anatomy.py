"""workbench anatomy -m MODEL [--depth N] --json"""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    p = sub.add_parser(
        "anatomy", help=translate("cli", "a model's configuration in plain words and its module tree with parameter "
                                         "counts"),
        description=translate("cli", "Layers, hidden size, heads and key/value heads, d_k, feed-forward size, "
                                     "vocabulary, context length, norm, activation, position scheme and tied "
                                     "embeddings, then every module with its parameters (like Keras's "
                                     "model.summary()). The model is built from its config without reading its "
                                     "weights. Shared parameters (tied embeddings) are counted once. JSON: {layers, "
                                     "hidden_size, heads, kv_heads, head_dim, vocab_size, context, parameters, "
                                     "modules: [{name, type, parameters}], ...}."))
    p.add_argument("-m", "--model", required=True, help=translate("cli", "hub id, local path or starter model name"))
    p.add_argument("--depth", type=int, default=3,
                   help=translate("cli", "module tree levels printed without --json (default 3; the JSON has all)"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.set_defaults(func=cmd_anatomy)


def cmd_anatomy(args) -> int:
    from workbench.cli import CliError, pad, print_json, service_from_args, terminal_progress
    from workbench.core.inspect.anatomy import anatomy

    if args.depth < 1:
        raise CliError(translate("core", "--depth must be 1 or more"))
    result = anatomy(service_from_args(args), args.model, progress=terminal_progress("anatomy "))
    if args.json:
        print_json(result.to_json())
        return 0
    facts = result.facts()
    width = max(len(f.label) for f in facts) + 2
    print(result.model)
    for fact in facts:
        print(f"  {pad(fact.label, width)}{fact.value}")
    print()
    rows = [m for m in result.modules if m.depth < args.depth]
    name_width = min(60, max(len("  " * m.depth + m.name.rsplit('.', 1)[-1]) for m in rows) + 2)
    for m in rows:
        label = "  " * m.depth + m.name.rsplit(".", 1)[-1]
        shared = "  " + translate("cli", "(shares {names})").format(names=", ".join(m.shared)) if m.shared else ""
        print(f"{label:<{name_width}} {m.type:<28} {m.parameters:>14,}{shared}")
    print(translate("cli", "Total parameters: {n:,}").format(n=result.parameters))
    return 0
