"""What every test folder shares: the contract's example cases, their verdicts, the flow's question
ids by type, and reading a case file back as written. Import from here (`from tests.helpers import
…`) rather than copying a list: a question added to the flow then changes one place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
#: The contract's example cases, copied into the repository so tests run from any clone.
SPEC_EXAMPLES = DATA / "spec-examples"
#: Each contract example and the verdict the contract gives it.
EXPECTED = {
    "hostile-after-boundaries": "part_ways",
    "scope-creep": "renegotiate",
    "steady-client": "keep",
}
#: The built-in flow's frequency questions, in flow order (the signals a calm client never shows).
FREQ_SIGNALS = (
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
#: The built-in flow's number questions that `compute_figures` and the letters read.
NUMBER_QUESTIONS = (
    "monthly_fee",
    "hours_contracted",
    "hours_spent",
    "revenue_share",
    "relationship_years",
    "notice_days",
)


def example_data(name: str) -> dict[str, Any]:
    """A contract example as a mapping (its answers, parties and language)."""
    data: dict[str, Any] = yaml.safe_load((SPEC_EXAMPLES / f"{name}.yaml").read_text("utf-8"))
    return data


def copy_example_to(name: str, folder: Path) -> Path:
    """A contract example copied into `folder`: tests write to the copy, never to the original."""
    target = folder / f"{name}.yaml"
    shutil.copy(SPEC_EXAMPLES / f"{name}.yaml", target)
    return target


def saved(path: Path) -> dict[str, Any]:
    """The case file as written on disk (what a crash would leave)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def examples(full: int, ci: int | None = None) -> int:
    """How many examples a property test draws: `full` with `--slow` (or PARTWAYS_SLOW=1), else
    `ci`, a tenth of `full` by default and at least 5. CI's examples are derandomized (the
    "ci" profile in tests/conftest.py): the same fixed set at every run, so a failure
    reproduces; the slow run draws fresh random ones."""
    if os.environ.get("PARTWAYS_SLOW") == "1":
        return full
    return ci if ci is not None else max(5, full // 10)


def modules_loaded_by(argv: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules whose name starts with one of `prefixes` once `partways ARGV` has run, in a
    fresh interpreter (what a user's process would have imported)."""
    code = (
        f"import sys, runpy; sys.argv=['partways', *{argv!r}]\n"
        "try:\n    runpy.run_module('partways', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
    )
    return modules_after(code, prefixes)


def modules_after(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules whose name starts with one of `prefixes` once `code` has run in a fresh
    interpreter with partways' sources on its path."""
    src = Path(__file__).resolve().parents[1] / "src"
    code += (
        "\nimport sys\n"
        f"print('LOADED', [m for m in sys.modules if m.startswith({prefixes!r})], file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(src)},
        timeout=60,
    )
    line = [x for x in out.stderr.splitlines() if x.startswith("LOADED ")]
    assert line, out.stderr
    return list(eval(line[-1][len("LOADED ") :]))  # noqa: S307 - our own repr of a list of str
