"""A first start that explains itself: missing X libraries are named with the command that installs them,
the first window is sized from the screen, and tabs are built only when first shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.ui.platform_check import APT_LINE, XCB_LIBRARIES, missing_xcb_packages, uses_xcb, xcb_problem

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_xcb_platform_is_checked():
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert uses_xcb({}, "linux")  # Qt's default on X11
    assert not uses_xcb({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux")
    assert not uses_xcb({}, "darwin") and not uses_xcb({}, "win32")


def test_missing_libraries_are_found_on_a_fake_search_path(tmp_path):
    present = ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    for name in present:
        (tmp_path / name).write_bytes(b"")
    assert missing_xcb_packages([tmp_path]) == ["libxcb-icccm4", "libxcb-keysyms1"]
    message = xcb_problem({"QT_QPA_PLATFORM": "xcb"}, [tmp_path], "linux")
    assert "libxcb-icccm4, libxcb-keysyms1" in message and APT_LINE in message
    for name in XCB_LIBRARIES:
        (tmp_path / name).write_bytes(b"")
    assert xcb_problem({"QT_QPA_PLATFORM": "xcb"}, [tmp_path], "linux") == ""
    assert xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, [Path("/nonexistent")], "linux") == ""


def test_the_app_says_what_to_install_instead_of_aborting():
    if not sys.platform.startswith("linux") or not missing_xcb_packages():
        pytest.skip("every X library is installed here: the GUI would really start")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    env.pop("WAYLAND_DISPLAY", None)
    out = subprocess.run([sys.executable, "-m", "workbench"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1
    assert APT_LINE in out.stderr and "could not load the Qt platform plugin" not in out.stderr
    assert "Traceback" not in out.stderr


def test_readme_lists_the_same_line():
    assert APT_LINE in (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_window_takes_most_of_the_screen_then_remembers(qtbot, ctx):
    from workbench.ui.main_window import FIRST_WINDOW_FRACTION, MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() == max(window.minimumWidth(), int(area.width() * FIRST_WINDOW_FRACTION))
    assert window.height() == max(window.minimumHeight(), int(area.height() * FIRST_WINDOW_FRACTION))
    window.show()
    window.resize(window.minimumWidth() + 10, window.minimumHeight() + 20)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (window.minimumWidth() + 10, window.minimumHeight() + 20)
    again.close()


_LAZY = """
import json, sys
from workbench.ui.app import create_app, build_window
app = create_app()
w = build_window(); w.show(); app.processEvents()
before = {"pyqtgraph": "pyqtgraph" in sys.modules, "built": [t.title for t in w.built_tabs()],
          "titles": [w.tab_widget.tabText(i) for i in range(w.tab_widget.count())]}
w.tab_widget.setCurrentIndex(before["titles"].index("Attention")); app.processEvents()
after = {"pyqtgraph": "pyqtgraph" in sys.modules, "built": [t.title for t in w.built_tabs()],
         "shown": w.tab_widget.currentWidget().tab.isVisible()}
w.close()
print(json.dumps({"before": before, "after": after}))
"""


def test_tabs_are_built_when_first_shown(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", _LAZY], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    from workbench.ui.main_window import TABS

    assert seen["before"]["titles"] == [spec.title for spec in TABS]
    assert seen["before"]["titles"][:5] == ["Models", "Generate", "Attention", "Fine-tune", "Tasks"]
    assert seen["before"]["built"] == ["Models"] and not seen["before"]["pyqtgraph"]
    assert seen["after"]["built"] == ["Models", "Attention"] and seen["after"]["pyqtgraph"]
    assert seen["after"]["shown"]


def test_each_tab_is_listed_with_the_title_its_class_declares():
    # The tab bar shows TABS' titles before a tab is imported; code then finds the built tab by its own title.
    import importlib

    from workbench.ui.main_window import TABS

    for spec in TABS:
        assert getattr(importlib.import_module(spec.module), spec.class_name).title == spec.title


def test_a_listed_tab_is_built_when_asked_for(qtbot, ctx):
    from workbench.ui.main_window import TABS, MainWindow

    window = MainWindow(ctx, tabs=[TABS[0], TABS[4]])
    qtbot.addWidget(window)
    assert [t.title for t in window.built_tabs()] == ["Models"]
    assert window.tab("Tasks") is not None and len(window.built_tabs()) == 2
    window.close()


def test_try_it_reaches_a_tab_that_was_not_built_yet(qtbot, ctx):
    from workbench.ui.main_window import TABS, MainWindow

    window = MainWindow(ctx, tabs=[TABS[0], TABS[4]])
    qtbot.addWidget(window)
    assert [t.title for t in window.built_tabs()] == ["Models"]
    ctx.open_in_tab.emit("Tasks", "no-such-model")  # what the Fine-tune tab's "Try it" sends
    tasks = window.built_tabs()[-1]
    assert tasks.title == "Tasks" and window.tab_widget.currentIndex() == 1
    # The tab heard it: it reads the library again for the model (then says it is not there).
    qtbot.waitUntil(lambda: "no-such-model is not in" in tasks.banner.message, timeout=20000)
    assert tasks._pending_model == ""
    window.close()
