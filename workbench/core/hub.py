"""The Hugging Face Hub: search, model pages, fit verdicts, token, and downloads that never lose a byte.

Built on huggingface_hub (``HfApi`` for search, model info and whoami; ``hf_hub_url``,
``build_hf_headers`` and its HTTP session for file transfers; its token store), with two things it
does not do itself (2.4): resuming across calls from the bytes already on disk, and verifying what
arrived. Files land in the standard cache layout (``blobs/<etag>``, ``snapshots/<commit>/<file>``,
``refs/<revision>``) so ``scan_cache_dir``, ``try_to_load_from_cache`` and every other tool see them.
A partial file is ``blobs/<etag>.incomplete`` (huggingface_hub's own name for it), so a download
started by another tool is resumed too. Snapshot links are made only after every chosen file is
verified: an unfinished or corrupt download never appears as a model.

``HF_ENDPOINT`` and ``HF_HUB_OFFLINE`` are read at call time (huggingface_hub reads them once at import).
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import os
import queue
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from workbench.core import devices, paths
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Cancelled, Event, Progress, Result, WorkbenchError
from workbench.core.units import human_bytes

DEFAULT_ENDPOINT = "https://huggingface.co"
HUB_TASKS = ("text-generation", "text-classification", "token-classification", "question-answering",
             "summarization", "translation", "text2text-generation", "fill-mask", "feature-extraction",
             "sentence-similarity")
SORTS = {"downloads": "downloads", "likes": "likes", "updated": "last_modified"}
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".gguf", ".h5", ".msgpack", ".onnx")
SEARCH_EXPAND = ["downloads", "likes", "lastModified", "gated", "pipeline_tag", "library_name", "tags",
                 "usedStorage", "private"]
READ_TIMEOUT_S = 30.0
PROGRESS_EVERY_S = 0.1
HANDOVER_BYTES = 1 << 20
HANDOVER_S = 0.1
DOWNLOAD_WORKERS = 8  # files fetched at once, as huggingface_hub's snapshot_download does


# ---- environment --------------------------------------------------------------------------------
def endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def env_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def is_offline(setting: bool = False) -> bool:
    """Offline when the settings say so or ``HF_HUB_OFFLINE`` is set now."""
    return bool(setting) or env_offline()


def _go_online(offline: bool) -> None:
    """Refuse network work when offline; otherwise tell huggingface_hub, whose offline flag was
    frozen when it was imported, that the network may be used now."""
    if offline or env_offline():
        source = (translate("core", "HF_HUB_OFFLINE is set") if env_offline()
                  else translate("core", "offline mode is on in the workbench"))
        raise WorkbenchError(translate("core", "The workbench is offline ({source}), so the hub cannot be reached.").format(source=source),
                             translate("core", "Turn off offline mode on the Downloads page (and unset "
                                               "HF_HUB_OFFLINE), then try again. Models already on this computer "
                                               "keep working."))
    import huggingface_hub.constants as hf_constants

    hf_constants.HF_HUB_OFFLINE = False


def _api(offline: bool):
    _go_online(offline)
    from huggingface_hub import HfApi

    return HfApi(endpoint=endpoint(), library_name="workbench")


def _check_reachable(timeout_s: float = 3.0) -> None:
    """Say plainly, within seconds, that the hub cannot be reached (huggingface_hub's own retries of a
    refused connection take about 25 s). Skipped behind a proxy, where a direct connection proves nothing."""
    import socket
    from urllib.parse import urlsplit

    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")):
        return
    parts = urlsplit(endpoint())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname, port), timeout=timeout_s).close()
    except OSError as exc:
        raise WorkbenchError(translate("core", "Cannot reach the hub at {endpoint}: {value}.").format(endpoint=endpoint(), value=exc.strerror or exc),
                             translate("core", "Check the network connection, or turn on offline mode to work with "
                                               "the models already on this computer.")) from exc


def repo_url(repo_id: str) -> str:
    return f"{endpoint()}/{repo_id}"


# ---- errors ---------------------------------------------------------------------------------------
def _gated_error(repo_id: str, status: int) -> WorkbenchError:
    if status == 401:
        return WorkbenchError(
            translate("core", "{repo_id} is gated or private: the hub refused the download without a valid token "
                              "(401).").format(repo_id=repo_id),
            translate("core", "Open {repo_url} in a browser, accept the licence, create a read token at "
                              "{endpoint}/settings/tokens and set it on the Downloads page (Set token…), then retry.").format(repo_url=repo_url(repo_id), endpoint=endpoint()))
    return WorkbenchError(
        translate("core", "Your hub token has no access to {repo_id} (403): the licence has not been accepted for "
                          "this account.").format(repo_id=repo_id),
        translate("core", "Open {repo_url} while logged in as the token's owner, accept the licence (some are "
                          "reviewed by the authors and take a while), then retry.").format(repo_url=repo_url(repo_id)))


def _translate(exc: BaseException, repo_id: str = "", what: str = "") -> BaseException:
    """A huggingface_hub or HTTP failure as a WorkbenchError saying what to do."""
    import httpx2
    from huggingface_hub import errors

    where = f" {what}" if what else ""
    if isinstance(exc, (WorkbenchError, Cancelled)):
        return exc
    if isinstance(exc, errors.OfflineModeIsEnabled):
        return WorkbenchError(translate("core", "huggingface_hub is in offline mode (HF_HUB_OFFLINE), so the hub "
                                                "cannot be reached."),
                              translate("core", "Unset HF_HUB_OFFLINE and turn off offline mode, then retry."))
    if isinstance(exc, errors.GatedRepoError):
        return _gated_error(repo_id, exc.response.status_code if exc.response is not None else 401)
    if isinstance(exc, errors.RevisionNotFoundError):
        return WorkbenchError(translate("core", "{repo_id} has no revision{where} on the hub (404).").format(repo_id=repo_id, where=where),
                              translate("core", "Check the branch, tag or commit name; 'main' is the default."))
    if isinstance(exc, errors.RemoteEntryNotFoundError):
        return WorkbenchError(translate("core", "A file of {repo_id}{where} is not on the hub (404).").format(repo_id=repo_id, where=where),
                              translate("core", "The repository changed; open the model page again to see its files."))
    if isinstance(exc, errors.RepositoryNotFoundError):
        return WorkbenchError(translate("core", "{repo_id} was not found on the hub at {endpoint} (404).").format(repo_id=repo_id, endpoint=endpoint()),
                              translate("core", "Check the spelling (organisation/name). A private repository also "
                                                "needs a token."))
    if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
        status = exc.response.status_code
        if status in (401, 403):
            return _gated_error(repo_id, status)
        if status == 404:
            return WorkbenchError(translate("core", "{value} was not found on the hub (404).").format(value=repo_id)
                                  if repo_id else translate("core", "That was not found on the hub (404)."),
                                  translate("core", "Check the name and revision."))
        if status >= 500 or status == 429:
            return WorkbenchError(translate("core", "The hub had a server error ({status}){where} and did not "
                                                    "recover after retries.").format(status=status, where=where),
                                  translate("core", "The hub is having trouble; retry in a few minutes. Downloads "
                                                    "resume where they stopped."))
        return WorkbenchError(translate("core", "The hub refused the request{where} ({status}).").format(where=where, status=status), str(exc).splitlines()[0])
    if isinstance(exc, httpx2.TransportError):
        return WorkbenchError(translate("core", "Cannot reach the hub at {endpoint}{where}: {name} {exc}").format(endpoint=endpoint(), where=where, name=type(exc).__name__, exc=exc).strip(),
                              translate("core", "Check the network connection (or turn on offline mode to work with "
                                                "local models). Downloads resume where they stopped."))
    return exc


def _retrying(call, attempts: int = 4, backoff_s: float = 0.5, cancel: CancelToken = NEVER_CANCELLED):
    """Run an API call, retrying transient failures (5xx, 429, connection problems) with backoff."""
    import httpx2
    from huggingface_hub import errors

    for attempt in range(attempts):
        try:
            return call()
        except (errors.HfHubHTTPError, httpx2.TransportError) as exc:
            status = getattr(getattr(exc, "response", None), "status_code", None)
            transient = isinstance(exc, httpx2.TransportError) or (status is not None and (status >= 500 or
                                                                                          status == 429))
            if not transient or attempt == attempts - 1:
                raise
            if cancel.wait(backoff_s * 2 ** attempt):
                raise Cancelled() from None


# ---- search -------------------------------------------------------------------------------------------
@dataclass
class ModelSummary:
    repo_id: str
    downloads: int = 0
    likes: int = 0
    last_modified: str = ""
    size_bytes: int | None = None
    license: str = ""
    gated: bool = False
    pipeline_tag: str = ""
    library: str = ""


@dataclass
class SearchPage:
    results: list[ModelSummary]
    offset: int
    has_more: bool


def _license(tags) -> str:
    for tag in tags or ():
        if tag.startswith("license:"):
            return tag.split(":", 1)[1]
    return ""


def search_models(text: str = "", task: str = "", library: str = "transformers", sort: str = "downloads",
                  offset: int = 0, limit: int = 30, offline: bool = False,
                  cancel: CancelToken = NEVER_CANCELLED) -> SearchPage:
    """One page of hub search results, ``offset`` results in (the next page is ``offset + limit``)."""
    if task and task not in HUB_TASKS:
        raise WorkbenchError(translate("core", "Unknown task filter '{task}'.").format(task=task), translate("core", "Choose one of: ") + ", ".join(HUB_TASKS))
    if sort not in SORTS:
        raise WorkbenchError(translate("core", "Unknown sort order '{sort}'.").format(sort=sort), translate("core", "Choose downloads, likes or updated."))
    api = _api(offline)

    def fetch():
        # The hub pages with a Link header; asking for everything up to this page keeps to the public API.
        items = api.list_models(search=text.strip() or None, pipeline_tag=task or None, filter=library or None,
                                sort=SORTS[sort], limit=offset + limit + 1, expand=SEARCH_EXPAND)
        return list(itertools.islice(items, offset, offset + limit + 1))

    _check_reachable()
    try:
        found = fetch()  # list_models retries transient failures itself (http_backoff)
    except Exception as exc:
        raise _translate(exc, what=translate("core", "while searching")) from exc
    results = [ModelSummary(
        repo_id=m.id, downloads=m.downloads or 0, likes=m.likes or 0,
        last_modified=m.last_modified.strftime("%Y-%m-%d") if m.last_modified else "",
        size_bytes=m.used_storage, license=_license(m.tags), gated=bool(m.gated), pipeline_tag=m.pipeline_tag or "",
        library=m.library_name or "") for m in found[:limit]]
    return SearchPage(results, offset, has_more=len(found) > limit)


# ---- model page -------------------------------------------------------------------------------------
@dataclass
class HubFile:
    name: str
    size: int
    blob_id: str  # git object id (sha1 of "blob <size>\0" + content)
    sha256: str | None = None  # LFS files only

    @property
    def etag(self) -> str:
        """The blob's name in the cache: what huggingface_hub stores it under."""
        return self.sha256 or self.blob_id

    @property
    def is_weights(self) -> bool:
        return self.name.endswith(WEIGHT_SUFFIXES)


