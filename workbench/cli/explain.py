"""workbench explain WHAT ...: the formulas computed on a real model, step by step.

Each ``WHAT`` lives in its own module ``workbench/cli/explain_WHAT.py`` with ``register_explain(group)``
(not ``register``: they are not top-level commands), found here by name.
"""

from __future__ import annotations

import importlib

from workbench.core.i18n import translate


def register(sub) -> None:
    from workbench.cli import command_modules

    p = sub.add_parser("explain", help=translate("cli", "the formulas computed on a real model, step by step"),
                       description=translate("cli", "Show how a model computes one of its steps, on your text, "
                                                    "checked against the model's own outputs."))
    group = p.add_subparsers(dest="explain", metavar="WHAT", required=True)
    for name in command_modules():
        if name.startswith("workbench.cli.explain_"):
            importlib.import_module(name).register_explain(group)
