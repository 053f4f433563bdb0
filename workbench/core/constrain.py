"""Constrained output: free text, any JSON object, JSON matching a schema, a regular expression, or one
choice from a list, applied as a mask on the model's logits at every step.

The library is llguidance (``llguidance`` on PyPI). Why it and not xgrammar or outlines: it is one small
Rust wheel with no torch, triton or transformers pin of its own (xgrammar and outlines both pin
framework versions that lag transformers 5), it builds its tokenizer view from a Hugging Face fast
tokenizer in milliseconds, computes each step's mask in well under a millisecond, and can go back
tokens (``rollback``), which our own decoding loop needs; llama.cpp itself uses llguidance for its
``%llguidance`` grammars. The mask is applied in our loop (``engines/guided.py``), so the token table
shows, for each step, what the model wanted and what the grammar allowed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

# the Format choices, in the order the UI lists them; names as words via translate("core", ...)
KINDS = {
    "text": QT_TRANSLATE_NOOP("core", "Free text"),
    "json": QT_TRANSLATE_NOOP("core", "JSON object"),
    "schema": QT_TRANSLATE_NOOP("core", "JSON schema"),
    "regex": QT_TRANSLATE_NOOP("core", "Regular expression"),
    "choice": QT_TRANSLATE_NOOP("core", "Choice from a list"),
}
# JSON without optional whitespace between items: a model left free to add spaces and newlines
# can spend every remaining token on them and never close the object.
_JSON_OPTIONS = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}


@dataclass(frozen=True)
class OutputFormat:
    """What the answer must look like. ``value``: the schema text, the regular expression, or the choices
    (one per line, or a list)."""

    kind: str = "text"
    value: str | tuple[str, ...] = ""

    @property
    def free(self) -> bool:
        return self.kind == "text"

    def choices(self) -> list[str]:
        items = self.value if isinstance(self.value, (list, tuple)) else str(self.value).splitlines()
        return [c for c in (str(i).strip() for i in items) if c]

    def grammar(self) -> str:
        """The llguidance grammar, with a clear error for an invalid schema, expression or list."""
        from llguidance import LLMatcher

        if self.kind not in KINDS or self.kind == "text":
            raise WorkbenchError(translate("core", "Unknown output format {kind!r}.").format(kind=self.kind),
                                 translate("core", "Use one of: {kinds}.").format(kinds=", ".join(KINDS)))
        if self.kind == "json":
            return LLMatcher.grammar_from_json_schema({"type": "object"}, overrides=_JSON_OPTIONS)
        if self.kind == "schema":
            return LLMatcher.grammar_from_json_schema(parse_schema(str(self.value)), overrides=_JSON_OPTIONS)
        if self.kind == "regex":
            if not str(self.value):
                raise WorkbenchError(translate("core", "The regular expression is empty."),
                                     translate("core", "Type a pattern, e.g. [0-9]{3}-[0-9]{4}."))
            return LLMatcher.grammar_from_regex(str(self.value))
        choices = self.choices()
        if not choices:
            raise WorkbenchError(translate("core", "The choice list is empty."),
                                 translate("core", "Give at least one choice (one per line, or A,B,C on the "
                                                   "command line)."))
        return LLMatcher.grammar_from_lark("start: " + " | ".join(json.dumps(c) for c in choices))

    def validate(self) -> "OutputFormat":
        validate(self)
        return self

    def describe(self) -> str:
        return translate("core", KINDS.get(self.kind, self.kind))

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": list(self.value) if isinstance(self.value, tuple) else self.value}


FREE = OutputFormat()


def parse_schema(text: str) -> dict:
    """A JSON schema from its text, with the line and column of a syntax error."""
    if not text.strip():
        raise WorkbenchError(translate("core", "The JSON schema is empty."),
                             translate("core", "Paste a schema, e.g. {\"type\": \"object\", \"properties\": "
                                               "{\"name\": {\"type\": \"string\"}}}."))
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WorkbenchError(
            translate("core", "The JSON schema is not valid JSON: {error} (line {line}, column {column}).").format(
                error=exc.msg, line=exc.lineno, column=exc.colno),
            translate("core", "Fix the schema's JSON at that place.")) from exc
    if not isinstance(schema, dict):
        raise WorkbenchError(translate("core", "The JSON schema must be a JSON object ({...})."),
                             translate("core", "Write the schema as an object, e.g. {\"type\": \"object\"}."))
    return schema


def validate(fmt: OutputFormat) -> None:
    """The format's clear error, if it has one, without a model (before anything is loaded)."""
    from llguidance import LLMatcher

    if fmt.free:
        return
    _raise_if_invalid(fmt, LLMatcher.validate_grammar(fmt.grammar(), None))


