"""Evaluation: precision and recall of flagged conflicts against labelled stories.

A gold folder holds one folder per story: `sources/` and `gold.yaml`, which lists
the planted conflicts, each with its kind, the sources that disagree and words
its topic must contain. A found conflict is a true positive when one gold
conflict has its kind, exactly its sources, and every one of its words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from . import pipeline, yamlio
from .errors import CheckerError
from .models import Conflict

KINDS = ["date", "number", "percent", "period", "polarity", "attribution", "entity"]


class GoldConflict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    about: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=2)


class GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conflicts: list[GoldConflict] = []
    agreements: list[str] = []


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    by_kind: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    misses: list[str] = field(default_factory=list)  # "story: gold conflict not found"
    false_alarms: list[str] = field(default_factory=list)  # "story: conflict not in gold"
    stories: int = 0
    agreements: int = 0

    @property
    def overall(self) -> Tally:
        return Tally(*(sum(getattr(t, f) for t in self.by_kind.values()) for f in ("tp", "fp", "fn")))


def _matches(gold: GoldConflict, found: Conflict) -> bool:
    topic = found.topic.lower()
    return gold.kind == found.kind and \
        sorted(gold.sources) == sorted({c.source for c in found.claims}) and \
        all(word.lower() in topic for word in gold.about)


def evaluate(gold_dir: Path) -> Result:
    stories = sorted(p for p in gold_dir.iterdir() if (p / "gold.yaml").is_file()) \
        if gold_dir.is_dir() else []
    if not stories:
        raise CheckerError("no stories here: expected folders with sources/ and gold.yaml",
                           str(gold_dir))
    result = Result(stories=len(stories))
    for story in stories:
        display = f"{story.name}/gold.yaml"
        gold = yamlio.validate(GoldFile, yamlio.load(story / "gold.yaml", display) or {}, display)
        result.agreements += len(gold.agreements)
        found = pipeline.run(pipeline.Project(story / "sources")).conflicts
        unmatched = list(found)
        for want in gold.conflicts:
            hit = next((f for f in unmatched if _matches(want, f)), None)
            tally = result.by_kind.setdefault(want.kind, Tally())
            if hit:
                tally.tp += 1
                unmatched.remove(hit)
            else:
                tally.fn += 1
                result.misses.append(f"{story.name}: {want.kind} {' '.join(want.about)} "
                                     f"[{', '.join(want.sources)}]")
        for extra in unmatched:
            result.by_kind.setdefault(extra.kind, Tally()).fp += 1
            sides = ", ".join(sorted({c.source for c in extra.claims}))
            result.false_alarms.append(f"{story.name}: {extra.kind} {extra.topic} [{sides}]")
    return result


def table(result: Result) -> str:
    rows = [f"{'kind':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7} {'f1':>6}"]
    for kind, t in [*sorted(result.by_kind.items(), key=lambda kv: KINDS.index(kv[0])
                            if kv[0] in KINDS else len(KINDS)), ("overall", result.overall)]:
        rows.append(f"{kind:<12} {t.tp:>4} {t.fp:>4} {t.fn:>4} {t.precision:>10.2f} "
                    f"{t.recall:>7.2f} {t.f1:>6.2f}")
    return "\n".join(rows)
