"""The end of a workshop: verdict and reasons, where the team disagreed, figures, steps, the
drafted letter, and the three lessons questions. Ending writes the debrief Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import (
    Button,
    Markdown,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from partways.errors import PartwaysError
from partways.i18n import colon_for, tr
from partways.messages import t as core_t
from partways.present import answer_text, friction_text, verdict_label
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen, focus_now, typed_first
from partways.tui.screens.verdict import provisional_mark
from partways.tui.styles import sheet
from partways.tui.widgets.figures import FigureTable
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.letter_preview import LetterPreview
from partways.tui.widgets.reasons import ReasonList
from partways.tui.widgets.title_bar import TitleBar
from partways.tui.widgets.what_if import WhatIfList

if TYPE_CHECKING:
    from collections.abc import Callable

    from partways.assessment import Assessment

SAVE_DELAY = 0.4  # seconds of quiet typing before lessons are written
TABS = ("tab-summary", "tab-letter", "tab-lessons")
WIDE = 110  # columns from which the summary shows two columns


class PathStatus(Static):
    """One line that names a file: when the line is too wide, the path's middle gives way
    (its end is the file's name, its start says which disk or home), never the end."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__(id=id)
        self._template: Callable[[str], str] = str
        self._path = ""
        self._style = ""

    def show(self, template: Callable[[str], str], path: str, style: str = "") -> None:
        self._template, self._path, self._style = template, path, style
        self.refresh()

    def render(self) -> Text:
        from partways.tui.screens.export import middle_cut

        width = self.content_region.width or 80
        line = self._template(self._path)
        if len(line) > width and self._path:
            room = width - (len(line) - len(self._path))
            line = self._template(_cut_path(self._path, room, middle_cut))
        return Text(line, style=self._style, no_wrap=True, overflow="ellipsis")


def _cut_path(path: str, room: int, middle_cut: Callable[[str, int], str]) -> str:
    """`/tmp/pytest…/case-debrief.md`: the file's name whole when it fits with a few
    characters of the start, else the middle of the whole path goes."""
    head, sep, name = path.rpartition("/")
    keep = room - len(name) - 2  # "…/"
    if sep and keep >= 4:
        return f"{head[:keep]}…/{name}"
    return middle_cut(path, max(room, 12))


class DebriefScreen(WizardScreen):
    """Three tabs (summary, letter, lessons); ctrl+s ends the workshop and writes the file."""

    DEFAULT_CSS = sheet("debrief")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    DEFAULT_CLASSES = "workshop"
    BINDINGS = [
        Binding("ctrl+s", "end_workshop", "End workshop", priority=True),
        Binding("ctrl+t", "next_tab", "Next tab", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._save_timer: Timer | None = None
        self._written: Path | None = None

    def _lessons(self) -> list[tuple[str, object]]:
        return [(str(item.get("id")), item.get("text", {})) for item in self.session.flow.lessons]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="debrief-verdict")
        yield Static(id="debrief-provisional")
        with TabbedContent(id="debrief-tabs"):
            with (
                TabPane("", id="tab-summary"),
                VerticalScroll(id="summary-scroll"),
                Container(id="summary-grid"),
            ):
                # side by side on a wide screen (projector), one column below WIDE columns
                with Vertical(id="summary-main"):
                    yield Static(id="debrief-summary")
                    yield Static(id="debrief-expected")
                    yield LangLabel("reasons", id="reasons-title", classes="heading")
                    yield ReasonList(id="reasons")
                    yield Static(id="whatif-title", classes="heading")
                    yield Static(id="whatif-prompt")
                    yield WhatIfList(id="whatif")
                with Vertical(id="summary-side"):
                    yield LangLabel(
                        "disagreements", lookup=core_t, id="splits-title", classes="heading"
                    )
                    yield Static(id="splits")
                    yield LangLabel("figures", id="figures-title", classes="heading")
                    yield FigureTable(id="figures")
                    yield LangLabel("steps", id="steps-title", classes="heading")
                    yield Static(id="debrief-steps")
            with TabPane("", id="tab-letter"), VerticalScroll(id="debrief-letter-scroll"):
                yield LetterPreview(id="debrief-letter")
            with TabPane("", id="tab-lessons"), VerticalScroll(id="lessons-scroll"):
                yield LangLabel("lessons_help", style="dim", id="lessons-help")
                for lesson_id, _text in self._lessons():
                    yield Static(id=f"lesson-label-{lesson_id}", classes="lesson-label")
                    yield TextArea(
                        self.session.case.lessons.get(lesson_id, ""),
                        id=f"lesson-{lesson_id}",
                        classes="lesson",
                        soft_wrap=True,
                        show_line_numbers=False,
                        compact=True,
                    )
        with Horizontal(id="debrief-bar"):
            yield PathStatus(id="debrief-status")
            yield Button("", id="end-workshop", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Button).can_focus = False
        self.apply_lang()
        self.query_one("#summary-scroll").focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    # -- showing -----------------------------------------------------------------------------
    def apply_lang(self) -> None:
        session, lang = self.session, self.lang
        flow = session.flow
        result = session.assessment(lang)
        tabs = self.query_one(TabbedContent)
        for pane_id, key in zip(TABS, ("tab_summary", "tab_letter", "tab_lessons"), strict=True):
            tabs.get_tab(pane_id).label = self.t(key)
        self.query_one("#debrief-verdict", Static).update(
            Text.assemble(
                (f"{self.t('debrief_title')}  ", "bold"),
                ("▶ ", "bold"),
                (f" {result.label} ", "bold reverse"),
                (f"  ·  {friction_text(result.friction_pct, self.lang)}", "dim"),
            )
        )
        provisional = self.query_one("#debrief-provisional", Static)
        provisional.update(provisional_mark(result, lang, self.t("provisional_hint_ws")))
        provisional.display = result.provisional  # an unfinished session's debrief
        self.query_one("#debrief-summary", Static).update(Text(result.summary))
        expected = self.query_one("#debrief-expected", Static)
        study = session.case.extra.get("study")
        verdict = study.get("expected") if isinstance(study, dict) else None
        if verdict in flow.verdicts:
            label = verdict_label(flow, str(verdict), lang)
            expected.update(Text(self.t("expected", verdict=label), style="italic"))
        expected.display = verdict in flow.verdicts
        self.query_one(ReasonList).show(flow, result, lang, self.t("no_reasons"))
        self._show_what_if(result)
        self.query_one("#splits", Static).update(self._splits_text())
        self.query_one(FigureTable).show(result.figures, lang, self.t("no_figures"))
        done = session.steps_done()
        steps = Text()
        for n, step in enumerate(result.steps):
            if n:
                steps.append("\n")
            steps.append("✓ " if step.id in done else "☐ ", style="bold")
            steps.append(tr(step.title, lang), style="bold")
            steps.append(f" — {tr(step.text, lang)}")
        self.query_one("#debrief-steps", Static).update(steps)
        self.query_one("#debrief-letter", Markdown).update(self._letter())
        for lesson_id, text in self._lessons():
            self.query_one(f"#lesson-label-{lesson_id}", Static).update(tr(text, lang))
        self.query_one("#end-workshop", Button).label = self.t("b_end_long")
        status = self.query_one("#debrief-status", PathStatus)
        if self._written is not None:
            written = lambda p: self.t("debrief_written", path=p)  # noqa: E731
            status.show(written, str(self._written), "bold")
        else:
            from partways.workshop import debrief_path

            path = session.case.path
            name = debrief_path(path).name if path is not None else ""
            status.show(lambda n: self.t("debrief_hint", name=n), name, "dim")

    def _show_what_if(self, result: Assessment) -> None:
        """The changes that would move the verdict, as questions for the team (not for an
        unfinished session: the verdict itself may still change)."""
        parts = [self.query_one(f"#{i}") for i in ("whatif-title", "whatif-prompt", "whatif")]
        for part in parts:
            part.display = not result.provisional
        if result.provisional:
            return
        lang = self.lang
        self.query_one("#whatif-title", Static).update(core_t("what_if_discuss", lang))
        prompt = Text(core_t("what_if_prompt", lang), style="italic")
        self.query_one("#whatif-prompt", Static).update(prompt)
        self.query_one(WhatIfList).show(self.session.flow, self.session.what_if(), lang)

    def _splits_text(self) -> Text:
        from partways.workshop import splits, team_decision, vote_value

        session, lang = self.session, self.lang
        flow = session.flow
        found = splits(session.case, flow)
        if not found:
            return Text(core_t("no_disagreement", lang), style="italic")
        colon = colon_for(lang)
        text = Text()
        for n, (q, counts) in enumerate(found):
            if n:
                text.append("\n")
            parts = ", ".join(
                f"{answer_text(flow, q, vote_value(q, k), lang)}{colon} {c}"
                for k, c in counts.items()
            )
            text.append("⚑ ", style="bold")
            text.append(tr(q.text, lang), style="bold")
            text.append(f"\n   {parts} → ")
            recorded = session.engine.answers.get(q.id)
            text.append(answer_text(flow, q, recorded, lang), style="bold")
            if team_decision(counts) is None:
                text.append(f" ({core_t('tie', lang)})", style="italic")
        return text

    def _letter(self) -> str:
        try:
            return self.session.letter(lang=self.lang)
        except PartwaysError as exc:
            return f"*{exc.one_line()}*"

    # -- lessons -----------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if not area.has_class("lesson") or area.id is None:
            return
        self.session.set_lesson(area.id.removeprefix("lesson-"), area.text, save=False)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_lessons)

    def _save_lessons(self) -> None:
        self._save_timer = None
        for area in self.query(TextArea).filter(".lesson"):
            if area.id is not None:
                self.session.set_lesson(area.id.removeprefix("lesson-"), area.text, save=False)
        try:
            self.session.save()
        except PartwaysError as exc:
            self.notify(exc.one_line(), severity="error")

    def before_quit(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_lessons()

    # -- ending ------------------------------------------------------------------------------
    @typed_first
    def action_end_workshop(self) -> None:
        """Save the lessons, then write the debrief next to the case (asking before replacing)."""
        from partways.report import debrief
        from partways.tui.screens.export import ConfirmScreen
        from partways.workshop import debrief_path

        self.before_quit()
        session = self.session
        if session.case.path is None:
            return
        path = debrief_path(session.case.path)
        text = debrief(session.case, session.flow, self.lang)
        if path.exists():

            def confirmed(ok: bool | None) -> None:
                if ok:
                    self._write(path, text)
                else:
                    self.notify(self.t("not_exported"))

            self.app.push_screen(ConfirmScreen(self.t("exists", path=path), self.lang), confirmed)
        else:
            self._write(path, text)

    def _write(self, path: Path, text: str) -> None:
        from partways.files import write_atomic

        try:
            write_atomic(path, text, mode=0o600)
        except PartwaysError as exc:
            self.notify(exc.one_line(), severity="error")
            return
        self._written = path
        self.apply_lang()
        self.notify(self.t("debrief_written", path=path))

    def action_next_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        current = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(current + 1) % len(TABS)]
        if tabs.active == "tab-lessons":  # what the facilitator types must land in a lesson
            areas = self.query("#lessons-scroll TextArea")
            if areas:
                focus_now(areas.first())

    @typed_first
    def action_back(self) -> None:
        self.post_message(Navigate("review"))

    @on(Button.Pressed, "#end-workshop")
    def _end_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_end_workshop()
