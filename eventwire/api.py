"""The REST API over the store (FastAPI): ``eventwire serve`` runs it with uvicorn.

``/`` is the web dashboard (our HTML, CSS and JavaScript in ``eventwire/web``, plotly.js from
the installed plotly package). Read endpoints: ``/health``, ``/articles``, ``/events`` (the
store's filters as query parameters, with ``limit``/``offset`` and ``sort``), ``/stories``,
``/stories/{id}``,
``/actors``, ``/dyads/{a}/{b}/series``, ``/problems``. ``POST /extract`` codes a text and
returns the result without storing it. ``POST /ingest`` codes and stores articles; it and
every other write needs the token set as ``api_token`` in the config (sent as
``Authorization: Bearer <token>``); without a token configured the store is opened read-only
and writes are refused. Request bodies over ``max_body`` bytes are refused with 413. A bad
parameter is a 400 naming it (or FastAPI's 422 for a value of the wrong kind), never a 500.
The OpenAPI page at ``/docs`` loads Swagger UI from the installed ``fastapi-offline``
package, not from a CDN.
"""

import datetime as dt
import hmac
import json
import pathlib
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Body, Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from . import __version__
from .errors import QueryError
from .model import Article, Problem
from .store import MAX_LIMIT, SCHEMA_VERSION, Store

MAX_BODY = 2_000_000  # bytes a request body may hold
WEB_DIR = pathlib.Path(__file__).resolve().parent / "web"
MAX_INGEST = 200  # articles one ingest request may hold

Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _page(limit: int, offset: int, rows: list[dict]) -> dict:
    return {"limit": limit, "offset": offset, "items": _jsonable(rows)}


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

    def writer(self, authorization: Annotated[str | None, Header()] = None) -> Store:
        if self.token is None:
            raise HTTPException(
                403, "writes are disabled: set api_token in the config to enable them"
            )
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer <api_token>")
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


def create_app(
    db: str, token: str | None = None, max_body: int = MAX_BODY, now: dt.date | None = None
) -> FastAPI:
    """The app over the store at ``db``; writes are enabled only when ``token`` is given.
    ``now`` is the day undated articles are read against (``Settings.now``)."""
    service = Service(db, token, now)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Political event data from news: events, stories, actors and their evidence.",
    )
    app.state.store = service.store
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static/app", StaticFiles(directory=WEB_DIR), name="app")
    app.mount("/static/plotly", StaticFiles(directory=_plotly_dir()), name="plotly")
    _add_guards(app, max_body)
    for router in (_pages(), _reads(service), _writes(service)):
        app.include_router(router)
    return app


def _add_guards(app: FastAPI, max_body: int) -> None:
    """The body limit (413) and bad parameters named in a 400."""

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        too_large = JSONResponse({"detail": f"request body over {max_body} bytes"}, 413)
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return too_large
        is_write = request.method in ("POST", "PUT", "PATCH")
        if is_write and length is None and len(await request.body()) > max_body:
            return too_large
        return await call_next(request)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError):
        return JSONResponse({"detail": str(error), "parameter": error.parameter}, status_code=400)


def _pages() -> APIRouter:
    """The dashboard and the API docs page."""
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon.png",
        )

    @router.get("/")
    def dashboard():
        """The web dashboard: stories, timeline, actor network, evidence, dyad trend, problems."""
        return FileResponse(WEB_DIR / "index.html")

    return router


def _reads(service: Service) -> APIRouter:
    """The read endpoints: each asks the store one question."""
    router = APIRouter()
    Reader = Annotated[Store, Depends(service.reader)]

    @router.get("/health")
    def health(db: Reader):
        tables = ("articles", "events", "canonical_events", "stories")
        counts = {table: db.count(table) for table in tables}
        return {
            "status": "ok",
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "writable": service.token is not None,
            **counts,
        }

    @router.get("/events")
    def events(
        db: Reader,
        actor: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        type: str | None = None,
        quad_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        story: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
        sort: str = "date",
    ):
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
        rows = db.query_events(filters, limit=limit, offset=offset, sort=sort)
        return _page(limit, offset, rows)

    @router.get("/articles")
    def articles(
        db: Reader,
        story: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        filters = {"story": story, "outlet": outlet, "since": since, "until": until}
        return _page(limit, offset, db.articles(filters, limit, offset))

    @router.get("/stories")
    def stories(db: Reader, limit: Limit = 100, offset: Offset = 0):
        return _page(limit, offset, db.stories(limit, offset))

    @router.get("/stories/{story_id}")
    def story(db: Reader, story_id: Annotated[str, Path(max_length=200)]):
        found = db.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return _jsonable(found)

    @router.get("/actors")
    def actors(
        db: Reader,
        q: str | None = None,
        country: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        return _page(limit, offset, db.actors(q, country, limit, offset))

    @router.get("/dyads/{source}/{target}/series")
    def dyad_series(
        db: Reader,
        source: Annotated[str, Path(max_length=100)],
        target: Annotated[str, Path(max_length=100)],
        since: str | None = None,
        until: str | None = None,
    ):
        """Daily counts of distinct events from ``source`` to ``target`` (codes such as RUS or
        USAGOV, or names), by type and QuadClass, with their mean intensity."""
        days = daily_series(db.dyad_counts(source, target, since, until))
        return _jsonable({"source": source, "target": target, "days": days})

    @router.get("/problems")
    def problems(
        db: Reader,
        code: str | None = None,
        story: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        return _page(limit, offset, db.problems(code, story, limit, offset))

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
    router = APIRouter()
    Writer = Annotated[Store, Depends(service.writer)]

    @router.post("/extract")
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

    @router.post("/ingest")
    def ingest(db: Writer, articles: Annotated[list[dict], Body(embed=True)]):
        """Code articles (``{"text", "id"?, "title"?, "date"?, "source"?, "url"?}``) and store
        them through the one ingest flow (``ingest.ingest``); inputs that cannot be coded are
        refused, and stored as problems."""
        if not articles or len(articles) > MAX_INGEST:
            raise HTTPException(422, f"send 1 to {MAX_INGEST} articles")
        from .ingest import ingest as ingest_articles

        items = _read(articles)
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

        if not pathlib.Path(folder).is_dir():
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

    data = "\n".join(json.dumps(record) for record in records).encode("utf-8")
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
