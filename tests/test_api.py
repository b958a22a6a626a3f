"""The REST API: every endpoint through FastAPI's test client on the demo store, the token, the
body limit and bad parameters; and one real server on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.cli import main
from tests.conftest import EXAMPLES, served

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
        and body["articles"] == 17
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


@pytest.mark.parametrize(
    "params, status, parameter",
    [
        ({"type": "BOMB"}, 400, "type"),
        ({"since": "soon"}, 400, "since"),
        ({"sort": "id; DROP TABLE events"}, 400, "sort"),
        ({"quad_class": "9"}, 400, "quad_class"),
        ({"limit": -1}, 422, None),
        ({"limit": 10**6}, 422, None),
        ({"offset": "x"}, 422, None),
    ],
)
def test_bad_event_parameters_are_4xx_and_named(client, params, status, parameter):
    response = client.get("/events", params=params)
    assert response.status_code == status
    if parameter:
        assert response.json()["parameter"] == parameter
    assert client.get("/health").json()["events"] > 0


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
    assert client.get("/dyads/AZE/ARM/series", params={"since": "later"}).status_code == 400
    conflicts = client.get("/problems", params={"code": "translation_artifact"}).json()["items"]
    assert conflicts and all(p["code"] == "translation_artifact" and p["story"] for p in conflicts)
    assert client.get("/problems", params={"code": "oops"}).status_code == 400


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
    assert (
        writable.post(
            "/ingest", json={"articles": [article]}, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )
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


def test_a_real_server_on_loopback(store_path):
    with served(store_path) as (base, health):
        assert health["stories"] == 5
        with urllib.request.urlopen(f"{base}/events?type=AGREE&limit=5", timeout=5) as response:
            items = json.loads(response.read())["items"]
        assert items and {e["type"] for e in items} == {"AGREE"}
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{base}/events?type=NOPE", timeout=5)
        assert caught.value.code == 400


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
    response = writable.post(
        "/ingest", json={"articles": [{"text": 5}]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 422 and "string 'text'" in json.dumps(response.json())
    mixed = writable.post(
        "/ingest",
        json={"articles": [{"text": 5}, {"text": "Iran accused Israel of sabotage."}]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).json()
    assert len(mixed["stored"]) == 1 and len(mixed["refused"]) == 1
