"""Where a repo's files live in the standard Hugging Face cache, and the room left on its disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from workbench.core import paths


def free_disk_bytes() -> int:
    """Free bytes on the disk that holds (or will hold) the HF cache."""
    target = paths.hf_cache_dir()
    while not target.exists() and target != target.parent:
        target = target.parent
    return shutil.disk_usage(target).free


def storage_folder(repo_id: str) -> Path:
    """``models--org--name``: huggingface_hub's folder for a model repo."""
    from huggingface_hub.file_download import repo_folder_name

    return paths.hf_cache_dir() / repo_folder_name(repo_id=repo_id, repo_type="model")
