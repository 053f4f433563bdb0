"""From logits to probabilities, on one real decoding step: softmax(z/T), then the sampling filters.

The step is recomputed by the model itself: a forward pass of the context gives ``outputs.logits``
([batch, sequence, vocabulary]) and its last row is the step's raw logits z. The processors and
warpers are the very objects ``model.generate`` builds for these settings (captured from a one-token
``generate`` call), applied one by one so each token's remover is known; the last stage is checked
against the scores ``generate`` itself sampled from, and the probabilities against those the
generation recorded (``recorded``), so what is shown is what happened.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace

from workbench.core.decoding import SamplingSettings
from workbench.core.i18n import translate
from workbench.core.inspect.common import load_for
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.tokens import TokenStream

FORMULA = "softmax(z/T)_i = exp((z_i − max_j z_j)/T) / Σ_j exp((z_j − max_j z_j)/T)"

# transformers' processor classes by the setting they apply (the rest keep their class name)
STAGE_NAMES = {
    "RepetitionPenaltyLogitsProcessor": "repetition_penalty",
    "NoRepeatNGramLogitsProcessor": "no_repeat_ngram_size",
    "TemperatureLogitsWarper": "temperature",
    "TopKLogitsWarper": "top_k",
    "TopPLogitsWarper": "top_p",
    "MinPLogitsWarper": "min_p",
    "TypicalLogitsWarper": "typical_p",
}


@dataclass
class SoftmaxRow:
    id: int
    token: str  # as shown (core.tokens: characters, or ‹e5 8f› for part of one)
    logit: float  # z_i: the model's raw logit
    scaled: float  # after the processors before the temperature (repetition penalty), divided by T
    shifted: float  # scaled − the largest scaled value: (z_i − max)/T
    exp: float  # exp(shifted)
    prob: float  # exp / Σ over the whole vocabulary: softmax(z/T)_i
    model_prob: float  # softmax(z)_i at T = 1: the model's own probability ("before filters")
    prob_after_filters: float  # what was sampled from: the kept tokens renormalised (0 when removed)
    removed_by: str | None  # the stage that removed it ("top_k", "top_p", "min_p", ...), None: kept
    recorded_prob: float | None = None  # what the generation recorded for this token, when it did
    recorded_prob_after: float | None = None
    chosen: bool = False


@dataclass
class Stage:
    name: str  # "temperature", "top_k", "top_p", "min_p", ... (the setting's name)
    value: float  # the setting's value
    removed: int  # tokens this stage removed
    kept: int  # tokens left after it


@dataclass
class SoftmaxSteps:
    model: str
    shape: list[int]  # outputs.logits: [batch, sequence, vocabulary]
    position: int  # the row of outputs.logits read (the context's last position)
    token_id: int | None  # the token the step chose (None: not given)
    greedy: bool
    temperature: float  # the T used (1 when greedy: no temperature is applied)
    settings: dict
    max_logit: float  # max over the vocabulary of the scaled values (before dividing: max z, see rows)
    sum_exp: float  # Σ over the whole vocabulary of exp(shifted)
    sum_exp_kept: float  # the same over the tokens the filters kept
    kept: int  # tokens that could be sampled
    stages: list[Stage]
    rows: list[SoftmaxRow]
    max_err_vs_recorded: float | None  # softmax(z) against the recorded "before filters" probabilities
    max_err_after_vs_recorded: float | None  # after the filters, against the recorded "after filters" ones
    max_err_vs_generate: float  # the stages applied here against the scores generate sampled from
    notes: list[str] = field(default_factory=list)
    formula: str = FORMULA

    @property
    def vocab_size(self) -> int:
        return self.shape[-1]

    def to_json(self) -> dict:
        data = asdict(self)
        data["top"] = data.pop("rows")
        data["vocab_size"] = self.vocab_size
        return data


def softmax_steps(service, ref: str, context_ids: list[int], settings: SamplingSettings | None = None,
                  token_id: int | None = None, recorded: list[tuple[int, float | None, float | None]] | None = None,
                  top: int = 10, cancel: CancelToken = NEVER_CANCELLED,
                  progress: ProgressCallback = no_progress) -> SoftmaxSteps:
    """The step after ``context_ids`` under ``settings`` (None: greedy): ``top`` tokens by probability, plus
    the chosen ``token_id`` and the ``recorded`` (id, prob, prob_after) ones, with every intermediate value."""
    if not context_ids:
        raise WorkbenchError(translate("core", "This token has no context before it."),
                             translate("core", "Pick a token after the first."))
    settings = settings or SamplingSettings(greedy=True)
    handle = load_for(service, ref, ("causal-lm",), translate("core", "the logits of a step"), cancel, progress)
    progress(Progress(0, 1, translate("core", "Computing the logits")))
    with service.use(handle):
        return _compute(handle, list(context_ids), settings, token_id, recorded or [], top, cancel)


def _compute(handle, ids: list[int], settings: SamplingSettings, token_id, recorded, top: int,
             cancel: CancelToken) -> SoftmaxSteps:
    import torch

    model = handle.model
    device = next(model.parameters()).device
    input_ids = torch.tensor([ids], device=device)
    notes: list[str] = []
    if settings.num_beams > 1:
        notes.append(translate("core", "Beam search keeps several continuations instead of sampling; the step is "
                                       "shown as one ordinary step with these settings."))
        settings = replace(settings, num_beams=1)
    with torch.inference_mode():
        outputs = model(input_ids=input_ids, use_cache=False)
        cancel.raise_if_cancelled()
        z = outputs.logits[0, -1].float()
        shape = list(outputs.logits.shape)
        processors, generated = _generate_one(model, handle, input_ids, settings)
    names = [type(p).__name__ for p in processors]
    # each stage as generate applies it; a token's remover is the stage where its score became -inf
    scores = z[None].clone()
    removed_by: dict[int, str] = {}
    stages: list[Stage] = []
    scaled = None
    temperature = 1.0
    for processor, cls in zip(processors, names):
        name = STAGE_NAMES.get(cls, cls)
        before = torch.isinf(scores[0]) & (scores[0] < 0)
        scores = processor(input_ids, scores.clone())
        after = torch.isinf(scores[0]) & (scores[0] < 0)
        newly = (after & ~before).nonzero().flatten().tolist()
        for i in newly:
            removed_by[i] = name
        if name == "temperature":
            temperature = float(processor.temperature)
            scaled = scores[0].clone()
        stages.append(Stage(name, _setting_value(settings, name), len(newly), int((~after).sum())))
    if scaled is None:  # no temperature stage: T = 1; the processors before it are the ones up to the first filter
        scaled = _before_first_filter(z, processors, names, input_ids)
    final = scores[0]
    generated_scores = generated.float()
    both_inf = torch.isinf(final) & torch.isinf(generated_scores)
    max_err_vs_generate = float((final - generated_scores).abs()[~both_inf].max()) if (~both_inf).any() else 0.0
    if bool((torch.isinf(final) != torch.isinf(generated_scores)).any()):
        max_err_vs_generate = math.inf
    peak = float(scaled.max())
    shifted = scaled - peak
    exps = torch.exp(shifted)
    sum_exp = float(exps.sum())
    probs = exps / sum_exp
    model_probs = torch.softmax(z, 0)
    after_probs = torch.softmax(final, 0)
    kept_mask = ~(torch.isinf(final) & (final < 0))
    sum_kept = float(exps[kept_mask].sum())
    # the rows: the likeliest at temperature T, then the chosen and recorded tokens not among them
    order = probs.topk(min(top, probs.shape[0])).indices.tolist()
    # a recorded alternative the filters removed, beyond the top, is left out (the check still covers it)
    extra = ([token_id] if token_id is not None else []) + [r[0] for r in recorded if r[2] != 0.0]
    for i in extra:
        if i not in order:
            order.append(int(i))
    # each as it would show after this context: the bytes that complete a character show as the character
    labels = [piece.label for piece in TokenStream(handle.tokenizer, prefix_ids=ids).peek_many(order)]
    known = {int(i): (p, a) for i, p, a in recorded}
    rows = []
    for i, label in zip(order, labels):
        rec = known.get(i, (None, None))
        rows.append(SoftmaxRow(i, label, float(z[i]), float(scaled[i]), float(shifted[i]), float(exps[i]),
                               float(probs[i]), float(model_probs[i]), float(after_probs[i]), removed_by.get(i),
                               rec[0], rec[1], i == token_id))
    rows.sort(key=lambda r: (-r.prob, r.id))
    err = _max_err([(float(model_probs[i]), p) for i, p, _a in recorded])
    err_after = _max_err([(float(after_probs[i]), a) for i, _p, a in recorded])
    if settings.greedy:
        notes.append(translate("core", "Greedy decoding picks the token with the largest logit: no temperature and "
                                       "no filters are applied."))
    return SoftmaxSteps(handle.name, shape, len(ids) - 1, token_id, settings.greedy, temperature,
                        _settings_json(settings), peak, sum_exp, sum_kept, int(kept_mask.sum()), stages, rows, err,
                        err_after, max_err_vs_generate, notes)


def _generate_one(model, handle, input_ids, settings: SamplingSettings):
    """The processors ``model.generate`` builds for ``settings`` and the scores it sampled the next token from."""
    import torch

    captured: list = []
    build = model._get_logits_processor

    def build_and_keep(*args, **kwargs):
        processors = build(*args, **kwargs)
        captured.extend(processors)
        return processors

    kwargs = replace(settings, max_new_tokens=1).generate_kwargs()
    from workbench.core.engines.transformers_engine import _pad_id

    model._get_logits_processor = build_and_keep
    devices = [input_ids.device] if input_ids.device.type == "cuda" else []
    try:
        with torch.random.fork_rng(devices=devices):  # sampling here must not move the user's seeded stream
            out = model.generate(input_ids, attention_mask=torch.ones_like(input_ids), pad_token_id=_pad_id(handle),
                                 output_scores=True, return_dict_in_generate=True, **kwargs)
    finally:
        vars(model).pop("_get_logits_processor", None)
    return captured, out.scores[0][0]


def _before_first_filter(z, processors, names, input_ids):
    """The scores after the processors that change values (repetition penalty) and before any filter."""
    scores = z[None].clone()
    for processor, cls in zip(processors, names):
        if STAGE_NAMES.get(cls) in ("top_k", "top_p", "min_p", "typical_p"):
            break
        scores = processor(input_ids, scores.clone())
    return scores[0]


def _setting_value(settings: SamplingSettings, name: str) -> float:
    value = getattr(settings, name, None)
    return float(value) if isinstance(value, (int, float)) else math.nan


def _settings_json(settings: SamplingSettings) -> dict:
    keys = ("greedy", "temperature", "top_k", "top_p", "min_p", "typical_p", "repetition_penalty",
            "no_repeat_ngram_size")
    return {k: getattr(settings, k) for k in keys}


def _max_err(pairs) -> float | None:
    diffs = [abs(a - b) for a, b in pairs if b is not None]
    return max(diffs) if diffs else None


def softmax_for_prompt(service, ref: str, prompt: str, settings: SamplingSettings, top: int = 10,
                       cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> SoftmaxSteps:
    """The next token after ``prompt``: generated once (recording its step as Generate does), then explained
    and checked against that record."""
    from workbench.core.decoding import completion_ids
    from workbench.core.generation import generate

    run = replace(settings, max_new_tokens=1, top_probs=max(top, settings.top_probs or 0), stop=[])
    run.validate()
    handle = load_for(service, ref, ("causal-lm",), translate("core", "the logits of a step"), cancel, progress)
    with service.use(handle):
        ids = completion_ids(handle.tokenizer, prompt)
        result = generate(handle, ids, run, cancel=cancel)
    event = result.tokens[0]
    recorded = [(a.id, a.prob, a.prob_after) for a in event.alternatives]
    return softmax_steps(service, ref, ids, replace(run, seed=result.seed), event.id, recorded, top, cancel,
                         progress)
