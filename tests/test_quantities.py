import pytest
from hypothesis import given, strategies as st

from checker.lexicon import load_lexicon
from checker.quantities import QuantityFinder

FINDER = QuantityFinder(load_lexicon())


def found(text):
    return [(text[q.start:q.end], q.value, q.bound, q.kind, q.unit) for q in FINDER.find(text, [])]


@pytest.mark.parametrize("text, expected", [
    ("Over 100 recommendations have been addressed.", [("Over 100", 100, "gt", "number", "recommendation")]),
    ("more than 200 passengers", [("more than 200", 200, "gt", "number", "passenger")]),
    ("About 8,000 officers were trained.", [("About 8,000", 8000, "approx", "number", "officer")]),
    ("nearly twenty-five people", [("nearly twenty-five", 25, "approx", "number", "people")]),
    ("at least 12 cars", [("at least 12", 12, "ge", "number", "car")]),
    ("200 or more people", [("200 or more", 200, "ge", "number", "people")]),
    ("It was 12.5 per cent.", [("12.5 per cent", 12.5, "eq", "percent", "")]),
    ("It was 12.5%.", [("12.5%", 12.5, "eq", "percent", "")]),
    ("three out of four people", [("three out of four", 75, "eq", "percent", "")]),
    ("one in five adults", [("one in five", 20, "eq", "percent", "")]),
    ("one and a half years", [("one and a half", 18, "eq", "number", "month")]),
    ("two-and-a-half years after", [("two-and-a-half", 30, "eq", "number", "month")]),
    ("five minutes", [("five", 300, "eq", "number", "second")]),
    ("5 minutes", [("5", 300, "eq", "number", "second")]),
    ("ten seconds", [("ten", 10, "eq", "number", "second")]),
    ("a fee of £38 million", [("£38 million", 38_000_000, "eq", "number", "GBP")]),
    ("worth around £38m", [("around £38m", 38_000_000, "approx", "number", "GBP")]),
    ("five key basic areas, including", [("five", 5, "eq", "number", "area")]),
    ("an additional 500 staff ranging from", [("500", 500, "eq", "number", "staff")]),
    ("a dozen eggs", [("a dozen", 12, "eq", "number", "egg")]),
    ("rose by 3 percentage points", [("3 percentage points", 3, "eq", "number", "percentage point")]),
    ("a 33-year-old man in section 5 at 3 pm", []),
    ("a 40-day strike", [("40", 40, "eq", "number", "day")]),
    ("the eight-carriage train", [("eight", 8, "eq", "number", "carriage")]),
    ("about 50kms above the sea", [("about 50", 50_000, "approx", "number", "metre")]),
    ("at 120 miles per hour", [("120", 193_121.28, "eq", "number", "metre/hour")]),
    ("going at least 33,000 mph", [("at least 33,000", 33_000 * 1609.344, "ge", "number", "metre/hour")]),
    ("748 500 people were moved", [("748 500", 748_500, "eq", "number", "people")]),
    ("a market value near $12-billion", [("near $12-billion", 12e9, "approx", "number", "USD")]),
    ("the tally crept up to 2,417", [("2,417", 2417, "eq", "number", "")]),
    ("as many as 300 homes", [("as many as 300", 300, "le", "number", "home")]),
    ("cut power to about half of the town", [("about half", 50, "approx", "percent", "")]),
    ("two-thirds of members voted", [("two-thirds", 66.7, "eq", "percent", "")]),
    ("a quarter of all homes", [("a quarter", 25, "eq", "percent", "")]),
    ("one of them", []),
    # a particle is not what a figure counts
    ("in 31 out of Ardell's 52 districts", [("31", 31, "eq", "number", ""), ("52", 52, "eq", "number", "district")]),
    ("sold 40 off the plan", [("40", 40, "eq", "number", "")]),
])
def test_quantities(text, expected):
    assert found(text) == [(a, pytest.approx(b), c, d, e) for a, b, c, d, e in expected]


@given(st.integers(min_value=0, max_value=10**9))
def test_figures_with_thousands_separators_read_back(n):
    assert found(f"There were {n:,} cars.")[0][1] == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals_read_back(whole, frac):
    text = f"It was {whole}.{frac:02d} per cent."
    assert found(text)[0][1] == pytest.approx(float(f"{whole}.{frac:02d}"))


ONES = "one two three four five six seven eight nine".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()


def words(n: int) -> str:
    if n < 10:
        return ONES[n - 1]
    if n < 20:
        return TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return TENS[tens - 2] + (f"-{ONES[ones - 1]}" if ones else "")


@given(st.integers(min_value=2, max_value=99), st.integers(min_value=0, max_value=2))
def test_number_words_read_back(n, scale):
    scale_word, factor = [("", 1), (" hundred", 100), (" thousand", 1000)][scale]
    assert found(f"There were {words(n)}{scale_word} cars.")[0][1] == n * factor


def ranges(text):
    return [(text[q.start:q.end], q.low, q.value, q.unit) for q in FINDER.find(text, [])]


@pytest.mark.parametrize("text, expected", [
    ("about 60-70 km above the ground", [("about 60-70", 60_000, 70_000, "metre")]),
    ("between 18 to 32 miles up", [("18 to 32", 18 * 1609.344, 32 * 1609.344, "metre")]),
    ("between 10 and 15 per cent", [("10 and 15 per cent", 10, 15, "")]),
    ("the score was 21-6 at half-time", []),  # a score, not a range: nothing read as one
])
def test_ranges_keep_both_ends(text, expected):
    got = [r for r in ranges(text) if r[1] is not None]
    assert got == [(a, pytest.approx(lo), pytest.approx(hi), u) for a, lo, hi, u in expected]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_spaced_thousands_read_back(high, low):
    assert found(f"There were {high} {low:03d} cars.")[0][1] == high * 1000 + low
