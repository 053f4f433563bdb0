"""Tasks whose answer is labels with scores: a classifier's head, zero-shot NLI, an instruct model scoring every
label as its reply, and a masked LM filling the gap."""

from __future__ import annotations

import math

from workbench.core.embeddings.sentences import model_max_tokens
from workbench.core.i18n import translate
from workbench.core.jobs import Progress, WorkbenchError
from workbench.core.tasks.limits import cap_tokenizer, chat_prompt_ids
from workbench.core.tasks.registry import LabelScore

MASK_WRITINGS = ("[MASK]", "<mask>")


def run_classifier(task, handle, facts, inputs, result, cancel, progress):
    import torch

    limit = cap_tokenizer(handle)
    tokens = handle.tokenizer(inputs.text, truncation=True, max_length=limit, return_overflowing_tokens=False,
                              return_tensors="pt")
    total = len(handle.tokenizer(inputs.text, add_special_tokens=True)["input_ids"])
    if total > limit:
        result.notes.append(translate("core", "The text is {total} tokens long; only its first {limit} tokens were "
                                              "read.").format(total=total, limit=limit))
    with torch.inference_mode():
        logits = handle.model(**{k: v.to(handle.device) for k, v in tokens.items()}).logits[0].float()
    multi = getattr(handle.config, "problem_type", None) == "multi_label_classification"
    scores = torch.sigmoid(logits) if multi else torch.softmax(logits, dim=-1)
    id2label = handle.config.id2label
    labels = [LabelScore(str(id2label.get(i, f"LABEL_{i}")), float(s)) for i, s in enumerate(scores.tolist())]
    if task.name == "classify" and inputs.labels:
        known = {x.label.lower(): x for x in labels}
        chosen = [known[name.lower()] for name in inputs.labels if name.lower() in known]
        if not chosen:
            raise WorkbenchError(
                translate("core", "{model} is a classifier with its own labels ({labels}); none of the labels typed "
                                  "({typed}) is among them.").format(
                    model=result.model, labels=", ".join(x.label for x in labels), typed=", ".join(inputs.labels)),
                translate("core", "Leave the labels empty to use the model's own, type some of them, or choose a "
                                  "zero-shot NLI or instruct model for labels of your own."))
        if len(chosen) < len(inputs.labels):
            result.notes.append(translate("core", "Only the labels this classifier knows were scored."))
        if not multi:
            total_score = sum(x.score for x in chosen) or 1.0
            chosen = [LabelScore(x.label, x.score / total_score) for x in chosen]
        labels = chosen
    result.labels = sorted(labels, key=lambda x: x.score, reverse=True)


def run_nli(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    if not inputs.labels:
        raise WorkbenchError(translate("core", "Zero-shot classification needs labels to choose from."),
                             translate("core", "Type two or more labels separated by commas (--labels A,B on the "
                                               "command line)."))
    limit = cap_tokenizer(handle)
    length = len(handle.tokenizer(inputs.text)["input_ids"])
    if length > limit // 2:  # the hypothesis ("This example is LABEL.") shares the window with the text
        result.notes.append(translate("core", "The text is {length} tokens long; it was cut to fit beside each label "
                                              "in the model's {limit}-token window.").format(length=length, limit=limit))
    classifier = pipeline("zero-shot-classification", model=handle.model, tokenizer=handle.tokenizer,
                          device=handle.model.device)
    out = classifier(inputs.text, candidate_labels=inputs.labels, multi_label=False)
    result.labels = [LabelScore(str(label), float(score)) for label, score in zip(out["labels"], out["scores"])]


def run_prompt_labels(task, handle, facts, inputs, result, cancel, progress):
    """Zero-shot classification by an instruct model: the log-likelihood of each label as the reply."""
    import torch

    labels = inputs.labels if task.name == "classify" else ["positive", "negative"]
    if not labels:
        raise WorkbenchError(translate("core", "Classification needs labels to choose from."),
                             translate("core", "Type two or more labels separated by commas (--labels A,B on the "
                                               "command line)."))
    question = ("Is the sentiment of the following text positive or negative?" if task.name == "sentiment"
                else f"Classify the following text into one of these categories: {', '.join(labels)}.")
    message = f"{question}\n\nText: {inputs.text}\n\nAnswer with the category only."
    longest = max(len(handle.tokenizer(label, add_special_tokens=False)["input_ids"]) for label in labels)
    prompt_ids = chat_prompt_ids(handle, message, longest)
    log_likelihoods = []
    for n, label in enumerate(labels):
        cancel.raise_if_cancelled()
        progress(Progress(n, len(labels), translate("core", "Scoring label {value} of {n}").format(value=n + 1, n=len(labels))))
        label_ids = handle.tokenizer(label, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt_ids + label_ids], device=handle.model.device)
        with torch.inference_mode():
            logits = handle.model(input_ids=ids).logits[0, len(prompt_ids) - 1:-1].float()
        logprobs = torch.log_softmax(logits, dim=-1)
        log_likelihoods.append(float(logprobs[torch.arange(len(label_ids)), torch.tensor(label_ids)].sum()))
    probs = _softmax(log_likelihoods)
    result.labels = sorted((LabelScore(label, p) for label, p in zip(labels, probs)),
                           key=lambda x: x.score, reverse=True)


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def run_fill_mask(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    mask = handle.tokenizer.mask_token
    if not mask:
        raise WorkbenchError(translate("core", "{ref} has no mask token.").format(ref=handle.ref), translate("core", "Choose a masked language model "
                                                                                   "(BERT-style)."))
    text = inputs.text
    for writing in MASK_WRITINGS:
        text = text.replace(writing, mask)
    count = text.count(mask)
    if count != 1:
        raise WorkbenchError(translate("core", "The text has {count} masks; write exactly one {MASK_WRITINGS} where "
                                               "the missing word goes.").format(count=count, MASK_WRITINGS=MASK_WRITINGS[0]), translate("core", "For example: Paris is the {MASK_WRITINGS} of France.").format(MASK_WRITINGS=MASK_WRITINGS[0]))
    limit = model_max_tokens(handle)
    length = len(handle.tokenizer(text)["input_ids"])
    if length > limit:
        raise WorkbenchError(translate("core", "The text is {length} tokens long; {ref} reads at most {limit}.").format(length=length, ref=handle.ref, limit=limit),
                             translate("core", "Shorten the text around the mask."))
    filler = pipeline("fill-mask", model=handle.model, tokenizer=handle.tokenizer, device=handle.model.device)
    candidates = filler(text, top_k=5)
    result.source = inputs.text
    result.labels = sorted((LabelScore(str(c["token_str"]).strip(), float(c["score"])) for c in candidates),
                           key=lambda x: x.score, reverse=True)
    if candidates:
        result.text = str(max(candidates, key=lambda c: c["score"])["sequence"])
