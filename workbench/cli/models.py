"""workbench models list | import | remove"""

from __future__ import annotations

from pathlib import Path

from workbench.core.units import human_bytes, human_count


def register(sub) -> None:
    models = sub.add_parser("models", help="the local model library")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    lst = msub.add_parser("list", help="list the models on this computer")
    lst.add_argument("--json", action="store_true", help="print a JSON list")
    lst.set_defaults(func=cmd_list)
    imp = msub.add_parser("import", help="import a model folder or a .gguf file into the workbench store")
    imp.add_argument("path")
    imp.add_argument("--name", help="name in the library (default: the folder or file name)")
    imp.set_defaults(func=cmd_import)
    rm = msub.add_parser("remove", help="delete a model from disk")
    rm.add_argument("name")
    rm.set_defaults(func=cmd_remove)


def cmd_list(args) -> int:
    from workbench.cli import print_json
    from workbench.core.library import Library

    entries = Library().list()
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print("No models yet. Download one (workbench download ORG/NAME) or import a folder.")
        return 0
    width = max(len(e.name) for e in entries)
    for e in entries:
        problems = f"  ⚠ {'; '.join(e.problems)}" if e.problems else ""
        print(f"{e.name:<{width}}  {e.source:<8}  {human_count(e.parameters):>6}  {human_bytes(e.size_bytes):>9}  "
              f"{','.join(e.kinds)}{problems}")
    return 0


def cmd_import(args) -> int:
    from workbench.cli import terminal_progress
    from workbench.core.library import Library

    target = Library().import_folder(Path(args.path), name=args.name, progress=terminal_progress("import "))
    print(target)
    return 0


def cmd_remove(args) -> int:
    from workbench.core.library import Library

    print(Library().remove(args.name))
    return 0
