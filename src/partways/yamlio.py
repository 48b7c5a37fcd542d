"""YAML reading that remembers line numbers, and atomic writing.

Flows and case files are written by people, so every error must point at `file:line`. The safe
loader is extended (never replaced) so mappings and lists remember where each key or item was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from partways.errors import PartwaysError, clean_text

# `yaml` is imported where a file is really parsed or written, not here: importing it costs some
# 20 ms, and a flow or a case found in the parsed-YAML cache (below) needs none of it, so the
# wizard can show its first question without it.


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


#: Limits on what a file may ask of the reader (see README, "Limits").
CASE_MAX_BYTES = 5_000_000
FLOW_MAX_BYTES = 20_000_000
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


def read_bytes(path: Path, limit: int = CASE_MAX_BYTES) -> bytes:
    """Read a regular file of at most `limit` bytes, turning every problem into one line.

    A FIFO, a device (`/dev/zero`) or a socket is refused before anything is read: opened
    non-blocking, checked with fstat, so neither a hang nor an endless read is possible.
    """
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PartwaysError("file not found", file=path) from None
    except IsADirectoryError:
        raise PartwaysError("is a folder, not a file", file=path) from None
    except OSError as exc:
        raise PartwaysError(f"cannot read: {exc.strerror}", file=path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PartwaysError("is a folder, not a file", file=path)
        if not stat.S_ISREG(info.st_mode):
            raise PartwaysError(
                "not a regular file (a pipe, device or socket is not read)", file=path
            )
        if info.st_size > limit:
            raise PartwaysError(
                f"file too large ({info.st_size:,} bytes; limit {limit:,})", file=path
            )
        # os.read of the size fstat gives, not a buffered read(limit + 1): that allocates the
        # whole limit (5 MB) per file, 5x the time of reading a case (a portfolio reads 10,000).
        # The loop reads on until the end, in case the file grew since fstat, never past limit.
        parts = [os.read(fd, min(info.st_size, limit) + 1)]
        size = len(parts[0])
        while parts[-1] and size <= limit:
            parts.append(os.read(fd, max(limit + 1 - size, 1)))
            size += len(parts[-1])
        raw = b"".join(parts) if len(parts) > 1 else parts[0]
        if len(raw) > limit:
            raise PartwaysError(f"file too large (limit {limit:,} bytes)", file=path)
        return raw
    except OSError as exc:
        raise PartwaysError(f"cannot read: {exc.strerror}", file=path) from None
    finally:
        os.close(fd)


def decode_text(raw: bytes, path: Path) -> str:
    if b"\x00" in raw:
        raise PartwaysError("binary file, expected UTF-8 YAML text", file=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PartwaysError(
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", file=path
        ) from None


def read_text(path: Path, limit: int = CASE_MAX_BYTES) -> str:
    """Read a UTF-8 text file, turning every I/O problem into a one-line error."""
    return decode_text(read_bytes(path, limit), path)


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


# -- parsed-YAML cache -------------------------------------------------------------------------
# Parsing the default flow (43 kB) takes ~8 ms of the wizard's start-up; reading it back from a
# marshal file keyed by the file's content takes ~1 ms. The entry is named after two checksums
# of the bytes and holds the bytes themselves, compared whole (a hash would need hashlib, a
# few ms of start-up), so an edited flow is simply a new entry: nothing to invalidate. The file
# holds builtin values only (tuples, lists, strings, numbers, bytes) and is checked while being
# decoded; anything unexpected and it is ignored and the YAML parsed again. Line numbers
# survive, so errors still point at `file:line`.
#: 2: no control characters; 3: source hash and size; 4: the source's bytes, dates
_CACHE_FORMAT = b"partways-yaml-cache/4"


class Uncacheable(Exception):
    """A value marshal cannot hold faithfully (a YAML date, for instance)."""


def encode_marked(value: Any) -> Any:
    if isinstance(value, MarkedDict):
        items = [(k, value.lines.get(k, value.line), encode_marked(v)) for k, v in value.items()]
        return ("d", value.line, items)
    if isinstance(value, MarkedList):
        lines = value.lines if len(value.lines) == len(value) else [value.line] * len(value)
        return (
            "l",
            value.line,
            [(ln, encode_marked(v)) for ln, v in zip(lines, value, strict=True)],
        )
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is dt.date:  # a case's dates (history, contract, review)
        return ("t", 0, [value.isoformat()])
    raise Uncacheable(type(value).__name__)


def decode_marked(value: Any, depth: int = 0) -> Any:
    """Rebuild marked data from an entry, trusting nothing: exact types, int lines, bounded
    depth; anything else raises ValueError (a cache miss)."""
    if depth > MAX_DEPTH + 1:
        raise ValueError("nested too deep")
    if type(value) is tuple:
        if len(value) != 3 or type(value[1]) is not int or type(value[2]) is not list:
            raise ValueError("bad node")
        tag, line, items = value
        if tag == "d":
            data = MarkedDict()
            data.line = line
            for item in items:
                if type(item) is not tuple or len(item) != 3 or type(item[1]) is not int:
                    raise ValueError("bad mapping item")
                key, key_line, child = item
                if key is not None and type(key) not in (str, int, float, bool):
                    raise ValueError("bad key")
                # most values are texts: taken as they are, without a call (same checks)
                kind = type(child)
                plain = kind is str or child is None or kind is int or kind is bool
                data[key] = child if plain else decode_marked(child, depth + 1)
                data.lines[key] = key_line
            return data
        if tag == "l":
            seq = MarkedList()
            for item in items:
                if type(item) is not tuple or len(item) != 2 or type(item[0]) is not int:
                    raise ValueError("bad list item")
                child = item[1]
                kind = type(child)
                plain = kind is str or child is None or kind is int or kind is bool
                seq.append(child if plain else decode_marked(child, depth + 1))
                seq.lines.append(item[0])
            seq.line = line
            return seq
        if tag == "t" and len(items) == 1 and type(items[0]) is str:
            return dt.date.fromisoformat(items[0])
        raise ValueError(f"unknown tag {tag!r}")
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) is float and math.isfinite(value):
        return value
    raise ValueError(f"unexpected {type(value).__name__}")


_CACHE_ENTRY_MAX = 4 * FLOW_MAX_BYTES


def checksum_name(data: bytes) -> str:
    """A cache entry's name for `data`: two checksums (CRC-32 and Adler-32, 16 hex digits).
    Not a hash: an entry always holds what it was made from and is compared with it, so two
    sources that share a name only miss each other; zlib is loaded anyway, hashlib is not."""
    import zlib

    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def read_cache_entry(entry: Path) -> bytes | None:
    """The bytes of a cache entry, or None: never follows a symlink, reads only a regular
    file of bounded size, never blocks (a FIFO planted in the cache is a miss)."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(entry, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _CACHE_ENTRY_MAX:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(_CACHE_ENTRY_MAX + 1)
        return raw if len(raw) <= _CACHE_ENTRY_MAX else None
    except OSError:
        return None
    finally:
        os.close(fd)


