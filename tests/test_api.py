"""The REST API: every endpoint through FastAPI's test client on the demo store, the token, the
limits, bad and unknown parameters, the security headers and CORS; and real servers on loopback
(one of them fed a chunked body that never ends)."""

from __future__ import annotations

import json
import re
import select
import shutil
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from fastapi.testclient import TestClient

from eventwire.api import MAX_BODY, create_app
from eventwire.cli import main
from tests.conftest import EXAMPLES, SAMPLE_ARTICLES, served

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "events.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db), "--quiet"]) == 0
    return db


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(str(store_path)))


def test_health_counts_what_is_stored(client):
    body = client.get("/health").json()
    assert (
        body["status"] == "ok"
        and body["articles"] == SAMPLE_ARTICLES
        and body["stories"] == 5
        and not body["writable"]
    )


def test_events_filter_page_and_sort(client):
    first = client.get("/events", params={"country": "GEO", "limit": 3, "sort": "-date"}).json()
    second = client.get(
        "/events", params={"country": "GEO", "limit": 3, "offset": 3, "sort": "-date"}
    ).json()
    assert len(first["items"]) == 3 and not {e["id"] for e in first["items"]} & {
        e["id"] for e in second["items"]
    }
    assert all(
        "GEO" in (e["source_country"], e["target_country"])
        for e in first["items"] + second["items"]
    )
    dates = [e["date"] for e in first["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    threats = client.get("/events", params={"actor": "Blinken", "type": "THREATEN"}).json()["items"]
    assert threats and all(e["type"] == "THREATEN" and e["sentence"] for e in threats)
    # types in any case, as the CLI (and the CLI through a server) takes them
    assert (
        client.get("/events", params={"actor": "Blinken", "type": "threaten"}).json()["items"]
        == threats
    )


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"type": "BOMB"}, "type"),
        ({"since": "soon"}, "since"),
        ({"since": "0"}, "since"),
        ({"until": "2021-02-30"}, "until"),
        ({"sort": "id; DROP TABLE events"}, "sort"),
        ({"quad_class": "9"}, "quad_class"),
        ({"limit": -1}, "limit"),
        ({"limit": 10**6}, "limit"),
        ({"offset": "x"}, "offset"),
        ({"offset": 2**63}, "offset"),
        ({"country": "X" * 201}, "country"),
    ],
)
def test_bad_event_parameters_are_422_naming_them(client, params, parameter):
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", parameter]]
    assert client.get("/health").json()["events"] > 0


@pytest.mark.parametrize("path", ["/events", "/articles", "/stories", "/actors", "/problems"])
def test_offsets_past_a_billion_are_refused_on_every_page(client, path):
    assert client.get(path, params={"offset": 2**63}).status_code == 422
    assert client.get(path, params={"offset": 10**9}).json()["items"] == []


@pytest.mark.parametrize(
    "path",
    ["/health", "/events", "/articles", "/stories", "/stories/x", "/actors", "/problems"],
)
def test_unknown_parameters_are_400_naming_them(client, path):
    response = client.get(path, params={"colour": "red", "size": "9"})
    assert response.status_code == 400 and response.json()["parameter"] == "colour, size"


def test_a_request_target_over_the_limit_is_414(client):
    assert client.get("/events", params={"q": "x" * 9_000}).status_code == 414


def test_articles_stories_and_one_story(client):
    articles = client.get("/articles", params={"outlet": "Northstar"}).json()["items"]
    assert len(articles) == 1 and articles[0]["story"]
    stories = client.get("/stories").json()["items"]
    assert len(stories) == 5 and all(s["events"] > 0 for s in stories)
    story = client.get(f"/stories/{articles[0]['story']}").json()
    assert len(story["articles"]) == 3 and story["events"]
    assert any(p["code"] == "contradiction" for p in story["problems"])
    assert client.get("/stories/story-nope").status_code == 404


def test_actors_dyad_series_and_problems(client):
    actors = client.get("/actors", params={"q": "Blinken"}).json()["items"]
    assert actors and actors[0]["country"] == "USA"
    series = client.get("/dyads/AZE/ARM/series").json()
    assert series["days"] and all(
        day["events"] == sum(day["by_type"].values()) for day in series["days"]
    )
    assert any("ASSAULT" in day["by_type"] for day in series["days"])
    assert all(-10 <= day["mean_intensity"] <= 10 for day in series["days"])
    assert client.get("/dyads/AZE/ARM/series", params={"since": "later"}).status_code == 422
    conflicts = client.get("/problems", params={"code": "translation_artifact"}).json()["items"]
    assert conflicts and all(p["code"] == "translation_artifact" and p["story"] for p in conflicts)
    assert client.get("/problems", params={"code": "oops"}).status_code == 422


