"""Readers: one module per format, all returning the same Document; a registry chooses by content, then extension."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read import docx, html, pdf, text, xml


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[str, bytes], Document]
    #: A fallback reader (plain text) is chosen only when no specific reader recognises the content.
    fallback: bool = False


#: Registered readers, tried in order (the most specific sniff first); adding a format is one module and one line.
READERS: list[Reader] = [
    Reader("pdf", (".pdf",), pdf.sniff, pdf.read),
    Reader("docx", (".docx",), docx.sniff, docx.read),
    Reader("html", (".html", ".htm", ".xhtml"), html.sniff, html.read),
    Reader("xml", (".xml",), xml.sniff, xml.read),
    Reader("text", (".txt", ".text"), text.sniff, text.read, fallback=True),
]

#: Formats recognised by their first bytes that no reader reads, named in the error message.
UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a zip archive, not a Word .docx document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (.doc/.xls) file; save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document; save it as .docx, PDF or plain text"),
    (b"%!PS", "a PostScript file"),
)

#: Largest file read, in bytes (a larger one is rejected with a clear message rather than exhausting memory).
MAX_BYTES = 64 * 1024 * 1024
#: Longest document text, in characters (4 Mi: some 1,400 pages of 3,000 characters, a Kamerbrief has 5 to 50).
#: Extraction takes about 10 s per million characters, so this bounds one document to well under a minute; a longer
#: text is refused with a message, not processed for minutes. Text files above four times this many bytes are refused
#: before they are decoded.
MAX_TEXT_CHARS = 4 * 2**20


def registered() -> str:
    """The registered formats for error messages: 'pdf (.pdf), docx (.docx), ...'."""
    return ", ".join(f"{r.name} ({' '.join(r.extensions)})" for r in READERS)


def read_bytes(name: str, data: bytes) -> Document:
    """Choose a reader by content (then extension) and read the bytes into a Document.

    Content decides: a specific reader (PDF, docx, HTML, XML) that recognises the bytes wins over plain text whatever
    the file is called; the extension only breaks a tie between readers that both recognise them.
    """
    if not data:
        raise UnreadableDocument(name, "the file is empty (0 bytes)")
    if not data.strip():
        raise UnreadableDocument(name, "the file is empty (only white space)")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            name, f"the file is {len(data) / 2**20:.0f} MiB, above the limit of {MAX_BYTES // 2**20} MiB"
        )
    suffix = Path(name).suffix.lower()
    candidates = [r for r in READERS if r.sniff(data)]
    candidates = [r for r in candidates if not r.fallback] or candidates
    kind = next((kind for magic, kind in UNSUPPORTED if data.startswith(magic)), None)
    if kind and all(r.fallback for r in candidates):  # a PNG is no text even when its first bytes happen to decode
        candidates = []
    preferred = [r for r in candidates if suffix in r.extensions] or candidates
    if not preferred:
        what = f" ({kind})" if kind else ""
        raise UnreadableDocument(name, f"unknown or binary format{what}; registered formats: {registered()}")
    reader = preferred[0]
    if reader.fallback and len(data) > 4 * MAX_TEXT_CHARS:
        raise UnreadableDocument(
            name, f"the text file is {_size(len(data))}, above the limit of {_size(4 * MAX_TEXT_CHARS)}"
        )
    doc = reader.read(name, data)
    if len(doc.text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(
            name,
            f"the text is {len(doc.text) / 1e6:.1f} million characters, above the limit of {MAX_TEXT_CHARS / 1e6:.1f} "
            "million; split the document",
        )
    return doc


def _size(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def read_path(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(path.name, data)
