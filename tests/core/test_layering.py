import ast
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


# ---- import cycles, counting imports inside functions (import-linter's layers cannot see a cycle inside a layer) ----

PACKAGE = ROOT / "workbench"
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph")


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every workbench module: dotted name -> (file, is a package)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imports(name: str, path: Path, is_package: bool, modules) -> set[str]:
    """The workbench modules and top-level outside packages that ``name`` imports, anywhere in its file."""

    def workbench_module(dotted: str) -> str:
        while dotted not in modules:  # an attribute of a module (a class, a function): the module
            dotted = dotted.rpartition(".")[0]
        return dotted

    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the package, one level up per extra dot
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            targets = [f"{source}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            top = target.split(".")[0]
            found.add(workbench_module(target) if top == "workbench" else top)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, is_package, modules) for name, (path, is_package) in modules.items()}


def import_cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one workbench module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(n for n in graph[root] if n in graph)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(n for n in graph[nxt] if n in graph))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(frozenset(component))
    return cycles


def test_cycle_finder_sees_imports_inside_functions_and_relative_ones(tmp_path):
    """The finder itself: a cycle closed only by a relative import inside a function is found."""
    graph = {"workbench.a": {"workbench.b"}, "workbench.b": {"workbench.c"}, "workbench.c": set(),
             "workbench.d": set()}
    assert import_cycles(graph) == []
    graph["workbench.c"].add("workbench.a")
    assert import_cycles(graph) == [frozenset({"workbench.a", "workbench.b", "workbench.c"})]
    modules = {"workbench": (None, True), "workbench.core": (None, True), "workbench.core.x": (None, False),
               "workbench.core.y": (None, False)}
    source = tmp_path / "y.py"
    source.write_text("import json\n\ndef later():\n    from .x import helper\n    from . import x\n"
                      "    import PySide6.QtCore\n", encoding="utf-8")
    assert _imports("workbench.core.y", source, False, modules) == {"json", "workbench.core.x", "PySide6"}


def test_no_import_cycles():
    """No two workbench modules import each other, directly or around a loop, even inside functions."""
    cycles = [sorted(c) for c in import_cycles(import_graph())]
    assert not cycles, f"import cycles: {cycles}"


def test_qt_only_through_the_qt_module():
    """PySide6, shiboken6 and pyqtgraph are imported by workbench/ui/qt.py alone (import-linter cannot name
    shiboken6 while nothing imports it, so this checks all three)."""
    offenders = sorted(name for name, imported in import_graph().items()
                       if name != "workbench.ui.qt" and imported & set(QT_PACKAGES))
    assert offenders == []