def load_yaml_cached(
    path: Path, cache_dir: Path, valid: Callable[[Any], bool] | None = None
) -> Any:
    """`load_yaml`, served from `cache_dir` when this exact content was parsed before.

    The cache is best effort and never trusted: an entry must hold this very source, byte for
    byte, and have exactly the expected shape, or it is a miss and the YAML is parsed again.
    A parse is stored only when `valid(data)` holds (a file that is not a flow is not copied
    into the cache). The folder is created private (0700).
    """
    import marshal
    import sys

    raw = read_bytes(path, FLOW_MAX_BYTES)
    key = _CACHE_FORMAT + bytes(sys.version_info[:2]) + raw
    entry = cache_dir / f"{checksum_name(key)}-{len(raw)}.marshal"
    blob = read_cache_entry(entry)
    if blob is not None:
        try:
            stored = marshal.loads(blob)
            if (
                type(stored) is tuple
                and len(stored) == 4
                and stored[0] == _CACHE_FORMAT.decode()
                and stored[1] == sys.version_info[:2]
                and stored[2] == raw
            ):
                return decode_marked(stored[3])
        except Exception:  # noqa: S110 - any corrupt entry is a miss
            pass
    data = parse_yaml(decode_text(raw, path), path)
    if valid is None or valid(data):
        with contextlib.suppress(PartwaysError, ValueError, Uncacheable, OSError):
            make_private_dir(cache_dir)
            payload = (_CACHE_FORMAT.decode(), sys.version_info[:2], raw, encode_marked(data))
            write_atomic(entry, marshal.dumps(payload))
    return data


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


