"""Stage 5, verdicts and baseline: what editors decided, carried forward by conflict id.

verdicts.yaml (beside the sources folder) holds one verdict per conflict id:
confirmed, false_positive or accepted, with a note, who and when. baseline.yaml
holds the ids of the conflicts that existed when a project adopted checker.
A conflict is new when it is neither in the verdicts nor in the baseline.

Both files are rewritten under a lock, re-read inside it, so two editors
recording verdicts at the same time cannot lose each other's work; writes are
atomic and keep the comments and key order of the file as edited by hand.
Replacing another editor's verdict must be asked for (`force`), and a replaced
verdict moves to the file's `history`.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import subprocess
from pathlib import Path
from typing import Any, Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import yamlio
from .errors import CheckerError
from .models import Conflict, RecordedVerdict

VERSION = 1
VerdictName = Literal["confirmed", "false_positive", "accepted"]

VERDICTS_HEADER = (
    "Editors' verdicts on checker's conflicts, keyed by conflict id.\n"
    "verdict: confirmed (a real discrepancy) | false_positive | accepted (known and tolerated)\n"
    "Record them with `checker review` or `checker resolve`, or edit this file by hand.\n")
BASELINE_HEADER = (
    "Conflicts that existed when this project adopted checker (`checker baseline`).\n"
    "They are not new: `checker check` fails only on conflicts that come after.\n")


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: VerdictName
    note: str = ""
    by: str = ""
    at: str = ""  # the day it was recorded, YYYY-MM-DD
    correct: Optional[str] = Field(default=None, description="id of the source that is right")
    value: Optional[str] = Field(default=None, description="the correct value, in words")
    topic: str = ""  # copied from the conflict, for people reading the file


class Replaced(Verdict):
    """A verdict that another replaced, kept in the file's history."""

    id: str
    replaced: str = ""  # the day it was replaced
    replaced_by: str = ""


class VerdictFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = VERSION
    verdicts: dict[str, Verdict] = {}
    history: list[Replaced] = []  # replaced verdicts, oldest first: nothing is lost


class Overwrite(CheckerError):
    """The conflict already has a verdict recorded by someone else."""

    def __init__(self, conflict_id: str, old: Verdict):
        self.old = old
        note = f": {old.note}" if old.note else ""
        super().__init__(f"{conflict_id} already has a verdict by {old.by or 'an unnamed editor'}"
                         f"{f' ({old.at})' if old.at else ''}, {old.verdict}{note}; "
                         "pass --force to replace it (the old verdict is kept in the file's history)")


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = ""
    kind: str = ""


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = VERSION
    lexicon: str = ""  # fingerprint of the word lists the baseline was made with
    conflicts: dict[str, BaselineEntry] = {}


