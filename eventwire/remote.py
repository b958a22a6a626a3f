"""Work handed to the server that holds a store (``eventwire serve``, named in the store's
owner file: ``owner``).

While a server holds the store no other process may open the file, so the commands go
through its REST API instead: ``ingest`` reads its files here and sends the articles to
``POST /ingest`` in batches (the server codes and stores them), ``query`` and ``export`` read
``GET /events`` page by page, and ``batch --db`` asks ``POST /load`` to load its Parquet
parts. Writes carry the config's ``api_token`` as the server's own do.

``RemoteStore`` answers the few questions the CLI and ``export`` ask a ``Store``
(``query_events``, ``event_rows``, ``canonical_events``) from the server's answers, with the
same rows: dates are read back into dates.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import EventwireError, QueryError
from .model import Article, Problem
from .store import EXPORT_COLUMNS, MAX_LIMIT

BATCH_ARTICLES = 100  # articles per POST /ingest (the API takes up to 200)
BATCH_BYTES = 1_000_000  # bytes of JSON per POST /ingest (the API refuses bodies over 2 MB)
TIMEOUT = 900.0  # seconds a request may take: the server codes a whole batch before answering
DATE_COLUMNS = ("date", "first_seen", "last_seen")  # dates the API writes as YYYY-MM-DD


class ServerError(EventwireError):
    """The server refused a request or could not be reached; ``status`` is the HTTP status
    (0: no answer)."""

    def __init__(self, url: str, status: int, detail: str):
        self.url, self.status, self.detail = url, status, detail
        super().__init__(f"the server at {url}: {detail}")


@dataclass
class Handed:
    """What the server stored of the articles handed to it."""

    articles: int = 0
    events: int = 0
    problems: int = 0
    refused: list[str] = field(default_factory=list)  # why inputs were not coded
    requests: int = 0


class Server:
    """A running ``eventwire serve`` at ``url``; ``token`` authorizes its writes."""

    def __init__(self, url: str, token: str | None = None, timeout: float = TIMEOUT):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(
        self, method: str, path: str, params: dict | None = None, body: dict | None = None
    ) -> dict:
        """The JSON answer to one request; ``ServerError`` for a refusal or no answer."""
        query = urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v is not None})
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        target = f"{self.url}{path}{'?' + query if query else ''}"
        request = urllib.request.Request(target, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise ServerError(self.url, error.code, _detail(error)) from None
        except (OSError, ValueError) as error:
            raise ServerError(self.url, 0, f"no answer ({error})") from None

    def health(self) -> dict:
        return self.request("GET", "/health")

    def ingest(
        self,
        items: Iterable[Article | Problem],
        handed: Handed | None = None,
        on_problem: Callable[[Problem], None] | None = None,
    ) -> Handed:
        """Send the articles among ``items`` to ``POST /ingest`` in batches, counting what was
        stored in ``handed`` (so a caller knows how far it got when a request fails);
        ``on_problem`` sees each input that could not be read here. A batch the server refuses
        whole (none of its articles could be coded) counts as refused; other refusals raise
        ``ServerError``."""
        from .api import MAX_BODY  # what the server takes in one request

        handed = handed if handed is not None else Handed()
        batch: list[dict] = []
        size = 0
        for item in items:
            if isinstance(item, Problem):
                if on_problem is not None:
                    on_problem(item)
                continue
            record = article_record(item)
            length = len(json.dumps(record).encode("utf-8"))
            if length > MAX_BODY - 100:  # the server would cut the request off: say so here
                handed.refused.append(
                    f"{item.id}: too large to send: {length:,} bytes, over the server's "
                    f"{MAX_BODY:,}-byte request limit (ingest it with the server stopped)"
                )
                continue
            if batch and (len(batch) >= BATCH_ARTICLES or size + length > BATCH_BYTES):
                self.send(batch, handed)
                batch, size = [], 0
            batch.append(record)
            size += length
        if batch:
            self.send(batch, handed)
        return handed

    def send(self, batch: list[dict], handed: Handed) -> None:
        """One ``POST /ingest`` of ``batch``; adds what the server stored to ``handed``."""
        handed.requests += 1
        try:
            answer = self.request("POST", "/ingest", body={"articles": batch})
        except ServerError as error:
            if error.status == 413:  # one article alone over the server's body limit
                ids = ", ".join(str(record.get("id")) for record in batch)
                handed.refused.append(f"{ids}: too large to send: {error.detail}")
                return
            if error.status != 422:
                raise
            handed.refused += _refused(error.detail) or [error.detail]
            return
        handed.articles += answer["articles"]
        handed.events += answer["events"]
        handed.problems += answer["problems"]
        handed.refused += answer.get("refused", [])

    def load(self, folder: str) -> dict:
        """Have the server load the Parquet parts in ``folder`` (``POST /load``)."""
        return self.request("POST", "/load", body={"folder": folder})


class RemoteStore:
    """The reads of a ``Store`` the CLI and ``export`` use, answered by a server's API."""

    def __init__(self, server: Server):
        self.server = server
        self.stories: dict[str, str] = {}  # merged event id -> its story (for canonical_events)

    def query_events(
        self, filters: dict | None = None, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict]:
        """``Store.query_events`` through ``GET /events``, a page of at most ``MAX_LIMIT`` at
        a time."""
        if limit < 0:
            raise QueryError("limit", "expected a whole number from 0")
        rows: list[dict] = []
        while len(rows) < limit:
            page = min(MAX_LIMIT, limit - len(rows))
            params = {**(filters or {}), "limit": page, "offset": offset + len(rows), "sort": sort}
            items = self.server.request("GET", "/events", params)["items"]
            rows += [dates_read(item) for item in items]
            if len(items) < page:
                break
        return rows

    def event_rows(self, filters: dict | None = None, chunk: int = MAX_LIMIT) -> Iterator[dict]:
        """``Store.event_rows``: every event that passes ``filters``, by date, as export rows
        (``EXPORT_COLUMNS``)."""
        offset = 0
        while True:
            params = {**(filters or {}), "limit": chunk, "offset": offset, "sort": "date"}
            items = self.server.request("GET", "/events", params)["items"]
            for item in items:
                row = dates_read(item)
                if row.get("canonical_id") and row.get("story"):
                    self.stories[row["canonical_id"]] = row["story"]
                yield {name: row.get(name) for name in EXPORT_COLUMNS}
            if len(items) < chunk:
                return
            offset += chunk

    def canonical_events(self, ids: Iterable[str]) -> dict[str, dict]:
        """Merged events by id, from the stories (``GET /stories/{id}``) the events read by
        ``event_rows`` belong to."""
        wanted = set(ids)
        found: dict[str, dict] = {}
        for story in sorted({self.stories[i] for i in wanted if i in self.stories}):
            path = "/stories/" + urllib.parse.quote(story, safe="")
            for event in self.server.request("GET", path)["events"]:
                if event["id"] in wanted:
                    found[event["id"]] = dates_read(event)
        return found


def article_record(article: Article) -> dict:
    """An article as ``POST /ingest`` takes it."""
    record = {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
    }
    return {key: value for key, value in record.items() if value is not None}


def dates_read(row: dict) -> dict:
    """A row from the API with its YYYY-MM-DD values read back into dates, as the store
    gives them."""
    for name in DATE_COLUMNS:
        if isinstance(row.get(name), str):
            row[name] = dt.date.fromisoformat(row[name])
    return row


def _detail(error: urllib.error.HTTPError) -> str:
    """The server's reason for a refusal (FastAPI's ``detail``), else the HTTP reason."""
    try:
        body = json.loads(error.read())
    except (OSError, ValueError):
        return f"{error.code} {error.reason}"
    detail = body.get("detail", body) if isinstance(body, dict) else body
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)


def _refused(detail: str) -> list[str]:
    """The reasons listed in a 422 ``{"refused": [...]}`` answer."""
    try:
        body = json.loads(detail)
    except ValueError:
        return []
    return [str(reason) for reason in body.get("refused", [])] if isinstance(body, dict) else []
