"""Reader output in the plain-letter layout: blocks split by blank lines, footnotes in the Word-export form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Runs of horizontal white space, including no-break and thin spaces, collapse to one space.
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
# Characters that carry no text: zero-width spaces and joiners, the byte-order mark, soft hyphens.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# A name line ends without sentence punctuation ("D.M. van Weel"); a sentence ends with one.
_SENTENCE_END = re.compile(r"[.!?:;]$")
# Longest office line ("De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,") and name line.
_OFFICE_MAX = 120
_NAME_MAX = 60


def marker(number: str) -> str:
    """The inline footnote marker of the Word-export layout: '[footnoteRef:6]'."""
    return f"[footnoteRef:{number}]"


def clean_line(text: str) -> str:
    """One line with invisible characters removed and runs of spaces collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def clean_block(text: str) -> str:
    """A block's lines cleaned; empty lines inside a block are dropped (a blank line would split it)."""
    return "\n".join(line for line in (clean_line(part) for part in text.split("\n")) if line)


@dataclass
class Block:
    """One paragraph (or heading, signature block, table row); `notes` are the footnotes it cites, in order."""

    text: str
    notes: list[tuple[str, str]] = field(default_factory=list)


def _signature_pairs(blocks: list[Block]) -> list[Block]:
    """An office ending in a comma followed by a short name, as two paragraphs, become one two-line block.

    Word and HTML put "De minister van Buitenlandse Zaken," and "D.M. van Weel" in paragraphs of their own; the
    signature layout has them on consecutive lines.
    """
    merged: list[Block] = []
    for block in blocks:
        text = clean_block(block.text)
        if not text:
            if block.notes:
                merged.append(block)
            continue
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and not previous.notes
            and previous.text.endswith(",")
            and len(previous.text.rsplit("\n", 1)[-1]) <= _OFFICE_MAX
            and "\n" not in text
            and len(text) <= _NAME_MAX
            and not _SENTENCE_END.search(text)
        ):
            previous.text = f"{previous.text}\n{text}"
            previous.notes = list(block.notes)
        else:
            merged.append(Block(text, list(block.notes)))
    return merged


def compose(blocks: list[Block], orphan_notes: list[tuple[str, str]] | None = None) -> str:
    """Blocks separated by blank lines; each footnote text follows its block as '[6:  Kamerstuk 29 237, nr. 247]'.

    Footnotes whose marker was not found (`orphan_notes`) end the text, one '[N:  text]' per line.
    """
    parts: list[str] = []
    for block in _signature_pairs(blocks):
        text = clean_block(block.text)
        notes = " ".join(f"[{number}:  {clean_line(note)}]" for number, note in block.notes if clean_line(note))
        if text and notes:
            parts.append(f"{text} {notes}")
        elif text or notes:
            parts.append(text or notes)
    if orphan_notes:
        lines = [f"[{number}:  {clean_line(note)}]" for number, note in orphan_notes if clean_line(note)]
        if lines:
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n" if parts else ""