def _display(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _load(path: Path, model: type, what: str):
    """The file as a model and as its round-trip YAML document (for rewriting)."""
    display = _display(path)
    if not path.is_file():
        if path.exists():  # a folder here would be ignored on reading and fail on writing
            raise CheckerError(f"not a file; checker keeps its {what} in a file here: "
                               "move this out of the way", display)
        return model(), CommentedMap()
    doc = yamlio.load(path, display)
    if doc is None:
        return model(), CommentedMap()
    if not isinstance(doc, dict):
        raise CheckerError(f"a {what} file must be a mapping", display, 1)
    version = doc.get("version", VERSION)
    if isinstance(version, int) and version > VERSION:
        raise CheckerError(f"made by a newer checker (version {version}); upgrade checker",
                           display, yamlio.line_of(doc, ("version",)))
    return yamlio.validate(model, doc, display), doc


def _read(path: Path, model: type, what: str) -> tuple[Any, str, dict | None]:
    """The file as a model, its text, and the lines of its entries (None when the fast
    reader cannot read it). The fast reader takes a quarter of a second over 10,000 verdicts
    where ruamel takes eight; anything it does not read, or that does not validate, goes
    through `_load`, whose messages name the line."""
    if path.is_file():
        text = yamlio.read_text(path, _display(path))
        fast = yamlio.parse_block(text)
        if fast is not None:
            data, spans = fast
            if data is None:
                return model(), text, spans
            version = data.get("version", VERSION) if isinstance(data, dict) else None
            if isinstance(data, dict) and not (isinstance(version, int) and version > VERSION):
                try:
                    return model.model_validate(data), text, spans
                except ValidationError:
                    pass
    else:
        text = ""
    return _load(path, model, what)[0], text, None


def load_verdicts(path: Path) -> VerdictFile:
    return _read(path, VerdictFile, "verdicts")[0]


def load_baseline(path: Path) -> BaselineFile:
    return _read(path, BaselineFile, "baseline")[0]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _entry(model: BaseModel) -> CommentedMap:
    return CommentedMap((k, v) for k, v in model.model_dump().items() if v not in (None, ""))


def record(path: Path, conflict_id: str, verdict: Verdict, force: bool = False) -> None:
    """Add or replace one verdict, keeping everything else in the file as it was. Replacing
    another editor's verdict needs `force` (else `Overwrite`); a replaced verdict is kept
    in the file's history."""
    with _locked(path):
        # re-read inside the lock: merge, never clobber
        current, text, spans = _read(path, VerdictFile, "verdicts")
        old = current.verdicts.get(conflict_id)
        if old is not None and old.by != verdict.by and not force:
            raise Overwrite(conflict_id, old)
        gone = None
        if old is not None and old.model_dump(exclude={"at"}) != verdict.model_dump(exclude={"at"}):
            gone = _entry(Replaced(id=conflict_id, **old.model_dump(), replaced=verdict.at,
                                   replaced_by=verdict.by))
            gone.move_to_end("id", last=False)
        patched = _patched(text, spans, current, conflict_id, _entry(verdict), gone) \
            if spans is not None else None
        if patched is None:  # round trip through ruamel: an empty, new or unusual file
            _, doc = _load(path, VerdictFile, "verdicts")
            if not doc:
                doc["version"] = VERSION
                doc.yaml_set_start_comment(VERDICTS_HEADER)
            if not isinstance(doc.get("verdicts"), dict):
                doc["verdicts"] = CommentedMap()
            if gone is not None:
                if not isinstance(doc.get("history"), list):
                    doc["history"] = CommentedSeq()
                doc["history"].append(gone)
            doc["verdicts"][conflict_id] = _entry(verdict)
            patched = yamlio.dumps(doc)
        yamlio.write_atomic(path, patched)


def _patched(text: str, spans: dict, current: VerdictFile, conflict_id: str, entry: CommentedMap,
             gone: CommentedMap | None) -> str | None:
    """The file's text with one verdict added or replaced and the replaced one appended to the
    history, every other line as it was (comments, order, quoting); None where the file's
    shape needs the round trip (no entries yet, a history in flow style, an indented top)."""
    verdicts_at = spans.get(("verdicts",))
    if not current.verdicts or verdicts_at is None or verdicts_at[2] != 0:
        return None
    if not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")  # the last is "" after the final line break
    edits = []  # (first line, line after the last, new lines, order among edits at one place)
    first_id = next(iter(current.verdicts))
    indent = spans[("verdicts", first_id)][2]
    new = _shifted(yamlio.dumps(CommentedMap(verdicts=CommentedMap({conflict_id: entry}))), indent)
    if conflict_id in current.verdicts:
        first, last, _ = spans[("verdicts", conflict_id)]
        key = yamlio.block_key(lines[first].lstrip(" "))
        if key and key[1].lstrip(" ").startswith("#"):  # a comment after the id stays
            new[0] += key[1]
        edits.append((first, last + 1, new, 0))
    else:
        edits.append((verdicts_at[1] + 1, verdicts_at[1] + 1, new, 0))
    if gone is not None:
        history = yamlio.dumps(CommentedMap(history=CommentedSeq([gone])))
        history_at = spans.get(("history",))
        if history_at is None:
            edits.append((len(lines) - 1, len(lines) - 1, history.split("\n")[:-1], 1))
        elif current.history:
            end = history_at[1] + 1
            edits.append((end, end, _shifted(history, spans[("history", 0)][2]), 1))
        else:
            return None
    for first, end, new_lines, _ in sorted(edits, key=lambda e: (e[0], e[3]), reverse=True):
        lines[first:end] = new_lines
    return "\n".join(lines)


def _shifted(dumped: str, indent: int) -> list[str]:
    """The lines under the first of `dumped`, moved from ruamel's indent of 2 to `indent`."""
    lines = dumped.split("\n")[1:-1]
    return [" " * (indent - 2) + line if indent >= 2 else line[2 - indent:] for line in lines]


def editor(given: Optional[str], root: Path) -> str:
    """Who records a verdict: `given` (--by), else $CHECKER_EDITOR, else git's user.name."""
    name = (given or "").strip() or os.environ.get("CHECKER_EDITOR", "").strip()
    if not name:
        try:
            name = subprocess.run(["git", "-C", str(root), "config", "user.name"], capture_output=True,
                                  text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    if not name:
        raise CheckerError("who is recording this verdict? Give --by NAME, or set CHECKER_EDITOR, "
                           "or git's user name (git config --global user.name 'Your Name')")
    return name


def resolve(path: Path, conflict: Conflict, verdict: str, note: str, by: str,
            correct: Optional[str] = None, value: Optional[str] = None,
            force: bool = False) -> Verdict:
    """Check an editor's verdict against the conflict and record it (`force`: see `record`)."""
    sides = sorted({c.source for c in conflict.claims})
    if correct and correct not in sides:
        raise CheckerError(f"--correct {correct!r} is not a side of {conflict.id}; "
                           f"choose one of: {', '.join(sides)}")
    if (correct or value) and verdict != "confirmed":
        raise CheckerError("--correct and --value go with --verdict confirmed")
    if verdict == "false_positive" and not note.strip():
        raise CheckerError("a false positive needs a note saying why: what you checked")
    entry = Verdict(verdict=verdict, note=note.strip(), by=by, at=dt.date.today().isoformat(),
                    correct=correct or None, value=value or None, topic=conflict.topic)
    record(path, conflict.id, entry, force)
    return entry


def write_baseline(path: Path, conflicts: list[Conflict], lexicon: str) -> None:
    """Make the baseline today's conflicts. Entries that stay keep their place and their
    comments; new ones are added in id order; gone ones are removed."""
    with _locked(path):
        _, doc = _load(path, BaselineFile, "baseline")
        if not doc:
            doc.yaml_set_start_comment(BASELINE_HEADER)
        old = doc.get("conflicts") if isinstance(doc.get("conflicts"), dict) else CommentedMap()
        current = {c.id: c for c in conflicts}
        entries = CommentedMap()
        for conflict_id in [k for k in old if k in current] + sorted(k for k in current if k not in old):
            entry = old.get(conflict_id) if isinstance(old.get(conflict_id), dict) else CommentedMap()
            entry["topic"], entry["kind"] = current[conflict_id].topic, current[conflict_id].kind
            entries[conflict_id] = entry
        if isinstance(old, CommentedMap):
            entries.copy_attributes(old)  # comments between entries
        doc["version"] = VERSION
        doc["lexicon"] = lexicon
        doc["conflicts"] = entries
        yamlio.write_atomic(path, yamlio.dumps(doc))


def apply(conflicts: list[Conflict], verdicts: VerdictFile,
          baseline: BaselineFile) -> tuple[list[Conflict], list[str]]:
    """Conflicts with status and `new` set; and the ids of verdicts whose conflict is gone."""
    out = []
    for c in conflicts:
        verdict = verdicts.verdicts.get(c.id)
        status = verdict.verdict if verdict else "open"
        new = verdict is None and c.id not in baseline.conflicts
        shown = RecordedVerdict(**verdict.model_dump(exclude={"topic"})) if verdict else None
        out.append(c.model_copy(update={"status": status, "new": new, "verdict": shown}))
    current = {c.id for c in conflicts}
    orphaned = sorted(k for k in verdicts.verdicts if k not in current)
    return out, orphaned


def find(conflicts: list[Conflict], wanted: str) -> Conflict:
    """A conflict by id, or by a unique prefix of it."""
    matches = [c for c in conflicts if c.id == wanted] or \
        [c for c in conflicts if c.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CheckerError(f"no current conflict has id {wanted!r} (see `checker check`)")
    raise CheckerError(f"{wanted!r} matches {len(matches)} conflicts; give more of the id")
