"""The API's contract: the bounds of every parameter, the bodies of the answers (pydantic
models the OpenAPI document is written from), the 4xx statuses each route declares, the check
that refuses query parameters a route does not take, and the JSON encoding of store rows."""

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.security import HTTPBearer
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..errors import QueryError
from ..store import MAX_LIMIT

MAX_BODY = 2_000_000  # bytes a request body may hold
MAX_TARGET = 8_192  # bytes of path and query string a request may send (414 above)
MAX_OFFSET = 1_000_000_000  # rows a page may skip: DuckDB's OFFSET overflows at 2**63
MAX_TEXT = 200  # characters of a filter value or a path parameter
MAX_INGEST = 200  # articles one ingest request may hold


def iso_day(value: object) -> object:
    """Only YYYY-MM-DD is a day (pydantic alone would take "0" or a datetime at midnight)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date YYYY-MM-DD")
    return value


def one_of(values: Iterable[str], any_case: bool = False) -> str:
    """A pattern that matches exactly one of ``values`` (in any case: each letter as a class
    of both, since the patterns of an OpenAPI document take no flags)."""

    def letters(value: str) -> str:
        if not any_case:
            return re.escape(value)
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in value)

    return "^(?:" + "|".join(letters(value) for value in values) + ")$"


Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]
Day = Annotated[dt.date | None, BeforeValidator(iso_day), Query(description="YYYY-MM-DD")]
Code = Annotated[str, Path(min_length=1, max_length=MAX_TEXT)]
BEARER = HTTPBearer(auto_error=False, description="Authorization: Bearer <api_token>")


def iso_value(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(value: object) -> bytes:
    """Rows of the store as JSON, dates as YYYY-MM-DD. One pass of ``json.dumps``: FastAPI's
    ``jsonable_encoder`` walks every value of a page first, which cost more than the query."""
    return json.dumps(
        value, default=iso_value, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    ).encode("utf-8")


def page(limit: int, offset: int, rows: list[dict]) -> dict:
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
    id: str | None = Field(None, min_length=1, max_length=1_000)
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


def answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses of 400, 413, 414 and 422 (every route) and of ``statuses``."""
    return {
        status: {"model": Error, "description": STATUSES[status]}
        for status in sorted({400, 413, 414, 422, *statuses})
    }


def query_names(dependant: Any) -> set[str]:
    """The query parameters a route (FastAPI's ``Dependant``) and its dependencies take."""
    names = {parameter.alias for parameter in dependant.query_params}
    for inner in dependant.dependencies:
        names |= query_names(inner)
    return names


def known_parameters(request: Request) -> None:
    """A query parameter the route does not declare is a 400 naming it, not silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise QueryError(", ".join(unknown), f"unknown parameter (this route takes {takes})")
