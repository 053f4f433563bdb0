"""What a hub (or a mirror set in ``HF_ENDPOINT``) says is hostile until checked, and so is what a user types.

Names, blob ids and commit ids from the server become paths in the cache (``snapshots/<commit>/<name>``,
``blobs/<etag>``, ``.locks/.../<etag>.lock``); a revision becomes ``refs/<revision>``. The hub itself never
serves anything else than these shapes; a mirror that does is refused before a byte is written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.core.hub.connection import endpoint
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError

_COMMIT = re.compile(r"[0-9a-f]{40}")  # huggingface_hub's REGEX_COMMIT_HASH, matched whole
_GIT_BLOB = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_repo_id(repo_id: str) -> str:
    """An organisation/name id as typed or pasted (a model URL works too), by huggingface_hub's rules."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    repo_id = repo_id.strip().strip("/")
    if repo_id.startswith(("http://", "https://")):
        repo_id = repo_id.split("://", 1)[1].split("/", 1)[-1]
    parts = repo_id.split("/")
    try:
        if len(parts) > 2 or not all(parts) or any(p in (".", "..") for p in parts):
            raise HFValidationError(repo_id)
        validate_repo_id(repo_id)  # huggingface_hub's own rule: [A-Za-z0-9-_.], no '--' or '..'
    except HFValidationError:
        raise WorkbenchError(translate("core", "'{repo_id}' is not a hub model id.").format(repo_id=repo_id),
                             translate("core", "Use the form organisation/name, e.g. HuggingFaceTB/SmolLM2-135M.")
                             ) from None
    return repo_id


def _refuse(repo_id: str, what: str) -> WorkbenchError:
    return WorkbenchError(
        translate("core", "The hub at {endpoint} sent an unsafe listing for {repo}: {what}. "
                          "Nothing was downloaded.").format(endpoint=endpoint(), repo=repo_id, what=what),
        translate("core", "A real Hugging Face Hub never sends this. If HF_ENDPOINT points at a mirror, stop "
                          "using it (unset HF_ENDPOINT) or tell its operators."))


def _unsafe_name_reason(name: str) -> str:
    """Why a repo file name cannot become a path under the snapshot folder ('' when it can).

    Mirrors huggingface_hub's ``_validate_path_in_repo`` (no '..' segment anywhere) and its
    ``_get_pointer_path`` check, and is stricter where a hostile server could otherwise reach out of the
    cache: absolute paths, Windows drives and separators, empty or '.' segments, control characters."""
    if not isinstance(name, str) or not name:
        return translate("core", "an empty file name")
    if _CONTROL.search(name):
        return translate("core", "a file name with control characters")
    if name.startswith("/") or "\\" in name or re.match(r"[A-Za-z]:", name):
        return translate("core", "the absolute or Windows path '{name}' as a file name").format(name=name)
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return translate("core", "the file name '{name}', which steps out of its folder").format(name=name)
    if parts[0] == ".git":
        return translate("core", "the file name '{name}' inside .git").format(name=name)
    return ""


def check_listing(repo_id: str, commit, files: list) -> None:
    """Refuse a listing (``commit`` and its ``HubFile``s) that is malformed or could write outside the cache."""
    if not isinstance(commit, str) or not _COMMIT.fullmatch(commit):
        raise _refuse(repo_id, translate("core", "the commit id {commit} is not 40 hexadecimal digits").format(
            commit=repr(str(commit)[:80])))
    seen = set()
    for f in files:
        reason = _unsafe_name_reason(f.name)
        if reason:
            raise _refuse(repo_id, reason[:200])
        if f.name in seen:
            raise _refuse(repo_id, translate("core", "the file name '{name}' twice").format(name=f.name))
        seen.add(f.name)
        if not _GIT_BLOB.fullmatch(f.blob_id or ""):
            raise _refuse(repo_id, translate("core", "the blob id {blob} of {name}, which is not a git object id").format(
                blob=repr(str(f.blob_id)[:80]), name=f.name))
        if f.sha256 is not None and not _SHA256.fullmatch(f.sha256):
            raise _refuse(repo_id, translate("core", "the sha256 {sha} of {name}, which is not a sha256").format(
                sha=repr(str(f.sha256)[:80]), name=f.name))
        if not isinstance(f.size, int) or f.size < 0:
            raise _refuse(repo_id, translate("core", "the size {size} of {name}").format(size=repr(f.size), name=f.name))


def check_revision(revision: str) -> str:
    """A branch, tag or commit a user typed: it becomes ``refs/<revision>`` in the cache."""
    revision = (revision or "main").strip()
    if (revision.startswith("/") or "\\" in revision or _CONTROL.search(revision)
            or any(part in ("", ".", "..") for part in revision.split("/"))):
        raise WorkbenchError(translate("core", "'{revision}' is not a branch, tag or commit name.").format(
            revision=revision), translate("core", "Use a name such as main, v1.0 or a 40-character commit id."))
    return revision


def inside(folder: Path, path: Path) -> Path:
    """``path`` if it lies under ``folder`` (without following links), else refuse: the last guard
    before writing, as huggingface_hub's ``_get_pointer_path`` does."""
    if Path(os.path.abspath(folder)) not in Path(os.path.abspath(path)).parents:
        raise WorkbenchError(translate("core", "Refused to write {path}: it is outside {folder}.").format(
            path=path, folder=folder), translate("core", "The hub listing is unsafe; nothing was written there."))
    return path
