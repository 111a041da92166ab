"""conflicts.csv: one row per side of each conflict, for spreadsheets (via pandas)."""
from __future__ import annotations

from ..models import Report

COLUMNS = ["conflict_id", "topic", "kind", "severity", "status", "new", "confidence",
           "source", "line", "value", "raw", "quote", "explanation"]


def render(report: Report) -> str:
    import pandas as pd  # here, not at the top: `checker check` should not pay for it

    rows = [{"conflict_id": c.id, "topic": c.topic, "kind": c.kind, "severity": c.severity,
             "status": c.status, "new": c.new, "confidence": c.confidence,
             "source": claim.source, "line": claim.line, "value": claim.value.human(),
             "raw": claim.raw, "quote": claim.quote, "explanation": c.explanation}
            for c in report.conflicts for claim in c.claims]
    return pd.DataFrame(rows, columns=COLUMNS).to_csv(index=False, lineterminator="\n")
