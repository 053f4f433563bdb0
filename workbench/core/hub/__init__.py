"""The Hugging Face Hub: search, model pages, fit verdicts, token, and downloads that never lose a byte.

Built on huggingface_hub (``HfApi`` for search, model info and whoami; ``hf_hub_url``,
``build_hf_headers`` and its HTTP session for file transfers; its token store), with two things it
does not do itself: resuming across calls from the bytes already on disk, and verifying what arrived.

- ``connection``: endpoint and offline mode (read at call time), retries, errors said as what to do.
- ``search``: search results and a model's page (files, licence, gating, card).
- ``safety``: repo ids, revisions and the server's listing checked before they become paths; ``inside``.
- ``cache``: a repo's folder in the HF cache and the free space there.
- ``fit``: will the files fit on the disk, and the model in memory?
- ``token``: the hub token.
- ``downloader``: plan and run a download (parallel files, blob locks, snapshot links);
  ``fetch``: one file (range requests, retries, verification); ``progress``: the progress events.
- ``download_queue``: the unfinished downloads, remembered across restarts.
"""

from workbench.core.hub.connection import DEFAULT_ENDPOINT, endpoint, env_offline, is_offline, repo_url
from workbench.core.hub.downloader import (DOWNLOAD_WORKERS, DownloadOutcome, DownloadPlan, FileDone, download,
                                           plan_download)
from workbench.core.hub.fit import FitReport, MemoryFit, fit_report
from workbench.core.hub.progress import DownloadProgress
from workbench.core.hub.search import (HUB_TASKS, SORTS, WEIGHT_SUFFIXES, HubFile, ModelDetails, ModelSummary,
                                       SearchPage, model_details, search_models)
from workbench.core.hub.token import TokenStatus, clear_token, set_token, token_status

__all__ = [
    "DEFAULT_ENDPOINT", "endpoint", "env_offline", "is_offline", "repo_url",
    "HUB_TASKS", "SORTS", "WEIGHT_SUFFIXES", "HubFile", "ModelDetails", "ModelSummary", "SearchPage",
    "model_details", "search_models",
    "FitReport", "MemoryFit", "fit_report",
    "TokenStatus", "clear_token", "set_token", "token_status",
    "DOWNLOAD_WORKERS", "DownloadOutcome", "DownloadPlan", "DownloadProgress", "FileDone", "download",
    "plan_download",
]
