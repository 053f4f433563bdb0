"""Token text for people: the characters each token completes.

Byte-level BPE (GPT-2, SmolLM2, Llama 3) and SentencePiece byte fallback split a Chinese character
into several tokens of one or two bytes each, and ``tokenizer.decode([id])`` of such a piece is a
``�``. Here every token's bytes are recovered from the vocabulary and run through one incremental
UTF-8 decoder, so each character appears on the token that completes it; a token carrying only part
of a character is *partial* and shown as a byte marker such as ``‹e5 8f›``.

How a token's bytes are found, by the tokenizer's decoder:

- byte-level BPE: the token string mapped through the inverse of GPT-2's byte-to-unicode table;
- SentencePiece (Metaspace, or a Replace("▁") chain): ``▁`` is a space, ``<0xE5>`` pieces are one byte
  each (byte fallback); the "dummy prefix" space SentencePiece adds before the text is dropped from
  the first token of a stream, as ``decode`` drops it;
- WordPiece: ``##`` continues a word, any other token starts with a space (except the first), with
  the decoder's punctuation clean-up;
- anything else: the bytes of ``decode([id])``.

Concatenating ``display`` over a whole sequence gives ``tokenizer.decode(ids)`` (special tokens kept,
no clean-up of spaces) for well-formed text. Invalid bytes (a model can generate them) appear as ``�``
in ``display``, like ``decode``, but as a byte marker in ``label``: labels never show ``�`` or ``\\x..``.
"""

from __future__ import annotations

import codecs
import json
import re
import weakref
from dataclasses import dataclass, field
from typing import Iterable

from workbench.core.i18n import translate

_HEX_ERRORS = "workbench.tokens.hex"


def _hex_marker(error: UnicodeDecodeError) -> tuple[str, int]:
    return f"‹{error.object[error.start:error.end].hex(' ')}›", error.end


codecs.register_error(_HEX_ERRORS, _hex_marker)


@dataclass(frozen=True)
class TokenDisplay:
    id: int
    text: str  # exactly tokenizer.decode([id])
    raw: bytes  # the bytes this token adds to the decoded text
    display: str  # the characters this token completes ('' if it only starts one)
    partial: bool  # carries only part of a character
    special: bool = False  # a special/added control token such as <|im_end|>; shown as its token string
    shown: str = field(default="", repr=False, compare=False)  # display with invalid bytes as markers

    @property
    def hex(self) -> str:
        """The raw bytes as spaced hex: 'e5 8f'."""
        return self.raw.hex(" ")

    @property
    def label(self) -> str:
        """What a view shows: the completed characters, or a byte marker for a partial piece."""
        if self.partial:
            return f"‹{self.hex}›"
        # A real U+FFFD in the text is shown by its bytes too: a label never shows a �.
        return (self.shown or self.display).replace("\ufffd", "‹ef bf bd›")


def token_json(piece: TokenDisplay) -> dict:
    """The fields the CLI adds to a token object in --json output."""
    return {"bytes": piece.hex, "display": piece.label}


def hover_text(piece: TokenDisplay) -> str:
    """A tooltip: the id, the raw bytes, and why a partial piece shows no character."""
    text = translate("core", "Token id {id} · bytes: {hex}").format(id=piece.id, hex=piece.hex or "—")
    if piece.partial:
        text += "\n" + translate("core", "Part of a character: the character is shown on the token that completes it.")
    elif piece.special:
        text += "\n" + translate("core", "A special token")
    return text


# --- bytes per token ------------------------------------------------------------------------------

def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's table: every byte as a printable character (the vocabulary is written in these)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    table = {b: chr(b) for b in printable}
    extra = 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + extra)
            extra += 1
    return table


_UNICODE_TO_BYTE = {c: b for b, c in _bytes_to_unicode().items()}
_BYTE_PIECE = re.compile(r"^<0x([0-9A-Fa-f]{2})>$")
_WORDPIECE_CLEANUP = [(" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                      (" 'm", "'m"), (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")]


