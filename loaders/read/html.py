"""HTML reader (lxml): the document body of officielebekendmakingen and tweedekamer.nl pages, without page chrome."""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.etree
import lxml.html

from loaders.document import Document
from loaders.errors import UnreadableDocument
from loaders.read.compose import compose
from loaders.read.official import OfficialMetadata
from loaders.read.tree import Role, TreeWalker, local_name, text_of

# An HTML page: a doctype, or an html/head/body tag near the start.
_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
# The character set a page declares: <meta charset="..."> or <meta http-equiv ... content="...; charset=...">.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# An XML declaration, which lxml refuses in an already decoded string.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements that are never document text: scripts, styles, embedded frames and objects, forms, navigation, media.
_DROPPED = (
    "script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "nav", "svg", "canvas", "template", "audio", "video", "map", "dialog", "aside",
    "footer", "menu", "link", "meta", "base",
)  # fmt: skip
# Class or id values of page chrome and screen-reader-only text: skip links, menus, share buttons, search boxes.
_CHROME = {
    "skip", "skiplink", "skiplinks", "skip-link", "skip-links", "share", "social", "pagination", "toolbar", "menu",
    "nav", "navbar", "navigation", "sr-only", "visually-hidden", "visuallyhidden", "screenreader", "screen-reader-text",
    "hidden", "banner", "sidebar", "search", "zoekbalk", "zoeken",
}  # fmt: skip
# Parts of class or id values that always mark chrome: "cookie-banner", "breadcrumb-list".
_CHROME_PARTS = ("cookie", "breadcrumb")
# Where the document body sits, most specific first (officielebekendmakingen's "broodtekst", then HTML5 landmarks).
_BODY_PATHS = (
    "//*[@id='broodtekst']",
    "//main//article",
    "//article",
    "//main",
    "//*[@role='main']",
    "//*[@id='content' or @id='main-content' or @id='maincontent' or @id='main']",
    "//body",
)
_BLOCKS = {
    "p", "div", "section", "article", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote",
    "pre", "tr", "table", "ul", "ol", "dl", "address", "figure", "figcaption", "caption", "hr", "main", "body",
    "html", "center", "details", "summary", "fieldset", "legend",
}  # fmt: skip
# The visible text of a footnote reference: "1", "[1]", "(1)".
_NOTE_NUMBER = re.compile(r"^[\[(]?(\d{1,3})[\])]?$")
# The start of a footnote body: its number and back-links ("1 ", "[1] ", "↩").
_NOTE_LEAD = re.compile(r"^\s*(?:[\[(]?\d{1,3}[\])]?\.?\s*)?|\s*(?:[↩↑^]|terug)\s*$")


def sniff(data: bytes) -> bool:
    return bool(_SNIFF.search(data[:4096]))


def _encoding(data: bytes) -> str:
    """The page's encoding: a byte-order mark, its meta charset, else UTF-8 if it decodes, else CP1252."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _parse(name: str, data: bytes) -> Any:
    text = data.decode(_encoding(data), errors="replace")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(name, f"the HTML page cannot be parsed ({exc})") from exc
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops at 256 levels and drops the rest silently; reading on would lose text without a word.
        raise UnreadableDocument(name, "the HTML page is nested more than 256 elements deep; refused")
    return root


def _strip_chrome(root: Any) -> None:
    for element in list(root.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        tokens = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        chrome = any(token in _CHROME or any(part in token for part in _CHROME_PARTS) for token in tokens)
        if hidden or chrome or element.get("role") in {"navigation", "search", "banner"}:
            element.drop_tree()


def _body(root: Any) -> Any:
    for path in _BODY_PATHS:
        found = root.xpath(path)
        if found:
            return max(found, key=lambda element: len(text_of(element)))
    return root


def _target(root: Any, link: Any) -> Any | None:
    """The element a '#id' link points to, or None."""
    href = link.get("href", "")
    if not href.startswith("#") or len(href) < 2:
        return None
    found = root.xpath("//*[@id=$id] | //a[@name=$id]", id=href[1:])
    return found[0] if found else None


class _Walker(TreeWalker):
    def __init__(self, root: Any) -> None:
        super().__init__()
        self.refs: dict[Any, str] = {}  # footnote reference element -> footnote number
        self.texts: dict[str, str] = {}  # footnote number -> text, given with the first reference only
        self.bodies: set[Any] = set()  # footnote bodies, rendered with their references
        self._find_notes(root)

    def _find_notes(self, root: Any) -> None:
        """Links '#id' whose text is a number, to a later element of the page: footnote references and their bodies."""
        order = {element: index for index, element in enumerate(root.iter())}
        for link in root.iter("a"):
            number = _NOTE_NUMBER.match(text_of(link))
            target = _target(root, link)
            if number is None or target is None or order[target] < order[link]:
                continue  # not a footnote reference, or a back-link from the note to where it is cited
            body = target
            while local_name(body) not in _BLOCKS - {"html", "body"} and body.getparent() is not None:
                body = body.getparent()
            if link in set(body.iter()):
                continue  # a link to a place within the same paragraph
            text = _NOTE_LEAD.sub("", text_of(body))
            bodies = [body]
            follower = body.getnext()
            if not text and follower is not None:  # <dt>1</dt><dd>text</dd>
                text = text_of(follower)
                bodies.append(follower)
            parent = link.getparent()
            only_child = parent is not None and local_name(parent) == "sup" and text_of(parent) == text_of(link)
            self.refs[parent if only_child else link] = number.group(1)
            self.texts.setdefault(number.group(1), text)
            self.bodies.update(bodies)

    def role(self, element: Any) -> Role:
        name = local_name(element)
        if not name or element in self.bodies:
            return Role.SKIP
        if element in self.refs:
            return Role.NOTE
        if name == "br":
            return Role.BREAK
        if name in {"td", "th"}:
            return Role.CELL
        return Role.BLOCK if name in _BLOCKS else Role.INLINE

    def prefix(self, element: Any) -> str:
        if local_name(element) != "li":
            return ""
        parent = element.getparent()
        if parent is not None and local_name(parent) == "ol":
            items = [child for child in parent if local_name(child) == "li"]
            start = int(parent.get("start", "1")) if parent.get("start", "1").isdigit() else 1
            return f"{start + items.index(element)}. "
        return "• "

    def note(self, element: Any) -> tuple[str, str]:
        number = self.refs[element]
        return number, self.texts.pop(number, "")


def read(name: str, data: bytes) -> Document:
    root = _parse(name, data)
    metadata = OfficialMetadata()
    metadata.meta((m.get("name") or m.get("property") or "", m.get("content") or "") for m in root.iter("meta"))
    titles = root.xpath("//title")
    if titles:
        metadata.title(text_of(titles[0]))
    _strip_chrome(root)
    try:
        text = compose(_Walker(root).walk(_body(root)))
    except RecursionError as exc:
        raise UnreadableDocument(name, "the HTML page is nested too deeply to read") from exc
    if not text.strip():
        raise UnreadableDocument(name, "the HTML page has no document text (only navigation, scripts or markup)")
    return Document(name=name, text=text, format="html", metadata=metadata.result())
