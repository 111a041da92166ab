"""SARIF, GitHub annotations and JUnit: the outputs CI systems read."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from conftest import run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def output(root, fmt, *extra):
    result = run("check", "--sources", str(root / "sources"), "--format", fmt, *extra)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def test_sarif_validates_and_points_at_each_side(story):
    root = story("bridge")
    doc = json.loads(output(root, "sarif"))
    jsonschema.validate(doc, SCHEMA)
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "checker/date" and result["level"] == "error"
    assert result["baselineState"] == "new"
    assert len(result["partialFingerprints"]["checkerConflictId/v1"]) == 12
    spots = {(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
             for loc in result["locations"]}
    assert ("sources/gazette.md", 9) in spots
    gazette = (root / "sources" / "gazette.md").read_text().splitlines()
    assert "April 2021" in gazette[9 - 1]
    region = [loc["physicalLocation"]["region"] for loc in result["locations"]
              if loc["physicalLocation"]["artifactLocation"]["uri"] == "sources/gazette.md"][0]
    text = (root / "sources" / "gazette.md").read_text()
    assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == region["snippet"]["text"]


def test_sarif_marks_reviewed_conflicts_suppressed_and_baselined_unchanged(story):
    root = story("bridge")
    run("baseline", "--sources", str(root / "sources"))
    doc = json.loads(output(root, "sarif"))
    jsonschema.validate(doc, SCHEMA)
    (result,) = doc["runs"][0]["results"]
    assert result["baselineState"] == "unchanged" and "suppressions" not in result
    run("resolve", result["partialFingerprints"]["checkerConflictId/v1"], "--sources", str(root / "sources"),
        "--verdict", "accepted", "--note", "known")
    (result,) = json.loads(output(root, "sarif"))["runs"][0]["results"]
    assert result["suppressions"][0]["status"] == "accepted"


def test_github_annotations_escape_and_name_file_and_line(story):
    root = story("jobs")
    lines = output(root, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 3
    assert any(a.startswith("::warning file=sources/radio.md,line=7,title=checker%3A new period conflict [") for a in annotations)
    assert all("\n" not in a for a in annotations)
    assert lines[-1] == "checker: 1 conflict, 1 new, 1 unresolved"


def test_junit_has_a_failure_per_open_conflict(story):
    root = story("transfer")
    root_el = ET.fromstring(output(root, "junit"))
    suite = root_el.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "2"
    failures = [case.find("failure") for case in suite.iter("testcase")]
    assert all(f is not None and f.get("message").startswith("new: ") for f in failures)


def test_every_format_is_byte_identical_across_runs(story):
    root = story("transfer")
    for fmt in ("text", "json", "sarif", "github", "junit"):
        assert output(root, fmt) == output(root, fmt)
