"""workbench models list | import | remove"""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.units import human_bytes, human_count

# Where a model lives (the JSON's "source"), in words for the table.
SOURCES = {"starter": QT_TRANSLATE_NOOP("cli", "starter"), "hf-cache": QT_TRANSLATE_NOOP("cli", "hf-cache"),
           "store": QT_TRANSLATE_NOOP("cli", "store")}


def register(sub) -> None:
    models = sub.add_parser("models", help=translate("cli", "the local model library"),
                            description=translate("cli", "The local model library: list, import or remove models."))
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    lst = msub.add_parser("list", help=translate("cli", "list the models on this computer"))
    lst.add_argument("--json", action="store_true", help=translate("cli", "print a JSON list"))
    lst.set_defaults(func=cmd_list)
    imp = msub.add_parser("import", help=translate("cli", "import a model folder or a .gguf file into the workbench "
                                                          "store"))
    imp.add_argument("path", help=translate("cli", "a model folder or a .gguf file"))
    imp.add_argument("--name", help=translate("cli", "name in the library (default: the folder or file name)"))
    imp.set_defaults(func=cmd_import)
    rm = msub.add_parser("remove", help=translate("cli", "delete a model from disk"))
    rm.add_argument("name", help=translate("cli", "the model's name, as `workbench models list` shows it"))
    rm.set_defaults(func=cmd_remove)


def cmd_list(args) -> int:
    from workbench.cli import pad, print_json, width
    from workbench.core.library import Library

    entries = Library().list()
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(translate("cli", "No models yet. Download one (workbench download ORG/NAME) or import a folder."))
        return 0
    names = max(width(e.name) for e in entries)
    sources = {e.source: translate("cli", SOURCES[e.source]) if e.source in SOURCES else e.source for e in entries}
    source_width = max([8] + [width(s) for s in sources.values()])
    for e in entries:
        problems = f"  ⚠ {'; '.join(e.problems)}" if e.problems else ""
        print(f"{pad(e.name, names)}  {pad(sources[e.source], source_width)}  {human_count(e.parameters):>6}  "
              f"{pad(human_bytes(e.size_bytes), 9, '>')}  {','.join(e.kinds)}{problems}")
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
