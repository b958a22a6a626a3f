"""The command line's parsers: one small function per command adds its arguments; every
command's help ends with an Example."""

from __future__ import annotations

import argparse
import datetime as dt

from .commands import (
    cmd_actors,
    cmd_batch,
    cmd_classify_pair,
    cmd_demo,
    cmd_eval,
    cmd_export,
    cmd_extract,
    cmd_ingest,
    cmd_query,
    cmd_quotes,
    cmd_serve,
    cmd_stories,
    cmd_times,
    cmd_watch,
)
from .upkeep import cmd_store


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


Commands = argparse._SubParsersAction


def _command(
    commands: Commands, name: str, help_text: str, example: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _input_arguments(parser: argparse.ArgumentParser) -> None:
    """The article inputs every coding command reads (see ``_read``)."""
    parser.add_argument("paths", nargs="*", help="files or folders; '-' or nothing reads stdin")
    parser.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (a JSONL record's own date wins)"
    )
    parser.add_argument("--input-format", choices=("auto", "text", "html", "jsonl"), default="auto")


def _now_argument(parser: argparse.ArgumentParser) -> None:
    """``--now``: the day undated articles are read against (``Settings.now``)."""
    parser.add_argument(
        "--now",
        type=_date,
        help="the day undated articles are read against, YYYY-MM-DD (default: the config's "
        "'now', else the newest article date given, else today)",
    )


def _db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db``: the store a command reads or writes (main() fills in the configured default)."""
    parser.add_argument(
        "--db", default=None, help="DuckDB file (default: $EVENTWIRE_DB or eventwire.duckdb)"
    )


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The event filters of ``query`` and ``export`` (``store.FILTERS``)."""
    from ..store import FILTERS

    _db_argument(parser)
    for key, help_text in FILTERS.items():
        parser.add_argument(f"--{key.replace('_', '-')}", dest=key, help=help_text)


def _extract_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "extract",
        "Code the events in articles (files, folders or - for stdin).",
        "eventwire extract article.txt --date 2022-01-07 --format jsonl",
    )
    _input_arguments(parser)
    _now_argument(parser)
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv", "table"),
        help="output format (default: table on a terminal, else jsonl)",
    )
    parser.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    parser.add_argument(
        "--cameo",
        action="store_true",
        help="write CAMEO-coded tab-separated events (ICEWS/GDELT style: USAGOV, 138, QuadClass)",
    )
    parser.add_argument(
        "--no-stories",
        action="store_true",
        help="skip grouping articles into stories and merging their events (no story or "
        "canonical_id in the output)",
    )
    parser.set_defaults(run=cmd_extract)


def _ingest_parser(commands: Commands) -> None:
    from ..ingest import COMMIT_EVERY

    parser = _command(
        commands,
        "ingest",
        "Code articles and store them in DuckDB (idempotent by article id; resumes). Articles "
        f"are committed {COMMIT_EVERY} at a time: an interrupted run keeps what it committed "
        "and the next run skips those.",
        "eventwire ingest corpus/ --db events.duckdb",
    )
    _input_arguments(parser)
    _now_argument(parser)
    _db_argument(parser)
    parser.add_argument(
        "--force", action="store_true", help="code and store again articles already stored"
    )
    parser.add_argument(
        "--refine",
        action="store_true",
        help="refine this run's stories as a batch (as `eventwire stories` does) before storing: "
        "better stories; articles stored before keep theirs; nothing is stored until all "
        "are coded, so an interrupted run starts again",
    )
    parser.add_argument(
        "--commit-every",
        type=int,
        default=COMMIT_EVERY,
        metavar="N",
        help=f"articles per transaction (default {COMMIT_EVERY}); each commit holds the "
        "articles, their stories and merged events and the story linker together",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=cmd_ingest)


def _query_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "query",
        "Filter the stored events and print them (table or JSON Lines).",
        "eventwire query --actor Blinken --type THREATEN --since 2022-01-01",
    )
    _filter_arguments(parser)
    parser.add_argument("--format", choices=("table", "jsonl"), default="table")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument(
        "--sort", default="date", help="date, -date, intensity, -intensity, type, confidence"
    )
    parser.set_defaults(run=cmd_query)


