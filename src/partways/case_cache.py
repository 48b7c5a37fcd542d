"""Parsed case files, kept so that resuming a case needs no YAML parser.

Importing PyYAML and parsing a case cost the wizard about 6 % of its first frame, before the
first question could be drawn. So the text partways writes at each save is parsed there, once,
and kept here (marshal data with every line number); opening that very file again takes it
from here, only when its bytes are exactly the ones kept, else the file is parsed as usual.

The entries hold client data, like the cases they copy, so they are kept as the cases are: in
the user cache folder, private (0700 folder, 0600 files), one per case file (named after its
path, replaced at each save), at most MAX_ENTRIES of them, none left older than MAX_AGE days.
They are checked, never trusted (see `yaml_cache.load_yaml_cached`): another shape, another path
or other bytes, and it is a miss. The folder is safe to delete.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from pathlib import Path
from typing import Any

from partways.errors import PartwaysError
from partways.files import CASE_MAX_BYTES, make_private_dir, write_atomic
from partways.yaml_cache import (
    Uncacheable,
    checksum_name,
    decode_marked,
    encode_marked,
    read_cache_entry,
)

_FORMAT = "partways-case-cache/1"
MAX_ENTRIES = 100
MAX_AGE = 60 * 86400  # seconds: a case not saved for two months is read with YAML again


def _folder() -> Path:
    from partways.paths import case_cache_dir

    return case_cache_dir()


def _key(path: Path) -> tuple[str, Path]:
    """The case's absolute path as text, and its entry (named after the path: a clash of two
    paths is caught by the path kept in the entry)."""
    name = os.path.abspath(path)
    return name, _folder() / f"{checksum_name(name.encode('utf-8', 'surrogateescape'))}.marshal"


def cached_data(path: Path, raw: bytes) -> Any | None:
    """The parsed data of the case file `path` whose bytes are `raw`, or None (a miss)."""
    name, entry = _key(path)
    blob = read_cache_entry(entry)
    if blob is None:
        return None
    try:
        stored = marshal.loads(blob)
        if (
            type(stored) is tuple
            and len(stored) == 4
            and stored[0] == _FORMAT
            and stored[1] == name
            and type(stored[2]) is bytes
            and stored[2] == raw
        ):
            return decode_marked(stored[3])
    except Exception:  # noqa: BLE001 - any corrupt entry is a miss
        pass
    return None


def remember(path: Path, raw: bytes, data: Any) -> None:
    """Keep the parsed `data` of the case file `path` holding `raw` (best effort: a cache that
    cannot be written is only slower)."""
    if len(raw) > CASE_MAX_BYTES:
        return
    name, entry = _key(path)
    with contextlib.suppress(PartwaysError, ValueError, Uncacheable, OSError, RecursionError):
        payload = marshal.dumps((_FORMAT, name, raw, encode_marked(data)))
        make_private_dir(entry.parent)
        write_atomic(entry, payload, durable=False)
        _prune(entry.parent, keep=entry)


def forget(path: Path) -> None:
    """Drop the entry of the case file `path`, if any."""
    with contextlib.suppress(OSError):
        os.unlink(_key(path)[1])


def _prune(folder: Path, keep: Path) -> None:
    """At most MAX_ENTRIES entries, none older than MAX_AGE: the oldest go first."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    with os.scandir(folder) as listing:
        for item in listing:
            if item.name.endswith(".marshal") and item.path != str(keep):
                with contextlib.suppress(OSError):
                    entries.append((item.stat(follow_symlinks=False).st_mtime, item.path))
    entries.sort(reverse=True)
    for n, (mtime, item_path) in enumerate(entries):
        if n >= MAX_ENTRIES - 1 or now - mtime > MAX_AGE:
            with contextlib.suppress(OSError):
                os.unlink(item_path)
