"""Facilitator mode: a team works through a shipped case study, votes, keeps notes and a log,
answers the lessons questions and writes the debrief. Driven with Pilot, checked on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Input, Static, TextArea

from partways.case import open_case, save_case
from partways.engine import Engine
from partways.flow import load_flow
from partways.paths import examples_dir
from partways.present import verdict_label
from partways.tui.app import PartwaysApp
from partways.tui.launch import run_workshop
from partways.tui.screens import debrief as debrief_screen
from partways.tui.screens.debrief import DebriefScreen
from partways.tui.screens.export import ConfirmScreen
from partways.tui.screens.log import LogScreen
from partways.tui.screens.narrative import NarrativeScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.screens.workshop_question import WorkshopQuestionScreen
from partways.tui.screens.workshop_start import WorkshopStartScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.workshop_app import WorkshopApp
from partways.workshop_cases import create_workshop_case, resolve_target

from .conftest import answer_all, saved

SMALL = (80, 24)
LARGE = (120, 40)
SRC = Path(__file__).resolve().parents[2] / "src"


def study_file(study_id: str, lang: str) -> Path:
    return examples_dir() / f"{study_id}.{lang}.yaml"


def study_answers(study_id: str, lang: str) -> dict[str, Any]:
    return yaml.safe_load(study_file(study_id, lang).read_text(encoding="utf-8"))["answers"]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def working_case(study_id: str, lang: str) -> Path:
    target = resolve_target(study_id, lang)
    assert target is not None and target.kind == "study"
    return create_workshop_case(target.path)


async def open_questions(pilot) -> WorkshopQuestionScreen:
    """From the narrative, start the questions."""
    assert isinstance(pilot.app.screen, NarrativeScreen)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WorkshopQuestionScreen)
    return screen


async def vote(pilot, counts: list[int | None], note: str = "") -> None:
    """Type counts into the vote fields (None leaves one empty), and a team note."""
    screen = pilot.app.screen
    for n, count in enumerate(counts):
        field = screen.query_one(f"#vote-{n}", Input)
        field.focus()
        await pilot.press("ctrl+u", *("" if count is None else str(count)))
    if note:
        screen.query_one("#note", Input).focus()
        await pilot.press(*note)
    await pilot.pause()


# -- the working case --------------------------------------------------------------------------
def test_study_id_creates_an_empty_working_case(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    assert path.parent == private_data / "partways" / "cases"
    assert path.name == "values-mismatch-workshop-2026-11-26.yaml"
    data = saved(path)
    source = yaml.safe_load(study_file("values-mismatch", "en").read_text(encoding="utf-8"))
    assert data["lang"] == "en"
    assert data["client"] == source["client"]
    assert data["provider"] == source["provider"]
    assert data["study"]["id"] == "values-mismatch"
    assert data["study"]["narrative"] == source["study"]["narrative"]
    assert not data.get("answers") and "notes" not in data
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    # a second workshop the same day gets its own file
    assert (
        working_case("values-mismatch", "en").name == "values-mismatch-workshop-2026-11-26-2.yaml"
    )


def test_targets_study_case_and_shipped_file(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text("format: partways/1\nflow: client-review\n", encoding="utf-8")
    assert resolve_target(str(own), "en").kind == "case"
    shipped = resolve_target(str(study_file("over-serviced-agency", "fr")), "en")
    assert shipped.kind == "study"  # the shipped file is never written to
    assert resolve_target("over-serviced-agency", "fr").path.name == "over-serviced-agency.fr.yaml"
    assert resolve_target(None, "en") is None


# -- votes, notes, majority --------------------------------------------------------------------
async def test_votes_and_notes_decide_the_answer(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NarrativeScreen)
        assert "Sustainability, up to a point" in app.screen.query_one("#narrative")._markdown
        screen = await open_questions(pilot)
        assert screen.qid == "more_without_budget"
        assert "out-of-scope" in text_of(screen, "#why-body")  # the flow's discussion prompt
        # never 1, sometimes 4, often 2: the majority (sometimes) is highlighted and recorded
        await vote(pilot, [1, 4, 2], note="Two extra banners in March")
        assert "majority: Sometimes" in text_of(screen, "#vote-status")
        await pilot.press("enter")  # in the note: keeps it, back to the answer, no vote yet
        await pilot.pause()
        assert screen.qid == "more_without_budget"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.qid == "missed_meetings"
        on_disk = saved(path)  # autosaved while the workshop runs
        assert on_disk["votes"] == {"more_without_budget": {"never": 1, "sometimes": 4, "often": 2}}
        assert on_disk["answers"] == {"more_without_budget": "sometimes"}
        assert on_disk["notes"] == {"more_without_budget": "Two extra banners in March"}
        # without votes the facilitator picks, as in the wizard
        await pilot.press("1")
        await pilot.pause()
        on_disk = saved(path)
        assert on_disk["answers"]["missed_meetings"] == "never"
        assert "missed_meetings" not in on_disk["votes"]
        # back to the first question: its votes and note are shown again
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.qid == "more_without_budget"
        assert screen.query_one("#vote-1", Input).value == "4"
        assert screen.query_one("#note", Input).value == "Two extra banners in March"


async def test_tie_is_settled_by_the_facilitator(private_data: Path) -> None:
    path = working_case("over-serviced-agency", "fr")
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        screen = await open_questions(pilot)
        assert "Pourquoi" in text_of(screen, "#why-body")  # the case's language
        await vote(pilot, [None, 3, None, 3])  # sometimes 3, always 3
        assert "Égalité" in text_of(screen, "#vote-status")
        await pilot.press("enter")
        await pilot.pause()
        # nothing recorded yet: the facilitator is asked to decide
        assert screen.qid == "more_without_budget"
        assert "Égalité" in text_of(screen, "#error")
        assert "more_without_budget" not in saved(path).get("answers", {})
        await pilot.press("4")  # picks "always" (one of the tied answers)
        await pilot.pause()
        assert screen.qid == "missed_meetings"
        on_disk = saved(path)
        assert on_disk["answers"]["more_without_budget"] == "always"
        assert on_disk["votes"]["more_without_budget"] == {"sometimes": 3, "always": 3}


async def test_split_vote_is_flagged(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = await open_questions(pilot)
        await vote(pilot, [5])
        assert "Split vote" not in text_of(screen, "#vote-status")  # everyone agreed
        await vote(pilot, [5, None, 1])
        assert "Split vote" in text_of(screen, "#vote-status")
        await pilot.press("enter")
        await pilot.pause()
        # booleans vote yes/no
        while screen.qid != "out_of_expertise":
            await pilot.press("1")
            await pilot.pause()
        assert screen.query_one("#vote-1").display and not screen.query_one("#vote-2").display
        await vote(pilot, [2, 3])
        await pilot.press("enter")
        await pilot.pause()
        on_disk = saved(path)
    assert on_disk["votes"]["out_of_expertise"] == {"yes": 2, "no": 3}
    assert on_disk["answers"]["out_of_expertise"] is False


# -- the communications log --------------------------------------------------------------------
async def test_log_entry_from_the_workshop(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await open_questions(pilot)
        await pilot.press("ctrl+j")
        await pilot.pause()
        log = app.screen
        assert isinstance(log, LogScreen)
        assert "No entry yet" in text_of(log, "#log-list")
        date = log.query_one("#log-date", Input)
        assert date.value == "2026-11-26"  # today by default
        # a bad date is refused with a message, nothing is saved
        date.value = "March 3"
        await pilot.press(*"Met Diane Castell", "enter")
        await pilot.pause()
        assert "YYYY-MM-DD" in text_of(log, "#log-error")
        assert "log" not in saved(path)
        date.value = "2026-03-03"
        log.query_one("#log-kind").value = "meeting"
        log.query_one("#log-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Met Diane Castell" in text_of(log, "#log-list")
        date.value = "2026-11-26"
        log.query_one("#log-kind").value = "email"
        await pilot.press(*"Memo against green claims", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopQuestionScreen)
    assert saved(path)["log"] == [
        {"date": "2026-03-03", "kind": "meeting", "text": "Met Diane Castell"},
        {"date": "2026-11-26", "kind": "email", "text": "Memo against green claims"},
    ]


async def test_log_entry_from_the_wizard_and_its_palette(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "format: partways/1\nflow: client-review\nlang: fr\nclient: {name: Atelier Dumas}\n"
        "answers: {more_without_budget: often}\n",
        encoding="utf-8",
    )
    app = PartwaysApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Journal des échanges" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"journal des")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        log = app.screen
        assert isinstance(log, LogScreen)
        assert "Journal des échanges" in text_of(log, "#log-title")
        log.query_one("#log-kind").value = "invoice_reminder"
        log.query_one("#log-text", Input).focus()
        await pilot.press(*"Relance facture de mars", "enter")
        await pilot.pause()
        assert "Relance de facture" in text_of(log, "#log-list")
    assert saved(path)["log"] == [
        {"date": "2026-11-26", "kind": "invoice_reminder", "text": "Relance facture de mars"}
    ]


# -- the end: review, debrief, lessons ---------------------------------------------------------
#: What `run_to_debrief` votes: a split on the first question (often wins), a unanimous never.
VOTES = {
    "more_without_budget": {"never": 1, "sometimes": 1, "often": 3},
    "missed_meetings": {"never": 4},
}
NOTES = {"more_without_budget": "Scope grew every month"}


async def run_to_debrief(pilot, study_id: str, lang: str) -> DebriefScreen:
    """Votes on the first two questions (one split), the study's own answers for the rest, each
    typed key by key. One test walks this way; the others open `debrief_ready_case`."""
    screen = await open_questions(pilot)
    await vote(pilot, [1, 1, 3], note=NOTES["more_without_budget"])  # split, often wins
    await pilot.press("enter", "enter")  # the first leaves the note, the second records
    await vote(pilot, [4])  # unanimous: never
    await pilot.press("enter")
    await pilot.pause()
    asked = await answer_all(pilot, study_answers(study_id, lang))
    assert asked and screen.qid is not None
    return await review_to_debrief(pilot, lang)


async def review_to_debrief(pilot, lang: str) -> DebriefScreen:
    review = pilot.app.screen
    assert isinstance(review, ReviewScreen)
    footer_label = "Débrief" if lang == "fr" else "Debrief"
    assert f"v {footer_label}" in review.query_one(KeyBar).render().plain  # type: ignore[union-attr]
    assert footer_label in str(review.query_one("#to-verdict").label)
    await pilot.press("v")
    await pilot.pause()
    debrief = pilot.app.screen
    assert isinstance(debrief, DebriefScreen)
    return debrief


def debrief_ready_case(study_id: str, lang: str) -> Path:
    """The working case as `run_to_debrief` leaves it (same votes, note, answers and skips),
    written directly."""
    path = working_case(study_id, lang)
    case, flow = open_case(path)
    engine = Engine(flow)
    for qid, counts in VOTES.items():
        engine.answer(qid, max(counts, key=counts.__getitem__))
    answers = study_answers(study_id, lang)
    while (q := engine.next_question()) is not None:
        if q.id in answers:
            engine.answer(q.id, answers[q.id])
        else:
            engine.skip(q.id)  # answer_all's "I don't know"
    case.answers, case.skipped = engine.answers, sorted(engine.skipped)
    case.votes, case.notes = dict(VOTES), dict(NOTES)
    save_case(case)
    return path


async def open_debrief(pilot, lang: str) -> DebriefScreen:
    """From a `debrief_ready_case`: the story, then the review (nothing left to ask), then v."""
    assert isinstance(pilot.app.screen, NarrativeScreen)
    await pilot.press("enter")
    await pilot.pause()
    return await review_to_debrief(pilot, lang)


async def type_lessons(pilot, debrief: DebriefScreen, texts: dict[str, str]) -> None:
    await pilot.press("ctrl+t", "ctrl+t")  # summary → letter → lessons
    await pilot.pause()
    for lesson_id, text in texts.items():
        debrief.query_one(f"#lesson-{lesson_id}", TextArea).focus()
        await pilot.press(*text)
    await pilot.pause()  # lessons are saved after a pause in typing (20 ms in tests)


@pytest.mark.painted  # the workshop's one key-by-key walk: every frame drawn
async def test_debrief_saves_lessons_and_writes_the_file(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    flow = load_flow()
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        debrief = await run_to_debrief(pilot, "values-mismatch", "en")
        label = verdict_label(flow, "part_ways", "en")
        assert label in text_of(debrief, "#debrief-verdict")
        assert label in text_of(debrief, "#debrief-expected")
        splits = text_of(debrief, "#splits")
        assert "keep asking for more" in splits and "Often" in splits
        assert "Dear Diane" in debrief.query_one("#debrief-letter")._markdown
        await type_lessons(
            pilot,
            debrief,
            {"what_worked": "Honest talk with Diane", "process_change": "Values clause"},
        )
        assert saved(path)["lessons"] == {
            "what_worked": "Honest talk with Diane",
            "process_change": "Values clause",
        }
        await pilot.press("ctrl+s")
        await pilot.pause()
        written = path.with_name(path.stem + "-debrief.md")
        status = text_of(debrief, "#debrief-status")  # the folder's middle may give way
        assert status.startswith("Debrief written to ") and status.endswith(f"/{written.name}")
    text = written.read_text(encoding="utf-8")
    assert f"## Verdict: {label}" in text
    assert "## Where the team disagreed" in text
    assert "keep asking for more without raising the budget? — Never: 1, Sometimes: 1, " in text
    assert "→ **Often**" in text
    assert "Honest talk with Diane" in text and "Values clause" in text
    assert "_to discuss_" in text  # the lesson nobody answered
    assert oct(written.stat().st_mode & 0o777) == "0o600"


async def test_debrief_asks_before_overwriting(private_data: Path) -> None:
    path = debrief_ready_case("over-serviced-agency", "fr")
    written = path.with_name(path.stem + "-debrief.md")
    written.write_text("earlier debrief\n", encoding="utf-8")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        debrief = await open_debrief(pilot, "fr")
        assert verdict_label(load_flow(), "part_ways", "fr") in text_of(debrief, "#debrief-verdict")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button keeps the file
        await pilot.pause()
        assert written.read_text(encoding="utf-8") == "earlier debrief\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#confirm-yes").press()
        await pilot.pause()
        assert "Débrief écrit" in text_of(debrief, "#debrief-status")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Débrief d'atelier — Groupe Vernier Distribution")
    assert "## Là où l'équipe n'était pas d'accord" in text
    assert "## Leçons tirées" in text


async def focus_lesson(pilot, lang: str = "en", lesson: str = "prevention") -> TextArea:
    """From the case's first screen to the debrief's lessons tab, one lesson's field focused."""
    await pilot.pause()
    debrief = await open_debrief(pilot, lang)
    await pilot.press("ctrl+t", "ctrl+t")
    await pilot.pause()
    area = debrief.query_one(f"#lesson-{lesson}", TextArea)
    area.focus()
    await pilot.pause()
    return area


