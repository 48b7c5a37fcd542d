"""Running `partways ARGS` from a test, in this interpreter (`run`) or in a new one (`run_process`).

A new interpreter costs about 0.25 s of CPU, most of it importing; the core tests ran some 170
of them (43 s of CPU, issue 14). `run` calls `partways.cli.main` here instead, made to look
like a fresh process to the command: its own environment, working folder, empty stdin that is
not a terminal, captured stdout and stderr, and none of the process-wide caches a previous run
(or the test itself) filled. What only a real process shows — which modules a command loads,
signals, a terminal, the installed entry point — is tested with `run_process` (CONTRIBUTING.md,
"Running the command in tests").
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
#: The date every command sees unless a test says otherwise (the same as tests/conftest.py).
TODAY = "2026-11-26"

#: Module-level containers the core fills while a command runs (module, name). A run starts with
#: them empty and the test finds them as it left them; tests/core/test_command.py fails when
#: src/ gains one that is not listed here.
STATE: tuple[tuple[str, str], ...] = (
    ("partways.flow", "_CACHE"),  # flows by (path, mtime)
    ("partways.coverage", "_DISTANCES"),  # per flow object
    ("partways.whatif", "_SEARCHES"),
    ("partways.wording", "_WORDINGS"),
    ("partways.portfolio", "_SCALARS"),  # scalars read from case files
)


def _env(env: Mapping[str, str] | None) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "PARTWAYS_TODAY": TODAY, **(env or {})}


def run_process(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m partways ARGS` in a new interpreter: for what only a real process shows."""
    return subprocess.run(
        [sys.executable, "-m", "partways", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(env),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`partways ARGS` in this interpreter, as `run_process` would see it: the same exit code
    (a SystemExit's, or 1 and the traceback on stderr for an exception main let through) and
    the same text on stdout and stderr."""
    from partways.cli import main

    out, err = _stream(), _stream()
    with _fresh_process(_env(env), cwd, out, err, args):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = _exit_code(exc, err)
        except Exception:  # what the interpreter does with it: traceback, exit 1
            traceback.print_exc(file=err)
            code = 1
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "partways", *args], code, _text(out), _text(err)
    )


def _stream() -> io.TextIOWrapper:
    """Like a pipe's: UTF-8 bytes underneath (`.buffer` works), no file descriptor (so
    `shutil.get_terminal_size` falls back to 80 columns, as for a pipe)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")


def _text(stream: io.TextIOWrapper) -> str:
    """What `subprocess.run(text=True)` gives: decoded, universal newlines."""
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]  # a BytesIO
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _exit_code(exc: SystemExit, err: io.TextIOWrapper) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=err)  # the interpreter prints a non-integer exit value
    return 1


@contextlib.contextmanager
def _fresh_process(
    env: dict[str, str],
    cwd: Path | None,
    out: io.TextIOWrapper,
    err: io.TextIOWrapper,
    args: tuple[str, ...],
) -> Iterator[None]:
    from partways import startup

    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_sys = (sys.stdin, sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__, sys.argv)
    saved_pause = startup.pause
    saved_state = _take_state()
    stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        os.environ.clear()
        os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = stdin, out, err
        sys.__stdout__, sys.__stderr__ = out, err  # what shutil.get_terminal_size looks at
        sys.argv = [str(SRC / "partways" / "__main__.py"), *args]
        # the command pauses the collector for its own start (startup.py); the test process
        # keeps collecting, and nothing is frozen
        startup.pause = lambda: None  # type: ignore[assignment]
        yield
    finally:
        startup.pause = saved_pause  # type: ignore[assignment]
        (sys.stdin, sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__, sys.argv) = saved_sys
        stdin.close()
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        _give_back_state(saved_state)


def _core_modules() -> list[ModuleType]:
    return [m for name, m in list(sys.modules.items()) if name.startswith("partways") and m]


def _clear_function_caches() -> None:
    """Every functools cache of a loaded partways module (`formats.today` reads PARTWAYS_TODAY,
    `letters._environment` the cache folder, …): emptied, since its contents cannot be put back."""
    for module in _core_modules():
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            if (
                callable(getattr(value, "cache_clear", None))
                and getattr(wrapped, "__module__", None) == module.__name__
            ):
                value.cache_clear()


def _take_state() -> list[tuple[Any, Any]]:
    """Empty the listed containers for the run, keeping their contents for the test."""
    taken: list[tuple[Any, Any]] = []
    for module_name, name in STATE:
        module = sys.modules.get(module_name)
        if module is None:
            continue
        container = getattr(module, name)
        taken.append((container, container.copy()))
        container.clear()
    _clear_function_caches()
    return taken


def _give_back_state(taken: list[tuple[Any, Any]]) -> None:
    for module_name, name in STATE:  # a module the run imported keeps nothing of it either
        module = sys.modules.get(module_name)
        if module is not None:
            getattr(module, name).clear()
    for container, contents in taken:
        container.update(contents)
    _clear_function_caches()


@functools.cache
def module_state(root: Path = SRC / "partways") -> frozenset[tuple[str, str]]:
    """Module-level names of src/partways that hold state: assigned an empty `{}`, `[]`,
    `set()` or `dict()`, or rebound through `global` (tests/core/test_command.py compares
    it with STATE)."""
    found: set[tuple[str, str]] = set()
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            target, value = _assignment(node)
            if target is not None and _empty_container(value):
                found.add((module, target))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.update((module, name) for name in node.names)
    return frozenset(found)


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            return target.id, node.value
    return None, None


def _empty_container(value: ast.expr | None) -> bool:
    if isinstance(value, ast.Dict | ast.List | ast.Set):
        return not getattr(value, "keys", getattr(value, "elts", None))
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in ("dict", "list", "set", "OrderedDict", "defaultdict")
        and not value.args
    )
