"""The claims/ folder: one YAML file of claims per source, which humans may edit.

A claim survives re-extraction untouched when its `origin` is `manual`, or when
a human changed what it says (its subject, predicate, value or qualifiers no
longer hash to its id). Files are rewritten atomically, with the kept claims'
YAML nodes (comments included) carried over as they were.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import yamlio
from .errors import CheckerError
from .models import Claim, Source, content_id

HEADER = ("Claims checker read from {path}. Edit freely: a claim you change, or one you add\n"
          "with `origin: manual`, is kept as you left it when `checker extract` runs again.\n")


def _is_human(claim: Claim) -> bool:
    body = {"source": claim.source, "subject": claim.subject, "predicate": claim.predicate,
            "value": claim.value.model_dump(mode="json"), "qualifiers": claim.qualifiers}
    return claim.origin == "manual" or claim.id != content_id("c", body)


def read_human_claims(claims_dir: Path, source: Source) -> list[tuple[Claim, CommentedMap]]:
    """The claims in claims/<source>.yaml that a human wrote or changed."""
    path = claims_dir / f"{source.id}.yaml"
    display = f"{claims_dir.name}/{path.name}"
    if not path.is_file():
        if path.exists():
            raise CheckerError("not a file; checker keeps this source's claims in a file here: "
                               "move this out of the way", display)
        return []
    data = yamlio.load(path, display)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("claims", []), list):
        raise CheckerError("expected a mapping with a 'claims' list", display, 1)
    for key in data:
        if key not in ("source", "claims"):
            raise CheckerError(f"{key}: unknown key (a claims file has only 'source' and 'claims')",
                               display, yamlio.line_of(data, (key,)))
    kept = []
    for i, node in enumerate(data.get("claims") or []):
        if not isinstance(node, dict):
            raise CheckerError("each claim must be a mapping", display,
                               yamlio.line_of(data, ("claims", i)))
        fields = {"source": source.id, "quote": "", "start": 0, "end": 0, "line": 0, **yamlio.plain(node)}
        if node.get("source", source.id) != source.id:
            raise CheckerError(f"claim {node.get('id')!r} names source {node.get('source')!r}, "
                               f"but this file is for {source.id!r}", display,
                               yamlio.line_of(data, ("claims", i, "source")))
        claim = _validate(fields, data, i, display)
        if _is_human(claim):
            kept.append((claim, node))
    return kept


def _validate(fields: dict, data, i: int, display: str) -> Claim:
    try:
        return Claim.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise CheckerError(f"claim {i + 1}: {field}: {err['msg']}", display,
                           yamlio.line_of(data, ("claims", i, *err["loc"]))) from None


def merge(extracted: list[Claim], human: list[Claim]) -> list[Claim]:
    """Human claims replace extracted ones with the same id, and add to the rest."""
    ids = {c.id for c in human}
    merged = [c for c in extracted if c.id not in ids] + human
    return sorted(merged, key=lambda c: (c.start, c.end, c.predicate, c.id))


def write_claims(claims_dir: Path, source: Source, extracted: list[Claim],
                 human: list[tuple[Claim, CommentedMap]]) -> None:
    human_ids = {c.id for c, _ in human}
    rows: list[tuple[tuple, object]] = []
    for claim in extracted:
        if claim.id not in human_ids:
            node = CommentedMap(claim.model_dump(mode="json", exclude={"source"}))
            for key in ("value", "qualifiers"):  # one line each: easier to read and edit
                flow = CommentedMap((k, v) for k, v in node[key].items() if v is not None)
                flow.fa.set_flow_style()
                node[key] = flow
            rows.append(((claim.start, claim.end, claim.predicate, claim.id), node))
    for claim, node in human:
        rows.append(((claim.start, claim.end, claim.predicate, claim.id), node))
    doc = CommentedMap()
    doc["source"] = source.id
    doc["claims"] = CommentedSeq(node for _, node in sorted(rows, key=lambda r: r[0]))
    doc.yaml_set_start_comment(HEADER.format(path=source.path))
    yamlio.write_atomic(claims_dir / f"{source.id}.yaml", yamlio.dumps(doc))
