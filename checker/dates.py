"""Dates: find date expressions in a sentence and resolve them to `DateValue`s.

Relative dates are resolved against an explicit base, never the clock:
"last year" and "On Thursday" against the source's publication date; "the
following May" against the last date the text named; "the previous calendar
year" against the date the sentence already set. What cannot be resolved
(no publication date, a year-only base for "in March") stays unresolved.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from .models import DateValue

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["Sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_FULL = "|".join(name for name in calendar.month_name if name)
_ABBR = "|".join(sorted((n for n in MONTHS if len(n) <= 4 and n not in calendar.month_name), key=len, reverse=True))
_M = rf"(?P<month>{_FULL}|(?:{_ABBR})\.?)(?![A-Za-z])"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUM = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)"
_WD = r"(?P<weekday>" + "|".join(d.capitalize() for d in WEEKDAYS) + r")"
# Words after which a bare year or month is a date ("in 2022", "since March").
_PREP = (r"(?:in|In|since|Since|by|By|from|From|until|till|during|During|of|before|after|"
         r"early|late|mid|throughout|between|and|to|for|For|the|The|spring|summer|autumn|winter)")

_PATTERNS: list[tuple[str, re.Pattern]] = [  # earlier patterns take a span first
    ("fy", re.compile(r"\b(?:(?:financial|fiscal)\s+year\s+)?(?P<fy>(?:19|20)\d\d)[/-](?P<fy2>\d\d)\b(?![-/]\d)")),
    ("year_to", re.compile(rf"\b(?:the\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:to|ending)\s+(?:the\s+end\s+of\s+)?{_M},?\s+{_Y}\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("dmy", re.compile(rf"\b{_D}\s+{_M},?\s+{_Y}\b")),
    ("mdy", re.compile(rf"\b{_M}\s+{_D},?\s+{_Y}\b")),
    ("my", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_Y}\b")),
    ("dm", re.compile(rf"\b{_D}\s+{_M}\b(?!,?\s+\d)")),
    ("md", re.compile(rf"\b{_M}\s+{_D}\b(?!,?\s+\d|\d)")),
    ("month_rel_year", re.compile(rf"\b{_M}\s+(?P<which>last|this|next)\s+year\b")),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>year|month|week|day)s?\s+ago\b", re.I)),
    ("rel_unit", re.compile(r"\b(?P<which>last|this|next|the\s+previous|the\s+following|the\s+past)"
                            r"\s+(?P<kind>calendar\s+|financial\s+|fiscal\s+)?(?P<unit>year|month|week)\b", re.I)),
    ("rel_unit_after", re.compile(r"\b(?:a|the)\s+(?P<unit>year|month)\s+(?P<which>earlier|later|before|after)\b", re.I)),
    ("rel_month", re.compile(rf"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he\s+following|[Tt]he\s+previous)\s+{_M}\b(?!\s+\d)")),
    ("weekday", re.compile(rf"\b(?P<which>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his)\s+{_WD}\b")),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    ("year", re.compile(rf"\b{_PREP}[\s-]+(?:early\s+|late\s+|mid-)?(?P<span>{_Y})\b"
                        r"(?![,.]?\d|[-/]\d|\s*(?:per\s*cent|%))")),
    ("month", re.compile(rf"\b{_PREP}\s+(?:early\s+|late\s+|mid-)?(?P<span>{_M})(?!\s*\d)")),
]
_RANGE_JOIN = re.compile(r"^,?\s*(?:to|until|till|through|–|-)\s*$")
_FUTURE = re.compile(r"\b(will|'ll|shall|due|expected|scheduled|set to|plans? to|planned|next)\b", re.I)
_WORDNUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}


@dataclass
class DateMention:
    start: int  # offsets within the sentence
    end: int
    raw: str
    value: Optional[DateValue]  # None: could not be resolved
    relative: bool = False
    end_value: Optional[DateValue] = None  # set for ranges ("1 January to 31 March 2024")

    @property
    def period(self) -> Optional[str]:
        """A normalised label for the period: '2024', '2024-03', or 'start/end'."""
        if self.value is None:
            return None
        if self.end_value is None:
            return self.value.iso()
        a, b = self.value, self.end_value
        first, last = a.first_day(), b.last_day()
        whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
        if first == dt.date(first.year, 1, 1) and last == dt.date(first.year, 12, 31):
            return str(first.year)
        if whole_months and (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        if whole_months and (first.month, last.month) == (1, 12):
            return f"{first.year}/{last.year}"
        if whole_months:  # "2023/24" and "the year to March 2024" are both 2023-04/2024-03
            return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
        return f"{a.iso()}/{b.iso()}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe(year: int, month: Optional[int] = None, day: Optional[int] = None) -> Optional[DateValue]:
    try:
        if day:
            dt.date(year, month, day)
        return DateValue(year=year, month=month, day=day)
    except (ValueError, TypeError):
        return None


class DateResolver:
    """Resolves dates in one source, sentence by sentence, in reading order."""

    def __init__(self, published: Optional[DateValue], financial_year_start: int = 4):
        self.published = published
        self.fy_start = financial_year_start
        self.last: Optional[DateValue] = None  # the last date the text named

    def find(self, text: str) -> list[DateMention]:
        future = bool(_FUTURE.search(text))
        taken: list[tuple[int, int]] = []
        found: list[tuple[str, re.Match]] = []
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                # preposition-led forms ("in 2022") report only the date itself
                if kind == "fy" and (int(m.group("fy")) + 1) % 100 != int(m.group("fy2")):
                    continue  # "2019-21" is no financial year
                start, end = m.span("span") if "span" in pattern.groupindex else m.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                found.append((start, end, kind, m))
        found.sort(key=lambda f: f[0])
        mentions: list[DateMention] = []
        for start, end, kind, m in found:
            anchor = (mentions[-1].end_value or mentions[-1].value) if mentions else None
            span = self._period(kind, m, mentions[-1] if mentions else None)
            if span:  # a period of a year: a financial year, "the year to March 2024"
                mentions.append(DateMention(start, end, text[start:end], span[0], kind == "rel_unit",
                                            end_value=span[1]))
                self.last = span[1]
                continue
            value, relative = self._resolve(kind, m, future, anchor)
            mention = DateMention(start, end, text[start:end], value, relative)
            if mentions and self._joins(text, mentions[-1], start, value):
                prev = mentions.pop()
                mention = DateMention(prev.start, end, text[prev.start:end], prev.value,
                                      prev.relative or relative, end_value=value)
            mentions.append(mention)
            if value:
                self.last = value
        return mentions

    @staticmethod
    def _joins(text: str, prev: DateMention, start: int, value: Optional[DateValue]) -> bool:
        """'1 January to 31 March 2024', 'between 2019 and 2021': one period, not two dates."""
        if not (value and prev.value and prev.end_value is None):
            return False
        if value.last_day() < prev.value.first_day():
            return False
        between = text[prev.end:start]
        return bool(_RANGE_JOIN.match(between)) or (
            between.strip() == "and" and text[:prev.start].rstrip().lower().endswith("between"))

    def _period(self, kind: str, m: re.Match, prev: Optional[DateMention]):
        """(first month, last month) of a twelve-month period, or None."""
        g = m.groupdict()
        if kind == "fy":
            first = int(g["fy"])
            start = _safe(first, self.fy_start)
            return (start, _safe(*_shift_month(first, self.fy_start, 11))) if start else None
        if kind == "year_to":
            last_month = MONTHS[g["month"].rstrip(".")]
            return (_safe(*_shift_month(int(g["year"]), last_month, -11)), _safe(int(g["year"]), last_month))
        if kind == "rel_unit" and g["unit"].lower() == "year" and prev and prev.end_value \
                and " ".join(g["which"].lower().split()) in ("the previous", "the following") \
                and prev.value.month and prev.end_value.month:
            # "the previous financial year" after "the year to March 2024": a year earlier
            delta = -12 if "previous" in g["which"].lower() else 12
            return (_safe(*_shift_month(prev.value.year, prev.value.month, delta)),
                    _safe(*_shift_month(prev.end_value.year, prev.end_value.month, delta)))
        return None

    def _resolve(self, kind: str, m: re.Match, future: bool,
                 anchor: Optional[DateValue]) -> tuple[Optional[DateValue], bool]:
        g = m.groupdict()
        month = MONTHS.get((g.get("month") or "").rstrip("."), None)
        pub = self.published
        if kind == "iso":
            return _safe(int(g["year"]), int(g["mnum"]), int(g["day"])), False
        if kind == "dmy" or kind == "mdy":
            return _safe(int(g["year"]), month, int(g["day"])), False
        if kind == "my":
            return _safe(int(g["year"]), month), False
        if kind == "year":
            return _safe(int(g["year"])), False
        if kind == "month_rel_year":
            if not pub:
                return None, True
            return _safe(pub.year + {"last": -1, "this": 0, "next": 1}[g["which"]], month), True
        if kind in ("dm", "md"):
            return self._month_in_context(month, int(g["day"]), future), True
        if kind == "month":
            return self._month_in_context(month, None, future), True
        if kind == "deictic":
            if not pub or not pub.day:
                return None, True
            delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
            day = pub.first_day() + dt.timedelta(days=delta)
            return _safe(day.year, day.month, day.day), True
        if kind == "weekday":
            return self._weekday(WEEKDAYS[g["weekday"].lower()], g["which"].lower(), future), True
        if kind == "ago":
            return self._ago(g), True
        if kind in ("rel_unit", "rel_unit_after"):
            return self._relative_unit(g, anchor), True
        if kind == "rel_month":
            return self._relative_month(month, g["which"].lower()), True
        return None, True

    def _month_in_context(self, month: int, day: Optional[int], future: bool) -> Optional[DateValue]:
        """'In March' / 'January 23': the nearest such month on or before publication
        (on or after it when the sentence speaks of the future)."""
        pub = self.published
        if not pub or not pub.month:
            return None
        year = pub.year
        if future and (month, day or 0) < (pub.month, pub.day or 0):
            year += 1
        elif not future and (month, day or 0) > (pub.month, pub.day or 31):
            year -= 1
        return _safe(year, month, day)

    def _weekday(self, weekday: int, which: str, future: bool) -> Optional[DateValue]:
        pub = self.published
        if not pub or not pub.day:
            return None
        base = pub.first_day()
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7
        if which == "last":
            delta = -(back or 7)
        elif which == "next":
            delta = ahead or 7
        elif future:
            delta = ahead
        else:
            delta = -back
        day = base + dt.timedelta(days=delta)
        return _safe(day.year, day.month, day.day)

    def _ago(self, g: dict) -> Optional[DateValue]:
        pub = self.published
        n = int(g["n"]) if g["n"].isdigit() else _WORDNUM[g["n"].lower()]
        unit = g["unit"].lower()
        if not pub:
            return None
        if unit == "year":
            return _safe(pub.year - n)
        if not pub.month:
            return None
        if unit == "month":
            return _safe(*_shift_month(pub.year, pub.month, -n))
        if not pub.day:
            return None
        day = pub.first_day() - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return _safe(day.year, day.month, day.day)

    def _relative_unit(self, g: dict, anchor: Optional[DateValue]) -> Optional[DateValue]:
        which = " ".join(g["which"].lower().split())
        unit = g["unit"].lower()
        # "previous"/"following"/"earlier"/"later" count from the date the text just set;
        # "last"/"this"/"next"/"past" from publication.
        if which in ("the previous", "the following", "earlier", "later", "before", "after"):
            base = anchor or self.last or self.published
            delta = -1 if which in ("the previous", "earlier", "before") else 1
        else:
            base = self.published
            delta = {"last": -1, "the past": -1, "this": 0, "next": 1}[which]
        if not base:
            return None
        if unit == "year":
            return _safe(base.year + delta)
        if unit == "month" and base.month:
            return _safe(*_shift_month(base.year, base.month, delta))
        return None  # weeks: too vague to compare

    def _relative_month(self, month: int, which: str) -> Optional[DateValue]:
        which = " ".join(which.split())
        if which in ("the following", "the previous"):
            base = self.last or self.published
            if not base:
                return None
            if which == "the following":
                year = base.year + 1 if not base.month or month <= base.month else base.year
            else:
                year = base.year - 1 if not base.month or month >= base.month else base.year
            return _safe(year, month)
        pub = self.published
        if not pub or not pub.month:
            return None
        if which == "last":
            return _safe(pub.year if month < pub.month else pub.year - 1, month)
        if which == "next":
            return _safe(pub.year if month > pub.month else pub.year + 1, month)
        return _safe(pub.year, month)  # "this March"