@dataclass
class ModelDetails:
    repo_id: str
    revision: str
    commit: str
    files: list[HubFile]
    gated: bool = False
    license: str = ""
    downloads: int = 0
    likes: int = 0
    pipeline_tag: str = ""
    parameters: int | None = None  # from the hub's safetensors metadata, when it has it
    card: str = ""  # README.md (markdown), "" when there is none

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


def model_details(repo_id: str, revision: str = "main", offline: bool = False, with_card: bool = True,
                  cancel: CancelToken = NEVER_CANCELLED) -> ModelDetails:
    """Files with sizes and hashes, licence, gating, parameters and the model card."""
    repo_id = _check_repo_id(repo_id)
    revision = _check_revision(revision)
    api = _api(offline)
    try:
        info = _retrying(lambda: api.model_info(repo_id, revision=revision, files_metadata=True), cancel=cancel)
    except Exception as exc:
        raise _translate(exc, repo_id, f"'{revision}'") from exc
    files = [HubFile(s.rfilename, (s.lfs.size if s.lfs else s.size) or 0, s.blob_id or "",
                     s.lfs.sha256 if s.lfs else None) for s in (info.siblings or [])]
    _check_listing(repo_id, info.sha, files)
    card_license = (info.card_data or {}).get("license") if info.card_data else ""
    details = ModelDetails(
        repo_id=repo_id, revision=revision, commit=info.sha, files=files, gated=bool(info.gated),
        license=str(card_license or _license(info.tags)), downloads=info.downloads or 0, likes=info.likes or 0,
        pipeline_tag=info.pipeline_tag or "",
        parameters=info.safetensors.total if info.safetensors else None)
    if with_card and any(f.name == "README.md" for f in files):
        details.card = _fetch_text(repo_id, "README.md", details.commit)
    return details


