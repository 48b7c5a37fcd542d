"""Case studies shipped in `examples/` for team workshops (article 003's case method)."""

from __future__ import annotations

from pathlib import Path

from partways.errors import PartwaysError
from partways.paths import examples_dir, yaml_cache_dir
from partways.record import record
from partways.yaml_cache import load_yaml_cached


@record
class Study:
    id: str
    lang: str
    title: str
    narrative: str
    expected: str
    path: Path


def list_studies() -> list[Study]:
    """Every `examples/<id>.<lang>.yaml` that carries a `study:` block, sorted by id and lang.

    The shipped files are read through the parsed-YAML cache, as the flows are (they hold no
    one's data): the workshop's start screen and every `partways workshop ID` read them all."""
    studies = []
    for path in sorted(examples_dir().glob("*.yaml")):
        data = load_yaml_cached(path, yaml_cache_dir())
        block = data.get("study") if isinstance(data, dict) else None
        if not isinstance(block, dict):
            continue
        studies.append(
            Study(
                id=str(block.get("id") or path.stem.split(".")[0]),
                lang=str(data.get("lang") or "en"),
                title=str(block.get("title") or path.stem),
                narrative=str(block.get("narrative") or "").strip(),
                expected=str(block.get("expected") or ""),
                path=path,
            )
        )
    return studies


def find_study(ref: str, lang: str) -> Path:
    """A study by id (in `lang` when it exists) or a path to any case file."""
    candidates = [s for s in list_studies() if s.id == ref]
    if candidates:
        chosen = next((s for s in candidates if s.lang == lang), candidates[0])
        return chosen.path
    path = Path(ref).expanduser()
    if path.exists():
        return path
    known = ", ".join(sorted({s.id for s in list_studies()})) or "none"
    raise PartwaysError(f"unknown case study '{ref}' (shipped: {known}; or give a case file)")
