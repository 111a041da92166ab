"""JSON report (DESIGN.md): sorted keys, no timestamps, byte-identical for identical input."""
from __future__ import annotations

import json

from ..models import Report


def render(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), sort_keys=True, indent=2,
                      ensure_ascii=False) + "\n"
