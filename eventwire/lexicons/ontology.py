"""The event ontology (PLOVER types and their CAMEO codes) and the trigger lexicon.

``data/plover.yaml`` gives every PLOVER type its QuadClass, CAMEO code and intensity;
``data/verbs.yaml`` (and the user's) the verbs and nouns that trigger each type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..model import PLOVER_TYPES
from .files import data_file, data_files, read_yaml


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
        # QuadClass follows the root of the final CAMEO code, as in GDELT
        # ("convicted", CAMEO 116, is verbal)
        quad_class = self.roots[code[:2]][0] if code[:2] in self.roots else kind.quad_class
        return code, quad_class, intensity


@lru_cache(maxsize=4)
def load_ontology(extra_dirs: tuple[Path, ...] = ()) -> Ontology:
    path = data_file("plover.yaml")
    data = read_yaml(path)
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
    object_modifiers: frozenset[str] = frozenset()  # one must modify the direct object
    voice: str | None = None  # "active" or "passive": "was met with a response" is no meeting
    cameo: str | None = None  # the trigger's own CAMEO code when not its type's (appeals: 02)

    @property
    def specificity(self) -> int:
        return (
            bool(self.particle)
            + bool(self.objects)
            + bool(self.xcomp)
            + bool(self.modifiers)
            + bool(self.object_modifiers)
        )

    def describe(self) -> str:
        parts = [self.lemma] + ([self.particle] if self.particle else [])
        if self.objects:
            parts.append("+" + "|".join(sorted(self.objects)))
        if self.xcomp:
            parts.append("to " + "|".join(sorted(self.xcomp)))
        if self.object_modifiers:
            parts.append("(object " + "|".join(sorted(self.object_modifiers)) + ")")
        return " ".join(parts)


@dataclass(frozen=True)
class Advisories:
    """The words of a travel advisory: "warned its citizens against travelling to Japan"."""

    verbs: frozenset[str] = frozenset()  # warn, advise, tell
    people: frozenset[str] = frozenset()  # citizen, national, student
    keep_away: frozenset[str] = frozenset()  # travel, avoid, visit


@dataclass(frozen=True, eq=False)
class TriggerLexicon:
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    transparent: frozenset[str]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    version: str
    # verbs whose coordinated doers act on each other ("Thailand and Cambodia clashed"): an
    # event each way
    reciprocal: frozenset[str] = frozenset()
    # nouns that name an office with "of" or "for" ("Director General of Military
    # Operations", "Minister for War"): a trigger noun inside such a name is no event
    office_nouns: frozenset[str] = frozenset()
    # verbs whose coordinated doers take part in another's act ("the US and Chinese ambassadors
    # attended the talks"): joint doers, not each other's partners
    attending: frozenset[str] = frozenset()
    # verbs that name what something is ("called the attack a war crime", "described the
    # report as baseless"): the name says which speech act, if any
    naming: frozenset[str] = frozenset()
    # verbs that are a consultation when two parties are their subject ("the two sides spoke
    # again", "Modi and Sharif talked"), and nothing otherwise ("spoke to reporters")
    pair_verbs: frozenset[str] = frozenset()
    # what a retort is aimed at ("hit back at the claims"): words, so the retort is a REJECT
    retorted: frozenset[str] = frozenset()
    # nouns that name an act told before ("the vote", "the sanctions"), with the event types
    # they can name: a reaction to one is aimed at its doer
    act_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs of telling: one joined to what another says ("said ... were among the dead, and
    # accused Islamabad") is told by the same speaker (``syntax.subject_of``)
    telling: frozenset[str] = frozenset()
    # triggers that are another act when a state does them: a government's "protest" is a
    # diplomatic rebuke (ACCUSE), not a demonstration; keyed by the trigger's lemma
    state_senses: dict[str, Trigger] = field(default_factory=dict)
    # a state keeping its own people away from a country: a SANCTION against it
    advisories: Advisories = Advisories()
    # nouns of military exercises: held by two, a COOPERATE between them and a MOBILIZE of each
    exercises: frozenset[str] = frozenset()


def _triggers(
    path: Path, entries: list | None, ontology: Ontology, section: str
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
            object_modifiers=frozenset(str(x).lower() for x in entry.get("object_modifiers") or ()),
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
    transparent, light, speech, reciprocal, offices, attending, naming, pairs, retorted = (
        set() for _ in range(9)
    )
    telling: set[str] = set()
    exercises: set[str] = set()
    acts: dict[str, frozenset[str]] = {}
    senses: dict[str, Trigger] = {}
    advisories: dict[str, set[str]] = {"verbs": set(), "people": set(), "keep_away": set()}
    versions = []
    for path in data_files("verbs.yaml", extra_dirs):
        data = read_yaml(path)
        versions.append(str(data["version"]))
        for lemma, items in _triggers(path, data.get("verbs"), ontology, "verbs").items():
            verbs.setdefault(lemma, []).extend(items)
        for lemma, items in _triggers(path, data.get("nouns"), ontology, "nouns").items():
            nouns.setdefault(lemma, []).extend(items)
        transparent |= {str(x).lower() for x in data.get("transparent") or ()}
        light |= {str(x).lower() for x in data.get("light_verbs") or ()}
        speech |= {str(x).lower() for x in data.get("not_events") or ()}
        reciprocal |= {str(x).lower() for x in data.get("reciprocal") or ()}
        offices |= {str(x).lower() for x in data.get("office_nouns") or ()}
        attending |= {str(x).lower() for x in data.get("attending") or ()}
        naming |= {str(x).lower() for x in data.get("naming") or ()}
        pairs |= {str(x).lower() for x in data.get("pair_verbs") or ()}
        retorted |= {str(x).lower() for x in data.get("retorted") or ()}
        telling |= {str(x).lower() for x in data.get("telling") or ()}
        exercises |= {str(x).lower() for x in data.get("exercises") or ()}
        for noun, types in (data.get("act_nouns") or {}).items():
            unknown = [t for t in types or () if str(t).upper() not in ontology.kinds]
            if unknown:
                raise DataFileError(path, None, f"act_nouns {noun}: unknown types {unknown}")
            acts[str(noun).lower()] = frozenset(str(t).upper() for t in types or ())
        for lemma, items in _triggers(
            path, data.get("state_senses"), ontology, "state_senses"
        ).items():
            senses[lemma] = items[0]
        for key, words in (data.get("advisories") or {}).items():
            if key not in advisories:
                raise DataFileError(path, None, f"advisories: unknown key {key}")
            advisories[key] |= {str(x).lower() for x in words or ()}
    order = lambda items: tuple(sorted(items, key=lambda t: -t.specificity))
    return TriggerLexicon(
        {k: order(v) for k, v in verbs.items()},
        {k: order(v) for k, v in nouns.items()},
        frozenset(transparent),
        frozenset(light),
        frozenset(speech),
        "+".join(versions),
        frozenset(reciprocal),
        frozenset(offices),
        frozenset(attending),
        frozenset(naming),
        frozenset(pairs),
        frozenset(retorted),
        acts,
        frozenset(telling),
        senses,
        Advisories(**{key: frozenset(words) for key, words in advisories.items()}),
        frozenset(exercises),
    )
