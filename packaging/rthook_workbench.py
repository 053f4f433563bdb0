"""PyInstaller runtime hook: point the model library at the starter models shipped inside the bundle."""

import os
import sys

os.environ.setdefault("WORKBENCH_STARTERS_DIR", os.path.join(sys._MEIPASS, "starters"))
