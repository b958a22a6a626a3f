from __future__ import annotations

import datetime as dt

import pytest

from eventwire.lexicons import load_artifacts
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.stages.artifacts import find_artifacts
from eventwire.stages.parse import Parser


@pytest.mark.parametrize(
    "sentence",
    [
        "It simply came to my notice then.",
        "IT SIMPLY CAME TO MY NOTICE THEN!",
        "“We thank the readers for their attention.”",
        "Photo: illustrative.",
        "Read also: sanctions against Minsk widened.",
    ],
)
def test_known_invented_sentences_are_found(sentence):
    text = f"Russia and Ukraine met in Istanbul. {sentence} The talks lasted three hours."
    (segments,) = Parser()([(text, [(0, len(text))])])
    spans = find_artifacts(segments, load_artifacts())
    assert [text[a:b].strip() for a, b in spans] == [sentence.strip()]


def test_ordinary_sentences_are_left_alone():
    text = (
        "The minister took notice of the report. Readers wrote to the paper. "
        "A photo shows the convoy."
    )
    (segments,) = Parser()([(text, [(0, len(text))])])
    assert find_artifacts(segments, load_artifacts()) == []


def test_no_event_is_coded_from_an_artifact_and_the_problem_names_it(tmp_path):
    # a user's own artifact list extends ours; here it holds a sentence that would code an event
    (tmp_path / "artifacts.yaml").write_text(
        "version: 1\nsentences:\n  - Moscow accused Kyiv of everything\n"
    )
    pipeline = Pipeline(Settings(data_dirs=(tmp_path,)), on_error="raise")
    text = "Wire copy\nRussia and Ukraine met in Istanbul. Moscow accused Kyiv of everything."
    result = pipeline.extract(Article(id="a", text=text, date=dt.date(2022, 3, 29), origin="a"))
    assert [e.type for e in result.events] == ["CONSULT"]
    (problem,) = [p for p in result.problems if p.code == "translation_artifact"]
    assert text[problem.span[0] : problem.span[1]].startswith("Moscow accused Kyiv")


def test_a_bad_pattern_in_the_artifact_file_is_reported(tmp_path):
    from eventwire.errors import DataFileError

    (tmp_path / "artifacts.yaml").write_text("version: 1\npatterns:\n  - '(unclosed'\n")
    with pytest.raises(DataFileError, match="pattern"):
        load_artifacts((tmp_path,))
