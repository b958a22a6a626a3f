"""The REST API over the store (FastAPI): ``eventwire serve`` runs it with uvicorn.

``/`` is the web dashboard (our HTML, CSS and JavaScript in ``eventwire/web``, plotly.js from
the installed plotly package). Read endpoints: ``/health``, ``/articles``, ``/events`` (the store's filters as query
parameters, with ``limit``/``offset`` and ``sort``), ``/stories``, ``/stories/{id}``,
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
from typing import Annotated

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from . import __version__
from .errors import PROBLEM_CODES, QueryError
from .store import MAX_LIMIT, SCHEMA_VERSION, Store, parse_day

MAX_BODY = 2_000_000  # bytes a request body may hold
WEB_DIR = pathlib.Path(__file__).resolve().parent / "web"
MAX_INGEST = 200  # articles one ingest request may hold


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def create_app(db: str, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at ``db``; writes are enabled only when ``token`` is given."""
    store = Store(db, read_only=token is None)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Political event data from news: events, stories, actors and their evidence.",
    )
    app.state.store = store
    pipeline_lock = threading.Lock()
    ingest_lock = threading.Lock()
    pipeline_holder: dict = {}
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static/app", StaticFiles(directory=WEB_DIR), name="app")
    app.mount("/static/plotly", StaticFiles(directory=_plotly_dir()), name="plotly")

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return JSONResponse({"detail": f"request body over {max_body} bytes"}, status_code=413)
        if request.method in ("POST", "PUT", "PATCH") and length is None:
            body = await request.body()
            if len(body) > max_body:
                return JSONResponse(
                    {"detail": f"request body over {max_body} bytes"}, status_code=413
                )
        return await call_next(request)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError):
        return JSONResponse({"detail": str(error), "parameter": error.parameter}, status_code=400)

    def reader() -> Store:
        return store.cursor()

    def writer(authorization: Annotated[str | None, Header()] = None) -> Store:
        if token is None:
            raise HTTPException(
                403, "writes are disabled: set api_token in the config to enable them"
            )
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer <api_token>")
        return store.cursor()

    def pipeline():
        with pipeline_lock:
            if "pipeline" not in pipeline_holder:
                from .pipeline import Pipeline

                pipeline_holder["pipeline"] = Pipeline()
            return pipeline_holder["pipeline"]

    Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT)]
    Offset = Annotated[int, Query(ge=0)]
    Reader = Annotated[Store, Depends(reader)]

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon.png",
        )

    @app.get("/", include_in_schema=False)
    def dashboard():
        """The web dashboard: stories, timeline, actor network, evidence, dyad trend, problems."""
        return FileResponse(WEB_DIR / "index.html")

    @app.get("/health")
    def health(db: Reader):
        counts = {
            table: db.count(table)
            for table in ("articles", "events", "canonical_events", "stories")
        }
        return {
            "status": "ok",
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "writable": token is not None,
            **counts,
        }

    @app.get("/events")
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
        return {"limit": limit, "offset": offset, "items": _jsonable(rows)}

    @app.get("/articles")
    def articles(
        db: Reader,
        story: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        where, params = _where(
            [
                ("a.story = ?", story),
                ("a.outlet ILIKE ?", outlet and f"%{outlet}%"),
                ("a.date >= ?", since and parse_day("since", since)),
                ("a.date <= ?", until and parse_day("until", until)),
            ]
        )
        rows = db.rows(
            f"SELECT a.id, a.title, a.date, a.date_source, a.outlet, a.url, a.story, "
            f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events FROM articles a "
            f"{where} ORDER BY a.date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return {"limit": limit, "offset": offset, "items": _jsonable(rows)}

    @app.get("/stories")
    def stories(db: Reader, limit: Limit = 100, offset: Offset = 0):
        rows = db.rows(
            "SELECT s.*, (SELECT count(*) FROM canonical_events c WHERE c.story = s.id) AS events "
            "FROM stories s ORDER BY s.last_date DESC NULLS LAST, s.articles DESC, s.id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        return {"limit": limit, "offset": offset, "items": _jsonable(rows)}

    @app.get("/stories/{story_id}")
    def story(db: Reader, story_id: Annotated[str, Path(max_length=200)]):
        found = db.rows("SELECT * FROM stories WHERE id = ?", [story_id])
        if not found:
            raise HTTPException(404, f"no story {story_id!r}")
        return _jsonable(
            {
                **found[0],
                "articles": db.rows(
                    "SELECT id, title, date, outlet, url FROM articles WHERE story = ? "
                    "ORDER BY date NULLS LAST, id",
                    [story_id],
                ),
                "events": db.rows(
                    "SELECT * FROM canonical_events WHERE story = ? "
                    "ORDER BY date NULLS LAST, num_sources DESC, id",
                    [story_id],
                ),
                "problems": db.rows(
                    "SELECT p.article_id, p.code, p.message FROM problems p JOIN articles a "
                    "ON a.id = p.article_id WHERE a.story = ? ORDER BY p.code, p.article_id",
                    [story_id],
                ),
            }
        )

    @app.get("/actors")
    def actors(
        db: Reader,
        q: str | None = None,
        country: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        where, params = _where(
            [("name ILIKE ?", q and f"%{q}%"), ("country = ?", country and country.upper())]
        )
        rows = db.rows(
            f"SELECT * FROM actors {where} ORDER BY events DESC, name LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return {"limit": limit, "offset": offset, "items": _jsonable(rows)}

    @app.get("/dyads/{source}/{target}/series")
    def dyad_series(
        db: Reader,
        source: Annotated[str, Path(max_length=100)],
        target: Annotated[str, Path(max_length=100)],
        since: str | None = None,
        until: str | None = None,
    ):
        """Daily counts of distinct events from ``source`` to ``target`` (codes such as RUS or USAGOV,
        or names), by type and QuadClass, with their mean intensity."""
        where, params = _where(
            [
                ("date >= ?", since and parse_day("since", since)),
                ("date <= ?", until and parse_day("until", until)),
            ]
        )
        where = f"{where} {'AND' if where else 'WHERE'} {_side('source')} AND {_side('target')} AND date IS NOT NULL"
        params += _side_params(source) + _side_params(target)
        rows = db.rows(
            f"SELECT date, type, quad_class, count(DISTINCT coalesce(canonical_id, id)) AS events, "
            f"avg(intensity) AS intensity FROM events {where} "
            f"GROUP BY date, type, quad_class ORDER BY date, type",
            params,
        )
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
        return _jsonable({"source": source, "target": target, "days": series})

    @app.get("/problems")
    def problems(
        db: Reader,
        code: str | None = None,
        story: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ):
        if code is not None and code not in PROBLEM_CODES:
            raise QueryError(
                "code", f"{code!r} is not a problem code ({', '.join(sorted(PROBLEM_CODES))})"
            )
        where, params = _where([("p.code = ?", code), ("a.story = ?", story)])
        rows = db.rows(
            f"SELECT p.article_id, p.origin, p.code, p.stage, p.message, a.story FROM problems p "
            f"LEFT JOIN articles a ON a.id = p.article_id {where} ORDER BY p.code, p.article_id "
            f"LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return {"limit": limit, "offset": offset, "items": _jsonable(rows)}

    @app.post("/extract")
    def extract(
        text: Annotated[str, Body(min_length=1)],
        date: Annotated[str | None, Body()] = None,
        title: Annotated[str | None, Body()] = None,
    ):
        """Code one text; nothing is stored."""
        from .serialize import result_record

        from .model import Problem

        (item,) = _read([{"text": text, "date": date, "title": title}])
        if isinstance(item, Problem):
            raise HTTPException(422, item.message)
        (result,) = list(pipeline().run([item]))
        if isinstance(result, Problem):
            raise HTTPException(422, result.message)  # not coded: empty, binary, not English, ...
        return result_record(result)

    @app.post("/ingest")
    def ingest(
        db: Annotated[Store, Depends(writer)], articles: Annotated[list[dict], Body(embed=True)]
    ):
        """Code articles (``{"text", "id"?, "title"?, "date"?, "source"?, "url"?}``) and store them."""
        if not articles or len(articles) > MAX_INGEST:
            raise HTTPException(422, f"send 1 to {MAX_INGEST} articles")
        from .merge import StoryLinker
        from .model import Problem

        items = _read(articles)
        ready = [item for item in items if not isinstance(item, Problem)]
        refused = [item.message for item in items if isinstance(item, Problem)]
        coded = list(pipeline().run(ready))
        refused += [item.message for item in coded if isinstance(item, Problem)]
        coded = [item for item in coded if not isinstance(item, Problem)]
        if not coded:
            raise HTTPException(422, {"refused": refused})
        with ingest_lock:  # one linker: requests take turns continuing the stories
            linker = StoryLinker.resume(db)
            results = list(linker.link_all(coded))
            counts = db.write(
                results,
                run_id=f"api-{dt.datetime.now():%Y%m%d%H%M%S%f}",
                data_version=pipeline().data_version,
            )
            linker.save(db, {r.story for r in results})
        return {
            **counts,
            "refused": refused,
            "stored": [r.article.id for r in results if hasattr(r, "article")],
        }

    return app


def _swagger_dir() -> pathlib.Path:
    """Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), as the fastapi-offline package ships it."""
    import fastapi_offline

    return pathlib.Path(fastapi_offline.__file__).resolve().parent / "static"


def _plotly_dir() -> pathlib.Path:
    """The folder of plotly.min.js inside the installed plotly package."""
    import plotly

    return pathlib.Path(plotly.__file__).resolve().parent / "package_data"


def _read(records: list[dict]):
    """Articles from request records, read as JSON Lines so every check of the reader applies."""
    from .stages.read import read_bytes

    data = "\n".join(json.dumps(record) for record in records).encode("utf-8")
    return list(read_bytes(data, "<api>", "jsonl"))


def _where(conditions: list[tuple[str, object]]) -> tuple[str, list]:
    """A WHERE clause of the conditions whose value was given, and their parameters."""
    given = [(clause, value) for clause, value in conditions if value is not None and value != ""]
    return ("WHERE " + " AND ".join(c for c, _ in given)) if given else "", [v for _, v in given]


def _side(role: str) -> str:
    return f"({role}_country = ? OR {role}_country || coalesce({role}_sector, '') = ? OR {role}_name ILIKE ?)"


def _side_params(value: str) -> list:
    return [value.upper(), value.upper(), value]


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info")
