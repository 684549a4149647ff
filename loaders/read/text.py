"""Plain-text reader: UTF-8 (with or without BOM), else the encoding charset-normalizer detects; newlines normalised."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from loaders.document import Document
from loaders.errors import UnreadableDocument

_CONTROL_OK = {9, 10, 12, 13}


def sniff(data: bytes) -> bool:
    """Text has no NUL bytes and few control characters in its first 8 KiB."""
    head = data[:8192]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in _CONTROL_OK)
    return control <= len(head) // 100


def decode(name: str, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableDocument(name, "the text encoding cannot be detected")
    return str(best)


def read(name: str, data: bytes) -> Document:
    try:
        content = decode(name, data)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(name, f"not valid text in its declared encoding ({exc.reason})") from exc
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if not content.strip():
        raise UnreadableDocument(name, "the file holds only whitespace")
    return Document(name=name, text=content, format="text", metadata={"encoding": "utf-8"})
