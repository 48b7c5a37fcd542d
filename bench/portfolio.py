"""`partways clients` on a generated folder of case files: cold (no index) and warm.

    python bench/portfolio.py [N]        # default 10,000 cases

Each timing is the median of several runs of the real command in a subprocess, next to a
baseline measured in the same run (`partways --version`: interpreter start and imports), so
the figures stay comparable on a loaded machine. Goals (issue 16): warm < 1 s, cold < 5 s.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
FREQ = ("never", "sometimes", "often", "always")
VERDICTS = ("keep", "set_boundaries", "renegotiate", "raise_price", "part_ways")
SIGNALS = (
    "more_without_budget",
    "missed_meetings",
    "payment_chasing",
    "blocked_project",
    "ignored_advice",
    "values_conflict",
    "unrealistic_expectations",
    "disrespect",
    "communication_breakdown",
    "fact_denial",
    "team_reluctance",
    "capacity_strain",
)


def _answers(rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {s: rng.choice(FREQ) for s in SIGNALS}
    answers.update(
        out_of_expertise=False,
        personality_clash=False,
        concerns_raised=False,
        boundaries_set=False,
        monthly_fee=rng.randint(10, 80) * 100,
        currency="EUR",
        hours_contracted=40,
        hours_spent=rng.randint(20, 70),
        revenue_share=rng.randint(1, 30),
        relationship_years=rng.randint(1, 9),
        notice_days=30,
    )
    return answers


def generate(folder: Path, n: int, seed: int = 16) -> None:
    """`n` case files of the built-in flow, written as partways writes them (yaml.safe_dump);
    four in five carry a history of 1–4 assessments, the others none (computed verdict)."""
    import datetime as dt

    import yaml

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        case: dict[str, object] = {
            "format": "partways/1",
            "flow": "client-review",
            "lang": "en",
            "client": {"name": f"Client {i:05d}", "contact": f"Contact {i}"},
            "provider": {"name": "Studio Nord", "signer": "Paul Martin"},
            "answers": _answers(rng),
            "skipped": [
                "after_hours_contact",
                "problem_scope",
                "client_change",
                "problem_duration",
            ],
        }
        if i % 5:
            case["history"] = [
                {
                    "date": dt.date(2026, 1 + 2 * k, rng.randint(1, 28)),
                    "verdict": rng.choice(VERDICTS),
                    "rule": "over_servicing",
                    "friction_pct": rng.randint(0, 600) / 10,
                    "figures": {
                        "service_ratio_pct": float(rng.randint(80, 170)),
                        "currency": "EUR",
                        "revenue_share": float(rng.randint(1, 30)),
                    },
                    "answers": _answers(rng),
                    "next_review": dt.date(2026, 3 + 2 * k, rng.randint(1, 28)),
                }
                for k in range(rng.randint(1, 4))
            ]
        text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"client-{i:05d}.yaml").write_text(text, encoding="utf-8")


def _time(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tmp = Path(tempfile.mkdtemp(prefix="partways-portfolio-"))
    try:
        folder = tmp / "cases"
        t0 = time.perf_counter()
        generate(folder, n)
        print(f"generated {n:,} cases in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "PYTHONPATH": str(SRC), "PARTWAYS_TODAY": "2026-06-01"}
        cmd = [sys.executable, "-m", "partways", "clients", str(folder)]
        base = [sys.executable, "-m", "partways", "--version"]
        baseline, cold, warm = [], [], []
        for run in range(3):
            cache = tmp / f"cache-{run}"
            env_run = {**env, "XDG_CACHE_HOME": str(cache)}
            baseline.append(_time(base, env_run))
            cold.append(_time(cmd, env_run))
            for _ in range(2):
                warm.append(_time(cmd, env_run))
        b, c, w = (statistics.median(x) for x in (baseline, cold, warm))
        print(f"baseline (partways --version): {b * 1000:7.0f} ms")
        print(f"cold (no index):               {c * 1000:7.0f} ms  ({c / b:.1f}× baseline)")
        print(f"warm (index):                  {w * 1000:7.0f} ms  ({w / b:.1f}× baseline)")
        verdicts = ("ok" if w < 1 else "MISSED", "ok" if c < 5 else "MISSED")
        print(f"goals: warm < 1 s {verdicts[0]}, cold < 5 s {verdicts[1]}")
        print(f"load: {os.getloadavg()[0]:.2f} (1 min average)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
