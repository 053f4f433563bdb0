"""The ``workbench`` command: the GUI, and headless commands over the same core.

Each command lives in its own module with ``register(subparsers)``; the parser it adds sets
``func(args) -> int``. Errors print one line (and a hint) on stderr and exit non-zero; the
traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys

from workbench import __version__


def command_modules() -> list[str]:
    """Every module of this package with a ``register(subparsers)``: one per command."""
    import workbench.cli as package

    return sorted(f"workbench.cli.{m.name}" for m in pkgutil.iter_modules(package.__path__) if not m.ispkg)


class CliError(Exception):
    """A usage problem found after parsing (a bad value): exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Play with language models on your own computer. "
                                     "Without a command, the desktop app starts.")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="start the GUI offscreen, open every tab, run one small job each, print timings as JSON")
    parser.add_argument("--smoke-model", default="smollm2-135m-instruct", help=argparse.SUPPRESS)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    parser.add_argument("--lang", choices=["en", "zh_CN"], default=None,
                        help="interface language for the app, --smoke and messages (default: Preferences, "
                             "else the system locale)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in command_modules():
        module = importlib.import_module(module_name)
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def add_device_options(parser: argparse.ArgumentParser) -> None:
    """--device and --dtype for every command that loads a model (the default is the app's setting)."""
    parser.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default=None,
                        help="where the model runs (default: the app's setting, normally auto: CUDA, then MPS, then CPU)")
    parser.add_argument("--dtype", choices=["auto", "float32", "bfloat16", "float16"], default=None,
                        help="weight precision (default: the app's setting; auto measures what is fastest here)")


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


def main(argv: list[str] | None = None) -> int:
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
    from workbench.core.i18n import translate
    from workbench.core.jobs import Cancelled, WorkbenchError

    _quiet_libraries(args.debug)
    _install_message_language()
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


def _install_message_language() -> None:
    """Headless commands translate their messages only when asked to (--lang or WORKBENCH_LANG)."""
    language = os.environ.get("WORKBENCH_LANG")
    if not language or language == "en":
        return
    from PySide6 import QtCore

    from workbench.ui import i18n

    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication(sys.argv[:1])
    i18n.install(app, i18n.choose_language(language))


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
