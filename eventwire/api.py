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

import asyncio
import datetime as dt
import hmac
import json
import pathlib
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from . import __version__
from .errors import PROBLEM_CODES, QueryError
from .model import PLOVER_TYPES, Article, Problem
from .store import MAX_LIMIT, SCHEMA_VERSION, SORTS, Store

MAX_BODY = 2_000_000  # bytes a request body may hold
MAX_TARGET = 8_192  # bytes of path and query string a request may send (414 above)
MAX_OFFSET = 1_000_000_000  # rows a page may skip: DuckDB's OFFSET overflows at 2**63
MAX_TEXT = 200  # characters of a filter value or a path parameter
WEB_DIR = pathlib.Path(__file__).resolve().parent / "web"
MAX_INGEST = 200  # articles one ingest request may hold
# store questions answered at once: each holds a DuckDB cursor; more threads than this on two
# cores only take turns at the GIL, and the queue in front of them is first come, first served
READ_THREADS = 4


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD is a day (pydantic alone would take "0" or a datetime at midnight)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date YYYY-MM-DD")
    return value


def _one_of(values: Iterable[str]) -> str:
    """A pattern that matches exactly one of ``values``."""
    return "^(?:" + "|".join(re.escape(value) for value in values) + ")$"


Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]
Day = Annotated[dt.date | None, BeforeValidator(_iso_day), Query(description="YYYY-MM-DD")]
Code = Annotated[str, Path(min_length=1, max_length=MAX_TEXT)]
BEARER = HTTPBearer(auto_error=False, description="Authorization: Bearer <api_token>")