def test_extract_codes_without_storing(client):
    before = client.get("/health").json()["articles"]
    body = client.post(
        "/extract",
        json={"text": "Iran accused Israel of sabotage at the Natanz site.", "date": "2021-04-12"},
    ).json()
    assert [e["type"] for e in body["events"]] == ["ACCUSE"] and body["date"] == "2021-04-12"
    assert client.get("/health").json()["articles"] == before
    assert client.post("/extract", json={"text": ""}).status_code == 422
    assert client.post("/extract", json={"text": "Hello", "date": "the day after"}).status_code in (
        200,
        422,
    )


def test_writes_need_the_token_and_bodies_are_limited(store_path, tmp_path):
    import shutil

    copy = tmp_path / "w.duckdb"
    shutil.copy(store_path, copy)
    writable = TestClient(create_app(str(copy), token=TOKEN, max_body=20_000))
    article = {
        "id": "api-1",
        "text": "Russia accused Ukraine of shelling Donetsk on Friday.",
        "date": "2022-02-18",
    }
    assert writable.post("/ingest", json={"articles": [article]}).status_code == 401
    for authorization in ("Bearer wrong", TOKEN, f"Basic {TOKEN}", f"Bearer{TOKEN}"):
        refused = writable.post(
            "/ingest", json={"articles": [article]}, headers={"Authorization": authorization}
        )
        assert refused.status_code == 401, authorization
    stored = writable.post(
        "/ingest", json={"articles": [article]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert stored.status_code == 200 and stored.json()["stored"] == ["api-1"]
    assert (
        writable.get("/events", params={"q": "Donetsk"}).json()["items"][0]["article_id"] == "api-1"
    )
    huge = {"articles": [{"text": "word " * 10_000}]}
    assert (
        writable.post(
            "/ingest", json=huge, headers={"Authorization": f"Bearer {TOKEN}"}
        ).status_code
        == 413
    )
    other = tmp_path / "r.duckdb"
    shutil.copy(store_path, other)
    read_only = TestClient(create_app(str(other)))
    assert read_only.post("/ingest", json={"articles": [article]}).status_code == 403


def test_docs_render_from_local_assets(client):
    page = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/events" in client.get("/openapi.json").json()["paths"]


def test_a_real_server_on_loopback(store_path, tmp_path):
    # the server owns the file it serves (read-write): it gets a copy, since this module's
    # client holds the original open
    copy = tmp_path / "served.duckdb"
    shutil.copy(store_path, copy)
    with served(copy) as (base, health):
        assert health["stories"] == 5
        with urllib.request.urlopen(f"{base}/events?type=AGREE&limit=5", timeout=5) as response:
            items = json.loads(response.read())["items"]
        assert items and {e["type"] for e in items} == {"AGREE"}
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{base}/events?type=NOPE", timeout=5)
        assert caught.value.code == 422


def test_input_that_cannot_be_coded_is_a_clear_422(store_path, tmp_path):
    import shutil

    assert (
        TestClient(create_app(str(store_path)))
        .post(
            "/extract",
            json={
                "text": "Das ist ein Text über die Regierung und die Wahl in Berlin, "
                "nicht auf Englisch."
            },
        )
        .status_code
        == 422
    )
    copy = tmp_path / "bad.duckdb"
    shutil.copy(store_path, copy)
    writable = TestClient(create_app(str(copy), token=TOKEN))
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/ingest", json={"articles": [{"text": 5}]}, headers=bearer)
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [
        ["body", "articles", 0, "text"]
    ]
    assert writable.post("/ingest", json={"articles": []}, headers=bearer).status_code == 422
    german = "Das ist ein Text über die Regierung und die Wahl in Berlin, nicht auf Englisch."
    mixed = writable.post(
        "/ingest",
        json={"articles": [{"text": german}, {"text": "Iran accused Israel of sabotage."}]},
        headers=bearer,
    ).json()
    assert len(mixed["stored"]) == 1 and len(mixed["refused"]) == 1


def test_a_lone_surrogate_is_a_422_not_a_500(client):
    body = b'{"text": "Iran accused Israel \\ud800 of sabotage at the Natanz site."}'
    response = client.post("/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


@pytest.mark.parametrize("path", ["/", "/docs", "/events", "/stories/nope", "/static/app/app.js"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/events", "/stories", "/health"])
def test_reads_say_how_long_they_waited_and_took_in_server_timing(client, path):
    timing = client.get(path).headers["Server-Timing"]
    assert re.fullmatch(r"wait;dur=\d+\.\d, answer;dur=\d+\.\d", timing)


def test_cors_is_off_unless_origins_are_configured(store_path):
    asking = {"Origin": "https://news.example", "Access-Control-Request-Method": "GET"}
    closed = TestClient(create_app(str(store_path), cors_origins=()))
    assert "access-control-allow-origin" not in closed.get("/events", headers=asking).headers
    assert closed.options("/events", headers=asking).status_code == 405
    open_to = TestClient(create_app(str(store_path), cors_origins=["https://news.example"]))
    preflight = open_to.options("/events", headers=asking)
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://news.example"
    other = {**asking, "Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in open_to.get("/events", headers=other).headers


def test_the_openapi_document_declares_every_answer(client):
    document = client.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"200", "400", "413", "414", "422"} <= statuses, (method, path)
            if method == "post" and path != "/extract":
                assert {"401", "403"} <= statuses and operation["security"], path
    assert "404" in document["paths"]["/stories/{story_id}"]["get"]["responses"]
    articles = document["components"]["schemas"]["Body_ingest_ingest_post"]["properties"]
    assert articles["articles"]["minItems"] == 1


def test_a_chunked_body_is_refused_once_it_passes_the_limit(store_path):
    """No Content-Length, and a body that never ends: the 413 must come while it streams."""
    with served(store_path) as (base, _):
        port = urllib.parse.urlsplit(base).port
        chunk = b"x" * 65_536
        sent, answer = 0, b""
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /ingest HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            try:
                while sent < 50 * MAX_BODY and not select.select([sock], [], [], 0)[0]:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
            except OSError:  # the server answered and closed while we were still sending
                pass
            answer = sock.recv(65_536)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert sent < 10 * MAX_BODY


def test_concurrent_ingests_are_stored_together_and_answered_each(store_path, tmp_path):
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    copy = tmp_path / "many.duckdb"
    shutil.copy(store_path, copy)
    writable = TestClient(create_app(str(copy), token=TOKEN))
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/health").json()["articles"]
    countries = ["Russia", "France", "India", "Turkey", "Brazil", "Japan", "Kenya", "Chile"]

    def post(number: int):
        # two of the twelve requests send the same article id: they go in different calls
        article_id = "same" if number >= 10 else f"many-{number}"
        text = (
            f"{countries[number % 8]} accused Ukraine of shelling Donetsk on Friday, "
            f"officials said ({number})."
        )
        body = {"articles": [{"id": article_id, "text": text, "date": "2022-02-18"}]}
        return article_id, writable.post("/ingest", json=body, headers=bearer)

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(post, range(12)))
    for article_id, response in answers:
        assert response.status_code == 200 and response.json()["stored"] == [article_id]
        assert response.json()["events"] >= 1 and response.json()["refused"] == []
    assert writable.get("/health").json()["articles"] == before + 11
    stored = writable.get("/articles", params={"limit": 10_000}).json()["items"]
    assert [article["id"] for article in stored].count("same") == 1


def test_a_servers_ingest_calls_add_up_in_one_run(store_path, tmp_path):
    import duckdb

    copy = tmp_path / "runs.duckdb"
    shutil.copy(store_path, copy)
    writable = TestClient(create_app(str(copy), token=TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for number in range(3):  # one after another: three ingest calls
        text = f"Russia accused Ukraine of shelling Donetsk on Friday ({number})."
        article = {"id": f"run-{number}", "text": text, "date": "2022-02-18"}
        assert writable.post("/ingest", json={"articles": [article]}, headers=headers).is_success
    connection = duckdb.connect(str(copy))  # the app's database, as the process opened it
    runs = connection.execute("SELECT articles FROM runs WHERE id LIKE 'api-%'").fetchall()
    assert runs == [(3,)]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"limit": 500, "sort": "-intensity"},
        {"country": "GEO", "limit": 7, "offset": 2, "sort": "type"},
        {"q": "said", "sort": "confidence"},
        {"type": "accuse", "since": "2022-01-01"},
    ],
)
def test_event_pages_are_the_rows_of_the_store_asked_twice(client, store_path, params):
    from eventwire.api.contract import encode
    from eventwire.store import Store

    limit, offset = params.get("limit", 100), params.get("offset", 0)
    filters = {k: v for k, v in params.items() if k not in ("limit", "offset", "sort")}
    with Store(store_path, read_only=True) as store:
        rows = store.query_events(filters, limit, offset, params.get("sort", "date"))
    expected = {"limit": limit, "offset": offset, "items": json.loads(encode(rows))}
    assert rows and client.get("/events", params=params).json() == expected
    assert client.get("/events", params=params).json() == expected  # kept, and the same


def test_a_page_asked_again_after_a_write_shows_the_write(store_path, tmp_path):
    copy = tmp_path / "w.duckdb"
    shutil.copy(store_path, copy)
    writable = TestClient(create_app(str(copy), token=TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    asked = {"q": "Donetsk", "sort": "-date"}
    assert writable.get("/events", params=asked).json()["items"] == []
    article = {"id": "api-2", "text": "Russia accused Ukraine of shelling Donetsk on Friday."}
    article["date"] = "2022-02-18"
    assert writable.post("/ingest", json={"articles": [article]}, headers=headers).is_success
    found = writable.get("/events", params=asked).json()["items"]
    assert found and {(e["article_id"], e["sentence"]) for e in found} == {
        ("api-2", article["text"])
    }
    article["text"] = "Russia accused Ukraine of shelling Donetsk on Friday night."
    assert writable.post("/ingest", json={"articles": [article]}, headers=headers).is_success
    again = writable.get("/events", params=asked).json()["items"]
    assert {e["sentence"] for e in again} == {article["text"]}


def test_an_event_removed_between_page_and_rows_is_asked_again_then_left_out():
    from eventwire.api.pages import EventPages

    class Racing:
        """A store whose event "b" is removed by a write after the page named it."""

        generation = 0

        def __init__(self, gone_after: int):
            self.pages, self.gone_after = 0, gone_after

        def event_page(self, filters, limit, offset, sort):
            self.pages += 1
            return [("a", "x"), ("b", "x")] if self.pages <= self.gone_after else [("a", "x")]

        def event_rows_json(self, page):
            return {event: f'{{"id":"{event}"}}' for event, _ in page if event == "a"}

    healed = Racing(gone_after=1)
    body = json.loads(EventPages().answer(healed, {}, 10, 0, "date"))
    assert healed.pages == 2 and [item["id"] for item in body["items"]] == ["a"]
    stuck = Racing(gone_after=99)
    assert json.loads(EventPages().answer(stuck, {}, 10, 0, "date"))["items"] == [{"id": "a"}]


def test_kept_event_pages_stay_under_their_bound_in_bytes():
    from eventwire.api.pages import EventPages

    class Large:
        """A store whose every page is 100 rows of 1 KB, and which nobody writes."""

        generation = 0

        def event_page(self, filters, limit, offset, sort):
            return [(f"e{offset + n}", "x") for n in range(limit)]

        def event_rows_json(self, page):
            return {event: f'{{"id":"{event}","text":"{"w" * 1000}"}}' for event, _ in page}

    pages = EventPages(most_rows=10**9, most_answers=1_000, most_answer_bytes=1_000_000)
    for offset in range(0, 10_000, 100):  # a hundred different pages of about 100 KB
        pages.answer(Large(), {}, 100, offset, "date")
    assert 0 < pages.answer_bytes == sum(map(len, pages.answers.values())) <= 1_000_000


def test_the_store_is_reopened_between_writes_while_readers_read(store_path, tmp_path):
    """Every other write turn reopens the store (``WriteTurn``) while 4 threads read without
    pause: no read fails or sees a closed connection, and every ingest is stored."""
    import shutil
    import threading
    from concurrent.futures import ThreadPoolExecutor

    copy = tmp_path / "reopened.duckdb"
    shutil.copy(store_path, copy)
    app = create_app(str(copy), token=TOKEN)
    app.state.service.turn.every = 2
    writable = TestClient(app)
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/health").json()["articles"]
    done = threading.Event()

    def read(_: int) -> set[int]:
        statuses = set()
        while not done.is_set():
            statuses.add(writable.get("/events", params={"limit": 5}).status_code)
            statuses.add(writable.get("/stories").status_code)
        return statuses

    with ThreadPoolExecutor(4) as pool:
        readers = [pool.submit(read, n) for n in range(4)]
        for number in range(6):
            text = f"Chile accused Peru of shelling a border post on Friday ({number})."
            body = {"articles": [{"id": f"re-{number}", "text": text, "date": "2022-02-18"}]}
            assert writable.post("/ingest", json=body, headers=bearer).status_code == 200
        done.set()
        statuses = set().union(*(reader.result() for reader in readers))
    assert statuses == {200}
    assert app.state.service.turn.reopened >= 2
    assert writable.get("/health").json()["articles"] == before + 6


def test_the_gate_lets_readers_in_together_and_the_reopening_alone():
    import threading
    import time

    from eventwire.api.turns import Gate

    gate, order = Gate(), []
    inside = threading.Event()

    def reader():
        with gate.reading():
            inside.set()
            time.sleep(0.2)
            order.append("read")

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait()
    with gate.alone():  # waits for the reader to finish
        order.append("alone")
        with gate.changed:
            assert gate.readers == 0
    thread.join()
    assert order == ["read", "alone"]


def test_the_server_limits_its_malloc_arenas_unless_the_operator_chose(monkeypatch):
    import platform

    from eventwire.api.arenas import limit_arenas

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_arenas() is False  # the operator's setting stands
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert limit_arenas() is True
