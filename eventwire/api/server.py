"""The app: the routes over the store (reads answered by ``Readers``, writes by the one ingest
flow), the dashboard and docs pages, and ``serve``."""

import asyncio
import datetime as dt
import hmac
import json
import pathlib
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import PROBLEM_CODES, QueryError
from ..model import PLOVER_TYPES, Article, Problem, Result
from ..store import SCHEMA_VERSION, SORTS, Store
from .contract import (
    BEARER,
    MAX_BODY,
    MAX_INGEST,
    ArticleIn,
    Code,
    Day,
    DyadSeries,
    Health,
    Ingested,
    Limit,
    Offset,
    Page,
    StoryDetail,
    Text,
    answers,
    encode,
    known_parameters,
    one_of,
    page,
)
from .guard import Guard
from .pages import EventPages
from .turns import Gate, WriteTurn

WEB_DIR = pathlib.Path(__file__).resolve().parent.parent / "web"
# store questions answered at once, one per core of the machine we measure on (2): each holds
# a DuckDB cursor; more threads only take turns at the GIL and the cores (4 gave the same
# throughput and a longer tail), and the queue in front of them is first come, first served
READ_THREADS = 2


class Service:
    """What the routes share: the store, the write token, and the pipeline (built on first use,
    once) with the lock that lets ingest requests take turns continuing the stories."""

    def __init__(
        self, db: str, token: str | None, now: dt.date | None = None, store: Store | None = None
    ):
        import os

        from ..owner import read_owner, write_lock

        if store is None:
            # ``serve`` owns the file (it claimed it, and gives its store): the app reads and
            # writes it; an app made elsewhere opens it read-only unless writes are enabled
            holder = read_owner(db)
            owns = holder is not None and holder.pid == os.getpid()
            store = Store(db, read_only=token is None and not owns)
        self.store = store
        self.token = token
        self.now = now
        self._pipeline = None
        self._pipeline_lock = threading.Lock()
        # readers use the store side by side; the turn every writer of this process takes on
        # it (the server's live feed too) reopens it now and then with no reader in it
        self.gate = Gate()
        self.turn = WriteTurn(self.store, write_lock(db), self.gate)

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
        # the store itself, used only inside ``turn`` (writers take turns on it, and the store
        # is reopened only within a turn): a cursor made here could meet a reopening
        return self.store

    def pipeline(self):
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline
                from ..settings import load_settings

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
        asked = time.perf_counter()
        body, began, ended = await loop.run_in_executor(self.pool, self.answer, question)
        # how long the request waited for a thread and how long the answer took, in ms (the
        # Server-Timing header browsers and load tests read): where a slow request lost time
        timing = f"wait;dur={1000 * (began - asked):.1f}, answer;dur={1000 * (ended - began):.1f}"
        return Response(body, media_type="application/json", headers={"Server-Timing": timing})

    def answer(self, question: Callable[[Store], object]) -> tuple[bytes, float, float]:
        began = time.perf_counter()
        with self.service.gate.reading():  # no reopening while the cursor is made or used
            store = getattr(self.local, "store", None)
            if store is None:
                store = self.local.store = self.service.reader()
            answer = question(store)
        body = answer if isinstance(answer, bytes) else encode(answer)
        return body, began, time.perf_counter()


class Waiting:
    """One ingest request: its items (articles, and problems of reading) and its answer."""

    def __init__(self, items: list[Article | Problem], where: str):
        self.items, self.where = items, where  # every item's origin is "<where>:<line>"
        self.ids = {item.id for item in items if isinstance(item, Article)}
        self.answer: Future[dict] = Future()

    def summary(
        self, stored: Iterable[str], refused: Iterable[Problem], results: dict[str, Result]
    ) -> dict:
        """What the call stored and refused of this request's articles."""
        mine = [article_id for article_id in stored if article_id in self.ids]
        prefix = f"{self.where}:"
        problems = [
            problem.message for problem in refused if (problem.where or "").startswith(prefix)
        ]
        coded = [results[article_id] for article_id in mine if article_id in results]
        return {
            "articles": len(mine),
            "events": sum(len(result.events) for result in coded),
            "problems": len(problems) + sum(len(result.problems) for result in coded),
            "refused": problems,
            "stored": mine,
        }


