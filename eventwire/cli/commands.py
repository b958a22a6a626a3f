"""The commands: each a thin wrapper over a library function, printing what it returns.

Exit codes: 0 all good, 1 some input failed, 2 usage error (and a store another process
holds: ``busy_line`` says which and what to do instead).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import StoreBusy
    from ..owner import Owner
    from ..remote import Server, ServerError


def _progress(items: Iterable, enabled: bool, description: str) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, unit=" articles", file=sys.stderr)


def _settings(args: argparse.Namespace | None = None):
    """The user's settings, with the command's ``--now`` over them when given."""
    from ..settings import load_settings

    settings = load_settings()
    now = getattr(args, "now", None)
    return settings if now is None else dataclasses.replace(settings, now=now)


def _pipeline(args: argparse.Namespace | None = None, paths: list[str] | None = None):
    """The pipeline for a command. Without a set day, undated articles are read against the
    newest date the inputs give, found by reading them once before coding, so an article is
    coded the same whatever comes before it in the input (stdin can only be read once: there
    the pipeline takes the newest date seen so far)."""
    from ..pipeline import Pipeline
    from ..stages.read import newest_date, read_inputs

    settings = _settings(args)
    paths = paths if paths is not None else getattr(args, "paths", None)
    if settings.now is None and paths and "-" not in paths:
        items = read_inputs(
            paths, getattr(args, "input_format", "auto"), getattr(args, "date", None)
        )
        settings = dataclasses.replace(settings, now=newest_date(items))
    return Pipeline(settings, on_error="record")


def _read(args: argparse.Namespace) -> Iterator:
    """The articles of a command's inputs (``paths``, ``--input-format``, ``--date``)."""
    from ..stages.read import read_inputs

    return read_inputs(args.paths or ["-"], args.input_format, args.date)


# ---------------------------------------------------------------- who holds the store
@contextmanager
def _writing(db: str, command: str) -> Iterator:
    """The store at ``db`` open for writing, with this process named in its owner file;
    ``StoreBusy`` (before any model is loaded) when another process holds it."""
    import signal
    import threading

    from ..owner import claim
    from ..store import Store

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM ends the command as Ctrl-C does: blocks close cleanly

    is_main = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGTERM, stop) if is_main else None
    try:
        with Store(db) as store, claim(db, f"eventwire {command}"):
            yield store
    finally:
        if is_main:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if before is None else before)


def _holder(db: str) -> Owner | None:
    """The live process other than this one that the store's owner file names, or None."""
    from ..owner import read_owner

    owner = read_owner(db)
    return owner if owner is not None and owner.pid != os.getpid() else None


SERVER_START = 60.0  # seconds a starting server may take to answer before we give up on it


def _server(db: str, token: str | None = None, wait: float = SERVER_START) -> Server | None:
    """The running server that holds ``db`` (``eventwire serve``, answering), or None. A
    server still starting (loading its model) is given ``wait`` seconds to answer."""
    from ..remote import Server, ServerError

    owner = _holder(db)
    if owner is None or owner.url is None:
        return None
    server = Server(owner.url, token, timeout=10)
    deadline = time.monotonic() + wait
    while True:
        try:
            server.health()
            return Server(owner.url, token)
        except ServerError:
            if time.monotonic() > deadline or _holder(db) is None:
                return None  # not answering, or gone: the store's own lock decides
            time.sleep(0.5)


def _busy(db: str, owner: Owner) -> StoreBusy:
    """``StoreBusy`` for the store ``owner`` (from its owner file) holds."""
    from ..errors import StoreBusy

    return StoreBusy(db, owner.pid, owner.command, owner.url)


