"""Find and normalize time expressions, then date every event.

In: parsed segments, the article date (may be None) and the events. Out:
``TimeExpression`` records with TIMEX3-style values, and the events with a date,
its granularity and how it was obtained; for an undated article, an estimate of its date.

Rules. Candidates are spaCy's DATE/TIME entities plus what our patterns catch.
Values are computed by our own rules, anchored on the article date and the tense
of the clause: "on Friday" in a past-tense clause is the Friday on or before the
article date, in a future or scheduled clause the one on or after it; "January
10th" takes the year that puts it nearest the article date in the clause's
direction. Financial quarters ("a year earlier" in a quarterly report is the same
quarter a year before), holidays, spelled numbers and references back to a date
the story named ("later that year") have rules of their own; an expression that
holds two ("between 1994 and 1997") is read in parts. dateparser reads what the
rules do not know. An event takes the time expression attached to its predicate,
else the nearest one in its sentence, else the article date.

The modules, in the order a value is made:
  words         the closed-class words (months, weekdays, numbers, units, ...) and patterns
  calendar      calendar arithmetic: weekday anchoring, nearest year, month shifts, holidays
  values        the ``TimeValue`` type; absolute dates, quarters, holidays, dateparser
  figures       dates and clock times written in figures ("10.05.2025", "18:00 UTC on Tuesday")
  rules         ``normalize_expression``: the ordered table of value rules
  tense         the direction of an expression: its clause's tense and the words before it
  finder        ``TimeFinder``: candidates, their own words, reading in context and in parts
  anaphora      times told from a day the story named ("that year", "the next morning")
  quarters      the quarters of a financial report ("the quarter", "a year ago")
  occasions     times told from a dated happening ("10 days before the murder")
  segments      where an article offset lies: segment, sentence, parse tokens
  dating        ``date_events``: each event's date from the expressions
  article_date  ``infer_article_date``: clues, feasible window, scored days
  story         an undated article's day from the dated reports of its story
"""

from .article_date import infer_article_date
from .dating import date_events, value_to_date
from .finder import TimeFinder, find_dates_in_lines
from .rules import normalize_expression
from .values import TimeValue

__all__ = [
    "TimeFinder",
    "TimeValue",
    "date_events",
    "find_dates_in_lines",
    "infer_article_date",
    "normalize_expression",
    "value_to_date",
]
