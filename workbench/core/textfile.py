"""Reading a user's text file, the one way every reader does it (tables, training text, documents).

The encoding is found from a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without one (every other byte
zero), UTF-8, then charset-normalizer's best guess among the common ones (GBK is read as GB18030,
its superset). A missing, empty or binary file, or bytes that are not text, raise a
``WorkbenchError`` naming the file (and the line) and saying what to do.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_GUESSES = ["gb18030", "big5", "shift_jis", "euc_kr", "cp1252", "latin_1", "cp1251"]


@dataclass
class TextFile:
    path: Path
    text: str
    encoding: str  # as Python names it; "utf-8" for plain UTF-8 without a BOM


def read_text(path: str | Path, choose: str = "", empty_hint: str = "") -> TextFile:
    """The text of ``path``. ``choose`` says which file to pick instead (for a missing file, a folder
    or a binary file); ``empty_hint`` what to put in an empty one."""
    path = Path(path).expanduser()
    choose = choose or translate("core", "Choose a text file saved as UTF-8.")
    if not path.exists():
        raise WorkbenchError(translate("core", "{path} does not exist.").format(path=path), choose)
    if path.is_dir():
        raise WorkbenchError(translate("core", "{path} is a folder, not a file.").format(path=path), choose)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(
            path=path, error=exc.strerror or exc), translate("core", "Check the file's permissions.")) from exc
    if not raw.strip():
        raise WorkbenchError(translate("core", "{name} is empty.").format(name=path.name),
                             empty_hint or translate("core", "Choose a file with some text in it."))
    text, encoding = decode(raw, path, choose)
    if _looks_binary(text):
        raise WorkbenchError(translate("core", "{name} looks like a binary file, not text.").format(name=path.name),
                             choose)
    return TextFile(path, text, encoding)


def decode(raw: bytes, path: Path, choose: str = "") -> tuple[str, str]:
    """``raw`` as text and the encoding it was read with."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw, name, path), name
    sample = raw[:8192]
    if b"\x00" in sample:
        even_zeros = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_zeros = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_zeros > 0.3 and even_zeros < 0.05:
            return _decode_as(raw, "utf-16-le", path), "utf-16-le"
        if even_zeros > 0.3 and odd_zeros < 0.05:
            return _decode_as(raw, "utf-16-be", path), "utf-16-be"
        raise WorkbenchError(
            translate("core", "{name} looks like a binary file, not text (it contains NUL bytes).").format(
                name=path.name), choose or translate("core", "Choose a text file saved as UTF-8."))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_GUESSES).best()
    if best is None:
        raise WorkbenchError(
            translate("core", "{name} is not text in any encoding the workbench recognises.").format(name=path.name),
            translate("core", "Save it as UTF-8 text (from a spreadsheet program: 'CSV UTF-8')."))
    encoding = best.encoding
    if encoding in ("gbk", "gb2312"):
        encoding = "gb18030"  # a superset: decodes every GBK file and more
    return _decode_as(raw, encoding, path), encoding


def _decode_as(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        start = exc.start + (len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)  # counted after its BOM
        line = raw[:start].count(b"\n") + 1
        raise WorkbenchError(
            translate("core", "{name} is not valid {encoding} text: undecodable bytes on line {line}.").format(
                name=path.name, encoding=encoding, line=line),
            translate("core", "Save it as UTF-8 text (from a spreadsheet program: 'CSV UTF-8').")) from exc


def _looks_binary(text: str) -> bool:
    """Many control characters: bytes that happened to decode (as cp1252, say) but are not text."""
    sample = text[:8192]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return control > max(8, len(sample) // 20)
