"""The token inspector's job for one clicked token: its logit lens and its attention row."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.i18n import translate
from workbench.core.inspect.common import float32_model, load_for
from workbench.core.inspect.lens import LensResult, logit_lens, token_probability_by_layer
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress


@dataclass
class TokenInspection:
    model: str
    context_ids: list[int]  # everything before the token (prompt and earlier generated tokens)
    token_id: int
    lens: LensResult  # over context + the token
    attention: np.ndarray | None  # (layers, heads, keys): the row of the position that predicted the token
    attention_note: str = ""
    context_text: str = ""  # the context as text (special tokens kept, a BOS the tokenizer adds itself left out)

    @property
    def position(self) -> int:
        """The position whose output predicted the token (the last one of the context)."""
        return len(self.context_ids) - 1

    def probability_by_layer(self) -> list[float]:
        return token_probability_by_layer(self.lens, self.position, self.token_id)


def inspect_token(service, ref: str, context_ids: list[int], token_id: int, top_k: int = 5,
                  lens_positions: int | None = None, cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> TokenInspection:
    """Logit lens over ``context_ids + [token_id]`` (its last ``lens_positions`` positions, default all) and
    the attention row that chose ``token_id``."""
    import torch

    if not context_ids:
        raise WorkbenchError(translate("core", "This token has no context before it."),
                             translate("core", "Pick a token after the first."))
    handle = load_for(service, ref, ("causal-lm",), translate("core", "a logit lens"), cancel, progress)
    n = len(context_ids) + 1
    positions = list(range(max(0, n - lens_positions), n)) if lens_positions else None
    lens = logit_lens(handle, list(context_ids) + [int(token_id)], top_k=top_k, service=service, positions=positions,
                      cancel=cancel, progress=progress)
    cancel.raise_if_cancelled()
    progress(Progress(0, 1, translate("core", "Capturing the attention row")))
    attention, note = None, ""
    try:
        with float32_model(service, handle, attention=True) as model:
            device = next(model.parameters()).device
            with torch.inference_mode():
                out = model(input_ids=torch.tensor([list(context_ids)], device=device), output_attentions=True,
                            use_cache=False)
            if out.attentions and all(a is not None for a in out.attentions):
                attention = np.stack([a[0, :, -1, :].float().cpu().numpy() for a in out.attentions])
            else:
                note = translate("core", "This model does not return attention weights.")
    except WorkbenchError as exc:
        note = exc.message
    return TokenInspection(handle.name, list(context_ids), int(token_id), lens, attention, note,
                           context_text(handle.tokenizer, context_ids))


def context_text(tokenizer, ids: list[int]) -> str:
    """Text that tokenizes back to ``ids`` as closely as possible (for the Attention tab to capture)."""
    bos = getattr(tokenizer, "bos_token_id", None)
    added = list(tokenizer("a")["input_ids"])
    if ids and bos is not None and ids[0] == bos and added and added[0] == bos:
        ids = ids[1:]  # the tokenizer puts it back
    return tokenizer.decode(ids)
