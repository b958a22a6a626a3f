"""Load and validate the data files in ``eventwire/data`` (and the user's extra folders).

Every loader checks what it reads and raises ``DataFileError(path, line, reason)``
on a broken file, so a typo in a lexicon fails loudly at start-up rather than
quietly changing the output.

    files.py     where the files live, reading YAML, ``data_version``
    ontology.py  PLOVER types and CAMEO codes, the trigger lexicon
    places.py    the actor gazetteer (countries, organizations, role words), cities
    people.py    the people registry, PETRARCH actor dictionaries
    words.py     attribution cues, realis words, speech acts, translation artifacts, news
                 words, occasions, counts
"""

from .files import DATA_DIR, PIPELINE_FILES, SECTOR_CODES, data_version, read_yaml
from .ontology import (
    Advisories,
    EventKind,
    Ontology,
    Trigger,
    TriggerLexicon,
    load_ontology,
    load_triggers,
)
from .people import (
    Office,
    PeopleRegistry,
    Person,
    load_people,
    read_petrarch_actors,
    write_people_yaml,
)
from .places import City, Gazetteer, GazetteerEntry, first_word, load_cities, load_gazetteer
from .words import (
    CUE_KINDS,
    ArtifactLexicon,
    CountLexicon,
    CueLexicon,
    RealisWords,
    SpeechAct,
    SpeechActLexicon,
    artifact_key,
    load_artifacts,
    load_counts,
    load_cues,
    load_news_words,
    load_occasions,
    load_realis,
    load_speech_acts,
)

__all__ = [
    "CUE_KINDS",
    "DATA_DIR",
    "PIPELINE_FILES",
    "SECTOR_CODES",
    "Advisories",
    "ArtifactLexicon",
    "City",
    "CountLexicon",
    "CueLexicon",
    "EventKind",
    "Gazetteer",
    "GazetteerEntry",
    "Office",
    "Ontology",
    "PeopleRegistry",
    "Person",
    "RealisWords",
    "SpeechAct",
    "SpeechActLexicon",
    "Trigger",
    "TriggerLexicon",
    "artifact_key",
    "data_version",
    "first_word",
    "load_artifacts",
    "load_cities",
    "load_counts",
    "load_cues",
    "load_gazetteer",
    "load_news_words",
    "load_occasions",
    "load_ontology",
    "load_people",
    "load_realis",
    "load_speech_acts",
    "load_triggers",
    "read_petrarch_actors",
    "read_yaml",
    "write_people_yaml",
]
