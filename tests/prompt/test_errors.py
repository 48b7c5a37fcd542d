"""No terminal, broken case files, unknown flows: one line on stderr, exit 1, no traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partways.prompt import run_prompt
from tests.prompt.helpers import CTRL_C, drive

SRC = Path(__file__).resolve().parents[2] / "src"


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_no_tty_points_to_the_scripted_commands(monkeypatch, capsys, example):
    path = example("scope-creep")
    before = path.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run_prompt(str(path), lang="en") == 1
    captured = capsys.readouterr()
    line = _one_line(captured.err)
    assert line.startswith("partways: error: partways ask needs an interactive terminal")
    assert "partways assess" in line and "partways draft" in line
    assert captured.out == ""
    assert path.read_text(encoding="utf-8") == before


def test_no_tty_in_french(capsys, example):
    assert run_prompt(str(example("scope-creep")), lang="fr", interactive=False) == 1
    line = _one_line(capsys.readouterr().err)
    assert "terminal interactif" in line and "partways assess" in line


def test_no_tty_through_the_command_line(tmp_path: Path, example):
    env = {**os.environ, "PYTHONPATH": str(SRC), "LANG": "C"}
    proc = subprocess.run(
        [sys.executable, "-m", "partways", "ask", str(example("steady-client"))],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "partways assess" in _one_line(proc.stderr)
    assert proc.stdout == ""


def test_broken_case_file_is_one_line(tmp_path: Path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: partways/1\nflow: client-review\nanswers:\n  disrespect: rarely\n",
        encoding="utf-8",
    )
    run = drive(path, [CTRL_C])
    assert run.code == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("partways: error: ")
    assert str(path) in line and "disrespect" in line


def test_not_a_case_file(tmp_path: Path, capsys):
    path = tmp_path / "notes.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert drive(path, [CTRL_C]).code == 1
    assert str(path) in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize("existing", [True, False])
def test_unknown_flow(tmp_path: Path, capsys, example, existing: bool):
    path = example("scope-creep") if existing else tmp_path / "new.yaml"
    run = drive(path, [CTRL_C], flow_ref="no-such-flow")
    assert run.code == 1
    assert "no-such-flow" in _one_line(capsys.readouterr().err)
    assert existing or not path.exists()
