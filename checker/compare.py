"""Stage 4, compare: topics → conflicts.

Type-aware: dates agree when equal at the coarser granularity ("June 2022" and
"28 June 2022"); numbers are intervals ("over 200" is (200, ∞), "about 8,000" is
±5%, a round "8,000" allows rounding) and agree when the intervals meet;
polarities conflict when two sources give only opposite directions. A source
that gives several values for a topic conflicts with another only when none of
its values agrees with any of the other's.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from itertools import combinations

from .attribution import same_person
from .models import CURRENCY_SYMBOLS, Claim, Conflict, Source, content_id
from .topics import Topic, subject_key

APPROX = 0.05  # "about", "around", "nearly": ±5% ("around £38m" does not cover £35m)
ROUNDING = 0.03  # a round figure may stand for one less than 3% away
HAIR = 0.999  # tolerances stop just short: "3.7" stands for 3.65 up to, not including, 3.75


def interval(claim: Claim) -> tuple[float, float]:
    """The values a figure as written allows (a claim's or a mention's: value and raw)."""
    v = claim.value
    x, bound = v.value, v.bound.value
    if getattr(v, "low", None) is not None:  # a range: "60-70 km"
        pad = APPROX if bound == "approx" else 0.0
        return (v.low - abs(v.low) * pad, x + abs(x) * pad)
    if bound == "gt":
        return (math.nextafter(x, math.inf), math.inf)
    if bound == "ge":
        return (x, math.inf)
    if bound == "lt":
        return (-math.inf, math.nextafter(x, -math.inf))
    if bound == "le":
        return (-math.inf, x)
    if bound == "approx":
        return (x - abs(x) * APPROX, x + abs(x) * APPROX)
    tol = _rounding(claim)
    return (x - tol, x + tol)


_WRITTEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _rounding(claim: Claim) -> float:
    """Half a unit of the last digit written, and for round figures up to 5%; in the
    value's own scale ("$2.07 billion" may stand for $2,069m, "1,000 miles" for 980)."""
    x = abs(claim.value.value)
    written = _WRITTEN.search(claim.raw.replace("\u00a0", "").replace(" ", ""))
    number = float(written.group().replace(",", "")) if written else x
    scale = x / number if number else 1.0
    if written and "." in written.group():
        return 0.5 * 10 ** -len(written.group().split(".", 1)[1]) * scale * HAIR
    if number and number == int(number):
        zeros = len(str(int(number))) - len(str(int(number)).rstrip("0"))
        if zeros >= 2:
            return min(0.5 * 10 ** zeros, number * ROUNDING) * scale * HAIR
    # "80" stands for 79.5 up to 80.5 ("50 mph" is "80 km/h"), but "$2 billion" is no $2.4bn
    return min(0.5, number * ROUNDING if number else 0.5) * scale * HAIR


_INTERVALS: dict[tuple, tuple[float, float]] = {}  # a value as written → its interval


def _interval_of(claim: Claim, compute=None) -> tuple[float, float]:
    v = claim.value
    # keyed on the value itself (never the id: a claim edited by hand keeps its id)
    key = (v.year, v.month, v.day) if v.type == "date" else (v.type, v.value, v.bound, claim.raw)
    found = _INTERVALS.get(key)
    if found is None:
        if len(_INTERVALS) > 500_000:
            _INTERVALS.clear()
        found = _INTERVALS[key] = (compute or interval)(claim)
    return found


def _day_span(claim: Claim) -> tuple[float, float]:
    v = claim.value
    return (v.first_day().toordinal(), v.last_day().toordinal())


def agree(a: Claim, b: Claim) -> bool:
    va, vb = a.value, b.value
    if va.type == "date":  # equal at the coarser granularity: their days overlap
        (lo1, hi1), (lo2, hi2) = _interval_of(a, _day_span), _interval_of(b, _day_span)
        return lo1 <= hi2 and lo2 <= hi1
    if va.type == "polarity":
        return va.polarity == vb.polarity
    if va.type in ("number", "percent"):
        (lo1, hi1), (lo2, hi2) = _interval_of(a), _interval_of(b)
        return lo1 <= hi2 and lo2 <= hi1
    if va.type == "entity":
        return same_person(va, vb)
    if va.type == "tally" and vb.type == "tally":
        return va.agrees_with(vb)
    return va == vb


