"""HTTP hardening middleware: request body limits (413), CORS (closed by default, writes apart), security headers.

install(app, settings) wires them; all three are plain ASGI middleware (no response buffering, except the small
generated API documentation pages whose inline script gets a CSP hash).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, MutableMapping
from html.parser import HTMLParser
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PayloadTooLarge, error_response
from api.settings import Settings

#: Paths whose POST bodies are uploads (task B's POST /documents): they get settings.max_upload, others max_body.
UPLOAD_PATHS = ("/documents",)
#: Methods that only read. POST /sparql reads too (a query sent as a form or body); every other POST, PUT, PATCH or
#: DELETE writes.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_POSTS = frozenset({"/sparql"})

#: Every response: no MIME sniffing, no referrer leaks, never framed.
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
#: HTML pages: scripts, styles and everything else only from this server; no inline script, no framing.
HTML_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Anything else (JSON, RDF, CSV): nothing may run or load if a browser ever renders it.
OTHER_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
#: FastAPI's generated /docs (Swagger UI) and /redoc pages load their code from a CDN and start it with an inline
#: script; that script is allowed by its hash only, computed from the page as sent.
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
DOCS_CSP = (
    "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net {hashes}; "
    "style-src 'self' https://cdn.jsdelivr.net https://fonts.googleapis.com 'unsafe-inline'; "
    "font-src 'self' https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            text: str = value.decode("latin-1")
            return text
    return None


def _is_write(method: str, path: str) -> bool:
    return method not in READ_METHODS and not (method == "POST" and path in READ_POSTS)


class BodyLimit:
    """413 for a request body over the limit: at once when Content-Length says so, else as soon as the body read so
    far passes it (reading stops there, and whatever the app answers to that is replaced by the 413)."""

    def __init__(self, app: ASGIApp, max_body: int, max_upload: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        upload = scope["method"] == "POST" and any(path == p or path.startswith(p + "/") for p in UPLOAD_PATHS)
        limit = self.max_upload if upload else self.max_body
        what = "an upload" if upload else "a request body"
        setting = "KAMERGRAPH_API_MAX_UPLOAD" if upload else "KAMERGRAPH_API_MAX_BODY"
        message = f"{what} may have at most {limit} bytes ({setting})"
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await error_response(400, "bad_request", f"Content-Length {length!r} is not a number")(
                    scope, receive, send
                )
                return
            if int(length) > limit:
                await error_response(413, "body_too_large", f"{message}; this one has {int(length)}")(
                    scope, receive, send
                )
                return
        received = 0
        exceeded = started = False
        over = f"{message}; this one has more"
        too_large = error_response(413, "body_too_large", over)

        async def counted() -> Message:
            nonlocal received, exceeded
            message_in = await receive()
            if message_in["type"] == "http.request":
                received += len(message_in.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise PayloadTooLarge(over)
            return message_in

        async def answer(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app's own answer to the interrupted body (a 400 or 500) becomes the 413
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await too_large(scope, receive, send)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, answer)
        except PayloadTooLarge:
            if not started:
                await too_large(scope, receive, send)


class Cors:
    """CORS for the origins in settings.cors_origins (none by default): reads always, writes only when
    settings.cors_writes is set. Other origins, and writes when not enabled, get no CORS headers (the browser
    then refuses), and their preflight requests get 403."""

    def __init__(self, app: ASGIApp, origins: Iterable[str], writes: bool) -> None:
        self.app = app
        self.origins = frozenset(origins)
        self.writes = writes

    def _allowed(self, origin: str, method: str, path: str) -> bool:
        if not self.origins or not ("*" in self.origins or origin in self.origins):
            return False
        return self.writes or not _is_write(method, path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        requested = _header(scope, b"access-control-request-method")
        if method == "OPTIONS" and requested is not None:
            if not self._allowed(origin, requested.upper(), path):
                refusal = f"cross-origin {requested.upper()} {path} from {origin!r} is not allowed"
                await error_response(403, "cors_refused", refusal)(scope, receive, send)
                return
            methods = "GET, HEAD, POST" + (", PUT, PATCH, DELETE" if self.writes else "")
            headers = {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": methods,
                "Access-Control-Allow-Headers": "Accept, Content-Type" + (", Authorization" if self.writes else ""),
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            }
            await send({"type": "http.response.start", "status": 204, "headers": _encode(headers)})
            await send({"type": "http.response.body", "body": b""})
            return
        if not self._allowed(origin, method, path):
            await self.app(scope, receive, send)
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = _add_headers(message, {"Access-Control-Allow-Origin": origin, "Vary": "Origin"})
            await send(message)

        await self.app(scope, receive, with_cors)


class _InlineScripts(HTMLParser):
    """Collects the text of every <script> without a src attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for the inline scripts of an HTML page."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
        for script in parser.scripts
    ]


class SecurityHeaders:
    """COMMON_HEADERS on every response; a Content-Security-Policy chosen by the response's media type."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in DOCS_PATHS:
            await self._docs(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                html = _media_type(message) == "text/html"
                csp = HTML_CSP if html else OTHER_CSP
                message = _add_headers(message, {**COMMON_HEADERS, "Content-Security-Policy": csp})
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The generated documentation pages are small: buffer them to hash their inline script."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            html = _media_type(start) == "text/html"
            hashes = " ".join(script_hashes(body.decode("utf-8", "replace"))) if html else ""
            csp = DOCS_CSP.format(hashes=hashes) if html else OTHER_CSP
            await send(_add_headers(start, {**COMMON_HEADERS, "Content-Security-Policy": csp}))
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)


def _media_type(start: Message) -> str:
    for key, value in start.get("headers", ()):
        if key.lower() == b"content-type":
            media: str = value.decode("latin-1").split(";")[0].strip().lower()
            return media
    return ""


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


def _add_headers(start: Message, headers: dict[str, str]) -> Message:
    """The response start with `headers` set (replacing any of the same name; Vary is merged)."""
    names = {k.lower().encode("latin-1") for k in headers}
    kept: list[tuple[bytes, bytes]] = []
    vary: list[str] = []
    for key, value in start.get("headers", ()):
        if key.lower() == b"vary":
            vary.append(value.decode("latin-1"))
        elif key.lower() not in names:
            kept.append((key, value))
    if "Vary" in headers:
        vary.append(headers["Vary"])
    extra = {k: v for k, v in headers.items() if k != "Vary"}
    if vary:
        extra["Vary"] = ", ".join(dict.fromkeys(v.strip() for part in vary for v in part.split(",") if v.strip()))
    updated: MutableMapping[str, Any] = dict(start)
    updated["headers"] = kept + _encode(extra)
    return updated


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware; the last added runs first, so security headers wrap CORS, which wraps the body limit."""
    app.add_middleware(BodyLimit, max_body=settings.max_body, max_upload=settings.max_upload)
    app.add_middleware(Cors, origins=settings.cors_origins, writes=settings.cors_writes)
    app.add_middleware(SecurityHeaders)
