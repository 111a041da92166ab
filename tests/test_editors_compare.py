"""A conflict's id does not depend on how many sources hold each side; with two sides,
the explanation says what is known of each, as evidence, not as a verdict."""
import json

from checker import pipeline
from conftest import run, write_source

OPENED_12 = "The council reopened Kelmford Bridge on 12 March 2024, after months of repairs."
OPENED_19 = "The council reopened Kelmford Bridge on 19 March 2024, after months of repairs."


def check_json(root):
    result = run("check", "--sources", str(root / "sources"), "--format", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_a_third_source_repeating_a_value_keeps_the_id_and_the_verdict(project):
    sources = project / "sources"
    write_source(sources, "ledger.md", OPENED_12, outlet="Kelmford Ledger")
    write_source(sources, "post.md", OPENED_19, outlet="Kelmford Post")
    (conflict,) = check_json(project)[0]["conflicts"]
    assert run("resolve", conflict["id"], "--sources", str(sources), "--verdict", "confirmed",
               "--correct", "ledger", "--note", "council minutes", "--by", "Ann").exit_code == 0
    for name, body in [("wire.md", OPENED_12), ("herald.md", OPENED_19)]:
        write_source(sources, name, body, outlet=name.split(".")[0].title())
        report, warnings = check_json(project)
        (now,) = report["conflicts"]
        assert now["id"] == conflict["id"], name
        assert now["status"] == "confirmed" and now["verdict"]["by"] == "Ann"
        assert len({c["source"] for c in now["claims"]}) == (3 if name == "wire.md" else 4)
        assert "no longer exists" not in warnings


def explanation(project, a: tuple, b: tuple) -> str:
    """a, b: (body, published, kind)."""
    for name, (body, published, kind) in zip(["ledger.md", "post.md"], [a, b]):
        write_source(project / "sources", name, body, published=published, kind=kind,
                     outlet=name.split(".")[0].title())
    (conflict,) = pipeline.run(pipeline.Project(project / "sources")).conflicts
    return conflict.explanation


def test_two_sides_show_the_official_source_the_later_report_and_the_more_specific_date(project):
    text = explanation(project, ("The council reopened Kelmford Bridge on 12 March 2024.", "2024-03-14", "report"),
                       ("The council reopened Kelmford Bridge in February 2024.", "2024-04-02", "news"))
    assert text.endswith(
        " What is known of the two sides: Ledger is an official source (report); Post is the later "
        "report (published 2 April 2024, against 14 March 2024); Ledger gives the more specific date "
        "(12 March 2024, to the day, against February 2024).")
    assert "Majority view" not in text


def test_two_sides_show_an_exact_figure_against_a_bound(project):
    text = explanation(project, ("The unemployment rate in Westmoor was 12% in 2024.", "2024-03-14", "news"),
                       ("The unemployment rate in Westmoor was over 15% in 2024.", "2024-03-14", "news"))
    assert "What is known of the two sides: Ledger gives an exact figure (12%, against more than 15%)." in text


def test_two_alike_sides_say_nothing_more(project):
    text = explanation(project, ("The council reopened Kelmford Bridge on 12 March 2024.", "2024-03-14", "news"),
                       ("The council reopened Kelmford Bridge on 19 March 2024.", "2024-03-14", "news"))
    assert "What is known" not in text and "Majority view" not in text
