"""Where the built-in flows, templates and examples live, installed or from a source tree."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # In a wheel the folders are inside the package; in a source checkout (editable install or
    # PYTHONPATH=src) they sit at the repository root, two levels above the package.
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parents[1] / name


def flows_dir() -> Path:
    return _data_dir("flows")


def templates_dir() -> Path:
    return _data_dir("templates")


def examples_dir() -> Path:
    return _data_dir("examples")
