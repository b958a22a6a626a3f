"""Looking after a store: ``check`` (is it whole?), ``backup`` and ``restore``.

``check`` states what a store must always be, whatever happened to the process that wrote it:
no duplicate ids, no rows of an article that is not stored, every article in a stored story
and every event in a stored merged event when it names one, and every story's and merged
event's counts equal to the rows that point at them. The crash tests run it after every
kill; ``eventwire store check`` runs it on a user's file.

``backup`` writes every table (the saved story linker too) to Parquet files in a folder, with
the schema, through DuckDB's ``EXPORT DATABASE``; ``restore`` loads such a folder into a new
file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from .queries import quoted
from .writes import Writes

# (what is wrong, a query counting the rows where it is wrong)
CHECKS: tuple[tuple[str, str], ...] = (
    (
        "articles stored twice",
        "SELECT count(*) - count(DISTINCT id) FROM articles",
    ),
    (
        "events stored twice",
        "SELECT count(*) - count(DISTINCT id) FROM events",
    ),
    (
        "merged events stored twice",
        "SELECT count(*) - count(DISTINCT id) FROM canonical_events",
    ),
    (
        "stories stored twice",
        "SELECT count(*) - count(DISTINCT id) FROM stories",
    ),
    (
        "time expressions stored twice",
        (
            "SELECT count(*) FROM (SELECT article_id, start_offset, end_offset, type FROM "
            "time_expressions GROUP BY ALL HAVING count(*) > 1)"
        ),
    ),
    (
        "quotes stored twice",
        (
            "SELECT count(*) FROM (SELECT article_id, content_start, content_end, source_start "
            "FROM quotes GROUP BY ALL HAVING count(*) > 1)"
        ),
    ),
    (
        "events of no stored article",
        "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)",
    ),
    (
        "quotes of no stored article",
        "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)",
    ),
    (
        "time expressions of no stored article",
        "SELECT count(*) FROM time_expressions WHERE article_id NOT IN (SELECT id FROM articles)",
    ),
    (
        "mentions of no stored article",
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)",
    ),
    (
        "places of no stored article",
        "SELECT count(*) FROM places WHERE article_id NOT IN (SELECT id FROM articles)",
    ),
    (
        "problems of no stored article",
        (
            "SELECT count(*) FROM problems WHERE article_id IS NOT NULL "
            "AND article_id NOT IN (SELECT id FROM articles)"
        ),
    ),
    (
        "articles in no story",
        "SELECT count(*) FROM articles WHERE story IS NULL",
    ),
    (
        "articles in a story that is not stored",
        (
            "SELECT count(*) FROM articles WHERE story IS NOT NULL "
            "AND story NOT IN (SELECT id FROM stories)"
        ),
    ),
    (
        "events of a merged event that is not stored",
        (
            "SELECT count(*) FROM events WHERE canonical_id IS NOT NULL "
            "AND canonical_id NOT IN (SELECT id FROM canonical_events)"
        ),
    ),
    (
        "events in no merged event, in a linked article",
        (
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.canonical_id IS NULL AND a.story IS NOT NULL"
        ),
    ),
    (
        "stories whose article count or list is not their articles'",
        (
            "SELECT count(*) FROM stories s LEFT JOIN (SELECT story, count(*) AS n, "
            "list(id ORDER BY id) AS ids FROM articles GROUP BY story) a ON a.story = s.id "
            "WHERE s.articles IS DISTINCT FROM coalesce(a.n, 0) "
            "OR list_sort(s.article_ids) IS DISTINCT FROM a.ids"
        ),
    ),
    (
        "merged events whose mention or article count is not their events'",
        (
            "SELECT count(*) FROM canonical_events c LEFT JOIN "
            "(SELECT canonical_id, count(*) AS n, "
            "count(DISTINCT article_id) AS articles FROM events GROUP BY canonical_id) e "
            "ON e.canonical_id = c.id WHERE c.num_mentions IS DISTINCT FROM coalesce(e.n, 0) "
            "OR c.num_articles IS DISTINCT FROM coalesce(e.articles, 0)"
        ),
    ),
    (
        "merged events of a story that is not stored",
        "SELECT count(*) FROM canonical_events WHERE story NOT IN (SELECT id FROM stories)",
    ),
)
# the tables a check reports the size of
COUNTED = (
    "articles",
    "events",
    "quotes",
    "time_expressions",
    "problems",
    "mentions",
    "places",
    "canonical_events",
)
COUNTED_ALSO = ("stories", "runs")


class Upkeep(Writes):
    """Checks, backups and restores of a store."""

    def check(self) -> dict:
        """The store's table sizes and what is wrong with it: ``{"counts": {table: rows},
        "findings": {what is wrong: how many rows}}``; no findings means whole."""
        counts = {table: self.count(table) for table in (*COUNTED, *COUNTED_ALSO)}
        findings = {}
        for what, sql in CHECKS:
            wrong = self._value(sql)
            if wrong:
                findings[what] = wrong
        return {"counts": counts, "findings": findings}

    def backup(self, folder: str | Path) -> Path:
        """Every table, the saved story linker included, as Parquet files in ``folder`` (which
        must not hold a backup already), with the schema to load them back (``restore``)."""
        folder = Path(folder)
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: back up into a new folder")
        self.connection.execute(f"EXPORT DATABASE {quoted(folder)} (FORMAT parquet)")
        return folder


def restore_file(folder: str | Path, path: str | Path) -> None:
    """Load a backup folder (``Upkeep.backup``) into a new store file at ``path``."""
    folder, path = Path(folder), Path(path)
    if not (folder / "load.sql").is_file():
        raise FileNotFoundError(f"{folder} holds no backup (no load.sql in it)")
    if path.exists():
        raise FileExistsError(f"{path} exists: restore into a new file")
    connection = duckdb.connect(str(path))
    try:
        connection.execute(f"IMPORT DATABASE {quoted(folder)}")
    except BaseException:
        connection.close()
        path.unlink(missing_ok=True)
        raise
    connection.close()
