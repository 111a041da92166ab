"""Type-aware comparison, end to end on two one-sentence sources each."""
import pytest
from hypothesis import given, strategies as st

from checker import pipeline
from conftest import write_source


def conflicts_between(project, a: str, b: str, published_a="2024-03-14", published_b="2024-03-14"):
    write_source(project / "sources", "a.md", a, published=published_a)
    write_source(project / "sources", "b.md", b, published=published_b)
    result = pipeline.run(pipeline.Project(project / "sources"))
    return [(c.kind, c.severity) for c in result.conflicts]


@pytest.mark.parametrize("a, b", [
    ("Over 200 passengers were evacuated from Northgate Station.",
     "More than 200 passengers were evacuated from Northgate Station."),
    ("The evacuation of Northgate Station took five minutes.",
     "The evacuation of Northgate Station took 5 minutes."),
    ("Northgate Station opened in June 2022.", "Northgate Station opened on 28 June 2022."),
    ("About 8,000 officers have been trained.", "Trained 8,000 officers."),
    ("The unemployment rate in Westmoor was 5.2% in 2023.",
     "The unemployment rate in Westmoor was 4.8% in 2022."),
    ("The unemployment rate in Westmoor was 5.2% in 2023.",
     "The unemployment rate in Westmoor was 5.2 per cent in 2023."),
    ("Passenger numbers at Northgate Station fell by 12% in 2023.",
     "Officer numbers at the Met rose by 15% in 2023."),
    ("Hammerton Bridge was closed in April 2022.", "Hammerton Bridge was reopened in April 2024."),
    ("Hammerton Bridge was closed in April 2022.", "Westmoor Bridge was closed in April 2021."),
])
def test_agreements_are_not_conflicts(project, a, b):
    assert conflicts_between(project, a, b) == []


@pytest.mark.parametrize("a, b, kind", [
    ("The Westmoor Plan was launched in July 2022.", "The Westmoor Plan was published in July 2023.", "date"),
    ("In June 2022, the inspectorate placed Westmoor Council under special measures.",
     "Westmoor Council was removed from special measures in June 2022.", "polarity"),
    ("The unemployment rate in Westmoor was 12% in 2024.",
     "The unemployment rate in Westmoor was 15% in 2024.", "percent"),
    ("Over 200 passengers were evacuated from Northgate Station.",
     "150 passengers were evacuated from Northgate Station.", "number"),
])
def test_disagreements_are_conflicts(project, a, b, kind):
    found = conflicts_between(project, a, b)
    assert [k for k, _ in found] == [kind]


def test_figures_without_a_stated_period_conflict_with_low_severity(project):
    found = conflicts_between(project, "Riverside FC signed Bellini for £35 million.",
                              "Riverside FC signed Bellini for £48 million.")
    assert found == [("number", "low")]


def _brute_clashing(per_source, marks):
    """The definition: every pair of sources (sharing a mark, or one unknown), tested."""
    from itertools import combinations

    from checker.compare import _sources_clash
    involved = set()
    for a, b in combinations(sorted(per_source), 2):
        if marks is not None and a in marks and b in marks and not marks[a] & marks[b]:
            continue
        if _sources_clash(per_source[a], per_source[b]):
            involved |= {a, b}
    return sorted(involved)


@given(st.lists(st.tuples(st.lists(st.sampled_from(["40", "about 40", "41", "over 40", "60"]), min_size=1, max_size=2),
                          st.one_of(st.none(), st.sets(st.sampled_from("xyz"), max_size=2))),
                min_size=2, max_size=9),
       st.booleans())
def test_clashing_sources_grouped_by_value_are_those_every_pair_gives(sources, with_marks):
    """Sources grouped by the values they give before comparing (near-linear in a large
    story) find exactly the sources a test of every pair finds."""
    from checker.compare import _clashing
    from checker.models import Claim, NumberValue
    bounds = {"about": "approx", "over": "gt"}
    per_source, marks = {}, {}
    for n, (raws, mark) in enumerate(sources):
        sid = f"s{n}"
        per_source[sid] = [Claim(id=f"c{n}{k}", source=sid, subject="toll", predicate="killed",
                                 value=NumberValue(value=float(raw.split()[-1]),
                                                   bound=bounds.get(raw.split()[0], "eq")),
                                 raw=raw, quote=raw, start=k, end=k + 1, line=1)
                           for k, raw in enumerate(raws)]
        if mark is not None:
            marks[sid] = mark
    chosen = marks if with_marks else None
    assert _clashing(per_source, chosen) == _brute_clashing(per_source, chosen)
