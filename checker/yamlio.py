"""YAML in and out: round-trip loading with line numbers, validation errors that
name file and line, and atomic writes (a crash never leaves half a file). Two fast
readers for the common shapes (front matter's `key: value` lines, and block YAML
as checker writes it) hand anything else to ruamel.
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
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

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


class _Unsure(Exception):
    """The text needs a real YAML parser: it is not in the subset `parse_block` reads."""


_BLOCK_KEY = re.compile(r"('(?:[^']|'')*'|[A-Za-z0-9_][A-Za-z0-9_.-]*):(?= |$)")
_AFTER_QUOTE = re.compile(r"(?: +#.*| *)")
_PLAIN_START = re.compile(r"[\[\]{}'&*!|>%@`#\-?:,\"]")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_TYPED: dict[str, Any] = {}  # plain scalar → its value, as YAML resolves it
_RESOLVER = VersionedResolver()


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    if len(code) > 1:
        char = chr(int(code[1:], 16))
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise _Unsure
        return char
    if code not in _ESCAPES:
        raise _Unsure
    return _ESCAPES[code]


def _resolve_plain(text: str) -> Any:
    """A plain scalar's value by ruamel's own rules; _Unsure for any type but text and
    plain integers."""
    if text not in _TYPED:
        if len(_TYPED) > 50_000:
            _TYPED.clear()
        tag = str(_RESOLVER.resolve(ScalarNode, text, (True, False))).rsplit(":", 1)[-1]
        if tag in ("str", "timestamp"):  # checker reads dates itself (see _Constructor)
            _TYPED[text] = text
        elif tag == "int" and re.fullmatch(r"0|[1-9][0-9]*", text):
            _TYPED[text] = int(text)
        else:
            raise _Unsure
    return _TYPED[text]


class _Block:
    """Block mappings and sequences of plain, quoted and folded scalars, with comments: the
    YAML checker writes, and hand edits of it, read in a small fraction of ruamel's time.
    Anything else raises _Unsure. Records each key's and item's lines in `spans`."""

    def __init__(self, text: str):
        self.toks = []  # (line index, indent, text) of each line that is not blank or a comment
        for i, line in enumerate(text.split("\n")):
            content = line.lstrip(" ")
            if content and content[0] != "#":
                if line.startswith(("---", "...", "%")):
                    raise _Unsure
                self.toks.append((i, len(line) - len(content), content))
        self.pos = 0
        self.spans: dict[tuple, tuple[int, int, int]] = {}  # path → (first line, last line, indent),
        # for paths of one or two keys

    def document(self) -> Any:
        if not self.toks:
            return None
        value = self.node(0, ())
        if self.pos != len(self.toks):
            raise _Unsure
        return value

    def node(self, indent: int, path: tuple) -> Any:
        _, col, text = self.toks[self.pos]
        if col < indent:
            raise _Unsure
        if text == "-" or text.startswith("- "):
            return self.sequence(col, path)
        return self.mapping(col, path, text)

    def sequence(self, col: int, path: tuple) -> list:
        out: list = []
        while self.pos < len(self.toks):
            line, indent, text = self.toks[self.pos]
            if indent < col:
                break
            if indent > col or not (text == "-" or text.startswith("- ")):
                raise _Unsure
            item = text[1:].lstrip(" ")
            key = path + (len(out),)
            if not item or item[0] == "#":
                self.pos += 1
                out.append(self.nested(col, key, sequence_allowed=False))
            elif _BLOCK_KEY.match(item):
                out.append(self.mapping(col + len(text) - len(item), key, item))
            else:
                out.append(self.scalar(item, col))
            if len(path) < 2:
                self.spans[key] = (line, self.toks[self.pos - 1][0], col)
        return out

    def mapping(self, col: int, path: tuple, first: str) -> dict:
        """A mapping whose keys stand at `col`; `first` is the text of its first entry (which
        may follow a sequence's dash on the same line)."""
        out: dict = {}
        toks, text, spans = self.toks, first, len(path) < 2  # deeper lines are not needed
        while True:
            line = toks[self.pos][0]
            match = _BLOCK_KEY.match(text)
            if not match:
                raise _Unsure
            raw = match.group(1)
            key = raw[1:-1].replace("''", "'") if raw[0] == "'" else _resolve_plain(raw)
            if not isinstance(key, str) or key in out or len(raw) > 1000:
                raise _Unsure
            rest = text[match.end():].lstrip(" ")
            if not rest or rest[0] == "#":
                self.pos += 1
                out[key] = self.nested(col, path + (key,), sequence_allowed=True)
            elif rest[0] in "{[" and rest[:2] in ("{}", "[]") and _AFTER_QUOTE.fullmatch(rest, 2):
                self.pos += 1
                out[key] = {} if rest[0] == "{" else []
            else:
                out[key] = self.scalar(rest, col)
            if spans:
                self.spans[path + (key,)] = (line, toks[self.pos - 1][0], col)
            if self.pos == len(toks):
                return out
            _, indent, text = toks[self.pos]
            if indent < col:
                return out
            if indent > col:
                raise _Unsure

    def nested(self, col: int, path: tuple, sequence_allowed: bool) -> Any:
        """The block under a key or a dash with nothing after it: deeper lines, or a
        sequence at the key's own indent, or nothing (null)."""
        if self.pos < len(self.toks):
            _, indent, text = self.toks[self.pos]
            if indent > col or (sequence_allowed and indent == col
                                and (text == "-" or text.startswith("- "))):
                return self.node(indent, path)
        return None

    def continuation(self, line: int, col: int) -> list[str]:
        """The lines after `line` that continue a scalar (indented deeper than `col`, up to
        the next key or item); a blank or comment line among them is beyond this reader."""
        out = []
        while self.pos < len(self.toks) and self.toks[self.pos][1] > col:
            if self.toks[self.pos][0] != line + 1 + len(out):
                raise _Unsure
            out.append(self.toks[self.pos][2].rstrip(" "))
            self.pos += 1
        return out

    def scalar(self, text: str, col: int) -> Any:
        line = self.toks[self.pos][0]
        self.pos += 1
        if text[0] in "'\"":
            return self.quoted(text, line, col)
        comment = text.find(" #")
        value = (text[:comment] if comment >= 0 else text).rstrip(" ")
        parts = [value]
        if self.pos < len(self.toks) and self.toks[self.pos][1] > col:
            parts += self.continuation(line, col)
            if comment >= 0:
                raise _Unsure
        for i, part in enumerate(parts):
            if ": " in part or part.endswith(":") or (i and " #" in part) or _PLAIN_START.match(part):
                raise _Unsure
        return _resolve_plain(" ".join(parts))  # lines fold into one, with spaces

    def quoted(self, text: str, line: int, col: int) -> str:
        """A single- or double-quoted scalar, over one line or several (folded)."""
        quote, pieces, i = text[0], [], 1
        while True:
            end = _closing(text, i, quote)
            if end >= 0:
                pieces.append(text[i:end])
                if not _AFTER_QUOTE.fullmatch(text[end + 1:]):
                    raise _Unsure
                break
            pieces.append(text[i:])
            if self.pos == len(self.toks) or self.toks[self.pos][0] != line + len(pieces) \
                    or self.toks[self.pos][1] <= col:
                raise _Unsure
            text, i = self.toks[self.pos][2], 0
            self.pos += 1
        joined = pieces[0]
        for piece in pieces[1:]:  # a line break folds to a space; '\' at a line's end removes it
            stripped = joined.rstrip(" ")
            if quote == '"' and (len(stripped) - len(stripped.rstrip("\\"))) % 2:
                if stripped != joined:  # an escaped space before the break
                    raise _Unsure
                joined = joined[:-1] + piece
            else:
                joined = stripped + " " + piece
        if quote == "'":
            return joined.replace("''", "'")
        return _ESCAPE.sub(_unescape, joined)


_CLOSING = {"'": re.compile(r"(?:[^']|'')*'(?!')"), '"': re.compile(r'(?:[^"\\]|\\.)*"')}


def _closing(text: str, start: int, quote: str) -> int:
    """Where the quoted scalar opened before `start` closes on this line; -1 if it does not."""
    match = _CLOSING[quote].match(text, start)
    return match.end() - 1 if match else -1


def block_key(text: str) -> tuple[str, str] | None:
    """A line's `key:` as written, and what follows the colon; None if it starts no key."""
    match = _BLOCK_KEY.match(text)
    return (match.group(1), text[match.end():]) if match else None


def parse_block(text: str) -> tuple[Any, dict] | None:
    """Block-style YAML as checker writes it (verdicts.yaml, baseline.yaml) without ruamel, in
    a thirtieth of the time: (data as plain dicts and lists, the lines of each key and item by
    its path). None for anything outside that subset, which then goes to `parse` (and any
    error message comes from there, with its line)."""
    if _NOT_YAML.search(text) or "\t" in text or "\r" in text:
        return None
    try:
        block = _Block(text)
        return block.document(), block.spans
    except (_Unsure, RecursionError, ValueError):  # ValueError: an escape beyond Unicode
        return None


def read_text(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CheckerError(f"not UTF-8 text (byte {exc.start})", display) from None
    except OSError as exc:
        raise CheckerError(f"cannot read: {exc.strerror}", display) from None


def load(path: Path, display: str | None = None) -> Any:
    display = display or str(path)
    return parse(read_text(path, display), display)


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


def write_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename over it. The file gets
    0666 less the umask, as open() would give it (mkstemp would give 0600). `durable`
    fsyncs the text before the rename (a human's file); a cache entry, which is checked
    whole when read and is only a miss if not, need not wait for the disk."""
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
            if durable:
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
