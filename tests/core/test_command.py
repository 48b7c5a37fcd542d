"""tests/command.py's `run`: a command in this interpreter behaves as in a fresh one, and leaves
the test process as it found it."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from partways import cli, flow, formats
from tests.command import STATE, module_state, run

#: Module state `run` handles otherwise than by emptying it.
NOT_EMPTIED = {
    ("partways.startup", "_paused"): "run makes startup.pause a no-op: the collector keeps going",
}


def test_every_module_level_cache_of_the_core_is_emptied_for_a_run():
    assert module_state() == set(STATE) | set(NOT_EMPTIED)


def test_a_run_sees_none_of_the_test_process_caches_and_gives_them_back(example):
    """A flow cached by the test (here a wrong one) is not what the command reads; afterwards
    the test finds its cache as it left it."""
    real = flow.load_flow()
    key = next(k for k, v in flow._CACHE.items() if v is real)
    flow._CACHE[key] = "not a flow"
    try:
        out = run("assess", str(example("scope-creep")), "--json")
        assert out.returncode == 0, out.stderr
        assert flow._CACHE[key] == "not a flow"
    finally:
        flow._CACHE[key] = real


def test_nothing_a_run_cached_is_left_behind(example):
    flow._CACHE.clear()
    out = run("assess", str(example("scope-creep")))
    assert out.returncode == 0 and out.stdout.startswith("Verdict")
    assert flow._CACHE == {}


def test_the_environment_applies_to_the_run_only(example, tmp_path):
    before = dict(os.environ)
    assert formats.today() == dt.date(2026, 11, 26)
    out = run("clients", str(tmp_path), "--json", env={"PARTWAYS_TODAY": "2026-12-05"})
    assert '"today": "2026-12-05"' in out.stdout
    assert dict(os.environ) == before
    assert formats.today() == dt.date(2026, 11, 26)  # the run's cached date is gone


def _probe(monkeypatch: pytest.MonkeyPatch, seen: dict[str, object]) -> None:
    """`partways schema` replaced by a command reporting what it sees."""

    def look(args: Namespace) -> int:
        seen.update(
            gc=gc.isenabled(),
            stdin=(sys.stdin.isatty(), sys.stdin.read()),
            cwd=os.getcwd(),
            env=os.environ.get("PROBE"),
        )
        print("out é")
        print("err", file=sys.stderr)
        return 3

    monkeypatch.setattr(cli, "cmd_schema", look)


def test_the_command_sees_a_fresh_process(monkeypatch, tmp_path):
    seen: dict[str, object] = {}
    _probe(monkeypatch, seen)
    cwd, frozen = os.getcwd(), gc.get_freeze_count()
    out = run("schema", "case", cwd=tmp_path, env={"PROBE": "yes"})
    assert (out.returncode, out.stdout, out.stderr) == (3, "out é\n", "err\n")
    # the collector is never paused in the test process (startup.py would pause it)
    assert seen == {"gc": True, "stdin": (False, ""), "cwd": str(tmp_path), "env": "yes"}
    assert os.getcwd() == cwd and gc.isenabled() and gc.get_freeze_count() == frozen
    assert "PROBE" not in os.environ


def test_an_exception_main_lets_through_fails_like_the_interpreter(monkeypatch, tmp_path):
    def broken(argv: object = None) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "main", broken)
    cwd = os.getcwd()
    out = run("assess", "x.yaml", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith("Traceback (most recent call last):")
    assert out.stderr.endswith("RuntimeError: boom\n")
    assert os.getcwd() == cwd


def test_an_internal_error_is_the_commands_own_line_unless_debugging(monkeypatch, example):
    def broken(args: Namespace) -> int:
        raise ValueError("boom")

    monkeypatch.setattr(cli, "cmd_assess", broken)
    out = run("assess", str(example("scope-creep")))
    assert out.returncode == 2 and "internal error: ValueError: boom" in out.stderr
    debug = run("assess", str(example("scope-creep")), env={"PARTWAYS_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    assert debug.stderr.endswith("ValueError: boom\n")


def test_usage_errors_and_help_exit_like_argparse(tmp_path: Path):
    assert run("assess").returncode == 2
    helped = run("assess", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: partways assess")
    # a pipe has no size: help is wrapped at 80 columns whatever terminal runs the tests
    assert max(len(line) for line in helped.stdout.splitlines()) <= 80
