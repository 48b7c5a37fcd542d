"""Hostile targets: writing never destroys what it should not. Commands run in-process through
`partways.cli.main`."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import time
from pathlib import Path

import pytest

from partways.cli import main
from partways.yamlio import write_atomic

#: What a terminal obeys: C0 and C1 control characters (and DEL) other than newline and tab.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ANY_CONTROL = re.compile('[\x00-\x1f\x7f-\x9f"\\\\]')
OSC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal title
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"  # writes the clipboard
CSI = "\x9b31m"  # C1 control sequence introducer


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str, *needles: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("partways: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, err)


def _yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar, control characters (line breaks too) escaped."""
    return '"' + "".join(f"\\x{ord(c):02x}" if ANY_CONTROL.match(c) else c for c in text) + '"'


# -- 1. writing ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_onto_a_fifo_is_refused(example, tmp_path, command):
    case = example("steady-client")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = cli(command, str(case), "-o", str(fifo))
    assert code == 1
    one_error_line(err, str(fifo), "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not replaced by a file


@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_onto_a_folder_is_refused(example, tmp_path, command):
    case = example("steady-client")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "keep.md").write_text("mine")
    code, _out, err = cli(command, str(case), "-o", str(folder))
    assert code == 1
    one_error_line(err, str(folder), "is a folder")
    assert (folder / "keep.md").read_text() == "mine"


def test_write_atomic_never_replaces_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match="not a regular file"):
        write_atomic(fifo, "text")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_dash_is_stdout(example, tmp_path, monkeypatch, command):
    case = example("steady-client")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(command, str(case), "-o", "-")
    assert code == 0, err
    assert "Oakridge Dental" in out or "Helen Park" in out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["draft", "report"])
@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
def test_output_onto_the_case_is_refused(example, tmp_path, monkeypatch, command, how):
    case = example("steady-client")
    before = case.read_bytes()
    target = case
    if how == "symlink":
        target = tmp_path / "link.md"
        target.symlink_to(case)
    elif how == "hardlink":
        target = tmp_path / "hard.md"
        os.link(case, target)
    elif how == "relative":
        monkeypatch.chdir(tmp_path)
        target = Path(".") / case.name
    code, out, err = cli(command, str(case), "-o", str(target))
    assert code == 1
    one_error_line(err, "case file")
    assert case.read_bytes() == before
    assert target.read_bytes() == before


def _old(path: Path, text: str = "half a case") -> Path:
    path.write_text(text)
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def test_stale_temps_of_the_case_are_removed_on_open_and_save(example, tmp_path):
    case = example("steady-client")
    name = case.name
    stale = _old(tmp_path / f".{name}.ab_cd123.tmp")
    fresh = tmp_path / f".{name}.zz9yy8xx.tmp"
    fresh.write_text("being written right now")
    other = _old(tmp_path / ".other.yaml.ab_cd123.tmp")
    unlike = _old(tmp_path / f".{name}.not-a-temp.tmp")
    mine = _old(tmp_path / f"{name}.ab_cd123.tmp")  # no leading dot: not write_atomic's
    code, _out, err = cli("report", str(case))
    assert code == 0, err
    assert not stale.exists()
    assert fresh.exists() and other.exists() and unlike.exists() and mine.exists()

    from partways.case import open_case, save_case

    again = _old(tmp_path / f".{name}.q1w2e3r4.tmp")
    loaded, flow = open_case(case)
    again2 = _old(tmp_path / f".{name}.a1s2d3f4.tmp")
    save_case(loaded, flow=flow)
    assert not again.exists() and not again2.exists()
    assert fresh.exists() and other.exists()


def test_private_folders_under_umask_000(example, tmp_path, monkeypatch):
    from partways import letters, paths
    from partways.case import open_case, save_case
    from partways.yamlio import load_yaml_cached

    case = example("steady-client")
    cache = tmp_path / "cache-root"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-root"))
    old = os.umask(0)
    try:
        code, _out, err = cli("report", str(case), "-o", str(tmp_path / "out" / "deep" / "r.md"))
        assert code == 0, err
        load_yaml_cached(case, paths.yaml_cache_dir())
        assert letters._bytecode_cache() is not None
        loaded, flow = open_case(case)
        saved = save_case(loaded, paths.default_case_path("Oakridge"), flow)
    finally:
        os.umask(old)
    folders = [
        tmp_path / "out",
        tmp_path / "out" / "deep",
        cache,
        paths.yaml_cache_dir(),
        paths.template_cache_dir(),
        paths.cases_dir(),
        paths.cases_dir().parent,
    ]
    for folder in folders:
        assert folder.is_dir(), folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "out" / "deep" / "r.md").stat().st_mode) == 0o600
