"""The API's errors: one base exception, the HTTP status of each chosen here, and JSON bodies {code, message}.

No error body carries a stack trace, a file path or a backend's address: internal failures answer a fixed message
naming the exception type and the details go to the server log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from queries import ParameterError
from store.base import QueryError, StoreError

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """What every error answers: a stable machine-readable code and a message saying what was wrong."""

    code: str = Field(description="Stable error code, e.g. not_found, invalid_parameter, malformed_query.")
    message: str = Field(description="What was wrong, naming the parameter or id and the value given.")


class ApiError(Exception):
    """Base of the API's errors; subclasses fix the HTTP status and the code."""

    status = 500
    code = "internal_error"
    #: Extra response headers (e.g. Retry-After on 503).
    headers: ClassVar[Mapping[str, str] | None] = None

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(ApiError):
    """The id is well-formed but nothing in the store has it."""

    status = 404
    code = "not_found"


class InvalidParameter(ApiError):
    """A path or query parameter is malformed (not an ISO code, not a Kamerstuk id, out of range, ...)."""

    status = 422
    code = "invalid_parameter"


class BadRequest(ApiError):
    """The request cannot be run as sent (SPARQL protocol errors: malformed query, update refused, ...)."""

    status = 400
    code = "bad_request"


class NotAcceptable(ApiError):
    """None of the media types the client accepts can be produced."""

    status = 406
    code = "not_acceptable"


class UnsupportedMediaType(ApiError):
    """The request body has a content type the endpoint does not read."""

    status = 415
    code = "unsupported_media_type"


class PayloadTooLarge(ApiError):
    """The request body is larger than the configured limit."""

    status = 413
    code = "body_too_large"


class ResultTooLarge(ApiError):
    """A query would answer more rows or triples than the configured limit."""

    status = 400
    code = "result_too_large"


class Unavailable(ApiError):
    """The service cannot answer now (a query ran out of time, too many queries at once); retry later."""

    status = 503
    code = "unavailable"
    headers: ClassVar[Mapping[str, str] | None] = {"Retry-After": "5"}


#: OpenAPI description of the error answers, for the routes' `responses=` argument.
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such id in the store."}}
INVALID: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody, "description": "A parameter is malformed."}}


#: Longest part of a client's value an error message repeats (a 10 kB parameter is not echoed back whole).
ECHO_CHARS = 120


def echo(value: object) -> str:
    """repr() of a value a client sent, cut to ECHO_CHARS characters."""
    text = repr(value)
    return text if len(text) <= ECHO_CHARS else f"{text[:ECHO_CHARS]}... ({len(text)} characters)"


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one error shape: JSON {code, message} with the given status."""
    body = ErrorBody(code=code, message=message).model_dump()
    return JSONResponse(status_code=status, content=body, headers=headers)



def _location(loc: tuple[Any, ...]) -> str:
    """'query.limit' -> "query parameter 'limit'"; body and path locations likewise."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] in ("query", "path", "header", "body"):
        return f"{parts[0]} parameter {'.'.join(parts[1:])!r}"
    return ".".join(parts) or "request"


def _validation_message(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = _location(tuple(error.get("loc", ())))
        given = f" (got {echo(error['input'])})" if error.get("input") is not None else ""
        problems.append(f"{where}: {error.get('msg', 'invalid')}{given}")
    return "; ".join(problems) or "invalid request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_parameter", _validation_message(exc))


async def _parameter_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(422, "invalid_parameter", str(exc))


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, QueryError):
        # Named queries are part of the code: a malformed one is a bug, not the client's fault. The store's message
        # quotes the query and may name the backend, so it goes to the log only.
        log.error("query failed on %s %s: %s", request.method, request.url.path, exc)
        return error_response(500, "query_failed", "a query of this route failed; the details are in the server log")
    # The message may name the store's folder or the SPARQL server's address: log it, answer without it.
    log.error("store unavailable on %s %s: %s", request.method, request.url.path, exc)
    message = "the store cannot be read right now; try again later (the details are in the server log)"
    return error_response(503, "store_unavailable", message, {"Retry-After": "5"})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        message = f"no route {request.method} {request.url.path}; see /docs for the routes"
        return error_response(404, "not_found", message)
    if exc.status_code == 405:
        return error_response(405, "method_not_allowed", f"{request.method} is not allowed on {request.url.path}")
    return error_response(exc.status_code, "http_error", str(exc.detail), dict(exc.headers) if exc.headers else None)


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", f"internal error ({type(exc).__name__}); see the server log")


def register(app: FastAPI) -> None:
    """Install the handlers that turn every exception into an ErrorBody with the status chosen above."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ParameterError, _parameter_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
