"""The people registry: who held which office when (``data/people/*.yaml`` and the user's).

Also reads PETRARCH/Phoenix actor dictionaries into registry entries, so a user can
bring their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import DataFileError
from .files import SECTOR_CODES, people_files, read_yaml

# ---------------------------------------------------------------- people
# Words that make a title another, lesser office ("Deputy Secretary of State").
_RANK_WORDS = frozenset(
    [
        "deputy",
        "vice",
        "assistant",
        "under",
        "acting",
        "former",
        "first",
        "second",
        "junior",
        "state",
    ]
)


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    sector: str
    country: str
    start: dt.date
    end: dt.date | None  # None: still held as far as the registry knows
    uncertain: bool = False

    def held_on(self, day: dt.date, loose: bool = False) -> bool:
        """Held on a day; ``loose`` also counts the months the office changed hands
        (the registry is month-precise, so a handover month belongs to both)."""
        if loose:
            month = (day.year, day.month)
            return (self.start.year, self.start.month) <= month and (
                self.end is None or month <= (self.end.year, self.end.month)
            )
        return self.start <= day and (self.end is None or day < self.end)

    def has_title(self, role: str) -> bool:
        """Does a role as written name this office? ("Foreign Minister" ~ "foreign minister",
        "spokesman" ~ "Kremlin Spokesman", but "Secretary of State" is not "Deputy Secretary
        of State")."""
        a, b = (
            " ".join(t.casefold().replace("defense", "defence").split()) for t in (self.title, role)
        )
        if not b or b in ("minister", "secretary"):
            return a == b
        if a == b:
            return True
        return a.endswith(" " + b) and not set(a[: -len(b)].split()) & _RANK_WORDS

    def describe(self) -> str:
        end = self.end.strftime("%Y-%m") if self.end else "now"
        return f"{self.title} ({self.country}) {self.start:%Y-%m}..{end}" + (
            " uncertain" if self.uncertain else ""
        )


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str
    offices: tuple[Office, ...]
    variants: tuple[str, ...] = ()
    family_name: str | None = None  # said alone though not the last word ("Xi" of Xi Jinping)

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on a day (the highest-ranked if several); without a day, the latest."""
        if day is None:
            return max(self.offices, key=lambda o: o.start, default=None)
        held = [o for o in self.offices if o.held_on(day)]
        return held[0] if held else None


@dataclass(frozen=True, eq=False)
class PeopleRegistry:
    by_name: dict[str, tuple[Person, ...]]  # casefolded full name or variant -> people
    by_surname: dict[str, tuple[Person, ...]]  # casefolded last word of every name -> people
    by_office: dict[str, tuple[tuple[Person, Office], ...]]  # casefolded title -> holders
    version: str

    def find(self, name: str) -> tuple[Person, ...]:
        key = " ".join(name.split()).casefold()
        return self.by_name.get(key) or (self.by_surname.get(key, ()) if " " not in key else ())

    def holders(
        self, title: str, country: str | None, day: dt.date | None
    ) -> list[tuple[Person, Office]]:
        """Who held an office (of a country) on a day."""
        found = self.by_office.get(" ".join(title.split()).casefold(), ())
        return [
            (p, o)
            for p, o in found
            if (country is None or o.country == country) and (day is None or o.held_on(day))
        ]


def _month(value: object, path: Path, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date.fromisoformat(text + "-01")
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataFileError(
            path, None, f"{where}: cannot read date {text!r} (use YYYY-MM)"
        ) from None


@lru_cache(maxsize=4)
def load_people(extra_dirs: tuple[Path, ...] = ()) -> PeopleRegistry:
    by_name: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    by_office: dict[str, list[tuple[Person, Office]]] = {}
    versions = []
    for path in people_files(extra_dirs):
        data = read_yaml(path)
        versions.append(f"{path.stem}:{data['version']}")
        for number, entry in enumerate(data.get("people") or [], start=1):
            where = f"person {number}"
            if not isinstance(entry, dict) or not entry.get("name") or not entry.get("offices"):
                raise DataFileError(path, None, f"{where}: needs name and offices")
            country = str(entry.get("country") or "")
            offices = []
            for office in entry["offices"]:
                sector = office.get("sector", "GOV")
                if sector not in SECTOR_CODES:
                    raise DataFileError(
                        path, None, f"{where} ({entry['name']}): bad sector {sector}"
                    )
                start = _month(office.get("start"), path, where)
                if start is None:
                    raise DataFileError(
                        path, None, f"{where} ({entry['name']}): an office needs a start"
                    )
                end = _month(office.get("end"), path, where)
                offices.append(
                    Office(
                        str(office.get("office", "")),
                        sector,
                        str(office.get("country") or country),
                        start,
                        end,
                        bool(office.get("uncertain")),
                    )
                )
            person = Person(
                str(entry["name"]),
                country,
                tuple(offices),
                tuple(str(v) for v in entry.get("variants") or ()),
                str(entry["family_name"]) if entry.get("family_name") else None,
            )
            for name in (person.name, *person.variants):
                key = " ".join(name.split()).casefold()
                by_name.setdefault(key, []).append(person)
                if " " in key:
                    by_surname.setdefault(key.split()[-1], []).append(person)
            if person.family_name:
                by_surname.setdefault(person.family_name.casefold(), []).append(person)
            for office in offices:
                by_office.setdefault(office.title.casefold(), []).append((person, office))
    unique = lambda table: {k: tuple(dict.fromkeys(v)) for k, v in table.items()}
    return PeopleRegistry(
        unique(by_name),
        unique(by_surname),
        {k: tuple(v) for k, v in by_office.items()},
        "+".join(versions),
    )


# ---------------------------------------------------------------- PETRARCH / Phoenix dictionaries
_PETRARCH_CODE = re.compile(
    r"\[\s*([A-Z]{3,12})\s*(?:([<>])\s*(\d{6})|(\d{6})\s*-\s*(\d{6}))?\s*\]"
)


def _petrarch_date(value: str) -> dt.date:
    year = int(value[:2])
    return dt.date(
        year + (1900 if year >= 50 else 2000), max(1, int(value[2:4])), max(1, int(value[4:6]))
    )


def read_petrarch_actors(path: str | Path) -> list[dict]:
    """Read a PETRARCH/Phoenix actor dictionary into people-registry entries.

    The format: a name line (words joined by underscores, often with a trailing
    underscore), optional ``+ALIAS`` lines and ``[CODE]``, ``[CODE >YYMMDD]``,
    ``[CODE <YYMMDD]`` or ``[CODE YYMMDD-YYMMDD]`` lines; ``NAME [CODE]`` may share a line.
    The code's first three letters are the country, the next three the sector.
    """
    path = Path(path)
    people: list[dict] = []
    current: dict | None = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.split("#")[0].strip()
            if not line:
                continue
            if line.startswith("+"):
                if current is None:
                    raise DataFileError(path, number, "an alias (+NAME) before any actor name")
                current["variants"].append(_petrarch_name(line[1:]))
                continue
            name_part = line.split("[")[0].strip()
            if name_part:
                current = {"name": _petrarch_name(name_part), "variants": [], "offices": []}
                people.append(current)
            for code, sign, day, start, end in _PETRARCH_CODE.findall(line):
                if current is None:
                    raise DataFileError(path, number, "a [CODE] line before any actor name")
                office = {
                    "office": code,
                    "country": code[:3],
                    "sector": code[3:6] if code[3:6] in SECTOR_CODES else "GOV",
                    "start": "1900-01",
                    "end": None,
                }
                if sign == ">":
                    office["start"] = _petrarch_date(day).isoformat()
                elif sign == "<":
                    office["end"] = _petrarch_date(day).isoformat()
                elif start:
                    office["start"], office["end"] = (
                        _petrarch_date(start).isoformat(),
                        _petrarch_date(end).isoformat(),
                    )
                current["offices"].append(office)
            if "[" in line and not _PETRARCH_CODE.search(line):
                raise DataFileError(path, number, f"cannot read the code in {line!r}")
    for person in people:
        if not person["offices"]:
            raise DataFileError(path, None, f"{person['name']}: no [CODE] line")
        person["country"] = person["offices"][-1]["country"]
    return people


def _petrarch_name(text: str) -> str:
    words = [w for w in text.strip().strip("_").split("_") if w]
    return " ".join(
        w if not w.isupper() or len(w) <= 2 and w.isalpha() is False else w.capitalize()
        for w in words
    )


def write_people_yaml(people: list[dict], path: str | Path, source: str) -> None:
    """Write registry entries as a people file a user can drop into a data folder."""
    document = {"version": dt.date.today().isoformat(), "source": source, "people": people}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(document, handle, sort_keys=False, allow_unicode=True)
