"""Exports rebuilt from model objects: an actor of unknown country has the CAMEO code
"---GOV" in the GDELT export as in ``extract --cameo``; PLOVER records keep the evidence."""

from __future__ import annotations

import datetime as dt
import io
import json

from eventwire.export import export
from eventwire.model import Actor, Article, Event, Mention, Result
from eventwire.serialize import actor_code, cameo_lines
from eventwire.store import Store

TEXT = "The government accused Russia of hacking its ministries on Monday."


def _result() -> Result:
    """The article's one event as the pipeline gives it: a government of no known country
    accusing Russia."""
    government = Mention(0, 14, "The government", Actor("government", None, "GOV"))
    russia = Mention(23, 29, "Russia", Actor("Russia", "RUS", None))
    event = Event(
        "e1", "a1", (0, len(TEXT)), (15, 22), "ACCUSE", None, government, russia,
        dt.date(2022, 1, 10), "day", "relative", None, False, False, False, "112", 3, -2.0,
        0.9, "test",
    )  # fmt: skip
    article = Article("a1", TEXT, date=dt.date(2022, 1, 11), origin="gov.txt")
    return Result(article, (event,), (government, russia))


def test_an_actor_of_unknown_country_is_dashes_then_sector():
    assert actor_code(Actor("government", None, "GOV")) == "---GOV"
    assert actor_code(Actor("Joe Biden", "USA", "GOV")) == "USAGOV"
    assert actor_code(None) == ""


def test_gdelt_export_and_cameo_output_write_the_same_actor_codes(tmp_path):
    result = _result()
    with Store(tmp_path / "g.duckdb") as store:
        store.write([result], run_id="r1")
        out = io.StringIO()
        assert export(store, "gdelt", out=out) == 1
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    gdelt = dict(zip(header, row, strict=True))
    cameo = cameo_lines(result).split("\t")
    assert (gdelt["Actor1Code"], gdelt["Actor2Code"]) == ("---GOV", "RUS")
    assert (cameo[1], cameo[6]) == ("---GOV", "RUS")


def test_plover_export_rebuilds_the_event_with_its_evidence(tmp_path):
    with Store(tmp_path / "p.duckdb") as store:
        store.write([_result()], run_id="r1")
        out = io.StringIO()
        export(store, "plover", out=out)
    record = json.loads(out.getvalue())
    assert record["source"] == {"name": "government", "country": None, "sector": "GOV",
                                "text": "The government"}  # fmt: skip
    assert record["event_text"] == {"article_id": "a1", "sentence": [0, 66], "trigger": [15, 22]}
    assert record["event_date"] == "2022-01-10" and record["context"] == []
