"""The answers of ``GET /events``, kept while the store does not change.

The server is the only process that writes its store (``owner.py``), so the number of write
transactions it has committed (``Store.generation``) says when an answer may be stale. Two
things are kept for the current generation and dropped whole at the next commit:

* whole answers, by their parameters: a dashboard asking the same page again gets the bytes;
* each event's row as JSON text (``Store.event_rows_json``), by event id: a new page only asks
  the store for its ids and the rows it has not seen, so concurrent readers do not take turns
  making Python objects of every value of every row.

Both are bounded: past ``most_rows`` rows, or ``most_answers`` answers or ``most_answer_bytes``
bytes of answers, they start again empty. The answers need the bound in bytes: a page may hold
up to 10,000 rows (``MAX_LIMIT``), so a thousand answers could have held gigabytes while no write
came to clear them.
"""

from __future__ import annotations

import threading

from ..store import Store

MOST_ROWS = 20_000  # about 1 KB each: ~20 MB at most
MOST_ANSWERS = 1_000  # up to a page of 10,000 rows each, but most are pages of 20 to 500
MOST_ANSWER_BYTES = 20 * 2**20  # the answers' bytes together: ~20 MB at most, as the rows


class EventPages:
    def __init__(
        self,
        most_rows: int = MOST_ROWS,
        most_answers: int = MOST_ANSWERS,
        most_answer_bytes: int = MOST_ANSWER_BYTES,
    ):
        self.most_rows, self.most_answers = most_rows, most_answers
        self.most_answer_bytes = most_answer_bytes
        self.lock = threading.Lock()
        self.generation = -1
        self.rows: dict[str, str] = {}
        self.answers: dict[tuple, bytes] = {}
        self.answer_bytes = 0  # of the answers kept

    def answer(self, db: Store, filters: dict, limit: int, offset: int, sort: str) -> bytes:
        """The JSON of a page of events: ``{"limit", "offset", "items"}`` as
        ``contract.page`` has it, each item the row ``Store.query_events`` gives."""
        given = tuple(sorted((name, str(value)) for name, value in filters.items() if value))
        key = (given, limit, offset, sort)
        generation = db.generation
        with self.lock:
            if generation != self.generation:
                self.generation, self.rows, self.answers = generation, {}, {}
                self.answer_bytes = 0
            rows, body = self.rows, self.answers.get(key)
        if body is not None:
            return body
        for _ in range(3):  # an event the page named may be gone when its row is read
            page = db.event_page(filters, limit, offset, sort)
            fresh = db.event_rows_json([pair for pair in page if pair[0] not in rows])
            if db.generation != generation:  # a commit came between: nothing kept may be used
                fresh, rows = db.event_rows_json(page), {}
            found = [rows.get(event) or fresh.get(event) for event, _ in page]
            if all(found):
                break
        items = ",".join(row for row in found if row)
        body = f'{{"limit":{limit},"offset":{offset},"items":[{items}]}}'.encode()
        with self.lock:
            if self.generation == generation == db.generation:
                # anew, not cleared: a reader may still hold the full ones
                if len(self.rows) + len(fresh) > self.most_rows:
                    self.rows = {}
                self.rows.update(fresh)
                if key not in self.answers and len(body) <= self.most_answer_bytes:
                    if (
                        len(self.answers) >= self.most_answers
                        or self.answer_bytes + len(body) > self.most_answer_bytes
                    ):
                        self.answers, self.answer_bytes = {}, 0
                    self.answers[key] = body
                    self.answer_bytes += len(body)
        return body
