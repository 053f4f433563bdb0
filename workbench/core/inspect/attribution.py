"""Which prompt tokens pushed the model toward a token: integrated gradients, gradient × input, rollout.

Every method scores the prompt tokens for one target token at a time, given the prompt and the
earlier targets, in float32 (a float32 copy of a lower-precision model; see ``common.float32_model``):

- ``ig``: integrated gradients (captum's ``IntegratedGradients``) of the target's log-probability over
  the prompt's input embeddings, from a baseline of zero embeddings (position embeddings, added inside
  the model, stay). The scores sum to ``target_logprob - baseline_logprob`` up to the convergence delta
  (completeness). The interpolation steps run in batches of ``internal_batch_size`` so memory stays
  bounded; Stop is checked before every batch. The steps are spaced quadratically along the same
  straight path (alpha = t², see ``_quadratic_path``): the same integral, sampled densely near the zero
  baseline, where RMSNorm's output jumps; 64 uniform steps on a Llama-style model miss that jump by
  several per cent, quadratic spacing is complete to 1e-5.
- ``grad-x-input``: the gradient of the log-probability times the embedding, summed over the hidden size.
- ``rollout``: attention rollout (``core.attention.rollout``) of the target's query row: how much each
  prompt token flows into the position that predicts the target. Unsigned; for comparison.
"""

from __future__ import annotations

import inspect as _inspect
import math
import time
from dataclasses import dataclass, field

from workbench.core.i18n import translate
from workbench.core.inspect.common import check_length, encode, float32_model, load_for, model_sizes, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

METHODS = {"ig": "Integrated gradients", "grad-x-input": "Gradient × input", "rollout": "Attention rollout"}
DEFAULT_STEPS = 64
BATCH_BUDGET_BYTES = 1 << 30  # activations of one batch of interpolation steps, forward and backward


@dataclass
class TargetAttribution:
    token: str
    id: int
    scores: list[float]  # one per prompt token
    target_logprob: float
    baseline_logprob: float
    convergence_delta: float | None = None

    @property
    def incomplete(self) -> bool:
        """Integrated gradients whose scores miss ``target_logprob - baseline_logprob`` by more than 5 %."""
        if self.convergence_delta is None:
            return False
        return abs(self.convergence_delta) > 0.05 * abs(self.target_logprob - self.baseline_logprob) + 1e-3


@dataclass
class Attribution:
    model: str
    method: str
    prompt_ids: list[int]
    prompt_tokens: list[str]
    targets: list[TargetAttribution]
    steps: int = DEFAULT_STEPS
    batch_size: int = 1
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"prompt_tokens": self.prompt_tokens, "method": self.method,
                "targets": [{"token": t.token, "id": t.id, "scores": t.scores, "target_logprob": t.target_logprob,
                             "baseline_logprob": t.baseline_logprob, "convergence_delta": t.convergence_delta}
                            for t in self.targets]}


def target_ids(tokenizer, target: str) -> list[int]:
    """The ids of ``target`` as a continuation; refuses text the tokenizer cannot form."""
    if not target:
        raise WorkbenchError(translate("core", "The target is empty."),
                             translate("core", "Give the token(s) to explain, e.g. --target \" Paris\"."))
    ids = list(tokenizer(target, add_special_tokens=False)["input_ids"])
    unk = getattr(tokenizer, "unk_token_id", None)
    if not ids or (unk is not None and unk in ids):
        raise WorkbenchError(
            translate("core", "The tokenizer cannot form the target {target!r}: it becomes {pieces}.").format(
                target=target, pieces=tokenizer.convert_ids_to_tokens(ids) if ids else "nothing"),
            translate("core", "Use characters this model's vocabulary has (try the words as the model writes them)."))
    return ids


