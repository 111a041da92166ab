"""report.md: the conflicts for a reader, with each side's quote."""
from __future__ import annotations

from ..models import Report


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    s = report.summary
    out = ["# Consistency report", "",
           f"{s.conflicts} conflicts ({s.new} new, {s.unresolved} unresolved) across "
           f"{s.sources} sources, {s.claims} claims, {s.topics} topics compared.", "",
           "## Sources", "", "| id | outlet | published | title |", "| --- | --- | --- | --- |"]
    for src in report.sources:
        out.append(f"| {_cell(src['id'])} | {_cell(src['outlet'])} | {src['published'] or ''} "
                   f"| {_cell(src['title'])} |")
    out += ["", "## Conflicts", ""]
    if not report.conflicts:
        out.append("No conflicts found.")
    outlets = {src["id"]: src["outlet"] or src["id"] for src in report.sources}
    for c in report.conflicts:
        out += [f"### {c.topic}", "",
                f"`{c.id}` · {c.kind} · severity **{c.severity}** · {c.status}"
                f"{' · new' if c.new else ''} · confidence {c.confidence:.2f}", "",
                c.explanation, ""]
        for claim in c.claims:
            out.append(f"- **{outlets.get(claim.source, claim.source)}** ({claim.source}, "
                       f"line {claim.line}): {claim.value.human()}")
            out.append(f"  > {claim.quote}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
