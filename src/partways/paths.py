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


def cases_dir() -> Path:
    """Where new cases are saved when the user gives no path (per-user data folder)."""
    from platformdirs import user_data_path

    return user_data_path("partways", appauthor=False) / "cases"


def _cache_home() -> Path:
    """The user cache folder for partways (e.g. `~/.cache/partways`).

    On Linux this is the XDG rule platformdirs applies (`$XDG_CACHE_HOME` when it is an
    absolute path, else `~/.cache`), worked out here because importing platformdirs costs a
    headless command a few milliseconds for one environment variable. Elsewhere (macOS,
    Windows, Android) platformdirs decides.
    """
    import os
    import sys

    android = os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT")
    if sys.platform == "linux" and not android:
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")
        return Path(base) / "partways"
    from platformdirs import user_cache_path

    return user_cache_path("partways", appauthor=False)


def yaml_cache_dir() -> Path:
    """Parsed flows, keyed by content (see yaml_cache.load_yaml_cached); safe to delete."""
    return _cache_home() / "yaml"


def case_cache_dir() -> Path:
    """Parsed copies of the cases partways saved (see case_cache); safe to delete."""
    return _cache_home() / "cases"


def template_cache_dir() -> Path:
    """Compiled letter templates (Jinja bytecode, checked against each template's mtime)."""
    return _cache_home() / "templates"


def slug(text: str) -> str:
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "case"


def default_case_path(client_name: str, day: str | None = None) -> Path:
    """A new, unused file name in cases_dir() such as `atelier-dumas-2026-11-26.yaml`."""
    import datetime as dt

    day = day or dt.date.today().isoformat()
    folder = cases_dir()
    base = f"{slug(client_name)}-{day}"
    candidate = folder / f"{base}.yaml"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}.yaml"
        n += 1
    return candidate


def recent_cases(limit: int = 10) -> list[Path]:
    """Case files in cases_dir(), most recently changed first."""
    folder = cases_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.yaml") if p.is_file()]
    files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return files[:limit]


def export_name(case_path: Path | None, what: str, kind: str, lang: str) -> str:
    """One naming scheme for every face: `<case>-<kind>-<lang>.md` for a letter
    (`-separation-fr.md`), `<case>-report-<lang>.md` for the report."""
    stem = case_path.stem if case_path is not None else "case"
    return f"{stem}-report-{lang}.md" if what == "report" else f"{stem}-{kind}-{lang}.md"
