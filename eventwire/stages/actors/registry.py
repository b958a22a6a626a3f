"""People the article names, resolved against the people registry at the article date.

The text says who someone is; the registry fills in what it leaves out. A full name takes
the registry's person of that name (the one in office on the article date when several
share it). A name of one word ("Michel", "Jordan") takes a registry person only when the
article names no one so and exactly one person of that name held an office on the article
date; otherwise it stays unresolved, and says why.
"""

from __future__ import annotations

import datetime as dt

from ...lexicons import Office, PeopleRegistry, Person
from ...model import Actor, Problem
from .spans import Context, PersonRecord

UNCERTAIN = "low confidence"  # how evidence starts a note that the resolution is unsure


class PersonResolver:
    def __init__(self, people: PeopleRegistry | None):
        self.people = people

    def resolve(
        self,
        name: str,
        context: Context,
        date: dt.date | None,
        offset: int,
        problems: list[Problem],
        tenures: list[tuple[dt.date, dt.date | None, str]],
    ) -> PersonRecord:
        is_short = " " not in name
        person, office = self.find(name, date)
        if person is None:
            evidence = f"in-text role: {context.role}" if context.role else "named in the text"
            if is_short and self.people is not None and self.people.find(name):
                evidence += (
                    f"; {UNCERTAIN}: the name alone, and the registry has no single holder of it "
                    "on the article date: left unresolved"
                )
            return _unresolved(name, context, evidence, offset)
        if (
            is_short
            and context.role
            and context.country != person.country
            and not any(o.has_title(context.role) for o in person.offices)
        ):
            # "President Smith": the registry's only Smith in office was never a president, and
            # the text gives no country to tie them. Of the same country ("US Secretary of
            # State Biden") it is a wrong name: linked below, with the role conflict reported
            evidence = (
                f"in-text role: {context.role}; {UNCERTAIN}: the name alone, and the registry's "
                f"only holder of it ({person.name}) never held that role: left unresolved"
            )
            return _unresolved(name, context, evidence, offset)
        if context.role and date is not None:
            self._check_role(name, person, office, context, date, offset, problems)
        held = [
            o
            for o in person.offices
            if context.role and o.has_title(context.role) and not o.uncertain
        ]
        if held:
            start = min(o.start for o in held)
            ends = [o.end for o in held if o.end is not None]
            end = max(ends) if len(ends) == len(held) else None
            until = end.strftime("%Y-%m") if end else "now"
            tenures.append(
                (start, end, f"{person.name} as {held[0].title} ({start:%Y-%m}..{until})")
            )
        country = context.country or (office.country if office else person.country)
        sector = context.sector or (office.sector if office else None)
        parts = [f"registry: {person.name}" + (f", {office.describe()}" if office else "")]
        if context.role or context.country:
            parts.insert(
                0, "in-text role: " + " ".join(x for x in (context.country, context.role) if x)
            )
        if is_short:
            parts.append(f"{UNCERTAIN}: the name alone, its only holder on the article date")
        return PersonRecord(
            Actor(person.name, country, sector),
            "; ".join(parts),
            context.role or (office.title if office else None),
            offset,
        )

    def find(self, name: str, date: dt.date | None) -> tuple[Person | None, Office | None]:
        """The registry's person of a name: the only one in office on the date, else the only
        one of that name. One word needs its only plausible holder on the date: a surname (not
        the place of "Abdullah II of Jordan")."""
        if self.people is None:
            return None, None
        candidates = self.people.find(name)
        if " " not in name.strip():
            candidates = tuple(p for p in candidates if _is_surname(p, name))
        if not candidates:
            return None, None
        if date is not None:
            in_office = [
                (p, p.office_on(date)) for p in candidates if p.office_on(date) is not None
            ]
            if len(in_office) == 1:
                return in_office[0]
            if " " not in name.strip():
                # the registry is month-precise: a handover month counts for both holders
                loose = [p for p in candidates if any(o.held_on(date, True) for o in p.offices)]
                if len(loose) == 1 and not in_office:
                    held = [o for o in loose[0].offices if o.held_on(date, True)]
                    return loose[0], held[0]
                return None, None
        if len(candidates) == 1:
            return candidates[0], candidates[0].office_on(date) or candidates[0].office_on(None)
        return None, None

    def holders(self, role: str, country: str | None, date: dt.date):
        return self.people.holders(role, country, date) if self.people is not None else []

    def _check_role(
        self,
        name: str,
        person: Person,
        office: Office | None,
        context: Context,
        date: dt.date,
        offset: int,
        problems: list[Problem],
    ) -> None:
        """ "US Secretary of State Biden" in January 2022: the office was Blinken's, Biden was
        President."""
        role = context.role or ""
        if office is not None and office.has_title(role):
            return
        if any(o.has_title(role) and o.held_on(date, loose=True) for o in person.offices):
            return
        holders = [
            (p, o)
            for p, o in self.holders(role, context.country or person.country, date)
            if p.name != person.name
        ]
        if not holders:
            return
        holder, held = holders[0]
        what = (
            f"was {office.title} ({office.country})"
            if office
            else "held no office in the registry then"
        )
        message = (
            f"the text calls {name} {' '.join(x for x in (context.country, role) if x)}, but on "
            f"{date.isoformat()} that office was held by {holder.name} ({held.describe()}); "
            f"{person.name} {what}. The actor is coded by the office in the text."
        )
        problems.append(
            Problem("role_conflict", message, None, "actors", (offset, offset + len(name)))
        )


def _is_surname(person: Person, word: str) -> bool:
    """Is a word the person's family name: the last word of one of their names, and not a
    place ("… of Jordan"), or the family name the registry says is written first?"""
    key = word.casefold()
    if person.family_name and person.family_name.casefold() == key:
        return True  # a family name written first ("Xi" of Xi Jinping)
    for name in (person.name, *person.variants):
        words = name.casefold().split()
        if words[-1] == key and (len(words) < 2 or words[-2] != "of"):
            return True
    return False


def _unresolved(name: str, context: Context, evidence: str, offset: int) -> PersonRecord:
    """A person coded by what the text says alone: no registry person."""
    return PersonRecord(
        Actor(name, context.country, context.sector), evidence, context.role, offset
    )
