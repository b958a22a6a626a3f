from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.stages.normalize import clean_characters, normalize_article
from eventwire.stages.read import read_inputs
from tests.conftest import EXAMPLES


def test_clean_characters_keeps_every_offset():
    text = "„We have seen this“ – he said… «non» ‘yes’\u00a0ok"
    clean = clean_characters(text)
    assert len(clean) == len(text)
    assert clean.startswith('"We have seen this" - he said')


def test_normalize_finds_title_garbled_title_and_trailer():
    (article,) = list(read_inputs([str(EXAMPLES / "03-geneva-wire12.txt")]))
    normalized, _ = normalize_article(article)
    titles = [article.text[s:e] for s, e in normalized.titles]
    assert len(titles) == 2 and titles[1] == "Blinking Kremlin offers carrot and stick"
    assert normalized.trailer is not None
    assert article.text[normalized.trailer[0] : normalized.trailer[1]].strip() in ("– .", "- .")
    assert all(e <= normalized.trailer[0] for _, e in normalized.body)


def test_normalize_reads_a_source_line_as_trailer():
    (article,) = list(read_inputs([str(EXAMPLES / "01-geneva-wire34.txt")]))
    normalized, _ = normalize_article(article)
    assert article.text[normalized.trailer[0] : normalized.trailer[1]] == "source site-34"


def test_normalize_keeps_a_one_line_article_as_body():
    article = Article(id="x", text="Russia denied the report on Monday.")
    normalized, _ = normalize_article(article)
    assert normalized.body == ((0, len(article.text)),) and normalized.titles == ()


@pytest.mark.parametrize(
    "text",
    [
        (
            "Die Gespräche zwischen den Vereinigten Staaten und Russland sind für Januar in Genf "
            "geplant, teilte das Außenministerium am Freitag mit."
        ),
        (
            "Les négociations entre les États-Unis et la Russie auront lieu à Genève en janvier, "
            "selon le ministère."
        ),
    ],
)
def test_normalize_refuses_non_english_text(text):
    with pytest.raises(InputError) as error:
        normalize_article(Article(id="x", text=text, origin="foreign.txt"))
    assert error.value.code == "non_english" and "foreign.txt" in str(error.value)
