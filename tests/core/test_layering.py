import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_without_qt():
    """workbench.core (every module) imports with PySide6 and pyqtgraph made unimportable."""
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):
                    raise ImportError('Qt is blocked in this test: ' + name)
        sys.meta_path.insert(0, Block())
        import workbench.core as core
        names = [m.name for m in pkgutil.walk_packages(core.__path__, 'workbench.core.')]
        for name in names:
            importlib.import_module(name)
        assert not any(m.split('.')[0] in ('PySide6', 'pyqtgraph') for m in sys.modules)
        assert not any(m.startswith(('workbench.ui', 'workbench.cli')) for m in sys.modules)
        print(len(names))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 8


def test_core_does_not_import_torch_at_import_time():
    """Heavy imports are lazy so the window appears before they load."""
    code = "import sys, workbench.core.library, workbench.core.service, workbench.core.settings; " \
           "print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "False"], out.stderr
