"""Stage 6, reports: a `Report` → text in one format. One small writer per format."""
from __future__ import annotations

from typing import Callable

from ..models import Report
from . import csvfmt, github, jsonfmt, junit, markdown, sarif, text

WRITERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": jsonfmt.render,
    "markdown": markdown.render,
    "csv": csvfmt.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}


def render(report: Report, fmt: str) -> str:
    return WRITERS[fmt](report)
