"""The `partways ask` journey: open or create a case, walk the flow, review, verdict, files.

Every decision (what to ask, what is relevant, what an answer means, the verdict) is the core
engine's; this module only turns questions into prompts and prints. Like Harlequin's
config_wizard, prompts use `.unsafe_ask()` and one `except KeyboardInterrupt` around the whole
journey saves what was answered and says how to resume.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questionary import Choice

from partways.answers import parse_input
from partways.case import CIVILITIES, Case, parse_date
from partways.engine import Engine
from partways.errors import AnswerError, PartwaysError
from partways.flow import Flow, Question, load_flow
from partways.i18n import resolve_lang, tr
from partways.present import answer_text, option_label
from partways.prompt import render
from partways.prompt.strings import s
from partways.prompt.ui import Prompter
from partways.session import Conflict, Session

if TYPE_CHECKING:
    from rich.console import Console

    from partways.assessment import Assessment

EXIT_OK, EXIT_USER, EXIT_INTERRUPT = 0, 1, 130


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


HELP = _Marker("help")
BACK = _Marker("back")
SKIP = _Marker("skip")
NOTE = _Marker("note")
#: The key (select, checkbox) or the text typed alone (text prompts) that opens the note.
NOTE_KEY = "n"
VERDICT = _Marker("verdict")


@dataclass(frozen=True)
class Outcome:
    """What the user did with one question: answered (value), skipped, or went back."""

    kind: str  # "answer" | "skip" | "back"
    value: Any = None


def _value_text(value: Any) -> str:
    """A stored answer as editable text for a text prompt's default."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Journey:
    def __init__(self, ui: Prompter, console: Console, lang: str) -> None:
        self.ui = ui
        self.console = console
        self.lang = lang
        self.session: Session | None = None

    @property
    def case(self) -> Case | None:
        return self.session.case if self.session else None

    @property
    def flow(self) -> Flow | None:
        return self.session.flow if self.session else None

    @property
    def engine(self) -> Engine | None:
        return self.session.engine if self.session else None

    def _conflict(self, path: Path) -> Conflict:
        """The case file changed on disk (another window, an editor): ask before overwriting."""
        if self.ui.yes_no(s("changed_on_disk", self.lang, path=path), default=False):
            return "overwrite"
        render.note(self.console, s("not_saved", self.lang), "yellow")
        return "cancel"

    # -- case ------------------------------------------------------------------------------
    def open(self, case_path: str | Path | None, flow_ref: str | None, lang: str | None) -> None:
        path = Path(case_path).expanduser() if case_path else None
        if path is not None and path.exists():
            self.session = Session.open(path, flow_ref, lang, on_conflict=self._conflict)
            self.lang = self.ui.lang = self.session.lang
            self._ask_missing_parties()
            p = self.session.engine.progress()
            render.note(
                self.console,
                s("resumed", self.lang, path=path, done=p.done, total=p.total),
                "green",
            )
            return
        flow = load_flow(flow_ref or "client-review")
        case = Case(flow=flow.ref, lang=self.lang)
        render.note(self.console, s("new_case", self.lang), "bold")
        self._ask_parties(case, tuple(self._PARTY_PROMPTS))
        if path is None:
            from partways.paths import default_case_path

            path = default_case_path(case.client["name"])
        self.session = Session.new(case, flow, path, self.lang, on_conflict=self._conflict)
        render.note(self.console, s("created", self.lang, path=path), "green")

    #: What a new case asks, in this order: (prompt string, required).
    _PARTY_PROMPTS = {
        "client.name": ("client_name", True),
        "client.contact": ("client_contact", False),
        "client.civility": ("client_civility", False),
        "provider.name": ("provider_name", True),
        "provider.signer": ("provider_signer", False),
        "provider.role": ("provider_role", False),
        "provider.city": ("provider_city", False),
    }

    def _ask_civility(self, case: Case) -> None:
        """Madame / Monsieur / no title for the person the letter is written to."""
        lang = self.lang
        whom = case.client.get("contact") or case.client.get("name") or ""
        choices = [Choice(s(f"civility_{c}", lang), value=c) for c in CIVILITIES]
        value = self.ui.select(
            s("client_civility", lang, contact=whom), choices, default=case.civility()
        )
        if value in ("ms", "mr"):
            case.client["civility"] = value
        else:
            case.client.pop("civility", None)

    def _ask_parties(self, case: Case, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key == "client.civility":
                self._ask_civility(case)
                continue
            string, required = self._PARTY_PROMPTS[key]
            party, field = key.split(".")

            def validate(text: str, required: bool = required) -> bool | str:
                return bool(text.strip()) or not required or s("required", self.lang)

            value = self.ui.text(s(string, self.lang), validate=validate).strip()
            if value:
                getattr(case, party)[field] = value

    def _ask_missing_parties(self) -> None:
        assert self.case is not None
        missing = tuple(
            k
            for k, (_, required) in self._PARTY_PROMPTS.items()
            if required and not getattr(self.case, k.split(".")[0]).get(k.split(".")[1])
        )
        if missing:
            self._ask_parties(self.case, missing)
            self.save()

    def save(self) -> None:
        assert self.session is not None
        self.session.save()

    # -- one question ----------------------------------------------------------------------
    def ask(self, q: Question, back_label: str | None = None) -> Outcome:
        """Ask `q` until the user answers, skips or goes back; help notes are shown in between."""
        assert self.engine is not None and self.flow is not None
        while True:
            if q.type in ("frequency", "choice", "boolean"):
                result = self._select(q, back_label)
            elif q.type == "multi":
                result = self._checkbox(q)
            else:
                result = self._text(q)
            if result is HELP:
                render.help_note(self.console, self.flow, q, self.lang)
                continue
            if result is NOTE:
                self._note(q)
                continue
            if result is BACK:
                return Outcome("back")
            if result is SKIP:
                return Outcome("skip")
            return Outcome("answer", result)

    def _note(self, q: Question) -> None:
        """The user's own note on this question (the evidence, who said what), kept in the
        case's `notes` as the wizard keeps it; an empty note removes it. The question is then
        asked again: a note never answers it."""
        assert self.session is not None
        lang = self.lang
        before = self.session.case.notes.get(q.id, "")
        text = self.ui.text(
            s("note_prompt", lang), default=before, instruction=s("keys_note", lang)
        )
        self.session.set_note(q.id, text)
        after = self.session.case.notes.get(q.id, "")
        if after != before:
            render.note(self.console, s("note_saved" if after else "note_removed", lang), "green")

    def _note_choice(self, q: Question) -> Choice:
        assert self.case is not None
        key = "note_edit_choice" if self.case.notes.get(q.id) else "note_choice"
        return Choice(s(key, self.lang), value=NOTE)

    def _current(self, q: Question) -> Any:
        assert self.engine is not None
        if q.id in self.engine.answers:
            return self.engine.answers[q.id]
        if q.id in self.engine.skipped:
            return None
        return q.default

    def _select(self, q: Question, back_label: str | None) -> Any:
        assert self.flow is not None
        values: tuple[Any, ...] = (True, False) if q.type == "boolean" else q.options
        choices = [Choice(answer_text(self.flow, q, v, self.lang), value=v) for v in values]
        if tr(q.help, self.lang):
            choices.append(Choice(s("help_choice", self.lang), value=HELP))
        if q.optional:
            choices.append(Choice(s("skip_choice", self.lang), value=SKIP))
        choices.append(self._note_choice(q))
        choices.append(Choice(back_label or s("back_choice", self.lang), value=BACK))
        current = self._current(q)
        hint = s("keys_select_optional" if q.optional else "keys_select_question", self.lang)
        return self.ui.select(
            tr(q.text, self.lang),
            choices,
            default=current if current in values else None,
            instruction=hint,
            hotkeys={"?": HELP, "<": BACK, "-": SKIP, NOTE_KEY: NOTE},
        )

    def _checkbox(self, q: Question) -> Any:
        """Tick any number of answers (none is an answer too); ? < - as in the other prompts."""
        assert self.flow is not None
        flow, lang = self.flow, self.lang
        current = self._current(q)
        ticked = set(current) if isinstance(current, list | tuple) else set()
        choices = [
            Choice(option_label(flow, q, v, lang), value=v, checked=v in ticked) for v in q.options
        ]
        hotkeys: dict[str, Any] = {"?": HELP, "<": BACK, NOTE_KEY: NOTE}
        if q.optional:
            hotkeys["-"] = SKIP
        return self.ui.checkbox(
            tr(q.text, lang),
            choices,
            shown=lambda values: answer_text(flow, q, values, lang),
            instruction=s("keys_multi_optional" if q.optional else "keys_multi", lang),
            hotkeys=hotkeys,
        )

    def _text(self, q: Question) -> Any:
        lang = self.lang

        def validate(text: str) -> bool | str:
            raw = text.strip()
            if raw in ("?", "<", NOTE_KEY) or (q.optional and raw in ("", "-")):
                return True
            if not raw:
                return s("required", lang)
            try:
                parse_input(q, raw)
            except AnswerError as exc:
                return s("refused", lang, message=exc.localized(lang))
            return True

        hint = s("keys_text_optional" if q.optional else "keys_text", lang)
        unit = s("date_form", lang) if q.type == "date" else tr(q.unit, lang)
        if unit:
            hint = f"[{unit}] {hint}"
        raw = self.ui.text(
            tr(q.text, lang),
            default=_value_text(self._current(q)),
            validate=validate,
            instruction=hint,
        ).strip()
        if raw == "?":
            return HELP
        if raw == "<":
            return BACK
        if raw == NOTE_KEY:
            return NOTE
        if not raw or raw == "-":
            return SKIP
        return parse_input(q, raw)

    def apply(self, q: Question, outcome: Outcome) -> bool:
        """Record an answer or a skip and autosave; False if the engine refused the value."""
        assert self.engine is not None
        try:
            if outcome.kind == "skip":
                self.engine.skip(q.id)
            else:
                self.engine.answer(q.id, outcome.value)
        except AnswerError as exc:
            render.note(
                self.console, s("refused", self.lang, message=exc.localized(self.lang)), "red"
            )
            return False
        self.save()
        return True

    # -- the walk --------------------------------------------------------------------------
    def walk(self, again: bool = False) -> None:
        """Ask every relevant question not yet answered, then the review list, until the user
        asks for the verdict. After a go-back, answered questions are walked again in order
        (their answer pre-selected) until the first unanswered one; `again` (`ask --again`,
        reviewing a client again) walks them all that way from the first question."""
        assert self.engine is not None and self.flow is not None
        engine = self.engine
        current = engine.next_question()
        revisiting = False
        if again:
            current = next(iter(engine.relevant_questions()), current)
            revisiting = current is not None
        while True:
            if current is None:
                if self.review():
                    return
                current, revisiting = engine.next_question(), False
                continue
            render.progress(self.console, self.flow, engine, current, self.lang)
            outcome = self.ask(current)
            if outcome.kind == "back":
                previous = engine.previous_question(current.id)
                if previous is None:
                    render.note(self.console, s("first_question", self.lang), "yellow")
                else:
                    current, revisiting = previous, True
                continue
            if not self.apply(current, outcome):
                continue
            if revisiting:
                following = engine.following_question(current.id)
                if following is not None and engine.is_done(following.id):
                    current = following
                    continue
                revisiting = False
            current = engine.next_question()

    def review(self) -> bool:
        """The list of every relevant answer; True when the user asks for the verdict, False
        when an edit made new questions relevant (the walk then asks them)."""
        assert self.engine is not None and self.flow is not None
        engine, flow, lang = self.engine, self.flow, self.lang
        while engine.complete:
            choices = [Choice(s("see_verdict", lang), value=VERDICT)]
            for i, q in enumerate(engine.relevant_questions(), 1):
                if q.id in engine.answers:
                    shown = answer_text(flow, q, engine.answers[q.id], lang)
                else:
                    shown = s("skipped", lang)
                if self.session is not None and self.session.case.notes.get(q.id):
                    shown += " ✎"  # the note itself is in the report; here, that there is one
                room = max(24, min(72, self.console.width - len(shown) - 12))
                choices.append(
                    Choice(f"{i:>2}. {render.short(tr(q.text, lang), room)} — {shown}", value=q.id)
                )
            self.console.print()
            picked = self.ui.select(
                s("review_title", lang), choices, default=VERDICT, shortcuts=False
            )
            if picked is VERDICT:
                return True
            self.edit(flow.by_id[picked])
        return False

    def edit(self, q: Question) -> None:
        """Change one answer from the review list, then ask every question the change made
        relevant (pre-filled with any answer kept from before), so none is taken on trust."""
        assert self.engine is not None and self.flow is not None
        engine, lang = self.engine, self.lang
        back = s("review_back", lang)
        before = {x.id for x in engine.relevant_questions()}
        render.progress(self.console, self.flow, engine, q, lang)
        outcome = self.ask(q, back_label=back)
        if outcome.kind == "back" or not self.apply(q, outcome):
            return
        for new in [x for x in engine.relevant_questions() if x.id not in before]:
            if not engine.is_relevant(new.id):
                continue
            render.progress(self.console, self.flow, engine, new, lang)
            outcome = self.ask(new, back_label=back)
            if outcome.kind == "back":
                return
            self.apply(new, outcome)

    # -- the end ---------------------------------------------------------------------------
    def conclude(self) -> Assessment:
        """The verdict, through the same core check as `assess`: the walk only ends on a
        complete case, so `provisional` is a safeguard here, shown if it ever holds."""
        from partways.history import record_assessment, review_line

        assert self.session is not None and self.flow is not None
        result = self.session.assessment(self.lang)
        changes = self.session.what_if()
        render.assessment(self.console, self.flow, result, self.lang, changes)
        # reaching the verdict is a decision: dated in the case's history (one entry a day)
        if record_assessment(self.session.case, self.flow, result) is not None:
            self.save()
            line = review_line(self.session.case, self.lang)
            if line:
                render.note(self.console, line, "bold")
        return result

    def letter_details(self, result: Assessment) -> None:
        """The details the letter needs that no question asks (the core's `missing_details`:
        a new lead, the next provider, the date of the contract), kept in `case.letter`."""
        from partways.letters import DATE_DETAILS, missing_details

        assert self.case is not None
        details = self.case.letter
        for key in missing_details(self.case, result.letter):
            value: Any
            if key in DATE_DETAILS:
                value = self._ask_date(s(key, self.lang))
            else:
                value = self.ui.text(s(key, self.lang)).strip() or None
            if value is not None:
                details[key] = value
                self.save()

    def _ask_date(self, message: str) -> Any:
        """A YYYY-MM-DD date, or None when left empty; a date that does not exist is refused
        at the prompt, in the user's language."""
        lang = self.lang

        def validate(text: str) -> bool | str:
            if not text.strip():
                return True
            try:
                parse_date(text.strip())
            except ValueError:
                return s("bad_date", lang)
            return True

        raw = self.ui.text(message, validate=validate, instruction=s("date_hint", lang)).strip()
        return parse_date(raw) if raw else None

    def offer_files(self, result: Assessment) -> None:
        from partways.paths import export_name

        assert self.session is not None and self.case is not None and self.flow is not None
        case, flow, lang = self.case, self.flow, self.lang
        assert case.path is not None
        stem = case.path.with_suffix("")
        if self.ui.yes_no(s("offer_letter", lang, verdict=result.label)):
            self.letter_details(result)
            text = self.session.letter(result.letter, lang)
            if self.letter_checked(text, result.letter):
                self._write(
                    stem.with_name(export_name(case.path, "letter", result.letter, lang)), text
                )
            else:
                render.note(self.console, s("not_written", lang), "yellow")
        if self.ui.yes_no(s("offer_report", lang)):
            try:
                from partways.report import case_report
            except ImportError:
                render.note(
                    self.console,
                    s("report_unavailable", lang, path=shlex.quote(str(case.path))),
                    "yellow",
                )
            else:
                report = stem.with_name(export_name(case.path, "report", "", lang))
                self._write(report, case_report(case, flow, lang))

    def letter_checked(self, text: str, kind: str) -> bool:
        """Print what the core's letter checker finds and ask; True when the letter is clean
        or the user wants it written anyway. Yes is the default: this mode has no editor, the
        user fixes the file itself."""
        from partways.lettercheck import check_letter

        assert self.case is not None and self.flow is not None
        try:
            problems = check_letter(text, self.lang, kind=kind, case=self.case, flow=self.flow)
        except PartwaysError:  # a broken letter-checks.yaml must not stop the letter
            return True
        if not problems:
            return True
        render.letter_problems(self.console, problems, self.lang)
        return self.ui.yes_no(s("write_anyway", self.lang), default=True)

    def _write(self, default: Path, text: str) -> None:
        from partways.files import write_atomic

        lang = self.lang

        def validate(value: str) -> bool | str:
            return bool(value.strip()) or s("required", lang)

        target = Path(
            self.ui.text(s("file_path", lang), default=str(default), validate=validate).strip()
        ).expanduser()
        if target.exists() and not self.ui.yes_no(s("overwrite", lang, path=target), default=False):
            render.note(self.console, s("not_written", lang), "yellow")
            return
        write_atomic(target, text, protect=(self.case.path if self.case else None,))
        render.note(self.console, s("written", lang, path=target), "green")

    # -- interruption ----------------------------------------------------------------------
    def interrupted(self) -> None:
        if self.case is None or self.case.path is None or self.engine is None:
            render.note(self.console, s("nothing_saved", self.lang), "yellow")
            return
        self.save()
        path = shlex.quote(str(self.case.path))
        render.note(
            self.console,
            s("interrupted", self.lang, count=len(self.engine.answers), path=path),
            "yellow",
        )
        render.note(self.console, s("resume_hint", self.lang, path=path), "bold")


def run(
    case_path: str | Path | None = None,
    flow_ref: str | None = None,
    lang: str | None = None,
    *,
    input: Any = None,
    output: Any = None,
    console: Console | None = None,  # noqa: A002
    interactive: bool | None = None,
    again: bool = False,
) -> int:
    ui_lang = resolve_lang(lang, None)
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:
        print(s("error", ui_lang, message=s("no_tty", ui_lang)), file=sys.stderr)
        return EXIT_USER
    console = console or render.make_console()
    journey = Journey(Prompter(ui_lang, input=input, output=output), console, ui_lang)
    try:
        journey.open(case_path, flow_ref, lang)
        journey.walk(again=again)
        result = journey.conclude()
        journey.offer_files(result)
        assert journey.case is not None
        render.note(
            console, s("all_saved", journey.lang, path=shlex.quote(str(journey.case.path))), "green"
        )
        return EXIT_OK
    except PartwaysError as exc:
        print(s("error", journey.lang, message=exc.one_line()), file=sys.stderr)
        return EXIT_USER
    except (KeyboardInterrupt, EOFError):
        try:
            journey.interrupted()
        except PartwaysError as exc:
            print(s("error", journey.lang, message=exc.one_line()), file=sys.stderr)
        return EXIT_INTERRUPT
