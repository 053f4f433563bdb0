"""Chinese examples only for models whose tokenizer reads Chinese: the tokenizer measured on the Chinese examples
themselves (characters lost to the unknown token, tokens per character)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.tasks.registry import TASKS

# A Chinese example is offered only when the model's tokenizer represents Chinese well, measured on the
# Chinese examples themselves:
# - at most ZH_MAX_UNKNOWN of their Chinese characters may be lost to the unknown token (WordPiece and
#   SentencePiece vocabularies without those characters), and
# - at most ZH_MAX_TOKENS_PER_CHAR tokens per character: byte-level BPE never loses a character but a
#   tokenizer trained on little Chinese splits characters into byte pieces (the tiny test GPT-2 2.9,
#   SmolLM2 1.9 tokens per character), while tokenizers trained on Chinese (Qwen, ChatGLM, multilingual
#   models) need about one token per character or less.
ZH_MAX_UNKNOWN = 0.05
ZH_MAX_TOKENS_PER_CHAR = 1.5


@dataclass
class ChineseSupport:
    """How well a tokenizer reads the Chinese examples, and whether to offer them."""

    ok: bool
    unknown_rate: float  # share of the Chinese characters lost to the unknown token
    tokens_per_char: float  # tokens per (non-space) character
    byte_pieces_per_char: float  # tokens carrying only part of a character, per character
    reason: str = ""  # why the Chinese examples are hidden ('' when offered)


def chinese_sample() -> str:
    """The text of every task's Chinese example (what the check measures)."""
    parts = []
    for task in TASKS.values():
        for example in task.examples:
            if example.language == "zh":
                parts += [example.values.get(k, "") for k in ("text", "context", "documents")]
    return "\n".join(p for p in parts if p)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def chinese_support(tokenizer, sample: str | None = None) -> ChineseSupport:
    """Measure ``tokenizer`` on the Chinese examples (see ZH_MAX_UNKNOWN and ZH_MAX_TOKENS_PER_CHAR)."""
    from workbench.core.tokens import display_tokens

    sample = chinese_sample() if sample is None else sample
    chars = [c for c in sample if not c.isspace()]
    hanzi = sum(_is_cjk(c) for c in chars)
    ids = list(tokenizer(sample, add_special_tokens=False)["input_ids"])
    # characters that survive a round trip: an unknown token (even one covering several characters) loses them
    decoded = tokenizer.decode(ids, skip_special_tokens=True)
    kept = sum(_is_cjk(c) for c in decoded)
    unknown = max(0.0, (hanzi - kept) / hanzi) if hanzi else 0.0
    per_char = len(ids) / max(1, len(chars))
    partial = sum(p.partial for p in display_tokens(tokenizer, ids)) / max(1, len(chars))
    reason = ""
    if unknown > ZH_MAX_UNKNOWN:
        reason = translate("core", "Chinese examples are hidden: this model's tokenizer does not know {pct:.0f} % of "
                           "their characters (they become an unknown token).").format(pct=unknown * 100)
    elif per_char > ZH_MAX_TOKENS_PER_CHAR:
        reason = translate("core", "Chinese examples are hidden: this model's tokenizer splits Chinese into {n:.1f} "
                           "tokens per character, many of them byte pieces: a sign it learned little Chinese."
                           ).format(n=per_char)
    return ChineseSupport(not reason, round(unknown, 4), round(per_char, 3), round(partial, 3), reason)


_SUPPORT_CACHE: dict[tuple[str, float], ChineseSupport] = {}


def chinese_support_of(path: str | Path) -> ChineseSupport:
    """``chinese_support`` of the tokenizer in a model folder or .gguf file (read once per file version)."""
    path = Path(path)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        key = (str(path), 0.0)
    if key in _SUPPORT_CACHE:
        return _SUPPORT_CACHE[key]
    try:
        from transformers import AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if path.suffix == ".gguf":
            tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
        else:
            tokenizer = AutoTokenizer.from_pretrained(path)
        support = chinese_support(tokenizer)
    except Exception as exc:  # noqa: BLE001 - any unreadable tokenizer means: do not offer Chinese
        support = ChineseSupport(False, 0.0, 0.0, 0.0, translate(
            "core", "Chinese examples are hidden: this model's tokenizer could not be read ({error}).").format(
                error=type(exc).__name__))
    _SUPPORT_CACHE[key] = support
    return support
