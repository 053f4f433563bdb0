"""Hub search and a model's page: files with sizes and hashes, licence, gating, parameters, card."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from workbench.core.hub.connection import check_reachable, endpoint, hf_api, retrying, translate_error
from workbench.core.hub.safety import check_listing, check_repo_id, check_revision
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError

HUB_TASKS = ("text-generation", "text-classification", "token-classification", "question-answering",
             "summarization", "translation", "text2text-generation", "fill-mask", "feature-extraction",
             "sentence-similarity")
SORTS = {"downloads": "downloads", "likes": "likes", "updated": "last_modified"}
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".gguf", ".h5", ".msgpack", ".onnx")
SEARCH_EXPAND = ["downloads", "likes", "lastModified", "gated", "pipeline_tag", "library_name", "tags",
                 "usedStorage", "private"]


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
    api = hf_api(offline)

    def fetch():
        # The hub pages with a Link header; asking for everything up to this page keeps to the public API.
        items = api.list_models(search=text.strip() or None, pipeline_tag=task or None, filter=library or None,
                                sort=SORTS[sort], limit=offset + limit + 1, expand=SEARCH_EXPAND)
        return list(itertools.islice(items, offset, offset + limit + 1))

    check_reachable()
    try:
        found = fetch()  # list_models retries transient failures itself (http_backoff)
    except Exception as exc:
        raise translate_error(exc, what=translate("core", "while searching")) from exc
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
    repo_id = check_repo_id(repo_id)
    revision = check_revision(revision)
    api = hf_api(offline)
    try:
        info = retrying(lambda: api.model_info(repo_id, revision=revision, files_metadata=True), cancel=cancel)
    except Exception as exc:
        raise translate_error(exc, repo_id, f"'{revision}'") from exc
    files = [HubFile(s.rfilename, (s.lfs.size if s.lfs else s.size) or 0, s.blob_id or "",
                     s.lfs.sha256 if s.lfs else None) for s in (info.siblings or [])]
    check_listing(repo_id, info.sha, files)
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

