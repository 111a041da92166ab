"""Type-aware comparison, end to end on two one-sentence sources each."""
import pytest

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
