"""officielebekendmakingen XML reader (defusedxml): header lines, paragraphs, footnotes, signature; no entities."""

from __future__ import annotations

import codecs
import re
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read import html
from loaders.read.compose import compose
from loaders.read.official import OfficialMetadata, document_number, dossier_display, split_dossier
from loaders.read.tree import Role, TreeWalker, local_name, text_of

# XML: a declaration or a root element first (HTML, also XHTML, is recognised by the HTML reader before this one).
_SNIFF = re.compile(rb"^\s*(?:<\?xml[\s?]|<[A-Za-z_][\w.:-]*[\s>/])")
# Root elements of the official publications read here.
ROOTS = {"officiele-publicatie", "kamerstuk", "aanhangsel", "kamervragen", "handelingen"}
# Elements that hold a paragraph, heading, list item, table row or signature block.
_BLOCKS = {
    "al", "titel", "kop", "tussenkop", "li", "row", "ondertekening", "aanhef", "slotformule", "dagtekening",
    "vraag", "antwoord", "kamerstukkop", "vergaderjaar", "kamer", "lijst", "tabel", "tgroup", "thead", "tbody",
    "stuk", "dossier", "stuknr", "dossiernummer", "considerans", "dictum", "wat", "motie", "amendement",
}  # fmt: skip
# Not text of the document: the metadata block, list numbers (rendered as prefixes), footnote parts, images.
_SKIPPED = {"metadata", "meta", "li.nr", "noot.nr", "illustratie", "plaatje", "colspec"}


def sniff(data: bytes) -> bool:
    """XML that is not an (X)HTML page."""
    if html.sniff(data):
        return False
    head = data[:1024]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(encoding, errors="ignore").encode("utf-8")
    return bool(_SNIFF.match(head.removeprefix(codecs.BOM_UTF8)))


def _parse(name: str, data: bytes) -> Any:
    """The root element; entities (internal or external) and external references are refused, never expanded."""
    try:
        return defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise UnreadableDocument(
                name,
                f"the XML declares an external entity '{exc.name}' ({exc.sysid or exc.pubid}); external "
                "entities are never resolved, the file is refused",
            ) from exc
        raise UnreadableDocument(
            name,
            f"the XML declares an entity '{exc.name}'; entity expansion is refused (protection against "
            "billion-laughs bombs)",
        ) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise UnreadableDocument(
            name,
            f"the XML refers to an external resource ({exc.sysid or exc.pubid}); it is never fetched, the file "
            "is refused",
        ) from exc
    except ParseError as exc:
        raise UnreadableDocument(name, f"not well-formed XML ({exc})") from exc


def _header_line(element: Any) -> str | None:
    """'29 237 Afrikabeleid' for a <dossier>, '29 237' for a lone <dossiernummer>, 'Nr. 250' for a <stuknr>."""
    name = local_name(element)
    if name == "dossier":
        number = next((c for c in element.iter() if local_name(c) == "dossiernummer"), None)
        titles = [text_of(c) for c in element if local_name(c) == "titel"]
        parsed = split_dossier(text_of(number)) if number is not None else None
        head = dossier_display(*parsed) if parsed else (text_of(number) if number is not None else "")
        return " ".join(part for part in (head, *titles) if part)
    if name == "dossiernummer":
        parsed = split_dossier(text_of(element))
        return dossier_display(*parsed) if parsed else None
    if name == "stuknr":
        number = document_number(text_of(element))
        return f"Nr. {number}" if number else None
    return None


class _Walker(TreeWalker):
    def __init__(self, root: Any) -> None:
        super().__init__()
        self.numbers: dict[str, str] = {}  # noot id -> its number, for <nootref refid="...">
        for count, noot in enumerate((e for e in root.iter() if local_name(e) == "noot"), start=1):
            number = next((text_of(c) for c in noot if local_name(c) == "noot.nr"), "") or noot.get("nr") or str(count)
            if noot.get("id"):
                self.numbers[noot.get("id")] = number
            self.numbers[str(id(noot))] = number

    def role(self, element: Any) -> Role:
        name = local_name(element)
        if not name or name in _SKIPPED:
            return Role.SKIP
        if name in {"noot", "nootref"}:
            return Role.NOTE
        if name in {"br", "witregel"}:
            return Role.BREAK
        if name == "entry":
            return Role.CELL
        if name in {"functie", "naam"}:
            return Role.LINE
        return Role.BLOCK if name in _BLOCKS else Role.INLINE

    def own_text(self, element: Any) -> str | None:
        name = local_name(element)
        if name == "naam":  # <naam><voorletters>D.M.</voorletters><achternaam>van Weel</achternaam></naam>
            return " ".join(part.strip() for part in element.itertext() if part.strip())
        return _header_line(element)

    def prefix(self, element: Any) -> str:
        if local_name(element) != "li":
            return ""
        number = next((text_of(c) for c in element if local_name(c) == "li.nr"), "")
        return f"{number} " if number else ""

    def note(self, element: Any) -> tuple[str, str]:
        if local_name(element) == "nootref":
            return self.numbers.get(element.get("refid", ""), "?"), ""
        parts = [text_of(c) for c in element if local_name(c) not in {"noot.nr"}]
        text = " ".join(part for part in parts if part) or text_of(element)
        return self.numbers[str(id(element))], text


def _metadata(root: Any) -> dict[str, str]:
    metadata = OfficialMetadata()
    metadata.meta((m.get("name") or "", m.get("content") or "") for m in root.iter() if local_name(m) == "meta")
    for element in root.iter():
        name = local_name(element)
        if name == "dossiernummer":
            metadata.dossier(text_of(element))
        elif name in {"ondernummer", "stuknummer", "stuknr"}:
            metadata.number(text_of(element))
        elif name == "datum" and element.get("isodatum"):
            metadata.date(element.get("isodatum"))
    stuk_titles = [text_of(t) for s in root.iter() if local_name(s) == "stuk" for t in s if local_name(t) == "titel"]
    titles = stuk_titles or [text_of(t) for t in root.iter() if local_name(t) == "titel"]
    if titles:
        metadata.title(titles[0])
    return metadata.result()


def read(name: str, data: bytes) -> Document:
    root = _parse(name, data)
    if local_name(root) not in ROOTS:
        raise UnreadableDocument(
            name,
            f"XML of an unknown kind (root element <{local_name(root)}>); only officielebekendmakingen XML "
            f"({', '.join(sorted(ROOTS))}) is read",
        )
    try:
        text = compose(_Walker(root).walk(root))
    except RecursionError as exc:
        raise UnreadableDocument(name, "the XML is nested too deeply to read") from exc
    if not text.strip():
        raise UnreadableDocument(name, "the XML publication holds no text")
    return Document(name=name, text=text, format="xml", metadata=_metadata(root))