def _export_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "export",
        "Export stored events: parquet, csv, jsonl, gdelt (TSV) or plover (JSON).",
        "eventwire export --format gdelt --output events.tsv --country UKR",
    )
    _filter_arguments(parser)
    parser.add_argument(
        "--format", required=True, choices=("parquet", "csv", "jsonl", "gdelt", "plover")
    )
    parser.add_argument(
        "--output", help="file to write (required for parquet; default: standard output)"
    )
    parser.set_defaults(run=cmd_export)


def _batch_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "batch",
        "Code a large corpus on a Dask cluster; write the results in parts (resumable).",
        "eventwire batch 'corpus/**/*.jsonl' --local 2 --output out/",
    )
    parser.add_argument("paths", nargs="+", help="files, folders or globs")
    parser.add_argument("--output", required=True, help="folder for the parts")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://HOST:8786")
    parser.add_argument("--local", type=int, help="start a local cluster of N worker processes")
    parser.add_argument("--date", type=_date, help="article date for articles that have none")
    _now_argument(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    # its own name: main() fills a missing "db" with the default store, and batch loads only
    # when asked
    parser.add_argument(
        "--db",
        dest="load_into",
        help="then load the parts into this DuckDB store and record the run (parquet)",
    )
    parser.set_defaults(run=cmd_batch)


def _watch_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "watch",
        "Follow a folder and/or a growing JSON Lines feed into the store, with stories.",
        "eventwire watch incoming/ --feed wire.jsonl --db events.duckdb",
    )
    parser.add_argument("folder", nargs="?", help="folder that article files arrive in")
    _db_argument(parser)
    _now_argument(parser)
    _feed_arguments(parser)
    parser.add_argument("--once", action="store_true", help="code what is there now, then stop")
    parser.set_defaults(run=cmd_watch)


def _feed_arguments(parser: argparse.ArgumentParser) -> None:
    """The live feed's options, shared by ``watch`` and ``serve``."""
    parser.add_argument("--feed", help="JSON Lines file that records are appended to")
    parser.add_argument(
        "--interval", type=float, default=5.0, help="seconds between looks (default 5)"
    )
    parser.add_argument(
        "--idle",
        type=int,
        default=None,
        help="forget stories no article joined in this many articles (bounded memory; "
        "default 20,000)",
    )


def _serve_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "serve",
        "Serve the store over HTTP: the dashboard at /, the REST API (docs at /docs). The "
        "server owns the store while it runs: with --watch/--feed it also codes a live feed "
        "into it, and `ingest`, `query`, `export` and `batch --db` on the same store go "
        "through it.",
        "eventwire serve --db eventwire.duckdb --port 8000 --watch incoming/",
    )
    _db_argument(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback)"
    )
    parser.add_argument("--port", type=int, default=8000)
    _now_argument(parser)
    parser.add_argument(
        "--watch",
        metavar="FOLDER",
        help="code article files arriving in this folder, as `eventwire watch` does",
    )
    _feed_arguments(parser)
    parser.set_defaults(run=cmd_serve)


def _demo_parser(commands: Commands) -> None:
    from ..stages.read import SAMPLES_VARIABLE

    parser = _command(
        commands,
        "demo",
        "Run on the sample articles, store the events in DuckDB and print them.",
        "eventwire demo --db eventwire.duckdb",
    )
    parser.add_argument(
        "--path",
        help="folder of articles (default: $"
        f"{SAMPLES_VARIABLE}, else examples/articles of the source checkout)",
    )
    _db_argument(parser)
    parser.add_argument("--date", type=_date, help="article date for articles that have none")
    parser.set_defaults(run=cmd_demo)


def _actors_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "actors",
        "Show how each actor mention is resolved, with its evidence; "
        "'actors import FILE' converts a PETRARCH/Phoenix actor dictionary into a people file.",
        'eventwire actors "US Secretary of State Antony Blinken met Sergei Lavrov." '
        "--date 2022-01-21",
    )
    parser.add_argument("input", nargs="*", help="TEXT, a file, or: import FILE")
    parser.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (offices are looked up on it)"
    )
    parser.add_argument("--out", help="with import: where to write the people YAML file")
    parser.set_defaults(run=cmd_actors)


