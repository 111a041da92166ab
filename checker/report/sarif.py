"""SARIF 2.1.0 for code-scanning tools: one result per conflict, a location on each
side's line, the conflict id as partial fingerprint; reviewed conflicts are suppressed."""
from __future__ import annotations

import json

from .. import __version__
from ..models import Report
from .text import verdict_line

LEVEL = {"high": "error", "medium": "warning", "low": "note"}
KINDS = {
    "date": "Sources give different dates for the same event.",
    "number": "Sources give incompatible figures for the same thing.",
    "percent": "Sources give incompatible percentages for the same measure and period.",
    "period": "A figure is attached to a different period than another source gives it for.",
    "polarity": "Sources say an event went opposite ways on the same date.",
    "attribution": "Sources name different actors for the same act.",
    "entity": "Sources name different entities for the same role.",
    "update": "A later report revises a running figure an earlier one gave.",
}


def render(report: Report) -> str:
    paths = {s["id"]: s["path"] for s in report.sources}
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report.sources}
    rules = [{"id": f"checker/{kind}", "name": f"{kind.title()}Conflict",
              "shortDescription": {"text": text}} for kind, text in KINDS.items()]
    results = []
    for c in report.conflicts:
        result = {
            "ruleId": f"checker/{c.kind}",
            "level": LEVEL[c.severity],
            "message": {"text": c.explanation},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": paths.get(claim.source, claim.source)},
                    "region": {"startLine": claim.line, "charOffset": claim.start,
                               "charLength": claim.end - claim.start,
                               "snippet": {"text": claim.raw}},
                },
                "message": {"text": claim.quote},
            } for claim in c.claims],
            "partialFingerprints": {"checkerConflictId/v1": c.id},
            "baselineState": "new" if c.new else "unchanged",
            "properties": {"topic": c.topic, "status": c.status, "confidence": c.confidence},
        }
        if c.status in ("false_positive", "accepted", "confirmed"):
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": f"verdict: {verdict_line(c, outlets) or c.status}"}]
        if c.verdict:
            result["properties"]["verdict"] = c.verdict.model_dump(mode="json")
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "checker", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
