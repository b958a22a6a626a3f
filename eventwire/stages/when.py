"""Find and normalize time expressions, then date every event.

In: parsed segments, the article date (may be None) and the events. Out:
``TimeExpression`` records with TIMEX3-style values, and the events with a date,
its granularity and how it was obtained.

Rules. Candidates are spaCy's DATE/TIME entities plus what our patterns catch.
Values are computed by our own rules, anchored on the article date and the tense
of the clause: "on Friday" in a past-tense clause is the Friday on or before the
article date, in a future or scheduled clause the one on or after it; "January
10th" takes the year that puts it nearest the article date in the clause's
direction. dateparser reads what the rules do not know. An event takes the time
expression attached to its predicate, else the nearest one in its sentence, else
the article date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import DateEstimate, Event, TimeExpression
from .parse import Segment

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: number for number, names in enumerate([
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "several": None, "few": None, "couple": 2, "half": 0.5}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "MI", "decade": "DE",
         "quarter": "Q", "weekend": "WE", "century": "CE"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
PAST_WORDS = {"recently", "previously", "formerly", "the past", "in the past", "lately", "recent"}
FUTURE_WORDS = {"the future", "in the future", "future", "in the coming days"}
PRESENT_WORDS = {"now", "currently", "at present", "nowadays", "today's", "at the moment", "right now",
                 "these days", "present"}

_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_ORDINAL}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_ORDINAL}(?:\s+of)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+{_ORDINAL}(?:,?\s+\d{{4}})?|{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|(?:last|next|this|coming)\s+(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|tomorrow|today|tonight|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:year|month|week|day)s?\s+(?:ago|earlier|later)"
    rf"|now|currently|recently|in the past|the future|recent (?:years|months|weeks|days)"
    rf"|earlier this (?:year|month|week)|later this (?:year|month|week))\b",
    re.IGNORECASE)
_CLOCK = re.compile(r"^(?:about\s+|around\s+|at\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?:\s+\w{3})?$", re.IGNORECASE)
# spaCy tags these as dates or times on their own; news annotators never count them
_NOT_TIMES = re.compile(r"^(?:\d{1,2}|night|morning|evening|afternoon|daily|annually|yearly|weekly|monthly|"
                        r"\d{1,2}s|overnight)$", re.IGNORECASE)


def anchor_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday on or before (direction -1), on or after (+1) or nearest (0) the anchor."""
    back = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    if direction < 0:
        return back
    if direction > 0:
        return ahead
    return back if (anchor - back) <= (ahead - anchor) else ahead


