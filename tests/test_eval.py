"""Quality on the labelled stories in tests/eval (written for this, none of them the
bundled corpus). The thresholds are the level reached; a change that drops below fails."""
import json
from pathlib import Path

import pytest

from checker.evaluate import evaluate
from conftest import run

EVAL = Path(__file__).parent / "eval"


@pytest.fixture(scope="module")
def result():
    return evaluate(EVAL)


def test_the_labelled_set_is_big_enough(result):
    gold = sum(t.tp + t.fn for t in result.by_kind.values())
    assert result.stories >= 6 and gold >= 40 and result.agreements >= 20
    assert all(result.by_kind[k].tp + result.by_kind[k].fn >= 3
               for k in ("date", "number", "percent", "period", "polarity", "attribution", "entity"))


def test_precision_and_recall_stay_at_the_level_reached(result):
    overall = result.overall
    assert overall.precision >= 0.95, result.false_alarms
    assert overall.recall >= 0.95, result.misses


def test_eval_command_prints_the_table():
    out = run("eval", str(EVAL)).stdout
    assert out.splitlines()[0].split() == ["kind", "tp", "fp", "fn", "precision", "recall", "f1"]
    assert any(line.startswith("overall") for line in out.splitlines())


def test_min_confidence_filters_conflicts(story):
    root = story("transfer")
    everything = run("check", "--sources", str(root / "sources"), "--format", "json")
    confident = run("check", "--sources", str(root / "sources"), "--min-confidence", "0.85")
    assert json.loads(everything.stdout)["summary"]["conflicts"] == 2
    assert confident.stdout.strip().endswith("from 12 claims in 3 sources.")
    assert confident.stdout.startswith("0 conflicts") and confident.exit_code == 0
