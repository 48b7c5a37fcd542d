"""The wheel carries the flows, templates and case studies, so `partways` works anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# Builds the wheel (a few seconds): CI runs it; deselect locally with -m "not wheel".
pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[2]


def _build_command(out: Path) -> list[str]:
    """`uv build` where uv is on the PATH (CI's environment, made by uv, has no pip), else
    pip's `wheel`; both with the backend installed beside the tests (hatchling, in the test
    extras) rather than in a fresh isolated environment, which took 3 s of the 4 s."""
    uv = shutil.which("uv")
    if uv is not None:
        return [
            uv,
            "build",
            "-q",
            "--wheel",
            "--no-build-isolation",
            "--python",
            sys.executable,
            "--out-dir",
            str(out),
            str(ROOT),
        ]
    return [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        str(ROOT),
        "-w",
        str(out),
    ]


def test_wheel_contains_data(tmp_path):
    out = subprocess.run(
        _build_command(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    wheel = next(tmp_path.glob("partways-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "partways/flows/client-review.yaml" in names
    for lang in ("fr", "en"):
        for kind in (
            "check_in",
            "boundaries",
            "new_lead",
            "renegotiation",
            "price_increase",
            "separation",
        ):
            assert f"partways/templates/{lang}/{kind}.md.j2" in names
    assert "partways/tui/app.tcss" in names
    styles = ROOT / "src/partways/tui/styles"
    sheets = sorted(f"partways/tui/styles/{p.name}" for p in styles.glob("*.tcss"))
    assert len(sheets) >= 8 and set(sheets) <= names  # the later screens' own sheets
    # the JSON Schemas `partways schema` prints, byte for byte as in the source tree
    for kind in ("case", "flow"):
        shipped = zipfile.ZipFile(wheel).read(f"partways/schemas/{kind}.schema.json")
        assert shipped == (ROOT / "src/partways/schemas" / f"{kind}.schema.json").read_bytes()
