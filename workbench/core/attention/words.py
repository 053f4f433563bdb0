"""The tokens along an axis of an attention matrix: readable labels, which are special, and the words
they make (a word starts after whitespace, at every CJK character and at punctuation; pieces of one
character stay in one word); merging a matrix's pieces into words (sum over key pieces, mean over
query pieces)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np

from workbench.core.tokens import TokenDisplay, display_tokens


@dataclass
class Tokens:
    """The tokens along one axis: readable labels, ids, which are special, and their words."""

    labels: list[str]
    ids: list[int]
    special: list[bool]
    word_ids: list[int]  # word index of each token; contiguous runs
    word_labels: list[str]
    pieces: list[TokenDisplay] = field(default_factory=list)  # bytes and completed characters per token

    def __len__(self) -> int:
        return len(self.labels)

    def sliced(self, n: int) -> "Tokens":
        word_ids = self.word_ids[:n]
        words = (word_ids[-1] + 1) if word_ids else 0
        return Tokens(self.labels[:n], self.ids[:n], self.special[:n], word_ids, self.word_labels[:words],
                      self.pieces[:n])


_VISIBLE_SPACE = {" ": "␣", "\n": "⏎", "\t": "⇥", "\r": "␍"}


def _visible(raw: str) -> str:
    stripped = raw.strip()
    if stripped:
        return stripped
    return "".join(_VISIBLE_SPACE.get(c, c) for c in raw) or "∅"


def _is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or "HIRAGANA" in unicodedata.name(char, "") \
        or "KATAKANA" in unicodedata.name(char, "") or "HANGUL" in unicodedata.name(char, "")


def _is_punctuation(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("P") for c in text)


def piece_label(piece: TokenDisplay) -> str:
    """An axis label: the characters the token completes, or a byte marker for part of a character."""
    return piece.label if piece.partial else _visible(piece.label)


def _same_text(a: str, b: str) -> bool:
    """Equal up to case and accents (a lower-casing tokenizer's piece against the typed text)."""
    def fold(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.strip()) if not unicodedata.combining(c)).casefold()
    return fold(a) == fold(b)


