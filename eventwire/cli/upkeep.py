"""``eventwire store``: check a store, back it up, restore it (``store.upkeep``)."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_store(args: argparse.Namespace) -> int:
    """``check`` prints the table sizes and what is wrong (exit 1 when anything is);
    ``backup FOLDER`` writes every table to Parquet; ``restore FOLDER`` loads one into a new
    store file at ``--db``."""
    from ..store import Store, restore_file

    if args.action == "restore":
        try:
            restore_file(args.folder, args.db)
        except (FileExistsError, FileNotFoundError) as error:
            print(f"eventwire: {error}", file=sys.stderr)
            return 2
        with Store(args.db, read_only=True) as store:
            report = store.check()
        print(f"restored {args.folder} into {args.db}", file=sys.stderr)
        return _print_check(report, args.json)
    if args.action == "backup":
        if args.folder is None:
            print("eventwire: store backup needs a FOLDER to write to", file=sys.stderr)
            return 2
        with Store(args.db, read_only=True) as store:
            try:
                store.backup(args.folder)
            except FileExistsError as error:
                print(f"eventwire: {error}", file=sys.stderr)
                return 2
            counts = store.check()["counts"]
        print(
            f"backed up {args.db} to {args.folder}: {counts['articles']} articles, "
            f"{counts['events']} events, {counts['stories']} stories "
            f"(restore: eventwire store restore {args.folder} --db NEW.duckdb)",
            file=sys.stderr,
        )
        return 0
    with Store(args.db, read_only=True) as store:
        return _print_check(store.check(), args.json)


def _print_check(report: dict, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report, sort_keys=True))
    else:
        print("  ".join(f"{table} {count}" for table, count in report["counts"].items()))
        for what, count in report["findings"].items():
            print(f"WRONG: {count} {what}")
        if not report["findings"]:
            print("whole: no duplicates, no orphans, every count equals its rows")
    return 1 if report["findings"] else 0
