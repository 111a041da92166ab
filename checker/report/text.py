"""Plain-text listing for the terminal: one block per conflict, quotes from each side."""
from __future__ import annotations

from ..models import Report


def render(report: Report) -> str:
    lines = []
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report.sources}
    for conflict in report.conflicts:
        flag = "NEW " if conflict.new else ""
        lines.append(f"{flag}{conflict.severity.upper()} {conflict.kind} [{conflict.id}] "
                     f"{conflict.topic}")
        lines.append(f"  {conflict.explanation}")
        for claim in conflict.claims:
            lines.append(f"  - {outlets.get(claim.source, claim.source)} "
                         f"({claim.source}, line {claim.line}): “{claim.quote}”")
        lines.append("")
    s = report.summary
    lines.append(f"{s.conflicts} conflicts ({s.new} new, {s.unresolved} unresolved) "
                 f"in {s.topics} topics compared, from {s.claims} claims in {s.sources} sources.")
    return "\n".join(lines) + "\n"