def nearest_year(anchor: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year that puts month/day nearest the anchor; the clause's tense tips the balance.

    A date on the wrong side of the article date for the tense (a past-tense "Oct. 26"
    one day after the article date) costs 30 days, so a near date still wins over one
    a year away: wire dates are often a day off, tense tagging is not perfect.
    """
    best, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        delta = (candidate - anchor).days
        cost = abs(delta) + (30 if direction and delta * direction < 0 else 0)
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _shift_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _duration(count: float, unit: str) -> str:
    code = UNITS[unit]
    if code == "H":
        return f"PT{_number(count)}H"
    if code == "MI":
        return f"PT{_number(count)}M"
    if code == "DE":
        return f"P{_number(count * 10)}Y"
    if code == "Q":
        return f"P{_number(count * 3)}M"
    if code == "CE":
        return f"P{_number(count * 100)}Y"
    if code == "WE":
        return f"P{_number(count)}WE"
    if code == "Y" and count != int(count):
        return f"P{int(count)}Y{int(round((count - int(count)) * 12))}M"
    return f"P{_number(count)}{code}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def normalize_expression(text: str, anchor: dt.date | None, direction: int = 0) -> tuple[str, str, str | None, bool] | None:
    """(type, value, granularity, is_relative) for a time expression, or None when unknown."""
    t = " ".join(text.lower().replace("-", " ").split())
    t = re.sub(r"^(the|a|an|about|around|some|nearly|almost|over|more than|less than|at least|"
               r"early|late|mid|since|until|by|on|in|during|from|for|last|past)\s+", lambda m: m.group(0)
               if m.group(1) in ("last", "past", "for", "early", "late", "mid") else "", t)
    match = re.fullmatch(r"(early|late|mid)\s+(.+)", t)
    if match and not re.fullmatch(r"\d{4}", match.group(2)):
        # "late November", "early next year": the period the modifier sits in
        inner = normalize_expression(match.group(2), anchor, direction)
        if inner is not None and inner[0] == "DATE" and inner[2] in ("month", "year", "week", "quarter"):
            return inner
    if anchor is not None:
        quarter = _quarter(t, anchor)
        if quarter is not None:
            return quarter
    match = re.fullmatch(r"fiscal (\d{4})", t)
    if match:
        return "DATE", match.group(1), "year", False
    match = re.fullmatch(r"(?:the |this )?weekend", t)
    if match and anchor is not None:
        # a weekend spoken of in the past is the last one; otherwise the coming one
        day = anchor - dt.timedelta(days=7) if direction < 0 and anchor.weekday() < 5 else anchor
        return "DATE", _week(day) + "-WE", "week", True
    match = re.fullmatch(r"this (january|february|march|april|may|june|july|august|september|october|november|december)", t)
    if match and anchor is not None:
        return "DATE", f"{anchor.year}-{MONTHS[match.group(1)]:02d}", "month", True
    if t in ("recent years", "recent months", "recent weeks", "recent days"):
        return "DATE", "PAST_REF", None, True
    match = re.fullmatch(r"last (january|february|march|april|may|june|july|august|september|october|november|december)", t)
    if match and anchor is not None:
        month = MONTHS[match.group(1)]
        year = anchor.year if month < anchor.month else anchor.year - 1
        return "DATE", f"{year}-{month:02d}", "month", True
    match = _CLOCK.match(t)
    if match and anchor is not None:
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        return "TIME", f"{anchor.isoformat()}T{hour:02d}:{int(match.group(2) or 0):02d}", "day", True
    match = re.fullmatch(r"(earlier|later) this (year|month|week)", t)
    if match and anchor is not None:
        unit = match.group(2)
        value = str(anchor.year) if unit == "year" else anchor.strftime("%Y-%m") if unit == "month" else _week(anchor)
        return "DATE", value, unit, True
    if t in PRESENT_WORDS:
        return "DATE", "PRESENT_REF", None, True
    if t in PAST_WORDS:
        return "DATE", "PAST_REF", None, True
    if t in FUTURE_WORDS:
        return "DATE", "FUTURE_REF", None, True
    # sets
    match = re.fullmatch(r"(?:every|each)\s+(\w+)", t)
    if match:
        word = match.group(1)
        if word in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", None, False
        if word.rstrip("s") in UNITS:
            return "SET", _duration(1, word.rstrip("s")), None, False
    if t in ("daily", "weekly", "monthly", "annually", "yearly"):
        unit = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}[t]
        return "SET", _duration(1, unit), None, False
    # N units ago / later; past/last N units (a duration)
    match = re.fullmatch(r"(?:(\w+)\s+)?(?:and\s+a\s+half\s+)?(year|month|week|day|hour|minute|decade)s?\s+(ago|earlier|before|later|from now|after)", t)
    if match and anchor is not None and (match.group(1) is None or _count(match.group(1)) is not None):
        count = _count(match.group(1) or "1") or 1
        sign = -1 if match.group(3) in ("ago", "earlier", "before") else 1
        unit = match.group(2)
        if unit == "day":
            return "DATE", (anchor + dt.timedelta(days=sign * count)).isoformat(), "day", True
        if unit == "week":
            return "DATE", _week(anchor + dt.timedelta(weeks=sign * count)), "week", True
        if unit == "month":
            return "DATE", _shift_months(anchor, int(sign * count)).strftime("%Y-%m"), "month", True
        if unit == "year":
            return "DATE", str(anchor.year + int(sign * count)), "year", True
    match = re.fullmatch(r"(?:(?:the\s+)?(?:last|past|next|coming|first|previous)\s+)?(\w+)(\s+and\s+a\s+half)?\s+"
                         r"(year|month|week|day|hour|minute|decade|quarter|weekend|centur(?:y|ie))s?(?:\s+long)?", t)
    if match and _count(match.group(1)) is not None:
        count = float(_count(match.group(1)) or 1) + (0.5 if match.group(2) else 0)
        unit = "century" if match.group(3).startswith("centur") else match.group(3)
        if unit == "year" and count != int(count):
            return "DURATION", _duration(count, unit), None, False
        if count != int(count):
            return "DURATION", _duration(count, unit), None, False
        return "DURATION", _duration(count, unit), None, False
    match = re.fullmatch(r"(?:several|a few|few|many|the)\s+(year|month|week|day|hour|minute|decade)s", t)
    if match:
        return "DURATION", f"P{'T' if match.group(1) in ('hour', 'minute') else ''}X{UNITS[match.group(1)][0]}", None, False
    if anchor is None:
        return _absolute_only(t)
    if t in ("today", "this day", "today's", "this morning", "this afternoon", "this evening", "tonight"):
        part = {"this morning": "MO", "this afternoon": "AF", "this evening": "EV", "tonight": "NI"}.get(t)
        return ("TIME", f"{anchor.isoformat()}T{part}", "day", True) if part else ("DATE", anchor.isoformat(), "day", True)
    for word, days in (("yesterday", -1), ("tomorrow", 1), ("the day before", -1), ("the day after", 1),
                       ("the day before yesterday", -2), ("the day after tomorrow", 2)):
        if t == word or t.startswith(word + " "):
            day = anchor + dt.timedelta(days=days)
            rest = t[len(word):].strip()
            if rest in DAY_PARTS:
                return "TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True
            return "DATE", day.isoformat(), "day", True
    match = re.fullmatch(r"(last|next|this|coming|past|previous|current)\s+(week|month|year|weekend|quarter|spring|summer|autumn|fall|winter|\w+day)", t)
    if match:
        which, unit = match.groups()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "week":
            return "DATE", _week(anchor + dt.timedelta(weeks=step)), "week", True
        if unit == "weekend":
            return "DATE", _week(anchor + dt.timedelta(weeks=step)) + "-WE", "week", True
        if unit == "month":
            return "DATE", _shift_months(anchor, step).strftime("%Y-%m"), "month", True
        if unit == "year":
            return "DATE", str(anchor.year + step), "year", True
        if unit == "quarter":
            quarter = (anchor.month - 1) // 3 + step
            return "DATE", f"{anchor.year + quarter // 4}-Q{quarter % 4 + 1}", "quarter", True
        if unit in SEASONS:
            return "DATE", f"{anchor.year + step}-{SEASONS[unit]}", "season", True
        if unit in WEEKDAYS:
            if step == 0:
                return "DATE", anchor_weekday(anchor, WEEKDAYS[unit], direction).isoformat(), "day", True
            day = anchor_weekday(anchor + dt.timedelta(days=step), WEEKDAYS[unit], step)
            return "DATE", day.isoformat(), "day", True
    words = t.split()
    if words and words[0] in WEEKDAYS:
        day = anchor_weekday(anchor, WEEKDAYS[words[0]], direction)
        rest = " ".join(words[1:])
        if rest in DAY_PARTS:
            return "TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True
        if not rest:
            return "DATE", day.isoformat(), "day", True
        words = words[1:]
        t = " ".join(words).lstrip(", ")
    if t in DAY_PARTS or t in ("the morning", "the evening", "the night", "overnight"):
        return "TIME", f"{anchor.isoformat()}T{DAY_PARTS.get(t.split()[-1], 'NI')}", "day", True
    absolute = _absolute(t, anchor, direction)
    if absolute:
        return absolute
    return _dateparser(text, anchor, direction)


def _quarter(t: str, anchor: dt.date) -> tuple[str, str, str | None, bool] | None:
    """Financial-news quarters: "the quarter", "the latest quarter" (the one just reported),
    "the year-ago quarter", "this year's third quarter"."""
    reported = anchor - dt.timedelta(days=46)           # results come out weeks after a quarter ends
    number = (reported.month - 1) // 3 + 1
    if re.fullmatch(r"(?:the )?(?:latest |current |most recent |recent )?quarter", t):
        return "DATE", f"{reported.year}-Q{number}", "quarter", True
    if re.fullmatch(r"(?:the )?year (?:ago|earlier) (?:quarter|period)", t):
        return "DATE", f"{reported.year - 1}-Q{number}", "quarter", True
    match = re.fullmatch(r"(?:this year's |the )?(first|second|third|fourth) quarter(?: of (\d{4}))?", t)
    if match:
        quarter = ("first", "second", "third", "fourth").index(match.group(1)) + 1
        year = int(match.group(2)) if match.group(2) else anchor.year
        return "DATE", f"{year}-Q{quarter}", "quarter", not match.group(2)
    return None


def _absolute_only(t: str) -> tuple[str, str, str | None, bool] | None:
    """Without an anchor only self-contained dates can be normalized."""
    match = _MONTH_DAY.search(t) or _DAY_MONTH.search(t)
    if match and match.group(3):
        return _absolute(t, dt.date(int(match.group(3)), 1, 1), 0)
    match = re.fullmatch(r"(\d{4})", t) or _MONTH_YEAR.fullmatch(t) or _ISO.fullmatch(t)
    if match:
        return _absolute(t, dt.date(2000, 1, 1), 0)
    return None


def _absolute(t: str, anchor: dt.date, direction: int) -> tuple[str, str, str | None, bool] | None:
    match = _ISO.fullmatch(t)
    if match:
        return "DATE", match.group(0), "day", False
    for pattern, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        match = pattern.fullmatch(t) or pattern.match(t)
        if match and match.end() >= len(t) - 1:
            month_text, day_text = (match.group(1), match.group(2)) if order == "md" else (match.group(2), match.group(1))
            month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
            year_text = match.group(3)
            year = int(year_text) if year_text else nearest_year(anchor, month, day, direction)
            try:
                return "DATE", dt.date(year, month, day).isoformat(), "day", not year_text
            except ValueError:
                return None
    match = _MONTH_YEAR.fullmatch(t)
    if match:
        return "DATE", f"{int(match.group(2)):04d}-{MONTHS[match.group(1).lower().rstrip('.')]:02d}", "month", False
    if t in MONTHS and (len(t) > 3 or t == "may"):
        month = MONTHS[t]
        return "DATE", f"{nearest_year(anchor, month, None, direction):04d}-{month:02d}", "month", True
    match = re.fullmatch(r"(?:(early|late|mid)\s+)?(\d{4})", t)
    if match and 1800 <= int(match.group(2)) <= 2100:
        return "DATE", match.group(2), "year", False
    match = re.fullmatch(r"(?:the\s+)?(\d{3})0'?s", t)
    if match:
        return "DATE", match.group(1), "decade", False
    match = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?", t)
    if match:
        year = int(match.group(2)) if match.group(2) else anchor.year
        return "DATE", f"{year}-{SEASONS[match.group(1)]}", "season", not match.group(2)
    match = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth)\s+quarter(?:\s+of\s+(\d{4}))?", t)
    if match:
        quarter = ("first", "second", "third", "fourth").index(match.group(1)) + 1
        year = int(match.group(2)) if match.group(2) else anchor.year
        return "DATE", f"{year}-Q{quarter}", "quarter", not match.group(2)
    return None


def _dateparser(text: str, anchor: dt.date, direction: int) -> tuple[str, str, str | None, bool] | None:
    if not re.search(r"\d|" + "|".join(MONTHS), text.lower()):
        return None
    import dateparser  # underneath our rules: reads formats we do not list

    settings = {"RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": "future" if direction > 0 else "past",
                "REQUIRE_PARTS": ["year"] if re.fullmatch(r"\d{4}", text.strip()) else [],
                "RETURN_TIME_AS_PERIOD": True}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return "DATE", parsed.date().isoformat(), "day", True


# ---------------------------------------------------------------- tense
def clause_direction(token) -> int:
    """-1 past, +1 future or scheduled, 0 unknown, read from the verb that governs a token."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head.i == node.i:
            break
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return 0
    children = list(node.children)
    auxiliaries = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "shall", "'ll"} or node.lemma_ in ("plan", "schedule", "expect") \
            and node.tag_ == "VBN" or any(c.lower_ == "going" for c in children):
        return 1
    if node.tag_ in ("VB",) and "to" in auxiliaries and node.head.lemma_ in ("plan", "schedule", "expect", "due", "set"):
        return 1
    if node.tag_ == "VBD" or auxiliaries & {"was", "were", "had", "did", "has", "have"}:
        return -1
    if node.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}:
        return 1
    return 0


