"""The import-linter contract must list every core module, or a new one would escape it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_core_module_is_in_the_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    package = ROOT / "src" / "partways"
    core = {
        f"partways.{p.stem}"
        for p in package.glob("*.py")
        if p.stem not in ("__init__", "__main__", "cli")
    }
    assert core <= listed, f"add to [tool.importlinter]: {sorted(core - listed)}"
    assert "textual" in contract["forbidden_modules"]


def test_flows_and_templates_ship_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["flows"] == "partways/flows" and include["templates"] == "partways/templates"
