"""The Textual app: opens the case, swaps screens on `Navigate`, owns language and quitting.

Deliberately small: what a screen shows lives in `screens/`, the case state in `session.py`,
the words in `strings.py`.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from partways import startup
from partways.errors import PartwaysError
from partways.i18n import resolve_lang
from partways.session import Conflict, OpenedCase, Session
from partways.tui.keys_ahead import KeyOrder
from partways.tui.requests import Export, Navigate, NavTarget
from partways.tui.strings import s

if TYPE_CHECKING:
    from partways.case import Case
    from partways.flow import Flow
    from partways.tui.screens.question import QuestionScreen

#: Below this the question, its choices and the key bar no longer fit (checked at 60×20).
MIN_WIDTH, MIN_HEIGHT = 60, 20
#: The signals that end the wizard from outside: the terminal closed, `kill` (none on Windows).
ENDING_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)


class PartwaysApp(App[int]):
    """The full-screen wizard over one case file."""

    CSS_PATH = "app.tcss"
    TITLE = "partways"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+l", "switch_lang", "Français", priority=True),
        # not in the footer (no room at 80 columns): the palette and the workshop hint name it
        Binding("ctrl+j", "log", "Log", priority=True, show=False),
        # not priority: a text field keeps its "?" (Input consumes printable keys)
        Binding("f1", "keys", "Keys", show=False, priority=True),
        Binding("question_mark", "keys", "Keys", show=False),
    ]
    #: The facilitator mode (WorkshopApp) swaps the question screen and ends on a debrief.
    workshop = False
    #: The interface language: screens and widgets watch it and redraw their own words.
    lang: reactive[str] = reactive("en", init=False)

    def __init__(
        self,
        case_path: str | Path | None = None,
        flow_ref: str | None = None,
        lang: str | None = None,
    ) -> None:
        super().__init__()
        self.case_path = Path(case_path).expanduser() if case_path else None
        self.flow_ref = flow_ref
        from partways.settings import load_settings

        self._settings = load_settings()
        #: The language chosen last time (ctrl+l) comes after --lang and the case's own.
        self._lang_saved = self._settings.get("lang")
        self.lang = resolve_lang(lang, self._lang_saved)
        self._lang_option = lang
        self.session: Session | None = None
        #: While the app starts (`get_default_screen`), the screens `_open` showed; else None.
        self._starting: list[Screen[Any] | str] | None = None
        self._conflict_open = False
        self._quit_warned = False  # ctrl+q found the case could not be saved and said so
        self._ending = False  # a signal ends the app: no dialog is opened any more
        self._signals: list[int] = []  # the ending signals this app handles while it runs
        #: Why the case could not be written when a signal ended the app (launch prints it).
        self.unsaved: str | None = None
        self.flow: Flow | None = None
        #: Which key is being handled, and in what order keys arrived (keys_ahead.py).
        self.keys = KeyOrder()

    async def on_event(self, event: events.Event) -> None:
        """Number each key as it arrives, and say which key is being handled while it is,
        here (its priority bindings) and when it has bubbled back up (the focused widget's
        bindings): a key typed ahead of a question change is sent again in its order."""
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if not event.is_forwarded:
            self.keys.arrived(event)
        self.keys.handling(event)
        try:
            await super().on_event(event)
        finally:
            self.keys.handled()

    # -- terminal size -----------------------------------------------------------------------
    def on_resize(self, _event: events.Resize) -> None:
        # after the refresh, so screens pushed while starting are already on the stack
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        width, height = self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        # the screen's module is loaded only once it is needed: until then it is not on top
        loaded = sys.modules.get("partways.tui.screens.too_small")
        on_top = loaded is not None and isinstance(self.screen, loaded.TooSmallScreen)
        if not small and not on_top:
            return
        from partways.tui.screens.too_small import TooSmallScreen

        if small:
            if on_top:
                self.screen.show_size(width, height)  # type: ignore[attr-defined]  # the current screen is the one that has show_size
            else:
                self.push_screen(TooSmallScreen(width, height))
        else:
            self.pop_screen()

    # -- start -------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """The first screen (the case's question, the start screen, or the error) is the bottom
        of the stack itself, not pushed over Textual's blank default screen: that screen cost a
        style pass, a layout and a screen switch before the first question was drawn."""
        shown: list[Screen[Any] | str] = []
        self._starting = shown
        try:
            self._open()
        except PartwaysError as exc:
            from partways.tui.screens.error import ErrorScreen

            shown.append(ErrorScreen(exc.one_line()))
        finally:
            self._starting = None
        first = shown[-1]  # _open shows a screen or raises
        return self.get_screen(first) if isinstance(first, str) else first

    def on_mount(self) -> None:
        theme = self._settings.get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # the first screen is drawn: garbage collection may run again (see startup.py)
        self.call_after_refresh(startup.resume, True)
        self._watch_ending_signals()

    def _open(self) -> None:
        from partways.flow import load_flow
        from partways.session import read_case_file

        if self.case_path is not None and self.case_path.exists():
            opened = read_case_file(self.case_path, self.flow_ref)
            self.open_case(opened.case, opened.flow, opened=opened)
        else:
            self.flow = load_flow(self.flow_ref or "client-review")
            self._show(self.make_start_screen())

    def _show(self, screen: Screen[Any] | str) -> None:
        """Make `screen` current. While the app starts, it becomes the bottom of the stack (see
        `get_default_screen`). Textual cannot switch the bottom screen away (it was not pushed,
        so it has no result callback to pop), so it stays: the other screens replace each other
        above it, and showing a screen of its kind again goes back down to it."""
        if self._starting is not None:
            self._starting.append(screen)
            return
        target = self.get_screen(screen) if isinstance(screen, str) else screen
        if target is not self.screen and self.session is not None and self.session.pending:
            # The save waits for the next frame of the screen it was asked on, which this one
            # replaces: an installed screen (the questions) keeps it until it is shown again.
            self._run_save(self.session.flush)
        stack = self.screen_stack
        if type(target) is type(stack[0]):
            for _ in stack[1:]:
                self.pop_screen()
        elif len(stack) == 1:
            self.push_screen(target)
        else:
            self.switch_screen(target)

    def open_case(
        self,
        case: Case,
        flow: Flow,
        *,
        path: Path | None = None,
        again: bool = False,
        opened: OpenedCase | None = None,
    ) -> Session:
        """The one way a face opens a case (the command line's file, a start screen's row): the
        language is --lang, then the case's own, then the one chosen last time, whoever opens it.
        `path` becomes the app's case file (a workshop study's new working case); `opened`, the
        file as just read (see `read_case_file`)."""
        if path is not None:
            self.case_path = path
        self.flow = flow
        lang = resolve_lang(self._lang_option, case.lang or self._lang_saved)
        session = Session(case, flow, lang, opened=opened)
        self.start_session(session, again=again)
        return session

    def start_session(self, session: Session, again: bool = False) -> None:
        """Begin working on a case (also after a reload from disk), on `first_step`'s screen."""
        self.session = session
        session.on_conflict = self._on_conflict
        session.schedule_save = self._save_after_frame
        self.lang = session.lang
        self.sub_title = session.case.client.get("name", "")
        if session.case.path is None or not session.case.path.exists():
            self.session.save()  # a new case is written at once, so it shows among recent cases
        self.navigate(self.first_step(session, again))

    def first_step(self, session: Session, again: bool) -> Navigate:
        """Where an opened case starts: the first unanswered question (or the review); `again`
        (review the client again) starts at the first question, answers pre-selected."""
        nxt = session.resume_question()
        if again:
            nxt = next(iter(session.engine.relevant_questions()), nxt)
        return Navigate("question", nxt.id) if nxt else Navigate("review")

    def make_start_screen(self) -> Screen[None]:
        """The screen shown with no case open (the workshop shows its study chooser)."""
        from partways.tui.screens.start import StartScreen

        return StartScreen(self.case_path)

    def _save_after_frame(self, flush: Callable[[], object]) -> None:
        """An answer is written once the next question is on the screen, not before: writing
        the file (YAML, fsync) was a third of a keypress. Quitting saves too (`action_quit`),
        and so does any other way out (`launch._run`)."""
        self.call_after_refresh(self._run_save, flush)

    def _run_save(self, flush: Callable[[], object]) -> None:
        try:
            flush()
        except PartwaysError as exc:  # the answer stays in memory: the next save retries it
            self.notify(exc.one_line(), severity="error")

    def _on_conflict(self, path: Path) -> Conflict:
        """The file changed on disk: nothing is written now; a dialog asks what to do (once,
        however many saves come meanwhile)."""
        if not self._conflict_open and not self._ending:  # ending: no one left to answer
            from partways.tui.screens.conflict import ConflictScreen

            self._conflict_open = True
            self.push_screen(ConflictScreen(path, self.lang), self._conflict_decided)
        return "cancel"

    def _conflict_decided(self, choice: Conflict | None) -> None:
        self._conflict_open = False
        session = self.session
        if session is None:
            return
        try:
            if choice in ("overwrite", "reload"):
                self._quit_warned = False  # the next ctrl+q saves (or warns) again
            if choice == "overwrite":
                session.save(force=True)
            elif choice == "reload":
                session.reload()
                self.start_session(session)
        except PartwaysError as exc:
            self.notify(exc.one_line(), severity="error")

    # -- navigation --------------------------------------------------------------------------
    def on_navigate(self, message: Navigate) -> None:
        self.navigate(message)

    def navigate(self, message: Navigate) -> None:
        from partways.tui.screens.question import QuestionScreen

        if message.target != "start" and message.target != "details" and self.session is None:
            self.notify(s("need_case", self.lang), severity="warning")
            return
        screen: Screen[None] | str
        if message.target == "question":
            if not self.is_screen_installed("question"):
                self.install_screen(self.make_question_screen(), "question")
            screen = "question"
            question_screen = self.get_screen("question")
            assert isinstance(question_screen, QuestionScreen)
            qid = message.qid
            if qid is None:
                assert self.session is not None  # checked above: only start and details go without
                nxt = self.session.resume_question()
                if nxt is None:
                    self.navigate(Navigate("review"))
                    return
                qid = nxt.id
            question_screen.show_question(qid, message.from_review)
        else:
            screen = self._make(message.target, message.kind)
        self._show(screen)

    def make_question_screen(self) -> QuestionScreen:
        from partways.tui.screens.question import QuestionScreen

        return QuestionScreen()

    def _make(self, target: NavTarget, kind: str | None = None) -> Screen[None]:
        if target == "review":
            from partways.tui.screens.review import ReviewScreen

            return ReviewScreen()
        if target == "verdict":
            from partways.tui.screens.verdict import VerdictScreen

            return VerdictScreen()
        if target == "letter":
            from partways.tui.screens.letter import LetterScreen

            return LetterScreen(kind)
        if target == "details":
            from partways.tui.screens.details import DetailsScreen

            return DetailsScreen(self.case_path, back=self._here())
        if target == "start":
            return self.make_start_screen()
        # "question" is installed by navigate(); narrative and debrief belong to the workshop
        raise ValueError(f"no {target!r} screen in the wizard")

    def _here(self) -> Navigate | None:
        """Where the user is now, to come back to after the details (None: not a wizard step)."""
        name = type(self.screen).__name__
        targets: dict[str, NavTarget] = {
            "ReviewScreen": "review",
            "VerdictScreen": "verdict",
            "LetterScreen": "letter",
        }
        if name in targets:
            return Navigate(targets[name])
        qid = getattr(self.screen, "qid", None)
        return Navigate("question", qid) if name.endswith("QuestionScreen") and qid else None

    # -- actions -----------------------------------------------------------------------------
    def _theme_changed(self, theme: object) -> None:
        from partways.settings import save_setting

        save_setting("theme", self.theme)

    def action_switch_lang(self) -> None:
        from partways.settings import save_setting

        lang = "en" if self.lang == "fr" else "fr"
        save_setting("lang", lang)
        if self.session is not None:
            self.session.set_lang(lang)  # first: screens redraw from the session's language
        self.lang = lang

    async def action_quit(self) -> None:
        """ctrl+q: save and leave, once the focused field has taken the keys typed before it
        (the note's, the letter's or a lesson's last letters may still be queued for it)."""
        from partways.tui.screens.base import once_typed

        once_typed(self.screen, self._quit)

    def _quit(self) -> None:
        """Leave once what the user typed is written. A save that fails (a full disk, a file
        made read-only) or waits for the changed-on-disk dialog keeps the wizard open, once:
        the reason is shown and ctrl+q again leaves without saving."""
        if not self._quit_warned:
            reason = self._write_all()
            if reason is not None:
                self._quit_warned = True
                if reason:
                    reason = reason.rstrip(".")
                    self.notify(s("quit_unsaved", self.lang, reason=reason), severity="error")
                return
        self.exit(0, return_code=0)

    def _write_all(self) -> str | None:
        """Write what is typed and not yet saved (the screen's own field first): None once it
        is on disk, else why not ("" when the changed-on-disk dialog is up and says it)."""
        session = self.session
        if session is None:
            return None
        try:
            hook = getattr(self.screen, "before_quit", None)
            if hook is not None:
                hook()
            if session.save() is None and session.case.path is not None:
                return ""
        except PartwaysError as exc:
            return exc.one_line()
        return None

    # -- ended from outside ------------------------------------------------------------------
    def _watch_ending_signals(self) -> None:
        """Python dies on the spot on SIGHUP (the terminal window closed) and SIGTERM (`kill`,
        a logout): what waited for its save (the last answer's frame, the last 0.4 s typed in
        a note, the letter or a lesson) was lost. Both now end the wizard as ctrl+q does."""
        loop = asyncio.get_running_loop()
        for number in ENDING_SIGNALS:
            try:
                loop.add_signal_handler(number, self._ended_from_outside, number)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, not main thread
                return
            self._signals.append(number)

    def _ended_from_outside(self, number: int) -> None:
        self._ending = True
        reason = self._write_all()
        if reason == "" and self.session is not None:  # the file changed on disk
            reason = (
                f"{self.session.case.path}: changed on disk since it was opened; this "
                "session's changes were not written over it"
            )
        if reason:
            self.unsaved = reason  # printed by launch once the terminal is given back
        self.exit(0, return_code=128 + number)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self._signals:
            loop.remove_signal_handler(number)
        self._signals.clear()

    def action_keys(self) -> None:
        """Every key of the current screen, in the current language (F1, ?, palette "Keys")."""
        from partways.tui.screens.help import HelpScreen, key_rows

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(key_rows(self.screen, self.get_key_display, self.lang), self.lang)
        )

    def action_log(self) -> None:
        """The communications log (dated emails, calls, meetings, reminders) of the case."""
        from partways.tui.screens.log import LogScreen

        if self.session is None:
            self.notify(s("need_case", self.lang), severity="warning")
            return
        if not isinstance(self.screen, LogScreen):
            self.push_screen(LogScreen())

    def on_export(self, message: Export) -> None:
        from partways.tui.screens.export import start_export

        if self.session is not None:
            start_export(self, self.session, message.what, message.kind, message.lang)

    def exported(self, path: Path) -> None:
        """Say where an export went; offer to open it when the desktop has an opener."""
        from partways.tui.screens.export import ExportedScreen, opener

        if opener() is None:
            self.notify(s("exported", self.lang, path=path))
        else:
            self.push_screen(ExportedScreen(path, self.lang))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Main actions in the command palette, in the current language."""
        lang = self.lang

        def go(target: NavTarget) -> Navigate:
            return Navigate(target)

        if self.session is not None:
            for key, target in (
                ("cmd_resume", "question"),
                ("cmd_review", "review"),
                ("cmd_verdict", "verdict"),
                ("cmd_letter", "letter"),
                ("cmd_details", "details"),
            ):
                yield SystemCommand(
                    s(key, lang), s(key + "_help", lang), lambda t=target: self.navigate(go(t))
                )
            yield SystemCommand(
                s("cmd_export", lang),
                s("cmd_export_help", lang),
                lambda: self.post_message(Export("letter")),
            )
            yield SystemCommand(
                s("cmd_report", lang),
                s("cmd_report_help", lang),
                lambda: self.post_message(Export("report")),
            )
            yield SystemCommand(s("cmd_log", lang), s("cmd_log_help", lang), self.action_log)
            copy = getattr(screen, "action_copy_letter", None)
            if copy is not None:
                yield SystemCommand(s("cmd_copy", lang), s("cmd_copy_help", lang), copy)
            yield from self.extra_commands()
        for action, key in (("action_reassess", "cmd_reassess"), ("action_changes", "cmd_changes")):
            run = getattr(screen, action, None)  # the portfolio's highlighted client, the verdict's
            if run is not None:
                yield SystemCommand(s(key, lang), s(key + "_help", lang), run)
        yield SystemCommand(s("cmd_lang", lang), s("cmd_lang_help", lang), self.action_switch_lang)
        yield SystemCommand(s("cmd_keys", lang), s("cmd_keys_help", lang), self.action_keys)
        yield SystemCommand(
            s("cmd_theme", lang), s("cmd_theme_help", lang), self.action_change_theme
        )
        for command in super().get_system_commands(screen):
            # Textual's "Keys" panel lists the text editor's keys; its "Theme" is English only
            if command.title not in ("Keys", "Theme"):
                yield command

    def extra_commands(self) -> Iterable[SystemCommand]:
        """Palette commands a mode adds while a case is open (the workshop's debrief…)."""
        return ()
