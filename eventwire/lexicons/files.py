"""Where the data files live, how they are read, and the one version they make together.

Our files are in ``eventwire/data``; a user's data folders (``settings.data_dirs``) hold
files named like ours, which extend ours. ``data_version`` hashes the bytes of every file
the pipeline reads, so a stored event names the data that coded it and ``ingest`` knows
when an article must be coded again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The files the pipeline reads (stories and merging included), by name in a data folder.
# Not here: data/folds/ (cross-validation only) and dyad_examples.jsonl (training and
# evaluation only). People files are every ``people/*.yaml``.
PIPELINE_FILES = (
    "plover.yaml",  # the ontology
    "verbs.yaml",  # event triggers
    "countries.csv",
    "countries.yaml",
    "organizations.yaml",
    "sectors.yaml",
    "actor_words.yaml",  # regions, person titles, nouns that are no actors
    "cues.yaml",  # quote attribution
    "realis.yaml",  # what makes an event no asserted fact
    "speech_acts.yaml",  # speech acts read from quotes
    "artifacts.yaml",  # machine-translation artifacts
    "occasions.yaml",  # time anchors ("before the murder")
    "counts.yaml",  # story merging
    "news_words.yaml",  # story clustering
    "dyad_model.npz",  # the known-dyad classifier
    "pair_adapter.npz",  # the pair encoder's adapter
    "arguments.npz",  # the slot selector
)

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


def read_yaml(path: Path) -> dict[str, Any]:
    """A data file's mapping; it must carry a ``version`` key."""
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


def data_file(name: str) -> Path:
    """One of our files (the user's folders do not extend it)."""
    return DATA_DIR / name


def data_files(name: str, extra_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """Our file, then same-named files in the user's folders (theirs extend ours)."""
    return [DATA_DIR / name] + [d / name for d in extra_dirs if (d / name).exists()]


def people_files(extra_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """Every ``people/*.yaml`` of ours, then of the user's folders."""
    folders = [DATA_DIR / "people"] + [d / "people" for d in extra_dirs]
    return [f for folder in folders if folder.is_dir() for f in sorted(folder.glob("*.yaml"))]


def data_version(extra_dirs: tuple[Path, ...] = ()) -> str:
    """One short string that changes whenever a file the pipeline reads changes.

    It hashes the bytes (not the ``version:`` keys, which people forget to bump) of our
    files and of the user's same-named files, each under its name and its folder's place
    in the list, so the same data gives the same version on every machine.
    """
    folders = [DATA_DIR, *extra_dirs]
    digest = hashlib.sha1()
    for place, folder in enumerate(folders):
        names = [folder / name for name in PIPELINE_FILES]
        people = folder / "people"
        if people.is_dir():
            names += sorted(people.glob("*.yaml"))
        for path in names:
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                digest.update(f"{place}:{relative}:".encode())
                digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()[:12]