# ---------------------------------------------------------------- stage
class TimeFinder:
    def __call__(self, segments: list[Segment], anchor: dt.date | None) -> list[TimeExpression]:
        found: list[TimeExpression] = []
        for segment in segments:
            doc = segment.doc
            spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
            for match in _PATTERN.finditer(doc.text):
                if not any(s <= match.start() < e or match.start() <= s < match.end() for s, e in spans):
                    spans.append((match.start(), match.end()))
            for start, end in sorted(spans):
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                text = doc.text[start:end]
                stripped = re.sub(r"^(?:the|on|in|at|by|since)\s+", "", text, flags=re.IGNORECASE)
                start += len(text) - len(stripped)
                text = stripped.rstrip(" .,'s") if stripped.endswith("'s") else stripped.rstrip(" .,")
                if not text or _NOT_TIMES.match(text):
                    continue
                direction = clause_direction(span.root)
                result = normalize_expression(text, anchor, direction)
                pieces = [(start, text, result)]
                if result is None:
                    # "the quarter ended Sept. 30": keep the parts we can read
                    pieces = [(start + m.start(), m.group(0), normalize_expression(m.group(0), anchor, direction))
                              for m in _PATTERN.finditer(text)]
                for piece_start, piece, piece_result in pieces:
                    if piece_result is None:
                        continue
                    kind, value, granularity, relative = piece_result
                    found.append(TimeExpression(segment.offset + piece_start, segment.offset + piece_start + len(piece),
                                                piece, kind, value, anchor, granularity, relative))
        return _clock_on_its_day(found, segments)


