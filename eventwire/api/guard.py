"""``Guard``: the pure ASGI layer in front of the app, for limits that must hold while the
bytes arrive and for the headers every answer carries."""

from collections.abc import Callable

from fastapi import HTTPException

from .contract import MAX_BODY, MAX_TARGET, STATUSES, encode

# the headers of every answer: the dashboard and the docs load only our own files (plotly.js
# and Swagger UI draw with inline styles and data: images), no page may frame ours, and no
# address of ours is sent on to other sites
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        (
            b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            b"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """Pure ASGI, in front of everything: refuses a request target over ``MAX_TARGET`` bytes
    (414) and a body over ``max_body`` bytes (413), counting the body as it arrives, so a
    chunked upload with no Content-Length is stopped at the limit instead of read whole; and
    adds ``SECURITY_HEADERS`` to every answer."""

    def __init__(self, app: Callable, max_body: int = MAX_BODY):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                given = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in given]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        length = dict(scope["headers"]).get(b"content-length")
        if target > MAX_TARGET:
            await refuse(send_secured, 414)
            return
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await refuse(send_secured, 413)
            return
        received = 0

        async def receive_counted() -> dict:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise HTTPException(413, STATUSES[413])  # FastAPI answers it as raised
            return message

        try:
            await self.app(scope, receive_counted, send_secured)
        except HTTPException as error:  # raised where no handler was in the way
            if error.status_code != 413 or started:
                raise
            await refuse(send_secured, 413)


async def refuse(send: Callable, status: int) -> None:
    body = encode({"detail": STATUSES[status]})
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
