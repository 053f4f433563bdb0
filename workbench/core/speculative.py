"""Speculative decoding: something cheap proposes several tokens, the model checks them all in one pass.

Two proposers: prompt lookup (no second model: the tokens that followed the latest earlier occurrence
of the context's last n-gram, copied from the prompt or the answer so far; strong when the answer
repeats the prompt, as in rewriting, summarising and code edits) and a draft model (a smaller model
with the same tokenizer, run ahead a few tokens).

How the target model's distribution is kept exactly (the standard speculative sampling rule,
Leviathan et al. 2023 / Chen et al. 2023): for a proposed token d drawn from the proposer's
distribution q, with p the target's distribution at that position (after every sampling filter and
the output format's mask), d is accepted with probability min(1, p(d)/q(d)); on rejection the token is
drawn from norm(max(0, p - q)). Then P(token = x) = min(p(x), q(x)) + (1 - sum_y min(p(y), q(y))) *
(p(x) - min(p(x), q(x))) / sum_y (p(y) - min(p(y), q(y))) = p(x) for every x. Prompt lookup proposes
deterministically: q is a point mass on d, so d is kept with probability p(d) and a rejection draws
from p without d. Greedy decoding keeps a proposed token while it is the target's likeliest, so the
ids are the ones plain greedy decoding gives.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import Event, WorkbenchError

MODES = {"off": QT_TRANSLATE_NOOP("core", "Off"),
         "prompt_lookup": QT_TRANSLATE_NOOP("core", "Prompt lookup"),
         "draft": QT_TRANSLATE_NOOP("core", "Draft model")}
MAX_TOKENS = 64
MAX_NGRAM = 2  # the longest n-gram matched by prompt lookup (transformers' default too)
# Below this measured speed-up on free-form text, speculation costs more than it saves: the UI says so.
WORTH_IT = 0.95


@dataclass(frozen=True)
class Speculation:
    mode: str = "off"
    tokens: int = 10  # the most tokens proposed at once
    draft: str = ""  # the draft model (mode "draft"): short name, store name, hub id or folder

    @property
    def on(self) -> bool:
        return self.mode != "off"

    def validate(self) -> "Speculation":
        if self.mode not in MODES:
            raise WorkbenchError(translate("core", "Unknown speed-up {mode!r}.").format(mode=self.mode),
                                 translate("core", "Use off, prompt_lookup or draft."))
        if isinstance(self.tokens, bool) or not isinstance(self.tokens, int) or not 1 <= self.tokens <= MAX_TOKENS:
            raise WorkbenchError(translate("core", "Tokens proposed at once must be a whole number from 1 to {high}, "
                                                  "not {value!r}.").format(high=MAX_TOKENS, value=self.tokens),
                                 translate("core", "Around 10 suits prompt lookup; 4 to 6 a draft model."))
        if self.mode == "draft" and not self.draft.strip():
            raise WorkbenchError(translate("core", "No draft model given."),
                                 translate("core", "Name a smaller model with the same tokenizer, e.g. a "
                                                   "smaller size of the same family."))
        return self

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class SpeculationStats(Event):
    """After each verifying pass: how the proposals fared so far (the UI shows it live)."""

    proposed: int = 0  # tokens proposed
    accepted: int = 0  # of which the model kept
    passes: int = 0  # forward passes of the model
    tokens: int = 0  # tokens generated
    tok_s: float = 0.0
    plain_step_s: float | None = None  # the time of one token without a proposal, for the speed-up

    @property
    def acceptance_rate(self) -> float | None:
        return round(self.accepted / self.proposed, 4) if self.proposed else None

    @property
    def speedup(self) -> float | None:
        """tok/s against one token per plain step (measured in the same run)."""
        if not self.plain_step_s or not self.tok_s:
            return None
        return round(self.tok_s * self.plain_step_s, 3)

    def to_json(self) -> dict:
        return {"proposed": self.proposed, "accepted": self.accepted, "acceptance_rate": self.acceptance_rate,
                "passes": self.passes, "generated": self.tokens, "tok_s": round(self.tok_s, 2),
                "baseline_tok_s": round(1 / self.plain_step_s, 2) if self.plain_step_s else None,
                "speedup": self.speedup}


def lookup(ids: list[int], k: int, max_ngram: int = MAX_NGRAM) -> list[int]:
    """Prompt lookup: up to ``k`` tokens that followed the latest earlier occurrence of the last n-gram
    (longest n first, down to one token)."""
    size = len(ids)
    for n in range(min(max_ngram, size - 1), 0, -1):
        tail = ids[size - n:]
        first = tail[0]
        for start in range(size - n - 1, -1, -1):
            if ids[start] == first and ids[start:start + n] == tail:
                follow = ids[start + n:start + n + k]
                if follow:
                    return follow
    return []


def accept(p, token: int, q=None, generator=None) -> tuple[bool, int | None]:
    """The speculative sampling rule at one position: (kept, replacement when not kept).

    ``p``: the target's probabilities; ``q``: the proposer's (None: a point mass on ``token``)."""
    import torch

    p_token = float(p[token])
    q_token = 1.0 if q is None else float(q[token])
    if q_token > 0 and float(torch.rand((), generator=generator)) < min(1.0, p_token / q_token):
        return True, None
    if q is None:
        residual = p.clone()
        residual[token] = 0.0
    else:
        residual = (p - q).clamp_min(0.0)
    total = float(residual.sum())
    if total <= 0:  # p == q up to rounding: the rejection had no mass to move; draw from p
        residual, total = p, float(p.sum())
    return False, int(torch.multinomial(residual / total, 1, generator=generator))


def same_tokenizer(a, b) -> bool:
    return a.get_vocab() == b.get_vocab()


@dataclass
class DraftModel:
    name: str
    model: object
    tokenizer: object
    lock: object


_DRAFTS: dict[tuple, DraftModel] = {}


def load_draft(service, ref: str, target, cancel=None) -> DraftModel:
    """The draft model, on the target's device and in its dtype. One is kept (outside the service's
    count of loaded models: it is meant to be several times smaller than the model it drafts for)."""
    import threading

    from workbench.core.jobs import NEVER_CANCELLED, no_progress

    if target.engine != "transformers":
        raise WorkbenchError(translate("core", "A draft model runs on the transformers engine only."),
                             translate("core", "Switch the engine to transformers, or turn the speed-up off."))
    path = service._resolve(ref, no_progress, cancel or NEVER_CANCELLED)
    key = (str(path), target.device, target.dtype)
    if key not in _DRAFTS:
        model, tokenizer = service._load_weights(path, "causal-lm", target.device, target.dtype, "")
        _DRAFTS.clear()
        _DRAFTS[key] = DraftModel(ref, model.eval(), tokenizer, threading.Lock())
    return _DRAFTS[key]


def forget_drafts() -> None:
    _DRAFTS.clear()