def _iso(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(value: object) -> bytes:
    """Rows of the store as JSON, dates as YYYY-MM-DD. One pass of ``json.dumps``: FastAPI's
    ``jsonable_encoder`` walks every value of a page first, which cost more than the query."""
    return json.dumps(
        value, default=_iso, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    ).encode("utf-8")


def _page(limit: int, offset: int, rows: list[dict]) -> dict:
    return {"limit": limit, "offset": offset, "items": rows}


class Error(BaseModel):
    """Every 4xx answer: what was wrong (a message, or FastAPI's list of invalid fields) and,
    for a bad or unknown parameter, its name."""

    detail: Any
    parameter: str | None = None


class Page(BaseModel):
    limit: int
    offset: int
    items: list[dict[str, Any]]


class Health(BaseModel):
    model_config = ConfigDict(extra="allow")
    status: str
    version: str
    schema_version: int
    writable: bool
    articles: int
    events: int
    canonical_events: int
    stories: int


class StoryDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    articles: list[dict[str, Any]]
    events: list[dict[str, Any]]
    problems: list[dict[str, Any]]


class SeriesDay(BaseModel):
    date: dt.date
    events: int
    by_type: dict[str, int]
    by_quad_class: dict[str, int]
    mean_intensity: float


class DyadSeries(BaseModel):
    source: str
    target: str
    days: list[SeriesDay]


class Ingested(BaseModel):
    model_config = ConfigDict(extra="allow")
    stored: list[str]
    refused: list[str]


class ArticleIn(BaseModel):
    """An article to code. Fields other than these are kept as the reader keeps them."""

    model_config = ConfigDict(extra="allow")
    text: str = Field(min_length=1)
    id: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    title: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD; other forms are read as dates are")
    source: str | None = None
    url: str | None = None


# the 4xx answers of a route besides 200, with what they mean
STATUSES = {
    400: "a parameter the route does not take, or a value it cannot use (named)",
    401: "no valid token: send Authorization: Bearer <api_token>",
    403: "writes are disabled on this server (no api_token in its config)",
    404: "no such record",
    413: f"the request body is over {MAX_BODY:,} bytes",
    414: f"the path and query string are over {MAX_TARGET:,} bytes",
    422: "a value of the wrong kind, or an input that cannot be coded",
}


def _answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses of 400, 413, 414 and 422 (every route) and of ``statuses``."""
    return {
        status: {"model": Error, "description": STATUSES[status]}
        for status in sorted({400, 413, 414, 422, *statuses})
    }


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route (FastAPI's ``Dependant``) and its dependencies take."""
    names = {parameter.alias for parameter in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return names


def known_parameters(request: Request) -> None:
    """A query parameter the route does not declare is a 400 naming it, not silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise QueryError(", ".join(unknown), f"unknown parameter (this route takes {takes})")


class Service:
    """What the routes share: the store, the write token, and the pipeline (built on first use,
    once) with the lock that lets ingest requests take turns continuing the stories."""

    def __init__(self, db: str, token: str | None, now: dt.date | None = None):
        import os

        from .owner import read_owner, write_lock

        # ``serve`` owns the file (it claimed it): the app reads and writes it; an app made
        # elsewhere opens it read-only unless writes are enabled
        holder = read_owner(db)
        owns = holder is not None and holder.pid == os.getpid()
        self.store = Store(db, read_only=token is None and not owns)
        self.token = token
        self.now = now
        self._pipeline = None
        self._pipeline_lock = threading.Lock()
        # the lock every writer of this process takes on the store: the server's live feed too
        self.ingest_lock = write_lock(db)

    def reader(self) -> Store:
        return self.store.cursor()

    def writer(
        self, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
    ) -> Store:
        """The store for a write, when the request sends ``Authorization: Bearer <api_token>``
        (compared in constant time); a token without the scheme is refused like a wrong one."""
        if self.token is None:
            raise HTTPException(
                403, "writes are disabled: set api_token in the config to enable them"
            )
        given = credentials.credentials if credentials is not None else ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise HTTPException(
                401,
                "a valid token is needed: Authorization: Bearer <api_token>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return self.store.cursor()

    def pipeline(self):
        with self._pipeline_lock:
            if self._pipeline is None:
                from .pipeline import Pipeline
                from .settings import load_settings

                # the user's settings (data folders) as the CLI reads them, with --now over them
                settings = load_settings()
                self._pipeline = Pipeline(replace(settings, now=self.now or settings.now))
            return self._pipeline


class Readers:
    """Answers the read routes in a few threads of their own, each with a cursor on the store
    kept for its life, and encodes the answer there: the event loop only waits and sends
    bytes, and requests wait in one first-come queue instead of 40 threads fighting for the
    GIL and the cores."""

    def __init__(self, service: Service, threads: int = READ_THREADS):
        self.service = service
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="eventwire-read")
        self.local = threading.local()

    async def __call__(self, question: Callable[[Store], object]) -> Response:
        loop = asyncio.get_running_loop()
        body = await loop.run_in_executor(self.pool, self.answer, question)
        return Response(body, media_type="application/json")

    def answer(self, question: Callable[[Store], object]) -> bytes:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = self.service.reader()
        return encode(question(store))


def create_app(
    db: str,
    token: str | None = None,
    max_body: int = MAX_BODY,
    now: dt.date | None = None,
    cors_origins: Sequence[str] | None = None,
) -> FastAPI:
    """The app over the store at ``db``; writes are enabled only when ``token`` is given.
    ``now`` is the day undated articles are read against (``Settings.now``). Browsers on
    other sites may call the API only from ``cors_origins`` (default: ``api_cors_origins``
    of the settings, none unless configured)."""
    service = Service(db, token, now)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,  # "/stories/" is no story (404), not a redirect to the list
        description="Political event data from news: events, stories, actors and their evidence.",
    )
    app.state.store = service.store
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static/app", StaticFiles(directory=WEB_DIR), name="app")
    app.mount("/static/plotly", StaticFiles(directory=_plotly_dir()), name="plotly")
    for router in (_pages(), _reads(Readers(service), service), _writes(service)):
        app.include_router(router)
    _add_handlers(app)
    if cors_origins is None:
        from .settings import load_settings

        cors_origins = load_settings().api_cors_origins
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(Guard, max_body=max_body)  # added last, so it sees requests first
    return app


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
            await _refuse(send_secured, 414)
            return
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send_secured, 413)
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
            await _refuse(send_secured, 413)


async def _refuse(send: Callable, status: int) -> None:
    body = encode({"detail": STATUSES[status]})
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _add_handlers(app: FastAPI) -> None:
    """Bad parameters named in a 400; invalid values in a 422 that never fails to encode."""

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError):
        return JSONResponse({"detail": str(error), "parameter": error.parameter}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        # escaped to ASCII: the invalid input it echoes may hold a lone surrogate
        body = json.dumps({"detail": jsonable_encoder(error.errors())}, default=str)
        return Response(body, status_code=422, media_type="application/json")


def _pages() -> APIRouter:
    """The dashboard and the API docs page (ours: the pages may run no inline script)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs():
        """Swagger UI from the installed fastapi-offline package, started by web/docs.js."""
        return FileResponse(WEB_DIR / "docs.html")

    @router.get("/")
    def dashboard():
        """The web dashboard: stories, timeline, actor network, evidence, dyad trend, problems."""
        return FileResponse(WEB_DIR / "index.html")

    return router


def _reads(readers: Readers, service: Service) -> APIRouter:
    """The read endpoints: each asks the store one question, answered by ``readers``."""
    router = APIRouter(dependencies=[Depends(known_parameters)], responses=_answers(404))

    @router.get("/health", response_model=Health)
    async def health():
        tables = ("articles", "events", "canonical_events", "stories")
        return await readers(
            lambda db: {
                "status": "ok",
                "version": __version__,
                "schema_version": SCHEMA_VERSION,
                "writable": service.token is not None,
                **{table: db.count(table) for table in tables},
            }
        )

    @router.get("/events", response_model=Page)
    async def events(
        actor: Text = None,
        country: Text = None,
        sector: Text = None,
        type: Annotated[str | None, Query(pattern=_one_of(PLOVER_TYPES))] = None,
        quad_class: Annotated[str | None, Query(pattern="^[1-4]$")] = None,
        since: Day = None,
        until: Day = None,
        story: Text = None,
        outlet: Text = None,
        q: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
        sort: Annotated[str, Query(pattern=_one_of(SORTS))] = "date",
    ):
        """Coded events, each with its article's story and outlet and its evidence sentence."""
        filters = {
            "actor": actor,
            "country": country,
            "sector": sector,
            "type": type,
            "quad_class": quad_class,
            "since": since,
            "until": until,
            "story": story,
            "outlet": outlet,
            "q": q,
        }
        return await readers(
            lambda db: _page(
                limit, offset, db.query_events(filters, limit=limit, offset=offset, sort=sort)
            )
        )

    @router.get("/articles", response_model=Page)
    async def articles(
        story: Text = None,
        outlet: Text = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        """Stored articles (without their text), newest first, with their count of events."""
        filters = {"story": story, "outlet": outlet, "since": since, "until": until}
        return await readers(lambda db: _page(limit, offset, db.articles(filters, limit, offset)))

    @router.get("/stories", response_model=Page)
    async def stories(limit: Limit = 100, offset: Offset = 0):
        """Stories, latest first, with their count of merged events."""
        return await readers(lambda db: _page(limit, offset, db.stories(limit, offset)))

    @router.get("/stories/{story_id}", response_model=StoryDetail)
    async def story(story_id: Code):
        """One story with its articles, merged events and problems (404 when there is none)."""

        def found(db: Store) -> dict:
            answer = db.story(story_id)
            if answer is None:
                raise HTTPException(404, f"no story {story_id!r}")
            return answer

        return await readers(found)

    @router.get("/actors", response_model=Page)
    async def actors(
        q: Text = None,
        country: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        """Coded actors, most events first; ``q`` is part of a name."""
        return await readers(lambda db: _page(limit, offset, db.actors(q, country, limit, offset)))

    @router.get("/dyads/{source}/{target}/series", response_model=DyadSeries)
    async def dyad_series(source: Code, target: Code, since: Day = None, until: Day = None):
        """Daily counts of distinct events from ``source`` to ``target`` (codes such as RUS or
        USAGOV, or names), by type and QuadClass, with their mean intensity."""
        return await readers(
            lambda db: {
                "source": source,
                "target": target,
                "days": daily_series(db.dyad_counts(source, target, since, until)),
            }
        )

    @router.get("/problems", response_model=Page)
    async def problems(
        code: Annotated[str | None, Query(pattern=_one_of(PROBLEM_CODES))] = None,
        story: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        """Stored problems (inputs not coded, contradictions, ...) with their article's story."""
        return await readers(
            lambda db: _page(limit, offset, db.problems(code, story, limit, offset))
        )

    return router


def daily_series(rows: list[dict]) -> list[dict]:
    """Counts per day, type and QuadClass (``Store.dyad_counts``) as one record per day: its
    events, by type, by QuadClass, and their mean intensity."""
    days: dict = {}
    for row in rows:
        day = days.setdefault(
            row["date"],
            {
                "date": row["date"],
                "events": 0,
                "by_type": {},
                "by_quad_class": {},
                "_weighted": 0.0,
            },
        )
        day["events"] += row["events"]
        day["by_type"][row["type"]] = day["by_type"].get(row["type"], 0) + row["events"]
        quad = str(row["quad_class"])
        day["by_quad_class"][quad] = day["by_quad_class"].get(quad, 0) + row["events"]
        day["_weighted"] += row["intensity"] * row["events"]
    series = []
    for day in days.values():
        day["mean_intensity"] = round(day.pop("_weighted") / day["events"], 3)
        series.append(day)
    return series


def _writes(service: Service) -> APIRouter:
    """``POST /extract`` (codes, stores nothing) and ``POST /ingest`` (codes and stores)."""
    router = APIRouter(dependencies=[Depends(known_parameters)], responses=_answers(401, 403))
    Writer = Annotated[Store, Depends(service.writer)]

    @router.post("/extract", response_model=dict[str, Any], responses=_answers())
    def extract(
        text: Annotated[str, Body(min_length=1)],
        date: Annotated[str | None, Body()] = None,
        title: Annotated[str | None, Body()] = None,
    ):
        """Code one text; nothing is stored."""
        from .serialize import result_record

        (item,) = _read([{"text": text, "date": date, "title": title}])
        if isinstance(item, Problem):
            raise HTTPException(422, item.message)
        (result,) = list(service.pipeline().run([item]))
        if isinstance(result, Problem):
            raise HTTPException(422, result.message)  # not coded: empty, binary, not English, ...
        return result_record(result)

    @router.post("/ingest", response_model=Ingested)
    def ingest(
        db: Writer,
        articles: Annotated[list[ArticleIn], Body(embed=True, min_length=1, max_length=MAX_INGEST)],
    ):
        """Code articles and store them through the one ingest flow (``ingest.ingest``); inputs
        that cannot be coded are refused, and stored as problems (422 when none was stored)."""
        from .ingest import ingest as ingest_articles

        items = _read([article.model_dump(exclude_none=True) for article in articles])
        if not any(isinstance(item, Article) for item in items):
            refused = [item.message for item in items if isinstance(item, Problem)]
            raise HTTPException(422, {"refused": refused})
        with service.ingest_lock:  # one linker: requests take turns continuing the stories
            summary = ingest_articles(
                items,
                db,
                service.pipeline(),
                skip_unchanged=False,
                run_id=f"api-{dt.datetime.now():%Y%m%d%H%M%S%f}",
            )
        refused = [problem.message for problem in summary.refused]
        if not summary.stored:
            raise HTTPException(422, {"refused": refused})
        return {**summary.counts(), "refused": refused, "stored": list(summary.stored)}

    @router.post("/load")
    def load(db: Writer, folder: Annotated[str, Body(embed=True, min_length=1, max_length=4096)]):
        """Load the Parquet parts ``eventwire batch --format parquet`` wrote in ``folder`` (a
        path on the server's machine) into the store and link them into stories
        (``ingest.load_parts``): how ``batch --db`` loads into a store a server holds."""
        from .ingest import load_parts

        if not _is_folder(folder):
            raise HTTPException(422, f"no folder {folder!r} on the server's machine")
        with service.ingest_lock:  # one writer at a time: the feed and /ingest wait
            loaded = load_parts(db, folder)
        return {
            "articles": loaded.articles,
            "events": loaded.events,
            "linked": loaded.linked,
            "run_id": loaded.run_id,
        }

    return router


def _is_folder(path: str) -> bool:
    """Whether ``path`` names a folder; a name the system cannot take (too long, a NUL) names
    none, rather than raising."""
    try:
        return pathlib.Path(path).is_dir()
    except (OSError, ValueError):
        return False


def _swagger_dir() -> pathlib.Path:
    """Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), as the fastapi-offline
    package ships it."""
    import fastapi_offline

    return pathlib.Path(fastapi_offline.__file__).resolve().parent / "static"


def _plotly_dir() -> pathlib.Path:
    """The folder of plotly.min.js inside the installed plotly package."""
    import plotly

    return pathlib.Path(plotly.__file__).resolve().parent / "package_data"


def _read(records: list[dict]) -> list[Article | Problem]:
    """Articles from request records, read as JSON Lines so every check of the reader applies."""
    from .stages.read import read_bytes

    # a lone surrogate ("\\ud800" in the JSON) is not Unicode: written as the bytes it
    # stands for, the reader replaces it and records the problem, as for any file
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return list(read_bytes(data, "<api>", "jsonl"))


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    now: dt.date | None = None,
    watch: pathlib.Path | None = None,
    feed: pathlib.Path | None = None,
    interval: float = 5.0,
    idle: int | None = None,
    on_open: Callable[[str], None] | None = None,
) -> None:
    """Serve the store at ``db`` as its one owner: the file is opened for writing and the
    owner file (``owner``) names this server and its address, so other commands hand it their
    work. With ``watch`` (a folder) and/or ``feed`` (a JSON Lines file) the live feed codes
    into the store in a background thread of this process (``watch.follow``), taking turns
    with the API's writes. ``on_open`` is told the server's address once the store is open;
    ``StoreBusy`` when another process holds the file."""
    import signal

    import uvicorn

    from .owner import claim, write_lock

    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    url = f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"
    with Store(db) as store, claim(db, "eventwire serve", url):
        app = create_app(db, token, now=now)
        following = None
        if watch is not None or feed is not None:
            from .pipeline import Pipeline
            from .settings import load_settings
            from .watch import follow

            settings = load_settings()
            pipeline = Pipeline(replace(settings, now=now or settings.now), on_error="record")
            lock = write_lock(db)
            following = follow(store.cursor(), pipeline, watch, feed, interval, idle, lock)
        if on_open is not None:
            on_open(url)
        if threading.current_thread() is threading.main_thread():
            # uvicorn stops on SIGTERM, then raises it again: end by an exception, so the feed
            # finishes its cycle and the owner file and the store are closed cleanly
            def stop(signum: int, frame: object) -> None:
                raise SystemExit(0)

            signal.signal(signal.SIGTERM, stop)
        try:
            uvicorn.run(app, host=host, port=port, log_level="info")
        except KeyboardInterrupt:
            pass
        finally:
            if following is not None:
                following.stop()
