"""Dates as briefs write them ("March 05, 2022", "April 2022") turned into ISO strings, and the month and day
names every other module matches dates with."""

from __future__ import annotations

import re

# Each month's name and the abbreviations briefs use for it: the one month table the patterns below come from.
_MONTH_TABLE: tuple[tuple[str, ...], ...] = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sept", "Sep"),  # "Sept" before "Sep", so a pattern takes the longer one
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Lower-case month name or abbreviation -> month number.
MONTHS = {name.lower(): i for i, names in enumerate(_MONTH_TABLE, start=1) for name in names}
# A month's full name, capitalised as written in prose ("may" the verb is not a month).
MONTH_NAMES = "(?:" + "|".join(names[0] for names in _MONTH_TABLE) + ")"
# A month written in full or abbreviated, with an optional period ("Sept.", "Jan").
MONTH_PATTERN = (
    "(?:"
    + "|".join([*(names[0] for names in _MONTH_TABLE), *(abbr for names in _MONTH_TABLE for abbr in names[1:])])
    + r")\.?"
)
_MONTH = MONTH_PATTERN
# Month and weekday names in lower case: words that date a sentence rather than say what it is about.
CALENDAR_WORDS = frozenset(name.lower() for name in (*(names[0] for names in _MONTH_TABLE), *_WEEKDAYS))
# Month day, year | day Month year | Month year | YYYY-MM-DD | YYYY
DATE_PATTERN = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)


def parse_date(text: str) -> str | None:
    """Return the ISO form of a date written in full, or None if ``text`` is not one date."""
    s = text.strip().strip(",.;")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        return s
    if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s):
        month = MONTHS.get(m.group(1).lower())
        day = int(m.group(2))
        if month and 1 <= day <= 31:
            return f"{m.group(3)}-{month:02d}-{day:02d}"
    if m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", s):
        month = MONTHS.get(m.group(2).lower())
        day = int(m.group(1))
        if month and 1 <= day <= 31:
            return f"{m.group(3)}-{month:02d}-{day:02d}"
    if m := re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", s):
        month = MONTHS.get(m.group(1).lower())
        if month:
            return f"{m.group(2)}-{month:02d}"
    if re.fullmatch(r"\d{4}", s):
        return s
    return None
