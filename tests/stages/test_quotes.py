from __future__ import annotations

import pytest

from eventwire.stages.quotes import quote_spans


def _quotes(result):
    text = result.article.text
    return [
        (
            text[q.content[0] : q.content[1]],
            text[q.source[0] : q.source[1]] if q.source else None,
            text[q.cue[0] : q.cue[1]] if q.cue else None,
            q,
        )
        for q in result.quotes
    ]


def _one(result, cue: str):
    found = [item for item in _quotes(result) if item[2] and cue in item[2]]
    assert found, f"no quote with cue {cue!r} in {[item[:3] for item in _quotes(result)]}"
    return found[0]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("He said: “We are ready to talk.” Then he left.", ["“We are ready to talk.”"]),
        ("«Nous sommes prêts», a-t-il dit, «à discuter».", ["«Nous sommes prêts»", "«à discuter»"]),
        ("„Wir sind bereit“, sagte er.", ["„Wir sind bereit“"]),
        ("He called it ''a dangerous game'' and left.", ["''a dangerous game''"]),
        ("Russia’s envoy said ‘no deal’ was likely.", ["‘no deal’"]),
        ('The minister said "we will never accept this', ['"we will never accept this']),
    ],
)
def test_quotation_marks_of_every_style(text, quoted):
    assert [text[a:b] for a, b in quote_spans(text)] == quoted


def test_apostrophes_are_not_quotes():
    assert quote_spans("Ukraine’s and Russia’s ministers met in Turkey’s capital.") == []


def test_direct_quote_with_the_speaker_after_it(code):
    result = code(
        "“We will not give up a single village,” Ukrainian Foreign Minister Dmytro Kuleba said on "
        "Monday."
    )
    content, source, _, quote = _one(result, "said")
    assert content == "“We will not give up a single village,”" and quote.direct
    assert "Kuleba" in source and quote.speaker.country == "UKR"


def test_quote_split_by_its_attribution_is_one_statement(code):
    result = code(
        "“We are ready to talk,” the Russian deputy foreign minister said, “but not at any price.”"
    )
    content, _, _, quote = _one(result, "said")
    assert content.startswith("“We are ready") and content.endswith("any price.”") and quote.direct


def test_quote_continued_after_the_attribution_sentence(code):
    result = code(
        "“The door to diplomacy stays open,” Blinken said. “It is up to Moscow to walk through it.”"
    )
    content, _, _, _ = _one(result, "said")
    assert content.endswith("walk through it.”")


def test_reported_speech_takes_the_that_clause(code):
    result = code(
        "Secretary of State Antony Blinken said that Moscow faced a clear choice between dialogue "
        "and confrontation."
    )
    content, source, _, quote = _one(result, "said")
    assert content == "that Moscow faced a clear choice between dialogue and confrontation"
    assert not quote.direct and source == "Secretary of State Antony Blinken"
    assert quote.speaker.name == "Antony Blinken" and quote.speaker.country == "USA"


def test_according_to_makes_its_object_the_source(code):
    result = code(
        "According to US officials, Russia has deployed about 100,000 troops near the border."
    )
    content, source, _, quote = _one(result, "According to")
    assert source == "US officials" and content.startswith("Russia has deployed")
    assert quote.speaker.country == "USA"


def test_a_claim_noun_with_its_owner(code):
    result = code(
        "NATO rejected Moscow's claim that the exercises near the border were purely defensive."
    )
    content, source, _, _ = _one(result, "claim")
    assert source == "Moscow's" or source.startswith("Moscow")
    assert content == "that the exercises near the border were purely defensive"


def test_medium_is_named(code):
    result = code("Peskov told CNN that Russia moves troops on its own territory.")
    content, _, _, quote = _one(result, "told")
    assert content == "that Russia moves troops on its own territory"
    assert result.article.text[quote.medium[0] : quote.medium[1]] == "CNN"
    result = code("In an interview with ABC, Blinken said Washington preferred diplomacy.")
    _, _, _, quote = _one(result, "said")
    assert "ABC" in result.article.text[quote.medium[0] : quote.medium[1]]


def test_cue_words_inside_a_quotation_are_not_attributions(code):
    result = code("“People say we want war, but we want peace,” Lavrov said.")
    assert [cue for _, _, cue, _ in _quotes(result)] == ["said"]


def test_a_paragraph_of_quotation_continues_the_last_speaker(code):
    result = code(
        "“We have seen this scenario before,” Blinken said.\n\n"
        "“Russia moved troops, then it denied everything, then it annexed Crimea.”"
    )
    quotes = _quotes(result)
    assert len(quotes) == 2 and quotes[1][1] == "Blinken" and quotes[1][3].direct


def test_a_quote_signed_after_a_dash(code):
    result = code(
        "“Diplomacy is the only way out of this crisis.” ― Josep Borrell, the EU foreign policy "
        "chief"
    )
    content, source, _, _ = _quotes(result)[0]
    assert content.startswith("“Diplomacy") and source.startswith("Josep Borrell")


def test_events_inside_a_statement_carry_its_speaker(code):
    result = code(
        "Foreign Minister Dmytro Kuleba said that Russia had threatened Ukraine with a new "
        "invasion."
    )
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert threat.reported_by.name == "Dmytro Kuleba" and threat.reported == "paraphrase"
    said = [e for e in result.events if e.reported_by is None]
    assert all(e.trigger != threat.trigger for e in said)


def test_nothing_is_attributed_in_plain_narration(code):
    result = code("Russian troops crossed the border at dawn and shelled two villages.")
    assert result.quotes == ()


@pytest.mark.parametrize(
    "text, country",
    [
        ("According to Islamabad, the Indian missiles killed 31 civilians.", "PAK"),
        ("Cambodian rockets killed six civilians, the Thai health ministry said.", "THA"),
        # no state reports: nobody knows whose civilians they were
        ("The UN said Russian strikes killed 20 civilians.", None),
        # the attacker's own side reports: it says nothing of the victims' side
        ("The Russian army said its strikes killed 20 civilians.", None),
    ],
)
def test_civilians_a_state_reports_killed_by_another_are_its_own(code, text, country):
    (event,) = [e for e in code(text, "2025-05-08").events if e.type == "ASSAULT"]
    assert event.target.actor.country == country
    if country:
        assert "low confidence" in event.target.evidence


def test_we_in_a_quote_is_the_speakers_side(code):
    text = (
        "Thai foreign ministry spokesman Nikorndej Balankura said Bangkok saw Malaysia as a "
        "facilitator. „We only ask that Cambodia silence its guns first.“"
    )
    asks = [e for e in code(text, "2025-07-27").events if e.type == "REQUEST"]
    assert [(e.source.actor.country, e.target.actor.country) for e in asks] == [("THA", "KHM")]
    assert "speaker of the quote" in asks[0].source.evidence


def test_we_outside_a_quote_stays_unresolved(code):
    result = code("We only ask that Cambodia silence its guns first.", "2025-07-27")
    assert all(e.source is None for e in result.events if e.type == "REQUEST")
