"""The closed-class words of time expressions and the patterns built over them.

In: nothing (tables only). Out: months, weekdays, spelled numbers, units, seasons, parts of
the day, the words that refer to the past, the present or the future, and the regular
expressions the finder and the value rules read them with.

Rule: every table is keyed by the lower-case word as it appears in news text, with its common
abbreviations ("Sept.", "Thurs"); patterns are case-insensitive unless they read our own values.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
DECADES = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
NUMBERS: dict[str, float | None] = {
    "a": 1,
    "an": 1,
    **{word: n for n, word in enumerate(ONES)},
    **TENS,
    "hundred": 100,
    "several": None,
    "few": None,
    "couple": 2,
    "half": 0.5,
}
UNITS = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "hour": "H",
    "minute": "MI",
    "decade": "DE",
    "quarter": "Q",
    "weekend": "WE",
    "century": "CE",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SPELLED = {**{word: n for n, word in enumerate(ONES)}, **TENS}  # the whole numbers spelled
QUARTER_ORDINALS = ("first", "second", "third", "fourth")
# prepositions through which a time expression hanging from a noun still tells when it happened
# ("the attack in Pahalgam on 22 April"); through any other ("the restrictions of the year 1992",
# "a law from 2012") it tells which thing is meant
TEMPORAL_PREPOSITIONS = frozenset(
    ("on", "in", "at", "since", "by", "until", "till", "during", "before", "after", "over")
)
PAST_WORDS = {
    "recently",
    "previously",
    "formerly",
    "the past",
    "in the past",
    "past",
    "lately",
    "recent",
    "then current",
    "past years",
}
FUTURE_WORDS = {
    "the future",
    "in the future",
    "future",
    "in the coming days",
    "near future",
    "near term",
    "short term",
    "future quarters",
    "coming quarters",
    "coming months",
    "later date",
    "a later date",
    "some later date",
}
PRESENT_WORDS = {
    "now",
    "currently",
    "at present",
    "nowadays",
    "today's",
    "at the moment",
    "right now",
    "these days",
    "present",
    "current",
}

ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
MONTH_DAY = re.compile(rf"\b{MONTH}\s+{ORDINAL}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b{ORDINAL}(?:\s+of)?\s+{MONTH}(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
# a wire dateline at the head of the text: "NAIROBI, August 21 (Xinhua) --", "TEHRAN, Kenya,
# Aug. 8 (AP) _", "BEIJING, March 3 -": the day the report was filed, its year unsaid
WIRE_DATELINE = re.compile(
    rf"\A\s*[A-Z][A-Z'.\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z'.\- ]{{1,40}})?,\s+(?i:{MONTH})\s+{ORDINAL}"
    rf"\s*(?:\([^()]{{1,40}}\)\s*)?(?:--|\u2014|\u2013|_|-)",
)
MONTH_YEAR = re.compile(rf"\b{MONTH}(?:\s+of)?,?\s+(\d{{4}})\b", re.IGNORECASE)
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# a time zone written after a clock time: "UTC", "GMT+8", "EDT", "local time"
ZONE = (
    r"(?:utc|gmt|cet|cest|eet|eest|bst|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|msk|jst|sast|aest"
    r"|local time)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
)
# the 24-hour clock: "18:00", "18:00 UTC", "17.00 hours", "6:40 (GMT+8)"; with a dot only when
# "hours" or a zone follows (a dot alone is a figure: "3.50")
CLOCK_24 = re.compile(
    rf"(?:about\s+|around\s+|at\s+)?([01]?\d|2[0-3])(?::([0-5]\d)(?:\s*(?:hours|hrs))?"
    rf"(?:\s*\(?{ZONE}\)?)?|\.([0-5]\d)\s*(?:(?:hours|hrs)(?:\s*\(?{ZONE}\)?)?|\(?{ZONE}\)?))",
    re.IGNORECASE,
)
# a date in figures: "10.05.2025" (day first), "7/8/07" (month first unless the first figure
# cannot be a month)
NUMERIC_DATE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})")
# what the finder catches on top of spaCy's DATE and TIME entities
PATTERN = re.compile(
    rf"\b(?:{MONTH}\s+{ORDINAL}(?:,?\s+\d{{4}})?|{ORDINAL}\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?"
    rf"|(?:last|next|this|coming)\s+(?:week|month|year|weekend|monday|tuesday|wednesday"
    rf"|thursday|friday|saturday|sunday)"
    rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|tomorrow|today|tonight"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}})(?!\d|\.\d)"
    rf"|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})(?![/\d])"
    rf"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:hours|hrs))?(?:\s+{ZONE})?"
    rf"|(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:hours|hrs)(?:\s+{ZONE})?"
    rf"|[01]\d[0-5]\d\s*(?:gmt|utc)"
    rf"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)"
    rf"\s+(?:year|month|week|day)s?\s+(?:ago|earlier|later)"
    rf"|now|currently|recently|in the past|the future|the (?:near future|near term|short term)"
    rf"|(?:then )?current"
    rf"|the (?:latest|most recent) period(?!\s+of\b)"
    rf"|recent (?:years|months|weeks|days)"
    rf"|earlier this (?:year|month|week)|later this (?:year|month|week)"
    rf"|(?:(?:earlier|later) )?(?:that|the same|the following|the next|the previous)"
    rf" (?:day|morning|afternoon|evening|night)"
    rf"|this past (?:week|weekend|month|year|spring|summer|fall|autumn|winter)"
    rf"|the week of {MONTH}\s+{ORDINAL}|midday|mid-?(?:morning|afternoon)"
    rf"|(?:(?<=by )|(?<=since )|(?<=until )|(?<=before )|(?<=around )|(?<=at ))year[- ]end"
    rf"|the (?:{'|'.join(DECADES)})|(?:in )?past years|(?:a|some) later date"
    rf"|the (?:days|weeks|months|years) ahead"
    rf"|(?:over|within|for|about|nearly|almost) (?:a|an) (?:day|week|month|year)"
    rf"(?!\s+(?:ago|earlier|later|before|after))"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:trading|business|working) days"
    rf"|(?:day|week|month|year)-long|post-\d{{4}}"
    rf"|(?<=for )a while"
    rf"|(?<=for )an? (?:\w+ )?(?:long|lengthy|extended|short|brief) (?:period|spell)(?: of time)?"
    rf"|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{{1,2}})"
    rf" (?:days|weeks|months|years)"
    rf"(?!\s+(?:old|of\s+age)\b)"
    rf"|(?:first|second|third)(?=\s+(?:and|or)\s+(?:the\s+)?(?:second|third|fourth)\s+quarters\b)"
    rf"|(?:every|each)\s+(?:day|week|month|year|morning|evening|night|january|february|march"
    rf"|april|may|june|july"
    rf"|august|september|october|november|december)"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:more|additional)"
    rf"\s+(?:year|month|week|day)s?)\b",
    re.IGNORECASE,
)
# PATTERN without case folding, for lower-cased text: case-insensitive matching costs about
# twice as much, and every paragraph is scanned
_PATTERN_LOWER = re.compile(PATTERN.pattern)


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``PATTERN`` finds in ``text`` (scanned lower-cased when lower-casing keeps
    every offset, as it does for all but a few letters such as the Turkish dotted I)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.span() for m in PATTERN.finditer(text)]
    return [m.span() for m in _PATTERN_LOWER.finditer(lowered)]


CLOCK = re.compile(
    r"^(?:about\s+|around\s+|at\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?:\s+\w{3})?$",
    re.IGNORECASE,
)
# spaCy tags these as dates or times on their own; news annotators never count them
NOT_TIMES = re.compile(
    r"^(?:\d{1,2}|(?:the\s+)?(?:night|morning|evening|afternoon)|annually|yearly|"
    r"\d{1,2}s|overnight)$",
    re.IGNORECASE,
)
# what joins two time expressions in one entity: "between 1994 and 1997", "the year ended
# Sept. 30", "the first nine months of 1997"
JOINS = re.compile(
    r"\s*(?:(?<!\S)(?:between|from|and|to|through|until|till|or|ended|ending|compared with)(?!\S)"
    r"|(?<=\d)\s*-(?=\s*\d)|(?<!\S)of(?=\s+(?:\d{4}|the year|this year|last year)\b))\s*",
    re.IGNORECASE,
)
DAY_WORDS = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow)", re.IGNORECASE
)
# "the quarter", "the latest period": the quarter a report is about, whichever it is
GENERIC_QUARTER = re.compile(
    r"(?:the )?(?:latest |most recent |recent )?quarter|(?:the )?(?:latest|most recent) period",
    re.IGNORECASE,
)
# our own value of a day: "2022-01-10"
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def spell_numbers(words: str) -> str:
    """Digits for spelled years and compound numbers: "nineteen ninety six" -> "1996", "the year
    two thousand" -> "2000", "twenty four hours" -> "24 hours", "5 1/2 hours" -> "5 and a half
    hours"."""
    tens, ones = "|".join(TENS), "|".join(ONES[1:10])
    words = re.sub(
        rf"\b(eighteen|nineteen) ({tens}|{'|'.join(ONES[10:])})(?: ({ones}))?\b",
        lambda m: str(
            SPELLED[m.group(1)] * 100 + SPELLED[m.group(2)] + SPELLED.get(m.group(3) or "zero", 0)
        ),
        words,
    )
    words = re.sub(
        rf"\b(?:the )?(?:year )?two thousand(?: and)?(?: ({ones}))?\b(?! years)",
        lambda m: str(2000 + SPELLED.get(m.group(1) or "zero", 0)),
        words,
    )
    words = re.sub(
        rf"\b({tens}) ({ones})\b",
        lambda m: str(SPELLED[m.group(1)] + SPELLED[m.group(2)]),
        words,
    )
    words = re.sub(r"\b(?:a|one) hundred\b", "100", words)
    words = re.sub(r"^(?:the )?year (\d{4})$", r"\1", words)
    words = re.sub(r"\b(?:a )?couple of\b", "two", words)
    words = re.sub(r"\b(\d+) 1/2\b", r"\1 and a half", words)
    # "a minute and a half" -> "1 and a half minutes", the order the duration rules read
    return re.sub(
        r"^(?:a|an|one) (year|month|week|day|hour|minute) and a half\b", r"1 and a half \1s", words
    )


def read_count(word: str) -> float | None:
    """The number a word counts ("three", "12", "a"), or None (also for "several", "few")."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)
