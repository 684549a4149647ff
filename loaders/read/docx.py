"""Word .docx reader (zip + defusedxml): paragraphs, table rows, footnotes in the Word-export layout, core title."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read.compose import Block, compose, marker
from loaders.read.tree import local_name

#: Largest XML part unpacked from a .docx (a zip bomb is refused, not unpacked).
MAX_PART = 64 * 1024 * 1024
_DOCUMENT = "word/document.xml"
_FOOTNOTES = "word/footnotes.xml"
_CORE = "docProps/core.xml"
# Run content that is not text of the document: deleted revisions, field codes, drawings.
_SKIPPED = {"del", "deltext", "instrtext", "drawing", "pict", "object", "ppr", "rpr", "fldsimple-instr"}


def sniff(data: bytes) -> bool:
    """A zip archive with a word/document.xml part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _DOCUMENT in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _part(name: str, archive: zipfile.ZipFile, part: str) -> Any | None:
    if part not in archive.namelist():
        return None
    info = archive.getinfo(part)
    if info.file_size > MAX_PART:
        raise UnreadableDocument(name, f"the .docx part {part} unpacks to {info.file_size // 2**20} MiB; refused")
    with archive.open(info) as member:
        data = member.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise UnreadableDocument(name, f"the .docx part {part} unpacks to more than {MAX_PART // 2**20} MiB; refused")
    try:
        return defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except (ParseError, defusedxml.DefusedXmlException) as exc:
        raise UnreadableDocument(name, f"the .docx part {part} is not valid XML ({exc})") from exc


def _attr(element: Any, name: str) -> str:
    """A w: attribute, whatever its namespace prefix."""
    return next((value for key, value in element.attrib.items() if key.rsplit("}", 1)[-1] == name), "")


class _Paragraphs:
    """Renders w:p paragraphs; footnote references are numbered in order of appearance, as Word shows them."""

    def __init__(self, footnotes: dict[str, str]) -> None:
        self.footnotes = footnotes
        self.count = 0

    def paragraph(self, element: Any) -> Block:
        parts: list[str] = []
        notes: list[tuple[str, str]] = []
        self._runs(element, parts, notes)
        return Block("".join(parts), notes)

    def _runs(self, element: Any, parts: list[str], notes: list[tuple[str, str]]) -> None:
        for child in element:
            name = local_name(child)
            if name in _SKIPPED:
                continue
            if name == "t":
                parts.append(child.text or "")
            elif name == "tab":
                parts.append(" ")
            elif name in {"br", "cr"}:
                parts.append("\n")
            elif name == "nobreakhyphen":
                parts.append("-")
            elif name == "footnotereference":
                self.count += 1
                number = str(self.count)
                parts.append(marker(number))
                notes.append((number, self.footnotes.get(_attr(child, "id"), "")))
            else:
                self._runs(child, parts, notes)


def _footnotes(root: Any | None) -> dict[str, str]:
    if root is None:
        return {}
    notes: dict[str, str] = {}
    for note in root:
        if local_name(note) != "footnote" or _attr(note, "type") in {"separator", "continuationSeparator"}:
            continue
        renderer = _Paragraphs({})
        texts = [renderer.paragraph(p).text for p in note.iter() if local_name(p) == "p"]
        notes[_attr(note, "id")] = " ".join(t.strip() for t in texts if t.strip())
    return notes


def _blocks(body: Any, paragraphs: _Paragraphs) -> list[Block]:
    blocks: list[Block] = []
    for element in body:
        name = local_name(element)
        if name == "p":
            blocks.append(paragraphs.paragraph(element))
        elif name == "tbl":
            for row in (r for r in element.iter() if local_name(r) == "tr"):
                cells = [c for c in row if local_name(c) == "tc"]
                rendered = [[paragraphs.paragraph(p) for p in c.iter() if local_name(p) == "p"] for c in cells]
                text = " | ".join(" ".join(b.text.strip() for b in cell if b.text.strip()) for cell in rendered)
                blocks.append(Block(text, [note for cell in rendered for b in cell for note in b.notes]))
        elif name == "sdt":  # a content control wraps paragraphs
            content = next((c for c in element if local_name(c) == "sdtcontent"), None)
            if content is not None:
                blocks.extend(_blocks(content, paragraphs))
    return blocks


def read(name: str, data: bytes) -> Document:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument(name, f"the .docx file is a damaged zip archive ({exc})") from exc
    with archive:
        try:
            document = _part(name, archive, _DOCUMENT)
            footnotes = _footnotes(_part(name, archive, _FOOTNOTES))
            core = _part(name, archive, _CORE)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise UnreadableDocument(name, f"the .docx file is damaged ({exc})") from exc
        except RuntimeError as exc:  # zipfile: a part "is encrypted, password required for extraction"
            raise UnreadableDocument(name, "the .docx file is encrypted; save an unprotected copy") from exc
        except NotImplementedError as exc:  # a compression method zipfile cannot unpack
            raise UnreadableDocument(name, f"the .docx file cannot be unpacked ({exc})") from exc
    body = next((e for e in document.iter() if local_name(e) == "body"), None) if document is not None else None
    if body is None:
        raise UnreadableDocument(name, "the .docx file has no document body")
    text = compose(_blocks(body, _Paragraphs(footnotes)))
    if not text.strip():
        raise UnreadableDocument(name, "the .docx document holds no text")
    metadata: dict[str, str] = {}
    if core is not None:
        for element in core:
            value = (element.text or "").strip()
            if local_name(element) in {"title", "creator", "created"} and value:
                metadata[{"creator": "author"}.get(local_name(element), local_name(element))] = value
    return Document(name=name, text=text, format="docx", metadata=metadata)