async def test_lessons_are_saved_on_quit(private_data: Path, monkeypatch) -> None:
    monkeypatch.setattr(debrief_screen, "SAVE_DELAY", 60)  # only quitting can keep the lesson
    path = debrief_ready_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await focus_lesson(pilot)
        await pilot.press(*"Ask about sourcing", "ctrl+q")  # the timer never fires
        await pilot.pause()
    assert saved(path)["lessons"] == {"prevention": "Ask about sourcing"}


# -- start screen and launching ----------------------------------------------------------------
async def test_start_screen_lists_studies_and_recent_workshops(private_data: Path) -> None:
    earlier = working_case("personality-clash", "en")
    app = WorkshopApp(None, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkshopStartScreen)
        studies = screen.query_one("#studies")
        titles = [str(studies.get_option_at_index(i).prompt) for i in range(studies.option_count)]
        assert any("Sustainability, up to a point" in t for t in titles)
        assert len(titles) == 4  # English only
        recent = screen.query_one("#recent")
        assert recent.get_option_at_index(0).id == str(earlier)
        studies.highlighted = next(i for i, t in enumerate(titles) if "values-mismatch" in t)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NarrativeScreen)
        created = app.session.case.path
    assert created.name == "values-mismatch-workshop-2026-11-26.yaml"
    assert saved(created)["study"]["id"] == "values-mismatch"