def _clock_on_its_day(found: list[TimeExpression], segments: list[Segment]) -> list[TimeExpression]:
    """A clock time takes the day named in its sentence ("on Friday ... at 10 a.m."), not the article's."""
    out = list(found)
    for segment in segments:
        for sentence in segment.doc.sents:
            start, end = segment.char_span(sentence.start, sentence.end)
            inside = [(n, t) for n, t in enumerate(out) if start <= t.start < end]
            days = [t.value for _, t in inside if t.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value)]
            if len(set(days)) != 1:
                continue
            for n, expression in inside:
                match = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})", expression.value)
                if expression.type == "TIME" and match:
                    out[n] = replace(expression, value=days[0] + match.group(1))
    return out


def value_to_date(value: str) -> tuple[dt.date, str] | None:
    """The first day a TIMEX value covers and its granularity, for dating events."""
    value = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if match := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
            return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), "week"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date.fromisoformat(value + "-01"), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def date_events(events: list[Event], times: list[TimeExpression], segments: list[Segment],
                anchor: dt.date | None) -> list[Event]:
    """Give each event the time expression attached to its trigger, else its sentence's, else the article date."""
    datable = [(t, value_to_date(t.value)) for t in times if t.type in ("DATE", "TIME")]
    datable = [(t, d) for t, d in datable if d is not None]
    out = []
    for event in events:
        chosen = _attached(event, datable, segments)
        if chosen is None:
            in_sentence = [(t, d) for t, d in datable if event.sentence[0] <= t.start < event.sentence[1]]
            if in_sentence:
                chosen = min(in_sentence, key=lambda item: abs(item[0].start - event.trigger[0]))
        if chosen is not None:
            expression, (day, granularity) = chosen
            out.append(replace(event, date=day, date_granularity=granularity,
                               date_method="relative" if expression.is_relative else "explicit"))
        elif anchor is not None:
            out.append(replace(event, date=anchor, date_granularity="day", date_method="article_date"))
        else:
            out.append(event)
    return out


