"""What saving a case costs: partways' own layout (PyYAML) against a hand-edited file kept by
ruamel.yaml's round-trip mode, and what importing ruamel.yaml adds to the first such save.

Usage: python bench/save.py [--runs N]
Prints medians (ms) of one `Session.save` after a change, in process, and the ratio of the
round-trip save to the plain one (the baseline, measured in the same run); then the import
of ruamel.yaml in a fresh interpreter against `import yaml` (paid once, on the first save of
a hand-edited file; never by `assess`, `draft` or `report`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "data" / "spec-examples" / "scope-creep.yaml"


def save_ms(path: Path, runs: int) -> float:
    from partways.session import Session

    session = Session.open(path)
    times = []
    for i in range(runs):
        session.case.notes["hours_spent"] = f"run {i}"
        start = time.perf_counter()
        session.save()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def import_ms(module: str, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=31)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(ROOT / "src"))
    from partways.case import open_case
    from partways.yamlio import dump_yaml

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        os.environ["XDG_CACHE_HOME"] = tmp
        plain = Path(tmp) / "plain.yaml"
        case, flow = open_case(CASE)
        plain.write_text(dump_yaml(case.to_data(flow)), encoding="utf-8")
        hand = Path(tmp) / "hand.yaml"
        shutil.copy(CASE, hand)  # comments and flow-style mappings: kept by round-trip
        save_ms(hand, 1)  # the import of ruamel.yaml is measured apart
        base = save_ms(plain, runs)
        kept = save_ms(hand, runs)
    print(f"save, partways' layout (baseline): {base:6.2f} ms")
    print(f"save, hand-edited (round-trip):    {kept:6.2f} ms  ({kept / base:.2f}x)")
    y, r = import_ms("yaml", runs), import_ms("yaml, ruamel.yaml", runs)
    print(f"import yaml (baseline):            {y:6.1f} ms")
    print(f"import yaml, ruamel.yaml:          {r:6.1f} ms  ({r / y:.2f}x, +{r - y:.1f} ms)")


if __name__ == "__main__":
    main()