def test_unknown_study_is_one_line_exit_1(capsys, private_data: Path) -> None:
    assert run_workshop("no-such-study") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unknown case study 'no-such-study'" in err and "values-mismatch" in err
    assert run_workshop("missing/case.yaml") == 1
    assert "missing/case.yaml" in capsys.readouterr().err


def test_workshop_without_a_terminal_is_one_line_exit_1(capsys, private_data: Path) -> None:
    assert run_workshop("values-mismatch") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interactive terminal" in err
    assert not (private_data / "partways" / "cases").exists()  # nothing created


@pytest.mark.parametrize("argv", [["workshop", "nope"], ["workshop", "values-mismatch"]])
def test_cli_workshop_errors_without_traceback(tmp_path: Path, argv: list[str]) -> None:
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "partways", *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


async def test_language_switch_relabels_the_workshop(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = await open_questions(pilot)
        await vote(pilot, [2, 1])
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "hors périmètre" in text_of(screen, "#why-body")
        assert "majorité\u00a0: Jamais" in text_of(screen, "#vote-status")
        assert screen.query_one("#vote-0", Input).value == "2"  # typed counts survive
        assert app.title == "partways · atelier"
    assert saved(path)["lang"] == "fr"


async def test_the_debrief_status_keeps_the_file_name_at_80_columns(private_data: Path) -> None:
    """A long folder: the middle of the path gives way, never the file's name at its end."""
    short = debrief_ready_case("over-serviced-agency", "en")
    deep = private_data / "a-rather-long-folder-name" / "workshops-with-the-whole-team" / "2026"
    deep.mkdir(parents=True)
    path = short.rename(deep / "vernier.yaml")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        debrief = await open_debrief(pilot, "en")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = debrief.query_one("#debrief-status", Static)
        line = text_of(debrief, "#debrief-status")
        assert line.startswith("Debrief written to /") and "…" in line
        assert line.endswith("…/vernier-debrief.md")  # the name whole, the folders cut
        assert len(line) <= status.content_region.width
        whole = str(path.with_name(path.stem + "-debrief.md"))
        await pilot.resize_terminal(len(whole) + 80, 24)  # room enough: the whole path
        await pilot.pause()
        assert text_of(debrief, "#debrief-status") == f"Debrief written to {whole}"
