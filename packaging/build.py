"""Build the packaged app: a one-folder bundle in dist/model-workbench/ (PyInstaller), and on Linux
a tarball dist/model-workbench-VERSION-linux-ARCH.tar.gz with the desktop entry, icons and install.sh.

Run from anywhere with the project's Python (the one with the app's dependencies and PyInstaller):
``python packaging/build.py`` (``make package`` does this). ``--no-archive`` skips the tarball.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "workbench" / "resources" / "icons"
NAME = "model-workbench"


def version() -> str:
    return re.search(r'__version__ = "([^"]+)"', (ROOT / "workbench" / "__init__.py").read_text()).group(1)


def bundle_dir(dist: Path) -> Path:
    return dist / NAME


def build_bundle(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is missing: pip install "pyinstaller>=6.10" (or: pip install -e ".[package]")')
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "model-workbench.spec")],
                   check=True, cwd=ROOT)
    return bundle_dir(dist)


def linux_archive(dist: Path) -> Path:
    """The bundle plus what a Linux desktop needs, as one tarball; install.sh puts it in ~/.local."""
    stem = f"{NAME}-{version()}-linux-{platform.machine()}"
    archive = dist / f"{stem}.tar.gz"
    extras = {
        "install.sh": PACKAGING / "linux" / "install.sh",
        f"{NAME}.desktop": PACKAGING / "linux" / f"{NAME}.desktop",
        "icons/workbench.svg": ICONS / "workbench.svg",
    }
    extras.update({f"icons/{p.name}": p for p in sorted(ICONS.glob("workbench-*.png"))})

    def executable_bits(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle_dir(dist), arcname=f"{stem}/{NAME}", filter=executable_bits)
        for arcname, source in extras.items():
            tar.add(source, arcname=f"{stem}/{arcname}", filter=executable_bits)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only, no tarball")
    args = parser.parse_args(argv)
    if bundle_dir(args.dist).exists():
        shutil.rmtree(bundle_dir(args.dist))
    bundle = build_bundle(args.dist, args.work)
    print(f"bundle: {bundle}")
    if sys.platform.startswith("linux") and not args.no_archive:
        print(f"archive: {linux_archive(args.dist)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
