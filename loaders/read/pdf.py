"""PDF reader (pdfminer.six): text boxes become paragraphs, superscript numbers footnote markers; no furniture."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTAnno, LTChar, LTLayoutContainer, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read.compose import Block, clean_line, compose, marker
from loaders.read.lines import is_furniture, join_lines, page_pattern

# pdfminer logs every oddity of a PDF it works around ("MediaBox missing"); readers report problems as errors instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A footnote line at a page bottom: its number, then the note ("1 Kamerstuk 29 237, nr. 247"); the number may also
# be a superscript marker the line reader already turned into "[footnoteRef:1]".
_NOTE_START = re.compile(r"^(?:\[footnoteRef:(?P<marker>\d{1,3})\]|(?P<number>\d{1,3})(?=\s|[A-Z]))\s*(?P<text>.*)$")
# A line that starts a list item or numbered point keeps its line break: "• ...", "- ...", "1. ...", "a) ...".
_ITEM_START = re.compile(r"^(?:[•·▪○◦●■\-–*]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
# A block that ends a sentence (or a heading); a block that does not, continued on the next page, is one paragraph.
_SENTENCE_END = re.compile(r"[.!?:;”\"')\]]\s*$")
# Where the running header and footer live: the top and bottom tenth of a page.
_EDGE = 0.1
# Superscript: at most this share of the line's body size, and its bottom raised by this share of it.
_SUP_SIZE = 0.85
_SUP_RAISE = 0.15
# Left edges this close (in points) start the same column.
_COLUMN_TOLERANCE = 12
# Footnote text is set smaller than body text.
_NOTE_SIZE = 0.92


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Box:
    lines: list[_Line]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    boxes: list[_Box]


def sniff(data: bytes) -> bool:
    """A PDF starts with '%PDF-' (some producers put a few bytes before it)."""
    return b"%PDF-" in data[:1024]


def _mode(values: list[float]) -> float:
    return Counter(round(v, 1) for v in values).most_common(1)[0][0] if values else 0.0


def _line(line: LTTextLine) -> _Line | None:
    """A line's text, with runs of superscript digits turned into footnote markers."""
    chars = [item for item in line if isinstance(item, LTChar)]
    if not chars:
        return None
    size = _mode([c.size for c in chars if c.get_text().strip()] or [c.size for c in chars])
    baseline = _mode([c.y0 for c in chars if abs(c.size - size) < 0.5] or [c.y0 for c in chars])
    out: list[str] = []
    digits = ""

    def flush() -> None:
        nonlocal digits
        if digits:
            out.append(marker(digits))
            digits = ""

    for item in line:
        text = item.get_text() if isinstance(item, (LTChar, LTAnno)) else ""
        is_sup = (
            isinstance(item, LTChar)
            and text.isdigit()
            and item.size <= _SUP_SIZE * size
            and item.y0 >= baseline + _SUP_RAISE * size
        )
        if is_sup:
            digits += text
            continue
        flush()
        out.append(text)
    flush()
    content = "".join(out).replace("\n", " ")
    if not clean_line(content):
        return None
    return _Line(content.rstrip(), line.x0, line.x1, line.y1, line.y0, size)


def _boxes(container: LTLayoutContainer) -> Iterator[LTTextBox]:
    for item in container:
        if isinstance(item, LTTextBox):
            yield item
        elif isinstance(item, LTLayoutContainer):
            yield from _boxes(item)


def _page(number: int, layout: LTPage) -> _Page:
    boxes: list[_Box] = []
    for box in _boxes(layout):
        lines = [ln for ln in (_line(item) for item in box if isinstance(item, LTTextLine)) if ln is not None]
        if lines:
            boxes.append(_Box(lines, box.x0, box.x1, box.y1, box.y0))
    return _Page(number, layout.width, layout.height, boxes)


