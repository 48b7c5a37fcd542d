"""YAML reading that remembers line numbers, and atomic writing.

Flows and case files are written by people, so every error must point at `file:line`. The safe
loader is extended (never replaced) so mappings and lists remember where each key or item was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from partways.errors import PartwaysError

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class MarkedDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the line of each of its keys (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class MarkedList(list):  # type: ignore[type-arg]
    """A list that knows the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: Any, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    data = MarkedDict()
    data.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in data:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1
    return data


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> MarkedList:
    data = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    data.line = node.start_mark.line + 1
    data.lines = [child.start_mark.line + 1 for child in node.value]
    return data


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every I/O problem into a one-line error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PartwaysError("file not found", file=path) from None
    except IsADirectoryError:
        raise PartwaysError("is a folder, not a file", file=path) from None
    except OSError as exc:
        raise PartwaysError(f"cannot read: {exc.strerror}", file=path) from None
    if b"\x00" in raw:
        raise PartwaysError("binary file, expected UTF-8 YAML text", file=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PartwaysError(
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", file=path
        ) from None


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse YAML with the safe loader only; arbitrary tags are refused with their line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in problem:
            tag = problem.split("tag", 1)[-1].strip()
            problem = f"YAML tag {tag} is not allowed (only plain YAML is read)"
        raise PartwaysError(problem, file=path, line=line) from None
    except yaml.YAMLError as exc:
        raise PartwaysError(f"invalid YAML: {exc}", file=path) from None


def load_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path), path)


def line_at(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest element of `loc` that can be found in marked data."""
    line: int | None = getattr(data, "line", None) or None
    node = data
    for part in loc:
        in_dict = isinstance(node, MarkedDict) and part in node
        in_list = isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


def _plain(data: Any) -> Any:
    """Marked containers back to plain dict/list so yaml.safe_dump accepts them."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False, width=100)


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write through a temp file in the same folder and rename it, so a crash never leaves a
    half-written case file; the file is created private (0600) because it describes a client."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PartwaysError(f"cannot write: {exc.strerror}", file=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise PartwaysError(f"cannot write: {exc.strerror}", file=path) from None
