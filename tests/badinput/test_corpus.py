"""The bad-input corpus: each bad input is ingested by the CLI beside a good letter, into a store holding the samples.

For every case: one line naming the file and the problem (or, for input that can be read, the document loads with the
facts it holds and warnings), the good letter of the same batch loads, the store holds exactly what it held before plus
the documents that loaded, and no traceback is printed.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF
from rdflib import DCTERMS, RDF, XSD, Graph, Literal
from rdflib.term import Node, URIRef

from cli import main
from loaders.pipeline import Outcome, ingest_sources, prepare
from loaders.sources import iter_sources
from ontology.namespace import KG
from store.base import SelectResult
from store.embedded import EmbeddedStore

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"
#: A short letter that loads with a date, a signature, a country, an organisation and an amount in euros.
GOOD_LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 februari 2025

Nederland steunt UNHCR in Jemen met EUR 4 miljoen.

De minister voor Buitenlandse Handel en Ontwikkelingshulp,
R.J. Klever
"""
GOOD_NAME = "goede brief.txt"
SECRET = "GEHEIM-7f3a9c-niet-in-de-store"

Quad = tuple[Node, Node, Node, Node]


def read_quads(folder: Path) -> set[Quad]:
    """Every quad of the store in `folder` (graph, subject, predicate, object), read back."""
    store = EmbeddedStore(folder)  # read-write: close() of a read-only EmbeddedStore fails (flush)
    try:
        result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    finally:
        store.close()
    assert isinstance(result, SelectResult)
    return {(row["g"], row["s"], row["p"], row["o"]) for row in result.rows}


@dataclass(frozen=True)
class Base:
    """A closed store folder holding the ontology and the five sample letters, and its quads."""

    folder: Path
    quads: frozenset[Quad]

    def copy(self, target: Path) -> Path:
        shutil.copytree(self.folder, target)
        return target


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """The five sample letters ingested once by the CLI; each case works on a copy of the folder."""
    folder = tmp_path_factory.mktemp("base") / "store"
    assert main(["ingest", str(LETTERS), "--store", str(folder)]) == 0
    quads = frozenset(read_quads(folder))
    assert len({q[0] for q in quads}) == 6  # the ontology's graph and one per letter
    return Base(folder, quads)


@pytest.fixture(scope="session")
def good_quads() -> frozenset[Quad]:
    """The quads the good letter adds: its graph, named by its IRI (an id from its content hash, it has no own id)."""
    prepared = prepare(GOOD_NAME, GOOD_LETTER.encode("utf-8"))
    assert prepared.warnings == ()
    assert "/id/document/sha256-" in prepared.iri
    graph = Graph().parse(data=prepared.ntriples, format="nt")
    name: URIRef = prepared.iri
    return frozenset((name, s, p, o) for s, p, o in graph)


@pytest.fixture(scope="session")
def big_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB plain-text file of letter paragraphs, written once per session."""
    path = tmp_path_factory.mktemp("big") / "jaarverslag groot.txt"
    paragraph = (
        "Nederland steunt UNHCR in Soedan met EUR 5 miljoen voor noodhulp aan vluchtelingen. " * 12 + "\n\n"
    ).encode()
    block = paragraph * (2**20 // len(paragraph) + 1)
    with path.open("wb") as out:
        for _ in range(50):
            out.write(block[: 2**20])
    assert path.stat().st_size == 50 * 2**20
    return path


@pytest.fixture(scope="session")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file an XML entity may point at; its content must never reach the store or the output."""
    path = tmp_path_factory.mktemp("secret") / "geheim.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 maart 2025

Nederland stelt € 2 miljoen beschikbaar voor financiële steun aan één programma van het WFP in Soedan.

De minister van Buitenlandse Zaken,
D.M. van Weel
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + bytes(64)
PUBLICATION = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<officiele-publicatie><kamerstuk><stuk><brief>
<al>Den Haag, <datum isodatum="2025-03-03">3 maart 2025</datum></al>
<al>Nederland steunt UNHCR in Soedan. {body}</al>
</brief></stuk></kamerstuk></officiele-publicatie>
"""


@dataclass(frozen=True)
class Kit:
    """What builders share: the session's 50 MB text and the secret file an XML entity may point at."""

    big_text: Path
    secret_file: Path


