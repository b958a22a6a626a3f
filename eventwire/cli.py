"""The command line: thin commands over library functions.

Exit codes: 0 all good, 1 some input failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from .errors import EventwireError

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples" / "articles"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _progress(items, enabled: bool, description: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, unit=" articles", file=sys.stderr)


def _pipeline():
    from .pipeline import Pipeline
    from .settings import load_settings

    return Pipeline(load_settings(), on_error="record")


# ---------------------------------------------------------------- commands
def cmd_extract(args: argparse.Namespace) -> int:
    from . import serialize
    from .pipeline import is_failure

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    failed = False
    out = sys.stdout
    if args.cameo:
        fmt = "cameo"
        out.write("\t".join(serialize.CAMEO_COLUMNS) + "\n")
    if fmt == "csv":
        out.write(serialize.csv_header())
    from .merge import StoryLinker

    linker = None if args.no_stories else StoryLinker()
    for item in _progress(_coded(args, linker), args.progress, "extract"):
        failed |= is_failure(item)
        if fmt == "jsonl":
            out.write(serialize.to_jsonl(item) + "\n")
        elif fmt == "csv":
            out.write(serialize.csv_lines(item))
        elif fmt == "cameo":
            out.write(serialize.cameo_lines(item))
        else:
            out.write("\n".join(serialize.table_lines(item)) + "\n")
    return 1 if failed else 0


def _coded(args: argparse.Namespace, linker=None, refine: bool = False) -> Iterator:
    """The pipeline's results for a command's inputs (``paths``, ``--input-format``, ``--date``),
    linked into stories by ``linker`` when given (as one refined batch with ``refine``); each input
    that failed or read with warnings gets its line on stderr first."""
    from .stages.read import read_inputs

    items = _pipeline().run(read_inputs(args.paths or ["-"], args.input_format, args.date))
    for item in linker.link_all(items, refine) if linker is not None else items:
        _report(item)
        yield item


def _report(item) -> None:
    """One line on stderr per input that failed or read with warnings."""
    from .model import Problem

    problems = (
        [item]
        if isinstance(item, Problem)
        else [p for p in item.problems if p.code == "invalid_encoding"]
    )
    for problem in problems:
        print(f"eventwire: {problem.message}", file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    from . import serialize
    from .pipeline import is_failure
    from .stages.read import read_inputs
    from .store import Store

    source = Path(args.path)
    if not source.exists():
        print(f"eventwire: no sample articles at {source}; pass --path", file=sys.stderr)
        return 2
    from .merge import StoryLinker

    pipeline = _pipeline()
    linker = StoryLinker()
    results = list(
        linker.link_all(
            pipeline.run(_progress(read_inputs([str(source)], "auto", args.date), True, "demo")),
            refine=True,
        )
    )
    with Store(args.db) as store:
        counts = store.write(
            results, run_id=uuid.uuid4().hex[:12], data_version=pipeline.data_version
        )
        merged = store.write_canonical(linker.merger.events())
        store.write_stories(linker.clusterer.stories())
        stored = store.count("events")
    for item in results:
        print("\n".join(serialize.table_lines(item)))
    print(
        f"\n{counts['articles']} articles in {len(linker.clusterer.clusters)} stories, {counts['events']} events "
        f"({merged} after merging across articles) written to {args.db} ({stored} events stored in all).\n"
        f"Query them with: eventwire query --db {args.db} --actor Blinken\n"
        f"See them with:   eventwire serve --db {args.db}  then open http://127.0.0.1:8000/ "
        f"(the dashboard; the API docs are at /docs)"
    )
    return 1 if any(is_failure(item) for item in results) else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Code articles and store them: idempotent by article id, one transaction per article."""
    from .merge import StoryLinker
    from .model import Problem
    from .pipeline import is_failure
    from .stages.read import read_inputs
    from .store import Store

    pipeline = _pipeline()
    run_id = uuid.uuid4().hex[:12]
    counts = {"articles": 0, "events": 0, "problems": 0, "unchanged": 0}
    failed = False
    with Store(args.db) as store:
        linker = StoryLinker.resume(store)
        stored = {} if args.force else store.stored_versions()
        touched: set[str] = set()

        def fresh(items):
            # an article stored before from the same text by the same data is skipped: re-ingesting
            # changes nothing, and an interrupted ingest resumes where it stopped
            for item in items:
                if not isinstance(item, Problem) and stored.get(item.id) == (
                    item.text,
                    pipeline.data_version,
                ):
                    counts["unchanged"] += 1
                    continue
                yield item

        def flush(buffer):
            written = store.write(buffer, run_id=run_id, data_version=pipeline.data_version)
            for key in ("articles", "events", "problems"):
                counts[key] += written[key]
            buffer.clear()

        # committed every INGEST_BATCH articles: an interruption costs at most that many, coded again
        # on the next run (they were not stored, so they are not skipped)
        buffer: list = []
        items = read_inputs(args.paths or ["-"], args.input_format, args.date)
        coded = pipeline.run(fresh(items))
        # refined, the run's articles are all coded before any is linked or stored
        linked = (
            linker.link_all(_progress(coded, not args.quiet, "ingest"), refine=True)
            if args.refine
            else _progress(linker.link_all(coded), not args.quiet, "ingest")
        )
        for item in linked:
            _report(item)
            failed |= is_failure(item)
            if getattr(item, "story", None):
                touched.add(item.story)
            buffer.append(item)
            if len(buffer) >= INGEST_BATCH:
                flush(buffer)
        flush(buffer)
        linker.save(store, touched)
        store.connection.execute(
            "UPDATE runs SET articles = ?, events = ?, problems = ? WHERE id = ?",
            [counts["articles"], counts["events"], counts["problems"], run_id],
        )
    print(
        f"{counts['articles']} articles stored ({counts['unchanged']} unchanged, skipped), {counts['events']} "
        f"events, {counts['problems']} problems, in {args.db} (run {run_id}).",
        file=sys.stderr,
    )
    return 1 if failed else 0


