"""Walking an element tree (HTML or XML, ElementTree API) into blocks of text with their footnotes."""

from __future__ import annotations

import re
from enum import Enum, auto
from typing import Any

from loaders.read.compose import Block, marker

# Insignificant white space in markup: runs of spaces and newlines between words count as one space.
_WHITESPACE = re.compile(r"\s+")


class Role(Enum):
    SKIP = auto()  # not part of the document (scripts, navigation, footnote bodies rendered elsewhere)
    BLOCK = auto()  # a paragraph, heading, list item or table row: its own block
    INLINE = auto()  # text that flows within the current block
    BREAK = auto()  # a line break within a block
    LINE = auto()  # text that flows within the current block, then a line break (a signature's office)
    CELL = auto()  # a table cell: inline, separated from the previous cell by " | "
    NOTE = auto()  # a footnote reference: a marker in the text, the note's text after the block


def local_name(element: Any) -> str:
    """The tag without namespace, lower-cased; '' for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def text_of(element: Any) -> str:
    """All text under an element, white space collapsed."""
    return _WHITESPACE.sub(" ", "".join(element.itertext())).strip()


class TreeWalker:
    """Renders a tree as blocks; subclasses decide each element's role, list prefixes and footnotes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._notes: list[tuple[str, str]] = []
        self._prefix = ""

    def role(self, element: Any) -> Role:
        raise NotImplementedError

    def prefix(self, element: Any) -> str:
        """Text put before a block (a list bullet or number)."""
        return ""

    def own_text(self, element: Any) -> str | None:
        """Text that replaces the element's content (a name whose parts must be spaced), or None to walk it."""
        return None

    def note(self, element: Any) -> tuple[str, str]:
        """The number and text of the footnote a NOTE element refers to ('' when the text is given elsewhere)."""
        raise NotImplementedError

    def walk(self, root: Any) -> list[Block]:
        self._visit(root)
        self._flush()
        return self.blocks

    def _text(self, text: str | None) -> None:
        if text:
            self._parts.append(_WHITESPACE.sub(" ", text))

    def _flush(self) -> None:
        text = "".join(self._parts).strip()
        if text or self._notes:
            self.blocks.append(Block(self._prefix + text, self._notes))
            self._prefix = ""
        self._parts = []
        self._notes = []

    def _visit(self, element: Any) -> None:
        role = self.role(element)
        if role is Role.SKIP:
            return
        if role is Role.BREAK:
            self._parts.append("\n")
        elif role is Role.NOTE:
            number, text = self.note(element)
            self._parts.append(marker(number))
            if text:
                self._notes.append((number, text))
            return
        if role is Role.BLOCK:
            self._flush()
            self._prefix = self._prefix or self.prefix(element)
        elif role is Role.CELL and "".join(self._parts).strip():
            self._parts.append(" | ")
        own = self.own_text(element)
        if own is not None:
            self._text(own)
        else:
            self._text(element.text)
            for child in element:
                self._visit(child)
                self._text(child.tail)
        if role is Role.BLOCK:
            self._flush()
        elif role is Role.LINE:
            self._parts.append("\n")
