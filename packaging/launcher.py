"""The bundle's one executable: the desktop app by default, every ``workbench`` command with arguments."""

import multiprocessing
import sys

# A frozen app re-runs this executable for child processes (torch data loaders, spawned workers).
multiprocessing.freeze_support()

# A source install starts child commands as ``python -m workbench ...``; in the bundle that executable is
# this program, which already is the ``workbench`` command, so the two words are dropped.
if sys.argv[1:3] == ["-m", "workbench"]:
    del sys.argv[1:3]

from workbench.cli import main  # noqa: E402

raise SystemExit(main())
