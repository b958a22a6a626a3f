"""The store's writes: articles with everything coded from them, their links into stories and
merged events, the saved story linker, and the Parquet parts of batch runs.

The rule that makes a crash harmless: what one step of a run changes goes in one transaction.
``write`` stores a batch of coded articles together with the merged events and stories they
touched and the story linker that placed them; ``write_links`` does the same for articles
stored before and linked now (a batch run's). A process killed at any moment leaves the store
as it was after its last commit, and the linker saved there is the one that placed exactly the
articles stored, so a rerun goes on from there. An article stored again replaces its rows
whole; the merged events and stories it left are recounted from the rows that remain, so no
count ever holds an article twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import __version__, failpoints
from ..model import CanonicalEvent, Problem, Result, Story
from ..serialize import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    PLACE_COLUMNS,
    PROBLEM_COLUMNS,
    QUOTE_COLUMNS,
    TIME_COLUMNS,
    article_row,
    canonical_row,
    event_row,
    mention_row,
    place_row,
    problem_row,
    quote_row,
    story_row,
    time_row,
)
from .queries import Reads, committed, quoted
from .schema import ARTICLE_TABLES, BAD_PICKLE, LINKER_FORMAT

log = logging.getLogger(__name__)

# the parts of a batch run besides articles and events: folder -> table
PART_TABLES = {
    "quotes": "quotes",
    "times": "time_expressions",
    "problems": "problems",
    "mentions": "mentions",
    "places": "places",
}
PART_COLUMNS = {
    "quotes": QUOTE_COLUMNS,
    "time_expressions": TIME_COLUMNS,
    "problems": PROBLEM_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "places": PLACE_COLUMNS,
}

# merged events recounted from the events that still point at them
_RECOUNT_MERGED = """
UPDATE canonical_events SET num_mentions = c.mentions, num_articles = c.articles,
    num_sources = c.sources, first_seen = c.first_seen, last_seen = c.last_seen,
    article_ids = c.article_ids, outlets = c.outlets
FROM (SELECT e.canonical_id AS id, count(*) AS mentions, count(DISTINCT e.article_id) AS articles,
             count(DISTINCT coalesce(nullif(a.outlet, ''), 'article:' || a.id)) AS sources,
             min(a.date) AS first_seen, max(a.date) AS last_seen,
             list(DISTINCT e.article_id ORDER BY e.article_id) AS article_ids,
             coalesce(list(DISTINCT a.outlet ORDER BY a.outlet)
                      FILTER (WHERE nullif(a.outlet, '') IS NOT NULL), []) AS outlets
      FROM events e JOIN articles a ON a.id = e.article_id
      WHERE e.canonical_id IN (SELECT unnest(?)) GROUP BY e.canonical_id) AS c
WHERE canonical_events.id = c.id
"""
# stories recounted from the articles that still name them
_RECOUNT_STORIES = """
UPDATE stories SET articles = c.articles, article_ids = c.article_ids
FROM (SELECT story, count(*) AS articles, list(id ORDER BY date NULLS LAST, id) AS article_ids
      FROM articles WHERE story IN (SELECT unnest(?)) GROUP BY story) AS c
