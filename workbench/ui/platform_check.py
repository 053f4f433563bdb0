"""Before Qt starts on Linux/X11: are the X libraries its xcb plugin needs installed?

Without them Qt aborts with "could not load the Qt platform plugin xcb" and a wall of text. This check
runs before the QApplication exists (it imports no Qt) and says the one command that fixes it.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

# soname -> Debian/Ubuntu package: what PySide6 6.5+'s xcb plugin needs beyond a basic X install.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
APT_LINE = "sudo apt install " + " ".join(XCB_LIBRARIES.values())


def uses_xcb(env: dict | None = None, platform: str | None = None) -> bool:
    """Will Qt pick its xcb (X11) plugin? Not on other systems, nor with QT_QPA_PLATFORM set to something
    else (offscreen, wayland…), nor in a Wayland session, where Qt 6 prefers Wayland."""
    env = os.environ if env is None else env
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not (env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"))


def _loadable(soname: str, dirs: list[Path] | None) -> bool:
    if dirs is not None:
        return any((d / soname).exists() for d in dirs)
    try:
        ctypes.CDLL(soname)  # the dynamic loader's own search: what Qt will meet
        return True
    except OSError:
        return False


def missing_xcb_packages(dirs: list[Path] | None = None) -> list[str]:
    """Packages whose library cannot be loaded (``dirs``: look only there, for tests)."""
    return [package for soname, package in XCB_LIBRARIES.items() if not _loadable(soname, dirs)]


def xcb_problem(env: dict | None = None, dirs: list[Path] | None = None, platform: str | None = None) -> str:
    """'' when Qt can start here; else what to tell the user."""
    from workbench.core.i18n import translate

    if not uses_xcb(env, platform):
        return ""
    missing = missing_xcb_packages(dirs)
    if not missing:
        return ""
    return translate("app", "The window cannot open: Qt needs X libraries that are not installed ({missing}).\n"
                            "Install them with:\n\n    {command}\n\nthen start the workbench again. "
                            "(Headless use needs none of them: the workbench commands and "
                            "QT_QPA_PLATFORM=offscreen work as they are.)").format(
        missing=", ".join(missing), command=APT_LINE)