def _raise_if_invalid(fmt: OutputFormat, problem: str) -> None:
    if problem:
        first = problem.strip().splitlines()[0] if problem.strip() else problem
        raise WorkbenchError(translate("core", "The {format} is not valid: {problem}").format(
            format=fmt.describe(), problem=first), translate("core", _HINTS[fmt.kind]))


class Tokenizers:
    """llguidance's view of a Hugging Face tokenizer, built once per tokenizer (it is kept for the process)."""

    _cache: dict[int, tuple[object, object]] = {}

    @classmethod
    def get(cls, tokenizer):
        import llguidance.hf

        found = cls._cache.get(id(tokenizer))
        if found is None or found[0] is not tokenizer:
            try:
                found = (tokenizer, llguidance.hf.from_tokenizer(tokenizer))
            except ValueError as exc:  # a slow (Python) tokenizer
                raise WorkbenchError(
                    translate("core", "Constrained output needs a fast tokenizer; this model's is not one."),
                    translate("core", "Use free text with this model.")) from exc
            cls._cache[id(tokenizer)] = found
        return found[1]


class Constraint:
    """One generation's grammar state: the mask for the next token, and the tokens chosen so far."""

    def __init__(self, fmt: OutputFormat, tokenizer):
        from llguidance import LLMatcher

        self.format = fmt
        self.ll_tokenizer = Tokenizers.get(tokenizer)
        grammar = fmt.grammar()
        _raise_if_invalid(fmt, LLMatcher.validate_grammar(grammar, self.ll_tokenizer))
        self.matcher = LLMatcher(self.ll_tokenizer, grammar, log_level=0)
        self.changed_top = 0  # steps where the grammar forbade the model's own likeliest token
        self.steps = 0

    def allowed(self, n_vocab: int):
        """The tokens the grammar allows next, as a bool tensor of the model's vocabulary size."""
        import numpy as np
        import torch

        bits = np.unpackbits(np.frombuffer(self.matcher.compute_bitmask(), dtype=np.uint8), bitorder="little")
        allowed = torch.zeros(n_vocab, dtype=torch.bool)
        n = min(n_vocab, self.ll_tokenizer.vocab_size)
        allowed[:n] = torch.from_numpy(bits[:n].astype(bool))
        return allowed

    def mask(self, raw, scores):
        """``scores`` with every forbidden token at -inf; counts the step if the model's top choice
        (in ``raw``, before any filter) was forbidden."""
        allowed = self.allowed(scores.shape[-1]).to(scores.device)
        self.steps += 1
        if not bool(allowed[int(raw.argmax())]):
            self.changed_top += 1
        return scores.masked_fill(~allowed, float("-inf"))

    def advance(self, token_id: int) -> None:
        if not self.matcher.consume_token(int(token_id)):
            raise WorkbenchError(translate("core", "The output format's grammar rejected a token: {error}").format(
                error=self.matcher.get_error()), translate("core", "Try a simpler format."))

    @property
    def finished(self) -> bool:
        """The grammar allows nothing more (only the end of the text)."""
        return self.matcher.is_stopped()

    @property
    def complete(self) -> bool:
        return self.matcher.is_accepting()

    def report(self) -> dict:
        return {"format": self.format.kind, "steps": self.steps, "changed_top_choice": self.changed_top,
                "complete": self.complete}


_HINTS = {
    "schema": QT_TRANSLATE_NOOP("core", "Check the schema: types must be JSON Schema types (object, array, string, "
                                "number, integer, boolean, null) and every $ref must point inside the schema."),
    "regex": QT_TRANSLATE_NOOP("core", "Check the pattern's brackets and escapes; it must match the whole answer."),
    "json": QT_TRANSLATE_NOOP("core", "Try a simpler format."),
    "choice": QT_TRANSLATE_NOOP("core", "Check the choices."),
}


