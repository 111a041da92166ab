"""Data models: everything checker reads from or writes to disk.

Values are typed (date with granularity, number with bound, percentage, polarity,
entity) so that comparison can be type-aware rather than string-based.
"""
from __future__ import annotations

import calendar
import hashlib
import json
from datetime import date
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_serializer


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateValue(Strict):
    """A calendar date known to year, month or day granularity."""

    type: Literal["date"] = "date"
    year: int
    month: Optional[int] = Field(default=None, ge=1, le=12)
    day: Optional[int] = Field(default=None, ge=1, le=31)

    @property
    def granularity(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def agrees_with(self, other: "DateValue") -> bool:
        """Equal at the coarser of the two granularities: June 2022 agrees with 28 June 2022."""
        return self.first_day() <= other.last_day() and other.first_day() <= self.last_day()


class Bound(str, Enum):
    eq = "eq"
    gt = "gt"
    ge = "ge"
    lt = "lt"
    le = "le"
    approx = "approx"


BOUND_WORDS = {"eq": "", "gt": "more than ", "ge": "at least ", "lt": "less than ",
               "le": "up to ", "approx": "about "}


CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}


class _Ranged(Strict):
    """A value that may be a range ("60-70 km"): `low` is its low end, `value` its high end.
    `low` is left out of the serialised form when unset, so ids made before ranges stay."""

    @model_serializer(mode="wrap")
    def _without_unset_low(self, handler):
        data = handler(self)
        if isinstance(data, dict) and data.get("low") is None:
            data.pop("low", None)
        return data


class NumberValue(_Ranged):
    """A count or measure: value, bound ("over 200" is gt 200) and unit."""

    type: Literal["number"] = "number"
    value: float
    bound: Bound = Bound.eq
    unit: str = ""
    low: Optional[float] = None

    def human(self) -> str:
        if self.low is not None:
            unit = f" {self.unit}" if self.unit else ""
            return f"{BOUND_WORDS[self.bound.value]}{_fmt(self.low)}–{_fmt(self.value)}{unit}"
        if self.unit in CURRENCY_SYMBOLS:  # £1.84bn, £38m, £5
            v = self.value
            amount = f"{v / 1e9:g}bn" if v >= 1e9 else f"{v / 1e6:g}m" if v >= 1e6 else _fmt(v)
            return f"{BOUND_WORDS[self.bound.value]}{CURRENCY_SYMBOLS[self.unit]}{amount}"
        unit = f" {self.unit}" if self.unit else ""
        return f"{BOUND_WORDS[self.bound.value]}{_fmt(self.value)}{unit}"


class PercentValue(_Ranged):
    type: Literal["percent"] = "percent"
    value: float
    bound: Bound = Bound.eq
    low: Optional[float] = None

    def human(self) -> str:
        low = f"{_fmt(self.low)}–" if self.low is not None else ""
        return f"{BOUND_WORDS[self.bound.value]}{low}{_fmt(self.value)}%"


class PolarityValue(Strict):
    """Which way an event went: positive (placed in, opened) or negative (removed from, closed)."""

    type: Literal["polarity"] = "polarity"
    polarity: Literal["positive", "negative"]
    event: str

    def human(self) -> str:
        return self.event


class EntityValue(Strict):
    """A person or organisation. `key` is the name as compared: lower case, no titles."""

    type: Literal["entity"] = "entity"
    name: str
    key: str = ""

    def words(self) -> set[str]:
        return set((self.key or self.name.lower()).split())

    def human(self) -> str:
        return self.name


class TallyValue(Strict):
    """Two counts told as one, as written: a score ("leading 28-6"), a vote ("upheld 5-4")."""

    type: Literal["tally"] = "tally"
    values: list[float] = Field(min_length=2, max_length=2)

    def human(self) -> str:
        return "–".join(_fmt(v) for v in self.values)

    def agrees_with(self, other: "TallyValue") -> bool:
        """One tally, whoever is named first ("won 28-6", "lost 6-28")."""
        return sorted(self.values) == sorted(other.values)


Value = Annotated[Union[DateValue, NumberValue, PercentValue, PolarityValue, EntityValue, TallyValue],
                  Field(discriminator="type")]


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.6g}"


def content_id(prefix: str, payload: object) -> str:
    """A short stable ID: hash of sorted-key JSON over the chosen fields."""
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{prefix}-{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:12]}"


