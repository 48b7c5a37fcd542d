"""The user's files, read and written safely: only regular files of bounded size are read (a
FIFO or a device never hangs the reader), every problem is one line naming the file, and a file
is replaced atomically (a crash never leaves half a case) and created private.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from partways.errors import PartwaysError

#: Limits on what a file may ask of the reader (see README, "Limits").
CASE_MAX_BYTES = 5_000_000
FLOW_MAX_BYTES = 20_000_000


def read_bytes(path: Path, limit: int = CASE_MAX_BYTES) -> bytes:
    """Read a regular file of at most `limit` bytes, turning every problem into one line.

    A FIFO, a device (`/dev/zero`) or a socket is refused before anything is read: opened
    non-blocking, checked with fstat, so neither a hang nor an endless read is possible.
    """
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