INGEST_BATCH = 50


def _db_argument(sub: argparse.ArgumentParser) -> None:
    """``--db``: the store a command reads or writes (main() fills in the configured default)."""
    sub.add_argument(
        "--db", default=None, help="DuckDB file (default: $EVENTWIRE_DB or eventwire.duckdb)"
    )


def _filters(args: argparse.Namespace) -> dict:
    from .store import FILTERS

    return {key: getattr(args, key) for key in FILTERS if getattr(args, key, None) is not None}


def cmd_query(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(args.db) as store:
        rows = store.query_events(
            _filters(args), limit=args.limit, offset=args.offset, sort=args.sort
        )
    if args.format == "jsonl":
        from .export import _json_value

        for row in rows:
            print(json.dumps(row, default=_json_value, ensure_ascii=False))
        return 0
    for row in rows:
        date = row["date"].isoformat() if row["date"] else "????-??-??"
        source = f"{row['source_name'] or '-'} ({row['source_country'] or '?'})"
        target = f"{row['target_name'] or '-'} ({row['target_country'] or '?'})"
        print(
            f"{date}  {row['type']:<9} {source[:34]:<34} -> {target[:34]:<34} {row['outlet'] or ''}"
        )
        print(f"            {' '.join((row['sentence'] or '').split())[:140]}")
    print(f"{len(rows)} events (limit {args.limit}, offset {args.offset})", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import Store

    with Store(args.db) as store:
        if args.format == "parquet" or args.output:
            if args.format == "parquet":
                count = export(store, args.format, path=args.output, filters=_filters(args))
            else:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    count = export(store, args.format, out=out, filters=_filters(args))
        else:
            count = export(store, args.format, out=sys.stdout, filters=_filters(args))
    print(f"{count} rows written{' to ' + args.output if args.output else ''}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .api import serve
    from .settings import load_settings

    if not Path(args.db).exists():
        print(
            f"eventwire: no store at {args.db}; run 'eventwire ingest' or 'eventwire demo' first, or pass --db",
            file=sys.stderr,
        )
        return 2
    print(
        f"eventwire: serving {args.db}: dashboard at http://{args.host}:{args.port}/, API docs at /docs",
        file=sys.stderr,
    )
    serve(args.db, args.host, args.port, load_settings().api_token)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run

    if not args.scheduler and not args.local:
        print("eventwire: give --scheduler tcp://HOST:8786 or --local N", file=sys.stderr)
        return 2
    if args.load_into and args.format != "parquet":
        print(
            "eventwire: --db loads the Parquet parts into the store: add --format parquet",
            file=sys.stderr,
        )
        return 2
    totals = run(
        args.paths, args.output, args.format, args.scheduler, args.local, args.date, not args.quiet
    )
    if args.load_into:
        from .merge import StoryLinker
        from .store import Store

        with Store(args.load_into) as store:
            loaded = store.import_parts(args.output, run_id=f"batch-{uuid.uuid4().hex[:12]}")
            # stories and merged events work across articles: the loaded articles are linked here, in
            # date order, on from the stories the store already holds
            linked = StoryLinker.resume(store).link_store(store)
        print(
            f"loaded {loaded['articles']} articles and {loaded['events']} events into {args.load_into}; "
            f"{linked} articles linked into stories",
            file=sys.stderr,
        )
    print(
        f"{totals['articles']} articles coded, {totals['failed']} inputs failed, {totals['events']} events, "
        f"{totals['problems']} problems; {totals['chunks']} chunks ({totals['skipped']} already written); "
        f"{totals['seconds']} s, {totals['articles_per_second']} articles/s; parts in {args.output}",
        file=sys.stderr,
    )
    return 1 if totals["failed"] else 0


def cmd_watch(args: argparse.Namespace) -> int:
    from .store import Store
    from .watch import Watcher

    if args.folder is None and args.feed is None:
        print("eventwire: give a folder to watch, --feed FILE.jsonl, or both", file=sys.stderr)
        return 2
    folder = Path(args.folder) if args.folder else None
    feed = Path(args.feed) if args.feed else None
    if folder is not None and not folder.is_dir():
        print(f"eventwire: {folder} is not a folder", file=sys.stderr)
        return 2
    with Store(args.db) as store:
        watcher = Watcher(store, _pipeline(), idle=args.idle)
        print(
            f"eventwire: watching {folder or ''}{' and ' if folder and feed else ''}{feed or ''} into {args.db}"
            f"{'' if args.once else ' (Ctrl-C stops)'}",
            file=sys.stderr,
        )
        started = time.perf_counter()
        try:
            for counts in watcher.run(folder, feed, args.interval, args.once):
                if counts["articles"] or counts["failed"]:
                    print(
                        f"{time.strftime('%H:%M:%S')} {counts['articles']} articles, {counts['events']} events, "
                        f"{counts['failed']} failed, in {counts['seconds']} s",
                        file=sys.stderr,
                        flush=True,
                    )
        except KeyboardInterrupt:
            pass
        seconds = time.perf_counter() - started
        totals = watcher.totals
        print(
            f"{totals['articles']} articles coded ({totals['articles'] / max(seconds, 1e-9):.1f}/s over "
            f"{seconds:.0f} s), {totals['events']} events, {totals['failed']} inputs failed, "
            f"{totals['problems']} problems.",
            file=sys.stderr,
        )
    return 1 if watcher.totals["failed"] else 0


def cmd_actors(args: argparse.Namespace) -> int:
    if args.input and args.input[0] == "import":
        return _import_actors(args)
    from .model import Article
    from .stages.read import article_id

    if not args.input:
        print("eventwire: give TEXT, a file, or 'import FILE'", file=sys.stderr)
        return 2
    source = " ".join(args.input)
    path = Path(source)
    text = (
        path.read_text(encoding="utf-8", errors="replace")
        if len(args.input) == 1 and _is_file(path)
        else source
    )
    result = _pipeline().extract(
        Article(id=article_id(text), text=text, date=args.date, origin=source[:40])
    )
    for mention in result.mentions:
        actor = mention.actor
        code = "/".join(x for x in (actor.country, actor.sector) if x) or "-"
        print(
            f"{mention.start:>5}-{mention.end:<5} {mention.text[:40]:<40} {actor.name[:28]:<28} {code:<9} "
            f"{mention.kind:<16} {mention.evidence}"
        )
    for problem in result.problems:
        if problem.code == "role_conflict":
            print(f"! {problem.code}: {problem.message}")
    return 0


def _import_actors(args: argparse.Namespace) -> int:
    from .lexicons import read_petrarch_actors, write_people_yaml

    if len(args.input) != 2:
        print("eventwire: usage: eventwire actors import FILE [--out PATH]", file=sys.stderr)
        return 2
    people = read_petrarch_actors(args.input[1])
    out = args.out or str(
        Path.home() / ".config/eventwire/data/people" / (Path(args.input[1]).stem + ".yaml")
    )
    write_people_yaml(
        people, out, f"imported from the PETRARCH/Phoenix dictionary {Path(args.input[1]).name}"
    )
    print(
        f"{len(people)} actors written to {out}; add its data folder to data_dirs in your config to use them"
    )
    return 0


def cmd_times(args: argparse.Namespace) -> int:
    from .model import Article
    from .stages.read import article_id

    source = " ".join(args.input)
    path = Path(source)
    text = (
        path.read_text(encoding="utf-8", errors="replace")
        if len(args.input) == 1 and _is_file(path)
        else source
    )
    if not text.strip():
        print("eventwire: give TEXT or a file", file=sys.stderr)
        return 2
    result = _pipeline().extract(
        Article(id=article_id(text), text=text, date=args.date, origin=source[:40])
    )
    anchor = result.article.date
    print(f"anchor: {anchor or 'none'} ({result.date_source or 'no date'})")
    if result.date_estimate is not None:
        print(f"article date inferred: {result.date_estimate.describe()}")
    for expression in result.times:
        print(
            f"{expression.start:>5}-{expression.end:<5} {expression.text[:30]:<30} {expression.type:<9} "
            f"{expression.value:<16} {'relative' if expression.is_relative else 'explicit'}"
        )
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from . import serialize
    from .pipeline import is_failure

    failed = False
    for item in _coded(args):
        failed |= is_failure(item)
        if args.format == "jsonl":
            record = serialize.result_record(item)
            print(json.dumps({"id": record["id"], "quotes": record["quotes"]}, ensure_ascii=False))
        else:
            print("\n".join(serialize.quote_lines(item)))
    return 1 if failed else 0


def _is_file(path: Path) -> bool:
    """True for an existing file; a long TEXT argument is no file name (the OS refuses to look it up)."""
    try:
        return path.is_file()
    except OSError:
        return False


def cmd_classify_pair(args: argparse.Namespace) -> int:
    from .evaluate import GOLD_TYPE

    pipeline = _pipeline()
    from_stdin = args.file in (None, "-")
    handle = sys.stdin if from_stdin else open(args.file, encoding="utf-8")
    name = "<stdin>" if from_stdin else args.file
    failed = False
    pending: list[tuple[object, tuple[str, tuple[int, int], tuple[int, int]]]] = []

    def flush() -> None:
        events = pipeline.classify_pairs([pair for _, pair in pending])
        for record_id, event in zip((i for i, _ in pending), events):
            label = event.type if event else None
            if label and args.labels == "plv":
                label = GOLD_TYPE.get(label, label)
            print(
                json.dumps(
                    {
                        "id": record_id,
                        "type": label,
                        "mode": event.mode if event else None,
                        "confidence": event.confidence if event else 0.0,
                    }
                ),
                flush=True,
            )
        pending.clear()

    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                source = (int(record["source"]["start"]), int(record["source"]["end"]))
                target = (int(record["target"]["start"]), int(record["target"]["end"]))
                if (
                    not isinstance(text, str)
                    or not (0 <= source[0] < source[1] <= len(text))
                    or not (0 <= target[0] < target[1] <= len(text))
                ):
                    raise ValueError("spans must lie inside the text, start < end")
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                print(
                    f"eventwire: {name}:{number}: need text, source and target spans ({error})",
                    file=sys.stderr,
                )
                failed = True
                continue
            pending.append((record.get("id"), (text, source, target)))
            if len(pending) >= PAIR_BATCH:
                flush()
    flush()
    return 1 if failed else 0


PAIR_BATCH = 32  # pairs read by the encoder at once


def cmd_stories(args: argparse.Namespace) -> int:
    from .merge import StoryLinker
    from .model import Result
    from .pipeline import is_failure

    linker = StoryLinker()
    failed = False
    for item in _coded(args, linker, refine=not args.stream):
        failed |= is_failure(item)
        if isinstance(item, Result) and not args.summary:
            print(
                json.dumps({"id": item.article.id, "story": item.story}, ensure_ascii=False),
                flush=True,
            )
    if args.summary:
        for record in linker.summary():
            print(json.dumps(record, ensure_ascii=False))
    return 1 if failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import TASKS, evaluate, format_table

    if args.task not in TASKS:
        print(
            f"eventwire: unknown task {args.task!r}; choose from {', '.join(TASKS)}",
            file=sys.stderr,
        )
        return 2
    report = evaluate(args.task, args.gold, limit=args.limit)
    print(json.dumps(report, indent=2) if args.json else format_table(report))
    return 0


# ---------------------------------------------------------------- parser
def _input_arguments(parser: argparse.ArgumentParser) -> None:
    """The article inputs every coding command reads (see ``_coded``)."""
    parser.add_argument("paths", nargs="*", help="files or folders; '-' or nothing reads stdin")
    parser.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (a JSONL record's own date wins)"
    )
    parser.add_argument("--input-format", choices=("auto", "text", "html", "jsonl"), default="auto")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Political event data from news text.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  eventwire extract examples/articles --format table",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"Example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    extract = command(
        "extract",
        "Code the events in articles (files, folders or - for stdin).",
        "eventwire extract article.txt --date 2022-01-07 --format jsonl",
    )
    _input_arguments(extract)
    extract.add_argument(
        "--format",
        choices=("jsonl", "csv", "table"),
        help="output format (default: table on a terminal, else jsonl)",
    )
    extract.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    extract.add_argument(
        "--cameo",
        action="store_true",
        help="write CAMEO-coded tab-separated events (ICEWS/GDELT style: USAGOV, 138, QuadClass)",
    )
    extract.add_argument(
        "--no-stories",
        action="store_true",
        help="skip grouping articles into stories and merging their events (no story or "
        "canonical_id in the output)",
    )
    extract.set_defaults(run=cmd_extract)

    ingest = command(
        "ingest",
        "Code articles and store them in DuckDB (idempotent by article id; resumes).",
        "eventwire ingest corpus/ --db events.duckdb",
    )
    _input_arguments(ingest)
    _db_argument(ingest)
    ingest.add_argument(
        "--force", action="store_true", help="code and store again articles already stored"
    )
    ingest.add_argument(
        "--refine",
        action="store_true",
        help="refine this run's stories as a batch (as `eventwire stories` does) before storing: "
        "better stories; articles stored before keep theirs; nothing is stored until all "
        "are coded, so an interrupted run starts again",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(run=cmd_ingest)

    def filter_arguments(sub: argparse.ArgumentParser) -> None:
        _db_argument(sub)
        sub.add_argument("--actor", help="actor name (part of it) or code: RUS, USAGOV")
        sub.add_argument("--country", help="source or target country code")
        sub.add_argument("--sector", help="source or target sector code (GOV, MIL, ...)")
        sub.add_argument("--type", help="PLOVER event type")
        sub.add_argument("--quad-class", dest="quad_class", help="1-4")
        sub.add_argument("--since", help="first event date, YYYY-MM-DD")
        sub.add_argument("--until", help="last event date, YYYY-MM-DD")
        sub.add_argument("--story", help="story id")
        sub.add_argument("--outlet", help="outlet name (part of it)")
        sub.add_argument("--q", help="words in the evidence sentence")

    query = command(
        "query",
        "Filter the stored events and print them (table or JSON Lines).",
        "eventwire query --actor Blinken --type THREATEN --since 2022-01-01",
    )
    filter_arguments(query)
    query.add_argument("--format", choices=("table", "jsonl"), default="table")
    query.add_argument("--limit", type=int, default=100)
    query.add_argument("--offset", type=int, default=0)
    query.add_argument(
        "--sort", default="date", help="date, -date, intensity, -intensity, type, confidence"
    )
    query.set_defaults(run=cmd_query)

    export_command = command(
        "export",
        "Export stored events: parquet, csv, jsonl, gdelt (TSV) or plover (JSON).",
        "eventwire export --format gdelt --output events.tsv --country UKR",
    )
    filter_arguments(export_command)
    export_command.add_argument(
        "--format", required=True, choices=("parquet", "csv", "jsonl", "gdelt", "plover")
    )
    export_command.add_argument(
        "--output", help="file to write (required for parquet; default: standard output)"
    )
    export_command.set_defaults(run=cmd_export)

    batch = command(
        "batch",
        "Code a large corpus on a Dask cluster; write the results in parts (resumable).",
        "eventwire batch 'corpus/**/*.jsonl' --local 2 --output out/",
    )
    batch.add_argument("paths", nargs="+", help="files, folders or globs")
    batch.add_argument("--output", required=True, help="folder for the parts")
    batch.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    batch.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://HOST:8786")
    batch.add_argument("--local", type=int, help="start a local cluster of N worker processes")
    batch.add_argument("--date", type=_date, help="article date for articles that have none")
    batch.add_argument("--quiet", action="store_true", help="no progress bar")
    # its own name: main() fills a missing "db" with the default store, and batch loads only when asked
    batch.add_argument(
        "--db",
        dest="load_into",
        help="then load the parts into this DuckDB store and record the run (parquet)",
    )
    batch.set_defaults(run=cmd_batch)

    watch = command(
        "watch",
        "Follow a folder and/or a growing JSON Lines feed into the store, with stories.",
        "eventwire watch incoming/ --feed wire.jsonl --db events.duckdb",
    )
    watch.add_argument("folder", nargs="?", help="folder that article files arrive in")
    watch.add_argument("--feed", help="JSON Lines file that records are appended to")
    _db_argument(watch)
    watch.add_argument(
        "--interval", type=float, default=5.0, help="seconds between looks (default 5)"
    )
    watch.add_argument("--once", action="store_true", help="code what is there now, then stop")
    watch.add_argument(
        "--idle",
        type=int,
        default=None,
        help="forget stories no article joined in this many articles (bounded memory; default 20,000)",
    )
    watch.set_defaults(run=cmd_watch)

    serve_command = command(
        "serve",
        "Serve the store over HTTP: the dashboard at /, the REST API (docs at /docs).",
        "eventwire serve --db eventwire.duckdb --port 8000",
    )
    _db_argument(serve_command)
    serve_command.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback)"
    )
    serve_command.add_argument("--port", type=int, default=8000)
    serve_command.set_defaults(run=cmd_serve)

    demo = command(
        "demo",
        "Run on the bundled sample articles, store the events in DuckDB and print them.",
        "eventwire demo --db eventwire.duckdb",
    )
    demo.add_argument(
        "--path", default=str(EXAMPLES_DIR), help="folder of articles (default: the samples)"
    )
    _db_argument(demo)
    demo.add_argument("--date", type=_date, help="article date for articles that have none")
    demo.set_defaults(run=cmd_demo)

    actors = command(
        "actors",
        "Show how each actor mention is resolved, with its evidence; "
        "'actors import FILE' converts a PETRARCH/Phoenix actor dictionary into a people file.",
        'eventwire actors "US Secretary of State Antony Blinken met Sergei Lavrov." --date 2022-01-21',
    )
    actors.add_argument("input", nargs="*", help="TEXT, a file, or: import FILE")
    actors.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (offices are looked up on it)"
    )
    actors.add_argument("--out", help="with import: where to write the people YAML file")
    actors.set_defaults(run=cmd_actors)

    times = command(
        "times",
        "Show every time expression with its type, TIMEX3 value and anchor.",
        'eventwire times "Talks are planned in Geneva on January 10th." --date 2022-01-07',
    )
    times.add_argument("input", nargs="+", help="TEXT or a file")
    times.add_argument(
        "--date", type=_date, help="article date YYYY-MM-DD (inferred from the text when absent)"
    )
    times.set_defaults(run=cmd_times)

    quotes = command(
        "quotes",
        "Show who said what in articles: speaker, cue, medium and content.",
        "eventwire quotes examples/articles/04-geneva-capitalnews.txt",
    )
    _input_arguments(quotes)
    quotes.add_argument("--format", choices=("table", "jsonl"), default="table")
    quotes.set_defaults(run=cmd_quotes)

    pair = command(
        "classify-pair",
        "Give the event type between a known source and target span (JSONL in and out).",
        """echo '{"id":"1","text":"Iran accused Israel of sabotage.","source":{"start":0,"end":4},"""
        """"target":{"start":13,"end":19}}' | eventwire classify-pair -""",
    )
    pair.add_argument(
        "file", nargs="?", help="JSONL file of {id, text, source, target}; '-' or nothing: stdin"
    )
    pair.add_argument(
        "--labels",
        choices=("plover", "plv"),
        default="plover",
        help="plv: merge CONCEDE and RETREAT into YIELD, as the PLV data sets do",
    )
    pair.set_defaults(run=cmd_classify_pair)

    stories = command(
        "stories",
        "Group articles into stories: one JSON line {id, story} per article, or with "
        "--summary one line per story (articles, actors, places, date span).",
        "eventwire stories examples/articles --summary",
    )
    _input_arguments(stories)
    stories.add_argument(
        "--summary", action="store_true", help="one line per story instead of one per article"
    )
    stories.add_argument(
        "--stream",
        action="store_true",
        help="place each article for good as it comes (a line per article at once, as extract "
        "does) instead of refining the stories of the whole batch before writing",
    )
    stories.set_defaults(run=cmd_stories)

    evaluate = command(
        "eval",
        "Score eventwire on a gold file (see ../shared/gold/README.md).",
        "eventwire eval pairs --gold ../shared/gold/plv_train_pairs.jsonl",
    )
    evaluate.add_argument(
        "task",
        help="pairs | events | penta | actors | timex | quotes | dates | stories | "
        "samples (--gold examples/articles)",
    )
    evaluate.add_argument("--gold", required=True, help="the gold JSONL file")
    evaluate.add_argument("--limit", type=int, help="score only the first N records")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(run=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "db", "unset") is None:
        from .settings import load_settings

        args.db = load_settings().db
    try:
        return args.run(args)
    except EventwireError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