WHERE stories.id = c.story
"""


class Writes(Reads):
    """Every write of a store; ``Store`` opens the file they go to."""

    path: str

    # ------------------------------------------------------------ runs
    def record_run(
        self,
        run_id: str,
        data_version: str,
        counts: dict[str, int],
        started: dt.datetime | None = None,
    ) -> None:
        """Record (or replace) a run: when it started, the code and data that ran, its counts."""
        counted = [counts.get(key, 0) for key in ("articles", "events", "problems")]
        row = [run_id, started or dt.datetime.now(), __version__, data_version, *counted]
        self.connection.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def add_to_run(self, run_id: str, data_version: str, counts: dict[str, int]) -> None:
        """Add one commit's counts to its run (recorded at its first commit): a run of many
        calls, such as a server's ``POST /ingest`` calls, keeps one row that sums them."""
        counted = [counts.get(key, 0) for key in ("articles", "events", "problems")]
        self.connection.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "articles = runs.articles + excluded.articles, events = runs.events + "
            "excluded.events, problems = runs.problems + excluded.problems",
            [run_id, dt.datetime.now(), __version__, data_version, *counted],
        )

    # ------------------------------------------------------------ articles
    def write(
        self,
        items: Iterable[Result | Problem],
        run_id: str,
        data_version: str = "",
        *,
        merged: Iterable[CanonicalEvent] = (),
        stories: Iterable[Story] = (),
        linker: object | None = None,
    ) -> dict[str, int]:
        """Store results (and failed inputs as problems) in one transaction, with the merged
        events and stories they touched and the story linker that placed them (when given):
        all of it or nothing. An article stored before is replaced whole. Adds these counts to
        the run's and returns them."""
        counts = {"articles": 0, "events": 0, "problems": 0}
        pending: dict[str, Result] = {}
        failures: list[Problem] = []
        for item in items:
            if isinstance(item, Problem):
                failures.append(item)
                counts["problems"] += 1
                continue
            pending[item.article.id] = item  # the same article twice: the later one wins
            counts["articles"] += 1
            counts["events"] += len(item.events)
            counts["problems"] += len(item.problems)
        merged_rows = [canonical_row(event) for event in merged]
        story_rows = [story_row(story) for story in stories]
        with self._transaction():
            left = self._replace_articles(list(pending.values()), run_id)
            failed = [problem_row(None, problem, run_id) for problem in failures]
            self._insert("problems", PROBLEM_COLUMNS, failed)
            failpoints.reach("write")
            self._upsert("canonical_events", merged_rows)
            self._upsert("stories", story_rows)
            self._recount(left, merged_rows, story_rows)
            if linker is not None:
                self.save_linker(linker)
            self.add_to_run(run_id, data_version, counts)
            failpoints.reach("commit")
        return counts

    def write_links(
        self,
        results: list[Result],
        *,
        merged: Iterable[CanonicalEvent] = (),
        stories: Iterable[Story] = (),
        linker: object | None = None,
    ) -> None:
        """For results already stored: record their articles' stories, their events' merged
        events and the contradictions found on linking, with the merged events and stories
        they touched and the linker that placed them, in one transaction."""
        c = self.connection
        merged_rows = [canonical_row(event) for event in merged]
        story_rows = [story_row(story) for story in stories]
        with self._transaction():
            if results:
                c.execute(
                    "UPDATE articles SET story = links.story FROM (SELECT unnest(?) AS id, "
                    "unnest(?) AS story) AS links WHERE articles.id = links.id",
                    [[r.article.id for r in results], [r.story for r in results]],
                )
            pairs = [(e.id, e.canonical_id) for r in results for e in r.events]
            if pairs:
                c.execute(
                    "UPDATE events SET canonical_id = links.canonical FROM (SELECT unnest(?) AS "
                    "id, unnest(?) AS canonical) AS links WHERE events.id = links.id",
                    [[e for e, _ in pairs], [m for _, m in pairs]],
                )
            contradictions = [
                problem_row(r.article.id, p, None)
                for r in results
                for p in r.problems
                if p.code == "contradiction"
            ]
            self._insert("problems", PROBLEM_COLUMNS, contradictions)
            failpoints.reach("link-write")
            self._upsert("canonical_events", merged_rows)
            self._upsert("stories", story_rows)
            self._recount((set(), set()), merged_rows, story_rows)
            if linker is not None:
                self.save_linker(linker)
            failpoints.reach("link-commit")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: commit what the block wrote, or roll it back and raise."""
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")
        committed(self.path)

    def _insert(self, table: str, columns: Iterable[str], rows: list[list]) -> None:
        """Many rows in one statement: each column goes in as one list parameter."""
        if not rows:
            return
        names = list(columns)
        values = [list(column) for column in zip(*rows, strict=True)]
        selects = ", ".join(f"unnest(?) AS c{n}" for n in range(len(names)))
        self.connection.execute(
            f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM (SELECT {selects})", values
        )

    def _upsert(self, table: str, rows: list[list]) -> None:
        """Rows of a table keyed by ``id`` (its first column), replacing those stored."""
        if not rows:
            return
        self.connection.execute(
            f"DELETE FROM {table} WHERE id IN (SELECT unnest(?))", [[row[0] for row in rows]]
        )
        cursor = self.connection.execute(f"SELECT * FROM {table} LIMIT 0")
        self._insert(table, [d[0] for d in cursor.description], rows)

    def _links_of(self, ids: list[str]) -> tuple[set[str], set[str]]:
        """The stories and merged events the stored versions of these articles belong to."""
        if not ids:
            return set(), set()
        stories = self.connection.execute(
            "SELECT DISTINCT story FROM articles WHERE id IN (SELECT unnest(?)) "
            "AND story IS NOT NULL",
            [ids],
        ).fetchall()
        merged = self.connection.execute(
            "SELECT DISTINCT canonical_id FROM events WHERE article_id IN (SELECT unnest(?)) "
            "AND canonical_id IS NOT NULL",
            [ids],
        ).fetchall()
        return {row[0] for row in stories}, {row[0] for row in merged}

    def _replace_articles(self, results: list[Result], run_id: str) -> tuple[set, set]:
        """Store results, replacing what was stored for their articles; returns the stories and
        merged events the replaced versions belonged to."""
        ids = [r.article.id for r in results]
        left = self._links_of(ids)
        if ids:
            for table in ARTICLE_TABLES:
                key = "id" if table == "articles" else "article_id"
                self.connection.execute(
                    f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [ids]
                )
        self._insert("articles", ARTICLE_COLUMNS, [article_row(r, run_id) for r in results])
        events, quotes, times, problems, mentions, places = [], [], [], [], [], []
        for r in results:
            events += [event_row(e, r.data_version) for e in r.events]
            quotes += [quote_row(r.article, q) for q in r.quotes]
            times += [time_row(r.article.id, x) for x in r.times]
            problems += [problem_row(r.article.id, p, run_id) for p in r.problems]
            mentions += [mention_row(r.article.id, m) for m in r.mentions]
            places += [place_row(r.article.id, p) for p in r.places]
        self._insert("events", EVENT_COLUMNS, events)
        self._insert("quotes", QUOTE_COLUMNS, quotes)
        self._insert("time_expressions", TIME_COLUMNS, times)
        self._insert("problems", PROBLEM_COLUMNS, problems)
        self._insert("mentions", MENTION_COLUMNS, mentions)
        self._insert("places", PLACE_COLUMNS, places)
        return left

    def _merged_not_written(self, merged_rows: list[list]) -> set[str]:
        """The stored merged events of the stories in ``merged_rows`` that are not among them
        (the linker writes every merged event of a story it touched)."""
        stories = sorted({row[1] for row in merged_rows})
        if not stories:
            return set()
        rows = self.connection.execute(
            "SELECT id FROM canonical_events WHERE story IN (SELECT unnest(?)) "
            "AND id NOT IN (SELECT unnest(?))",
            [stories, [row[0] for row in merged_rows]],
        ).fetchall()
        return {row[0] for row in rows}

    def _recount(
        self,
        left: tuple[set[str], set[str]],
        merged_rows: list[list] | None = None,
        story_rows: list[list] | None = None,
    ) -> None:
        """Stories and merged events that replaced or removed articles left, and that this
        commit does not write anew, recounted from the rows that remain; those left empty
        are removed. So are the stored merged events of the stories written anew that the
        linker no longer holds: an article's first reading, replaced by a later one (an
        undated article held back and coded again on its story's date) before it was stored."""
        written = {row[0] for row in merged_rows or ()}
        stories = sorted(left[0] - {row[0] for row in story_rows or ()})
        merged = sorted((left[1] | self._merged_not_written(merged_rows or [])) - written)
        c = self.connection
        if merged:
            c.execute(_RECOUNT_MERGED, [merged])
            c.execute(
                "DELETE FROM canonical_events WHERE id IN (SELECT unnest(?)) AND id NOT IN "
                "(SELECT canonical_id FROM events WHERE canonical_id IS NOT NULL)",
                [merged],
            )
        if stories:
            c.execute(_RECOUNT_STORIES, [stories])
            c.execute(
                "DELETE FROM stories WHERE id IN (SELECT unnest(?)) AND id NOT IN "
                "(SELECT story FROM articles WHERE story IS NOT NULL)",
                [stories],
            )

    # ------------------------------------------------------------ batch runs
    def import_parts(
        self, folder: str | Path, run_id: str, data_version: str = ""
    ) -> dict[str, int]:
        """Load the Parquet parts of a batch run (``articles/``, ``events/day=…/``, and
        the folders of ``PART_TABLES``) in one transaction and record the run. An
        article stored before from the same text and data version is kept as it is (with its
        story and contradictions: loading a run twice changes nothing); another version is
        replaced, and what it left is recounted."""
        folder = Path(folder)
        articles = quoted(folder / "articles" / "*.parquet")
        events = quoted(folder / "events" / "*" / "*.parquet")
        has_events = any((folder / "events").glob("*/*.parquet"))
        c = self.connection
        with self._transaction():
            c.execute(
                "CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM "
                f"read_parquet({articles}) AS i WHERE NOT EXISTS (SELECT 1 FROM articles a "
                "WHERE a.id = i.id AND md5(a.text) = md5(i.text) AND "
                "a.data_version IS NOT DISTINCT FROM i.data_version) "
                "QUALIFY row_number() OVER (PARTITION BY i.id ORDER BY md5(i.text)) = 1"
            )
            ids = [row[0] for row in c.execute("SELECT id FROM incoming").fetchall()]
            left = self._links_of(ids)
            for table in ARTICLE_TABLES:
                key = "id" if table == "articles" else "article_id"
                c.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM incoming)")
            columns = ", ".join(row[0] for row in c.execute("DESCRIBE articles").fetchall())
            c.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM incoming")
            count_events = 0
            if has_events:
                names = ", ".join(EVENT_COLUMNS)
                c.execute(
                    f"INSERT INTO events ({names}) SELECT {names} "
                    f"FROM read_parquet({events}, hive_partitioning = true) "
                    "WHERE article_id IN (SELECT id FROM incoming)"
                )
                count_events = self._value(
                    f"SELECT count(*) FROM read_parquet({events}) "
                    "WHERE article_id IN (SELECT id FROM incoming)"
                )
            for part, table in PART_TABLES.items():
                if any((folder / part).glob("*.parquet")):
                    names = ", ".join(PART_COLUMNS[table])
                    c.execute(
                        f"INSERT INTO {table} ({names}) SELECT {names} FROM "
                        f"read_parquet({quoted(folder / part / '*.parquet')}) "
                        "WHERE article_id IN (SELECT id FROM incoming)"
                    )
            failpoints.reach("import")
            self._recount(left)
            counts = {"articles": len(ids), "events": count_events}
            self.record_run(run_id, data_version, counts)
        return counts

    def export_parts(self, folder: str | Path, part: str) -> int:
        """Write what this store holds as the Parquet parts of a batch run: its articles to
        ``articles/part-<part>.parquet``, its events, with their article's outlet, address and
        origin, under ``events/day=<event date>/``, and its quotes, time expressions,
        problems, mentions and places to the folders of ``PART_TABLES``. Returns the number of
        events."""
        folder = Path(folder)
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        target = quoted(folder / "articles" / f"part-{part}.parquet")
        self.connection.execute(f"COPY articles TO {target} (FORMAT parquet)")
        for name, table in PART_TABLES.items():
            (folder / name).mkdir(exist_ok=True)
            target = quoted(folder / name / f"part-{part}.parquet")
            self.connection.execute(f"COPY {table} TO {target} (FORMAT parquet)")
        count = self.count("events")
        if count:
            self.connection.execute(
                "COPY (SELECT e.*, coalesce(CAST(e.date AS VARCHAR), 'unknown') AS day, "
                "a.outlet, a.url, a.origin FROM events e JOIN articles a ON a.id = e.article_id) "
                f"TO {quoted(folder / 'events')} (FORMAT parquet, PARTITION_BY (day), "
                f"OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{part}-{{i}}')"
            )
        return count

    # ------------------------------------------------------------ the story linker
    def save_linker(self, linker: object) -> None:
        """Keep the story linker (clusters and merged events in memory) so the next ingest or
        watch continues its stories. It is pickled, with ``LINKER_FORMAT`` next to it: the store
        is trusted like any file of one's own."""
        self.connection.execute(
            "INSERT OR REPLACE INTO linker_state (id, state, saved, format) VALUES (1, ?, ?, ?)",
            [
                pickle.dumps(linker, protocol=pickle.HIGHEST_PROTOCOL),
                dt.datetime.now(),
                LINKER_FORMAT,
            ],
        )

    def load_linker(self) -> Any:
        """The story linker saved by the last run, or None when none was saved. A linker this
        code cannot read (saved in another format, or failing to unpickle) is None too, said
        loudly: a warning in the log and a ``stories_restarted`` problem row, since the stories
        then start afresh."""
        row = self.connection.execute(
            "SELECT state, format FROM linker_state WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        state, format_ = row
        # a linker saved before formats were recorded (schema 3) is read if it can be
        if format_ is not None and format_ != LINKER_FORMAT:
            reason = f"it was saved in format {format_}, this eventwire reads {LINKER_FORMAT}"
        else:
            try:
                return pickle.loads(state)
            except BAD_PICKLE as error:
                reason = f"it cannot be read ({type(error).__name__}: {error})"
        message = (
            f"{self.path}: the saved story linker is ignored: {reason}; stories and merged events "
            "start afresh (stored ones are kept; re-ingest with --force to rebuild them)"
        )
        log.warning("%s", message)
        problem = Problem("stories_restarted", message, self.path, "stories")
        self._insert("problems", PROBLEM_COLUMNS, [problem_row(None, problem, None)])
        return None
