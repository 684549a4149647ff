"""The kamergraph command: ingest, validate, query, export, digest, serve; thin wrappers over what the API calls."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import logging
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from loaders.errors import LoadError
from loaders.pipeline import (
    LoadResult,
    Outcome,
    default_jobs,
    ingest_sources,
    load_nquads_files,
    prepare,
    prepare_sources,
)
from loaders.sources import iter_sources
from queries import ParameterError, get, parse
from store.base import SelectResult, Store, StoreError, term_text
from store.config import (
    SPARQL_PASSWORD_ENV,
    SPARQL_USER_ENV,
    default_store_path,
    open_sparql_store,
    store_from_environment,
)
from store.embedded import EmbeddedStore
from store.export import FORMATS, export
from store.graphs import Subgraph

console = Console(stderr=True)


def _open(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store the options name: --sparql-url (a SPARQL 1.1 server), else $KAMERGRAPH_SPARQL_URL, else the
    embedded store at --store / $KAMERGRAPH_STORE / the default folder."""
    if getattr(args, "sparql_url", None):
        return open_sparql_store(
            args.sparql_url,
            args.sparql_update_url,
            args.gsp_url,
            user=os.environ.get(SPARQL_USER_ENV),
            password=os.environ.get(SPARQL_PASSWORD_ENV),
            read_only=read_only,
        )
    return store_from_environment(args.store, read_only=read_only)


def _ingest(store: Store, paths: Sequence[Path], jobs: int | None = 1, quiet: bool = False) -> list[LoadResult]:
    """Ingest files, folders and .zip archives with a progress bar of documents, triples and rejections so far;
    jobs=None: one worker process per core (pipeline.default_jobs)."""
    sources = list(iter_sources(paths))
    jobs = jobs or default_jobs(len(sources))
    counts = {"triples": 0, "rejected": 0}
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=len(sources), status="")

        def advance(result: LoadResult) -> None:
            counts["triples"] += result.triples
            counts["rejected"] += result.outcome is Outcome.REJECTED
            progress.update(task, advance=1, status=f"{counts['triples']} triples, {counts['rejected']} rejected")

        return ingest_sources(store, sources, jobs=jobs, on_result=advance)


def _printable(text: str) -> str:
    """A file name as one line: control characters (a newline in a name, say) shown as escapes."""
    return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text)


#: Batches up to this many documents end with a table of every document.
SUMMARY_ROWS = 100


def _summary(results: list[LoadResult]) -> None:
    for r in results:
        if r.outcome is Outcome.REJECTED:
            line = f"[red]rejected[/red] {escape(_printable(r.source))}: {escape(r.error or '')}"
            console.print(line, soft_wrap=True, highlight=False)
        elif r.warnings:
            line = f"[yellow]warning[/yellow] {escape(_printable(r.source))}: {escape('; '.join(r.warnings))}"
            console.print(line, soft_wrap=True, highlight=False)
    tally = Counter(r.outcome.value for r in results)
    title = "ingest summary: " + ", ".join(f"{tally[o.value]} {o.value}" for o in Outcome)
    if len(results) > SUMMARY_ROWS:  # rejections and warnings are listed above; a row per letter helps no one
        console.print(f"{title} (a table of every document is shown up to {SUMMARY_ROWS} documents)", highlight=False)
        return
    table = Table(title=title)
    for column in ("document", "outcome", "triples", "reason"):
        table.add_column(column, overflow="fold")
    for r in results:
        table.add_row(r.source, r.outcome.value, str(r.triples or ""), r.error or "")
    console.print(table)


def cmd_ingest(args: argparse.Namespace) -> int:
    store = _open(args)
    results = _ingest(store, args.paths, jobs=args.jobs)
    store.close()
    _summary(results)
    return 1 if any(r.outcome is Outcome.REJECTED for r in results) else 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit codes as pySHACL's: 0 every document valid, 1 some invalid or unreadable."""
    invalid = 0
    for source in iter_sources(args.paths):
        try:
            prepared = prepare(source.name, source.load())
        except LoadError as exc:
            invalid += 1
            console.print(f"[red]{escape(exc.source)}[/red]: {escape(exc.problem)}", soft_wrap=True)
            continue
        lines = prepared.ntriples.count("\n")
        console.print(f"[green]{escape(source.name)}[/green]: valid ({lines} triples)", soft_wrap=True)
    return 1 if invalid else 0


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ParameterError(f"--param needs NAME=VALUE, got {pair!r}")
        params[key] = value
    return params


