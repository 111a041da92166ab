"""GitHub Actions workflow commands: an annotation on each side's line of every open conflict."""
from __future__ import annotations

from ..models import Report

LEVEL = {"high": "error", "medium": "warning", "low": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    paths = {s["id"]: s["path"] for s in report.sources}
    lines = []
    for c in report.conflicts:
        if c.status != "open":
            continue
        title = f"checker: {'new ' if c.new else ''}{c.kind} conflict [{c.id}]"
        for claim in c.claims:
            lines.append(f"::{LEVEL[c.severity]} file={_prop(paths.get(claim.source, claim.source))},"
                         f"line={claim.line},title={_prop(title)}::{_data(c.explanation)}")
    s = report.summary
    lines.append(f"checker: {s.conflicts} conflicts, {s.new} new, {s.unresolved} unresolved")
    return "\n".join(lines) + "\n"
