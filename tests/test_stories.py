"""Articles written for the tests, with planted conflicts and planted agreements:
checker must find exactly the planted conflicts."""
import json
import os

import pytest
from ruamel.yaml import YAML

from checker import pipeline
from checker.report import render
from conftest import STORIES

NAMES = sorted(p.name for p in STORIES.iterdir() if (p / "expected.yaml").is_file())


def found(result):
    return sorted((c.kind, tuple(sorted({x.source for x in c.claims})), c.topic) for c in result.conflicts)


@pytest.mark.parametrize("name", NAMES)
def test_exactly_the_planted_conflicts(name):
    expected = YAML(typ="safe").load((STORIES / name / "expected.yaml").read_text())["conflicts"]
    result = pipeline.run(pipeline.Project(STORIES / name / "sources"))
    got = found(result)
    assert len(got) == len(expected), got
    for want in expected:
        matches = [g for g in got if g[0] == want["kind"] and g[1] == tuple(sorted(want["sources"]))
                   and want["subject"].lower() in g[2].lower()]
        assert matches, (want, got)


@pytest.mark.parametrize("name", NAMES)
def test_json_report_matches_golden_file(name):
    golden = STORIES / name / "expected.json"
    text = render(pipeline.report(pipeline.run(pipeline.Project(STORIES / name / "sources"))), "json")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