def _sources_clash(mine: list[Claim], theirs: list[Claim]) -> bool:
    return not any(agree(a, b) for a in mine for b in theirs)


def find_conflicts(topics: list[Topic], sources: list[Source], claims: list[Claim],
                   salient: dict[str, set[str]] | None = None) -> list[Conflict]:
    """`salient`: per source, the names it mentions most and their distinctive words.
    Figures with no stated period and no named owner, and role holders, are compared only
    between sources that share one of them: the same story."""
    marks = salient or {}

    by_id = {s.id: s for s in sources}
    # every figure a source gives for a metric, whatever its period: to tell a figure
    # pinned on the wrong period from a plain disagreement
    figures: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        if claim.value.type in ("number", "percent"):
            figures.setdefault((claim.source, claim.subject, claim.predicate), []).append(claim)
    conflicts = []
    for topic in topics:
        per_source: dict[str, list[Claim]] = {}
        for claim in topic.claims:
            per_source.setdefault(claim.source, []).append(claim)
        if len(per_source) < 2:
            continue
        # a figure with no stated period and no named owner, or a job holder, says too
        # little to be compared across stories
        needs_story = topic.kind == "entity" or (
            topic.undated and not topic.claims[0].qualifiers.get("entity"))
        involved = _clashing(per_source, marks if needs_story else None)
        if not involved:
            continue
        sides = [_representative(per_source[s]) for s in involved]
        conflicts.append(_conflict(topic, sides, by_id, figures))
    return _drop_echoes(conflicts)


def _clashing(per_source: dict[str, list[Claim]], marks: dict[str, set[str]] | None) -> list[str]:
    """The sources of a topic that clash with another (no claim of one agrees with any of
    the other's). Sources are grouped by the values they give first, so a topic of 2,000
    reports giving three values costs three tests, not two million; sources giving the
    same values never clash. With `marks` (salient names), two sources are compared only
    when they share one, or when nothing is known of one of them."""
    groups: dict[tuple, list[str]] = {}
    for sid in sorted(per_source):
        sig = tuple(sorted({(c.value.model_dump_json(), c.raw) for c in per_source[sid]}))
        groups.setdefault(sig, []).append(sid)
    members = list(groups.values())
    involved: set[str] = set()
    for i, one in enumerate(members):
        for other in members[i + 1:]:
            if not _sources_clash(per_source[one[0]], per_source[other[0]]):
                continue
            if marks is None:
                involved.update(one + other)
                continue
            for mine, theirs in ((one, other), (other, one)):
                unknown_there = any(s not in marks for s in theirs)
                there = set().union(*(marks[s] for s in theirs if s in marks))
                involved.update(s for s in mine if s not in marks or unknown_there or marks[s] & there)
    return sorted(involved)


def _representative(claims: list[Claim]) -> Claim:
    return max(claims, key=lambda c: (c.confidence, -c.start))


def _conflict(topic: Topic, sides: list[Claim], by_id: dict[str, Source],
              figures: dict[tuple[str, str, str], list[Claim]]) -> Conflict:
    kind = topic.kind
    confidence = min(c.confidence for c in sides)
    severity = _severity(topic, sides)
    explanation = _explain(topic, sides, by_id)
    misplaced = _misplaced_periods(topic, sides, by_id, figures)
    if misplaced:
        kind, explanation = "period", f"{explanation} {misplaced}"
    explanation += majority_note(sides, by_id)
    if confidence < 0.7 and severity != "low":
        severity = {"high": "medium", "medium": "low"}[severity]
    # What conflicts, and nothing else: not offsets or lines, nor the topic's merged
    # name (another source's spelling could change that), nor which or how many sources
    # hold each value (a third source repeating a value keeps the id): the distinct
    # subjects-and-values only.
    pairs = {str(pair): pair for pair in ([subject_key(c), c.value.model_dump(mode="json")] for c in sides)}
    identity = {"block": [str(part) for part in topic.block],
                "values": [pairs[k] for k in sorted(pairs)]}
    return Conflict(id=content_id("x", identity)[2:], topic=topic.label, kind=kind,
                    severity=severity, confidence=confidence, explanation=explanation,
                    claims=sides)