def _attached(event: Event, datable, segments: list[Segment]):
    for segment in segments:
        doc = segment.doc
        if not segment.offset <= event.trigger[0] < segment.offset + len(doc.text):
            continue
        token = doc.char_span(event.trigger[0] - segment.offset, event.trigger[1] - segment.offset,
                              alignment_mode="expand")
        if token is None:
            return None
        clause = _clause_tokens(token.root)
        for expression, day in datable:
            span = doc.char_span(expression.start - segment.offset, expression.end - segment.offset,
                                 alignment_mode="expand")
            if span is not None and span.root.i in clause:
                return expression, day
        return None
    return None


def _clause_tokens(token) -> set[int]:
    """Tokens of the trigger's own clause: its subtree minus embedded clauses, plus the governing verb's."""
    heads = [token]
    node = token
    while node.dep_ in ("xcomp", "nsubj", "nsubjpass", "dobj", "pobj", "prep") and node.head.i != node.i:
        node = node.head
        heads.append(node)
    out: set[int] = set()
    for head in heads:
        stack = [head]
        while stack:
            current = stack.pop()
            out.add(current.i)
            stack.extend(c for c in current.children if c.dep_ not in ("ccomp", "advcl", "relcl", "parataxis")
                         or c.i == token.i)
    return out