Build = Callable[[Path, Kit], list[Path]]
Check = Callable[[Graph], None]


@dataclass(frozen=True)
class Case:
    """A bad input: how to build it (files under a folder; returns the ingest arguments) and what must happen.

    problem: a fragment of the one-line error (None when the input can be read); named: the name the error line
    must carry (default: the last argument's file name); check: the facts the loaded document(s) must hold;
    loads: how many documents of the case load; warning: a fragment of the warning line of a loaded document.
    """

    id: str
    build: Build
    problem: str | None = None
    named: str | None = None
    check: Check | None = None
    loads: int = 0
    warning: str | None = None
    rejected: int = 1


def write(name: str, data: bytes | str) -> Build:
    def build(folder: Path, kit: Kit) -> list[Path]:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [path]

    return build


def generated(name: str, make: Callable[[Kit], bytes]) -> Build:
    def build(folder: Path, kit: Kit) -> list[Path]:
        return write(name, make(kit))(folder, kit)

    return build


# --- builders ---------------------------------------------------------------------------------------------------


def pdf(lines: list[str], *, password: str | None = None, text: bool = True) -> bytes:
    document = FPDF(format="A4")
    if password is not None:
        document.set_encryption(owner_password="eigenaar", user_password=password)
    document.add_page()
    document.set_font("Helvetica", size=11)
    if text:
        for line in lines:
            document.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    else:  # a scan: only a drawn shape, no text layer
        document.rect(20, 20, 150, 200, style="F")
    return bytes(document.output())


def zipped(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(document_xml: str) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml.encode("utf-8")})


def damaged(archive: bytes, member: str) -> bytes:
    """The archive with 40 bytes of the member's deflated data zeroed (the first member; its checksum fails)."""
    data = bytearray(archive)
    start = len(b"PK\x03\x04") + 26 + len(member) + 40
    data[start : start + 40] = bytes(40)
    return bytes(data)


def damaged_member_zip() -> bytes:
    return damaged(zipped({"brief.txt": (LETTER * 20).encode("utf-8")}), "brief.txt")


def damaged_docx() -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in LETTER.split("\n") * 20)
    document = f'<w:document xmlns:w="{w}"><w:body>{paragraphs}</w:body></w:document>'
    return damaged(zipped({"word/document.xml": document.encode("utf-8")}), "word/document.xml")


def encrypted_member_zip() -> bytes:
    """A zip whose member is marked encrypted (flag bit 0 in both headers), as a password-protected archive is."""
    data = bytearray(zipped({"brief.txt": LETTER.encode("utf-8")}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1
    return bytes(data)


def high_bytes() -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(4000))


def html_page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>Kamerbrief</title></head><body>{body}</body></html>".encode()


def external_entity(kit: Kit) -> bytes:
    doctype = f'<!DOCTYPE officiele-publicatie [<!ENTITY geheim SYSTEM "{kit.secret_file.as_uri()}">]>\n'
    return PUBLICATION.format(doctype=doctype, body="&geheim;").encode()


def parameter_entity(kit: Kit) -> bytes:
    doctype = f'<!DOCTYPE officiele-publicatie [<!ENTITY % geheim SYSTEM "{kit.secret_file.as_uri()}"> %geheim;]>\n'
    return PUBLICATION.format(doctype=doctype, body="").encode()


def external_dtd(kit: Kit) -> bytes:
    doctype = f'<!DOCTYPE officiele-publicatie SYSTEM "{kit.secret_file.as_uri()}">\n'
    return PUBLICATION.format(doctype=doctype, body="").encode()


def docx_entity(kit: Kit) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return docx(
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY geheim SYSTEM "{kit.secret_file.as_uri()}">]>'
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>&geheim;</w:t></w:r></w:p></w:body></w:document>'
    )


BILLION_LAUGHS = PUBLICATION.format(
    doctype='<!DOCTYPE officiele-publicatie [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n',
    body="&lol9;",
)


