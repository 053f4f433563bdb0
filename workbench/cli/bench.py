"""workbench bench NAME [--json]: performance figures against a baseline run in the same process.

Each benchmark is ``workbench.benchmarks.NAME.run(args) -> dict``; figures only, no pass/fail.
"""

from __future__ import annotations

import importlib
import pkgutil

from workbench.core.i18n import translate


def benchmark_names() -> list[str]:
    import workbench.benchmarks as package

    return sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))


def register(sub) -> None:
    p = sub.add_parser("bench", help=translate(
        "cli", "benchmarks: figures and ratios against a baseline in the same process"))
    p.add_argument("name", help=translate("cli", "which benchmark: {names}").format(names=", ".join(benchmark_names())))
    p.add_argument("--json", action="store_true", help=translate("cli", "print one JSON object"))
    p.add_argument("-m", "--model", default=None,
                   help=translate("cli", "model to benchmark (default: the benchmark's own)"))
    p.add_argument("--quick", action="store_true", help=translate("cli", "a shorter run (for tests)"))
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from workbench.cli import CliError, print_fields

    if args.name not in benchmark_names():
        raise CliError(translate("core", "unknown benchmark '{name}'; choose one of: {names}").format(
            name=args.name, names=", ".join(benchmark_names())))
    result = importlib.import_module(f"workbench.benchmarks.{args.name}").run(args)
    print_fields(result, args.json, key_width=24)
    return 0
