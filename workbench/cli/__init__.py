"""The ``workbench`` command: the GUI, and headless commands over the same core.

Each command lives in its own module with ``register(subparsers)``; the parser it adds sets
``func(args) -> int``. Errors print one line (and a hint) on stderr and exit non-zero; the
traceback only with ``--debug``.

Everything a person reads follows ``--lang`` (or WORKBENCH_LANG): help texts, argparse's own
messages, errors, warnings and summaries, written ``translate("cli", "...")``. The language is read
from the command line before the parser is built, since help texts are translated as it is built.
JSON output is data and never translated.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import re
import sys
import unicodedata

from workbench import __version__
from workbench.core.i18n import LANGUAGES, normalise_language, translate


def command_modules() -> list[str]:
    """Every module of this package with a ``register(subparsers)``: one per command."""
    import workbench.cli as package

    return sorted(f"workbench.cli.{m.name}" for m in pkgutil.iter_modules(package.__path__) if not m.ispkg)


class CliError(Exception):
    """A usage problem found after parsing (a bad value): exit code 2."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, wrapping Chinese text by the columns it takes (two per character) and
    between characters, since it has no spaces; English text is laid out exactly as argparse does."""

    def _split_lines(self, text, width):
        if not _has_wide(text):
            return super()._split_lines(text, width)
        return wrap_columns(text, width)

    def _fill_text(self, text, width, indent):
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent)))

    def format_help(self):
        text = super().format_help()
        if not _has_wide(text):
            return text
        # Chinese help: section headings end in a Chinese colon ("选项："); argparse before 3.13 adds ":" itself.
        return re.sub(r"(?m)^(\S[^\n]*):$", r"\1：", text)


class Parser(argparse.ArgumentParser):
    """The workbench parser: its sub-commands' parsers are of this class too, so they share the formatter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="workbench", description=translate(
        "cli", "Play with language models on your own computer. Without a command, the desktop app starts."))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}",
                        help=translate("cli", "show the version number and exit"))
    parser.add_argument("--smoke", action="store_true", help=translate(
        "cli", "start the GUI offscreen, open every tab, run one small job each, print timings as JSON"))
    parser.add_argument("--smoke-model", default="smollm2-135m-instruct", help=argparse.SUPPRESS)
    parser.add_argument("--debug", action="store_true", help=translate("cli", "show tracebacks and debug logging"))
    parser.add_argument("--lang", choices=list(LANGUAGES), default=None, help=translate(
        "cli", "language of the app, --smoke and every command's help and messages; give it before the command "
               "(default for the app: Preferences, else the system locale; for commands: English)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in command_modules():
        module = importlib.import_module(module_name)
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def add_device_options(parser: argparse.ArgumentParser) -> None:
    """--device and --dtype for every command that loads a model (the default is the app's setting)."""
    parser.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default=None, help=translate(
        "cli", "where the model runs (default: the app's setting, normally auto: CUDA, then MPS, then CPU)"))
    parser.add_argument("--dtype", choices=["auto", "float32", "bfloat16", "float16"], default=None, help=translate(
        "cli", "weight precision (default: the app's setting; auto measures what is fastest here)"))


def service_from_args(args: argparse.Namespace, library=None):
    """The model service every command uses: the app's settings, with --device/--dtype on top."""
    from workbench.core.service import ModelService

    return ModelService.from_settings(library=library, device=getattr(args, "device", None),
                                      dtype=getattr(args, "dtype", None))


def engine_report(service, engine: str = "transformers") -> dict:
    """What ran a command's model, for its JSON: ``device``, ``dtype`` and ``engine``."""
    loaded = service.loaded()
    if not loaded:
        return {"device": None, "dtype": None, "engine": engine}
    handle = max(loaded, key=lambda h: h.last_used)
    dtype = "int8" if getattr(handle, "quantize", "") == "int8" else handle.dtype
    return {"device": handle.device, "dtype": dtype, "engine": engine}


def print_json(value) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def print_fields(value: dict, as_json: bool, key_width: int = 0) -> None:
    """A flat result: the JSON document with --json, else a ``key: value`` line each (keys right-aligned to
    ``key_width``)."""
    if as_json:
        print_json(value)
        return
    for key, item in value.items():
        print(f"{key:>{key_width}}: {item}")


def warning_line(message: str) -> str:
    """``warning: message`` in the chosen language (print it on stderr, or with the text it belongs to)."""
    return translate("cli", "warning: {message}").format(message=message)


def note_line(message: str) -> str:
    return translate("cli", "note: {message}").format(message=message)


def print_notes(notes) -> None:
    """A result's notes on stderr, a ``note: ...`` line each (stdout stays the result's)."""
    for note in notes:
        print(note_line(note), file=sys.stderr)


def warn(message: str) -> None:
    print(warning_line(message), file=sys.stderr)


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _has_wide(text: str) -> bool:
    return any(_is_wide(c) for c in text)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if _is_wide(c) else 1 for c in text)


# Punctuation that must not start a line (and needs no space after it), and punctuation that must not end one.
_CLOSING = "，。、；：！？）》」』”’"
_OPENING = "（《「『“‘"