def in_folder(name: str, files: dict[str, bytes]) -> Build:
    def build(folder: Path, kit: Kit) -> list[Path]:
        target = folder / name
        target.mkdir()
        for file, data in files.items():
            (target / file).write_bytes(data)
        return [target]

    return build


def symlink_loop(folder: Path, kit: Kit) -> list[Path]:
    target = folder / "map met lus"
    (target / "sub").mkdir(parents=True)
    (target / "sub" / "brief.txt").write_text(LETTER, encoding="utf-8")
    (target / "sub" / "terug").symlink_to(target, target_is_directory=True)
    (target / "lus").symlink_to(target / "lus", target_is_directory=True)  # a link to itself
    return [target]


def broken_link(folder: Path, kit: Kit) -> list[Path]:
    target = folder / "map"
    target.mkdir()
    (target / "verdwenen brief.txt").symlink_to(folder / "bestaat-niet.txt")
    return [target]


def missing(folder: Path, kit: Kit) -> list[Path]:
    return [folder / "weg.txt"]


def fifo(folder: Path, kit: Kit) -> list[Path]:
    path = folder / "pijp.txt"
    os.mkfifo(path)
    return [path]


def device(folder: Path, kit: Kit) -> list[Path]:
    return [Path("/dev/zero")]


def big(folder: Path, kit: Kit) -> list[Path]:
    return [kit.big_text]


# --- checks on the facts of a document that loads ---------------------------------------------------------------


def one_document(graph: Graph) -> URIRef:
    documents = set(graph.subjects(KG.fullText, None))
    assert len(documents) == 1, documents
    document = documents.pop()
    assert isinstance(document, URIRef)
    return document


def full_text(graph: Graph) -> str:
    return str(graph.value(one_document(graph), KG.fullText))


def text_has(*fragments: str, absent: tuple[str, ...] = ()) -> Check:
    def check(graph: Graph) -> None:
        text = full_text(graph)
        for fragment in fragments:
            assert fragment in text, (fragment, text)
        for fragment in absent:
            assert all(fragment not in str(term) for triple in graph for term in triple), fragment

    return check


def the_letter_read_right(graph: Graph) -> None:
    """LETTER decoded correctly: its accents and euro sign, its date, its signatory and the amount in euros."""
    text_has("€ 2 miljoen", "financiële steun aan één programma", absent=("\r", "\ufffd", "\ufeff"))(graph)
    document = one_document(graph)
    assert graph.value(document, DCTERMS.date) == Literal("2025-03-03", datatype=XSD.date)
    assert set(graph.objects(None, KG.currency)) == {Literal("EUR")}


def no_date_no_signature(graph: Graph) -> None:
    document = one_document(graph)
    assert graph.value(document, DCTERMS.date) is None
    assert not list(graph.triples((None, KG.signatory, None)))
    assert "Soedan" in full_text(graph)


def garbled_kept_as_text(graph: Graph) -> None:
    assert Literal("Kamerstuk 0, nr. 0") in set(graph.objects(one_document(graph), KG.garbledReference))


def no_amount_without_currency(graph: Graph) -> None:
    one_document(graph)
    assert not list(graph.triples((None, RDF.type, KG.Funding)))
    assert not list(graph.triples((None, KG.currency, None)))


def documents(count: int) -> Check:
    def check(graph: Graph) -> None:
        assert len(set(graph.subjects(KG.fullText, None))) == count

    return check