class Ingests:
    """``POST /ingest`` requests that arrive while one is being stored wait, then go in
    together: one ingest call for all of them. A call's fixed cost (resuming the story linker,
    saving it, one run) is ten times the coding of a short article (0.3 s against 0.03 s), so
    taking turns one request at a time let a queue grow without end under 50 clients. Requests
    whose article ids meet go in different calls, in the order they came; each is answered with
    its own articles. All the calls of one server go in one run (one ``runs`` row, its counts
    the sum of theirs), not a row each: a server taking writes for months would otherwise add
    a row per call."""

    def __init__(self, service: Service):
        self.service = service
        self.waiting: list[Waiting] = []
        self.guard = threading.Lock()
        self.count = 0
        self.run_id = f"api-{dt.datetime.now():%Y%m%d%H%M%S%f}"

    def __call__(self, db: Store, records: list[dict]) -> dict:
        with self.guard:
            self.count += 1
            where = f"<api {self.count}>"
        mine = Waiting(_read(records, where), where)
        if not any(isinstance(item, Article) for item in mine.items):
            refused = [item.message for item in mine.items if isinstance(item, Problem)]
            raise HTTPException(422, {"refused": refused})
        with self.guard:
            self.waiting.append(mine)
        while not mine.answer.done():
            with self.service.turn:  # one writer at a time: the feed and /load too
                with self.guard:
                    batch = self.take()
                if batch:
                    self.store(db, batch)
        answer = mine.answer.result()
        if not answer["stored"]:
            raise HTTPException(422, {"refused": answer["refused"]})
        return answer

    def take(self) -> list[Waiting]:
        """The waiting requests, oldest first, whose article ids meet none taken before, up to
        ``MAX_INGEST`` articles (always the oldest): a call stays as long as one request's."""
        batch: list[Waiting] = []
        taken: set[str] = set()
        for entry in self.waiting:
            if batch and len(taken) + len(entry.ids) > MAX_INGEST:
                break
            if not entry.ids & taken:
                batch.append(entry)
                taken |= entry.ids
        self.waiting = [entry for entry in self.waiting if entry not in batch]
        return batch

    def store(self, db: Store, batch: list[Waiting]) -> None:
        from ..ingest import ingest as ingest_articles

        results: dict[str, Result] = {}
        try:
            summary = ingest_articles(
                [item for entry in batch for item in entry.items],
                db,
                self.service.pipeline(),
                skip_unchanged=False,
                run_id=self.run_id,
                on_item=lambda item: results.update(
                    {item.article.id: item} if isinstance(item, Result) else {}
                ),
            )
        except BaseException as error:  # every request of the call fails with it
            for entry in batch:
                entry.answer.set_exception(error)
            raise
        for entry in batch:
            entry.answer.set_result(entry.summary(summary.stored, summary.refused, results))


