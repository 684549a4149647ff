"""Plain-text reader: byte-order marks, UTF-8, UTF-16, else CP1252/Latin-1 (checked by charset-normalizer)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from loaders.document import Document
from loaders.errors import UnreadableDocument

_CONTROL_OK = {9, 10, 12, 13}
# Formats that are ASCII text but not documents to read as plain text (RTF, PostScript).
_OTHER_FORMATS = (b"{\\rtf", b"%!PS")

# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A valid UTF-8 multi-byte sequence; legacy-encoded Dutch text practically never contains one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Bytes that CP1252 prints (quotes, dashes, the euro sign) and Latin-1 treats as control characters.
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")
# Encodings charset-normalizer may propose for Western European text; Dutch documents are then read as CP1252.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp775", "cp1257", "hp_roman8", "mac_roman"}
# Line separators other than \n: Windows and old Mac line ends, Unicode line and paragraph separators, form feeds.
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
#: Share of characters that may be control, private-use or unassigned before the text counts as binary.
MAX_JUNK = 0.01


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when every other byte is NUL, as in UTF-16 text of Latin script saved without a mark."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff(data: bytes) -> bool:
    """Text: a byte-order mark, UTF-16 without one, or no NUL bytes and few control characters in the first 8 KiB."""
    head = data[:8192]
    if data.lstrip().startswith(_OTHER_FORMATS):
        return False
    if _bom(data) or _utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in _CONTROL_OK)
    return control <= len(head) // 100


def _legacy(name: str, data: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: CP1252 (or Latin-1) when plausible, mixed UTF-8/CP1252 line by line, else the guess."""
    if _UTF8_SEQUENCE.search(data):
        lines = [_line(line) for line in data.split(b"\n")]
        if any(encoding == "utf-8" for _, encoding in lines):
            return "\n".join(text for text, _ in lines), "utf-8+cp1252 (mixed)"
    matches = from_bytes(data)
    if not matches:
        raise UnreadableDocument(name, "unknown or binary format: the bytes are not text in any known encoding")
    if {match.encoding for match in matches} & _WESTERN:
        try:
            return data.decode("cp1252"), "cp1252" if _CP1252_ONLY.search(data) else "iso-8859-1"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "iso-8859-1"
    best = matches.best()
    assert best is not None
    return str(best), best.encoding


def _line(line: bytes) -> tuple[str, str]:
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return line.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return line.decode("latin-1"), "latin-1"


def decode(name: str, data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    marked = _bom(data)
    if marked:
        encoding, skip = marked
        try:
            return data[skip:].decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(
                name,
                f"not valid {encoding.upper()} although it starts with that byte-order mark ({exc.reason} at "
                f"byte {exc.start + skip})",
            ) from exc
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(name, f"looks like {utf16.upper()} but does not decode ({exc.reason})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(name, data)


def junk_share(text: str) -> float:
    """The share of characters that never occur in a text document: controls, private use, unassigned, U+FFFD."""
    sample = text[:65536]
    if not sample:
        return 0.0
    junk = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) in {"Cc", "Co", "Cn", "Cs"} and char not in "\t\n")
    )
    return junk / len(sample)


def normalise(text: str) -> str:
    """Newlines as \\n, no byte-order mark left at the start."""
    return _LINE_ENDS.sub("\n", text.removeprefix("\ufeff"))


def read(name: str, data: bytes) -> Document:
    content, encoding = decode(name, data)
    content = normalise(content)
    if not content.strip():
        raise UnreadableDocument(name, "the file is empty (only white space)")
    if junk_share(content) > MAX_JUNK:
        raise UnreadableDocument(name, f"unknown or binary format: read as {encoding}, it is mostly not text")
    return Document(name=name, text=content, format="text", metadata={"encoding": encoding})