def _fetch_text(repo_id: str, filename: str, revision: str) -> str:
    """A small text file (the model card); '' if it cannot be fetched: the page works without it."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.utils import build_hf_headers, get_session

    url = hf_hub_url(repo_id, filename, revision=revision, endpoint=endpoint())
    try:
        response = get_session().get(url, headers=build_hf_headers(library_name="workbench"), follow_redirects=True,
                                     timeout=15)
    except Exception:  # the card is optional decoration of the page
        return ""
    if response.status_code != 200:
        return ""
    return response.content[:512 * 1024].decode("utf-8", errors="replace")


def _check_repo_id(repo_id: str) -> str:
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


# ---- what a hub (or a mirror set in HF_ENDPOINT) says is hostile until checked ------------------------------
# Names, blob ids and commit ids from the server become paths in the cache (snapshots/<commit>/<name>,
# blobs/<etag>, .locks/.../<etag>.lock). The hub itself never serves anything else than these shapes;
# a mirror that does is refused before a byte is written.
_COMMIT = re.compile(r"[0-9a-f]{40}")  # huggingface_hub's REGEX_COMMIT_HASH, matched whole
_GIT_BLOB = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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


def _check_listing(repo_id: str, commit, files: list[HubFile]) -> None:
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


def _check_revision(revision: str) -> str:
    """A branch, tag or commit a user typed: it becomes ``refs/<revision>`` in the cache."""
    revision = (revision or "main").strip()
    if (revision.startswith("/") or "\\" in revision or _CONTROL.search(revision)
            or any(part in ("", ".", "..") for part in revision.split("/"))):
        raise WorkbenchError(translate("core", "'{revision}' is not a branch, tag or commit name.").format(
            revision=revision), translate("core", "Use a name such as main, v1.0 or a 40-character commit id."))
    return revision


def _inside(folder: Path, path: Path) -> Path:
    """``path`` if it lies under ``folder`` (without following links), else refuse: the last guard
    before writing, as huggingface_hub's ``_get_pointer_path`` does."""
    if Path(os.path.abspath(folder)) not in Path(os.path.abspath(path)).parents:
        raise WorkbenchError(translate("core", "Refused to write {path}: it is outside {folder}.").format(
            path=path, folder=folder), translate("core", "The hub listing is unsafe; nothing was written there."))
    return path


# ---- fit verdict ---------------------------------------------------------------------------------------
@dataclass
class MemoryFit:
    dtype: str
    needed_bytes: int
    verdict: str