def ig_batch_size(model, seq_len: int, steps: int) -> int:
    """Interpolation steps per forward/backward pass, so one batch stays within ``BATCH_BUDGET_BYTES``."""
    layers, hidden, _ = model_sizes(model)
    heads = getattr(model.config, "num_attention_heads", None) or getattr(model.config, "n_head", None) or 12
    per_example = layers * seq_len * (hidden * 20 + int(heads) * seq_len) * 4
    return max(1, min(int(steps), BATCH_BUDGET_BYTES // max(1, per_example)))


def _accepts(model, name: str) -> bool:
    try:
        return name in _inspect.signature(model.forward).parameters
    except (TypeError, ValueError):
        return False


def attribute(handle, prompt_ids: list[int], targets: list[int], method: str = "ig", steps: int = DEFAULT_STEPS,
              service=None, internal_batch_size: int | None = None, cancel: CancelToken = NEVER_CANCELLED,
              progress: ProgressCallback = no_progress) -> Attribution:
    """Attribute each of ``targets`` (ids following ``prompt_ids`` in order) to the prompt tokens."""
    import torch

    if method not in METHODS:
        raise WorkbenchError(translate("core", "Unknown attribution method {method!r}.").format(method=method),
                             translate("core", "Use one of: {names}.").format(names=", ".join(METHODS)))
    if not prompt_ids:
        raise WorkbenchError(translate("core", "The prompt is empty."), translate("core", "Type a prompt."))
    if not targets:
        raise WorkbenchError(translate("core", "There is no target token to explain."),
                             translate("core", "Give a target text or generate at least one token."))
    if handle.kind != "causal-lm":
        raise WorkbenchError(translate("core", "Attribution explains a causal language model's next token; {model} "
                                       "is loaded as {kind}.").format(model=handle.name, kind=handle.kind),
                             translate("core", "Choose a causal language model."))
    steps = max(2, int(steps))
    total_len = len(prompt_ids) + len(targets)
    layers, hidden, vocab = model_sizes(handle.model)
    check_length(handle, total_len, translate("core", "Attribution"), layers * hidden * 20 * 4 + vocab * 8)
    started = time.perf_counter()
    n_prompt = len(prompt_ids)
    results: list[TargetAttribution] = []
    labels = token_labels(handle.tokenizer, list(prompt_ids) + list(targets))
    with float32_model(service, handle, attention=method == "rollout") as model:
        device = next(model.parameters()).device
        keep_one = {"logits_to_keep": 1} if _accepts(model, "logits_to_keep") else {}
        with torch.no_grad():
            embeds = model.get_input_embeddings()(torch.tensor([list(prompt_ids) + list(targets)], device=device))
        embeds = embeds.float()
        batch = internal_batch_size or ig_batch_size(model, total_len, steps)
        per_target = (math.ceil(steps / batch) + 2) if method == "ig" else 1
        done = [0]
        total = per_target * len(targets)

        for j, target in enumerate(targets):
            fixed = embeds[:, n_prompt:n_prompt + j]
            prompt_embeds = embeds[:, :n_prompt]

            def logprob(prompt_batch, fixed=fixed, target=target):
                cancel.raise_if_cancelled()  # between batches of interpolation steps: Stop within one batch
                full = torch.cat([prompt_batch, fixed.expand(prompt_batch.shape[0], -1, -1)], dim=1)
                out = model(inputs_embeds=full, use_cache=False, **keep_one)
                return torch.log_softmax(out.logits[:, -1].float(), dim=-1)[:, target]

            def counted(prompt_batch, fn=logprob):
                value = fn(prompt_batch)
                done[0] += 1
                progress(Progress(min(done[0], total), total, translate("core", "Token {n} of {count}").format(
                    n=j + 1, count=len(targets))))
                return value

            with torch.no_grad():
                target_lp = float(logprob(prompt_embeds)[0])
                baseline_lp = float(logprob(torch.zeros_like(prompt_embeds))[0])
            delta = None
            if method == "ig":
                from captum.attr import IntegratedGradients

                ig = IntegratedGradients(_quadratic_path(counted, prompt_embeds))
                with torch.enable_grad():
                    attributions, deltas = ig.attribute(prompt_embeds, baselines=torch.zeros_like(prompt_embeds),
                                                        n_steps=steps, internal_batch_size=batch,
                                                        return_convergence_delta=True)
                scores = attributions.sum(dim=-1)[0].tolist()
                delta = float(deltas.reshape(-1)[0])
            elif method == "grad-x-input":
                with torch.enable_grad():
                    leaf = prompt_embeds.detach().clone().requires_grad_(True)
                    (grad,) = torch.autograd.grad(counted(leaf).sum(), leaf)
                scores = (grad * leaf.detach()).sum(dim=-1)[0].tolist()
            else:
                scores = _rollout_scores(model, list(prompt_ids) + list(targets[:j]), n_prompt, device, cancel)
                done[0] += 1
                progress(Progress(done[0], total, translate("core", "Token {n} of {count}").format(
                    n=j + 1, count=len(targets))))
            results.append(TargetAttribution(labels[n_prompt + j], int(target), [float(s) for s in scores],
                                             target_lp, baseline_lp, delta))
    notes = []
    if any(t.incomplete for t in results):
        notes.append(translate("core", "The integrated-gradients scores do not add up to the change in log-probability "
                               "(see convergence_delta): between zero embeddings and the real ones this model's "
                               "output changes too abruptly for {steps} steps. Try more steps, or gradient × input.")
                     .format(steps=steps))
    return Attribution(handle.name, method, list(prompt_ids), labels[:n_prompt], results, steps,
                       batch if method == "ig" else 1, time.perf_counter() - started, notes)


def _quadratic_path(forward, end):
    """``forward`` re-timed so captum's evenly spaced alphas t become alpha = t² on the path 0 -> ``end``.

    Captum evaluates the gradient at ``t * end``; this evaluates ``forward`` at ``t² * end`` with the
    gradient scaled by d(t²)/dt = 2t. Per input dimension, integral of 2t dF/dx_i(t² end) dt equals integral
    of dF/dx_i(a end) da: the attributions of integrated gradients, unchanged, by a change of variables.
    """
    norm = float((end * end).sum())

    def reparametrised(points):
        t = ((points * end).sum(dim=tuple(range(1, points.dim()))) / norm).clamp(min=0).detach()
        t = t.reshape(-1, *[1] * (points.dim() - 1))
        # value t² end (= points * t), gradient 2t: the detached part cancels in value, not in gradient
        return forward(points * (2 * t) - (points * t).detach())

    return reparametrised


def _rollout_scores(model, context: list[int], n_prompt: int, device, cancel: CancelToken) -> list[float]:
    import numpy as np
    import torch

    from workbench.core.attention import rollout

    with torch.inference_mode():
        out = model(input_ids=torch.tensor([context], device=device), output_attentions=True, use_cache=False)
    if not out.attentions or any(a is None for a in out.attentions):
        raise WorkbenchError(translate("core", "{arch} does not return attention weights, so rollout is not "
                                       "possible.").format(arch=type(model).__name__),
                             translate("core", "Use integrated gradients or gradient × input."))
    layers = np.stack([a[0].float().cpu().numpy() for a in out.attentions])
    return rollout(layers, cancel)[-1, :n_prompt].astype(float).tolist()


def generate_targets(handle, prompt_ids: list[int], count: int, service=None,
                     cancel: CancelToken = NEVER_CANCELLED) -> list[int]:
    """``count`` greedy tokens after the prompt (the float32 model, so they match the attribution)."""
    import torch

    if count < 1:
        raise WorkbenchError(translate("core", "--max-new-tokens must be 1 or more."),
                             translate("core", "Generate at least one token to explain."))
    with float32_model(service, handle) as model:
        device = next(model.parameters()).device
        ids = list(prompt_ids)
        with torch.inference_mode():
            for _ in range(count):  # a few tokens: a full pass each keeps clear of the KV-cache API
                cancel.raise_if_cancelled()
                out = model(input_ids=torch.tensor([ids], device=device), use_cache=False)
                ids.append(int(out.logits[0, -1].argmax()))
    return ids[len(prompt_ids):]


def load_and_attribute(service, ref: str, prompt: str, target: str | None = None, max_new_tokens: int = 0,
                       method: str = "ig", steps: int = DEFAULT_STEPS, cancel: CancelToken = NEVER_CANCELLED,
                       progress: ProgressCallback = no_progress) -> Attribution:
    handle = load_for(service, ref, ("causal-lm",), translate("core", "attribution"), cancel, progress)
    prompt_ids = encode(handle.tokenizer, prompt, translate("core", "prompt"))
    if target is not None:
        targets = target_ids(handle.tokenizer, target)
    else:
        targets = generate_targets(handle, prompt_ids, max_new_tokens, service=service, cancel=cancel)
    return attribute(handle, prompt_ids, targets, method=method, steps=steps, service=service, cancel=cancel,
                     progress=progress)


def attribute_context(service, ref: str, context_ids: list[int], token_id: int, method: str = "ig",
                      steps: int = DEFAULT_STEPS, cancel: CancelToken = NEVER_CANCELLED,
                      progress: ProgressCallback = no_progress) -> Attribution:
    """The token inspector's attribution: one token, over every token before it."""
    handle = load_for(service, ref, ("causal-lm",), translate("core", "attribution"), cancel, progress)
    return attribute(handle, list(context_ids), [int(token_id)], method=method, steps=steps, service=service,
                     cancel=cancel, progress=progress)
