"""Plain-text listing for the terminal: one block per conflict, quotes from each side."""
from __future__ import annotations

import re

from ..models import Conflict, Report

# C0 and C1 control characters (escape sequences start with one); whitespace ones
# become a space so that words stay apart.
_SPACE = re.compile(r"[\t\n\v\f\r\x85]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text safe to print on a terminal: one line, no control characters."""
    return _CONTROL.sub("", _SPACE.sub(" ", str(text)))


def blank(text: str) -> str:
    """Control characters other than newlines as spaces: same length, so offsets still hold."""
    return _CONTROL_BUT_NEWLINE.sub(" ", text)


def count(n: int, word: str, plural: str = "") -> str:
    """'1 conflict', '2 conflicts', '0 copies' (with `plural`)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def verdict_line(c: Conflict, outlets: dict[str, str]) -> str:
    """The recorded verdict in words: 'confirmed by Ed on 2024-03-20; right: Gazette (12 March); note: …'."""
    v = c.verdict
    if v is None:
        return ""
    parts = [f"{v.verdict.replace('_', ' ')} by {v.by or 'an unnamed editor'}" + (f" on {v.at}" if v.at else "")]
    if v.correct or v.value:
        right = outlets.get(v.correct, v.correct) if v.correct else ""
        parts.append("right: " + " ".join(p for p in (right, f"({v.value})" if v.value else "") if p))
    if v.note:
        parts.append(f"note: {v.note}")
    return "; ".join(parts)


QUOTES_SHOWN = 12  # quotes a conflict lists in full; past that, two for each value


def _shown(claims: list) -> list:
    """Every quote of a conflict, or (an archive's conflict may quote hundreds of reports)
    the first two for each value it is given as."""
    if len(claims) <= QUOTES_SHOWN:
        return claims
    per_value: dict[str, int] = {}
    shown = []
    for claim in claims:
        key = claim.value.human()
        if per_value.get(key, 0) < 2:
            per_value[key] = per_value.get(key, 0) + 1
            shown.append(claim)
    return shown


def render(report: Report) -> str:
    lines = []
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report.sources}
    for conflict in report.conflicts:
        flag = "NEW " if conflict.new else ""
        lines.append(f"{flag}{conflict.severity.upper()} {conflict.kind} [{conflict.id}] "
                     f"{clean(conflict.topic)}")
        lines.append(f"  {clean(conflict.explanation)}")
        if conflict.verdict:
            lines.append(f"  Verdict: {clean(verdict_line(conflict, outlets))}")
        shown = _shown(conflict.claims)
        for claim in shown:
            lines.append(f"  - {clean(outlets.get(claim.source, claim.source))} "
                         f"({clean(claim.source)}, line {claim.line}): “{clean(claim.quote)}”")
        if len(shown) < len(conflict.claims):
            lines.append(f"  … and {count(len(conflict.claims) - len(shown), 'more quote')} "
                         f"(every one in --format json or the HTML report)")
        lines.append("")
    s = report.summary
    lines.append(f"{count(s.conflicts, 'conflict')} ({s.new} new, {s.unresolved} unresolved) "
                 f"in {count(s.topics, 'topic')} compared, from {count(s.claims, 'claim')} "
                 f"in {count(s.sources, 'source')}.")
    return "\n".join(lines) + "\n"