def _times_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "times",
        "Show every time expression with its type, TIMEX3 value and anchor.",
        'eventwire times "Talks are planned in Geneva on January 10th." --date 2022-01-07',
    )
    parser.add_argument("input", nargs="+", help="TEXT or a file")
    parser.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (inferred from the text when absent)"
    )
    parser.set_defaults(run=cmd_times)


def _quotes_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "quotes",
        "Show who said what in articles: speaker, cue, medium and content.",
        "eventwire quotes examples/articles/04-geneva-capitalnews.txt",
    )
    _input_arguments(parser)
    parser.add_argument("--format", choices=("table", "jsonl"), default="table")
    parser.set_defaults(run=cmd_quotes)


def _classify_pair_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "classify-pair",
        "Give the event type between a known source and target span (JSONL in and out).",
        """echo '{"id":"1","text":"Iran accused Israel of sabotage.","""
        """"source":{"start":0,"end":4},"target":{"start":13,"end":19}}' """
        "| eventwire classify-pair -",
    )
    parser.add_argument(
        "file", nargs="?", help="JSONL file of {id, text, source, target}; '-' or nothing: stdin"
    )
    parser.add_argument(
        "--labels",
        choices=("plover", "plv"),
        default="plover",
        help="plv: merge CONCEDE and RETREAT into YIELD, as the PLV data sets do",
    )
    parser.set_defaults(run=cmd_classify_pair)


def _stories_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "stories",
        "Group articles into stories: one JSON line {id, story} per article, or with "
        "--summary one line per story (articles, actors, places, date span).",
        "eventwire stories examples/articles --summary",
    )
    _input_arguments(parser)
    parser.add_argument(
        "--summary", action="store_true", help="one line per story instead of one per article"
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="place each article for good as it comes (a line per article at once, as extract "
        "does) instead of refining the stories of the whole batch before writing",
    )
    parser.set_defaults(run=cmd_stories)


def _eval_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "eval",
        "Score eventwire on a gold file or folder (see ../shared/gold/README.md), or on our own "
        "articles with their expected events (samples).",
        "eventwire eval extract ../shared/gold",
    )
    parser.add_argument(
        "task",
        help="pairs | events | penta | actors | timex | quotes | dates | stories | extract | "
        "samples (examples/articles or examples/judged)",
    )
    parser.add_argument(
        "gold",
        nargs="?",
        help="the gold file, or the gold folder (each task reads its own files: extract reads "
        "two), or for samples the folder of articles",
    )
    parser.add_argument("--gold", dest="gold_option", metavar="GOLD", help="the same as GOLD")
    parser.add_argument("--limit", type=int, help="score only the first N records (of each file)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--details",
        action="store_true",
        help="samples: list each article's missed and false events with their sentences",
    )
    parser.add_argument(
        "--stories",
        action="store_true",
        help="dates: date undated articles from their stories on ecbplus_stories.jsonl (a third "
        "of the articles whose text states their day lose their time expressions)",
    )
    parser.add_argument(
        "--fold",
        type=int,
        default=None,
        choices=(0, 1, 2),
        help="dates: score every third article only, from this one (0 was used to choose; 1 "
        "and 2 were not); with --stories: which third loses its dates (default 0)",
    )
    parser.set_defaults(run=cmd_eval)


def _store_parser(commands: Commands) -> None:
    parser = _command(
        commands,
        "store",
        "Look after a store: check that it is whole (no duplicates, no orphans, every story's "
        "and merged event's counts equal to their rows; exit 1 when not), back it up to a "
        "folder of Parquet files, or restore such a folder into a new store file.",
        "eventwire store check --db events.duckdb",
    )
    parser.add_argument("action", choices=("check", "backup", "restore"))
    parser.add_argument("folder", nargs="?", help="backup and restore: the backup's folder")
    _db_argument(parser)
    parser.add_argument("--json", action="store_true", help="check: the report as JSON")
    parser.set_defaults(run=cmd_store)


PARSERS = (
    _extract_parser,
    _ingest_parser,
    _query_parser,
    _export_parser,
    _batch_parser,
    _watch_parser,
    _serve_parser,
    _demo_parser,
    _actors_parser,
    _times_parser,
    _quotes_parser,
    _classify_pair_parser,
    _stories_parser,
    _eval_parser,
    _store_parser,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Political event data from news text.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  eventwire extract examples/articles --format table",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for add_parser in PARSERS:
        add_parser(commands)
    return parser