@dataclass
class FitReport:
    download_bytes: int  # still to fetch (already cached blobs do not count)
    disk_free_bytes: int
    disk_verdict: str
    device: str
    memory_available_bytes: int
    memory: list[MemoryFit]
    parameters: int | None
    parameters_estimated: bool

    @property
    def summary(self) -> str:
        disk = (f"Disk: {human_bytes(self.download_bytes)} to download, {human_bytes(self.disk_free_bytes)} free "
                f"({self.disk_verdict}).")
        if not self.memory:
            return disk + " Memory: no weight files chosen."
        approx = "about " if self.parameters_estimated else ""
        mem = "; ".join(f"{m.dtype} {human_bytes(m.needed_bytes)} ({m.verdict})" for m in self.memory)
        return (f"{disk} Memory to run {approx}{self.parameters / 1e6:,.0f}M parameters on {self.device} "
                f"with {human_bytes(self.memory_available_bytes)} available: {mem}.")


def _free_disk_bytes() -> int:
    target = paths.hf_cache_dir()
    while not target.exists() and target != target.parent:
        target = target.parent
    return shutil.disk_usage(target).free


def _storage_folder(repo_id: str) -> Path:
    from huggingface_hub.file_download import repo_folder_name

    return paths.hf_cache_dir() / repo_folder_name(repo_id=repo_id, repo_type="model")


