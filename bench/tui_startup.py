"""Wizard speed against a bare Textual app, as a user sees it: on a real pseudo-terminal.

1. First frame: a fresh process per run on its own pty (80×24), timed from spawn until the text
   a user waits for has been written to the terminal — (a) a bare app's label (Header, Label,
   Footer), (b) `partways run CASE`'s next question, CASE being a case resumed as partways saved
   it when last quit (one question answered), (c) `partways` alone at its start screen listing
   five recent cases — then killed (Textual's shutdown is no part of what a user waits for).
   partways runs through its real entry point (`python -m partways`) with compiled bytecode, as
   an installed wheel would, and with its caches warm (the parsed flow, the parsed case it saved,
   the portfolio index), as on every launch after the first.
2. Keypress → next screen, on a pty: once the first frame is up, a key is written to the
   terminal and the clock stops when the next question's text (for the bare app: the updated
   label) has been written back: `1` answers the question ("never") and shows the next one.
   partways' keys are typed in runs of their own, on a fresh case each time (the resumed case
   of 1. is never changed, so every run resumes the same file).

Runs are interleaved, the order rotating, so every kind shares the machine's load alike.
Usage: PYTHONPATH=src python bench/tui_startup.py [--runs 20] [--presses 5]
Targets (issues 3 and 14): first frame ≤ 1.2× bare; keypress median ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
SRC = ROOT / "src"
EXAMPLES = ROOT / "tests" / "data" / "spec-examples"
CASE = (
    "format: partways/1\nflow: client-review\nlang: en\n"
    "client: {name: Bench Client, contact: Ann Bench}\n"
    "provider: {name: Bench Studio, signer: Bob Bench}\nanswers: {}\n"
)
BARE_LABEL = "Bare app ready"
#: What the start screen writes once it lists the recent cases (a case file's client name, cut
#: short by the portfolio table at 80 columns: "Transports Garn…").
START_MARKER = "Transports Garn"
TIMEOUT = 30.0
# escape sequences (CSI, OSC, two-character) between the words a screen writes
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def bare_child() -> None:
    """A bare Textual app on the real terminal: its label, and `x` to bump the label."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Bare(App[None]):
        BINDINGS = [("x", "bump", "Bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label(f"{BARE_LABEL} 0", id="label")
            yield Footer()

        def action_bump(self) -> None:
            self.count += 1
            self.query_one(Label).update(f"{BARE_LABEL} {self.count}")

    Bare().run()


class Pty:
    """One process on its own 80×24 pseudo-terminal, and what it has written so far."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, become the program
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.out = b""

    def wait_for(self, text: str, since: int = 0) -> float:
        """Read until `text` is on the terminal (after byte `since`); the time it appeared."""
        wanted = text.encode()
        deadline = time.perf_counter() + TIMEOUT
        while True:
            if wanted in _ESCAPES.sub(b"", self.out[since:]):
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                tail = _ESCAPES.sub(b"", self.out[-2000:]).decode(errors="replace")
                raise TimeoutError(f"{text!r} never appeared; last output: {tail!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError as exc:  # EIO: the child has gone
                    raise RuntimeError(f"the program ended before showing {text!r}") from exc

    def drain(self, seconds: float) -> None:
        """Let the program settle, reading what it writes (a full pty would block it)."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if select.select([self.fd], [], [], left)[0]:
                self.out += os.read(self.fd, 65536)

    def press(self, key: str, then: str) -> float:
        """Milliseconds from writing `key` until `then` is written back."""
        mark = len(self.out)
        start = time.perf_counter()
        os.write(self.fd, key.encode())
        return (self.wait_for(then, since=mark) - start) * 1000

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _answer_texts(presses: int) -> list[str]:
    """The first questions' text as the wizard shows them: each `1` answers one and shows the
    next (the flow's first questions are unconditional frequency questions)."""
    sys.path.insert(0, str(SRC))
    from partways.flow import load_flow

    questions = load_flow().questions[: presses + 1]
    assert all(q.type == "frequency" and q.when is None for q in questions), "flow changed"
    return [q.text["en"][:30] for q in questions]


def one_run(
    kind: str, env: dict[str, str], case: Path, texts: list[str], presses: int
) -> tuple[float, list[float]]:
    py = sys.executable
    if kind == "bare":
        argv, first = [py, str(HERE), "--bare-child"], f"{BARE_LABEL} 0"
        nexts = [(f"{BARE_LABEL} {n}", "x") for n in range(1, presses + 1)]
    elif kind == "partways":  # the resumed case: its second question first, no key typed
        argv, first, nexts = [py, "-m", "partways", "run", str(case)], texts[1], []
    elif kind == "keys":
        fresh = case.with_name("keys.yaml")
        fresh.write_text(CASE, encoding="utf-8")
        argv, first = [py, "-m", "partways", "run", str(fresh)], texts[0]
        nexts = [(t, "1") for t in texts[1 : presses + 1]]
    else:
        argv, first, nexts = [py, "-m", "partways"], START_MARKER, []
    term = Pty(argv, env)
    try:
        frame = (term.wait_for(first) - term.start) * 1000
        keys = []
        if nexts:
            term.drain(0.3)  # what runs just after the first frame is not a key's latency
            for text, key in nexts:
                keys.append(term.press(key, text))
                term.drain(0.05)
        return frame, keys
    finally:
        term.kill()


def _resumed_case(case: Path, env: dict[str, str], texts: list[str]) -> None:
    """The case of the first-frame runs, as partways leaves it: one question answered in the
    wizard, saved, then the terminal closed."""
    case.write_text(CASE, encoding="utf-8")
    term = Pty([sys.executable, "-m", "partways", "run", str(case)], env)
    try:
        term.wait_for(texts[0])
        term.drain(0.3)
        term.press("1", texts[1])
        term.drain(1.0)  # the answer is written once the next question is drawn
    finally:
        term.kill()
    assert "answers: {}" not in case.read_text(encoding="utf-8"), "the answer was not saved"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--bare-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child:
        bare_child()
        return 0
    # an installed wheel has its bytecode compiled; so must the sources measured here
    compileall.compile_dir(SRC, quiet=1)
    folder = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "TERM": "xterm-256color",
    }
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    case = folder / "bench.yaml"
    # `partways` alone opens the start screen listing recent cases: give it five
    recent = folder / "data" / "partways" / "cases"
    recent.mkdir(parents=True)
    for n, example in enumerate(sorted(EXAMPLES.glob("*.yaml")) * 2):
        if n < 5:
            (recent / f"{n}-{example.name}").write_bytes(example.read_bytes())
    texts = _answer_texts(args.presses)
    _resumed_case(case, env, texts)

    kinds = ["bare", "partways", "start", "keys"]
    for kind in kinds:  # warm: the file cache, the parsed-flow and template caches
        one_run(kind, env, case, texts, 0)
    frames: dict[str, list[float]] = {kind: [] for kind in kinds}
    keys: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(args.runs):
        for kind in kinds[n % 4 :] + kinds[: n % 4]:
            frame, latencies = one_run(kind, env, case, texts, args.presses)
            frames[kind].append(frame)
            keys[kind] += latencies
    bare = frames["bare"]
    b = statistics.median(bare)
    print(f"first frame on a pty, median of {args.runs} (spawn → text on the terminal):")
    print(f"  bare Textual app (its label)    {b:7.1f} ms")
    labels = {"partways": "partways CASE (question)", "start": "partways (start screen)"}
    for kind, label in labels.items():
        w = statistics.median(frames[kind])
        # this machine's speed drifts by tens of percent within minutes: the ratio of each
        # back-to-back pair cancels the drift that a ratio of two medians keeps
        paired = statistics.median(x / y for x, y in zip(frames[kind], bare, strict=True))
        print(
            f"  {label:30s}  {w:7.1f} ms   ratio of medians {w / b:.2f}, "
            f"median pair ratio {paired:.2f}  (target ≤ 1.20)"
        )
    mb, mp = statistics.median(keys["bare"]), statistics.median(keys["keys"])
    count = len(keys["keys"])
    print(f"keypress → next text on the pty, median of {count} presses:")
    print(f"  bare Textual app (label update)     {mb:6.1f} ms")
    print(
        f"  partways (answer, next question)    {mp:6.1f} ms   ratio {mp / mb:.2f}  "
        f"(target ≤ 30 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
