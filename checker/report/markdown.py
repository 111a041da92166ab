"""report.md: the conflicts for a reader, with each side's quote.

Every text from a source is HTML-escaped: a Markdown viewer renders raw HTML, and
an article's `<script>` or `<img onerror=…>` must show as text, not run.
"""
from __future__ import annotations

from html import escape

from ..models import Report
from .text import count, verdict_line


def _text(text: str) -> str:
    return escape(str(text), quote=False).replace("\r", " ").replace("\n", " ")


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|")


def render(report: Report) -> str:
    s = report.summary
    out = ["# Consistency report", "",
           f"{count(s.conflicts, 'conflict')} ({s.new} new, {s.unresolved} unresolved) across "
           f"{count(s.sources, 'source')}, {count(s.claims, 'claim')}, {count(s.topics, 'topic')} compared.", "",
           "## Sources", "", "| id | outlet | published | title |", "| --- | --- | --- | --- |"]
    for src in report.sources:
        out.append(f"| {_cell(src['id'])} | {_cell(src['outlet'])} | {src['published'] or ''} "
                   f"| {_cell(src['title'])} |")
    out += ["", "## Conflicts", ""]
    if not report.conflicts:
        out.append("No conflicts found.")
    outlets = {src["id"]: src["outlet"] or src["id"] for src in report.sources}
    for c in report.conflicts:
        out += [f"### {_text(c.topic)}", "",
                f"`{c.id}` · {c.kind} · severity **{c.severity}** · {c.status}"
                f"{' · new' if c.new else ''} · confidence {c.confidence:.2f}", "",
                _text(c.explanation), ""]
        if c.verdict:
            out += [f"**Verdict:** {_text(verdict_line(c, outlets))}", ""]
        for claim in c.claims:
            out.append(f"- **{_text(outlets.get(claim.source, claim.source))}** "
                       f"({_text(claim.source)}, line {claim.line}): {_text(claim.value.human())}")
            out.append(f"  > {_text(claim.quote)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