def make_tokens(tokenizer, ids: list[int], texts: list[str] | None = None,
                offsets: list[tuple[int, int]] | None = None, sequence_ids: list[int | None] | None = None,
                context: list[int] | None = None) -> Tokens:
    """Readable labels and word groups for ``ids``.

    A label shows the characters a token completes (``core.tokens``): a token carrying only part of
    a character (byte-level BPE, byte fallback) shows its bytes as ``‹e5 8f›`` and the character
    appears on the token that completes it. With ``offsets`` (fast tokenizers) a label keeps the
    typed text's case and accents, and words follow the input text. A word starts after whitespace,
    at every CJK character and at punctuation; pieces of one character stay in one word.
    """
    special_ids = set(getattr(tokenizer, "all_special_ids", []) or [])
    specials = [i in special_ids for i in ids]
    pieces = display_tokens(tokenizer, ids, prefix_ids=context or ())
    if any(p.raw.decode("utf-8", "replace") != p.display for p in pieces if not p.special):
        # Characters split across tokens: their offsets overlap, so words follow the decoded bytes instead.
        offsets = None
    raws: list[str] = []
    starts: list[bool] = []
    continuation: list[bool] = []  # shares its text with the previous token (offsets overlap)
    if offsets is not None and texts:
        prev_end, prev_seq = -1, None
        for k, (start, end) in enumerate(offsets):
            seq = sequence_ids[k] if sequence_ids else 0
            text = texts[seq or 0] if seq is not None else ""
            if specials[k] or seq is None or end <= start:
                raws.append("")
                starts.append(True)
                continuation.append(False)
                prev_end, prev_seq = -1, None
                continue
            raw = text[start:end]
            overlaps = seq == prev_seq and start < prev_end
            space_before = start > 0 and text[start - 1].isspace()
            starts.append(not overlaps and (space_before or raw[:1].isspace() or seq != prev_seq))
            continuation.append(overlaps)
            raws.append(raw)
            prev_end, prev_seq = end, seq
    else:
        raws = ["" if p.partial else p.label for p in pieces]  # labels: invalid bytes as markers, never �
        for k, raw in enumerate(raws):
            glued = k > 0 and pieces[k - 1].partial
            starts.append(not glued and (k == 0 or raw[:1].isspace() or specials[k]))
            continuation.append(False)

    labels: list[str] = []
    word_ids: list[int] = []
    word_labels: list[str] = []
    word_raw: list[str] = []
    for k, token_id in enumerate(ids):
        if specials[k] or (not raws[k] and offsets is not None and not pieces[k].partial):
            label = tokenizer.convert_ids_to_tokens(token_id)  # special, or a piece with no text of its own
            labels.append(str(label))
            word_labels.append(str(label))
            word_raw.append("")
            word_ids.append(len(word_labels) - 1)
            continue
        raw = raws[k]
        piece = pieces[k]
        if offsets is not None and not piece.partial and _same_text(raw, piece.display):
            label = _visible(raw)  # the typed text, in its own case
        else:
            label = piece_label(piece)
        labels.append(label)
        # a piece that only starts a character is grouped by the character it starts
        ahead = next((p.display for p in pieces[k:] if not p.partial), "") if piece.partial and offsets is None \
            else raw
        core = ahead.strip()
        previous = word_raw[-1] if word_raw else ""
        glued = k > 0 and pieces[k - 1].partial and not specials[k - 1]  # finishes a character begun before
        after_lone_space = bool(previous) and not previous.strip()  # a space piece joins the word after it
        new_word = not glued and not after_lone_space and (
            not word_labels or starts[k] or not previous or specials[k - 1]
            or (not continuation[k] and ((core[:1] and _is_cjk(core[0])) or _is_cjk(previous[-1])))
            or (not continuation[k] and (_is_punctuation(core) or _is_punctuation(previous.strip()))))
        if new_word:
            word_raw.append(raw)
            word_labels.append(_visible(raw) if raw else label)
        else:
            if not continuation[k]:
                word_raw[-1] += raw
            word_labels[-1] = _visible(word_raw[-1]) if word_raw[-1] else label
        word_ids.append(len(word_labels) - 1)
    return Tokens(labels, list(ids), specials, word_ids, word_labels, pieces)


def concat_tokens(first: Tokens, second: Tokens) -> Tokens:
    """``second`` after ``first`` (generated tokens after the prompt), its words numbered on."""
    offset = len(first.word_labels)
    return Tokens(first.labels + second.labels, first.ids + second.ids, first.special + second.special,
                  first.word_ids + [w + offset for w in second.word_ids], first.word_labels + second.word_labels,
                  first.pieces + second.pieces)


def merge_words(matrix: np.ndarray, query_word_ids: list[int], key_word_ids: list[int]) -> np.ndarray:
    """Merge pieces into words: sum over the key pieces of a word, mean over its query pieces."""
    def starts(word_ids: list[int]) -> np.ndarray:
        ids = np.asarray(word_ids)
        return np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])

    q_starts, k_starts = starts(query_word_ids), starts(key_word_ids)
    summed = np.add.reduceat(matrix, k_starts, axis=1)
    counts = np.diff(np.r_[q_starts, len(query_word_ids)]).astype(np.float32)
    return np.add.reduceat(summed, q_starts, axis=0) / counts[:, None]


def word_ids_kept(word_ids: list[int], keep: np.ndarray) -> list[int]:
    """The word of each token that ``keep`` keeps."""
    return [w for w, k in zip(word_ids, keep) if k]


def pieces_by_word(pieces: list[TokenDisplay], word_ids: list[int]) -> list[list[TokenDisplay]]:
    """The pieces of each merged word, in order."""
    groups: dict[int, list[TokenDisplay]] = {}
    for piece, word in zip(pieces, word_ids):
        groups.setdefault(word, []).append(piece)
    return list(groups.values()) if len(pieces) == len(word_ids) else []
