"""Typed, versioned settings stored as JSON in the per-user config folder.

Writes are atomic (temp file + rename). A file that cannot be read is backed up beside itself and
replaced by defaults, and the caller is told so it can say so to the user. Older versions are
migrated forward step by step.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core import paths
from workbench.core.dataclass_json import known_fields
from workbench.core.i18n import translate

SETTINGS_VERSION = 2


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    device: str = "auto"  # auto | cpu | cuda | mps
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    max_loaded_models: int = 1
    allow_pickle_weights: bool = False
    hf_offline: bool = False
    last_model: str = ""
    window_geometry: dict = field(default_factory=dict)  # keyed by Qt version, base64 strings
    last_tab: int = 0
    # What this machine measured once: is bfloat16 faster than float32 on its CPU?
    cpu_bf16_faster: bool | None = None
    generation_presets: dict = field(default_factory=dict)
    ui_state: dict = field(default_factory=dict)  # per-tab remembered choices
    lesson_progress: dict = field(default_factory=dict)  # lesson id -> the ids of its steps done (core/lessons.py)
    language: str = ""  # "" follows the system locale; "en" or "zh_CN" (workbench.core.i18n.LANGUAGES)


def _migrate(raw: dict) -> dict:
    version = int(raw.get("version", 1))
    if version < 2:
        # v1 called the device setting "accelerator".
        if "accelerator" in raw:
            raw["device"] = raw.pop("accelerator")
        version = 2
    raw["version"] = version
    return raw


@dataclass
class LoadOutcome:
    settings: Settings
    problem: str = ""  # non-empty when the file was unreadable and was reset


def settings_path() -> Path:
    return paths.config_dir() / "settings.json"


def load(path: Path | None = None, keep_aside: bool = True) -> LoadOutcome:
    """The settings in ``path``. An unreadable file gives defaults and a problem to show; with
    ``keep_aside`` it is also renamed (backed up) so the next save does not overwrite it. A caller
    that only peeks before the window exists (the language) passes False and leaves that, and the
    message, to the window's own load."""
    path = path or settings_path()
    if not path.exists():
        return LoadOutcome(Settings())
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError(translate("core", "the file does not hold a JSON object"))
        raw = _migrate(raw)
        settings = Settings(**known_fields(Settings, raw))
        settings.version = SETTINGS_VERSION
        return LoadOutcome(settings)
    except (OSError, ValueError, TypeError) as exc:
        backup = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
        if not keep_aside:
            return LoadOutcome(Settings(), translate("core", "Settings file {path} could not be read ({error}); "
                                                             "defaults are in use.").format(path=path, error=exc))
        try:
            path.replace(backup)
            problem = translate("core", "Settings file {path} could not be read ({error}); defaults are in use. It "
                                        "was kept as {backup}.")
        except OSError:
            problem = translate("core", "Settings file {path} could not be read ({error}); defaults are in use.")
        return LoadOutcome(Settings(), problem.format(path=path, error=exc, backup=backup))


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), indent=2, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
