"""Entry points the CLI calls: `run_wizard` (partways / partways run) and `run_workshop`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


def _is_tty() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run_wizard(
    case: str | Path | None = None, flow_ref: str | None = None, lang: str | None = None
) -> int:
    """Run the full-screen wizard; 0 on a normal exit, 1 on a user error.

    Problems found once the app runs (a broken case or flow) are shown on an error screen;
    anything failing before that is printed as one line.
    """
    if not _is_tty():
        print(
            "partways: error: the wizard needs an interactive terminal; use "
            "'partways assess CASE' or 'partways draft CASE' in scripts",
            file=sys.stderr,
        )
        return 1
    from partways.errors import PartwaysError

    try:
        from partways.tui.app import PartwaysApp

        app = PartwaysApp(case, flow_ref=flow_ref, lang=lang)
    except PartwaysError as exc:
        print(f"partways: error: {exc.one_line()}", file=sys.stderr)
        return 1
    return _run(app, "run")


def run_workshop(
    case: str | Path | None = None, lang: str | None = None, list_only: bool = False
) -> int:
    """Run the facilitator mode; 0 on a normal exit, 1 on a user error.

    CASE is a study id (a working copy is created in the cases folder), a case file to resume,
    or nothing (the start screen lists the studies). A bad reference is reported before the
    terminal check, so scripts learn about a typo too. `list_only` is handled by the CLI.
    """
    from partways.errors import PartwaysError
    from partways.i18n import resolve_lang
    from partways.workshop_cases import create_workshop_case, resolve_target

    try:
        target = resolve_target(case, resolve_lang(lang, None))
    except PartwaysError as exc:
        print(f"partways: error: {exc.one_line()}", file=sys.stderr)
        return 1
    if not _is_tty():
        print(
            "partways: error: workshop mode needs an interactive terminal; use "
            "'partways workshop --list' or 'partways report CASE' in scripts",
            file=sys.stderr,
        )
        return 1
    try:
        path: Path | None = None
        if target is not None:
            path = create_workshop_case(target.path) if target.kind == "study" else target.path
        from partways.tui.workshop_app import WorkshopApp

        app = WorkshopApp(path, lang=lang)
    except PartwaysError as exc:
        print(f"partways: error: {exc.one_line()}", file=sys.stderr)
        return 1
    return _run(app, "workshop")


def farewell(app: object, command: str) -> str:
    """The line printed once the screen is restored: where the case is, how to resume it."""
    import shlex

    from partways.tui.strings import s

    session = getattr(app, "session", None)
    path = getattr(getattr(session, "case", None), "path", None)
    if path is None:
        return ""
    lang = str(getattr(app, "lang", "en"))
    resume = f"partways {command} {shlex.quote(str(path))}"
    return s("farewell", lang, path=str(path), command=resume)


def _flush(app: object) -> None:
    """Write an answer still waiting for its save (see `Session.schedule_save`) whichever way
    the app ended: nothing the user confirmed is lost."""
    from partways.errors import PartwaysError

    session = getattr(app, "session", None)
    if session is None or not getattr(session, "pending", False):
        return
    try:
        session.flush()
    except PartwaysError as exc:
        print(f"partways: error: {exc.one_line()}", file=sys.stderr)


def _run(app: App[int], command: str) -> int:
    """Run an app to the end: its return code when it set one (error screen), else its result."""
    result = app.run()
    _flush(app)
    unsaved = getattr(app, "unsaved", None)
    if unsaved:
        print(f"partways: error: {unsaved}", file=sys.stderr)
    if app.return_code not in (None, 0):
        return int(app.return_code)
    line = farewell(app, command)
    if line:
        print(line)
    return int(result or 0)
