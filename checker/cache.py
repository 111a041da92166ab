"""A cache of extractions, so unchanged sources are not read again.

An entry's key hashes everything extraction depends on: the source's id and whole
text, the word lists (lexicon fingerprint, aliases learnt from all sources
included) and checker's own code. Change any of them and the entry is simply not
found. Entries live in `.checker-cache/` beside the sources folder; deleting that
folder is always safe.

Many processes (a process pool, or workers on several machines sharing one folder) may
use one cache at once. Every write goes to a temporary file of its own (a random name,
created exclusively, so no two processes or threads share one) and is then renamed over
the entry: a reader sees the old entry, the new one or none, never part of one. Entries
are not fsynced (a cold run of 2,000 reports spent 8 s waiting for the disk): after a
crash an entry may be empty or torn, which reads as invalid, a miss. Two writers of one
key both write whole entries and the last rename wins (they hold the same extraction, as
the key hashes all it depends on). Anything that cannot
be read back whole and valid (missing, truncated, damaged, unreadable) is a miss, never
an error; a miss is only slower. The directory itself is not fsynced: after a crash an
entry written just before may be gone, which is again just a miss.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Optional, Type, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .models import Conflict, Extraction, Source
from .yamlio import write_atomic


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class RunResult(BaseModel):
    """The conflicts of a whole run (before verdicts), and the counts for its summary."""

    model_config = ConfigDict(extra="forbid")

    key: str
    conflicts: list[Conflict]
    claims: int
    topics: int


class StoryResult(BaseModel):
    """The conflicts of one story (see align.stories), keyed on all that they depend on."""

    model_config = ConfigDict(extra="forbid")

    key: str
    conflicts: list[Conflict]


Entry = TypeVar("Entry", bound=BaseModel)


def _read(path: Path, model: Type[Entry]) -> Optional[Entry]:
    """The entry at `path` if it is there, whole and valid; else None. No existence check
    first (is_file() raises on some errors, e.g. a folder it may not search, and another
    worker may rename or remove the file in between): one read, and any failure a miss."""
    try:
        data = path.read_bytes()  # one open: the whole of one version of the file
        return model.model_validate_json(data)
    except (ValidationError, OSError, ValueError, RecursionError):
        return None


class ExtractionCache:
    def __init__(self, folder: Optional[Path], words: str):
        self.folder = folder
        self.salt = f"{code_fingerprint()}:{words}"
        self.hits = self.misses = 0

    def key(self, source: Source) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(source.id.encode() + b"\0" + source.text.encode())
        return digest.hexdigest()

    def _path(self, source: Source) -> Optional[Path]:
        if self.folder is None:
            return None
        key = self.key(source)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, source: Source) -> Optional[Extraction]:
        found = None
        path = self._path(source)
        if path is not None:
            found = _read(path, Extraction)  # a damaged entry is read again from the source
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, source: Source, extraction: Extraction) -> None:
        path = self._path(source)
        if path is not None:
            try:
                write_atomic(path, extraction.model_dump_json(), durable=False)
            except OSError:
                pass  # a read-only project still gets its report, just not a cache

    # -- stories: one entry per story, so a changed source re-compares its story only --
    def story_key(self, keys: list[str], guests: frozenset[str], corrections: bytes = b"") -> str:
        """`keys`: the cache keys of the story's sources (they hash each source's id and
        whole text, front matter included); `corrections`: its sources' hand-edited claims."""
        digest = hashlib.sha256(b"story:" + self.salt.encode())
        for key in keys:
            digest.update(key.encode())
        digest.update(b"|" + "\0".join(sorted(guests)).encode() + b"|" + corrections)
        return digest.hexdigest()

    def get_story(self, key: str) -> Optional[list[Conflict]]:
        if self.folder is None:
            return None
        found = _read(self.folder / "stories" / key[:2] / f"{key}.json", StoryResult)
        return found.conflicts if found is not None and found.key == key else None

    def put_story(self, key: str, conflicts: list[Conflict]) -> None:
        if self.folder is not None:
            try:
                write_atomic(self.folder / "stories" / key[:2] / f"{key}.json",
                             StoryResult(key=key, conflicts=conflicts).model_dump_json(), durable=False)
            except OSError:
                pass

    # -- whole runs: one entry, the last run, reused when nothing it read has changed --
    def run_key(self, sources: list[Source], claim_files: list[Path]) -> str:
        digest = hashlib.sha256(b"run:" + self.salt.encode())
        for source in sources:
            digest.update(self.key(source).encode())
        for path in claim_files:  # claims edited by hand take part in every run
            digest.update(path.name.encode() + (path.read_bytes() if path.is_file() else b"-"))
        return digest.hexdigest()

    def get_run(self, key: str) -> Optional[RunResult]:
        if self.folder is None:
            return None
        found = _read(self.folder / "last-run.json", RunResult)
        return found if found is not None and found.key == key else None

    def put_run(self, key: str, conflicts: list[Conflict], claims: int, topics: int) -> None:
        if self.folder is not None:
            try:
                write_atomic(self.folder / "last-run.json",
                             RunResult(key=key, conflicts=conflicts, claims=claims,
                                       topics=topics).model_dump_json(), durable=False)
            except OSError:
                pass
