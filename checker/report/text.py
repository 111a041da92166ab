"""Plain-text listing for the terminal: one block per conflict, quotes from each side."""
from __future__ import annotations

import re

from ..models import Report

# C0 and C1 control characters (escape sequences start with one); whitespace ones
# become a space so that words stay apart.
_SPACE = re.compile(r"[\t\n\v\f\r\x85]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", _SPACE.sub(" ", str(text)))


def render(report: Report) -> str:
    lines = []
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report.sources}
    for conflict in report.conflicts:
        flag = "NEW " if conflict.new else ""
        lines.append(f"{flag}{conflict.severity.upper()} {conflict.kind} [{conflict.id}] "
                     f"{_clean(conflict.topic)}")
        lines.append(f"  {_clean(conflict.explanation)}")
        for claim in conflict.claims:
            lines.append(f"  - {_clean(outlets.get(claim.source, claim.source))} "
                         f"({_clean(claim.source)}, line {claim.line}): “{_clean(claim.quote)}”")
        lines.append("")
    s = report.summary
    lines.append(f"{s.conflicts} conflicts ({s.new} new, {s.unresolved} unresolved) "
                 f"in {s.topics} topics compared, from {s.claims} claims in {s.sources} sources.")
    return "\n".join(lines) + "\n"
