"""Reaching the hub: the endpoint and offline mode (read at call time), a quick reachability check,
retries of transient failures, and huggingface_hub's errors said as what the user can do.

``HF_ENDPOINT`` and ``HF_HUB_OFFLINE`` are read at call time (huggingface_hub reads them once at import).
"""

from __future__ import annotations

import os

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Cancelled, WorkbenchError

DEFAULT_ENDPOINT = "https://huggingface.co"


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


def hf_api(offline: bool):
    _go_online(offline)
    from huggingface_hub import HfApi

    return HfApi(endpoint=endpoint(), library_name="workbench")


def check_reachable(timeout_s: float = 3.0) -> None:
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
def gated_error(repo_id: str, status: int) -> WorkbenchError:
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


def translate_error(exc: BaseException, repo_id: str = "", what: str = "") -> BaseException:
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
        return gated_error(repo_id, exc.response.status_code if exc.response is not None else 401)
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
            return gated_error(repo_id, status)
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


def retrying(call, attempts: int = 4, backoff_s: float = 0.5, cancel: CancelToken = NEVER_CANCELLED):
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