CP1252 = LETTER.encode("cp1252")
PDF_LINES = LETTER.replace("€", "EUR").split("\n")  # the PDF core fonts have no euro sign
MIXED = LETTER.replace("€", "EUR").encode("utf-8") + "Het bedrag van € 1 miljoen is toegezegd.\n".encode("cp1252")
NESTED_HTML = html_page("<div>" * 100_000 + "<p>Den Haag, 3 maart 2025</p>" + "</div>" * 100_000)
NESTED_XML = PUBLICATION.format(doctype="", body="<b>" * 5000 + "tekst" + "</b>" * 5000)
SCRIPTS = html_page(
    "<script>document.write('SCRIPTTEKST')</script><iframe src='https://example.invalid/'>IFRAMETEKST</iframe>"
    "<main><article>"
    + "".join(f"<p>{line}</p>" for line in LETTER.split("\n") if line)
    + "<iframe srcdoc='<p>SRCDOCTEKST</p>'></iframe><img src=x onerror='ONERRORTEKST()'></article></main>"
    "<noscript>NOSCRIPTTEKST</noscript>"
)
GARBLED = LETTER.replace(
    "Nederland stelt", "Zoals gevraagd (Kamerstuk 0, nr. 0; motie 12345-xx; Kamerstuk 99 999, nr. ?) stelt Nederland"
)
NO_CURRENCY = LETTER.replace("€ 2 miljoen", "2 miljoen").replace("steun", "steun (3.000.000 en 12,5 mln)")
NO_DATE = (
    "Nederland steunt het Wereldvoedselprogramma in Soedan.\n\nDeze brief heeft geen datum en geen ondertekening.\n"
)