def _drop_furniture(pages: list[_Page]) -> None:
    """Drop page numbers and 'Pagina N van M' at page edges, and running headers/footers repeated on several pages."""

    def at_edge(page: _Page, line: _Line) -> bool:
        return line.bottom > (1 - _EDGE) * page.height or line.top < _EDGE * page.height

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({page_pattern(ln.text) for box in page.boxes for ln in box.lines if at_edge(page, ln)})
    repeated = {pattern for pattern, count in seen.items() if count >= 2} if len(pages) >= 2 else set()
    for page in pages:
        for box in page.boxes:
            box.lines = [
                ln
                for ln in box.lines
                if not (at_edge(page, ln) and (is_furniture(ln.text) or page_pattern(ln.text) in repeated))
            ]
        page.boxes = [box for box in page.boxes if box.lines]


def _right_edge(page: _Page, box: _Box, columns: dict[int, float]) -> float:
    """The right margin of the column a box stands in: the furthest end of the page's lines that overlap it, or of
    the document's lines that start where it starts (so a last page holding only a signature keeps its breaks)."""
    on_page = max(
        (ln.x1 for other in page.boxes for ln in other.lines if ln.x0 < box.x1 and ln.x1 > box.x0),
        default=box.x1,
    )
    return max(on_page, columns.get(_column(box.x0), on_page))


def _column(x0: float) -> int:
    """Lines whose left edges lie within the same 12 points start the same column."""
    return round(x0 / _COLUMN_TOLERANCE)


def _columns(pages: list[_Page]) -> dict[int, float]:
    """For each left edge, the furthest right edge of the document's lines that start there."""
    columns: dict[int, float] = {}
    for page in pages:
        for box in page.boxes:
            for line in box.lines:
                key = _column(line.x0)
                columns[key] = max(columns.get(key, line.x1), line.x1)
    return columns


def _wrapped(line: _Line, following: _Line, right: float) -> bool:
    """The layout broke this line (the next line's first word would not have fitted), not the author."""
    if _ITEM_START.match(following.text.lstrip()):
        return False
    text = line.text.strip()
    char_width = (line.x1 - line.x0) / max(len(text), 1)
    first_word = following.text.split(maxsplit=1)[0] if following.text.strip() else ""
    return right - line.x1 < (len(first_word) + 1.5) * char_width


def _box_text(page: _Page, box: _Box, columns: dict[int, float]) -> str:
    right = _right_edge(page, box, columns)
    text = box.lines[0].text
    for previous, line in zip(box.lines, box.lines[1:], strict=False):
        text = join_lines(text, line.text) if _wrapped(previous, line, right) else f"{text}\n{line.text.strip()}"
    return text


def _notes(box: _Box) -> list[tuple[str, str]] | None:
    """The footnotes a box holds ('1 Kamerstuk ...' lines and their continuations), or None if it is no note box.

    A line starting with a number starts the next note only when it is the next number ('12 december 2025' inside
    note 3 continues it).
    """
    notes: list[tuple[str, str]] = []
    for line in box.lines:
        match = _NOTE_START.match(line.text.strip())
        number = (match["marker"] or match["number"]) if match else None
        if match and number and (not notes or int(number) == int(notes[-1][0]) + 1):
            notes.append((number, match["text"]))
        elif notes:
            number, text = notes[-1]
            notes[-1] = (number, join_lines(text, line.text))
        else:
            return None
    return notes