def _table(result: SelectResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{k: str(v) for k, v in row.items()} for row in result.rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([str(row.get(v, "")) for v in result.variables])
        return out.getvalue()
    table = Table()
    for variable in result.variables:
        table.add_column(variable)
    for row in result.rows:
        table.add_row(*(str(row.get(v, "")) for v in result.variables))
    Console().print(table)
    return ""


def cmd_query(args: argparse.Namespace) -> int:
    source = Path(args.query)
    named = parse(source.stem, source.read_text(encoding="utf-8")) if source.suffix == ".rq" else get(args.query)
    bindings = named.bind(_parse_params(args.param))
    store = _open(args, read_only=True)
    result = store.query(named.sparql, bindings)
    if isinstance(result, SelectResult):
        text = _table(result, args.format)
    elif isinstance(result, bool):
        text = json.dumps(result)
    else:
        text = result.serialize(format="turtle")
    if text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    subgraph = Subgraph(
        args.doc, args.country, args.programme, args.person, args.since, args.until, args.around, args.depth
    )
    subgraph.validate()
    store = _open(args, read_only=True)
    data = export(store, args.format, subgraph)
    if args.out:
        args.out.write_bytes(data)
        console.print(f"wrote {len(data)} bytes to {args.out}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract and validate documents into one N-Quads file per document (named graph = document IRI), for a
    server's own bulk loader or `kamergraph load`."""
    args.out.mkdir(parents=True, exist_ok=True)
    written = rejected = 0
    sources = list(iter_sources(args.paths))
    for item in prepare_sources(sources, args.jobs or default_jobs(len(sources))):
        if isinstance(item, LoadResult):
            rejected += 1
            console.print(f"[red]rejected[/red] {escape(item.source)}: {escape(item.error or '')}", soft_wrap=True)
            continue
        graph = f" {term_text(item.iri)} .\n"
        quads = "".join(line[: line.rindex(" .")] + graph for line in item.ntriples.splitlines() if line.strip())
        (args.out / (str(item.iri).rsplit("/", 1)[-1] + ".nq")).write_text(quads, encoding="utf-8")
        written += 1
    console.print(f"wrote {written} N-Quads files to {args.out}, {rejected} rejected")
    return 1 if rejected else 0


def cmd_load(args: argparse.Namespace) -> int:
    """Load a folder of N-Quads files written by `kamergraph extract` (one named graph each) into the store."""
    store = _open(args)
    results = load_nquads_files(store, sorted(args.folder.glob("*.nq")))
    store.close()
    _summary(results)
    return 1 if any(r.outcome is Outcome.REJECTED for r in results) else 0


def cmd_digest(args: argparse.Namespace) -> int:
    """Ingest into a fresh in-memory store and write one digest per document, computed by SPARQL over the store."""
    from queries.digest import digest

    store = EmbeddedStore(None)
    results = _ingest(store, args.paths, quiet=True)
    args.out.mkdir(parents=True, exist_ok=True)
    for result in results:
        if result.iri is None:
            console.print(f"[red]{escape(result.source)}[/red]: {escape(result.error or '')}", soft_wrap=True)
            continue
        target = args.out / (Path(result.source).stem + ".json")
        target.write_text(json.dumps(digest(store, result.iri), ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"wrote {sum(r.iri is not None for r in results)} digests to {args.out}")
    return 1 if any(r.outcome is Outcome.REJECTED for r in results) else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_app
    from api.settings import Settings

    base = f"http://{args.host}:{args.port}"
    settings = Settings(store_path=args.store or default_store_path())
    app = create_app(settings)
    console.print(f"kamergraph serves {settings.store_path}")
    console.print(f"  OpenAPI page:    {base}/docs")
    console.print(f"  SPARQL endpoint: {base}/sparql")
    # uvicorn picks httptools and uvloop by itself when installed (uvicorn[standard]); say which it runs.
    fast = [name for name in ("httptools", "uvloop") if importlib.util.find_spec(name) is not None]
    console.print(f"  server:          uvicorn ({', '.join(fast) or 'h11 and asyncio: pip install uvicorn[standard]'})")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _open(args, read_only=True)
    result = store.query(get("letters").sparql)
    assert isinstance(result, SelectResult)
    _table(result, args.format)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from ontology import identifiers

    store = _open(args)
    missing = 0
    for key in args.ids:
        if store.drop_graph(identifiers.document(key)):
            console.print(f"removed {key}")
        else:
            missing += 1
            console.print(f"[red]{key}[/red]: no such document in the store")
    store.close()
    return 1 if missing else 0


def cmd_report(args: argparse.Namespace) -> int:
    """The quality report of the store: unreadable references, incomplete amounts, ambiguous persons, conflicts."""
    from queries.quality import as_json, as_text, quality_report

    store = _open(args, read_only=True)
    sections = quality_report(store)
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(sections), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(as_text(sections))
    return 0


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        type=Path,
        help="embedded store folder (default: $KAMERGRAPH_STORE, else ~/.local/share/kamergraph/store)",
    )
    parser.add_argument(
        "--sparql-url", help="SPARQL 1.1 query endpoint of a server to use instead (or $KAMERGRAPH_SPARQL_URL)"
    )
    parser.add_argument("--sparql-update-url", help="its SPARQL 1.1 Update endpoint (default: the query endpoint)")
    parser.add_argument("--gsp-url", help="its Graph Store HTTP Protocol endpoint (optional)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamergraph", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest",
        help="load documents (files or folders) into the store",
        description="Load text, PDF, HTML, officielebekendmakingen XML and .docx documents. Limits: a file (or zip "
        "member) of at most 64 MiB, a document text of at most 4 Mi characters; links to folders are not followed. "
        "A bad file is rejected with a one-line reason and the rest loads; exit code 1 when anything was rejected.",
    )
    p.add_argument("paths", nargs="+", type=Path, help="files, folders (recursive) and .zip archives")
    _store_options(p)
    p.add_argument(
        "--jobs", type=int, help="extract in N worker processes (default: one per core, at most one per document)"
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("validate", help="extract and validate documents without storing them")
    p.add_argument("paths", nargs="+", type=Path)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", help="run a named query (queries/NAME.rq) or a .rq file")
    p.add_argument("query", help="query name or path to a .rq file")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=("json", "csv", "table"), default="table")
    _store_options(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="serialise the store or a sub-graph (RDF, GraphML, GEXF, Cytoscape.js, CSV)")
    p.add_argument("--format", choices=tuple(FORMATS), default="ttl")
    p.add_argument("--out", type=Path)
    p.add_argument("--doc", help="only this document's statements (kst-... or sha256-...)")
    p.add_argument("--country", help="only documents stating something about this country (ISO code)")
    p.add_argument("--programme", help="only documents stating something about this programme (id or IRI)")
    p.add_argument("--person", help="only documents stating something about this person (id or IRI)")
    p.add_argument("--since", help="only documents dated on or after this day (YYYY-MM-DD)")
    p.add_argument("--until", help="only documents dated on or before this day (YYYY-MM-DD)")
    p.add_argument("--around", help="keep the neighbourhood of this entity (IRI or path under id/, e.g. country/SD)")
    p.add_argument("--depth", type=int, default=1, help="relations away from --around to keep (default 1)")
    _store_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("extract", help="extract documents into one validated N-Quads file each (no store)")
    p.add_argument("paths", nargs="+", type=Path, help="files, folders (recursive) and .zip archives")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument(
        "--jobs", type=int, help="extract in N worker processes (default: one per core, at most one per document)"
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("load", help="load a folder of N-Quads files written by extract into the store")
    p.add_argument("folder", type=Path)
    _store_options(p)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("digest", help="write one letter digest (JSON) per document, computed by SPARQL")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("serve", help="serve the REST API and the SPARQL endpoint")
    _store_options(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("list", help="list the stored documents")
    _store_options(p)
    p.add_argument("--format", choices=("json", "csv", "table"), default="table")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("remove", help="remove documents (by id: kst-... or sha256-...) from the store")
    p.add_argument("ids", nargs="+")
    _store_options(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("report", help="quality report: what could not be resolved or conflicts, with quotes")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _store_options(p)
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Exit codes: 0 success, 1 some document rejected or invalid, 2 usage or store error."""
    args = build_parser().parse_args(argv)
    if args.debug:  # a document rejected with "internal error" is logged with its traceback
        logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("loaders").setLevel(logging.DEBUG)
    try:
        code: int = args.func(args)
        return code
    except (ParameterError, StoreError, OSError, ValueError) as exc:
        if args.debug:
            raise
        console.print(f"[red]error[/red]: {escape(str(exc))}", soft_wrap=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
