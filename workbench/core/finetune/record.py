"""What a run needs to be repeated: ``record.json`` in the run folder, and seeding.

The record holds the seed, every setting (as resolved), the SHA-256 of the data files, the base model's
revision and a hash of its files, and the versions of the libraries that train. ``seed_everything``
is called before anything draws random numbers (a new classifier head, LoRA adapters, data order,
dropout), the same way in the app, the CLI and a resumed run.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from pathlib import Path

from workbench.core.i18n import translate

RECORD_FILE = "record.json"
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")


def seed_everything(seed: int, deterministic: bool = False) -> None:
    import transformers

    if deterministic:
        transformers.enable_full_determinism(seed)
    else:
        transformers.set_seed(seed)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_sha256(folder: str | Path) -> str:
    """One hash over a model folder's config and weight files (names and contents, in name order)."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file() and (path.suffix in WEIGHT_SUFFIXES or path.name == "config.json"):
            digest.update(path.name.encode())
            digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def hf_revision(model_path: str | Path) -> str:
    """The commit of a model in the Hugging Face cache (``.../snapshots/<commit>``), else ''."""
    path = Path(model_path).resolve()
    return path.name if path.parent.name == "snapshots" else ""


def versions() -> dict:
    import peft
    import torch
    import transformers

    from workbench import __version__

    return {"python": platform.python_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "peft": peft.__version__, "workbench": __version__,
            "platform": f"{sys.platform}-{platform.machine()}"}


def determinism_note(device: str, deterministic: bool) -> str:
    """What the same seed guarantees on this device, said plainly in the run summary."""
    if device.startswith("cuda") and not deterministic:
        return translate("core", "Some CUDA kernels are not deterministic: the same seed can give slightly different "
                                 "weights on this GPU. Turn on full determinism (--deterministic) to repeat runs "
                                 "exactly, at some cost in speed.")
    if device.startswith("mps"):
        return translate("core", "Apple GPU (MPS) kernels are not all deterministic: the same seed can give slightly "
                                 "different weights. Use the CPU to repeat a run exactly.")
    return translate("core", "The same seed and settings give identical weights on this computer.")


def make_record(config, model_path: str | Path, device: str) -> dict:
    data = {"data_sha256": file_sha256(config.data)}
    if config.validation_data:
        data["validation_data_sha256"] = file_sha256(config.validation_data)
    return {"seed": config.seed, "deterministic": config.deterministic, "settings": config.to_json(), **data,
            "base_model": {"ref": config.model, "path": str(model_path), "revision": hf_revision(model_path),
                           "sha256": folder_sha256(model_path)},
            "versions": versions(), "device": device, "determinism": determinism_note(device, config.deterministic)}


def differences(record: dict, config) -> list[str]:
    """Why a repeat of ``record`` may not give the same model: changed data files or library versions."""
    out = []
    try:
        if file_sha256(config.data) != record.get("data_sha256"):
            out.append(translate("core", "{file} has changed since the recorded run.").format(file=Path(config.data).name))
    except OSError:
        out.append(translate("core", "{file} is missing.").format(file=config.data))
    now = versions()
    for name in ("torch", "transformers", "peft"):
        was = (record.get("versions") or {}).get(name)
        if was and was != now[name]:
            out.append(translate("core", "{lib} is {now} now; the run used {was}.").format(lib=name, now=now[name],
                                                                                          was=was))
    return out
