"""/documents writes: upload documents (the CLI's ingest pipeline) and delete one; enabled only by a write token."""

from __future__ import annotations

import asyncio
import hmac
import logging
import multiprocessing
import os
import threading
import time
import unicodedata
from collections.abc import AsyncGenerator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api import params
from api.deps import SettingsDep, StoreDep
from api.errors import (
    NOT_FOUND,
    ApiError,
    BadRequest,
    ErrorBody,
    InvalidParameter,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    error_response,
)
from api.routes.search_index import search_index
from api.settings import TOKEN_ENV, Settings
from loaders.pipeline import LoadResult, Outcome, Prepared, ensure_ontology, prepare_or_reject, store_prepared
from ontology import identifiers
from store.base import Store

log = logging.getLogger(__name__)
router = APIRouter(tags=["documents"])

#: Files one upload may hold.
MAX_FILES = 100
#: One writer at a time in this process: outcomes (loaded/replaced/unchanged) are decided and stored together.
_WRITES = threading.Lock()


class WritesDisabled(ApiError):
    """No write token is configured, so the API is read-only."""

    status = 403
    code = "writes_disabled"


class FileResult(BaseModel):
    """What became of one uploaded file."""

    file: str = Field(description="The file name as uploaded.")
    outcome: Literal["loaded", "replaced", "unchanged", "rejected"] = Field(
        description="loaded (new), replaced (a changed version of a stored document), unchanged, or rejected."
    )
    id: str | None = Field(description="The document's id (kst-… or sha256-…, see /letters/{id}); null if rejected.")
    triples: int = Field(description="Triples in the document's graph (0 if rejected).")
    reason: str | None = Field(description="Why the file was rejected, naming the problem; null otherwise.")
    warnings: list[str] = Field(description="What a loaded document lacks (no date, no signature, ...).")


class UploadAnswer(BaseModel):
    """One result per uploaded file, in upload order, and the count of each outcome."""

    results: list[FileResult]
    loaded: int
    replaced: int
    unchanged: int
    rejected: int


class Removed(BaseModel):
    id: str = Field(description="The id of the document removed.")
    removed: bool = True


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "The Authorization header does not carry the write token."},
    403: {"model": ErrorBody, "description": f"Writes are disabled: no write token ({TOKEN_ENV}) is configured."},
}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Documents: plain text, PDF, HTML, officielebekendmakingen XML or .docx.",
                        }
                    },
                }
            }
        },
    }
}


