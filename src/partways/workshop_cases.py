"""Which case a workshop works on: a fresh working copy of a study, or a case to resume.

No Textual here: `run_workshop` resolves the argument (and reports a bad one on one line)
before any screen exists, and the start screen reuses the same helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partways.errors import PartwaysError

WORKSHOP_MARK = "-workshop-"


@dataclass(frozen=True)
class Target:
    """What `partways workshop REF` points at: a study to copy, or a case file to resume."""

    kind: str  # "study" | "case"
    path: Path


def _is_shipped(path: Path) -> bool:
    from partways.paths import examples_dir

    try:
        return path.resolve().parent == examples_dir().resolve()
    except OSError:
        return False


def resolve_target(ref: str | Path | None, lang: str) -> Target | None:
    """None without a reference (the start screen lists the studies). Raises PartwaysError for
    an unknown study id or a missing file."""
    if ref is None or str(ref) == "":
        return None
    from partways.studies import find_study, list_studies

    ref = str(ref)
    if ref in {s.id for s in list_studies()}:
        return Target("study", find_study(ref, lang))
    path = Path(ref).expanduser()
    if path.is_file():
        # a shipped study file is never written to: the team works on a copy
        return Target("study" if _is_shipped(path) else "case", path)
    if path.suffix in (".yaml", ".yml") or "/" in ref:
        raise PartwaysError("no such case file; give an existing case or a study id", file=ref)
    find_study(ref, lang)  # raises "unknown case study … (shipped: …)"
    raise PartwaysError(f"unknown case study '{ref}'")  # pragma: no cover - find_study raised


def create_workshop_case(study_path: Path) -> Path:
    """A new working case `<study-id>-workshop-<date>.yaml` in the cases folder: lang, client,
    provider, letter details and the study block, but no answers or notes (the team decides)."""
    from partways.case import Case, load_case, save_case
    from partways.formats import today
    from partways.paths import default_case_path

    source = load_case(study_path)
    study = source.extra.get("study")
    study = dict(study) if isinstance(study, dict) else {}
    study_id = str(study.get("id") or study_path.name.split(".")[0])
    case = Case(
        flow=source.flow,
        lang=source.lang,
        client=dict(source.client),
        provider=dict(source.provider),
        # letter facts (a new lead's name…) are part of the story, an edited text is not
        letter={k: v for k, v in source.letter.items() if k != "texts"},
        extra={"study": study},
    )
    case.path = default_case_path(f"{study_id}-workshop", today().isoformat())
    return save_case(case)


def recent_workshops(limit: int = 10) -> list[Path]:
    """Working cases from earlier workshops, most recently changed first."""
    from partways.paths import recent_cases

    return [p for p in recent_cases(limit=100) if WORKSHOP_MARK in p.name][:limit]