def busy_line(error: StoreBusy, command: str) -> str:
    """The one line a command prints when another process holds its store (a ``StoreBusy``):
    who holds it, and what to do instead."""
    db = error.path
    if error.url:
        advice = {
            "watch": "run the live feed in the server instead: stop it and start "
            f"`eventwire serve --db {db} --watch FOLDER` (or --feed FILE.jsonl)",
            "serve": f"it is already being served: open {error.url}/",
            "demo": "stop it first, or give the demo another --db",
        }.get(command, f"stop it first, or work through its API ({error.url}/docs)")
    elif command in ("query", "export"):
        advice = (
            "wait for it to finish; to read while the store is written, let `eventwire serve "
            f"--db {db}` do the writing (--watch for a live feed; ingest hands it its articles)"
        )
    elif command == "serve":
        advice = (
            "wait for it to finish (or stop it), then serve; a live feed can run inside the "
            f"server: `eventwire serve --db {db} --watch FOLDER`"
        )
    elif command == "watch":
        advice = (
            "wait for it to finish, or stop it and run the feed inside the server: "
            f"`eventwire serve --db {db} --watch FOLDER`"
        )
    elif command == "demo":
        advice = "wait for it to finish, or give the demo another --db"
    else:
        advice = (
            f"wait for it to finish; to share the store, run `eventwire serve --db {db}` "
            "(ingest and batch --db hand their work to a running server)"
        )
    return f"{db} is held by {error.holder()}: {advice}"


def _refusal(error: ServerError, db: str) -> str:
    """The one line for a write the server holding ``db`` refused (a ``ServerError``)."""
    if error.status == 403:
        return (
            f"{db} is held by the server at {error.url}, which takes no writes (no api_token in "
            "its config): set api_token there and restart it, or stop it and run this again"
        )
    if error.status == 401:
        return (
            f"{db} is held by the server at {error.url}, which refused our token: set api_token "
            "in the config (or $EVENTWIRE_CONFIG) to the server's"
        )
    return str(error)


# ---------------------------------------------------------------- commands
def cmd_extract(args: argparse.Namespace) -> int:
    from .. import serialize
    from ..merge import StoryLinker
    from ..pipeline import is_failure

    fmt = "cameo" if args.cameo else args.format or ("table" if sys.stdout.isatty() else "jsonl")
    writers: dict[str, Callable] = {
        "jsonl": lambda item: serialize.to_jsonl(item) + "\n",
        "csv": serialize.csv_lines,
        "cameo": serialize.cameo_lines,
        "table": lambda item: "\n".join(serialize.table_lines(item)) + "\n",
    }
    headers = {"cameo": "\t".join(serialize.CAMEO_COLUMNS) + "\n", "csv": serialize.csv_header()}
    sys.stdout.write(headers.get(fmt, ""))
    failed = False
    linker = None if args.no_stories else StoryLinker()
    for item in _progress(_coded(args, linker), args.progress, "extract"):
        failed |= is_failure(item)
        sys.stdout.write(writers[fmt](item))
    return 1 if failed else 0


def _coded(
    args: argparse.Namespace, linker=None, refine: bool = False, redate: bool = True
) -> Iterator:
    """The pipeline's results for a command's inputs, linked into stories by ``linker`` when
    given (as one refined batch with ``refine``), undated articles then (``redate``) dated from
    their stories and given last (``story_dates.StoryDater``); each input that failed or read
    with warnings gets its line on stderr first."""
    from ..story_dates import StoryDater

    pipeline = _pipeline(args)
    items = pipeline.run(_read(args))
    if linker is not None and redate:
        items = StoryDater(pipeline, linker).date_all(linker.link_all(items, refine))
    elif linker is not None:
        items = linker.link_all(items, refine)
    for item in items:
        _report(item)
        yield item