CASES: list[Case] = [
    # empty, white space, binary junk
    Case("empty", write("leeg.txt", b""), "the file is empty (0 bytes)"),
    Case("whitespace", write("spaties.txt", b"  \n\t\r\n  \n"), "the file is empty (only white space)"),
    Case("whitespace-utf16", write("spaties16.txt", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le")), "only white"),
    Case("junk", write("rommel.txt", bytes(range(256)) * 40), "unknown or binary format; registered formats: pdf"),
    Case("high-bytes", generated("hoog.txt", lambda _: high_bytes()), "not text in any known encoding"),
    Case("nul-in-text", write("nul.txt", LETTER.encode() + b"\x00" * 50), "unknown or binary format"),
    Case("private-use", write("privé.txt", "\ue000\ue001\ue002 " * 400), "it is mostly not text"),
    Case("png-as-pdf", write("scan.pdf", PNG), "unknown or binary format (a PNG image)"),
    Case("jpeg-as-txt", write("foto.txt", b"\xff\xd8\xff\xe0" + bytes(60)), "(a JPEG image)"),
    Case("ole-as-docx", write("oud.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)), "old Office (.doc/.xls)"),
    Case("rtf-as-txt", write("brief.txt", b"{\\rtf1\\ansi Den Haag}"), "(an RTF document; save it as"),
    Case("gzip-as-txt", generated("brief.txt", lambda _: gzip.compress(LETTER.encode())), "(a gzip archive)"),
    Case("zip-as-docx", write("brief.docx", zipped({"brief.txt": b"tekst"})), "(a zip archive, not a Word .docx"),
    # encodings and line ends: read correctly, with a warning when not Unicode
    Case("cp1252", write("cp1252.txt", CP1252), check=the_letter_read_right, loads=1, warning="read as cp1252"),
    Case(
        "latin-1",
        write("latin1.txt", LETTER.replace("€", "EUR").encode("latin-1")),
        check=text_has("financiële steun aan één programma"),
        loads=1,
        warning="read as iso-8859-1",
    ),
    Case("utf-16-bom", write("utf16.txt", LETTER.encode("utf-16")), check=the_letter_read_right, loads=1),
    Case("utf-16-no-bom", write("utf16be.txt", LETTER.encode("utf-16-be")), check=the_letter_read_right, loads=1),
    Case("utf-8-bom", write("bom.txt", codecs.BOM_UTF8 + LETTER.encode()), check=the_letter_read_right, loads=1),
    Case(
        "mixed-encodings",
        write("gemengd.txt", MIXED),
        check=text_has("financiële steun aan één", "Het bedrag van € 1 miljoen"),
        loads=1,
        warning="read as utf-8+cp1252 (mixed)",
    ),
    Case(
        "mixed-line-ends",
        write("regeleinden.txt", LETTER.replace("\n", "\r\n", 3).replace("\n\nNederland", "\r\rNederland").encode()),
        check=the_letter_read_right,
        loads=1,
    ),
    Case("bom-but-cp1252", write("bom1252.txt", codecs.BOM_UTF8 + CP1252), "not valid UTF-8 although it starts with"),
    Case("utf-16-odd", write("oneven.txt", codecs.BOM_UTF16_LE + b"a\x00b"), "not valid UTF-16-LE although"),
    # PDF
    Case("truncated-pdf", generated("afgebroken.pdf", lambda _: pdf(PDF_LINES)[:700]), "the PDF is truncated"),
    Case(
        "encrypted-pdf",
        generated("beveiligd.pdf", lambda _: pdf(PDF_LINES, password="geheim")),
        "the PDF is encrypted and needs a password",
    ),
    Case("pdf-no-text", generated("gescand.pdf", lambda _: pdf([], text=False)), "the PDF has no text layer"),
    Case("pdf-garbage", write("kapot.pdf", b"%PDF-1.7\n1 0 obj << /Kids [ 9 0 R >>\ntrailer\n%%EOF\n"), "the PDF is"),
    # HTML
    Case(
        "html-scripts-iframes",
        write("pagina.html", SCRIPTS),
        check=text_has(
            "financiële steun",
            absent=("SCRIPTTEKST", "IFRAMETEKST", "SRCDOCTEKST", "ONERRORTEKST", "NOSCRIPTTEKST", "example.invalid"),
        ),
        loads=1,
    ),
    Case("html-only-chrome", write("menu.html", html_page("<nav>menu</nav><script>x()</script>")), "no document text"),
    Case("html-deep", write("diep.html", NESTED_HTML), "nested more than 256 elements deep"),
    # XML
    Case("xml-external-entity", generated("xxe.xml", external_entity), "external entities are never resolved"),
    Case("xml-parameter-entity", generated("xxe-param.xml", parameter_entity), "is refused"),
    # an external DTD is never fetched: the document loads without it (and the secret is nowhere, as in every case)
    Case("xml-external-dtd", generated("dtd.xml", external_dtd), check=text_has("UNHCR in Soedan"), loads=1),
    Case("xml-billion-laughs", write("lol.xml", BILLION_LAUGHS), "entity expansion is refused"),
    Case("xml-truncated", write("half.xml", PUBLICATION.format(doctype="", body="")[:150]), "not well-formed XML"),
    Case("xml-unknown-root", write("feed.xml", '<?xml version="1.0"?><rss><item>x</item></rss>'), "unknown kind"),
    Case("xml-deep", write("diep.xml", NESTED_XML), "nested too deeply"),
    Case(
        "xml-no-text", write("leeg.xml", "<officiele-publicatie><kamerstuk/></officiele-publicatie>"), "holds no text"
    ),
    # Word
    Case("docx-external-entity", generated("xxe.docx", docx_entity), "is not valid XML"),
    Case("docx-no-body", write("romp.docx", docx("<w:document xmlns:w='urn:w'/>")), "has no document body"),
    Case(
        "docx-truncated", generated("kapot.docx", lambda _: docx("<x/>")[:-30]), "(a zip archive, not a Word .docx"
    ),
    Case("docx-damaged-part", generated("stuk.docx", lambda _: damaged_docx()), "the .docx file is damaged"),
    # size
    Case("50-MB-text", big, "above the limit of 16 MiB", named="jaarverslag groot.txt"),
    # what the extractors may not find: the document loads, with warnings
    Case(
        "no-date-no-signature",
        write("zonder.txt", NO_DATE),
        check=no_date_no_signature,
        loads=1,
        warning="no date found; no signature found",
    ),
    Case(
        "garbled-references",
        write("verwijzing.txt", GARBLED),
        check=garbled_kept_as_text,
        loads=1,
        warning="unreadable reference(s) kept as text: 'Kamerstuk 0, nr. 0'",
    ),
    Case("amounts-without-currency", write("bedragen.txt", NO_CURRENCY), check=no_amount_without_currency, loads=1),
    # archives
    Case(
        "zip-escaping-path",
        write("ontsnapt.zip", zipped({"../../buiten.txt": LETTER.encode(), "binnen/brief.txt": CP1252})),
        "the archive path escapes its folder",
        named="ontsnapt.zip!../../buiten.txt",
        check=documents(1),
        loads=1,
    ),
    Case(
        "zip-absolute-path",
        write("absoluut.zip", zipped({"/etc/brief.txt": LETTER.encode()})),
        "escapes its folder",
        named="/etc/brief.txt",
    ),
    Case(
        "zip-bomb",
        generated("bom.zip", lambda _: zipped({"groot.txt": bytes(40 * 2**20)})),
        "which only a zip bomb does",
        named="bom.zip!groot.txt",
    ),
    Case("zip-damaged-member", generated("stuk.zip", lambda _: damaged_member_zip()), "the archive member is damaged"),
    Case("zip-encrypted", generated("slot.zip", lambda _: encrypted_member_zip()), "the archive member is encrypted"),
    Case("not-a-zip", write("nep.zip", b"PK\x03\x04 dit is geen archief"), "unknown or binary format"),
    # the file system
    Case("symlink-loop", symlink_loop, check=documents(1), loads=1),
    Case("broken-link", broken_link, "a link to a file that does not exist", named="verdwenen brief.txt"),
    Case("missing-file", missing, "no such file or folder"),
    Case("fifo", fifo, "not a regular file (a pipe, device or socket)"),
    Case("device", device, "not a regular file", named="/dev/zero"),
    # names
    Case("name-spaces-non-ascii", write("Kamerbrief Soedan – reactie één.pdf", PNG), "(a PNG image)"),
    Case("name-newline", write("regel\neinde.txt", b""), "the file is empty", named="regel\\x0aeinde.txt"),
    Case(
        "good-name-non-ascii",
        write("Brief über Soedan – één.txt", LETTER),
        check=text_has("één programma"),
        loads=1,
    ),
]


@pytest.fixture(scope="module")
def kit(big_text: Path, secret_file: Path) -> Kit:
    return Kit(big_text, secret_file)


def test_the_corpus_has_at_least_40_cases() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_costs_no_data(
    case: Case,
    kit: Kit,
    base: Base,
    good_quads: frozenset[Quad],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = base.copy(tmp_path / "store")
    folder = tmp_path / "in"
    folder.mkdir()
    arguments = case.build(folder, kit)
    good = tmp_path / "goed" / GOOD_NAME
    good.parent.mkdir()
    good.write_text(GOOD_LETTER, encoding="utf-8")

    code = main(["ingest", *map(str, arguments), str(good), "--store", str(store)])
    out, err = capsys.readouterr()

    assert "Traceback" not in out + err and "internal error" not in err, err
    assert SECRET not in out + err
    rejected = [line for line in err.splitlines() if line.startswith("rejected ")]
    if case.problem is None:
        assert code == 0, err
        assert rejected == []
    else:
        assert code == 1, err
        named = case.named or Path(arguments[-1]).name
        assert len(rejected) == case.rejected, err
        assert any(named in line and case.problem in line for line in rejected), (named, case.problem, err)
    if case.warning is not None:
        assert any(line.startswith("warning ") and case.warning in line for line in err.splitlines()), err

    after = read_quads(store)
    assert base.quads <= after, "a document already stored changed"
    assert good_quads <= after, "the good letter of the batch did not load"
    new = after - base.quads - good_quads
    assert not {q[0] for q in new} & {q[0] for q in base.quads | good_quads}, "a stored graph gained triples"
    assert all(SECRET not in str(term) for quad in after for term in quad)
    loaded = {q[0] for q in new}
    assert len(loaded) == case.loads, loaded
    if case.check is not None:
        graph = Graph()
        for _, s, p, o in new:
            graph.add((s, p, o))
        case.check(graph)


def test_a_file_removed_after_its_folder_was_listed_is_named_and_the_rest_loads(tmp_path: Path) -> None:
    """The batch is listed first; a file that disappears before it is read is one rejection, not a crash."""
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a-weg.txt").write_text(LETTER, encoding="utf-8")
    (folder / GOOD_NAME).write_text(GOOD_LETTER, encoding="utf-8")
    sources = list(iter_sources([folder]))
    (folder / "a-weg.txt").unlink()
    store = EmbeddedStore()
    results = ingest_sources(store, sources)
    assert [(Path(r.source).name, r.outcome, r.error) for r in results] == [
        ("a-weg.txt", Outcome.REJECTED, "the file disappeared after its folder was listed"),
        (GOOD_NAME, Outcome.LOADED, None),
    ]
    store.close()