def _compose_pages(pages: list[_Page], body_size: float) -> list[Block]:
    """Body boxes as blocks; each footnote joins the block that cites it, or stays a plain 'N text' line."""
    columns = _columns(pages)
    blocks: list[Block] = []
    last_body: Block | None = None
    for page in pages:
        body: list[Block] = []
        notes: list[tuple[str, str]] = []
        for box in page.boxes:
            # Notes sit in the lower half, set smaller than the text above them (or than the body text in general).
            above = max((other.size for other in page.boxes if other.bottom > box.top), default=body_size)
            smaller = box.size < _NOTE_SIZE * max(above, body_size)
            found = _notes(box) if smaller and box.top < 0.5 * page.height else None
            if found:
                notes.extend(found)
            else:
                body.append(Block(_box_text(page, box, columns)))
        if last_body and body and not _SENTENCE_END.search(last_body.text) and body[0].text[:1].islower():
            last_body.text = join_lines(last_body.text, body.pop(0).text)  # a paragraph continued over a page
        blocks.extend(body)
        last_body = body[-1] if body else last_body
        plain: list[str] = []
        for number, text in notes:
            cited = next((b for b in reversed(blocks) if marker(number) in b.text), None)
            if cited is not None:
                cited.notes.append((number, text))
            else:
                plain.append(f"{number} {text}")
        if plain:
            blocks.append(Block("\n".join(plain)))
    cited_numbers = {number for block in blocks for number, _ in block.notes}
    for block in blocks:  # a superscript number without a footnote (m², 1e) is text again
        block.text = re.sub(
            r"\[footnoteRef:(\d+)\]", lambda m: m.group(0) if m.group(1) in cited_numbers else m.group(1), block.text
        )
    return blocks


def _info(document: PDFDocument) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for info in document.info:
        for key, target in (("Title", "title"), ("Author", "author"), ("Subject", "subject")):
            value = resolve1(info.get(key))
            if isinstance(value, (bytes, str)) and target not in metadata:
                text = clean_line(decode_text(value) if isinstance(value, bytes) else value)
                if text:
                    metadata[target] = text
    return metadata


def _open(name: str, data: bytes) -> PDFDocument:
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-1024:]:
        raise UnreadableDocument(name, "the PDF is truncated (no %%EOF end marker); the download is incomplete")
    try:
        return PDFDocument(PDFParser(BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise UnreadableDocument(name, "the PDF is encrypted and needs a password; save an unprotected copy") from exc
    except PDFEncryptionError as exc:
        raise UnreadableDocument(name, f"the PDF is encrypted in a way that cannot be read ({exc})") from exc
    except Exception as exc:  # pdfminer signals damaged files with many exception types; all mean the same here
        raise UnreadableDocument(name, f"the PDF is damaged and cannot be opened ({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    text = re.sub(r"\s+", " ", str(exc)).strip()[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def read(name: str, data: bytes) -> Document:
    document = _open(name, data)
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[_Page] = []
    empty: list[int] = []
    try:
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(pdf_page)
            page = _page(number, device.get_result())
            pages.append(page)
            if not page.boxes:
                empty.append(number)
    except PDFPasswordIncorrect as exc:
        raise UnreadableDocument(name, "the PDF is encrypted and needs a password; save an unprotected copy") from exc
    except Exception as exc:  # as in _open: a damaged page stream can raise anything pdfminer uses
        raise UnreadableDocument(
            name, f"the PDF is damaged after page {len(pages)} and cannot be read ({_reason(exc)})"
        ) from exc
    if not pages:
        raise UnreadableDocument(name, "the PDF has no pages")
    if len(empty) == len(pages):
        raise UnreadableDocument(name, "the PDF has no text layer (scanned pages?); run OCR on it first")
    sizes = [ln.size for page in pages for box in page.boxes for ln in box.lines for _ in ln.text]
    _drop_furniture(pages)
    blocks = _compose_pages(pages, _mode(sizes))
    metadata = {"pages": str(len(pages)), **_info(document)}
    if empty:
        metadata["warning"] = f"pages without a text layer (scanned?): {', '.join(map(str, empty))}"
    if document.encryption:
        metadata["encrypted"] = "yes (no password needed to read)"
    text = compose(blocks)
    if not text.strip():
        raise UnreadableDocument(name, "the PDF holds only page numbers and headers, no text")
    return Document(name=name, text=text, format="pdf", metadata=metadata)