def find_dates_in_lines(text: str, spans) -> list[TimeExpression]:
    """Self-contained dates in unparsed lines: the dateline under a title ("Northstar Daily, March 10, 2023")."""
    found = []
    for start, end in spans:
        for pattern in (_MONTH_DAY, _DAY_MONTH, _ISO):
            for match in pattern.finditer(text, start, end):
                result = normalize_expression(match.group(0), None)
                if result is not None and result[0] == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result[1]):
                    found.append(TimeExpression(match.start(), match.end(), match.group(0), "DATE", result[1],
                                                None, "day", False))
    return found


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def infer_article_date(segments: list[Segment], dateline: list[TimeExpression],
                       tenures: list[tuple[dt.date, dt.date | None, str]] = ()) -> DateEstimate | None:
    """Infer a missing article date from what the text says, and say how.

    Evidence, strongest first: a dated dateline under the title; explicit full dates
    (news reports what just happened, so the article follows its latest one by days);
    month-day mentions and weekday mentions that must coincide ("talks in Geneva on
    Monday" ... "January 10th" -> a year where 10 January is a Monday), read with the
    tense of their clause; the tenures of people named with their office. Every day in
    the feasible window is scored against the clues and the best-scoring days win.
    """
    if dateline:
        day = dt.date.fromisoformat(max(t.value for t in dateline))
        return DateEstimate(day, day, day, 0.95, (f"dateline {max(dateline, key=lambda t: t.value).text!r}",))
    full, partial, weekdays, years = [], [], [], []
    for segment in segments:
        for entity in segment.doc.ents:
            if entity.label_ != "DATE":
                continue
            text = entity.text.strip()
            direction = clause_direction(entity.root)
            lowered = " ".join(text.lower().split())
            match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
            if match:
                month_text, day_text = (match.group(1), match.group(2)) if match.re is _MONTH_DAY else \
                    (match.group(2), match.group(1))
                month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
                if match.group(3):
                    try:
                        full.append((dt.date(int(match.group(3)), month, day), text))
                    except ValueError:
                        pass
                else:
                    weekday = next((w for w in _WEEKDAY_NAMES if w in lowered), None)
                    partial.append((month, day, direction, text, weekday))
                continue
            weekday = next((n for n, w in enumerate(_WEEKDAY_NAMES) if re.search(rf"\b{w}\b", lowered)), None)
            if weekday is not None:
                weekdays.append((weekday, direction, text))
            else:
                years.extend((int(y), text) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", lowered))
    # the feasible window: tenures of the people named with their office, else the explicit dates
    low, high, evidence = dt.date(1900, 1, 1), dt.date(2100, 12, 31), []
    for start, end, what in tenures:
        low = max(low, start)
        if end is not None and end < high:
            high = end
        evidence.append(f"tenure of {what}")
    if low > high:
        low, high = min(t[0] for t in tenures), max(t[1] or high for t in tenures)
        evidence = ["tenures disagree; using their span"]
    if full:
        latest = max(day for day, _ in full)
        low, high = max(low, latest), min(high, latest + dt.timedelta(days=31)) if high >= latest else high
        evidence.append(f"latest full date {max(full)[1]!r}")
    if not partial and not full and not tenures and not years:
        return None
    if not partial and not weekdays and (high - low).days > 400:
        return DateEstimate(None, low, high, 0.2, tuple(evidence)) if tenures else None
    # without a bound, the clues are read over the last thirty years (and the next one)
    today = dt.date.today()
    low, high = max(low, dt.date(today.year - 30, 1, 1)), min(high, dt.date(today.year + 1, 12, 31))
    latest_full = max((day for day, _ in full), default=None)
    # the latest year the text names ("in 1998", "Aug. 7, 1998") is most likely the article's, or the one before it
    named_years = [year for year, _ in years] + [day.year for day, _ in full]
    latest_year = max((y for y in named_years if y <= today.year + 1), default=None)
    if latest_year is not None:
        evidence.append(f"latest year named: {latest_year}")
    def score(day: dt.date) -> float:
        value = 0.0
        if latest_year is not None and day.year in (latest_year, latest_year + 1):
            value += 2.0 if day.year == latest_year else 1.5
        if latest_full is not None and 0 <= (day - latest_full).days <= 7:
            value += 1.0 - 0.05 * (day - latest_full).days    # reported within days of its latest date
        for month, dom, direction, _, weekday in partial:
            try:
                resolved = dt.date(nearest_year(day, month, dom, direction), month, dom)
            except ValueError:
                continue
            delta = (resolved - day).days
            if direction * delta >= 0 and abs(delta) <= 14:
                value += 1.0                   # news speaks of the days just past or just ahead
            if weekday is not None and _WEEKDAY_NAMES[resolved.weekday()] == weekday:
                value += 2.0                   # "Monday, January 10" fixes the year
            for other, other_direction, _ in weekdays:
                if anchor_weekday(day, other, other_direction) == resolved:
                    value += 1.0               # "on Monday" elsewhere may name the same day
        return value

    # Clues only act within two weeks of a date they name; elsewhere the score changes slowly,
    # so a grid of 15-day blocks stands for those days (each grid day speaks for its block).
    block = 15
    candidates: set[dt.date] = set()
    anchors = [latest_full] if latest_full is not None else []
    for year in range(low.year, high.year + 1):
        for month, dom, *_ in partial:
            try:
                anchors.append(dt.date(year, month, dom))
            except ValueError:
                continue
    for anchor in anchors:
        for offset in range(-16, 17):
            day = anchor + dt.timedelta(days=offset)
            if low <= day <= high:
                candidates.add(day)
    grid = {low + dt.timedelta(days=n) for n in range(0, (high - low).days + 1, block)}
    best_score, best_spans = -1.0, []            # equally good stretches: (first day, last day)
    for day in sorted(candidates | grid):
        value = score(day)
        if value < best_score:
            continue
        span = (day, day) if day in candidates else (day, min(high, day + dt.timedelta(days=block - 1)))
        if value > best_score:
            best_score, best_spans = value, [span]
        else:
            best_spans.append(span)
    if not best_spans:
        return None
    # equally good days may fall in separate clusters (years with the same calendar): take the
    # latest cluster not after today, and say the choice is weaker
    best_spans.sort()
    clusters: list[list[dt.date]] = [[best_spans[0][0], best_spans[0][1]]]
    for first, last in best_spans[1:]:
        if (first - clusters[-1][-1]).days > 31:
            clusters.append([first, last])
        else:
            clusters[-1][-1] = max(clusters[-1][-1], last)
    past = [c for c in clusters if c[0] <= today] or clusters
    cluster = past[-1]
    earliest, latest = cluster[0], cluster[-1]
    # within the best window the article most likely follows the events it reports
    chosen = latest if (latest - earliest).days <= 14 else earliest + (latest - earliest) / 2
    if len(clusters) > 1:
        # the year is not settled: the window says so, from the first period to the last
        earliest, latest = clusters[0][0], clusters[-1][-1]
        evidence.append(f"{len(clusters)} equally good periods, the year is uncertain; took the latest "
                        "before today: " + ", ".join(f"{c[0]}..{c[-1]}" for c in clusters[-3:]))
    for month, dom, direction, text, weekday in partial:
        evidence.append(f"{text!r} read {'forward' if direction > 0 else 'back' if direction < 0 else 'nearest'}")
    for _, _, text in weekdays:
        evidence.append(f"weekday {text!r}")
    width = (cluster[-1] - cluster[0]).days
    confidence = max(0.1, min(0.9, 0.9 - width / 120)) if best_score > 0 else 0.15
    if len(clusters) > 1:
        confidence = min(confidence, 0.35)
    confidence = round(confidence, 2)
    return DateEstimate(chosen, earliest, latest, confidence, tuple(evidence))