def create_app(
    db: str,
    token: str | None = None,
    max_body: int = MAX_BODY,
    now: dt.date | None = None,
    cors_origins: Sequence[str] | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (opened by ``store`` when given: the one ``serve``
    owns); writes are enabled only when ``token`` is given.
    ``now`` is the day undated articles are read against (``Settings.now``). Browsers on
    other sites may call the API only from ``cors_origins`` (default: ``api_cors_origins``
    of the settings, none unless configured)."""
    service = Service(db, token, now, store)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,  # "/stories/" is no story (404), not a redirect to the list
        description="Political event data from news: events, stories, actors and their evidence.",
    )
    app.state.service = service
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static/app", StaticFiles(directory=WEB_DIR), name="app")
    app.mount("/static/plotly", StaticFiles(directory=_plotly_dir()), name="plotly")
    for router in (_pages(), _reads(Readers(service), service), _writes(service)):
        app.include_router(router)
    _add_handlers(app)
    if cors_origins is None:
        from ..settings import load_settings

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
    router = APIRouter(dependencies=[Depends(known_parameters)], responses=answers(404))
    pages = EventPages()

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
        type: Annotated[str | None, Query(pattern=one_of(PLOVER_TYPES, any_case=True))] = None,
        quad_class: Annotated[str | None, Query(pattern="^[1-4]$")] = None,
        since: Day = None,
        until: Day = None,
        story: Text = None,
        outlet: Text = None,
        q: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
        sort: Annotated[str, Query(pattern=one_of(SORTS))] = "date",
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
        return await readers(lambda db: pages.answer(db, filters, limit, offset, sort))

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
        return await readers(lambda db: page(limit, offset, db.articles(filters, limit, offset)))

    @router.get("/stories", response_model=Page)
    async def stories(limit: Limit = 100, offset: Offset = 0):
        """Stories, latest first, with their count of merged events."""
        return await readers(lambda db: page(limit, offset, db.stories(limit, offset)))

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
        return await readers(lambda db: page(limit, offset, db.actors(q, country, limit, offset)))

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
        code: Annotated[str | None, Query(pattern=one_of(PROBLEM_CODES))] = None,
        story: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        """Stored problems (inputs not coded, contradictions, ...) with their article's story."""
        return await readers(
            lambda db: page(limit, offset, db.problems(code, story, limit, offset))
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
    router = APIRouter(dependencies=[Depends(known_parameters)], responses=answers(401, 403))
    Writer = Annotated[Store, Depends(service.writer)]
    ingests = Ingests(service)

    @router.post("/extract", response_model=dict[str, Any], responses=answers())
    def extract(
        text: Annotated[str, Body(min_length=1)],
        date: Annotated[str | None, Body()] = None,
        title: Annotated[str | None, Body()] = None,
    ):
        """Code one text; nothing is stored."""
        from ..serialize import result_record

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
        return ingests(db, [article.model_dump(exclude_none=True) for article in articles])

    @router.post("/load")
    def load(db: Writer, folder: Annotated[str, Body(embed=True, min_length=1, max_length=4096)]):
        """Load the Parquet parts ``eventwire batch --format parquet`` wrote in ``folder`` (a
        path on the server's machine) into the store and link them into stories
        (``ingest.load_parts``): how ``batch --db`` loads into a store a server holds."""
        from ..ingest import load_parts

        if not _is_folder(folder):
            raise HTTPException(422, f"no folder {folder!r} on the server's machine")
        with service.turn:  # one writer at a time: the feed and /ingest wait
            loaded = load_parts(db, folder, pipeline=service.pipeline)
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


def _read(records: list[dict], where: str = "<api>") -> list[Article | Problem]:
    """Articles from request records, read as JSON Lines so every check of the reader applies."""
    from ..stages.read import read_bytes

    # a lone surrogate ("\\ud800" in the JSON) is not Unicode: written as the bytes it
    # stands for, the reader replaces it and records the problem, as for any file
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return list(read_bytes(data, where, "jsonl"))


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

    from ..owner import claim
    from .arenas import limit_arenas

    limit_arenas()  # before the store's and the server's threads start
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    url = f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"
    with Store(db) as store, claim(db, "eventwire serve", url):
        app = create_app(db, token, now=now, store=store)
        following = None
        if watch is not None or feed is not None:
            from ..pipeline import Pipeline
            from ..settings import load_settings
            from ..watch import follow

            settings = load_settings()
            pipeline = Pipeline(replace(settings, now=now or settings.now), on_error="record")
            turn = app.state.service.turn  # the API's writers' turn, the same lock
            following = follow(store.cursor(), pipeline, watch, feed, interval, idle, turn)
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
