"""One error tree for eventwire.

    EventwireError
     ├ DataFileError   a data file of ours or the user's is broken (path, line, reason)
     ├ InputError      a bad article or file: names it, with a reason code from PROBLEM_CODES
     ├ QueryError      a bad filter, sort or export request on the store (names the parameter)
     ├ StoreBusy       another process holds the store file (names it: pid, command, server)
     └ StageError      a bug inside a stage, wrapping the original exception

Bad input never vanishes: the pipeline turns an InputError into a Problem
record and goes on with the batch (unless the caller asked it to raise).
"""

from __future__ import annotations

import os

# The fixed set of reasons a Problem may carry. Keep docs/output.md in step.
PROBLEM_CODES = {
    "empty": "the input holds no text",
    "binary": "the input is not text (binary content)",
    "invalid_encoding": "the input is not valid UTF-8; undecodable bytes were replaced",
    "too_large": "the input is larger than the size limit and was refused",
    "no_article_text": "no article text could be extracted from the HTML",
    "non_english": "the text is not in English and was skipped",
    "malformed_record": "a JSON Lines record could not be read",
    "unreadable": "the file could not be opened",
    "skipped": "a file that is not text, HTML or JSON Lines (PDF, image, archive) was skipped",
    "bad_link": "a link that leads nowhere, or back to a folder above it, was not followed",
    "too_long": "the article is longer than the max_article_chars setting and was not coded",
    "bad_date": "a date given with the article could not be read",
    "stage_failed": "a pipeline stage failed on this article",
    "date_unknown": "the article has no date and none could be inferred",
    "date_inferred": "the article has no date; one was inferred from the text",
    "date_from_story": (
        "the article has no date; one was taken from the dated reports of its story"
    ),
    "role_conflict": (
        "the text gives someone an office the people registry says they did not hold then"
    ),
    "translation_artifact": "a sentence looks invented by machine translation",
    "long_sentence": "a sentence too long to code (hundreds of tokens) was left out",
    "contradiction": "articles reporting the same event disagree on its date, place or numbers",
    "stories_restarted": "the store's saved story linker could not be read; stories start afresh",
}

# Codes that mean the article was not processed at all (the exit status turns 1).
FATAL_CODES = {
    "empty",
    "binary",
    "too_large",
    "no_article_text",
    "non_english",
    "malformed_record",
    "unreadable",
    "skipped",
    "bad_link",
    "too_long",
    "stage_failed",
}


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class DataFileError(EventwireError):
    def __init__(self, path: str | os.PathLike[str], line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason} (fix the data file or remove it from settings)")


class InputError(EventwireError):
    def __init__(self, where: str, code: str, detail: str = ""):
        if code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {code!r}")
        self.where, self.code = where, code
        self.detail = detail or PROBLEM_CODES[code]
        super().__init__(f"{where}: {self.detail}")


class StageError(EventwireError):
    def __init__(self, stage: str, where: str, cause: BaseException):
        self.stage, self.where, self.cause = stage, where, cause
        super().__init__(
            f"{where}: stage {stage!r} failed: {type(cause).__name__}: {cause}"
            " (this is a bug in eventwire; please report it with the article)"
        )


class QueryError(EventwireError):
    """A filter, sort or export request the store cannot answer; ``parameter`` names the culprit."""

    def __init__(self, parameter: str, reason: str):
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class StoreBusy(EventwireError):
    """The store file is held by another process (DuckDB lets one process write a file, and
    no other process read it meanwhile). Names the holder from the store's owner file (see
    ``owner``), else the process id DuckDB gives; ``advice`` says what to do instead."""

    def __init__(
        self,
        path: str,
        pid: int | None,
        command: str | None = None,
        url: str | None = None,
        advice: str = "",
    ):
        self.path, self.pid, self.command, self.url = path, pid, command, url
        self.advice = advice or (
            "use the server's API (ingest, query and export do so by themselves), or stop it first"
            if url
            else f"wait for it to finish, or work through `eventwire serve --db {path}`"
        )
        super().__init__(f"{path} is held by {self.holder()}: {self.advice}")

    def holder(self) -> str:
        """Who holds the store: "`eventwire serve` (pid 12) at http://127.0.0.1:8000"."""
        who = f"`{self.command}`" if self.command else "another process"
        pid = f" (pid {self.pid})" if self.pid else ""
        return f"{who}{pid}{' at ' + self.url if self.url else ''}"
