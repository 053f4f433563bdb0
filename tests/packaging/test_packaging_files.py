"""Fast checks of the packaging files (the bundle build itself is `make package-test`)."""

from __future__ import annotations

import ast
import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import APP_ID, APP_NAME, __version__
from workbench.core.library import STARTERS

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "workbench" / "resources" / "icons"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _spec_assignment(name: str):
    tree = ast.parse((PACKAGING / "model-workbench.spec").read_text(), filename="model-workbench.spec")
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in the spec")


def test_spec_ships_every_starter_the_library_knows():
    assert set(_spec_assignment("STARTERS")) == {(s.package, s.relative) for s in STARTERS}
    assert _spec_assignment("NAME") == APP_ID


def test_spec_excludes_what_the_app_does_not_need():
    excludes = set(_spec_assignment("excludes"))
    assert {"pytest", "tkinter", "torch.utils.tensorboard", "PySide6.QtQml", "PySide6.QtQuick"} <= excludes
    # torch.utils.checkpoint and torch._refs import torch.testing._internal: leaving it out breaks model loading.
    assert "torch.testing._internal" not in excludes
    dropped = _spec_assignment("DROP") + _spec_assignment("CUDA_ONLY")
    assert {"torch/include/*", "torch/bin/test_*", "nvidia/*"} <= set(dropped)


def test_runtime_hook_points_library_at_bundled_starters(tmp_path):
    code = (f"import sys, os; sys._MEIPASS = {str(tmp_path)!r}; os.environ.pop('WORKBENCH_STARTERS_DIR', None); "
            f"exec(open({str(PACKAGING / 'rthook_workbench.py')!r}).read()); print(os.environ['WORKBENCH_STARTERS_DIR'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path / "starters")


def test_launcher_is_the_workbench_command_and_accepts_python_dash_m(tmp_path):
    for args in (["--version"], ["-m", "workbench", "--version"]):
        out = subprocess.run([sys.executable, str(PACKAGING / "launcher.py"), *args], capture_output=True,
                             text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == f"workbench {__version__}"


def test_desktop_entry_names_the_app_and_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == APP_NAME
    assert section["Exec"] == APP_ID
    assert section["Icon"] == APP_ID
    assert section["StartupWMClass"] == APP_ID


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_validates():
    out = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout


def test_icons_exist_at_every_size(qapp):
    from PySide6 import QtGui, QtSvg

    assert QtSvg.QSvgRenderer(str(ICONS / "workbench.svg")).isValid()
    for size in PNG_SIZES:
        image = QtGui.QImage(str(ICONS / f"workbench-{size}.png"))
        assert (image.width(), image.height()) == (size, size), f"workbench-{size}.png"
        assert image.hasAlphaChannel()


def test_app_window_icon_is_the_workbench_icon(qapp):
    from workbench.ui.app import create_app

    app = create_app()
    assert app.applicationName() == APP_NAME
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(64, 64).isNull()


@pytest.mark.skipif(sys.platform != "linux", reason="the tarball's installer is for Linux")
def test_install_script_installs_and_uninstalls_for_the_user(tmp_path):
    unpacked = tmp_path / "unpacked"
    (unpacked / APP_ID).mkdir(parents=True)
    (unpacked / APP_ID / APP_ID).write_text("#!/bin/sh\necho started\n")
    (unpacked / APP_ID / APP_ID).chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "install.sh", unpacked)
    shutil.copy(DESKTOP, unpacked)
    shutil.copytree(ICONS, unpacked / "icons")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}

    subprocess.run(["sh", str(unpacked / "install.sh")], env=env, check=True, capture_output=True)
    installed = home / ".local" / "opt" / APP_ID / APP_ID
    command = home / ".local" / "bin" / APP_ID
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "started"
    desktop = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={installed}\n" in desktop.read_text()
    for size in PNG_SIZES:
        assert (home / ".local" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    assert (home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()

    subprocess.run(["sh", str(unpacked / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists() and not command.exists() and not desktop.exists()


def test_replacement_runtime_hooks_do_not_import_heavy_packages(tmp_path):
    hooks = PACKAGING / "hooks"
    registered = ast.literal_eval((hooks / "rthooks.dat").read_text())
    files = [hooks / "rthooks" / name for names in registered.values() for name in names]
    code = (f"import sys, os, json; sys._MEIPASS = {str(tmp_path)!r}\n"
            f"for f in {[str(f) for f in files]!r}: exec(open(f).read())\n"
            "import distutils.core\n"  # the shim serves setuptools' copy once asked
            "print(json.dumps([os.environ['NLTK_DATA'], 'nltk' in sys.modules, distutils.core.__file__]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "SETUPTOOLS_USE_DISTUTILS")})
    nltk_data, nltk_imported, distutils_file = json.loads(out.stdout)
    assert nltk_data == str(tmp_path / "nltk_data")
    assert not nltk_imported
    assert "setuptools" in distutils_file
