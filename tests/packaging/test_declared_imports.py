"""Every third-party module the workbench imports is declared in pyproject.toml, and the pins hold."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
NOT_INSTALLED = {"llama_cpp": "llama-cpp-python"}  # module -> distribution, for a machine without the engine


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    # the llama.cpp engine is declared by its installer, which compiles it for the CPU (make llamacpp)
    from workbench.core.engines.llamacpp_install import VERSION

    lines.append(f"llama-cpp-python=={VERSION}")
    return {_norm(Requirement(line).name): Requirement(line) for line in lines}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_modules() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in (ROOT / "workbench").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "workbench" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_declared():
    declared = _declared()
    distributions = md.packages_distributions()
    missing = []
    for module, where in sorted(_imported_top_modules().items()):
        # an optional module not installed here is known by its distribution's name only
        candidates = {_norm(d) for d in distributions.get(module, [])} or {_norm(NOT_INSTALLED.get(module, module))}
        if not candidates & declared.keys():
            missing.append(f"{module} (imported in {where}, distribution {sorted(candidates)})")
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)


def test_directly_used_transport_and_lock_are_declared():
    # core/hub/ talks to httpx2 and filelock itself; relying on huggingface_hub to pull them in breaks
    # the day it changes its own dependencies.
    declared = _declared()
    assert {"httpx2", "filelock"} <= declared.keys()


def test_huggingface_hub_pinned_to_the_installed_major_version():
    requirement = _declared()["huggingface-hub"]
    installed = md.version("huggingface_hub")
    major = int(installed.split(".")[0])
    assert requirement.specifier.contains(installed)
    assert not requirement.specifier.contains(f"{major + 1}.0.0"), "pin below the next major version"
    assert not requirement.specifier.contains(f"{major - 1}.99.0"), "the code needs this major version"


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"constraints.txt pins exact versions: {line}"
            pins[_norm(requirement.name)] = specifier.version
    return pins


def test_constraints_pin_every_dependency_within_its_declared_range():
    """make run/test/package install with constraints.txt: every declared dependency has a pin that its
    declared range accepts (so the pins can be installed), the llama.cpp installer builds the pinned version."""
    from workbench.core.engines.llamacpp_install import VERSION

    pins = _constraints()
    for name, requirement in _declared().items():
        assert name in pins, f"{name} is declared but not pinned in constraints.txt (run make lock)"
        assert requirement.specifier.contains(pins[name], prereleases=True), \
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject's {requirement}"
    assert pins["llama-cpp-python"] == VERSION


def test_the_suite_runs_on_the_pinned_versions():
    """What the tests pass with is what constraints.txt says (a drifted install is caught here, not by users)."""
    pins = _constraints()
    drifted = []
    for name in sorted(_declared()):
        try:
            installed = md.version(name).split("+")[0]
        except md.PackageNotFoundError:
            continue  # an optional part not installed here (the llama.cpp engine, PyInstaller)
        if installed != pins[name]:
            drifted.append(f"{name} {installed} (pinned {pins[name]})")
    assert not drifted, "installed versions differ from constraints.txt: " + "; ".join(drifted)
