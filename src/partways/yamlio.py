"""YAML that remembers line numbers: reading it, and writing it back (plainly, or keeping the
layout a person gave the file).

Flows and case files are written by people, so every error must point at `file:line`. The safe
loader is extended (never replaced) so mappings and lists remember where each key or item was.
The files themselves are read and written by `partways.files`; parsed files are kept between
runs by `partways.yaml_cache`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from partways.errors import PartwaysError, clean_text
from partways.files import CASE_MAX_BYTES, read_text

# `yaml` is imported where a file is really parsed or written, not here: importing it costs some
# 20 ms, and a flow or a case found in the parsed-YAML cache (partways.yaml_cache) needs none of
# it, so the wizard can show its first question without it.


class MarkedDict(dict[Any, Any]):
    """A mapping that knows the line of each of its keys (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class MarkedList(list[Any]):
    """A list that knows the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


#: How deep the YAML of a file may nest (see README, "Limits").
MAX_DEPTH = 50


@cache
def _line_loader() -> Any:
    """The safe loader, with marked containers, no aliases and a nesting cap (built on first use).

    Neither flows nor case files have any use for anchors and aliases (`&a` / `*a`), and an
    alias is how a 1 kB file expands to gigabytes once walked: they are refused with their line.
    Nesting deeper than MAX_DEPTH is refused too (no questionnaire needs it; Python's recursion
    limit would otherwise turn it into an internal error). libyaml's loader is used when PyYAML
    has it (tests/core/test_portable_yaml.py keeps what it accepts in line with the spec).
    """
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _LineLoader(base):  # type: ignore[misc]  # base is Any (CSafeLoader when PyYAML has it)
        _depth = 0

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "YAML anchors and aliases (&name, *name) are not allowed",
                    node.start_mark,
                )
            nested = isinstance(node, yaml.MappingNode | yaml.SequenceNode)
            self._depth += nested
            try:
                if self._depth > MAX_DEPTH:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"nested more than {MAX_DEPTH} levels deep", node.start_mark
                    )
                return super().construct_object(node, deep=deep)
            finally:
                self._depth -= nested

    _LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
    return _LineLoader


def _construct_map(loader: Any, node: Any) -> MarkedDict:
    from yaml.constructor import ConstructorError

    loader.flatten_mapping(node)
    data = MarkedDict()
    data.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in data:
            raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1
    return data


def _construct_seq(loader: Any, node: Any) -> MarkedList:
    data = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    data.line = node.start_mark.line + 1
    data.lines = [child.start_mark.line + 1 for child in node.value]
    return data


def _construct_timestamp(loader: Any, node: Any) -> Any:
    """A date as YAML reads it; one that does not exist (`2026-02-30`) stays text, so the
    answer check can say so with its line instead of PyYAML failing with a bare ValueError."""
    from yaml import SafeLoader

    try:
        return SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return clean_text(loader.construct_scalar(node))


def _construct_str(loader: Any, node: Any) -> str:
    """Every string of a case or flow file, keys included, loses its control characters here
    (a `"\\e]0;…"` escape would otherwise reach the terminal when the case is printed)."""
    return clean_text(loader.construct_scalar(node))


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse YAML with the safe loader only; arbitrary tags are refused with their line."""
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - derives from SafeLoader
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
    except (RecursionError, MemoryError):
        raise PartwaysError(
            f"nested too deep or too large to read (limit {MAX_DEPTH} levels)", file=path
        ) from None


def load_yaml(path: Path, limit: int = CASE_MAX_BYTES) -> Any:
    return parse_yaml(read_text(path, limit), path)


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
    """The YAML partways writes: libyaml's safe emitter when PyYAML has it (a case is saved
    after every answer; 0.5 ms against 2.6 ms for the pure-Python one). libyaml writes a letter
    outside the Basic Multilingual Plane (an emoji in a note) as an escape such as
    `\\U0001F600`; a person reading the file should see the emoji, so such a text is written by
    the pure-Python emitter, as before. Otherwise both write the same text but for where a long
    double-quoted string is folded, and all three loaders read it back the same
    (tests/core/test_portable_yaml.py)."""
    import yaml

    plain = _plain(data)
    if hasattr(yaml, "CSafeDumper"):
        text: str = yaml.dump(  # noqa: S506 - libyaml's safe dumper
            plain, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100
        )
        if "\\U" not in text:
            return text
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, width=100)


def _sequence_indent(text: str) -> tuple[int, int]:
    """(sequence, offset) as ruamel.yaml counts them, from the first block list in `text`:
    `key:\n- a` is (2, 0), `key:\n  - a` is (4, 2), so a hand-indented file keeps its lists."""
    match = re.search(r"^( *)[^\s#-][^\n]*:[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ", text, re.M)
    if match is None:
        return 2, 0
    offset = max(0, len(match.group(2)) - len(match.group(1)))
    return offset + 2, offset


def _rt_value(value: Any) -> Any:
    """A new value for the round-trip tree; a letter (several lines) as a `|` block."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {k: _rt_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rt_value(v) for v in value]
    return value


def _rt_merge(node: Any, new: Any) -> Any:
    """`new` written into the round-trip `node`: what did not change stays as it was (its
    comments, quoting, key order); removed keys go, new keys go at the end of their mapping."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for key in [k for k in node if k not in new]:
            del node[key]
        for key, value in new.items():
            node[key] = _rt_merge(node[key], value) if key in node else _rt_value(value)
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list) and len(node) == len(new):
        for i, value in enumerate(new):
            node[i] = _rt_merge(node[i], value)
        return node
    if not isinstance(node, dict | list) and type(new) is not bool and node == new:
        return node  # same value: keep its quoting and style
    if isinstance(node, bool) and node is new:
        return node
    return _rt_value(new)


def dump_yaml_keeping(original: str, data: Any) -> str:
    """`data` written over the text it was read from, keeping the comments, the key order and
    the layout a person gave the file (ruamel.yaml's round-trip mode, imported only here: it
    costs ~30 ms, which no headless command pays). Falls back to `dump_yaml` when the original
    is not a mapping round-trip mode can read."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    rt = YAML(typ="rt")
    rt.width = 100
    rt.preserve_quotes = True
    sequence, offset = _sequence_indent(original)
    rt.indent(mapping=2, sequence=sequence, offset=offset)
    try:
        tree = rt.load(original)
    except Exception:  # noqa: BLE001 - anything ruamel cannot read is written afresh
        return dump_yaml(data)
    if not isinstance(tree, CommentedMap):
        return dump_yaml(data)
    _rt_merge(tree, _plain(data))
    out = io.StringIO()
    rt.dump(tree, out)
    return out.getvalue()
