"""The hub token: whose it is, checking and storing one in huggingface_hub's token store (shared by every
tool), and removing it."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.hub.connection import endpoint, env_offline, hf_api, translate_error
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError


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
    api = hf_api(False)
    try:
        who = api.whoami(token=token)
    except Exception as exc:
        err = translate_error(exc)
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
    api = hf_api(offline)
    try:
        who = api.whoami(token=token)
    except errors.HfHubHTTPError as exc:
        if exc.response is not None and exc.response.status_code == 401:
            raise WorkbenchError(translate("core", "The hub did not accept this token (401)."),
                                 translate("core", "Copy it again from {endpoint}/settings/tokens; it may have been "
                                                   "revoked.").format(endpoint=endpoint())) from exc
        raise translate_error(exc) from exc
    except httpx2.TransportError as exc:
        raise translate_error(exc) from exc
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
