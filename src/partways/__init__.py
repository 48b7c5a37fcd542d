"""partways: decide what to do about a difficult client, then draft the letter."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`partways.__version__` from the installed metadata: the version lives in pyproject.toml
    only. Looked up on use, since importlib.metadata would slow every command's start."""
    if name == "__version__":
        from importlib.metadata import version

        return version("partways")
    raise AttributeError(f"module 'partways' has no attribute {name!r}")
