"""A hardened YAML loader for files a user hands us: checklists and config.yaml.

It owns every defence between an untrusted file and plain Python data, and the line/column of
each value so that later validation can say `path:line:col: message`.

Why it is shaped so:
- The size is checked with `stat` before a byte is read, and the read is capped anyway.
- The event stream (`yaml.parse`) is consumed in a loop with an explicit stack, never by
  recursion, so `[[[[...` ten thousand deep stops cleanly at `max_depth` instead of blowing
  the Python stack.
- Anchors, aliases and tags are refused: no alias bomb can expand, no tag can construct an
  object. Nothing a checklist or config needs is lost.
- Plain scalars resolve by the YAML 1.2 core schema, so `no` (Norway) and `on` stay strings.
- Files a user hands us go through the pure-Python parser on purpose, not libyaml's: libyaml
  tokenises far ahead and stops deep nesting at its own limit (1000) with its own wording.
  Files storeops ships (`trusted=True`: the bundled checklists, tested in CI) use libyaml when
  it is installed: 20x faster, and they are read on every command that loads checklists.
- Problems are collected while parsing continues where it can, so a file's mistakes are
  reported together.

`pydantic_problems` (from `storeops.yamlvalidation`, re-exported here) places validation errors
on the data of a `YamlDocument`, for checklists and config alike.
"""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)
from yaml.reader import ReaderError

from storeops.errors import StoreOpsError
from storeops.yamlvalidation import pydantic_problems

__all__ = [
    "YamlDocument",
    "YamlError",
    "YamlProblem",
    "load_yaml",
    "pydantic_problems",
    "resolve_scalar",
]

GIB = 1_073_741_824
MIB = 1_048_576
KIB = 1024
MAX_PROBLEMS = 50

Loc = tuple[Any, ...]

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


