"""The scorers, on small gold-format files we write here (gold text stays in ../shared)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from eventwire.evaluate import EXTRACT_FILES, evaluate, format_table
from eventwire.evaluate.extract import GoldEvent, count_sentence, figures, gold_event
from eventwire.evaluate.judged import JudgedTally
from eventwire.evaluate.matching import date_matches, matches_expected, matches_fully, realis
from eventwire.model import Actor, Article, Event, Mention, Result
from tests.conftest import GOLD


def _write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _pair(text, source, target, kind):
    s, t = text.index(source), text.index(target)
    return {
        "id": "x",
        "text": text,
        "source": {"text": source, "start": s, "end": s + len(source)},
        "target": {"text": target, "start": t, "end": t + len(target)},
        "type": kind,
        "penta": 3,
    }


def test_pairs_scorer_counts_right_and_wrong_types(tmp_path):
    path = _write(
        tmp_path,
        "pairs.jsonl",
        [
            _pair("Iran accused Israel of sabotage.", "Iran", "Israel", "ACCUSE"),
            _pair("Russia denied the claims by Ukraine.", "Russia", "Ukraine", "ASSAULT"),
        ],
    )
    report = evaluate("pairs", path)
    assert report["records"] == 2 and report["accuracy"] == 0.5
    assert report["labels"]["ACCUSE"]["recall"] == 1.0
    assert "accuracy" in format_table(report)


def test_timex_scorer_gives_value_f1(tmp_path):
    text = "Russia and the United States met on Friday in Geneva."
    start = text.index("Friday")
    path = _write(
        tmp_path,
        "timex.jsonl",
        [
            {
                "id": "d",
                "dct": "2022-01-07",
                "text": text,
                "timexes": [
                    {
                        "start": start,
                        "end": start + 6,
                        "text": "Friday",
                        "type": "DATE",
                        "value": "2022-01-07",
                    }
                ],
            }
        ],
    )
    report = evaluate("timex", path)
    assert report["value_f1"] == 1.0


def test_dates_scorer_scores_one_third_when_given_a_fold(tmp_path):
    texts = [
        "WASHINGTON, Friday, January 7, 2022 - Russia and the United States met in Geneva.",
        "Talks in Geneva went on on Monday, January 10, officials said.",
        "The minister spoke about the economy.",
        "Officials met again in Geneva on Tuesday, January 11, 2022.",
    ]
    records = [
        {"id": str(n), "dct": "2022-01-11", "text": t, "timexes": []} for n, t in enumerate(texts)
    ]
    path = _write(tmp_path, "dates.jsonl", records)
    assert evaluate("dates", path)["documents"] == 4
    first = evaluate("dates", path, fold=0)
    assert first["documents"] == 2 and first["fold"] == 0  # the 1st and 4th
    assert evaluate("dates", path, fold=2)["documents"] == 1


def test_docs_scorer_reports_type_and_mode(tmp_path):
    path = _write(
        tmp_path,
        "docs.jsonl",
        [
            {
                "id": "1",
                "text": (
                    "Thousands of protesters rallied in Tbilisi against the government on Tuesday."
                ),
                "type": "PROTEST",
                "mode": "DEMO",
            },
            {
                "id": "2",
                "text": "The European Union imposed sanctions on Belarus on Thursday.",
                "type": "SANCTION",
                "mode": None,
            },
        ],
    )
    report = evaluate("events", path)
    assert report["accuracy"] == 1.0 and "mode_accuracy" in report


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the repository")
def test_pairs_on_gold_sample_beats_chance():
    report = evaluate("pairs", GOLD / "plv_train_pairs.jsonl", limit=150)
    assert report["accuracy"] > 1 / 15


# --- extract: the whole pipeline on gold-format sentences ----------------------------------


def _spans(text, *words):
    return [{"start": text.index(w), "end": text.index(w) + len(w)} for w in words]


def _actor_spans(text, sources, targets):
    return {
        "id": "s",
        "text": text,
        "sources": _spans(text, *sources),
        "targets": _spans(text, *targets),
        "origin": "cameo_ner_train",
    }


@pytest.fixture
def extract_folder(tmp_path):
    """A gold folder with both files ``eval extract`` reads, in their formats."""
    twice = "Iran accused Israel of sabotage and threatened Israel with retaliation."
    arrests = "Police arrested dozens of protesters in the capital on Sunday."
    rally = "Thousands of protesters rallied in the capital on Sunday."
    _write(
        tmp_path,
        EXTRACT_FILES[0],
        [
            _pair(twice, "Iran", "Israel", "ACCUSE") | {"origin": "plv_train"},
            # the pair is right, the type is not
            _pair("Egypt sent food aid to Sudan.", "Egypt", "Sudan", "REJECT")
            | {"origin": "plv_train"},
        ],
    )
    _write(
        tmp_path,
        EXTRACT_FILES[1],
        [
            _actor_spans(arrests, ["Police"], ["dozens of protesters"]),
            _actor_spans(
                rally, ["Thousands of protesters"], []
            ),  # no target: not scored as an event
        ],
    )
    return tmp_path


def test_extract_scorer_reads_both_files_of_a_gold_folder(extract_folder):
    report = evaluate("extract", extract_folder)
    assert report["records"] == 4 and report["scored"] == 3 and report["unscorable"] == 1
    assert report["plv_records"] == 2 and report["cameo_ner_records"] == 2
    # found: the accusation (type and both spans) and the arrests (any type); the aid's type
    # is wrong, though its pair is right
    assert report["event_recall"] == round(2 / 3, 4)
    assert report["plv_pair_recall"] == 1.0 and report["plv_type_given_pair"] == 0.5
    # the threat in the first sentence is a second event where gold has one: strict precision
    # counts it, lenient precision does not
    assert report["plv_event_precision"] == round(1 / 3, 4)
    assert report["plv_event_lenient_precision"] == 0.5
    # the record without a target still counts for its source
    assert report["cameo_ner_source_recall"] == 1.0
    assert "cameo_ner_event_f1" in format_table(report)


def test_extract_scorer_takes_a_single_file(extract_folder):
    report = evaluate("extract", extract_folder / EXTRACT_FILES[1])
    assert report["records"] == 2 and "plv_records" not in report


def _mention(start, end, country=None):
    return Mention(start, end, "x" * (end - start), Actor("x", country))


def _event(kind="ASSAULT", source=None, target=None, sentence=(0, 40), **fields):
    values = {
        "id": "e",
        "article_id": "a",
        "sentence": sentence,
        "trigger": (sentence[0], sentence[0] + 1),
        "type": kind,
        "mode": None,
        "source": source,
        "target": target,
        "date": None,
        "date_granularity": None,
        "date_method": None,
        "location": None,
        "negated": False,
        "hypothetical": False,
        "future": False,
        "cameo": "19",
        "quad_class": 4,
        "intensity": -10.0,
        "confidence": 0.9,
    }
    return Event(**(values | fields))


def test_an_extracted_event_needs_the_type_and_both_spans():
    gold = GoldEvent("plv", "YIELD", ((0, 5),), ((10, 15),))
    tally: Counter[str] = Counter()
    events = (
        _event("RETREAT", _mention(0, 5), _mention(10, 15)),  # RETREAT is YIELD in the gold set
        _event("RETREAT", _mention(0, 5), _mention(20, 25)),  # target elsewhere
    )
    count_sentence(tally, gold, Result(article=Article(id="a", text=""), events=events))
    report = figures(tally)
    assert report["event_recall"] == 1.0 and report["event_precision"] == 0.5
    assert report["event_lenient_precision"] == 1.0
    assert report["target_precision"] == 0.5 and report["source_precision"] == 1.0


def test_a_gold_event_without_a_target_is_left_out_of_the_event_figures():
    tally: Counter[str] = Counter()
    gold = gold_event({"text": "", "sources": [{"start": 0, "end": 5}], "targets": []}, "x")
    count_sentence(tally, gold, Result(article=Article(id="a", text=""), events=(_event(),)))
    assert tally["unscorable"] == 1 and tally["scored"] == 0 and tally["source_gold"] == 1


# --- samples: judged articles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "got", "right"),
    [
        (dt.date(2023, 3, 13), dt.date(2023, 3, 13), True),
        (dt.date(2023, 3, 13), dt.date(2023, 3, 14), False),
        ("2023-03", dt.date(2023, 3, 20), True),
        ("2023-03", dt.date(2023, 4, 1), False),
        ("2023", dt.date(2023, 12, 31), True),
        (2023, dt.date(2022, 12, 31), False),
        ("2023-03", None, False),
    ],
)
def test_an_expected_date_is_matched_at_its_granularity(expected, got, right):
    assert date_matches(expected, got) is right


def test_realis_names_whether_it_happened_before_who_told_of_it():
    flags = {"negated": False, "hypothetical": True, "future": False, "reported": True}
    assert realis(flags) == "hypothetical"
    assert realis(dict.fromkeys(flags, False)) == "asserted"


TEXT = "Azerbaijani troops shelled Armenian villages. Armenia did not fire back at all then."


def test_judged_tally_counts_a_complete_article():
    assault = {
        "type": "ASSAULT",
        "source": "AZE",
        "target": "ARM",
        "sentence": "Azerbaijani troops shelled Armenian villages",
        "date": "2023-03",
        "reported": True,
        "reported_by": "ARM",
    }
    expected = {
        "complete": True,
        "events": [assault],
        "not_events": [{"sentence": "Armenia did not fire back", "why": "negated"}],
    }
    first, second = (0, 45), (46, len(TEXT))
    events = [
        _event(
            "ASSAULT",
            _mention(0, 18, "AZE"),
            _mention(27, 44, "ARM"),
            first,
            date=dt.date(2023, 3, 13),
            reported="paraphrase",
            reported_by=Actor("Armenia", "ARM"),
        ),
        # the same event coded twice: the second is false in a complete article
        _event("ASSAULT", _mention(0, 18, "AZE"), _mention(27, 44, "ARM"), first),
        # a denial told as fact, and the same told as negated
        _event("ASSAULT", _mention(46, 53, "ARM"), None, second),
        _event("ASSAULT", _mention(46, 53, "ARM"), None, second, negated=True),
    ]
    tally = JudgedTally()
    tally.add("border", TEXT, expected, events)
    report = tally.report()
    assert report["fully_correct"] == 1.0
    assert report["complete_precision"] == 0.25 and report["complete_recall"] == 1.0
    assert report["complete_fully_correct_precision"] == 0.25
    assert report["non_event_as_fact"] == 1 and report["non_event_as_fact_rate"] == 1.0
    assert report["realis_accuracy"] == 1.0 and report["reported_by_accuracy"] == 1.0
    assert report["realis_negated_recall"] is None  # no expected event is negated
    (article,) = tally.details
    assert len(article["false"]) == 3 and article["non_events_as_fact"][0]["why"] == "negated"


SAMPLE = """Border clashes as ministers plan talks

