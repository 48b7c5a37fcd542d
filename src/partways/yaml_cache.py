"""Parsed YAML kept between runs, keyed by content (the flows, the studies; the case cache in
`partways.case_cache` uses the same encoding and checks).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from partways.errors import PartwaysError
from partways.files import FLOW_MAX_BYTES, decode_text, make_private_dir, read_bytes, write_atomic
from partways.yamlio import MAX_DEPTH, MarkedDict, MarkedList, parse_yaml

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