class YamlProblem(NamedTuple):
    """One problem in a YAML file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class YamlError(StoreOpsError):
    """A YAML file could not be loaded; `problems` holds every problem found."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class YamlDocument:
    """The plain data of a YAML file plus where each value and mapping key sits in it."""

    def __init__(
        self,
        path: Path,
        data: Any,
        values: dict[Loc, tuple[int, int]],
        keys: dict[Loc, tuple[int, int]],
    ) -> None:
        self.path = path
        self.data = data
        self._values = values
        self._keys = keys

    def location(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """The (line, column) of the value at `loc`, or of its nearest ancestor that exists."""
        for end in range(len(loc), -1, -1):
            found = self._values.get(tuple(loc[:end]))
            if found is not None:
                return found
        return (1, 1)

    def key_location(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """The (line, column) of the mapping key naming `loc`; its value's place if none."""
        return self._keys.get(tuple(loc)) or self.location(loc)

    def problem(
        self, loc: tuple[str | int, ...], message: str, *, at_key: bool = False
    ) -> YamlProblem:
        """A problem pointing at the value (or, with `at_key`, the key) at `loc`."""
        line, column = self.key_location(loc) if at_key else self.location(loc)
        return YamlProblem(str(self.path), line, column, message)


def resolve_scalar(text: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema: null, bool, int, float, else str."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    try:
        if _DECIMAL.fullmatch(text):
            return int(text, 10)
        if _OCTAL.fullmatch(text):
            return int(text[2:], 8)
        if _HEX.fullmatch(text):
            return int(text[2:], 16)
    except ValueError:
        # Python refuses to convert absurdly long digit strings; they stay text.
        return text
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def load_yaml(
    path: Path, *, max_bytes: int = MIB, max_depth: int = 64, trusted: bool = False
) -> YamlDocument:
    """Load one YAML document from `path` safely, or raise `YamlError` listing every problem.

    `trusted` files (shipped with storeops) may use the faster libyaml parser.
    """
    text = _read_text(path, max_bytes)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else yaml.SafeLoader
    builder = _Builder(path, max_depth, loader)
    builder.build(text)
    if builder.problems:
        raise YamlError(builder.problems)
    return YamlDocument(path, builder.root, builder.values, builder.keys)


def _read_text(path: Path, max_bytes: int) -> str:
    def fail(message: str, line: int = 1, column: int = 1) -> YamlError:
        return YamlError([YamlProblem(str(path), line, column, message)])

    try:
        info = path.stat()
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a directory, not a YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise fail("is not a regular file")
    if info.st_size > max_bytes:
        raise fail(f"file is {_size(info.st_size)}; the limit is {_limit(max_bytes)}")
    try:
        with path.open("rb") as handle:
            # The file may have grown since stat(); never read more than the limit allows.
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise fail(f"file is larger than the limit of {_limit(max_bytes)}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")
        line, column = _position(before, len(before))
        raise fail(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line, column
        ) from None
    return text.removeprefix("\ufeff")


def _size(count: int) -> str:
    if count >= GIB:
        return f"{count / GIB:.1f} GiB"
    if count >= MIB:
        return f"{count / MIB:.1f} MiB"
    if count >= KIB:
        return f"{count / KIB:.1f} KiB"
    return f"{count} bytes"


def _limit(count: int) -> str:
    if count >= MIB and count % MIB == 0:
        return f"{count // MIB} MiB"
    if count >= KIB and count % KIB == 0:
        return f"{count // KIB} KiB"
    return f"{count} bytes"


def _position(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of character `index` in `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _show_tag(tag: str) -> str:
    if tag.startswith(_YAML_TAG_PREFIX):
        return "!!" + tag[len(_YAML_TAG_PREFIX) :]
    return tag


class _Frame:
    """An open mapping or sequence on the builder's explicit stack."""

    __slots__ = ("container", "is_key", "key", "path")

    def __init__(self, container: dict[Any, Any] | list[Any], path: Loc, is_key: bool) -> None:
        self.container = container
        self.path = path
        self.is_key = is_key
        # For a mapping: the key whose value comes next; _AWAITING_KEY while a key is due.
        self.key: Any = _AWAITING_KEY


class _StopParsingError(Exception):
    """Parsing cannot go on (depth, a second document, too many problems)."""


_AWAITING_KEY = object()


class _Builder:
    """Turns the event stream into plain data and locations, collecting problems."""

    def __init__(self, path: Path, max_depth: int, loader: Any = yaml.SafeLoader) -> None:
        self.path = path
        self.max_depth = max_depth
        self.loader = loader
        self.root: Any = None
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self._stack: list[_Frame] = []
        self._reported_anchor = False

    def build(self, text: str) -> None:
        try:
            self._consume(text)
        except _StopParsingError:
            pass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = f"invalid YAML: {exc.problem or exc.context or 'syntax error'}"
            if exc.context and exc.context_mark and exc.problem_mark:
                line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
                message += f" ({exc.context} at line {line}, column {column})"
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self._record(line, column, message)
        except ReaderError as exc:
            line, column = _position(text, int(exc.position))
            self._record(line, column, f"invalid YAML: {exc.reason} (#x{exc.character:04x})")
        except yaml.YAMLError as exc:
            self._record(1, 1, f"invalid YAML: {exc}")

    def _consume(self, text: str) -> None:
        documents = 0
        for event in yaml.parse(text, Loader=self.loader):
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._add_at(event, "only one YAML document is allowed per file", fatal=True)
            elif isinstance(event, CollectionEndEvent):
                frame = self._stack.pop()
                self._finish(frame, frame.container)
            elif isinstance(event, NodeEvent):
                self._node(event)

    def _node(self, event: NodeEvent) -> None:
        anchored = event.anchor is not None or isinstance(event, AliasEvent)
        # One report is enough: the fix is the same everywhere, and a bomb has thousands.
        if anchored and not self._reported_anchor:
            self._reported_anchor = True
            self._add_at(event, "anchors and aliases are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self._add_at(event, f"tags are not allowed (found '{_show_tag(tag)}')")
        path, is_key = self._slot()
        line, column = _mark(event)
        if is_key:
            if not isinstance(event, ScalarEvent):
                kind = "an alias" if isinstance(event, AliasEvent) else "a collection"
                self._add_at(event, f"mapping keys must be scalars, not {kind}")
        else:
            self.values[path] = (line, column)
        if isinstance(event, CollectionStartEvent):
            if len(self._stack) >= self.max_depth:
                message = f"nesting is deeper than the limit of {self.max_depth} levels"
                self._add_at(event, message, fatal=True)
            container: dict[Any, Any] | list[Any] = (
                {} if isinstance(event, MappingStartEvent) else []
            )
            self._stack.append(_Frame(container, path, is_key))
        elif isinstance(event, ScalarEvent):
            plain = event.implicit[0] and tag is None
            self._finish_scalar(resolve_scalar(event.value) if plain else event.value, event)
        else:
            self._finish_scalar(None, event)

    def _slot(self) -> tuple[Loc, bool]:
        """The path of the next node, and whether it is a mapping key."""
        if not self._stack:
            return (), False
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container)), False
        if frame.key is _AWAITING_KEY:
            return (*frame.path, _AWAITING_KEY), True
        return (*frame.path, frame.key), False

    def _finish_scalar(self, value: Any, event: NodeEvent) -> None:
        if not self._stack or not self._is_key_slot(self._stack[-1]):
            self._finish(None, value)
            return
        frame = self._stack[-1]
        assert isinstance(frame.container, dict)
        if not isinstance(event, ScalarEvent):
            frame.key = object()  # an alias as key: a placeholder keeps the parse going
            return
        key_path = (*frame.path, value)
        if key_path in self.keys:
            first_line = self.keys[key_path][0]
            self._add_at(event, f"duplicate key {value!r} (first at line {first_line})")
            # A fresh placeholder stops the duplicate's value from overwriting the first one.
            frame.key = object()
            return
        self.keys[key_path] = _mark(event)
        frame.key = value

    @staticmethod
    def _is_key_slot(frame: _Frame) -> bool:
        return isinstance(frame.container, dict) and frame.key is _AWAITING_KEY

    def _finish(self, frame: _Frame | None, value: Any) -> None:
        """Attach a completed node to its parent (or make it the document root)."""
        if not self._stack:
            self.root = value
            return
        parent = self._stack[-1]
        if frame is not None and frame.is_key:
            parent.key = object()  # a collection used as a key was already reported
            return
        if isinstance(parent.container, list):
            parent.container.append(value)
        else:
            parent.container[parent.key] = value
            parent.key = _AWAITING_KEY

    def _add_at(self, event: Event, message: str, *, fatal: bool = False) -> None:
        line, column = _mark(event)
        self._add(line, column, message, fatal=fatal)

    def _add(self, line: int, column: int, message: str, *, fatal: bool = False) -> None:
        """Record a problem found mid-parse; stop when it is fatal or there are too many."""
        self._record(line, column, message)
        if len(self.problems) >= MAX_PROBLEMS:
            self._record(line, column, "too many problems; stopping here")
            raise _StopParsingError
        if fatal:
            raise _StopParsingError

    def _record(self, line: int, column: int, message: str) -> None:
        self.problems.append(YamlProblem(str(self.path), line, column, message))


def _mark(event: Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