Lakeside Courier | Wednesday, March 15, 2023

Azerbaijani troops shelled Armenian border villages on Monday, Armenia's defence ministry said.
Armenia did not retaliate against Azerbaijan.

The foreign ministers of Armenia and Azerbaijan will meet in Brussels next week. Rumours that
Russia attacked Georgia again proved false.
"""

SAMPLE_EXPECTED = """date: 2023-03-15
complete: true
events:
  - type: ASSAULT
    source: AZE
    source_name: Azerbaijani troops
    target: ARM
    sentence: "Azerbaijani troops shelled Armenian border villages"
    date: 2023-03-13
    reported: true
    reported_by: ARM
  - type: CONSULT
    source: ARM
    target: AZE
    sentence: "The foreign ministers of Armenia and Azerbaijan will meet"
    date: 2023-03
    future: true
not_events:
  - {sentence: "Armenia did not retaliate against Azerbaijan", why: negated, wrong: ASSAULT}
  - {sentence: "Rumours that Russia attacked Georgia", why: a false rumour, wrong: ASSAULT}
"""


def test_samples_scorer_adds_the_judged_figures_and_lists_errors(tmp_path):
    (tmp_path / "01-border-courier.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "01-border-courier.expected.yaml").write_text(SAMPLE_EXPECTED, encoding="utf-8")
    report = evaluate("samples", tmp_path, details=True)
    assert report["expected"] == 2 and report["complete_articles"] == 1
    assert report["not_events"] == 2
    # every event of a complete article is judged: its recall is the samples recall
    assert report["complete_recall"] == report["recall"] >= 0.5
    assert report["fully_correct"] <= report["recall"]
    assert report["complete_output"] >= report["found"]
    (article,) = report["articles"]
    assert len(article["missed"]) == report["expected"] - report["found"]
    table = format_table(report)
    assert "fully_correct" in table and "article 01-border-courier (complete)" in table


def test_details_are_refused_for_a_gold_task(tmp_path):
    with pytest.raises(ValueError, match="details"):
        evaluate("timex", tmp_path, details=True)


def _talks(day: str, weekday: str, extra: str) -> str:
    # ECB+ news is of 2005-2013: the scorer reads undated texts against 2015
    return (
        f"Russia and US open Geneva security talks\n"
        f"GENEVA, {weekday}, {day} - Russian and American negotiators met in Geneva on "
        f"{weekday} for talks on strategic stability and the troops massed near the border. "
        f"{extra}\n"
        "The Russian delegation said Moscow would make no concessions under pressure. The US "
        "delegation said Washington was ready to discuss missile deployments with Moscow.\n"
    )


def test_story_dates_scorer_blanks_a_third_and_dates_it_from_the_story(tmp_path):
    records = [
        {"id": "a", "text": _talks("January 9, 2012", "Monday", "The talks lasted eight hours.")},
        {"id": "b", "text": _talks("January 9, 2012", "Monday", "NATO meets on Wednesday.")},
        {"id": "c", "text": _talks("January 10, 2012", "Tuesday", "Both sides spoke of progress.")},
    ]
    path = _write(tmp_path, "stories.jsonl", [r | {"story": "geneva"} for r in records])
    report = evaluate("story-dates", path, fold=0)
    assert (report["silver_dated"], report["blanked"]) == (3, 1)
    # "a" lost its dates; the reports of 9 and 10 January date it within a day
    assert report["dated_from_story"] == 1.0 and report["within_1_day"] == 1.0
    assert report["within_1_day_where_story_has_same_day"] == 1.0


def test_stories_goes_with_the_dates_task_only(tmp_path, capsys):
    from eventwire.cli import main

    assert main(["eval", "pairs", str(tmp_path), "--stories"]) == 2
    assert "--stories goes with the dates task" in capsys.readouterr().err


def test_a_mutual_event_matches_the_coders_listing_either_way_round():
    text = "Armenia and Azerbaijan met in Washington on Friday, officials said."
    wanted = {"type": "CONSULT", "sentence": text[:35], "source": "AZE", "target": "ARM"}
    arm, aze = _mention(0, 7, "ARM"), _mention(12, 22, "AZE")
    one_way = _event("CONSULT", arm, aze, sentence=(0, len(text)))
    assert not matches_expected(wanted, one_way, text)
    mutual = _event("CONSULT", arm, aze, sentence=(0, len(text)), mutual=True)
    assert matches_expected(wanted, mutual, text) and matches_fully(wanted, mutual, text)


def test_a_quote_split_by_an_unquoted_comma_is_an_error_naming_the_file(tmp_path):
    from eventwire.errors import InputError
    from eventwire.evaluate.samples import read_samples

    (tmp_path / "01-x.txt").write_text(
        "Petro wrote that he is not a businessman, and even less a trafficker.\n", "utf-8"
    )
    (tmp_path / "01-x.expected.yaml").write_text(
        "date: 2025-10-20\nevents: []\nquotes:\n"
        "- {speaker: COL, cue: wrote, content: he is not a businessman, and even less a "
        "trafficker, direct: false}\n",
        "utf-8",
    )
    with pytest.raises(InputError, match="01-x.expected.yaml"):
        read_samples(tmp_path)
    (tmp_path / "01-x.expected.yaml").write_text(
        "date: 2025-10-20\nevents: []\nquotes:\n"
        '- {speaker: COL, cue: wrote, content: "he is not a businessman, and even less a '
        'trafficker", direct: false}\n',
        "utf-8",
    )
    assert len(read_samples(tmp_path)) == 1
