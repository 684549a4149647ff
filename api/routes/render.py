"""HTML rendering of the explorer: the Jinja2 templates shipped in api/templates, autoescaped."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from api.routes.facts import page_url

_ENV = Environment(loader=PackageLoader("api", "templates"), autoescape=select_autoescape(["html"]))
_ENV.globals["page_url"] = page_url


def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered from api/templates/<template> (every value escaped unless marked safe)."""
    return HTMLResponse(_ENV.get_template(template).render(**context), status_code=status_code)