def fit_report(details: ModelDetails, chosen: list[str] | None = None) -> FitReport:
    """Will the chosen files fit on disk, and the model in memory (by dtype)?"""
    files = [f for f in details.files if chosen is None or f.name in chosen]
    blobs = _storage_folder(details.repo_id) / "blobs"
    to_fetch = 0
    for f in files:
        partial = blobs / f"{f.etag}.incomplete"
        if not (blobs / f.etag).exists():
            to_fetch += f.size - (partial.stat().st_size if partial.exists() else 0)
    free = _free_disk_bytes()
    disk_verdict = devices.fit_verdict(to_fetch, free) if to_fetch else "fits"
    weights = [f for f in files if f.is_weights]
    parameters, estimated = details.parameters, False
    if weights and not parameters:
        # Without the hub's parameter count, assume 16-bit weights (how most checkpoints are shared);
        # a GGUF is quantised, so its size is the best guess of what it takes.
        parameters = sum(f.size // (1 if f.name.endswith(".gguf") else 2) for f in weights)
        estimated = True
    device = "cuda" if "torch" in sys.modules and sys.modules["torch"].cuda.is_available() else "cpu"
    status = devices.memory_status(device)
    memory = []
    if weights and parameters:
        for dtype in ("float32", "bfloat16"):
            needed = devices.estimate_bytes(parameters, dtype)
            memory.append(MemoryFit(dtype, needed, devices.fit_verdict(needed, status.available_bytes)))
    return FitReport(to_fetch, free, disk_verdict, device, status.available_bytes, memory,
                     parameters if weights else None, estimated)


# ---- token ---------------------------------------------------------------------------------------------
@dataclass
class TokenStatus:
    has_token: bool
    user: str = ""
    note: str = ""


def token_status(offline: bool = False) -> TokenStatus:
    """Whether a hub token is stored (or set in HF_TOKEN), and whose it is."""
    from huggingface_hub import get_token

    token = get_token()
    if not token:
        return TokenStatus(False, note=translate("core", "No hub token: public models download without one."))
    if offline or env_offline():
        return TokenStatus(True, note=translate("core", "A token is set (offline: its owner was not checked)."))
    api = _api(False)
    try:
        who = api.whoami(token=token)
    except Exception as exc:
        err = _translate(exc)
        if isinstance(err, WorkbenchError) and "401" in err.message:
            return TokenStatus(True, note=translate("core", "The stored token was rejected by the hub: set a new one."))
        raise err from exc
    return TokenStatus(True, user=who.get("name", ""), note=translate("core", "Logged in as {get}.").format(get=who.get('name', '?')))


def set_token(token: str, offline: bool = False) -> TokenStatus:
    """Check a token with the hub and store it in huggingface_hub's token store (shared by every tool)."""
    import httpx2
    from huggingface_hub import errors, login

    token = token.strip()
    if not token:
        raise WorkbenchError(translate("core", "The token is empty."), translate("core", "Paste a read token from "
                                                                      "{endpoint}/settings/tokens.").format(endpoint=endpoint()))
    api = _api(offline)
    try:
        who = api.whoami(token=token)
    except errors.HfHubHTTPError as exc:
        if exc.response is not None and exc.response.status_code == 401:
            raise WorkbenchError(translate("core", "The hub did not accept this token (401)."),
                                 translate("core", "Copy it again from {endpoint}/settings/tokens; it may have been "
                                                   "revoked.").format(endpoint=endpoint())) from exc
        raise _translate(exc) from exc
    except httpx2.TransportError as exc:
        raise _translate(exc) from exc
    try:
        login(token=token, add_to_git_credential=False)
    except Exception as exc:
        raise WorkbenchError(translate("core", "The token is valid but could not be stored: {exc}").format(exc=exc),
                             translate("core", "Check that the Hugging Face folder (HF_HOME) is writable.")) from exc
    return TokenStatus(True, user=who.get("name", ""), note=translate("core", "Logged in as {get}.").format(get=who.get('name', '?')))


def clear_token() -> TokenStatus:
    from huggingface_hub import get_token, logout

    try:
        logout()
    except OSError as exc:  # HF_TOKEN in the environment still holds a token
        return TokenStatus(get_token() is not None, note=str(exc).replace("\n", " "))
    return TokenStatus(False, note=translate("core", "Token removed from this computer."))


# ---- downloads -----------------------------------------------------------------------------------------
@dataclass
class DownloadPlan:
    repo_id: str
    revision: str
    commit: str
    files: list[HubFile]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


@dataclass
class DownloadProgress(Progress):
    """Progress of a download; ``done``/``total`` are bytes of the whole repo selection."""

    repo_id: str = ""
    file: str = ""
    file_done: int = 0
    file_total: int = 0
    files_done: int = 0
    files_total: int = 0
    speed_bps: float = 0.0
    eta_s: float | None = None
    state: str = "downloading"  # planning | waiting | downloading | verifying | retrying | done


@dataclass
class FileDone(Event):
    name: str
    size: int
    resumed_from: int  # bytes that were already on disk when this run started


@dataclass
class DownloadOutcome:
    repo_id: str
    commit: str
    path: str  # snapshot folder
    files: list[str]
    bytes_fetched: int  # over the network in this run
    bytes_resumed: int  # already on disk when it started
    seconds: float = 0.0


def plan_download(repo_id: str, revision: str = "main", include: list[str] | None = None, offline: bool = False,
                  cancel: CancelToken = NEVER_CANCELLED) -> DownloadPlan:
    details = model_details(repo_id, revision, offline=offline, with_card=False, cancel=cancel)
    files = details.files
    if include:
        from huggingface_hub.utils import filter_repo_objects

        files = list(filter_repo_objects(files, allow_patterns=include, key=lambda f: f.name))
        if not files:
            names = ", ".join(f.name for f in details.files[:12])
            raise WorkbenchError(translate("core", "No file of {repo_id} matches {names}.").format(repo_id=details.repo_id, names=' '.join(include)),
                                 translate("core", "Its files are: {names}{value}.").format(names=names, value=' …' if len(details.files) > 12 else ''))
    if not files:
        raise WorkbenchError(translate("core", "{repo_id} has no files at revision {revision}.").format(repo_id=details.repo_id, revision=revision), translate("core", "Choose another revision."))
    return DownloadPlan(details.repo_id, revision, details.commit, files)


class _Speed:
    """Bytes per second over the last few seconds."""

    def __init__(self, window_s: float = 3.0):
        self.window_s = window_s
        self.samples: collections.deque = collections.deque()
        self.total = 0

    def add(self, n: int) -> None:
        now = time.monotonic()
        self.total += n
        self.samples.append((now, self.total))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window_s:
            self.samples.popleft()

    @property
    def bps(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


class _Fetch:
    """One HTTP GET read on a helper thread, so the job notices a cancel within 0.1 s even while the
    server sends nothing. After ``abandon()`` the helper stops at its next chunk; the job never waits for it."""

    def __init__(self, url: str, headers: dict):
        self.queue: queue.Queue = queue.Queue(maxsize=32)
        self.abandoned = threading.Event()
        self._url, self._headers = url, headers
        self.thread = threading.Thread(target=self._run, name="hub-fetch", daemon=True)
        self.thread.start()

    def _put(self, item) -> None:
        while not self.abandoned.is_set():
            try:
                self.queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        import httpx2
        from huggingface_hub.utils import get_session

        # Network reads are batched up to HANDOVER_BYTES (or HANDOVER_S for a slow server): fewer
        # hand-overs between threads leave the GUI thread more turns at the GIL. Whatever is batched is
        # handed over before an error, so a dropped connection loses none of the bytes that arrived.
        batch = bytearray()
        try:
            timeout = httpx2.Timeout(READ_TIMEOUT_S, connect=10.0)
            with get_session().stream("GET", self._url, headers=self._headers, timeout=timeout,
                                      follow_redirects=True) as response:
                self._put(("response", response))
                if response.status_code in (200, 206):
                    started = time.monotonic()
                    for chunk in response.iter_raw():
                        if self.abandoned.is_set():
                            return
                        batch += chunk
                        if len(batch) >= HANDOVER_BYTES or time.monotonic() - started > HANDOVER_S:
                            self._put(("data", bytes(batch)))
                            batch.clear()
                            started = time.monotonic()
            if batch:
                self._put(("data", bytes(batch)))
            self._put(("end", None))
        except BaseException as exc:  # handed to the job thread, which decides
            if batch:
                self._put(("data", bytes(batch)))
            self._put(("error", exc))

    def next(self, cancel: CancelToken):
        while True:
            try:
                return self.queue.get(timeout=0.1)
            except queue.Empty:
                if cancel.cancelled:
                    self.abandon()
                    raise Cancelled() from None

    def abandon(self) -> None:
        self.abandoned.set()


class _Transient(Exception):
    """A failure worth retrying: the connection dropped, a timeout, a 5xx or 429."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _hash_existing(path: Path, hasher, cancel: CancelToken) -> int:
    """Feed the bytes already on disk into the hash; returns their count."""
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(4 << 20):
            hasher.update(chunk)
            done += len(chunk)
            cancel.raise_if_cancelled()
    return done


def _git_hasher(size: int):
    hasher = hashlib.sha1()
    hasher.update(b"blob %d\0" % size)
    return hasher


def _verify_blob(path: Path, f: HubFile, cancel: CancelToken) -> bool:
    if not path.exists() or path.stat().st_size != f.size:
        return False
    hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
    _hash_existing(path, hasher, cancel)
    return hasher.hexdigest() == f.etag


# The progress line of a download, by state and whether other files download at the same time.
_PROGRESS_TEXT = {
    ("downloading", False): QT_TRANSLATE_NOOP("core", "Downloading {name} ({done}/{total} done)"),
    ("downloading", True): QT_TRANSLATE_NOOP("core", "Downloading {name} and {more} more ({done}/{total} done)"),
    ("verifying", False): QT_TRANSLATE_NOOP("core", "Verifying {name} ({done}/{total} done)"),
    ("verifying", True): QT_TRANSLATE_NOOP("core", "Verifying {name} and {more} more ({done}/{total} done)"),
    ("retrying", False): QT_TRANSLATE_NOOP("core", "Retrying {name} ({done}/{total} done)"),
    ("retrying", True): QT_TRANSLATE_NOOP("core", "Retrying {name} and {more} more ({done}/{total} done)"),
}


class _Tally:
    """Bytes and files of one download, shared by its worker threads; builds the progress events."""

    def __init__(self, plan: DownloadPlan):
        self.plan = plan
        self.total = plan.total_bytes
        self.lock = threading.Lock()
        self.done = 0  # bytes of finished files
        self.in_flight: dict[str, int] = {}  # file -> bytes on disk so far
        self.files_done = 0
        self.fetched = 0
        self.last_emit = 0.0
        self.speed = _Speed()

    def add_fetched(self, n: int) -> None:
        with self.lock:
            self.fetched += n
            self.speed.add(n)

    def file_finished(self, f: HubFile) -> None:
        with self.lock:
            self.in_flight.pop(f.name, None)
            self.done += f.size
            self.files_done += 1

    def progress(self, f: HubFile, file_done: int, status: str = "downloading", force: bool = False):
        now = time.monotonic()
        with self.lock:
            self.in_flight[f.name] = file_done
            if not force and now - self.last_emit < PROGRESS_EVERY_S:
                return None
            self.last_emit = now
            done = self.done + sum(self.in_flight.values())
            bps = self.speed.bps
            files_done, running = self.files_done, len(self.in_flight)
        eta = (self.total - done) / bps if bps > 0 else None
        text = _PROGRESS_TEXT[(status if status in ("verifying", "retrying") else "downloading", running > 1)]
        message = translate("core", text).format(name=f.name, more=running - 1, done=files_done,
                                                 total=len(self.plan.files))
        return DownloadProgress(done, self.total, message, "B", repo_id=self.plan.repo_id, file=f.name,
                                file_done=file_done, file_total=f.size,
                                files_done=files_done, files_total=len(self.plan.files), speed_bps=bps, eta_s=eta,
                                state=status)


def download(repo_id: str, revision: str = "main", include: list[str] | None = None, *, offline: bool = False,
             cancel: CancelToken = NEVER_CANCELLED, attempts: int = 6, backoff_s: float = 0.5,
             workers: int = DOWNLOAD_WORKERS) -> Iterator[Event]:
    """Download a repo (or the files matching ``include``) into the HF cache, resuming and verifying.

    Up to ``workers`` files download at once (huggingface_hub's ``snapshot_download`` uses 8), each
    under its own blob lock. Yields ``DownloadProgress`` (throttled), ``FileDone`` per file, and a
    final ``Result(DownloadOutcome)``. Transient failures are retried up to ``attempts`` times in a row
    per file (any progress resets the count), waiting ``backoff_s`` doubling each time. Raises
    ``WorkbenchError`` for what the user must act on; the first such failure stops the other files.
    """
    started = time.monotonic()
    yield DownloadProgress(0, 0, translate("core", "Looking up {repo_id}…").format(repo_id=repo_id), "B",
                           repo_id=repo_id, state="planning")
    plan = plan_download(repo_id, revision, include, offline=offline, cancel=cancel)
    storage = _storage_folder(plan.repo_id)
    blobs = storage / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)

    total = plan.total_bytes
    on_disk = {}
    for f in plan.files:
        if (blobs / f.etag).exists():
            on_disk[f.name] = f.size
        else:
            partial = blobs / f"{f.etag}.incomplete"
            on_disk[f.name] = min(partial.stat().st_size, f.size) if partial.exists() else 0
    resumed_total = sum(on_disk.values())
    missing = total - resumed_total
    free = _free_disk_bytes()
    if missing > free:
        raise WorkbenchError(
            translate("core", "Not enough disk space for {repo_id}: {bytes} still to download, {bytes2} free on the "
                              "disk of {hf_cache_dir}.").format(repo_id=plan.repo_id, bytes=human_bytes(missing), bytes2=human_bytes(free), hf_cache_dir=paths.hf_cache_dir()),
            translate("core", "Free some space, choose fewer files, or set HF_HOME to a bigger disk. Nothing was "
                              "lost: the download resumes where it stopped."))

    tally = _Tally(plan)
    stop = CancelToken()  # the user's cancel, or the first failure: every worker stops at its next chunk

    def fetch_one(f: HubFile) -> Iterator[Event]:
        blob = blobs / f.etag
        lock = yield from _lock_blob(storage, f, stop, tally.progress)
        try:
            if not blob.exists() and (blobs / f"{f.etag}.incomplete").exists():
                on_disk[f.name] = (blobs / f"{f.etag}.incomplete").stat().st_size  # another program may have added
            resumed_from = on_disk[f.name] if not blob.exists() else f.size
            if blob.exists():
                yield tally.progress(f, 0, "verifying", force=True)
                if _verify_blob(blob, f, stop):
                    tally.file_finished(f)
                    yield FileDone(f.name, f.size, f.size)
                    return
                blob.unlink()  # a corrupt blob (huggingface_hub stores whatever arrives): fetch it again
                resumed_from = 0
            yield from _download_file(plan, f, blobs, stop, attempts, backoff_s, tally)
        finally:
            lock.release()
        tally.file_finished(f)
        yield FileDone(f.name, f.size, resumed_from)

    # Largest first, so the big files overlap instead of one finishing alone at the end.
    todo = collections.deque(sorted(plan.files, key=lambda f: -f.size))
    events: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            while not stop.cancelled:
                try:
                    f = todo.popleft()
                except IndexError:
                    break
                for event in fetch_one(f):
                    if event is not None:
                        events.put(event)
        except BaseException as exc:  # handed to the job's thread, which decides
            stop.cancel()
            events.put(_WorkerFailed(exc))
        finally:
            events.put(_WORKER_DONE)

    threads = [threading.Thread(target=work, name=f"hub-download-{i}", daemon=True)
               for i in range(max(1, min(workers, len(plan.files))))]
    for t in threads:
        t.start()
    failure: BaseException | None = None
    try:
        running = len(threads)
        while running:
            try:
                item = events.get(timeout=0.1)
            except queue.Empty:
                if cancel.cancelled:
                    stop.cancel()
                continue
            if item is _WORKER_DONE:
                running -= 1
            elif isinstance(item, _WorkerFailed):
                # The first real failure wins over the Cancelled it causes in the other workers.
                if failure is None or isinstance(failure, Cancelled):
                    failure = item.exc
            else:
                yield item
            if cancel.cancelled:
                stop.cancel()
    finally:
        stop.cancel()
        for t in threads:
            t.join(timeout=30)  # each stops within ~0.2 s of stop.cancel(); no thread writes after we return
    if cancel.cancelled and (failure is None or isinstance(failure, Cancelled)):
        raise Cancelled()
    if failure is not None:
        raise failure

    snapshot = _link_snapshot(plan, storage)
    yield DownloadProgress(total, total, translate("core", "Downloaded {repo_id}").format(repo_id=plan.repo_id), "B",
                           repo_id=plan.repo_id,
                           files_done=tally.files_done, files_total=len(plan.files), state="done")
    yield Result(DownloadOutcome(plan.repo_id, plan.commit, str(snapshot), [f.name for f in plan.files],
                                 tally.fetched, resumed_total, round(time.monotonic() - started, 3)))


@dataclass
class _WorkerFailed:
    exc: BaseException


_WORKER_DONE = object()


def _lock_blob(storage: Path, f: HubFile, cancel: CancelToken, progress):
    """Take the lock huggingface_hub takes for the same blob (``.locks/<repo folder>/<etag>.lock``), so
    this download and another program's never write the same ``.incomplete`` file at once. Waits
    (cancellably, saying so) while someone else holds it."""
    from filelock import FileLock, Timeout

    lock_path = _inside(storage.parent / ".locks" / storage.name, storage.parent / ".locks" / storage.name /
                        f"{f.etag}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), mode=0o664)
    told = False
    while True:
        try:
            lock.acquire(timeout=0.2)
            return lock
        except Timeout:
            cancel.raise_if_cancelled()
            if not told:
                told = True
                event = progress(f, 0, "waiting", force=True)
                event.message = translate("core", "Waiting: another program is downloading {name}").format(
                    name=f.name)
                yield event


def _download_file(plan: DownloadPlan, f: HubFile, blobs: Path, cancel: CancelToken, attempts: int,
                   backoff_s: float, tally: _Tally) -> Iterator[Event]:
    """Fetch one file into ``blobs/<etag>.incomplete`` from where it stopped, verify it, move it into place."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.utils import build_hf_headers

    partial = _inside(blobs, blobs / f"{f.etag}.incomplete")
    url = hf_hub_url(plan.repo_id, f.name, revision=plan.commit, endpoint=endpoint())
    headers = build_hf_headers(library_name="workbench")
    headers["Accept-Encoding"] = "identity"  # the bytes on disk must be the file's bytes
    restarts_after_corruption = 1
    while True:
        hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
        have = 0
        if partial.exists():
            if partial.stat().st_size > f.size:
                partial.unlink()
            else:
                have = _hash_existing(partial, hasher, cancel)
        failures = 0
        while have < f.size or f.size == 0:
            try:
                have, hasher = yield from _fetch_range(plan.repo_id, url, headers, f, partial, have, hasher, cancel,
                                                       tally)
                if have >= f.size:
                    break
                raise _Transient(translate("core", "the connection closed after {done} of {total}").format(
                    done=human_bytes(have), total=human_bytes(f.size)))
            except _Transient as exc:
                failures += 1
                if failures >= attempts:
                    if exc.status:
                        raise WorkbenchError(
                            translate("core", "The hub answered {status} for {name} of {repo_id} {attempts} times in "
                                              "a row.").format(status=exc.status, name=f.name, repo_id=plan.repo_id, attempts=attempts),
                            translate("core", "The hub is having trouble; retry later. What arrived is kept and the "
                                              "download resumes where it stopped.")) from None
                    raise WorkbenchError(
                        translate("core", "Downloading {name} of {repo_id} failed {attempts} times in a row: "
                                          "{exc}.").format(name=f.name, repo_id=plan.repo_id, attempts=attempts, exc=exc),
                        translate("core", "Check the network connection to {endpoint} and retry; the download "
                                          "resumes where it stopped.").format(endpoint=endpoint())) from None
                yield tally.progress(f, have, "retrying", force=True)
                if cancel.wait(min(backoff_s * 2 ** (failures - 1), 10.0)):
                    raise Cancelled() from None
                # The server may have restarted the body: the hash must follow the bytes on disk exactly.
                hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
                have = _hash_existing(partial, hasher, cancel) if partial.exists() else 0
            if f.size == 0:
                break
        yield tally.progress(f, have, "verifying", force=True)
        actual = hasher.hexdigest()
        if have == f.size and actual == f.etag:
            os.replace(partial, blobs / f.etag)
            return
        partial.unlink(missing_ok=True)
        if restarts_after_corruption > 0:
            restarts_after_corruption -= 1
            continue
        kind = "sha256" if f.sha256 else "git blob id"
        raise WorkbenchError(
            translate("core", "{name} of {repo_id} failed verification: its {kind} is {actual}… but the hub says "
                              "{etag}…. The corrupt file was deleted; the model was not added to the library.").format(name=f.name, repo_id=plan.repo_id, kind=kind, actual=actual[:12], etag=f.etag[:12]),
            translate("core", "Retry the download. If it fails again, something between you and the hub (a proxy, "
                              "antivirus or a broken mirror set in HF_ENDPOINT) is changing the file."))


def _fetch_range(repo_id: str, url: str, headers: dict, f: HubFile, partial: Path, have: int, hasher,
                 cancel: CancelToken, tally: _Tally):
    """One GET from byte ``have`` appended to ``partial`` (a generator of progress events);
    returns the new byte count and the hash of everything on disk."""
    request_headers = dict(headers)
    if have:
        request_headers["Range"] = f"bytes={have}-"
    fetch = _Fetch(url, request_headers)
    try:
        kind, value = fetch.next(cancel)
        if kind == "error":
            raise _classify(value) from value
        if kind == "end":
            raise _Transient(translate("core", "the server closed the connection without answering"))
        response = value
        status = response.status_code
        if status == 416 and have:
            # What is on disk is longer than the file: start again.
            partial.unlink(missing_ok=True)
            raise _Transient(translate("core", "the partial file did not match the server's"), None)
        if status in (401, 403):
            raise _gated_error(repo_id, status)
        if status == 404:
            raise WorkbenchError(translate("core", "{name} is no longer on the hub (404).").format(name=f.name),
                                 translate("core", "The repository changed; open the model page again and pick its "
                                                   "current files."))
        if status >= 500 or status == 429:
            raise _Transient(translate("core", "the hub answered {status}").format(status=status), status)
        if status not in (200, 206):
            raise WorkbenchError(translate("core", "The hub answered {status} for {name}.").format(status=status, name=f.name), translate("core", "Retry later."))
        if status == 200 and have:
            # The server ignored the Range header: start the file over.
            have = 0
            hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
        mode = "ab" if have else "wb"
        with open(partial, mode) as out:
            while True:
                kind, value = fetch.next(cancel)
                if kind == "data":
                    overflow = have + len(value) > f.size
                    if overflow:  # never more than the listing's size on disk: a server cannot fill it
                        value = value[:f.size - have]
                    try:
                        out.write(value)
                    except OSError as exc:
                        if exc.errno == 28:  # ENOSPC
                            raise WorkbenchError(
                                translate("core", "The disk is full while writing {name} ({bytes} of {bytes2} "
                                                  "written) to {hf_cache_dir}.").format(name=f.name, bytes=human_bytes(have), bytes2=human_bytes(f.size), hf_cache_dir=paths.hf_cache_dir()),
                                translate("core", "Free some space and retry: the download resumes from what is "
                                                  "on disk.")) from exc
                        raise
                    hasher.update(value)
                    have += len(value)
                    tally.add_fetched(len(value))
                    cancel.raise_if_cancelled()
                    event = tally.progress(f, have)
                    if event is not None:
                        yield event
                    if overflow:
                        break
                elif kind == "end":
                    break
                else:
                    raise _classify(value) from value
        return have, hasher
    finally:
        fetch.abandon()


def _classify(exc: BaseException) -> BaseException:
    import httpx2

    if isinstance(exc, httpx2.TransportError):
        return _Transient(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    return _translate(exc)


def _link_snapshot(plan: DownloadPlan, storage: Path) -> Path:
    """Point ``snapshots/<commit>/<file>`` at the verified blobs and record ``refs/<revision>``."""
    snapshot = _inside(storage / "snapshots", storage / "snapshots" / plan.commit)
    for f in plan.files:
        target = _inside(snapshot, snapshot / f.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = storage / "blobs" / f.etag
        if target.is_symlink() or target.exists():
            if target.resolve() == blob.resolve():
                continue
            target.unlink()
        try:
            target.symlink_to(os.path.relpath(blob, target.parent))
        except OSError:  # no symlinks (Windows without developer mode): a copy, like huggingface_hub does
            shutil.copyfile(blob, target)
    if plan.revision != plan.commit:
        refs = _inside(storage / "refs", storage / "refs" / plan.revision)
        refs.parent.mkdir(parents=True, exist_ok=True)
        refs.write_text(plan.commit)
    return snapshot
