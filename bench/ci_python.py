"""Time the same tests under two (or more) interpreters, as `.ci/run` picks one.

Usage: python bench/ci_python.py [--runs N] PYTHON [PYTHON ...]
Each PYTHON is the interpreter of an environment with the project installed (`-e ".[test]"`);
the first is the baseline. For the two `.ci/run` chooses between on this machine:

    uv venv /tmp/venv-pyenv --python "$(command -v python3)"
    uv venv /tmp/venv-system --python /usr/bin/python3
    uv pip install --python /tmp/venv-<each>/bin/python -c .ci/constraints.txt -e ".[test]"
    python bench/ci_python.py /tmp/venv-pyenv/bin/python /tmp/venv-system/bin/python

The workload is a fixed set of test files run serially (`-n 0`): wizard, prompt and core tests,
about a tenth of the suite. Rounds are interleaved (each runs every interpreter once, after one
warm-up round that also writes the bytecode); prints each interpreter's median wall and CPU
time (user + system of pytest and its children) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKLOAD = [
    "tests/tui/test_journeys.py",
    "tests/prompt/test_journeys.py",
    "tests/core/test_rules.py",
    "tests/core/test_letters.py",
]


def run(python: str) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the workload."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [python, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", *WORKLOAD],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{python}: the tests failed (exit {done.returncode})")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def version(python: str) -> str:
    out = subprocess.run(
        [python, "-c", "import sys; print(sys.version.split()[0], sys._base_executable)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("pythons", nargs="+")
    args = parser.parse_args()
    for python in args.pythons:  # warm-up: bytecode written, files in the page cache
        run(python)
    walls: dict[str, list[float]] = {p: [] for p in args.pythons}
    cpus: dict[str, list[float]] = {p: [] for p in args.pythons}
    for _ in range(args.runs):
        for python in args.pythons:
            wall, cpu = run(python)
            walls[python].append(wall)
            cpus[python].append(cpu)
    base = args.pythons[0]
    print(
        f"median of {args.runs} interleaved runs, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}; workload: {' '.join(WORKLOAD)}"
    )
    for python in args.pythons:
        wall, cpu = statistics.median(walls[python]), statistics.median(cpus[python])
        base_wall, base_cpu = statistics.median(walls[base]), statistics.median(cpus[base])
        print(f"{python}  ({version(python)})")
        print(
            f"    wall {wall:6.2f} s {wall / base_wall:4.2f}×   cpu {cpu:6.2f} s "
            f"{cpu / base_cpu:4.2f}×"
        )


if __name__ == "__main__":
    main()
