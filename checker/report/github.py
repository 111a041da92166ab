"""GitHub Actions workflow commands: an annotation on each side's line of every open conflict."""
from __future__ import annotations

import re

from ..models import Report
from .text import count

_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but \n and \r, which are encoded

LEVEL = {"high": "error", "medium": "warning", "low": "notice"}


def _data(text: str) -> str:
    return _CONTROL.sub("", text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
    lines.append(f"checker: {count(s.conflicts, 'conflict')}, {s.new} new, {s.unresolved} unresolved")
    return "\n".join(lines) + "\n"