def wrap_columns(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns, for text with Chinese in it: a line may
    break between two Chinese characters or at a space, never inside an English word, a number or an
    option name, nor before closing or after opening punctuation (one closing mark may hang over)."""
    columns = max(columns, 10)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(f"(?<=[{_CLOSING}]) ", "", text)  # "……更多。 范围 0..1" -> "……更多。范围 0..1"
    units = re.findall(r" |[\x21-\x7e]+|.", text)  # a space, a run of ASCII (a word, an option), one character
    lines: list[list[str]] = []
    line: list[str] = []
    for unit in units:
        used = width("".join(line))
        if unit == " " and not line:
            continue
        if not line or used + width(unit) <= columns:
            line.append(unit)
            continue
        if unit[0] in _CLOSING and line[-1][-1] not in _CLOSING and used + width(unit) <= columns + 2:
            line.append(unit)  # hangs over by one mark
            continue
        carried = [] if unit == " " else [unit]
        while len(line) > 1 and (carried and carried[0][0] in _CLOSING or line[-1][-1] in _OPENING):
            carried.insert(0, line.pop())
        lines.append(line)
        line = carried
    lines.append(line)
    return [joined for joined in ("".join(pieces).strip() for pieces in lines) if joined]


def pad(text: str, columns: int, align: str = "<") -> str:
    """``text`` padded to ``columns`` terminal columns (``f"{text:<12}"`` counts a Chinese character as one)."""
    space = " " * max(0, columns - width(text))
    return space + text if align == ">" else text + space


def language_before_parsing(argv: list[str]) -> str:
    """The language of this run, known before the parser is built (its help texts are translated as it
    is built): ``--lang`` where the parser reads it, among the global options before the command
    (``--lang zh_CN``, ``--lang=zh_CN`` or an abbreviation like ``--la``), else WORKBENCH_LANG, else English."""
    chosen = None
    tokens = iter(argv)
    for token in tokens:
        if token == "--" or not token.startswith("-"):
            break  # the command: what follows is its own
        name, has_value, value = token.partition("=")
        if len(name) > 2 and "--lang".startswith(name):
            chosen = value if has_value else next(tokens, None)
        elif len(name) > len("--smoke") and "--smoke-model".startswith(name) and not has_value:
            next(tokens, None)  # its value
    if chosen in LANGUAGES:
        return chosen
    return normalise_language(os.environ.get("WORKBENCH_LANG") or "en")  # a wrong --lang: argparse says so


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _install_message_language(language_before_parsing(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.debug:
        os.environ.setdefault("WORKBENCH_DEBUG", "1")
    if args.lang:
        os.environ["WORKBENCH_LANG"] = args.lang  # child processes (fine-tune runs) follow it too
    if args.smoke:
        from workbench.ui.smoke import run_smoke
        return run_smoke(args.smoke_model)
    if not args.command:
        from workbench.ui.app import run_gui
        return run_gui()
    from workbench.core.jobs import Cancelled, WorkbenchError

    _quiet_libraries(args.debug)
    # The "error:" and "hint:" lines follow --lang like the messages they carry.
    try:
        return int(args.func(args) or 0)
    except WorkbenchError as exc:
        if args.debug:
            raise
        print(translate("core", "error: {message}").format(message=exc.message), file=sys.stderr)
        if exc.hint:
            print(translate("core", "hint: {hint}").format(hint=exc.hint), file=sys.stderr)
        return 1
    except CliError as exc:
        print(translate("core", "error: {message}").format(message=exc), file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Cancelled):
        print(translate("core", "cancelled"), file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(translate("core", "error: {message}").format(message=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        print(translate("core", "hint: {hint}").format(
            hint=translate("core", "run again with --debug for the full traceback")), file=sys.stderr)
        return 1


def _install_message_language(language: str) -> None:
    """Headless commands translate their text only when asked to (--lang or WORKBENCH_LANG). No Qt
    application is made here: the GUI, --smoke and PNG export make their own and install the language there."""
    if language == "en":
        return
    from workbench.cli import argparse_text
    from workbench.ui import i18n

    if i18n.install_messages(language) != "en":
        argparse_text.install()


def _quiet_libraries(debug: bool) -> None:
    import logging
    import warnings

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "debug" if debug else "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not debug:
        warnings.filterwarnings("ignore")
        logging.getLogger("transformers").setLevel(logging.ERROR)


def terminal_progress(label: str = ""):
    """A progress callback that draws one updating line on stderr (only on a terminal)."""
    import time

    from workbench.core.jobs import Progress

    state = {"last": 0.0}

    def show(event):
        if not isinstance(event, Progress) or not sys.stderr.isatty():
            return
        now = time.monotonic()
        if now - state["last"] < 0.1 and not (event.total and event.done >= event.total):
            return
        state["last"] = now
        frac = event.fraction
        bar = ""
        if frac is not None:
            filled = int(30 * frac)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {frac * 100:5.1f}% "
        sys.stderr.write(f"\r\033[K{label}{bar}{event.message}"[:200])
        if frac is not None and frac >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
