import calendar
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from checker.dates import DateResolver
from checker.models import DateValue

PUB = DateValue(year=2025, month=1, day=23)  # a Thursday


def resolve(text: str, published=PUB, before: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    resolver = DateResolver(published)
    for sentence in before:
        resolver.find(sentence)
    return [(m.raw, m.period) for m in resolver.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("It opened on 28 June 2022.", [("28 June 2022", "2022-06-28")]),
    ("It opened on June 28, 2022.", [("June 28, 2022", "2022-06-28")]),
    ("It opened in June, 2022.", [("June, 2022", "2022-06")]),
    ("It opened in 1987.", [("1987", "1987")]),
    ("It opened on Jan. 5, 2024.", [("Jan. 5, 2024", "2024-01-05")]),
    ("It opened on 2023-11-02.", [("2023-11-02", "2023-11-02")]),
    ("It happened last year.", [("last year", "2024")]),
    ("It will happen next year.", [("next year", "2026")]),
    ("It happened last month.", [("last month", "2024-12")]),
    ("It happened in August last year.", [("August last year", "2024-08")]),
    ("On Thursday, the force said so.", [("On Thursday", "2025-01-23")]),
    ("On Monday, the force said so.", [("On Monday", "2025-01-20")]),
    ("In January, it reached 90%.", [("January", "2025-01")]),
    ("In March, it fell.", [("March", "2024-03")]),  # past tense: the March before publication
    ("It will reopen in March.", [("March", "2025-03")]),
    ("He took up the post last September.", [("last September", "2024-09")]),
    ("It was announced yesterday.", [("yesterday", "2025-01-22")]),
    ("It closed two years ago.", [("two years ago", "2023")]),
    ("From 1 April 2023 to 31 March 2024 it rose.", [("1 April 2023 to 31 March 2024", "2023-04/2024-03")]),
    ("From 3 April 2023 to 31 March 2024 it rose.", [("3 April 2023 to 31 March 2024", "2023-04-03/2024-03-31")]),
    ("In the year to March 2024 it rose.", [("the year to March 2024", "2023-04/2024-03")]),
    ("In 2023/24 it rose.", [("2023/24", "2023-04/2024-03")]),
    ("In the financial year 2023-24 it rose.", [("financial year 2023-24", "2023-04/2024-03")]),
    ("for January 1, 2024, to December 31, 2024, it was", [("January 1, 2024, to December 31, 2024", "2024")]),
    ("between 2019 and 2021", [("2019 and 2021", "2019/2021")]),
    ("The Mayor may march in May 2024.", [("May 2024", "2024-05")]),
    ("It had 4,660,891 contacts and 2,394,416 calls.", []),
    ("the 2019-21 inspection", []),
])
def test_absolute_and_relative_dates(text, expected):
    assert resolve(text) == expected


def test_the_following_month_follows_the_last_date_named():
    before = ("In June, 2023, the mayor asked for a report, resulting in a critical report the following October.",)
    assert resolve("The following May, they agreed a plan.", before=before) == [("The following May", "2024-05")]
    assert resolve("resulting in a critical report the following October.",
                   before=("In June, 2023, the mayor asked.",)) == [("the following October", "2023-10")]


def test_the_previous_year_counts_from_the_date_the_sentence_set():
    text = "It was 86.2 per cent for 2024, compared with 77.6 per cent the previous calendar year."
    assert resolve(text) == [("2024", "2024"), ("the previous calendar year", "2023")]


def test_the_previous_financial_year_is_a_year_before_the_period_just_named():
    text = "In the year to March 2024, 71.3% were seen, up from 68.9% the previous financial year."
    assert resolve(text) == [("the year to March 2024", "2023-04/2024-03"),
                             ("the previous financial year", "2022-04/2023-03")]


def test_relative_dates_need_a_publication_date():
    assert resolve("It happened last year and on Thursday.", published=None) == [
        ("last year", None), ("on Thursday", None)]
    # a year-only publication date cannot place "in March"
    assert resolve("The attack in March.", published=DateValue(year=2017)) == [("March", None)]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{d}th {M} {y}", "{y}-{m:02d}-{d:02d}"]))
def test_any_written_date_reads_back(day, template):
    text = "It happened on " + template.format(d=day.day, M=calendar.month_name[day.month],
                                                 y=day.year, m=day.month) + "."
    assert resolve(text)[0][1] == day.isoformat()


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1950, max_value=2090))
def test_month_year_reads_back_with_month_granularity(month, year):
    text = f"It happened in {calendar.month_name[month]} {year}."
    assert resolve(text) == [(f"{calendar.month_name[month]} {year}", f"{year:04d}-{month:02d}")]


def test_dates_agree_at_the_coarser_granularity():
    june = DateValue(year=2022, month=6)
    assert june.agrees_with(DateValue(year=2022, month=6, day=28))
    assert DateValue(year=2022).agrees_with(june)
    assert not june.agrees_with(DateValue(year=2023, month=6))
    assert not june.agrees_with(DateValue(year=2022, month=7, day=1))
