"""ctrl+l (switch the interface language) in the wizard: how long until every screen has redrawn.

A Pilot drives the wizard over a fully answered case (the spec example `steady-client`) on two
screens — the verdict (the most words) and a question — and times `press("ctrl+l")` plus the
pause until the app is idle again, `--runs` presses per screen in a fresh process.

The baseline is another source tree (default: the main checkout, `../main/src`), measured in the
same run, the two children alternating so both share the machine's load; the script prints the
medians and the ratio this tree / baseline.
Usage: python bench/tui_lang_switch.py [--runs 10] [--rounds 3] [--baseline ../main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
CASE = ROOT / "tests" / "data" / "spec-examples" / "steady-client.yaml"


def child(runs: int) -> None:
    """Time `runs` language switches on the verdict screen and on a question screen."""
    import asyncio

    from partways.tui.app import PartwaysApp
    from partways.tui.requests import Navigate

    async def main() -> dict[str, list[float]]:
        work = Path(tempfile.mkdtemp())
        case = work / "case.yaml"
        shutil.copy(CASE, case)
        app = PartwaysApp(case)
        times: dict[str, list[float]] = {}
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert app.session is not None
            first = next(iter(app.session.engine.relevant_questions()))
            for name, target in (
                ("verdict", Navigate("verdict")),
                ("question", Navigate("question", first.id)),
            ):
                app.navigate(target)
                await pilot.pause()
                laps = []
                for _ in range(runs):
                    start = time.perf_counter()
                    await pilot.press("ctrl+l")
                    await pilot.pause()
                    laps.append((time.perf_counter() - start) * 1000)
                times[name] = laps
        return times

    print(json.dumps(asyncio.run(main())))


def run(src: Path, runs: int, home: Path) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONPATH=str(src), PARTWAYS_TODAY="2026-11-26", LANG="en_GB.UTF-8")
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR"):
        env[var] = str(home / var.lower())
    out = subprocess.run(
        [sys.executable, str(HERE), "--child", str(runs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=ROOT.parent / "main" / "src")
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    trees = {"this": ROOT / "src", "baseline": args.baseline.resolve()}
    laps: dict[str, dict[str, list[float]]] = {t: {} for t in trees}
    with tempfile.TemporaryDirectory() as home:
        for n in range(args.rounds):
            order = list(trees) if n % 2 == 0 else list(reversed(trees))
            for tree in order:
                for screen, times in run(trees[tree], args.runs, Path(home) / tree).items():
                    laps[tree].setdefault(screen, []).extend(times)
    print(f"load: {os.getloadavg()[0]:.2f}; {args.rounds}×{args.runs} presses per screen")
    for screen in laps["this"]:
        this = statistics.median(laps["this"][screen])
        base = statistics.median(laps["baseline"][screen])
        print(
            f"{screen:9} ctrl+l median: this {this:6.1f} ms, baseline {base:6.1f} ms,"
            f" ratio {this / base:.2f}"
        )


if __name__ == "__main__":
    main()
