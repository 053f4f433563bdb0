"""workbench lessons [--check] [--json]: the lessons found (package and the user's folder) and what is wrong
with any lesson file, checked against the views the app has."""

from __future__ import annotations

from workbench.core.i18n import translate


def register(sub) -> None:
    p = sub.add_parser(
        "lessons", help=translate("cli", "list the Learn tab's lessons and check lesson files"),
        description=translate("cli", "Reads the packaged lessons and the *.yaml files in your lessons folder, checks "
                                     "each step's view and inputs against the views this version has, and reports "
                                     "a malformed file by path and line."))
    p.add_argument("--check", action="store_true",
                   help=translate("cli", "exit with status 1 when a lesson file has a problem"))
    p.add_argument("--json", action="store_true", help=translate("cli", "print the JSON document"))
    p.set_defaults(func=cmd_lessons)


def cmd_lessons(args) -> int:
    import sys

    from workbench.cli import print_json, warning_line
    from workbench.core import lessons as L
    from workbench.ui import view_actions

    loaded = L.load_lessons(view_actions.params())
    if args.json:
        print_json({"folder": str(L.user_dir()), "views": sorted(view_actions.ACTIONS),
                    "lessons": [{"id": x.id, "title": {"en": x.title.en, "zh": x.title.zh}, "path": str(x.path),
                                 "steps": [s.id for s in x.steps]} for x in loaded.lessons],
                    "problems": [{"path": str(p.path), "line": p.line, "message": p.message}
                                 for p in loaded.problems]})
    else:
        for lesson in loaded.lessons:
            print(f"{lesson.id}: {lesson.title.en} / {lesson.title.zh} ({len(lesson.steps)})")
        for problem in loaded.problems:
            print(warning_line(str(problem)), file=sys.stderr)
    return 1 if args.check and loaded.problems else 0
