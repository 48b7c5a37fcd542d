"""The wizard and the facilitator view on `multi` and `date` questions, driven with Pilot:
space, number keys and Enter on the tick list, typed dates checked like numbers."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from partways.tui.app import PartwaysApp
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.screens.workshop_question import WorkshopQuestionScreen
from partways.tui.widgets.multi_choice import MultiChoiceList
from partways.tui.workshop_app import WorkshopApp
from tests.types_flow import write_types_case

from .conftest import details_case, queue_keys, saved

SIZE = (80, 24)


async def type_ahead(pilot, qid: str, *keys: str) -> QuestionScreen:
    """On question `qid`, send `keys` in one burst (`queue_keys`) and let the app handle them."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen) and screen.qid == qid
    queue_keys(pilot.app, *keys)
    for _ in range(4):
        await pilot.pause()
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_multi_with_space_and_enter_then_a_typed_date(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path)
    app = PartwaysApp(case_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.qid == "concerns_topics"
        multi = screen.query_one("#multi", MultiChoiceList)
        assert multi.display and multi.has_focus
        assert not any(w.display for w in screen.query("#value"))  # none shown (or mounted)
        assert "1–3 or Space ticks" in text_of(screen, "#hint")
        # space ticks the highlighted answer; down, space ticks the next; Enter confirms
        await pilot.press("space", "down", "space", "enter")
        await pilot.pause()
        assert app.session.engine.answers["concerns_topics"] == ["scope", "payment"]
        assert saved(case_path)["answers"] == {"concerns_topics": ["scope", "payment"]}

        # payment is among the concerns, so the date is asked, in a text input
        assert screen.qid == "conversation_date"
        value = screen.query_one("#value", Input)
        assert value.display and value.has_focus and not multi.display
        assert value.placeholder == "YYYY-MM-DD"
        await pilot.press(*"30/02/2026", "enter")
        await pilot.pause()
        assert screen.qid == "conversation_date"
        assert text_of(screen, "#error") == "✗ '30/02/2026' is not a date that exists"
        await pilot.press("ctrl+u", *"2026-13", "enter")
        await pilot.pause()
        assert (
            text_of(screen, "#error") == "✗ '2026-13' is not a date: use YYYY-MM-DD or DD/MM/YYYY"
        )
        await pilot.press("ctrl+u", *"3/11/2026", "enter")
        await pilot.pause()
        assert app.session.engine.answers["conversation_date"] == "2026-11-03"

        assert screen.qid == "still_friendly"  # 2026-11-03 >= 2026-01-01
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        from textual.widgets import OptionList

        shown = " ".join(
            str(o.prompt) for o in app.screen.query_one("#answers", OptionList).options
        )
        assert "Scope, Payment" in shown
        assert "3 November 2026" in shown
        for _ in range(20):  # the last answer is written once the next screen is drawn
            if not app.session.pending:
                break
            await pilot.pause()
        assert not app.session.pending
    assert saved(case_path)["answers"] == {
        "concerns_topics": ["scope", "payment"],
        "conversation_date": "2026-11-03",
        "still_friendly": True,
    }


async def test_number_keys_toggle_and_nothing_ticked_means_none(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path, lang="fr")
    app = PartwaysApp(case_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "1–3 ou Espace coche" in text_of(screen, "#hint")
        multi = screen.query_one("#multi", MultiChoiceList)
        await pilot.press("3", "2")
        assert multi.selected == ["tone", "payment"]
        await pilot.press("2", "3")
        assert multi.selected == []
        await pilot.press("enter")
        await pilot.pause()
        # none ticked is an answer; without payment the date is not asked: straight to review
        assert isinstance(app.screen, ReviewScreen)
        from textual.widgets import OptionList

        shown = " ".join(
            str(o.prompt) for o in app.screen.query_one("#answers", OptionList).options
        )
        assert "aucun" in shown
    assert saved(case_path)["answers"] == {"concerns_topics": []}


async def test_stored_answers_are_shown_again_and_the_date_can_be_skipped(
    tmp_path: Path,
) -> None:
    case_path = write_types_case(tmp_path, {"concerns_topics": ["payment", "tone"]}, lang="fr")
    app = PartwaysApp(case_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.qid == "conversation_date"
        assert screen.query_one("#value", Input).placeholder == "AAAA-MM-JJ"
        await pilot.press("escape")  # back to the multi question: its ticks are restored
        await pilot.pause()
        assert screen.qid == "concerns_topics"
        multi = screen.query_one("#multi", MultiChoiceList)
        assert sorted(multi.selected) == ["payment", "tone"]
        await pilot.press("ctrl+l")  # a language switch keeps an unconfirmed tick
        await pilot.pause()
        await pilot.press("1")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert sorted(multi.selected) == ["payment", "scope", "tone"]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.qid == "conversation_date"
        await pilot.press("enter")  # optional and empty: skipped
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    on_disk = saved(case_path)
    assert on_disk["answers"] == {"concerns_topics": ["scope", "payment", "tone"]}
    assert on_disk["skipped"] == ["conversation_date"]


async def test_facilitator_answers_multi_and_date_without_votes(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path)
    app = WorkshopApp(case_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkshopQuestionScreen)
        assert screen.qid == "concerns_topics"
        assert not screen.query_one("#votes").display
        assert not screen.query_one("#vote-status").display
        assert "1–3 or Space: tick" in text_of(screen, "#hint")
        await pilot.press("2", "enter")
        await pilot.pause()
        assert screen.qid == "conversation_date"
        assert not screen.query_one("#votes").display
        assert "YYYY-MM-DD or DD/MM/YYYY" in text_of(screen, "#hint")
        await pilot.press(*"2025-12-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # before 2026: still_friendly not asked
    on_disk = saved(case_path)
    assert on_disk["answers"] == {"concerns_topics": ["payment"], "conversation_date": "2025-12-01"}
    assert "votes" not in on_disk


async def test_the_typed_answer_field_is_mounted_when_a_question_first_needs_it(tmp_path) -> None:
    """A first question answered from the list draws no text field (one widget less to style
    and lay out before the first frame); the first typed question mounts it, once, after the
    list, and later list questions only hide it."""
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.qid == "more_without_budget"
        assert list(screen.query("#value")) == []
        screen.show_question("monthly_fee")
        await pilot.pause()
        value = screen.query_one("#value", Input)
        assert value.display and value.has_focus
        ask = [w.id for w in screen.query_one("#ask").children]
        assert ask.index("choices") + 1 == ask.index("value") < ask.index("error")
        screen.show_question("missed_meetings")
        await pilot.pause()
        assert not value.display and len(screen.query("#value")) == 1
        screen.show_question("concerns_topics")  # the tick list, mounted after the input was
        await pilot.pause()
        ask = [w.id for w in screen.query_one("#ask").children]
        assert ask.index("choices") + 1 == ask.index("multi") == ask.index("value") - 1


async def test_keys_typed_ahead_of_enter_are_the_answer(copy_example) -> None:
    """Digits and Enter arriving together (a paste, a fast typist, a slow machine) answer with
    the digits: Enter is the screen's binding, handled before the input has taken the keys
    queued for it, so the confirm waits for them instead of reading an empty field (which an
    optional question took for "don't know")."""
    case = copy_example("scope-creep")
    case.write_text(case.read_text(encoding="utf-8").replace("  notice_days: 30\n", ""))
    app = PartwaysApp(case, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await type_ahead(pilot, "notice_days", "4", "5", "enter")
        assert app.session.engine.answers.get("notice_days") == 45
        assert "notice_days" not in app.session.engine.skipped


async def test_number_keys_typed_in_a_burst_answer_one_question_each(tmp_path: Path) -> None:
    """Digits 32412 arriving together (typed ahead, pasted) answers five questions in a row with
    3, 2, 4, 1 and 2. The list takes every digit before the first answer is recorded, so the
    answer is the option each key picked, not the list's highlight (which had moved on to the
    last digit's: the first question was recorded "sometimes", the next four "never")."""
    from tests.helpers import FREQ_SIGNALS

    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await type_ahead(pilot, FREQ_SIGNALS[0], *"32412")
        assert app.screen.qid == FREQ_SIGNALS[5]
        path = app.session.case.path
    expected = ["often", "sometimes", "always", "never", "sometimes"]
    assert saved(path)["answers"] == dict(zip(FREQ_SIGNALS[:5], expected, strict=True))


def boundary_reaction_case(copy_example) -> Path:
    """scope-creep answered up to boundary_reaction (a choice; next: monthly_fee, a number)."""
    import yaml

    from partways.yamlio import dump_yaml

    case = copy_example("scope-creep")
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    answers = data["answers"]
    keys = list(answers)
    for qid in keys[keys.index("boundary_reaction") :]:
        del answers[qid]
    answers["boundaries_set"] = True
    case.write_text(dump_yaml(data), encoding="utf-8")  # partways' layout: no ruamel save
    return case


async def test_a_burst_from_a_choice_into_a_typed_question_answers_both(copy_example) -> None:
    """Digits 1, 4, 5 and Enter together on a choice question followed by a number question
    answer the choice with 1 and the number with 45, as slower typing would. The list took the
    4 and the 5 as its own picks before the 1 moved the screen on, and Enter's confirm ran
    ahead of all three: once read as "not applicable", "don't know" and a default currency,
    then dropped (stop 22); now held and typed again, in order, into the number question."""
    app = PartwaysApp(boundary_reaction_case(copy_example), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_ahead(pilot, "boundary_reaction", "1", "4", "5", "enter")
        engine = app.session.engine
        assert engine.answers.get("boundary_reaction") == "accepted"
        assert engine.answers.get("monthly_fee") == 45
        assert screen.qid == app.session.after("monthly_fee").id
        assert "monthly_fee" not in engine.skipped


async def test_enter_right_behind_a_number_key_answers_nothing_more(tmp_path: Path) -> None:
    """ "3", Enter, "2" together on frequency questions: 3 answers the first question; the Enter
    right behind it is taken for that answer's confirm (a habit of forms), not as an answer to
    the second question, unseen; the 2 answers the second. A guard: the Enter typed after
    "1 4 5" (above) is held, this one must not be."""
    from tests.helpers import FREQ_SIGNALS

    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await type_ahead(pilot, FREQ_SIGNALS[0], "3", "enter", "2")
        assert app.screen.qid == FREQ_SIGNALS[2]
        path = app.session.case.path
    expected = ["often", "sometimes"]
    assert saved(path)["answers"] == dict(zip(FREQ_SIGNALS[:2], expected, strict=True))


async def test_ticks_typed_just_ahead_of_enter_are_the_answer(tmp_path: Path) -> None:
    """Digits 1, 2 and Enter arriving together on a tick list answer with both ticks. The digits
    are the list's key bindings, which act only once their key has bubbled up to the app:
    Enter's confirm waits for that too (it recorded no tick at all)."""
    case_path = write_types_case(tmp_path, {})
    app = PartwaysApp(case_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_ahead(pilot, "concerns_topics", "1", "2", "enter")
        assert app.session.engine.answers.get("concerns_topics") == ["scope", "payment"]
        assert screen.qid == "conversation_date"


async def test_a_key_typed_just_after_enter_goes_to_the_next_question(tmp_path: Path) -> None:
    """The confirm waits for the field's keys (see above); a key typed right after Enter, still
    queued for that field when the focus moved on, answers the next question instead of landing
    in the field just left."""
    case_path = write_types_case(tmp_path, {"concerns_topics": ["scope", "payment"]})
    app = PartwaysApp(case_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_ahead(pilot, "conversation_date", *"3/11/2026", "enter", "1")
        answers = app.session.engine.answers
        assert answers.get("conversation_date") == "2026-11-03"
        assert answers.get("still_friendly") is True
        assert screen.query_one("#value", Input).value == "3/11/2026"


async def test_the_french_progress_line_agrees_with_how_many_are_answered(tmp_path: Path) -> None:
    """French takes the singular for 0 and 1: « 0 répondue », « 1 répondue », « 2 répondues »."""
    from partways.tui.widgets.progress import ProgressLine

    app = PartwaysApp(details_case(tmp_path, lang="fr"), lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = []
        for _ in range(3):
            lines.append(str(app.screen.query_one(ProgressLine).render()))
            await pilot.press("1")
            await pilot.pause()
    assert [line.split("  ")[-1].split()[-2:] for line in lines] == [
        ["0", "répondue"],
        ["1", "répondue"],
        ["2", "répondues"],
    ]
