"""The REST API over the store (FastAPI): ``eventwire serve`` runs it with uvicorn.

``/`` is the web dashboard (our HTML, CSS and JavaScript in ``eventwire/web``, plotly.js from
the installed plotly package). Read endpoints: ``/health``, ``/articles``, ``/events`` (the
store's filters as query parameters, with ``limit``/``offset`` and ``sort``), ``/stories``,
``/stories/{id}``, ``/actors``, ``/dyads/{a}/{b}/series``, ``/problems``; they are answered by a
few threads of their own (``Readers``), so concurrent readers share the cores instead of
queueing behind one another. ``POST /extract`` codes a text and returns the result without
storing it. ``POST /ingest`` codes and stores articles; it and every other write needs the
token set as ``api_token`` in the config, sent as ``Authorization: Bearer <token>`` and
compared in constant time; without a token configured writes are refused.

The OpenAPI document is the contract, and a schemathesis run against a real server checks it
(``tests/test_api_schema.py``): every value has its bounds (``limit``, ``offset`` up to
``MAX_OFFSET``, filters up to ``MAX_TEXT`` characters), a value of the wrong kind is FastAPI's
422 naming it, a query parameter the route does not take is a 400 naming it, and every
status a route can answer is declared with its body (``Error``). ``Guard`` stands in front of
everything: a body is counted as it arrives and refused with 413 once over ``max_body`` bytes
(chunked uploads included), a path and query string over ``MAX_TARGET`` bytes is a 414, and
every answer carries the security headers (a Content-Security-Policy that lets the pages run
only our own files). CORS is off unless ``api_cors_origins`` lists sites. The OpenAPI page at
``/docs`` loads Swagger UI from the installed ``fastapi-offline`` package, not from a CDN.
"""

from .contract import MAX_BODY, MAX_INGEST, MAX_OFFSET, MAX_TARGET, MAX_TEXT
from .guard import SECURITY_HEADERS, Guard
from .server import create_app, daily_series, serve

__all__ = [
    "MAX_BODY",
    "MAX_INGEST",
    "MAX_OFFSET",
    "MAX_TARGET",
    "MAX_TEXT",
    "SECURITY_HEADERS",
    "Guard",
    "create_app",
    "daily_series",
    "serve",
]