SourceKind = Literal["news", "report", "letter", "transcript", "press-release", "other"]


class SourceMeta(Strict):
    """The front matter of a source file (DESIGN.md)."""

    id: Optional[str] = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: str = ""
    outlet: str = ""
    author: Optional[str] = None
    published: Optional[DateValue] = None
    url: Optional[str] = None
    kind: SourceKind = "other"
    copy_of: Optional[str] = None  # id of the source this is a syndicated copy of


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    path: str  # as given relative to the sources folder's parent, '/'-separated
    meta: SourceMeta
    text: str  # whole file as read
    body_start: int  # offset of the body within text
    warnings: list[str] = []

    def summary(self) -> dict:
        published = self.meta.published.iso() if self.meta.published else None
        return {"id": self.id, "title": self.meta.title, "outlet": self.meta.outlet,
                "published": published, "path": self.path}


class Sentence(Strict):
    source: str
    text: str
    start: int  # offsets into the source file's text
    end: int
    line: int
    index: int  # position in the source, for context rules ("the following May")


class Claim(Strict):
    """One normalised statement read from a source, or written by a human."""

    id: str
    source: str
    subject: str
    predicate: str
    value: Value
    raw: str
    qualifiers: dict[str, str] = {}
    quote: str
    start: int
    end: int
    line: int
    confidence: float = Field(default=0.8, ge=0, le=1)
    origin: Literal["extracted", "manual"] = "extracted"

    def identity(self) -> dict:
        return {"source": self.source, "subject": self.subject, "predicate": self.predicate,
                "value": self.value.model_dump(mode="json"), "qualifiers": self.qualifiers}


class Mention(Strict):
    """One figure, percentage or date as written in a source, with its measure: the
    concepts around it (weighted by nearness), what it counts, and its period. Mentions
    from different sources are aligned by how alike their measures are."""

    source: str
    # a polarity: what a named party did or did not do ("Kestrel didn't infringe patents")
    value: Annotated[Union[DateValue, NumberValue, PercentValue, PolarityValue, TallyValue, EntityValue],
                     Field(discriminator="type")]
    raw: str
    quote: str
    start: int  # the value's span in the source file
    end: int
    line: int
    sentence: int  # index of the sentence in its source
    concepts: list[tuple[str, float]]  # concept, weight (nearer words weigh more)
    counted: str = ""  # the noun it counts ("passenger"), or its unit ("metre", "USD")
    period: str = ""  # the period it is stated for ("2024", "2023-04/2024-03")
    revised: bool = False  # the sentence says it was revised ("rose to 37")
    condition: bool = False  # a threshold, target or forecast ("needed more than 50%")


class Extraction(BaseModel):
    """What extraction yields for one source: its claims, its figures as measured mentions,
    and the names it mentions most with their distinctive words (two sources share one
    when they are about one story)."""

    model_config = ConfigDict(extra="forbid")

    claims: list[Claim]
    mentions: list[Mention] = []
    salient: list[str] = []
    names: list[str] = []  # distinctive words of every name it mentions


ConflictKind = Literal["date", "number", "percent", "polarity", "attribution", "period", "entity",
                       "update"]


class RecordedVerdict(Strict):
    """An editor's verdict as shown with its conflict (from verdicts.yaml)."""

    verdict: Literal["confirmed", "false_positive", "accepted"]
    note: str = ""
    by: str = ""
    at: str = ""
    correct: Optional[str] = None  # id of the source marked right
    value: Optional[str] = None  # the correct value, in words


class Conflict(Strict):
    id: str
    topic: str
    kind: ConflictKind
    severity: Literal["high", "medium", "low"]
    status: Literal["open", "confirmed", "false_positive", "accepted"] = "open"
    new: bool = True
    confidence: float = Field(ge=0, le=1)
    explanation: str
    claims: list[Claim]
    verdict: Optional[RecordedVerdict] = None  # left out of the JSON when there is none

    @model_serializer(mode="wrap")
    def _without_empty_verdict(self, handler):
        data = handler(self)
        if isinstance(data, dict) and data.get("verdict") is None:
            data.pop("verdict", None)
        return data


class Summary(Strict):
    sources: int
    claims: int
    topics: int
    conflicts: int
    new: int
    unresolved: int


class Report(Strict):
    version: Literal[1] = 1
    sources: list[dict]
    conflicts: list[Conflict]
    summary: Summary
