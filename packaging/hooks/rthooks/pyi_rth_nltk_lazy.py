# Same effect as PyInstaller's nltk hook (the bundle's nltk_data folder searched first) without importing nltk:
# nltk reads NLTK_DATA when it is first imported.
import os
import sys

os.environ["NLTK_DATA"] = os.pathsep.join(
    p for p in (os.path.join(sys._MEIPASS, "nltk_data"), os.environ.get("NLTK_DATA")) if p)
