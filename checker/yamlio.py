"""YAML in and out: round-trip loading with line numbers, validation errors that
name file and line, and atomic writes (a crash never leaves half a file).
"""
from __future__ import annotations

import io
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any, Type, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from .errors import CheckerError

M = TypeVar("M", bound=BaseModel)


class _Constructor(RoundTripConstructor):
    """Dates stay text: checker parses them itself, strictly, and says where a bad one is."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


class _Composer(Composer):
    """No anchors or aliases: no file checker reads needs them, and an alias bomb
    ("billion laughs") would otherwise grow without end."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "anchors and aliases (&name, *name) are not allowed",
                                event.start_mark)
        return super().compose_node(parent, index)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text; `line_offset` shifts reported lines (front matter sits below '---')."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        raise CheckerError(f"invalid YAML: {exc.problem or exc.context}", path, line) from None
    except ReaderError as exc:  # a control character: YAML allows none but tab and line ends
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        raise CheckerError(f"invalid YAML: control character U+{code:04X} is not allowed",
                           path, line) from None


_SIMPLE_LINE = re.compile(r"([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*")
_NOT_YAML = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", "="}


def parse_simple_mapping(text: str) -> dict | None:
    """`key: value` lines with plain or simply double-quoted values, read without YAML
    (a fortieth of the time); None for anything else, which then goes to `parse`."""
    if _NOT_YAML.search(text):  # YAML refuses these, or reads them its own way
        return None
    out: dict = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _SIMPLE_LINE.fullmatch(line)
        if not m or m.group(1) in out:
            return None
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] == '"' and not re.search(r'[\\"]', value[1:-1]):
            out[m.group(1)] = value[1:-1]
        elif not value or value[0] in "[]{}'&*!|>%@`#-?:,\"" or ": " in value or " #" in value \
                or value.endswith(":") \
                or value.lower() in _YAML_WORDS or re.fullmatch(r"[-+.0-9_:eE]+", value) \
                and not re.fullmatch(r"[0-9]+|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?", value):
            return None
        elif re.fullmatch(r"[0-9]+", value):  # YAML's digits are ASCII; \d is not
            out[m.group(1)] = int(value)
        else:
            out[m.group(1)] = value
    return out


def load(path: Path, display: str | None = None) -> Any:
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CheckerError(f"not UTF-8 text (byte {exc.start})", display) from None
    except OSError as exc:
        raise CheckerError(f"cannot read: {exc.strerror}", display) from None
    return parse(text, display)


def line_of(data: Any, loc: tuple, line_offset: int = 0) -> int | None:
    """The line of the deepest node on `loc` that the YAML document has."""
    line, node = None, data
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    if line is None and isinstance(data, (CommentedMap, CommentedSeq)) and data.lc.line is not None:
        line = data.lc.line + 1
    return None if line is None else line + line_offset


def validate(model: Type[M], data: Any, path: str, line_offset: int = 0) -> M:
    try:
        return model.model_validate(plain(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        problem = f"{field}: {err['msg']}" if field else err["msg"]
        raise CheckerError(problem, path, line_of(data, err["loc"], line_offset)) from None


def plain(data: Any) -> Any:
    """Round-trip containers as plain dicts and lists (pydantic wants those)."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


def dumps(data: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


STALE_TMP_SECONDS = 600  # a temporary file this old was left by a killed writer


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it. The file gets
    0666 less the umask, as open() would give it (mkstemp would give 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_tmp(path)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _remove_stale_tmp(path: Path) -> None:
    """Temporary files of `path` left by a writer that was killed; recent ones may be
    another writer's, in flight, and stay."""
    prefix, cutoff = f".{path.name}.", time.time() - STALE_TMP_SECONDS
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(prefix) and name.endswith(".tmp") and "." not in name[len(prefix):-4]:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
            except OSError:
                pass
