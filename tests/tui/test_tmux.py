"""The real `partways` in a real terminal (tmux): keys in, case file out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

TMUX = shutil.which("tmux")
SRC = Path(__file__).resolve().parents[2] / "src"

pytestmark = pytest.mark.skipif(
    TMUX is None,
    reason="tmux is not installed: cannot drive a real terminal (install tmux to run this test)",
)


def tmux(*args: str) -> str:
    return subprocess.run(
        [TMUX, *args], check=True, capture_output=True, text=True, timeout=20
    ).stdout


def wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def start_wizard(tmp_path: Path) -> tuple[str, Path]:
    """`partways run` on a new case in an 80×24 tmux session, on its first question."""
    case = tmp_path / "garnier.yaml"
    case.write_text(
        "format: partways/1\nflow: client-review\nlang: en\n"
        "client: {name: Transports Garnier, contact: Olivier Garnier}\n"
        "provider: {name: Signal Conseil, signer: Camille Petit}\nanswers: {}\n",
        encoding="utf-8",
    )
    session = f"partways-{uuid.uuid4().hex[:8]}"
    env = {
        "PYTHONPATH": str(SRC),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PARTWAYS_TODAY": "2026-11-26",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    command = " ".join(
        [f"{k}={v!s}" for k, v in env.items()]
        + [sys.executable, "-m", "partways", "run", str(case)]
    )
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", f"env {command}")
    wait_for(session, "question 1 of")
    return session, case


def wait_until_gone(session: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while (
        time.monotonic() < deadline
        and subprocess.run([TMUX, "has-session", "-t", session], capture_output=True).returncode
        == 0
    ):
        time.sleep(0.1)


def test_real_terminal_answers_are_saved(tmp_path: Path) -> None:
    session, case = start_wizard(tmp_path)
    try:
        tmux("send-keys", "-t", session, "3")  # often
        wait_for(session, "question 2 of")
        tmux("send-keys", "-t", session, "Down")  # sometimes
        time.sleep(0.3)  # let the terminal deliver the escape sequence on its own
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "question 3 of")
        tmux("send-keys", "-t", session, "1")  # never
        screen = wait_for(session, "question 4 of")
        assert "Next" in screen and "Back" in screen  # the footer shows the bindings
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, "question 3 of")
        tmux("send-keys", "-t", session, "C-q")
        wait_until_gone(session)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert data["answers"] == {
        "more_without_budget": "often",
        "missed_meetings": "sometimes",
        "payment_chasing": "never",
    }
    assert data["client"]["name"] == "Transports Garnier"


def test_closing_the_terminal_keeps_a_note_typed_just_before(tmp_path: Path) -> None:
    """The window is closed (tmux kills its session: the program gets SIGHUP) while the note's
    last letters wait for their 0.4 s save: they are written before the program ends."""
    session, case = start_wizard(tmp_path)
    try:
        tmux("send-keys", "-t", session, "C-n")
        tmux("send-keys", "-t", session, "-l", "late again")
        wait_for(session, "late again")
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)
    deadline = time.monotonic() + 10
    data: dict = {}
    while time.monotonic() < deadline:
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        if data.get("notes"):
            break
        time.sleep(0.1)
    assert data.get("notes") == {"more_without_budget": "late again"}
