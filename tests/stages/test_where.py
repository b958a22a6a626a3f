from __future__ import annotations


def test_where_places_an_event_at_the_city_in_its_clause(code):
    result = code("US and Russian diplomats will meet in Geneva on Monday.")
    (event,) = [e for e in result.events if e.type == "CONSULT"]
    assert (event.location.name, event.location.country) == ("Geneva", "CHE")


def test_where_does_not_place_an_event_at_its_actor(code):
    result = code("Moscow rejected the demands.")
    assert result.events and result.events[0].location is None


def test_where_resolves_countries_and_old_spellings(code):
    result = code("Police detained protesters in Kiev on Tuesday.")
    (event,) = result.events
    assert event.location.country == "UKR"


def test_where_places_an_event_at_a_seat_of_government_in_its_country(code):
    # geonames has a "White House" in Morocco (Casablanca) and a Miraflores in Peru
    result = code("Biden met Zelensky at the White House on Monday.", "2023-06-05")
    (event,) = [e for e in result.events if e.type == "CONSULT"]
    assert event.location is not None and event.location.country == "USA"
