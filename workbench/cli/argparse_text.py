"""argparse's own words ("usage:", "error:", "the following arguments are required: %s") in the
chosen language.

argparse looks its messages up through its module-level ``_`` and ``ngettext`` (gettext's) each time
it uses them; ``install`` points both at ``translate("argparse", ...)``. ``pyside6-lupdate`` cannot
read argparse's source, so the messages a user can see (Python 3.10 to 3.13) are listed here for the
.ts file, exactly as argparse writes them: the %-placeholders and the trailing newline are part of the
text looked up. A message missing here stays English. Not a command: no ``register``.
"""

from __future__ import annotations

import argparse

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

MESSAGES = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "%(heading)s:"),  # 3.13: a section heading
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)


def gettext(message):
    if not isinstance(message, str):  # argparse also passes None (a subparsers group without a description)
        return message
    return translate("argparse", message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translate("argparse", singular if n == 1 else plural)


def install() -> None:
    """argparse's messages follow ``workbench.core.i18n``'s translator from now on (English without one)."""
    argparse._ = gettext
    argparse.ngettext = ngettext
