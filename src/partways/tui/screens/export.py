"""Export to Markdown: ask for the path (default next to the case), never overwrite silently.

A letter is checked first (the core's `check_letter`); when something is to check, a small
dialog lists it and asks before going on, so a placeholder left or a figure off the case is
never exported unseen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from partways.errors import PartwaysError
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s

if TYPE_CHECKING:
    from partways.lettercheck import LetterProblem
    from partways.session import Session
    from partways.tui.app import PartwaysApp


def middle_cut(text: str, width: int) -> str:
    """`/home/ana/…/cases/x.md`: a long path keeps its start and its end, the middle goes."""
    if len(text) <= width:
        return text
    keep = width - 1
    head = keep // 2
    return text[:head] + "…" + text[len(text) - (keep - head) :]


class ExportScreen(Dialog[Path | None]):
    """A path prompt; Enter accepts, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    def __init__(self, title: str, default: Path, lang: str) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Static(f"[b]{self.title_text}[/b]")
            yield Static(s("export_path", self.lang))
            # the field scrolls to its end (the file name); this line keeps the folder's start
            yield Static(middle_cut(str(self.default), 60), id="export-full", markup=False)
            yield Input(str(self.default), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(s("b_cancel", self.lang), id="export-cancel", compact=True)
                yield Button(
                    s("b_export", self.lang), id="export-ok", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    def _accept(self) -> None:
        value = self.query_one(Input).value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-ok")
    def _ok_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ConfirmScreen(Dialog[bool]):
    """Yes/no before replacing something (a file, an edited letter); the safe answer (keep)
    has the focus, and Escape gives it too. `yes`/`no` relabel the buttons."""

    BINDINGS = [Binding("escape", "keep", "Cancel", priority=True)]

    def __init__(
        self, question: str, lang: str, *, yes: str | None = None, no: str | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.lang = lang
        self.yes_label = yes or s("b_yes", lang)
        self.no_label = no or s("b_no", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no_label, id="confirm-no", compact=True)
                yield Button(self.yes_label, id="confirm-yes", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-yes")
    def _yes_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)


def opener() -> str | None:
    """The desktop's "open this" command (`xdg-open`, macOS `open`), None when there is none."""
    import shutil
    import sys

    return shutil.which("open" if sys.platform == "darwin" else "xdg-open")


def open_path(path: Path) -> bool:
    """Open a file or folder with the desktop's application, detached; False if it cannot."""
    import subprocess

    command = opener()
    if command is None:
        return False
    try:
        subprocess.Popen(  # noqa: S603 - a fixed program and a path the user just wrote
            [command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True


class ExportedScreen(Dialog[None]):
    """Where the file went, with buttons to open it or its folder (when the desktop can)."""

    BINDINGS = [Binding("escape", "close", "Close", priority=True)]

    def __init__(self, path: Path, lang: str) -> None:
        super().__init__()
        self.path = path
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="exported-box", classes="dialog"):
            yield Static(s("exported", self.lang, path=self.path), id="exported-path", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(s("b_close", self.lang), id="exported-close", compact=True)
                yield Button(s("b_open_file", self.lang), id="exported-file", compact=True)
                yield Button(s("b_open_folder", self.lang), id="exported-folder", compact=True)

    def on_mount(self) -> None:
        self.query_one("#exported-close", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#exported-file")
    def _file_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        open_path(self.path)
        self.dismiss(None)

    @on(Button.Pressed, "#exported-folder")
    def _folder_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        open_path(self.path.parent)
        self.dismiss(None)

    @on(Button.Pressed, "#exported-close")
    def _close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class LetterCheckScreen(Dialog[bool]):
    """The letter's problems and a question: True exports anyway, False goes back to the letter.

    The focus is on going back (the editor is one key away); Escape goes back too.
    """

    BINDINGS = [Binding("escape", "back", "Cancel", priority=True)]
    SHOWN = 5  # problems listed; the rest are counted

    def __init__(self, problems: list[LetterProblem], lang: str) -> None:
        super().__init__()
        self.problems = problems
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang, problems = self.lang, self.problems
        n = len(problems)
        title = s("check_title_one", lang) if n == 1 else s("check_title_many", lang, n=n)
        lines = [
            s("check_item", lang, line=p.line, message=p.message(lang))
            for p in problems[: self.SHOWN]
        ]
        if n > self.SHOWN:
            lines.append(s("check_more", lang, n=n - self.SHOWN))
        with Vertical(id="check-box", classes="dialog"):
            yield Static(Text(title, style="bold"), id="check-title")
            with VerticalScroll(id="check-scroll"):
                yield Static("\n".join(lines), id="check-list", markup=False)
            yield Static(s("check_question", lang), id="check-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(s("b_fix_letter", lang), id="check-back", compact=True)
                yield Button(
                    s("b_export_anyway", lang), id="check-export", variant="warning", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#check-back", Button).focus()

    def action_back(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#check-export")
    def _export_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#check-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)


def _content(session: Session, what: str, kind: str | None, lang: str) -> tuple[str, Path, str]:
    """The Markdown to write, its default path (beside the case file) and the letter kind."""
    if what == "report":
        from partways.report import case_report  # written by the core team; imported lazily

        path = session.export_path("report", None, lang)
        return case_report(session.case, session.flow, lang), path, kind or ""
    kind = session.letter_kind(kind, lang)
    return session.letter(kind, lang), session.export_path("letter", kind, lang), kind


def letter_problems(session: Session, text: str, kind: str, lang: str) -> list[LetterProblem]:
    """What the core's checker finds in a letter about to be exported ([] if it cannot run)."""
    from partways.lettercheck import check_letter

    try:
        return check_letter(text, lang, kind=kind, case=session.case, flow=session.flow)
    except PartwaysError:  # a broken letter-checks.yaml must not stop an export
        return []


def start_export(
    app: PartwaysApp, session: Session, what: str, kind: str | None = None, lang: str | None = None
) -> None:
    """Prompt for the path, confirm an overwrite, write atomically, say where it went."""
    from partways.files import write_atomic

    ui = app.lang
    lang = lang or session.case.lang or ui
    try:
        text, default, kind = _content(session, what, kind, lang)
    except (PartwaysError, ImportError) as exc:
        message = exc.one_line() if isinstance(exc, PartwaysError) else str(exc)
        app.notify(message, severity="error")
        return

    # the documents folder (or the last one used), not the hidden data folder of the case
    from partways.paths import export_name
    from partways.settings import export_folder, save_setting

    default = export_folder() / export_name(session.case.path, what, kind, lang)

    def write(path: Path) -> None:
        try:
            write_atomic(path, text, mode=0o600, protect=(session.case.path,))
        except PartwaysError as exc:
            app.notify(exc.one_line(), severity="error")
            return
        save_setting("export_dir", str(path.resolve().parent))
        app.exported(path)

    def confirmed(path: Path, ok: bool | None) -> None:
        if ok:
            write(path)
        else:
            app.notify(s("not_exported", ui))

    def chosen(path: Path | None) -> None:
        if path is None:
            app.notify(s("not_exported", ui))
        elif path.exists():
            app.push_screen(
                ConfirmScreen(s("exists", ui, path=path), ui), lambda ok: confirmed(path, ok)
            )
        else:
            write(path)

    title = s("export_report_title" if what == "report" else "export_letter_title", ui)

    def ask_path() -> None:
        app.push_screen(ExportScreen(title, default, ui), chosen)

    def checked(go_on: bool | None) -> None:
        if go_on:
            ask_path()
        else:
            app.notify(s("not_exported", ui))

    problems = letter_problems(session, text, kind, lang) if what == "letter" else []
    if problems:
        app.push_screen(LetterCheckScreen(problems, ui), checked)
    else:
        ask_path()
