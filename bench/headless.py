"""Time `partways assess` against `python -c "import yaml, jinja2"` in the same run.

Usage: python bench/headless.py [--runs N]
Prints medians (ms) and the ratio; the goal is assess and draft ≤ 1.5× the baseline (`assess`
includes the what-if search). Runs are interleaved (each round runs every command once), and
besides wall time each child's CPU time (user + system) is reported: on a machine loaded by
other work the CPU ratio moves less than the wall one. Also the what-if search alone, in
process, on each example case (goal: under 50 ms). And `flow check` of the
built-in flow with the share its rule coverage takes.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "data" / "spec-examples"
CASE = EXAMPLES / "scope-creep.yaml"


def run_ms(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return wall, cpu


def what_if_ms(runs: int) -> dict[str, float]:
    """Median of the what-if search per example case, in process (flow already loaded)."""
    sys.path.insert(0, str(ROOT / "src"))
    from partways.case import open_case
    from partways.whatif import what_if

    out = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        case, flow = open_case(path)
        what_if(flow, case.answers)  # warm: the flow's search data is worked out once
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            what_if(flow, case.answers)
            times.append((time.perf_counter() - start) * 1000)
        out[path.stem] = statistics.median(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "import yaml, jinja2 (baseline)": [py, "-c", "import yaml, jinja2"],
        "partways assess --json": [py, "-m", "partways", "assess", str(CASE), "--json"],
        "partways assess (text)": [py, "-m", "partways", "assess", str(CASE)],
        "partways draft": [py, "-m", "partways", "draft", str(CASE)],
        "partways flow check (with coverage)": [py, "-m", "partways", "flow", "check"],
    }
    # an installed wheel has compiled bytecode (PYTHONDONTWRITEBYTECODE would hide that here)
    compileall.compile_dir(ROOT / "src", quiet=1)
    for cmd in commands.values():  # warm the file cache and the parsed-flow cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            wall, cpu = run_ms(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall = {name: statistics.median(v) for name, v in walls.items()}
    cpu = {name: statistics.median(v) for name, v in cpus.items()}
    baseline = "import yaml, jinja2 (baseline)"
    print(
        f"median of {args.runs} interleaved runs, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}"
    )
    for name in commands:
        print(
            f"{name:34s} wall {wall[name]:6.1f} ms {wall[name] / wall[baseline]:4.2f}×   "
            f"cpu {cpu[name]:6.1f} ms {cpu[name] / cpu[baseline]:4.2f}×"
        )
    for name, ms in what_if_ms(args.runs).items():
        print(f"{'what-if ' + name:34s} {ms:7.1f} ms   (in process; goal < 50 ms)")
    check, cover = flow_check_ms(max(3, args.runs // 3))
    print(f"{'check_flow, built-in flow':34s} {check:7.1f} ms   (in process)")
    print(f"{'  of which rule coverage':34s} {cover:7.1f} ms   ({cover / check:.0%})")


def flow_check_ms(runs: int) -> tuple[float, float]:
    """Medians of `check_flow` on the built-in flow and of its rule coverage alone."""
    from partways.coverage import coverage
    from partways.flow import load_flow
    from partways.flowcheck import check_flow
    from partways.paths import flows_dir

    path = flows_dir() / "client-review.yaml"
    checks, covers = [], []
    for _ in range(runs):
        start = time.perf_counter()
        check_flow(path)
        checks.append((time.perf_counter() - start) * 1000)
        flow = load_flow(path)
        start = time.perf_counter()
        coverage(flow)
        covers.append((time.perf_counter() - start) * 1000)
    return statistics.median(checks), statistics.median(covers)


if __name__ == "__main__":
    main()
