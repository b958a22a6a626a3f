"""Names of one person grouped within the article before any registry look-up."""

from __future__ import annotations

import pytest

from tests.stages.actors.helpers import mentions_of, resolve


def test_a_surname_is_the_person_the_article_named_not_a_registry_namesake():
    # "Michel" alone would be the registry's head of the European Council in 2023
    index = resolve(
        "Belgian opposition leader Jean Michel told reporters that Belgium would not back the "
        "plan. Michel said the sanctions went too far."
    )
    (surname,) = [m for m in mentions_of(index, "Michel") if m.text == "Michel"]
    assert (surname.actor.name, surname.actor.country) == ("Jean Michel", "BEL")
    assert "coreference" in surname.evidence


def test_a_surname_in_the_headline_is_the_person_the_body_names():
    index = resolve(
        "Michel warns Moscow\nBelgian opposition leader Jean Michel said on Monday that the talks "
        "had failed."
    )
    headline = next(m for m in index.mentions if m.text == "Michel")
    assert headline.actor.name == "Jean Michel" and headline.actor.country == "BEL"


def test_a_shared_surname_takes_the_principal_named_first():
    index = resolve(
        "The US Treasury imposed sanctions on Colombian President Gustavo Petro and on his son "
        "Nicolás Petro. Venezuela's Nicolás Maduro phoned Petro on Friday night.",
        "2025-10-25",
    )
    later = [m for m in index.mentions if m.text == "Petro"]
    assert later and later[-1].actor.name == "Gustavo Petro"
    assert "low confidence" in later[-1].evidence


def test_a_surname_takes_the_person_of_that_name_named_most_often_before_it():
    index = resolve(
        "Senator Ann Walsh met Governor Tom Walsh in Boston. Tom Walsh spoke first. Later Walsh "
        "left the room."
    )
    later = [m for m in index.mentions if m.text == "Walsh"]
    assert later and later[-1].actor.name == "Tom Walsh"
    assert "low confidence" in later[-1].evidence


@pytest.mark.parametrize(
    "text, word",
    [
        # a name that is also a country
        (
            "Representative Jim Jordan questioned the attorney general. Jordan said it goes on.",
            "Jordan",
        ),
        # a name that is also a month, tagged a date by the parser
        (
            "British Prime Minister Theresa May met her cabinet. May said the vote would go ahead.",
            "May",
        ),
        # a name that is also a word
        ("Senator Hope Chase criticised the bill. Chase said it was a mistake.", "Chase"),
    ],
)
def test_a_name_that_is_also_a_country_month_or_word_is_the_person_named_so(text, word):
    index = resolve(text, "2019-03-01")
    alone = [m for m in index.mentions if m.text == word]
    assert alone and all(m.kind == "person" and " " in m.actor.name for m in alone)


def test_a_country_name_after_a_title_is_a_person():
    index = resolve("Foreign Minister Jordan met the press in Nairobi.")
    (minister,) = mentions_of(index, "Minister Jordan")
    assert minister.kind == "person" and minister.actor.country != "JOR"


def test_a_country_name_alone_is_the_country():
    index = resolve("Jordan closed its border with Syria on Monday.")
    (jordan,) = [m for m in index.mentions if m.text == "Jordan"]
    assert (jordan.kind, jordan.actor.country) == ("country", "JOR")


def test_a_person_named_like_a_country_leaves_the_country_out_of_the_article_focus():
    index = resolve(
        "Representative Jim Jordan questioned the attorney general. Jordan said more was to come."
    )
    (general,) = mentions_of(index, "attorney general")
    assert general.actor.country is None


def test_a_month_in_a_date_stays_a_date():
    index = resolve(
        "British Prime Minister Theresa May met her cabinet. The talks resume in May.", "2019-03-01"
    )
    assert not [m for m in index.mentions if m.text == "May"]


@pytest.mark.parametrize(
    "text, date, word, person",
    [
        # a rare surname the tagger took for an adjective
        (
            (
                "Iranian President Masoud Pezeshkian spoke with Pashinyan by telephone on Sunday. "
                "Pezeshkian is due to visit Yerevan later this month, the Armenian government said."
            ),
            "2025-08-11",
            "Pezeshkian",
            ("Masoud Pezeshkian", "IRN"),
        ),
        # a first name alone, as Thai usage has it
        (
            (
                "Thailand's acting Prime Minister Phumtham Wechayachai met Hun Manet. Phumtham, "
                "speaking in Bangkok, said Thailand would respond if Cambodia fired again."
            ),
            "2025-07-29",
            "Phumtham",
            ("Phumtham Wechayachai", "THA"),
        ),
    ],
)
def test_a_name_alone_is_the_person_the_article_named_in_full(text, date, word, person):
    alone = [m for m in resolve(text, date).mentions if m.text == word]
    assert [(m.actor.name, m.actor.country) for m in alone] == [person]


def test_a_first_name_that_is_another_persons_surname_stays_that_persons():
    index = resolve(
        "Donald Trump met Joe Biden. Later Donald Tusk spoke. Trump left.", "2023-06-01"
    )
    assert [m.actor.name for m in index.mentions if m.text == "Trump"] == ["Donald Trump"]


def test_a_first_name_that_is_also_a_title_stays_in_a_name_the_registry_holds():
    # "Amir" is a title ("the Amir of Kuwait"), and the first name of Amir Khan Muttaqi
    index = resolve(
        "Afghanistan's acting foreign minister, Amir Khan Muttaqi, was in India. "
        "Muttaqi arrived in New Delhi on Thursday.",
        "2025-10-10",
    )
    named = [m for m in index.mentions if "Muttaqi" in m.text]
    assert {m.actor.name for m in named} == {"Amir Khan Muttaqi"}
    assert {m.actor.country for m in named} == {"AFG"}


def test_an_honorific_is_no_part_of_the_name_so_the_first_name_with_it_links():
    index = resolve(
        "Qatar's Prime Minister, Sheikh Mohammed bin Abdulrahman Al Thani, spoke on Thursday. "
        "Trump is due to have dinner with Sheikh Mohammed on Friday.",
        "2025-09-11",
    )
    (short,) = [m for m in index.mentions if m.text == "Sheikh Mohammed"]
    assert (short.actor.name, short.actor.country) == ("Mohammed bin Abdulrahman Al Thani", "QAT")


def test_a_one_word_person_the_tagger_took_for_an_adverb_is_still_a_name():
    index = resolve(
        "Volodymyr Zelensky spoke on Sunday. Zelensky, who met French President Emmanuel "
        "Macron in Paris on Monday, said on Tuesday that Ukraine would not accept a pause.",
        "2025-12-03",
    )
    names = [m for m in index.mentions if m.text == "Zelensky"]
    assert names and all(m.actor.country == "UKR" for m in names), names


def test_a_role_takes_the_country_of_the_person_who_owns_it():
    index = resolve("Andriy Yermak, Zelensky's powerful chief of staff, resigned.", "2025-11-28")
    (chief,) = [m for m in index.mentions if m.text.startswith("Zelensky's")]
    assert chief.actor.country == "UKR", chief
