"""Build and install the llama.cpp engine (llama-cpp-python) the one way the workbench supports.

``python -m workbench.core.engines.llamacpp_install`` (``make llamacpp`` runs it) compiles llama.cpp
for this CPU, keeping its SIMD (AVX2, AVX-512, VNNI) but without ggml's AMX kernels: on CPUs with
AMX (Intel Xeon 4th gen and newer) they die with an illegal instruction on the first batch of two
or more tokens (llama.cpp PR #26954, still open). The compiler's own feature flags turn AMX off,
since ``-march=native`` would otherwise switch it back on.

pip caches a built wheel by package name and version only, so a machine that once built llama.cpp
with other options (or on another CPU) would reinstall that wheel. This script never uses pip's
cache: it keeps its own wheels in a folder named by everything that goes into the build (version,
options, CPU features, Python), and marks the installed package with that key, so a changed key
rebuilds and reinstalls, and an unchanged one does nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

VERSION = "0.3.36"  # the version the tests pass with; constraints.txt pins the same
MARKER = "workbench-build.json"  # written into the installed llama_cpp package
# ggml's AMX flags: explicit -mno-* flags win over -march=native whatever their order (GCC and clang)
NO_AMX_FLAGS = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"


def cmake_args() -> list[str]:
    args = ["-DGGML_NATIVE=ON", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF",
            "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_TESTS=OFF"]
    if platform.machine().lower() in ("x86_64", "amd64", "i686", "x86") and os.name != "nt":
        args += [f"-DCMAKE_C_FLAGS={NO_AMX_FLAGS}", f"-DCMAKE_CXX_FLAGS={NO_AMX_FLAGS}"]
    return args


def cpu_features() -> list[str]:
    """The CPU's feature flags: a native build is only good for CPUs that have them all."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(("flags", "Features")):
                return sorted(set(line.split(":", 1)[1].split()))
    except OSError:
        pass
    return [platform.processor() or platform.machine()]


def build_key() -> str:
    recipe = {"version": VERSION, "cmake_args": cmake_args(), "machine": platform.machine(),
              "python": sysconfig.get_platform() + "-" + sys.implementation.cache_tag, "cpu": cpu_features()}
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:16]


def wheel_cache() -> Path:
    from workbench.core.paths import cache_dir

    return Path(os.environ.get("WORKBENCH_WHEEL_CACHE") or cache_dir() / "wheels")


def installed_key() -> str | None:
    """The build key of the installed llama_cpp, or None (not installed, or not built by this script)."""
    import importlib.util

    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    marker = Path(list(spec.submodule_search_locations)[0]) / MARKER
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("key")
    except (OSError, ValueError):
        return None


def _pip(*args: str, env: dict | None = None) -> None:
    command = [sys.executable, "-m", "pip", *args]
    print("+", shlex.join(command), flush=True)
    subprocess.run(command, check=True, env=env)


def build_wheel(key: str) -> Path:
    folder = wheel_cache() / f"llama-cpp-python-{VERSION}-{key}"
    found = sorted(folder.glob("llama_cpp_python-*.whl"))
    if found:
        print(f"llama.cpp: reusing the wheel built for this CPU and these options: {found[0]}", flush=True)
        return found[0]
    env = dict(os.environ, CMAKE_ARGS=" ".join(shlex.quote(a) for a in cmake_args()),
               CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2), FORCE_CMAKE="1")
    print(f"llama.cpp: compiling llama-cpp-python {VERSION} with {env['CMAKE_ARGS']} (a few minutes)", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        _pip("wheel", "--no-deps", "--no-cache-dir", "--no-binary", "llama-cpp-python", "-w", scratch,
             f"llama-cpp-python=={VERSION}", env=env)
        built = sorted(Path(scratch).glob("llama_cpp_python-*.whl"))
        if not built:
            raise SystemExit("llama.cpp: pip built no wheel")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / built[0].name
        shutil.copy2(built[0], target.with_suffix(".part"))
        os.replace(target.with_suffix(".part"), target)
    return target


def system_info() -> str:
    """llama.cpp's own list of what this build uses, read in a child process (never in this one)."""
    code = "import llama_cpp; print(llama_cpp.llama_print_system_info().decode())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    return done.stdout.strip() if done.returncode == 0 else ""


def install(force: bool = False) -> int:
    key = build_key()
    if not force and installed_key() == key:
        print(f"llama.cpp: the engine is installed and built for this CPU ({key})", flush=True)
        return 0
    wheel = build_wheel(key)
    _pip("install", "--no-cache-dir", "--force-reinstall", "--no-deps", str(wheel))
    _pip("install", "--no-cache-dir", str(wheel))  # its own dependencies (numpy, jinja2, diskcache)
    import importlib
    import importlib.util

    importlib.invalidate_caches()
    spec = importlib.util.find_spec("llama_cpp")
    package = Path(list(spec.submodule_search_locations)[0])
    (package / MARKER).write_text(json.dumps({"key": key, "version": VERSION, "cmake_args": cmake_args()}),
                                  encoding="utf-8")
    info = system_info()
    print(f"llama.cpp: {info}", flush=True)
    if "AMX_INT8 = 1" in info:
        print("llama.cpp: the build still uses AMX; it would crash on this CPU", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    return install(force="--force" in argv)


if __name__ == "__main__":
    raise SystemExit(main())
