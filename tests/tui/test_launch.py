"""The entry points and the word lists, without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from partways.tui.launch import run_wizard, run_workshop
from partways.tui.strings import BINDING_LABELS, STRINGS

SRC = Path(__file__).resolve().parents[2] / "src"


def test_wizard_refuses_without_a_terminal(capsys) -> None:
    assert run_wizard(None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "partways assess" in err and "partways draft" in err


def test_cli_run_without_tty_is_one_line_exit_1(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "partways", "run"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_workshop_refuses_without_a_terminal(capsys) -> None:
    assert run_workshop(None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interactive terminal" in err


def test_both_languages_have_every_label() -> None:
    assert set(STRINGS["fr"]) == set(STRINGS["en"])
    assert all(v.strip() for table in STRINGS.values() for v in table.values())
    assert set(BINDING_LABELS.values()) <= set(STRINGS["en"])


def test_core_does_not_import_the_wizard() -> None:
    code = (
        "import sys, partways.cli, partways.case, partways.engine, partways.letters, "
        "partways.assessment; sys.exit('partways.tui' in sys.modules or 'textual' in "
        "sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, timeout=60)
    assert proc.returncode == 0


async def test_no_color_turns_the_wizard_monochrome(monkeypatch, tmp_path: Path) -> None:
    """NO_COLOR is honoured: Textual's monochrome filter stays in place (we add no colours)."""
    from textual.filter import Monochrome, NoColor

    from partways.tui.app import PartwaysApp

    monkeypatch.setenv("NO_COLOR", "1")
    app = PartwaysApp(tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)):
        assert app.no_color
        assert any(isinstance(f, Monochrome | NoColor) for f in app._filters)