def _severity(topic: Topic, sides: list[Claim]) -> str:
    if topic.undated:
        return "low"  # the sources did not say the figures are for the same period
    values = [c.value for c in sides]
    if topic.kind == "date":
        years = {v.year for v in values}
        return "high" if len(years) > 1 else "medium"
    if topic.kind == "polarity":
        return "high"
    if topic.kind == "attribution":
        roles = {c.qualifiers.get("role", "") for c in sides}
        return "medium" if len(roles) > 1 and "" not in roles else "low"
    if topic.kind in ("number", "percent"):
        exact = [c.value.value for c in sides if c.value.bound.value in ("eq", "approx")]
        if len(exact) >= 2 and min(exact) > 0 and max(exact) / min(exact) >= 1.1:
            return "high"
        return "medium"
    return "medium"


def _who(source_id: str, by_id: dict[str, Source]) -> str:
    source = by_id.get(source_id)
    return source.meta.outlet or source_id if source else source_id


NAMED_SIDES = 6  # sides an explanation names one by one; past that, each value's count


def said(sides: list[tuple[str, str]]) -> list[str]:
    """(who, value) → "who says value"; with more than NAMED_SIDES sides (an archive's
    conflict may have hundreds), each value once with how many quote it and by whom."""
    if len(sides) <= NAMED_SIDES:
        return [f"{who} says {value}" for who, value in sides]
    by_value: dict[str, list[str]] = defaultdict(list)
    for who, value in sides:
        by_value[value].append(who)
    parts = []
    for value, who in sorted(by_value.items(), key=lambda kv: (len(kv[1]), kv[0])):
        names = sorted(set(who))
        more = ", …" if len(names) > 3 else ""
        parts.append(f"{value}: {len(who)} quote{'s' if len(who) > 1 else ''} ({', '.join(names[:3])}{more})")
    return parts


def _explain(topic: Topic, sides: list[Claim], by_id: dict[str, Source]) -> str:
    parts = []
    for claim in sides:
        value = claim.value.human()
        if claim.value.type == "polarity":
            value = f"“{claim.raw}” ({claim.value.polarity})"
        elif claim.qualifiers.get("role"):
            value = f"{value} ({claim.qualifiers['role']})"
        parts.append((_who(claim.source, by_id), value))
    return f"{topic.label}: " + "; ".join(said(parts)) + "." + evidence(sides, by_id)


def evidence(sides: list[Claim], by_id: dict[str, Source]) -> str:
    """With two sides, what is known of each, as evidence for a reader to weigh, not a
    verdict (an official source, the later report, the more specific value); with more,
    the majority view speaks instead (empty here)."""
    if len(sides) != 2 or sides[0].source not in by_id or sides[1].source not in by_id:
        return ""
    (a, b), known = sides, []
    metas = {c.source: by_id[c.source].meta for c in sides}
    official = [c.source for c in sides if metas[c.source].kind in OFFICIAL_KINDS]
    if len(official) == 1:
        known.append(f"{_who(official[0], by_id)} is an official source ({metas[official[0]].kind})")
    pa, pb = metas[a.source].published, metas[b.source].published
    if pa and pb and (pa.first_day() > pb.last_day() or pb.first_day() > pa.last_day()):
        (late, lp), (early, ep) = ((a, pa), (b, pb)) if pa.first_day() > pb.last_day() else ((b, pb), (a, pa))
        known.append(f"{_who(late.source, by_id)} is the later report (published {lp.human()}, "
                     f"against {ep.human()})")
    va, vb = a.value, b.value
    if va.type == "date" and vb.type == "date":
        rank = {"year": 0, "month": 1, "day": 2}
        if rank[va.granularity] != rank[vb.granularity]:
            fine, coarse = (a, b) if rank[va.granularity] > rank[vb.granularity] else (b, a)
            known.append(f"{_who(fine.source, by_id)} gives the more specific date "
                         f"({fine.value.human()}, to the {fine.value.granularity}, against {coarse.value.human()})")
    elif va.type in ("number", "percent") and vb.type == va.type:
        exact = [c for c in sides if c.value.bound.value == "eq" and getattr(c.value, "low", None) is None]
        if len(exact) == 1:
            other = b if exact[0] is a else a
            known.append(f"{_who(exact[0].source, by_id)} gives an exact figure ({exact[0].value.human()}, "
                         f"against {other.value.human()})")
    return " What is known of the two sides: " + "; ".join(known) + "." if known else ""