class _Scheme:
    """How one tokenizer writes bytes into its vocabulary; per-id results cached."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.kind = "decode"
        self.byte_fallback = False
        self.strip_first_space = False  # SentencePiece's dummy prefix
        self.wordpiece_prefix = "##"
        self.wordpiece_cleanup = False
        self._read_decoder(tokenizer)
        self.special_ids = set(getattr(tokenizer, "all_special_ids", []) or [])
        for token_id, added in (getattr(tokenizer, "added_tokens_decoder", None) or {}).items():
            if getattr(added, "special", False):
                self.special_ids.add(int(token_id))
        self._cache: dict[int, tuple[str, str]] = {}
        # what an id shows when no character is pending: generation peeks at the same alternatives
        # step after step, run after run
        self.settled: dict[int, TokenDisplay] = {}

    def _read_decoder(self, tokenizer) -> None:
        backend = getattr(tokenizer, "backend_tokenizer", None)
        decoder = getattr(backend, "decoder", None) if backend is not None else None
        if decoder is None:
            if getattr(tokenizer, "sp_model", None) is not None:  # a slow SentencePiece tokenizer
                self.kind, self.byte_fallback, self.strip_first_space = "metaspace", True, True
            return
        try:
            state = json.loads(decoder.__getstate__())
        except Exception:  # noqa: BLE001 - an unreadable decoder falls back to decode()
            return
        parts = state.get("decoders", [state]) if state.get("type") == "Sequence" else [state]
        for part in parts:
            kind = part.get("type")
            if kind == "ByteLevel":
                self.kind = "bytelevel"
            elif kind == "Metaspace":
                self.kind = "metaspace"
                scheme = part.get("prepend_scheme", "always" if part.get("add_prefix_space", True) else "never")
                self.strip_first_space = scheme != "never"
            elif kind == "Replace" and part.get("pattern", {}).get("String") == "▁" and part.get("content") == " ":
                self.kind = "metaspace"
            elif kind == "ByteFallback":
                self.byte_fallback = True
            elif kind == "Strip" and part.get("content") == " " and part.get("start", 0) >= 1:
                self.strip_first_space = True
            elif kind == "WordPiece":
                self.kind = "wordpiece"
                self.wordpiece_prefix = part.get("prefix", "##")
                self.wordpiece_cleanup = bool(part.get("cleanup", False))

    def piece(self, token_id: int) -> tuple[str, str]:
        """(decode([id]), the vocabulary string of the id) for one id, cached."""
        cached = self._cache.get(token_id)
        if cached is None:
            tok = self.tokenizer
            text = tok.decode([token_id], skip_special_tokens=False, clean_up_tokenization_spaces=False)
            token = tok.convert_ids_to_tokens(token_id)
            cached = (text, token if isinstance(token, str) else text)
            self._cache[token_id] = cached
        return cached

    def raw(self, token_id: int, text: str, token: str, first: bool) -> bytes:
        """The bytes this id adds to the decoded text; ``first`` = first token of the stream."""
        if self.kind == "bytelevel":
            try:
                return bytes(_UNICODE_TO_BYTE[c] for c in token)
            except KeyError:  # an added token written as plain text
                return token.encode("utf-8")
        if self.kind == "metaspace":
            match = _BYTE_PIECE.match(token) if self.byte_fallback else None
            data = bytes([int(match.group(1), 16)]) if match else token.replace("▁", " ").encode("utf-8")
            if first and self.strip_first_space and data.startswith(b" "):
                data = data[1:]
            return data
        if self.kind == "wordpiece":
            if token.startswith(self.wordpiece_prefix):
                piece = token[len(self.wordpiece_prefix):]
            else:
                piece = token if first else " " + token
            if self.wordpiece_cleanup:
                for dirty, clean in _WORDPIECE_CLEANUP:
                    piece = piece.replace(dirty, clean)
            return piece.encode("utf-8")
        return text.encode("utf-8")


_schemes: "weakref.WeakKeyDictionary[object, _Scheme]" = weakref.WeakKeyDictionary()
_schemes_by_id: dict[int, _Scheme] = {}  # for tokenizers that cannot be weakly referenced


def _scheme_for(tokenizer) -> _Scheme:
    try:
        scheme = _schemes.get(tokenizer)
        if scheme is None:
            scheme = _schemes[tokenizer] = _Scheme(tokenizer)
        return scheme
    except TypeError:
        scheme = _schemes_by_id.get(id(tokenizer))
        if scheme is None or scheme.tokenizer is not tokenizer:
            scheme = _schemes_by_id[id(tokenizer)] = _Scheme(tokenizer)
        return scheme


# --- from bytes to characters ---------------------------------------------------------------------

_PREFIX_TAIL = 8  # a character spans at most 4 bytes, so a few earlier tokens carry its start


class TokenStream:
    """Turns ids into TokenDisplay one at a time, carrying an unfinished character across tokens.

    ``prefix_ids`` are tokens already shown (the prompt, before generated tokens): they set where the
    stream stands (inside a character? at the start of the text?) and are not returned.
    """

    def __init__(self, tokenizer, prefix_ids: Iterable[int] = ()):
        self._scheme = _scheme_for(tokenizer)
        self._chars = codecs.getincrementaldecoder("utf-8")("replace")
        self._marks = codecs.getincrementaldecoder("utf-8")(_HEX_ERRORS)
        prefix = [int(i) for i in prefix_ids]
        self._first = True
        if len(prefix) > _PREFIX_TAIL:
            prefix = prefix[-_PREFIX_TAIL:]
            self._first = False
        for token_id in prefix:
            self.push(token_id)

    def push(self, token_id: int) -> TokenDisplay:
        token_id = int(token_id)
        scheme = self._scheme
        text, token = scheme.piece(token_id)
        raw = scheme.raw(token_id, text, token, self._first)
        self._first = False
        if token_id in scheme.special_ids:
            # A control token ends any unfinished character (decode shows it as �).
            broken, marks = self._flush()
            own = raw.decode("utf-8", _HEX_ERRORS)
            return TokenDisplay(token_id, text, raw, broken + own, False, True, marks + own)
        display = self._chars.decode(raw)
        shown = self._marks.decode(raw)
        partial = not display and bool(raw)
        return TokenDisplay(token_id, text, raw, display, partial, False, shown)

    def peek_many(self, token_ids: Iterable[int]) -> list[TokenDisplay]:
        """What each of ``token_ids`` would show as the next token, without moving the stream (a
        step's alternatives)."""
        state = (self._chars.getstate(), self._marks.getstate(), self._first)
        settled = not state[0][0] and not state[1][0] and not state[2]  # no bytes of a character pending
        shown = []
        for token_id in token_ids:
            piece = self._scheme.settled.get(token_id) if settled else None
            if piece is None:
                try:
                    piece = self.push(token_id)
                finally:
                    self._chars.setstate(state[0])
                    self._marks.setstate(state[1])
                    self._first = state[2]
                if settled:
                    self._scheme.settled[token_id] = piece
            shown.append(piece)
        return shown

    def _flush(self) -> tuple[str, str]:
        broken, marks = self._chars.decode(b"", final=True), self._marks.decode(b"", final=True)
        self._chars.reset()
        self._marks.reset()
        return broken, marks

    def pending(self) -> bytes:
        """Bytes of a character started but not finished yet."""
        return self._chars.getstate()[0]


def visible(label: str) -> str:
    """A label on one line, for tables and axes: whitespace made visible (· ↵ ⇥ ␍), ∅ for a token with
    no text. A byte marker (‹e5 8f›) is kept as it is: its spaces separate bytes."""
    if label.startswith("‹"):
        return label
    return label.replace(" ", "·").replace("\n", "↵").replace("\t", "⇥").replace("\r", "␍") or "∅"


def view_label(piece: TokenDisplay) -> str:
    """A token's one-line label: its characters with whitespace made visible, or its byte marker."""
    return piece.label if piece.partial or piece.special else visible(piece.label)


def display_tokens(tokenizer, ids: Iterable[int], *, prefix_ids: Iterable[int] = ()) -> list[TokenDisplay]:
    """One TokenDisplay per id, continuing after ``prefix_ids`` (earlier tokens, not returned)."""
    stream = TokenStream(tokenizer, prefix_ids)
    return [stream.push(token_id) for token_id in ids]
