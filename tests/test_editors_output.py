"""Messages read as sentences ("1 conflict", not "1 conflicts"), and nothing from a source
or a hand-edited file reaches the terminal or a workflow command with control characters."""
from click.testing import CliRunner

from checker.cli import cli
from checker.models import Claim, Conflict, EntityValue, Report, Summary
from checker.report import github, markdown, text
from conftest import run, write_source

ESCAPES = "\x1b\x07\x08\x9b\x00"


def one_conflict_report(explanation: str = "e", topic: str = "t") -> Report:
    claims = [Claim(id=f"c{i}", source=s, subject="s", predicate="p", raw="x", value=EntityValue(name=s),
                    quote="Plain.", start=0, end=1, line=3) for i, s in enumerate("ab")]
    conflict = Conflict(id="0123456789ab", topic=topic, kind="entity", severity="high", confidence=0.9,
                        explanation=explanation, claims=claims)
    sources = [{"id": s, "title": s, "outlet": s, "published": None, "path": f"s/{s}.md"} for s in "ab"]
    return Report(sources=sources, conflicts=[conflict],
                  summary=Summary(sources=1, claims=1, topics=1, conflicts=1, new=1, unresolved=1))


def test_headers_and_summaries_count_in_the_singular():
    report = one_conflict_report()
    assert text.render(report).endswith(
        "1 conflict (1 new, 1 unresolved) in 1 topic compared, from 1 claim in 1 source.\n")
    assert "\n1 conflict (1 new, 1 unresolved) across 1 source, 1 claim, 1 topic compared.\n" in markdown.render(report)
    assert github.render(report).endswith("\nchecker: 1 conflict, 1 new, 1 unresolved\n")


def project_with_one_conflict(project, outlet="Kelmford Post", quote_extra=""):
    write_source(project / "sources", "ledger.md", "The council reopened Kelmford Bridge on 12 March 2024.",
                 outlet="Kelmford Ledger")
    write_source(project / "sources", "post.md",
                 f"The council reopened Kelmford Bridge on 19 March 2024{quote_extra}.", outlet=outlet)
    return project / "sources"


def test_baseline_and_review_count_in_the_singular(project):
    sources = project_with_one_conflict(project)
    assert "recorded 1 conflict in " in run("baseline", "--sources", str(sources)).stdout
    result = CliRunner().invoke(cli, ["review", "--sources", str(sources), "--by", "Ed"], input="a\nknown\n")
    assert result.exit_code == 0, result.output
    assert "recorded 1 verdict in " in result.output


def test_review_prints_no_control_characters(project):
    sources = project_with_one_conflict(project, outlet='"Kelm\\e[2Jford \\x9b31mPost"',
                                        quote_extra=", \x1b]0;owned\x07 after \x1b[2Jrepairs")
    result = CliRunner().invoke(cli, ["review", "--sources", str(sources), "--by", "Ed"], input="q\n")
    assert result.exit_code == 0, result.output
    assert "Kelm[2Jford 31mPost" in result.output and "after  [2Jrepairs" in result.output
    assert not any(ch in result.output for ch in ESCAPES)


def test_a_false_positive_in_review_needs_a_note(project):
    sources = project_with_one_conflict(project)
    result = CliRunner().invoke(cli, ["review", "--sources", str(sources), "--by", "Ed"],
                                input="f\n\n  \nanother bridge\n")
    assert result.exit_code == 0, result.output
    assert "A false positive needs a note" in result.output
    assert "note: another bridge" in run("check", "--sources", str(sources)).stdout


def test_warnings_print_no_control_characters(project):
    sources = project_with_one_conflict(project)
    (project / "verdicts.yaml").write_text(
        'version: 1\nverdicts:\n  gone0000:\n    verdict: accepted\n    topic: "old \\e[31mtopic\\a"\n')
    result = run("check", "--sources", str(sources))
    assert "the verdict on gone0000 (old [31mtopic) names a conflict" in result.stderr
    assert not any(ch in result.stderr for ch in ESCAPES)


def test_github_annotations_carry_no_control_characters():
    out = github.render(one_conflict_report(explanation="Red \x1b[31mALERT\x07 and \x9b2J\x00 done.\nNext",
                                            topic="t\x1b]0;x\x07"))
    assert not any(ch in out for ch in ESCAPES)
    assert "::Red [31mALERT and 2J done.%0ANext" in out