def _misplaced_periods(topic: Topic, sides: list[Claim], by_id: dict[str, Source],
                       figures: dict[tuple[str, str, str], list[Claim]]) -> str:
    """For figures: does one source give the other's value, but for another period?"""
    if topic.kind not in ("number", "percent") or topic.undated:
        return ""
    notes = []
    for a, b in combinations(sides, 2):
        for mine, other in ((a, b), (b, a)):
            for claim in figures.get((other.source, other.subject, other.predicate), []):
                period = claim.qualifiers.get("period")
                if period and period != other.qualifiers.get("period") and agree(claim, mine):
                    notes.append(f"{_who(other.source, by_id)} gives {mine.value.human()} "
                                 f"for {claim.qualifiers['period']}, not "
                                 f"{mine.qualifiers.get('period')}.")
    return " ".join(sorted(set(notes)))


def _drop_echoes(conflicts: list[Conflict]) -> list[Conflict]:
    """A polarity conflict ("placed in" vs "removed from", June 2022) also makes the
    dates of each direction disagree; report the polarity conflict, not its echo."""
    polar = {(c.claims[0].subject, c.claims[0].qualifiers.get("state"), frozenset(x.source for x in c.claims))
             for c in conflicts if c.kind == "polarity"}
    kept = []
    for c in conflicts:
        first = c.claims[0]
        if c.kind == "date" and "direction" in first.qualifiers:
            sources = frozenset(x.source for x in c.claims)
            if any(subject == first.subject and state == first.qualifiers.get("state")
                   and sources & pair == sources for subject, state, pair in polar):
                continue
        kept.append(c)
    return kept


OFFICIAL_KINDS = {"report", "press-release", "letter", "transcript"}


def value_key(claim: Claim) -> str:
    """A value as a reader compares it: "57" and "57 people" are one figure."""
    v = claim.value
    return v.model_copy(update={"unit": ""}).human() if v.type == "number" and v.unit not in CURRENCY_SYMBOLS \
        else v.human()


def majority_note(claims: list[Claim], by_id: dict[str, Source]) -> str:
    """" Majority view: …" when some value is given by more than one side (so only with
    three or more sides); else nothing."""
    if len({value_key(c) for c in claims}) < len(claims):
        return f" Majority view: {_majority(claims, by_id)}."
    return ""


def majority_view(conflict: Conflict, sources: list[Source]) -> str:
    """Which value how many sources give, and whether an official source is among them."""
    return _majority(conflict.claims, {s.id: s for s in sources})


def _majority(claims: list[Claim], by_id: dict[str, Source]) -> str:
    groups: dict[str, list[str]] = {}
    for claim in claims:
        groups.setdefault(value_key(claim), []).append(claim.source)
    def root(i: str) -> str:  # a syndicated copy is not an independent source
        copy_of = by_id[i].meta.copy_of if i in by_id else None
        return copy_of if copy_of in by_id else i

    parts = []
    for value, ids in sorted(groups.items(), key=lambda kv: (-len({root(i) for i in kv[1]}), kv[0])):
        independent = len({root(i) for i in ids})
        official = [i for i in ids if i in by_id and by_id[i].meta.kind in OFFICIAL_KINDS]
        note = f", including {len(official)} official" if official else ""
        copies = f" ({len(ids) - independent} syndicated cop{'ies' if len(ids) - independent > 1 else 'y'} not counted)" \
            if independent < len(ids) else ""
        parts.append(f"{value}: {independent} source{'s' if independent > 1 else ''}{note}{copies}")
    return "; ".join(parts)
