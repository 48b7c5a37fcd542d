"""The facilitator mode: the wizard's app with a study's story first, a question view made for
a projector (discussion prompts, team notes, votes) and a debrief at the end.

Everything else (review, verdict, letter, log, export, autosave, fr/en) is the wizard's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import SystemCommand
from textual.screen import Screen

from partways.session import Session
from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate, NavTarget
from partways.tui.screens.question import QuestionScreen
from partways.tui.strings import s


class WorkshopApp(PartwaysApp):
    """`partways workshop [STUDY|CASE]`: a working case of a study, or the study chooser."""

    workshop = True

    def __init__(self, case_path: str | Path | None = None, lang: str | None = None) -> None:
        super().__init__(case_path, flow_ref=None, lang=lang)
        self.title = s("ws_title", self.lang)

    def first_step(self, session: Session, again: bool) -> Navigate:
        """The study's story first (a plain case goes to its questions); a workshop always walks
        from the story, so `again` changes nothing here."""
        if isinstance(session.case.extra.get("study"), dict):
            return Navigate("narrative")
        return Navigate("question")

    def make_start_screen(self) -> Screen[None]:
        from partways.tui.screens.workshop_start import WorkshopStartScreen

        return WorkshopStartScreen()

    def watch_lang(self, lang: str) -> None:
        self.title = s("ws_title", lang)

    def make_question_screen(self) -> QuestionScreen:
        from partways.tui.screens.workshop_question import WorkshopQuestionScreen

        return WorkshopQuestionScreen()

    def _make(self, target: NavTarget, kind: str | None = None) -> Screen[None]:
        if target == "narrative":
            from partways.tui.screens.narrative import NarrativeScreen

            return NarrativeScreen()
        if target == "debrief":
            from partways.tui.screens.debrief import DebriefScreen

            return DebriefScreen()
        return super()._make(target, kind)

    def extra_commands(self) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(
            s("cmd_debrief", lang),
            s("cmd_debrief_help", lang),
            lambda: self.navigate(Navigate("debrief")),
        )
        if self.session is not None and isinstance(self.session.case.extra.get("study"), dict):
            yield SystemCommand(
                s("cmd_study", lang),
                s("cmd_study_help", lang),
                lambda: self.navigate(Navigate("narrative")),
            )