def make_private_dir(folder: Path) -> None:
    """Create `folder` and its missing parents 0700 whatever the umask (`mkdir(parents=True)`
    gives the parents the umask's mode, 0777 under umask 000). Existing folders are untouched."""
    for part in [*reversed(folder.parents), folder]:
        if not part.is_dir():
            part.mkdir(mode=0o700, exist_ok=True)


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # tempfile.mkstemp names: prefix (name, writer's pid) + 8 characters from [a-z0-9_] +
    # suffix (see write_atomic); temps of older versions have no pid
    return re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)-)?[a-z0-9_]{{8}}\.tmp")


def _dead(pid: str | None) -> bool:
    """True when the process that wrote a temp is gone (so the temp can only be a leftover)."""
    if not pid or not hasattr(os, "kill"):
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError, OverflowError):
        return False
    return False


def clean_stale_temps(path: Path, age: float = 60.0) -> None:
    """Remove the temp copies a crash during `write_atomic(path)` left next to `path`: only
    regular files named like that file's own temps, owned by this user, and either written by
    a process that no longer exists or older than `age` seconds (a write in progress lasts
    milliseconds). Best effort: any problem is ignored."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    pattern = _temp_pattern(path)
    uid = os.getuid() if hasattr(os, "getuid") else None
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match is None:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                mine = uid is None or info.st_uid == uid
                old = now - info.st_mtime > age or _dead(match.group(1))
                if stat.S_ISREG(info.st_mode) and mine and old:
                    os.unlink(entry.path)


def check_target(path: Path, protect: Iterable[Path | str | None] = ()) -> None:
    """Refuse to write over anything but a regular file (a device, a pipe, a socket, a folder
    would be replaced by a file), or over one of the `protect` files (the case being read),
    however it is reached (symlink, hard link)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # a new file (or one mkstemp/replace will report on)
    if stat.S_ISDIR(info.st_mode):
        raise PartwaysError("is a folder: give a file name to write to", file=path)
    if not stat.S_ISREG(info.st_mode):
        raise PartwaysError(
            "is not a regular file (a device, pipe or socket): give a file name to write to",
            file=path,
        )
    for other in protect:
        with contextlib.suppress(OSError):
            if other is not None and os.path.samefile(path, other):
                raise PartwaysError(
                    f"is the case file {other}: writing there would replace the case; "
                    "give another file name",
                    file=path,
                )


def write_atomic(
    path: Path,
    text: str | bytes,
    mode: int = 0o600,
    protect: Iterable[Path | str | None] = (),
    durable: bool = True,
) -> None:
    """Write through a temp file in the same folder and rename it, so a crash never leaves a
    half-written case file; the file is created private (0600) because it describes a client,
    and missing folders 0700. Only a regular file is replaced, never a `protect` one (see
    `check_target`); temps a crash left for this file before are removed. `durable=False`
    (a cache entry, which may be lost) skips the fsync."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    check_target(path, protect)
    try:
        make_private_dir(folder)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PartwaysError(f"cannot write: {exc.strerror}", file=path) from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise PartwaysError(f"cannot write: {exc.strerror}", file=path) from None
    clean_stale_temps(path)
