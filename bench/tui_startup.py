"""Wizard speed against a bare Textual app, measured the same way in the same run.

1. First frame: a fresh process per run, from spawn to exit right after the first frame of
   (a) a bare app (Header, Label, Footer), (b) `partways run CASE` at the case's first
   question and (c) `partways` alone at its start screen listing five recent cases. partways
   runs through its real entry point with compiled bytecode, as an installed wheel would, and
   (after the first run) with the parsed-flow cache warm, as on every launch after the first.
2. Keypress → next question: in one process, post the key to the app and stop the clock in a
   `call_after_refresh` callback scheduled when the next question has been put on screen (for
   the bare app: when the label has been updated). No Pilot waiting is included.

Usage: PYTHONPATH=src python bench/tui_startup.py [--runs 30] [--presses 50]
Targets (issue 3): first frame ≤ 1.2× bare; keypress median ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

HERE = Path(__file__).resolve()
SRC = HERE.parents[1] / "src"
EXAMPLES = HERE.parents[1] / "tests" / "data" / "spec-examples"
CASE = (
    "format: partways/1\nflow: client-review\nlang: en\n"
    "client: {name: Bench Client, contact: Ann Bench}\n"
    "provider: {name: Bench Studio, signer: Bob Bench}\nanswers: {}\n"
)


# -- apps ------------------------------------------------------------------------------------
def bare_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Bare(App[None]):
        BINDINGS = [("x", "bump", "Bump")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("0", id="label")
            yield Footer()

        def action_bump(self) -> None:
            label = self.query_one(Label)
            label.update(str(int(str(label.render())) + 1))
            self.on_bumped()

        def on_bumped(self) -> None:  # replaced by the benchmark
            pass

    return Bare()


def child(kind: str, case: str | None) -> None:
    """Run one app headless and exit right after its first full frame.

    partways goes through its real entry point (`partways run CASE`, as the console script
    does); only the terminal check is bypassed and the app run headless at 80×24.
    """
    if kind == "bare":
        app = bare_app()
        app.call_later(lambda: app.call_after_refresh(app.exit))
        app.run(headless=True, size=(80, 24))
        return
    from partways import cli
    from partways.tui import launch

    def headless_run(app: App[int], _command: str = "run") -> int:
        if kind == "start":
            from partways.tui.screens.start import StartScreen as FirstScreen
        else:
            from partways.tui.screens.question import QuestionScreen as FirstScreen

        mounted = FirstScreen.on_mount

        # Stop the clock the same way as for the bare app: after the refresh that follows the
        # first screen's mount (no polling timer competing with start-up work).
        def on_mount(screen: FirstScreen) -> None:
            mounted(screen)
            app.call_after_refresh(app.exit)

        FirstScreen.on_mount = on_mount  # type: ignore[method-assign]
        app.run(headless=True, size=(80, 24))
        return 0

    launch._is_tty = lambda: True  # noqa: SLF001 - bench only
    launch._run = headless_run  # noqa: SLF001
    cli.main(["run", case] if case else ["run"])


def first_frame(kind: str, case: str | None, data: Path) -> float:
    """Milliseconds from spawning a child to its exit right after the first frame."""
    env = dict(os.environ, PYTHONPATH=str(SRC), XDG_DATA_HOME=str(data))
    args = [sys.executable, str(HERE), "--child", kind] + ([case] if case else [])
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


# -- keypress --------------------------------------------------------------------------------
async def keypress_bare(presses: int) -> list[float]:
    from textual import events

    app = bare_app()
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            done = asyncio.Event()
            app.on_bumped = lambda d=done: app.call_after_refresh(d.set)
            start = time.perf_counter()
            app.post_message(events.Key("x", "x"))
            await done.wait()
            times.append((time.perf_counter() - start) * 1000)
    return times


async def keypress_partways(presses: int, case: str) -> list[float]:
    from textual import events

    from partways.tui.app import PartwaysApp
    from partways.tui.messages import Navigate
    from partways.tui.screens.question import QuestionScreen

    app = PartwaysApp(case)
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        original = screen.show_question
        pending: list[asyncio.Event] = []

        def shown(qid: str, from_review: bool = False) -> None:
            original(qid, from_review)
            if pending:
                app.call_after_refresh(pending.pop().set)

        screen.show_question = shown  # type: ignore[method-assign]
        while len(times) < presses:
            question = app.session.question(screen.qid)
            if question.type not in ("frequency", "boolean", "choice"):
                app.navigate(Navigate("question", app.session.flow.questions[0].id))
                await pilot.pause()
                continue
            done = asyncio.Event()
            pending.append(done)
            start = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            await done.wait()
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--presses", type=int, default=50)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1] if len(args.child) > 1 else None)
        return 0
    sys.path.insert(0, str(SRC))
    # an installed wheel has its bytecode compiled; so must the sources measured here
    compileall.compile_dir(SRC, quiet=1)
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    case = folder / "bench.yaml"
    # `partways` alone opens the start screen listing recent cases: give it five
    recent = folder / "data" / "partways" / "cases"
    recent.mkdir(parents=True)
    for n, example in enumerate(sorted(EXAMPLES.glob("*.yaml")) * 2):
        if n < 5:
            (recent / f"{n}-{example.name}").write_bytes(example.read_bytes())

    kinds = ["bare", "partways", "start"]
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(args.runs):  # interleaved, order rotating, so all share the machine's load
        for kind in kinds[n % 3 :] + kinds[: n % 3]:
            case.write_text(CASE, encoding="utf-8")
            times[kind].append(
                first_frame(kind, str(case) if kind == "partways" else None, folder / "data")
            )
    bare = times["bare"]
    b = statistics.median(bare)
    print(f"first frame, median of {args.runs} (spawn → exit after first frame):")
    print(f"  bare Textual app                {b:7.1f} ms")
    labels = {"partways": "partways CASE (question)", "start": "partways (start screen)"}
    for kind, label in labels.items():
        w = statistics.median(times[kind])
        # this machine's speed drifts by tens of percent within minutes: the ratio of each
        # back-to-back pair cancels the drift that a ratio of two medians keeps
        paired = statistics.median(x / y for x, y in zip(times[kind], bare, strict=True))
        print(
            f"  {label:30s}  {w:7.1f} ms   ratio of medians {w / b:.2f}, "
            f"median pair ratio {paired:.2f}  (target ≤ 1.20)"
        )

    case.write_text(CASE, encoding="utf-8")
    kb = asyncio.run(keypress_bare(args.presses))
    kp = asyncio.run(keypress_partways(args.presses, str(case)))
    mb, mp = statistics.median(kb), statistics.median(kp)
    print(f"keypress → screen refreshed, median of {args.presses} (post key → call_after_refresh):")
    print(f"  bare Textual app (label update)     {mb:6.1f} ms")
    print(
        f"  partways (answer, autosave, next)   {mp:6.1f} ms   ratio {mp / mb:.2f}  "
        f"(target ≤ 30 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
