"""Word lists: attribution cues, realis words, speech acts, translation artifacts, news words,
occasions and counts.

Each loader reads ``data/<name>.yaml`` and, where it takes them, the user's same-named
files, and fails with ``DataFileError`` on a broken one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from .files import data_file, data_files, read_yaml

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
    for path in data_files("cues.yaml", extra_dirs):
        data = read_yaml(path)
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
    """A sentence lower-cased, without quotes, colons, commas or closing punctuation, spaces
    collapsed."""
    return " ".join(re.sub(r"[\"'“”‘’«»:;,.!?]", " ", sentence.lower()).split())


def load_artifacts(extra_dirs: tuple[Path, ...] = ()) -> ArtifactLexicon:
    sentences: set[str] = set()
    patterns: list[re.Pattern] = []
    for path in data_files("artifacts.yaml", extra_dirs):
        data = read_yaml(path)
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
    path = data_file("news_words.yaml")
    words = read_yaml(path).get("words")
    if not isinstance(words, list):
        raise DataFileError(path, None, "words: expected a list")
    return frozenset(str(word).lower() for word in words)


def _word_groups(path: Path, groups: object, section: str, what: str) -> dict[str, str]:
    """Word -> its group, from a mapping of groups to word lists (a word in one group only)."""
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
    """Lemma -> the group of words naming the same happening (data/occasions.yaml, the user's)."""
    words: dict[str, str] = {}
    for path in data_files("occasions.yaml", extra_dirs):
        # a user's file moves a word to its own group
        words.update(_word_groups(path, read_yaml(path).get("occasions"), "occasions", "lemmas"))
    return words


@dataclass(frozen=True, slots=True)
class CountLexicon:
    """Nouns whose counts the news reports, by the quantity they count, and the words that make a
    number a bound ("at least")."""

    nouns: dict[str, str]
    bounds: tuple[str, ...]


def load_counts() -> CountLexicon:
    path = data_file("counts.yaml")
    data = read_yaml(path)
    bounds = data.get("bounds")
    if not isinstance(bounds, list):
        raise DataFileError(path, None, "bounds: expected a list")
    nouns = _word_groups(path, data.get("quantities"), "quantities", "nouns")
    return CountLexicon(
        nouns, tuple(sorted((str(b).lower() for b in bounds), key=len, reverse=True))
    )


# ---------------------------------------------------------------- realis and speech acts
@dataclass(frozen=True)
class RealisWords:
    """Words that make an event something other than an asserted fact (data/realis.yaml)."""

    wishes: frozenset[str]  # "wants to buy": hypothetical
    uncertainty: frozenset[str]  # "is likely to impose": hypothetical
    obligations: frozenset[str]  # "must pull back": hypothetical
    cancelling: frozenset[str]  # "cancelled a planned visit": negated ("call off" as "call off")
    # "Asked whether ..., the official said": a participle with no doer of its own is the
    # reporter's question, no event
    reporter_questions: frozenset[str] = frozenset()
    # "has repeatedly accused", "had long requested": a standing position, no event
    habitual: frozenset[str] = frozenset()
    habitual_counts: frozenset[str] = frozenset()  # "many times"
    # "committed to stop the fighting", "an end to the shelling": an act brought to an end
    # is no new act of its kind, no event
    ending: frozenset[str] = frozenset()
    # "Kigali denies this": a third party's standing position, no event
    positions: frozenset[str] = frozenset()
    # "accused Kabul of sheltering the TTP": what one is accused of is a claim, no event
    accusing: frozenset[str] = frozenset()
    # "will send three jets to help protect Polish airspace": a deployment for defence, announced
    # by the one who makes it, is no threat
    protective: frozenset[str] = frozenset()
    # "the first time a NATO member has fired": an act told again as a record, no event
    firsts: frozenset[str] = frozenset()


def _word_list(path: Path, data: dict, key: str) -> set[str]:
    values = data.get(key) or []
    if not isinstance(values, list):
        raise DataFileError(path, None, f"{key}: expected a list of lemmas")
    return {str(value).lower() for value in values}


def load_realis(extra_dirs: tuple[Path, ...] = ()) -> RealisWords:
    sections: dict[str, set[str]] = {
        key: set()
        for key in (
            "wishes",
            "uncertainty",
            "obligations",
            "cancelling",
            "reporter_questions",
            "habitual",
            "habitual_counts",
            "ending",
            "positions",
            "accusing",
            "protective",
            "firsts",
        )
    }
    for path in data_files("realis.yaml", extra_dirs):
        data = read_yaml(path)
        for key, words in sections.items():
            words |= _word_list(path, data, key)
    return RealisWords(**{key: frozenset(words) for key, words in sections.items()})


@dataclass(frozen=True)
class SpeechAct:
    """Content cues of one kind of speech act (data/speech_acts.yaml)."""

    type: str
    mode: str | None
    words: frozenset[str]  # lemmas
    phrases: tuple[tuple[str, ...], ...]  # lower-case word sequences
    # lemmas that are cues only as the name a naming verb gives ("called the attack state
    # terrorism"), not anywhere in what is said ("terrorism from Afghan soil will stop")
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SpeechActLexicon:
    acts: tuple[SpeechAct, ...]  # in file order: the first found wins
    obliged: tuple[tuple[str, ...], ...]  # "must", "has to": a request to the one obliged
    # "would respond if Cambodia fired again": a consequence under another's condition
    conditional: frozenset[str] = frozenset()


def load_speech_acts(
    extra_dirs: tuple[Path, ...] = (), types: frozenset[str] | None = None
) -> SpeechActLexicon:
    """The speech-act cues; ``types`` (the ontology's) checks each act's type."""
    acts: list[SpeechAct] = []
    obliged: set[tuple[str, ...]] = set()
    conditional: set[str] = set()
    for path in data_files("speech_acts.yaml", extra_dirs):
        data = read_yaml(path)
        entries = data.get("acts") or []
        if not isinstance(entries, list):
            raise DataFileError(path, None, "acts: expected a list of {type, words, phrases}")
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or "type" not in entry:
                raise DataFileError(path, None, f"acts entry {number}: needs a type")
            kind = str(entry["type"]).upper()
            if types is not None and kind not in types:
                raise DataFileError(path, None, f"acts entry {number}: unknown type {kind}")
            words, phrases = _word_list(path, entry, "words"), _word_list(path, entry, "phrases")
            acts.append(
                SpeechAct(
                    kind,
                    str(entry["mode"]).upper() if entry.get("mode") else None,
                    frozenset(words),
                    tuple(sorted(tuple(p.split()) for p in phrases)),
                    frozenset(_word_list(path, entry, "names")),
                )
            )
        obliged |= {tuple(p.split()) for p in _word_list(path, data, "obliged")}
        conditional |= _word_list(path, data, "conditional")
    return SpeechActLexicon(
        tuple(acts), tuple(sorted(obliged, key=len, reverse=True)), frozenset(conditional)
    )
