"""Settings: our defaults with the user's config file laid over them.

The config file is TOML at ``$EVENTWIRE_CONFIG`` or ``~/.config/eventwire/config.toml``:

    data_dirs = ["/path/to/my/lexicons"]   # extra data folders (files named like ours extend ours)
    batch_size = 64
    db = "eventwire.duckdb"
    pair_encoder = true     # classify-pair reads with the tuned MiniLM (false: features only)
    now = "2026-12-06"      # the day undated articles are read against (default: the newest
                            # article date in the input, else today), so output is repeatable
    max_article_chars = 100000  # longer articles are refused (problem too_long), not coded
    api_cors_origins = ["https://example.org"]  # sites whose pages may call the API (default:
                                                # none, CORS off)
    db_memory_limit = "1GB"  # DuckDB's memory for the store, each process (default 1GB; past
                             # it, large sorts and joins spill to <db>.tmp)
    db_threads = 2           # DuckDB's threads for one query (default: one per core)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import DataFileError


@dataclass(frozen=True)
class Settings:
    data_dirs: tuple[Path, ...] = ()
    batch_size: int = 64
    db: str = "eventwire.duckdb"
    api_token: str | None = None
    api_cors_origins: tuple[str, ...] = ()
    pair_encoder: bool = True
    now: dt.date | None = None
    # Coding 100,000 characters takes about 2.5 s, and time grows faster than length (400,000:
    # 18 s); the longest of our sample and gold texts is 34,000. Longer "articles" are dumps.
    max_article_chars: int = 100_000
    # DuckDB takes 80% of the machine's memory unless told: a bound the store keeps. The server
    # holds about 50 MB of DuckDB memory on the samples; 1 GB leaves room for large stores.
    db_memory_limit: str = "1GB"
    db_threads: int | None = None  # None: DuckDB's own, one per core
    extra: dict = field(default_factory=dict, compare=False)


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    settings = Settings(db=os.environ.get("EVENTWIRE_DB", "eventwire.duckdb"))
    candidate = Path(
        path or os.environ.get("EVENTWIRE_CONFIG") or Path.home() / ".config/eventwire/config.toml"
    )
    if not candidate.exists():
        return settings
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise DataFileError(str(candidate), None, f"not valid TOML: {error}") from None
    return replace(
        settings,
        data_dirs=tuple(Path(p).expanduser() for p in data.get("data_dirs", ())),
        batch_size=int(data.get("batch_size", settings.batch_size)),
        db=str(data.get("db", settings.db)) if "EVENTWIRE_DB" not in os.environ else settings.db,
        api_token=data.get("api_token"),
        api_cors_origins=tuple(str(origin) for origin in data.get("api_cors_origins", ())),
        pair_encoder=bool(data.get("pair_encoder", settings.pair_encoder)),
        now=_day(candidate, data.get("now")),
        max_article_chars=_positive(
            candidate,
            "max_article_chars",
            data.get("max_article_chars", settings.max_article_chars),
        ),
        db_memory_limit=_memory(candidate, data.get("db_memory_limit", settings.db_memory_limit)),
        db_threads=(
            _positive(candidate, "db_threads", data["db_threads"]) if "db_threads" in data else None
        ),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )


def _memory(path: Path, value: object) -> str:
    """An amount of memory as DuckDB reads it: a number and a unit (500MB, 1.5GB, 2GiB)."""
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value.strip()):
        return value.strip()
    raise DataFileError(str(path), None, f"db_memory_limit = {value!r} is not like 500MB or 2GB")


def _day(path: Path, value: object) -> dt.date | None:
    """A TOML date or a YYYY-MM-DD string."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(str(path), None, f"now = {value!r} is not a date YYYY-MM-DD") from None


def _positive(path: Path, name: str, value: object) -> int:
    """A whole number above zero."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise DataFileError(str(path), None, f"{name} = {value!r} is not a whole number above 0")


_KNOWN = (
    "data_dirs",
    "batch_size",
    "db",
    "api_token",
    "api_cors_origins",
    "pair_encoder",
    "now",
    "max_article_chars",
    "db_memory_limit",
    "db_threads",
)
