"""A whole journey in a real terminal: `python -m partways ask CASE` inside tmux, keys sent with
send-keys and the screen read with capture-pane. Skipped when tmux is not installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from partways.case import open_case
from partways.engine import Engine
from partways.i18n import tr
from tests.prompt.helpers import example_data, flow, saved, verdict_label, write_anyway_keys

TMUX = shutil.which("tmux")
SRC = Path(__file__).resolve().parents[2] / "src"
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: no real terminal")


def squash(text: str) -> str:
    """Whitespace removed: lines wrapped by the terminal or by prompt_toolkit compare equal."""
    return re.sub(r"\s+", "", text)


class Pane:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        assert TMUX is not None
        self.name = f"partways-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        script = f"env {exports} {' '.join(_quote(c) for c in command)}; echo EXIT=$?; sleep 60"
        subprocess.run(
            [
                TMUX,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "100",
                "-y",
                "30",
                "sh",
                "-c",
                script,
            ],
            check=True,
        )

    def text(self, escapes: bool = False) -> str:
        args = [TMUX, "capture-pane", "-p", "-J", "-S", "-5000", "-t", self.name]
        if escapes:
            args.insert(3, "-e")
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        want = squash(needle)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if want in squash(self.text()):
                return
            time.sleep(0.05)
        raise AssertionError(f"never saw {needle!r} on screen:\n{self.text()}")

    def type(self, text: str) -> None:
        if text:
            subprocess.run([TMUX, "send-keys", "-t", self.name, "-l", text], check=True)

    def key(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True)


def _quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


@pytest.fixture
def pane_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": str(SRC),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "PARTWAYS_TODAY": "2026-11-26",
        "NO_COLOR": "1",
        "TERM": "xterm-256color",
        "HOME": os.environ.get("HOME", str(tmp_path)),
    }


def test_whole_flow_in_a_real_terminal(tmp_path: Path, pane_env: dict[str, str]):
    data = example_data("steady-client")
    answers = data["answers"]
    case_path = tmp_path / "oakridge.yaml"
    pane = Pane([sys.executable, "-m", "partways", "ask", str(case_path), "--lang", "en"], pane_env)
    try:
        for prompt, value in [
            ("Client's name", data["client"]["name"]),
            ("Who do you write to at the client?", data["client"]["contact"]),
            ("How should the letter address", ""),  # Enter keeps "No title"
            ("Your company's name", data["provider"]["name"]),
            ("Who signs the letter?", data["provider"]["signer"]),
            ("The signer's role (optional)", data["provider"]["role"]),
            ("Your city, for the date line", ""),
        ]:
            pane.wait_for(prompt)
            pane.type(value)
            pane.key("Enter")
        pane.wait_for(f"Case saved to {case_path}")

        f = flow()
        engine = Engine(f)
        asked = skipped = 0
        while (q := engine.next_question()) is not None:
            text = tr(q.text, "en")
            if q.id not in answers:
                # a question the story does not answer (it lists it under `skipped`): "-"
                # skips a list or a checkbox, an empty text prompt skips too
                assert q.optional, q.id
                if q.type in ("frequency", "choice", "boolean", "multi"):
                    pane.wait_for(f"{text} (")
                    pane.type("-")
                else:
                    bracket = tr(q.unit, "en") or q.type == "date"
                    pane.wait_for(f"{text} [" if bracket else f"{text} (?")
                    pane.key("C-u", "Enter")
                engine.skip(q.id)
                skipped += 1
                continue
            if q.type in ("frequency", "choice", "boolean"):
                pane.wait_for(f"{text} (number + Enter")
                values = (True, False) if q.type == "boolean" else q.options
                pane.type(str(values.index(answers[q.id]) + 1))
            elif q.type == "multi":
                pane.wait_for(f"{text} (space ticks")
                for option in q.options:
                    if option in answers[q.id]:
                        pane.key("Space")
                    pane.key("Down")
            else:
                bracket = tr(q.unit, "en") or q.type == "date"
                pane.wait_for(f"{text} [" if bracket else f"{text} (?")
                pane.key("C-u")
                pane.type(str(answers[q.id]))
            pane.key("Enter")
            engine.answer(q.id, answers[q.id])
            asked += 1
            # the answer is autosaved before the next question is shown
        assert asked >= 20
        assert skipped == len(data["skipped"])

        pane.wait_for("✓ See the verdict")
        pane.key("Enter")
        pane.wait_for(f"Write the letter that goes with “{verdict_label('keep', 'en')}”")
        pane.type("1")
        pane.key("Enter")
        if write_anyway_keys(open_case(case_path)[0], "en"):  # the checker found something
            pane.wait_for("Write it anyway?")
            pane.type("1")
            pane.key("Enter")
        pane.wait_for("? File")
        pane.key("Enter")
        pane.wait_for("Write the full report to a Markdown file?")
        pane.type("2")
        pane.key("Enter")
        pane.wait_for("EXIT=0")

        screen = pane.text()
        assert verdict_label("keep", "en") in screen
        assert "Next steps" in screen
        file = saved(case_path)
        assert file["client"] == data["client"] and file["provider"] == data["provider"]
        assert file["answers"] == Engine(f, answers).effective_answers()
        assert file["skipped"] == sorted(data["skipped"])
        letter = next(p for p in tmp_path.glob("oakridge-*-*.md") if "-report-" not in p.name)
        assert data["client"]["contact"] in letter.read_text(encoding="utf-8")
        # NO_COLOR: the verdict block carries no foreground colour
        coloured = pane.text(escapes=True)
        tail = coloured[coloured.index("Verdict") :]
        params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", tail) for p in seq.split(";")]
        colours = {str(n) for n in [*range(30, 39), *range(90, 98)]}
        assert not [p for p in params if p in colours]
    finally:
        pane.close()


def test_ctrl_c_in_a_real_terminal(tmp_path: Path, pane_env: dict[str, str]):
    case_path = tmp_path / "garnier.yaml"
    shutil.copy(
        Path(__file__).resolve().parents[1]
        / "data"
        / "spec-examples"
        / "hostile-after-boundaries.yaml",
        case_path,
    )
    text = case_path.read_text(encoding="utf-8")
    # drop the last answer (notice_days) so the journey stops on a question
    case_path.write_text(re.sub(r"\n  notice_days: .*", "", text), encoding="utf-8")
    pane = Pane([sys.executable, "-m", "partways", "ask", str(case_path)], pane_env)
    try:
        pane.wait_for("Quel est le préavis prévu au contrat (en jours) ?")
        pane.key("C-c")
        pane.wait_for("EXIT=130")
        screen = pane.text()
        assert f"Pour reprendre\u00a0: partways ask {case_path}" in screen
        assert "Traceback" not in screen
        assert "notice_days" not in saved(case_path)["answers"]
        expected = example_data("hostile-after-boundaries")["answers"]
        expected.pop("notice_days")
        assert saved(case_path)["answers"] == expected
    finally:
        pane.close()