def _authorise(request: Request, settings: Settings) -> JSONResponse | None:
    """None when the request carries the write token (compared in constant time), else the 401 to answer."""
    if settings.write_token is None:
        raise WritesDisabled(
            f"writes are disabled on this server: set {TOKEN_ENV} to a secret of at least 16 characters when "
            "starting it, and send that secret as 'Authorization: Bearer <token>'"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    valid = hmac.compare_digest(given.strip().encode("utf-8"), settings.write_token.encode("utf-8"))
    if scheme.lower() == "bearer" and valid:
        return None
    return error_response(
        401,
        "unauthorized",
        "this write needs the server's write token as 'Authorization: Bearer <token>'; the request has "
        + ("a wrong token" if scheme.lower() == "bearer" else "none"),
        headers={"WWW-Authenticate": 'Bearer realm="kamergraph"'},
    )


def _display_name(filename: str | None, number: int) -> str:
    """The uploaded file's own name (no folders), control characters dropped; 'upload-N' when it has none."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c) != "Cc").strip()
    return name or f"upload-{number}"


async def _files(request: Request, limit: int) -> list[tuple[str, bytes]]:
    """The uploaded files, reading at most `limit` bytes of body (413 past it, whatever Content-Length says)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise UnsupportedMediaType(
            f"send the documents as multipart/form-data (file parts named 'files'), not {content_type or 'no body'}"
        )
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise PayloadTooLarge(f"an upload may have at most {limit} bytes; this one has {length}")

    async def bounded() -> AsyncGenerator[bytes, None]:
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise PayloadTooLarge(f"an upload may have at most {limit} bytes; this one has more")
            yield chunk

    try:
        form = await MultiPartParser(request.headers, bounded(), max_files=MAX_FILES, max_fields=10).parse()
    except MultiPartException as exc:
        raise BadRequest(f"the multipart body cannot be read: {exc.message}") from exc
    files: list[tuple[str, bytes]] = []
    try:
        for _, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.append((_display_name(value.filename, len(files) + 1), await value.read()))
    finally:
        await form.close()
    if not files:
        raise InvalidParameter("the upload holds no file: send one or more file parts named 'files'")
    return files


def _document_id(result: LoadResult) -> str | None:
    return str(result.iri).rsplit("/", 1)[-1] if result.iri is not None else None


def _prepare_all(files: list[tuple[str, bytes]]) -> list[Prepared | LoadResult]:
    """Read, extract and validate every file (run in the app's preparing process)."""
    return [prepare_or_reject(name, data) for name, data in files]


#: A small letter the worker prepares when it starts, so the first upload does not pay for imports and shapes.
_WARM_UP = "Den Haag, 14 februari 2025\n\nNederland steunt UNHCR in Jemen.\n\nDe minister,\nA. de Vries\n"


#: How much lower the preparing process runs than the server (os.nice increment): its extraction and SHACL then take
#: the CPU the server's reads leave, instead of competing with them for the cores.
WORKER_NICENESS = 10


def _start_worker(parent: int) -> None:
    """In the worker: run at a lower priority, end when the server process is gone (even killed), then warm up."""
    if hasattr(os, "nice"):  # Unix; elsewhere the worker keeps the server's priority
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    prepare_or_reject("warm-up.txt", _WARM_UP.encode("utf-8"))


def start_preparer(app: FastAPI, *, eager: bool = False) -> None:
    """The app's preparing process (one worker, started fresh, not forked from the server's threads): extraction
    and SHACL are CPU-bound Python, so in the server's process they held the GIL for 100+ ms per document and
    stalled every other request. Only the store write stays in the server's process. `eager` starts the worker
    at once (warming up) so the first upload does not wait for it; else it starts with the first upload."""
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    if eager:
        pool.submit(int)
    app.state.preparer = pool


def stop_preparer(app: FastAPI) -> None:
    pool: ProcessPoolExecutor | None = getattr(app.state, "preparer", None)
    app.state.preparer = None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


async def _prepare(app: FastAPI, files: list[tuple[str, bytes]]) -> list[Prepared | LoadResult]:
    """The files prepared in the app's preparing process; in a thread of this process when the app has none (not
    started through its lifespan) or the worker died (it is replaced for the next upload)."""
    pool: ProcessPoolExecutor | None = getattr(app.state, "preparer", None)
    if pool is not None:
        try:
            return await asyncio.wrap_future(pool.submit(_prepare_all, files))
        except BrokenProcessPool:
            log.warning("the preparing process died; preparing this upload in the server process")
            stop_preparer(app)
            start_preparer(app)
    return await run_in_threadpool(_prepare_all, files)


def _store_all(app: FastAPI, store: Store, prepared: list[Prepared | LoadResult]) -> list[LoadResult]:
    """Store each prepared document whole (rejections passed through), one writer at a time; the search index is
    told which documents changed."""
    with _WRITES:
        if not getattr(app.state, "ontology_stored", False):  # once per app: it re-read the ontology file each time
            ensure_ontology(store)
            app.state.ontology_stored = True
        results = [item if isinstance(item, LoadResult) else store_prepared(store, item) for item in prepared]
    written = [str(r.iri) for r in results if r.iri is not None and r.outcome in (Outcome.LOADED, Outcome.REPLACED)]
    search_index(app).changed(*written)
    return results


@router.post(
    "/documents",
    operation_id="upload_documents",
    summary="Upload documents (needs the write token)",
    response_model=UploadAnswer,
    responses={
        **WRITE_ERRORS,
        413: {"model": ErrorBody, "description": "The upload is larger than KAMERGRAPH_API_MAX_UPLOAD bytes."},
        415: {"model": ErrorBody, "description": "The body is not multipart/form-data."},
        422: {"model": ErrorBody, "description": "The upload holds no file."},
    },
    openapi_extra=UPLOAD_BODY,
)
async def upload_documents(request: Request, settings: SettingsDep, store: StoreDep) -> UploadAnswer | JSONResponse:
    """Load one or more documents as `kamergraph ingest` does: a document identified by its Kamerstuk id (or its
    content hash) replaces its earlier version, an unchanged one is left alone, a bad file is rejected with the
    reason while the others load. Answers 200 with one result per file, also when some were rejected."""
    denied = _authorise(request, settings)
    if denied is not None:
        return denied
    files = await _files(request, settings.max_upload)
    prepared = await _prepare(request.app, files)
    results = await run_in_threadpool(_store_all, request.app, store, prepared)
    for result in results:
        log.info("upload %s: %s %s", result.source, result.outcome.value, result.error or _document_id(result))
    counts = {outcome: sum(r.outcome is outcome for r in results) for outcome in Outcome}
    return UploadAnswer(
        results=[
            FileResult(
                file=r.source,
                outcome=r.outcome.value,
                id=_document_id(r),
                triples=r.triples,
                reason=r.error,
                warnings=list(r.warnings),
            )
            for r in results
        ],
        loaded=counts[Outcome.LOADED],
        replaced=counts[Outcome.REPLACED],
        unchanged=counts[Outcome.UNCHANGED],
        rejected=counts[Outcome.REJECTED],
    )


DocumentId = Annotated[str, Path(description="The document's id: kst-… or sha256-… (see /letters).")]


@router.delete(
    "/documents/{doc_id}",
    operation_id="delete_document",
    summary="Remove a document and every fact read from it (needs the write token)",
    response_model=Removed,
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
async def delete_document(
    doc_id: DocumentId, request: Request, settings: SettingsDep, store: StoreDep
) -> Removed | JSONResponse:
    """Drop the document's named graph: its facts go, other documents' facts about the same things stay."""
    denied = _authorise(request, settings)
    if denied is not None:
        return denied
    key = params.document_key(doc_id)

    def drop() -> bool:
        name = identifiers.document(key)
        with _WRITES:
            dropped = store.drop_graph(name)
        search_index(request.app).changed(str(name))
        return dropped

    if not await run_in_threadpool(drop):
        raise NotFound(f"no document {key!r} in the store; see /letters for the ids")
    log.info("deleted document %s", key)
    return Removed(id=key)