def _report(item) -> None:
    """One line on stderr per input that failed or read with warnings."""
    from ..model import Problem

    problems = (
        [item]
        if isinstance(item, Problem)
        else [p for p in item.problems if p.code == "invalid_encoding"]
    )
    for problem in problems:
        print(f"eventwire: {problem.message}", file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    from .. import serialize
    from ..ingest import ingest
    from ..merge import StoryLinker
    from ..stages.read import SAMPLES_VARIABLE, read_inputs, sample_articles

    source = Path(args.path) if args.path else sample_articles()
    if not source.is_dir():
        print(
            f"eventwire: no sample articles at {source}: they come with the source checkout "
            f"(examples/articles); pass --path FOLDER or set {SAMPLES_VARIABLE}",
            file=sys.stderr,
        )
        return 2
    results: list = []
    with _writing(args.db, "demo") as store:
        items = _progress(read_inputs([str(source)], "auto", args.date), True, "demo")
        # every sample coded again, its stories afresh and refined as one batch
        summary = ingest(
            items,
            store,
            _pipeline(args, [str(source)]),
            skip_unchanged=False,
            refine=True,
            linker=StoryLinker(),
            on_item=results.append,
        )
        stored = store.count("events")
    for item in results:
        print("\n".join(serialize.table_lines(item)))
    print(
        f"\n{summary.articles} articles in {summary.stories} stories, {summary.events} events "
        f"({summary.merged_events} after merging across articles) written to {args.db} "
        f"({stored} events stored in all).\n"
        f"Query them with: eventwire query --db {args.db} --actor Blinken\n"
        f"See them with:   eventwire serve --db {args.db}  then open http://127.0.0.1:8000/ "
        f"(the dashboard; the API docs are at /docs)"
    )
    return 1 if summary.failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Code articles and store them: idempotent by article id, committed every ``COMMIT_EVERY``
    articles (see ``ingest.ingest``). When a running server holds the store, the articles are
    handed to it (``_ingest_through``)."""
    server = _server(args.db, _settings(args).api_token)
    if server is not None:
        return _ingest_through(server, args)
    with _writing(args.db, "ingest") as store:
        from ..ingest import ingest

        summary = ingest(
            _read(args),
            store,
            _pipeline(args),
            skip_unchanged=not args.force,
            commit_every=max(1, args.commit_every),
            refine=args.refine,
            progress=lambda coded: _progress(coded, not args.quiet, "ingest"),
            on_item=_report,
        )
    print(
        f"{summary.articles} articles stored ({summary.unchanged} unchanged, skipped), "
        f"{summary.events} events, {summary.problems} problems, in {args.db} "
        f"(run {summary.run_id}).",
        file=sys.stderr,
    )
    return 1 if summary.failed else 0


def _ingest_through(server: Server, args: argparse.Namespace) -> int:
    """``ingest`` into a store a server holds: the articles are read here and sent to its
    ``POST /ingest`` in batches; the server codes and stores them."""
    from ..remote import Handed, ServerError

    if not server.health().get("writable"):
        print(f"eventwire: {_refusal(ServerError(server.url, 403, ''), args.db)}", file=sys.stderr)
        return 2
    print(
        f"eventwire: {args.db} is held by the server at {server.url}: handing the articles "
        "to it (it codes them again even if stored before, against its own 'now')",
        file=sys.stderr,
    )
    failed: list = []

    def unreadable(problem) -> None:
        failed.append(problem)
        _report(problem)

    handed = Handed()
    items = _progress(_read(args), not args.quiet, "ingest")
    try:
        server.ingest(items, handed, unreadable)
    except ServerError as error:
        print(f"eventwire: {_refusal(error, args.db)}", file=sys.stderr)
        if handed.articles:
            print(f"eventwire: {handed.articles} articles were stored before", file=sys.stderr)
        return 2
    for reason in handed.refused:
        print(f"eventwire: {reason}", file=sys.stderr)
    print(
        f"{handed.articles} articles stored by the server at {server.url}, {handed.events} "
        f"events, {handed.problems} problems, in {args.db} ({handed.requests} requests).",
        file=sys.stderr,
    )
    return 1 if failed or handed.refused else 0


def _filters(args: argparse.Namespace) -> dict:
    from ..store import FILTERS

    return {key: getattr(args, key) for key in FILTERS if getattr(args, key, None) is not None}


def cmd_query(args: argparse.Namespace) -> int:
    from ..serialize import json_value
    from ..store import Store

    server = _server(args.db)
    if server is not None:  # the server holds the file: ask it
        from ..remote import RemoteStore

        rows = RemoteStore(server).query_events(
            _filters(args), limit=args.limit, offset=args.offset, sort=args.sort
        )
    else:
        with Store(args.db, read_only=Path(args.db).exists()) as store:  # readers share a file
            rows = store.query_events(
                _filters(args), limit=args.limit, offset=args.offset, sort=args.sort
            )
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, default=json_value, ensure_ascii=False))
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
    from ..export import export
    from ..store import Store

    server = _server(args.db)
    if server is not None:  # the server holds the file: read through it
        return _export_through(server, args)
    with Store(args.db, read_only=Path(args.db).exists()) as store:  # readers share a file
        if args.format == "parquet":
            count = export(store, args.format, path=args.output, filters=_filters(args))
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = export(store, args.format, out=out, filters=_filters(args))
        else:
            count = export(store, args.format, out=sys.stdout, filters=_filters(args))
    print(f"{count} rows written{' to ' + args.output if args.output else ''}", file=sys.stderr)
    return 0


def _export_through(server: Server, args: argparse.Namespace) -> int:
    """``export`` from a store a server holds: the rows are read from its ``GET /events``."""
    from typing import cast

    from ..export import export
    from ..remote import RemoteStore
    from ..store import Store

    if args.format == "parquet":
        print(
            f"eventwire: {args.db} is held by the server at {server.url}: Parquet is written "
            "from the file itself; export csv or jsonl (read through the server), or stop the "
            "server first",
            file=sys.stderr,
        )
        return 2
    # RemoteStore answers the reads export asks of a Store
    store = cast(Store, RemoteStore(server))
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            count = export(store, args.format, out=out, filters=_filters(args))
    else:
        count = export(store, args.format, out=sys.stdout, filters=_filters(args))
    target = " to " + args.output if args.output else ""
    print(f"{count} rows written{target} (read through {server.url})", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..api import serve

    if not Path(args.db).exists() and not (args.watch or args.feed):  # a feed may start one
        print(
            f"eventwire: no store at {args.db}; run 'eventwire ingest' or 'eventwire demo' "
            "first, serve a live feed into a new one (--watch, --feed), or pass --db",
            file=sys.stderr,
        )
        return 2
    folder = Path(args.watch) if args.watch else None
    if folder is not None and not folder.is_dir():
        print(f"eventwire: {folder} is not a folder", file=sys.stderr)
        return 2
    owner = _holder(args.db)
    if owner is not None:
        raise _busy(args.db, owner)
    feed = Path(args.feed) if args.feed else None
    sources = " and ".join(str(source) for source in (folder, feed) if source)

    def opened(url: str) -> None:
        print(
            f"eventwire: serving {args.db}: dashboard at {url}/, API docs at /docs"
            + (f"; coding {sources} as it arrives" if sources else ""),
            file=sys.stderr,
        )

    serve(
        args.db,
        args.host,
        args.port,
        _settings().api_token,
        now=args.now,
        watch=folder,
        feed=feed,
        interval=args.interval,
        idle=args.idle,
        on_open=opened,
    )
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from ..batch import run

    if not args.scheduler and not args.local:
        print("eventwire: give --scheduler tcp://HOST:8786 or --local N", file=sys.stderr)
        return 2
    if args.load_into and args.format != "parquet":
        print(
            "eventwire: --db loads the Parquet parts into the store: add --format parquet",
            file=sys.stderr,
        )
        return 2
    owner = _holder(args.load_into) if args.load_into else None
    if owner is not None and owner.url is None:  # say so now, not after the whole run
        raise _busy(args.load_into, owner)
    totals = run(
        args.paths,
        args.output,
        args.format,
        args.scheduler,
        args.local,
        args.date,
        not args.quiet,
        now=_settings(args).now,
    )
    if args.load_into and _load(args) != 0:
        return 2
    print(
        f"{totals['articles']} articles coded, {totals['failed']} inputs failed, "
        f"{totals['events']} events, {totals['problems']} problems; {totals['chunks']} chunks "
        f"({totals['skipped']} already written); {totals['seconds']} s, "
        f"{totals['articles_per_second']} articles/s; parts in {args.output}",
        file=sys.stderr,
    )
    return 1 if totals["failed"] else 0


def _load(args: argparse.Namespace) -> int:
    """``batch --db``: load the parts into the store, or have the server that holds it load
    them (``POST /load``)."""
    server = _server(args.load_into, _settings(args).api_token)
    if server is not None:
        from ..remote import ServerError

        try:
            loaded = server.load(str(Path(args.output).resolve()))
        except ServerError as error:
            print(f"eventwire: {_refusal(error, args.load_into)}", file=sys.stderr)
            return 2
        articles, events, linked = loaded["articles"], loaded["events"], loaded["linked"]
    else:
        from ..ingest import load_parts

        with _writing(args.load_into, "batch") as store:
            summary = load_parts(store, args.output, pipeline=lambda: _pipeline(args, []))
        articles, events, linked = summary.articles, summary.events, summary.linked
    through = f" through the server at {server.url}" if server is not None else ""
    print(
        f"loaded {articles} articles and {events} events into {args.load_into}{through}; "
        f"{linked} articles linked into stories",
        file=sys.stderr,
    )
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from ..watch import Watcher

    if args.folder is None and args.feed is None:
        print("eventwire: give a folder to watch, --feed FILE.jsonl, or both", file=sys.stderr)
        return 2
    folder = Path(args.folder) if args.folder else None
    feed = Path(args.feed) if args.feed else None
    if folder is not None and not folder.is_dir():
        print(f"eventwire: {folder} is not a folder", file=sys.stderr)
        return 2
    owner = _holder(args.db)
    if owner is not None and owner.url is not None:
        raise _busy(args.db, owner)  # the feed belongs in the server: say so before coding
    with _writing(args.db, "watch") as store:
        watcher = Watcher(store, _pipeline(args), idle=args.idle)
        sources = " and ".join(str(source) for source in (folder, feed) if source)
        stop = "" if args.once else " (Ctrl-C stops)"
        print(f"eventwire: watching {sources} into {args.db}{stop}", file=sys.stderr)
        started = time.perf_counter()
        try:
            for counts in watcher.run(folder, feed, args.interval, args.once):
                if counts["articles"] or counts["failed"]:
                    print(
                        f"{time.strftime('%H:%M:%S')} {counts['articles']} articles, "
                        f"{counts['events']} events, {counts['failed']} failed, "
                        f"in {counts['seconds']} s",
                        file=sys.stderr,
                        flush=True,
                    )
        except KeyboardInterrupt:
            pass
        seconds = time.perf_counter() - started
        totals = watcher.totals
        print(
            f"{totals['articles']} articles coded ({totals['articles'] / max(seconds, 1e-9):.1f}/s "
            f"over {seconds:.0f} s), {totals['events']} events, {totals['failed']} inputs "
            f"failed, {totals['problems']} problems.",
            file=sys.stderr,
        )
    return 1 if watcher.totals["failed"] else 0


def cmd_actors(args: argparse.Namespace) -> int:
    if args.input and args.input[0] == "import":
        return _import_actors(args)
    from ..model import Article
    from ..stages.read import article_id

    if not args.input:
        print("eventwire: give TEXT, a file, or 'import FILE'", file=sys.stderr)
        return 2
    text = _text_or_file(args.input)
    result = _pipeline().extract(
        Article(id=article_id(text), text=text, date=args.date, origin=" ".join(args.input)[:40])
    )
    for mention in result.mentions:
        actor = mention.actor
        code = "/".join(x for x in (actor.country, actor.sector) if x) or "-"
        print(
            f"{mention.start:>5}-{mention.end:<5} {mention.text[:40]:<40} "
            f"{actor.name[:28]:<28} {code:<9} {mention.kind:<16} {mention.evidence}"
        )
    for problem in result.problems:
        if problem.code == "role_conflict":
            print(f"! {problem.code}: {problem.message}")
    return 0


def _import_actors(args: argparse.Namespace) -> int:
    from ..lexicons import read_petrarch_actors, write_people_yaml

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
        f"{len(people)} actors written to {out}; add its data folder to data_dirs in your "
        "config to use them"
    )
    return 0


def cmd_times(args: argparse.Namespace) -> int:
    from ..model import Article
    from ..stages.read import article_id

    text = _text_or_file(args.input)
    if not text.strip():
        print("eventwire: give TEXT or a file", file=sys.stderr)
        return 2
    result = _pipeline().extract(
        Article(id=article_id(text), text=text, date=args.date, origin=" ".join(args.input)[:40])
    )
    anchor = result.article.date
    print(f"anchor: {anchor or 'none'} ({result.date_source or 'no date'})")
    if result.date_estimate is not None:
        print(f"article date inferred: {result.date_estimate.describe()}")
    for expression in result.times:
        print(
            f"{expression.start:>5}-{expression.end:<5} {expression.text[:30]:<30} "
            f"{expression.type:<9} {expression.value:<16} "
            f"{'relative' if expression.is_relative else 'explicit'}"
        )
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from .. import serialize
    from ..pipeline import is_failure

    failed = False
    for item in _coded(args):
        failed |= is_failure(item)
        if args.format == "jsonl":
            record = serialize.result_record(item)
            print(json.dumps({"id": record["id"], "quotes": record["quotes"]}, ensure_ascii=False))
        else:
            print("\n".join(serialize.quote_lines(item)))
    return 1 if failed else 0


def _text_or_file(words: list[str]) -> str:
    """A command's text argument: the file it names, else the words themselves."""
    source = " ".join(words)
    path = Path(source)
    if len(words) == 1 and _is_file(path):
        return path.read_text(encoding="utf-8", errors="replace")
    return source


def _is_file(path: Path) -> bool:
    """True for an existing file; a long TEXT argument is no file name (the OS refuses to look
    it up)."""
    try:
        return path.is_file()
    except OSError:
        return False


def cmd_classify_pair(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from ..model import Problem
    from ..stages.read import read_pairs

    pipeline = _pipeline()
    from_stdin = args.file in (None, "-")
    failed, pending = False, []
    with nullcontext(sys.stdin) if from_stdin else open(args.file, encoding="utf-8") as handle:
        for item in read_pairs(handle, "<stdin>" if from_stdin else args.file):
            if isinstance(item, Problem):
                print(f"eventwire: {item.message}", file=sys.stderr)
                failed = True
                continue
            pending.append(item)
            if len(pending) >= PAIR_BATCH:
                _print_pairs(pipeline, pending, args.labels)
                pending.clear()
    _print_pairs(pipeline, pending, args.labels)
    return 1 if failed else 0


def _print_pairs(pipeline, pending: list, labels: str) -> None:
    """One JSON line per pair: its id, event type, mode and confidence."""
    from ..evaluate import GOLD_TYPE

    events = pipeline.classify_pairs([pair for _, pair in pending])
    for (record_id, _), event in zip(pending, events, strict=True):
        label = event.type if event else None
        if label and labels == "plv":
            label = GOLD_TYPE.get(label, label)
        mode, confidence = (event.mode, event.confidence) if event else (None, 0.0)
        record = {"id": record_id, "type": label, "mode": mode, "confidence": confidence}
        print(json.dumps(record), flush=True)


PAIR_BATCH = 32  # pairs read by the encoder at once


def cmd_stories(args: argparse.Namespace) -> int:
    from ..merge import StoryLinker
    from ..model import Result
    from ..pipeline import is_failure

    linker = StoryLinker()
    failed = False
    # the stories as the articles come (an undated article keeps its place in the output)
    for item in _coded(args, linker, refine=not args.stream, redate=bool(args.summary)):
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
    from ..evaluate import DETAILED_TASKS, TASKS, evaluate, format_table

    problem = None
    gold = args.gold or args.gold_option
    if args.task not in TASKS:
        problem = f"unknown task {args.task!r}; choose from {', '.join(TASKS)}"
    elif not gold or (args.gold and args.gold_option and args.gold != args.gold_option):
        problem = "give the gold file or folder once: eventwire eval TASK GOLD"
    elif args.details and args.task not in DETAILED_TASKS:
        problem = f"--details lists errors for {', '.join(sorted(DETAILED_TASKS))} only"
    elif args.stories and args.task != "dates":
        problem = "--stories goes with the dates task: eventwire eval dates GOLD --stories"
    elif args.fold is not None and args.task != "dates":
        problem = "--fold goes with the dates task: eventwire eval dates GOLD --fold N"
    if problem:
        print(f"eventwire: {problem}", file=sys.stderr)
        return 2
    if args.stories:
        fold = 0 if args.fold is None else args.fold
        report = evaluate("story-dates", gold, limit=args.limit, fold=fold)
    elif args.fold is not None:
        report = evaluate(args.task, gold, limit=args.limit, details=args.details, fold=args.fold)
    else:
        report = evaluate(args.task, gold, limit=args.limit, details=args.details)
    print(json.dumps(report, indent=2) if args.json else format_table(report))
    return 0
