"""Readers: one module per format, all returning the same Document; a registry chooses by content, then extension."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read import text


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[str, bytes], Document]


#: Registered readers, tried in order; adding a format is one module and one line here.
READERS: list[Reader] = [
    Reader("text", (".txt", ".text"), text.sniff, text.read),
]

#: Largest file read, in bytes (a larger one is rejected with a clear message rather than exhausting memory).
MAX_BYTES = 64 * 1024 * 1024


def read_bytes(name: str, data: bytes) -> Document:
    """Choose a reader by content (then extension) and read the bytes into a Document."""
    if not data.strip():
        raise UnreadableDocument(name, "the file is empty")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            name, f"the file is {len(data) / 2**20:.0f} MiB, above the limit of {MAX_BYTES // 2**20} MiB"
        )
    suffix = Path(name).suffix.lower()
    candidates = [r for r in READERS if r.sniff(data)]
    preferred = [r for r in candidates if suffix in r.extensions] or candidates
    if not preferred:
        known = ", ".join(f"{r.name} ({' '.join(r.extensions)})" for r in READERS)
        raise UnreadableDocument(name, f"unknown or binary format; registered formats: {known}")
    return preferred[0].read(name, data)


def read_path(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(path.name, data)
