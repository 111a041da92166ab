"""conflicts.csv: one row per side of each conflict, for spreadsheets (via pandas)."""
from __future__ import annotations

from ..models import Report

COLUMNS = ["conflict_id", "topic", "kind", "severity", "status", "new", "confidence",
           "source", "line", "value", "raw", "quote", "explanation",
           "verdict_by", "verdict_at", "verdict_correct", "verdict_value", "verdict_note"]
TEXT_COLUMNS = ("topic", "source", "value", "raw", "quote", "explanation",
                "verdict_by", "verdict_correct", "verdict_value", "verdict_note")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP CSV injection: a
    leading quote makes it text). A carriage return becomes a line feed: with "\n" as
    line end, the csv writer leaves a field with a bare "\r" unquoted, splitting the row."""
    text = "'" + text if text.startswith(FORMULA_START) else text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render(report: Report) -> str:
    import pandas as pd  # here, not at the top: `checker check` should not pay for it

    rows = [{"conflict_id": c.id, "topic": c.topic, "kind": c.kind, "severity": c.severity,
             "status": c.status, "new": c.new, "confidence": c.confidence,
             "source": claim.source, "line": claim.line, "value": claim.value.human(),
             "raw": claim.raw, "quote": claim.quote, "explanation": c.explanation,
             **{f"verdict_{k}": (getattr(c.verdict, k) if c.verdict else None) or ""
                for k in ("by", "at", "correct", "value", "note")}}
            for c in report.conflicts for claim in c.claims]
    for row in rows:  # numbers (line, confidence) stay numbers
        for column in TEXT_COLUMNS:
            row[column] = cell(row[column])
    return pd.DataFrame(rows, columns=COLUMNS).to_csv(index=False, lineterminator="\n")
