"""User stories of `partways ask`, driven key by key through prompt_toolkit pipe input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import stat
from pathlib import Path

import pytest

from partways.case import Case, open_case
from tests.prompt.helpers import (
    BACK,
    CLEAR,
    CTRL_C,
    DOWN,
    ENTER,
    EXPECTED,
    HELP,
    drive,
    example_case,
    example_data,
    flat,
    flow,
    party_keys,
    saved,
    verdict_label,
    walk_keys,
    write_anyway_keys,
)

HAS_REPORT = importlib.util.find_spec("partways.report") is not None
YES, NO = f"1{ENTER}", f"2{ENTER}"


def _letter_detail_keys(verdict: str) -> list[str]:
    """Letter details no question covers, each left empty: the new lead or next provider
    (reassign_lead, part_ways), then the contract date (letters that cite the agreement)."""
    kind = flow().verdicts[verdict].letter
    keys = [ENTER] if kind in ("new_lead", "separation") else []
    if kind in ("boundaries", "renegotiation", "price_increase", "separation"):
        keys.append(ENTER)
    return keys


def _letter_keys(case: Case, name: str) -> list[str]:
    """From the verdict: write the letter (its details left empty, past the checker's list if
    it has one) at the default path, then no report. `case` as the journey will have it."""
    lang, verdict = example_data(name)["lang"], EXPECTED[name]
    return [
        YES,
        *_letter_detail_keys(verdict),
        *write_anyway_keys(case, lang),  # if the checker finds something
        ENTER,  # write the letter at the default path
        NO,  # no report
    ]


def _assert_letter(case_path: Path, name: str) -> None:
    data = example_data(name)
    letter = next(p for p in case_path.parent.glob(f"{name}-*.md") if "-report-" not in p.name)
    text = letter.read_text(encoding="utf-8")
    assert data["client"]["contact"] in text and data["provider"]["signer"] in text
    assert "{{" not in text and "None" not in text


def test_new_case_walks_to_the_example_verdict_and_writes_the_letter(tmp_path: Path):
    """The prompt mode's one full key-by-key walk (every other journey starts from a case file
    holding its answers): the example with the most paths, boundaries set and a hostile
    reaction, the separation letter and its two details. The key-by-key answers of the other
    examples are random walks of tests/prompt/test_property.py; their letters are written
    from their files below."""
    name = "hostile-after-boundaries"
    data = example_data(name)
    lang, verdict = data["lang"], EXPECTED[name]
    case_path = tmp_path / "cases" / f"{name}.yaml"
    client, provider = data["client"], data["provider"]
    keys = [
        *party_keys(
            client["name"],
            client["contact"],
            provider["name"],
            provider["signer"],
            provider["role"],
        ),
        *walk_keys(data["answers"]),
        ENTER,  # review list: "See the verdict"
        *_letter_keys(example_case(name), name),
    ]
    run = drive(case_path, keys, lang=lang)
    assert run.code == 0, run.out

    assert verdict_label(verdict, lang) in run.out
    assert str(case_path) in run.out
    file = saved(case_path)
    assert file["format"] == "partways/1"
    assert file["lang"] == lang
    assert file["client"] == client
    assert file["provider"] == provider
    case, flow = open_case(case_path)
    from partways.assessment import assess
    from partways.engine import Engine

    effective = Engine(flow, case.answers, case.skipped).effective_answers()
    assert assess(flow, effective, lang).verdict == verdict
    expected_effective = Engine(flow, data["answers"]).effective_answers()
    assert effective == expected_effective
    assert stat.S_IMODE(os.stat(case_path).st_mode) == 0o600
    _assert_letter(case_path, name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_resuming_a_complete_example_goes_straight_to_review_and_verdict(example, name: str):
    path = example(name)
    before = path.read_text(encoding="utf-8")
    run = drive(path, [ENTER, *_letter_keys(open_case(path)[0], name)])
    assert run.code == 0, run.out
    lang = example_data(name)["lang"]
    assert verdict_label(EXPECTED[name], lang) in run.out
    # nothing was asked: no progress line such as "Les signaux de la relation — 1/22"
    assert " — 1/" not in run.out
    assert saved(path)["answers"] == saved_answers(before)
    _assert_letter(path, name)


def saved_answers(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)["answers"]


def test_resume_asks_only_what_is_unanswered(tmp_path: Path):
    data = example_data("scope-creep")
    answers = data["answers"]
    partial = dict(list(answers.items())[:5])
    path = tmp_path / "partial.yaml"
    import yaml

    path.write_text(
        yaml.safe_dump({**data, "answers": partial}, allow_unicode=True), encoding="utf-8"
    )
    # the file keeps its `skipped` list (questions added after it was written): those are
    # done too, so the resume asks neither them nor the 5 answers
    keys = [*walk_keys(answers, already=partial, skipped=data["skipped"]), ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    # 5 answered + 4 skipped, of the 26 questions relevant before any condition is answered
    assert " : 9 question(s) sur 26 déjà répondue(s)." in flat(run.out)
    assert " — 6/" in run.out and " — 5/" not in run.out  # resumed at the 6th question
    assert verdict_label("renegotiate", "fr") in run.out
    expected = {k: v for k, v in answers.items() if k != "boundary_reaction"}  # not relevant
    assert saved(path)["answers"] == expected
    assert saved(path)["notes"] == data["notes"]  # untouched keys survive the saves


def test_go_back_changes_an_earlier_answer(tmp_path: Path):
    path = tmp_path / "back.yaml"
    keys = [
        *party_keys("Atelier Dumas", "Claire Dumas", "Studio Nord", "Paul Martin", "Gérant"),
        f"3{ENTER}",  # more_without_budget: often
        f"2{ENTER}",  # missed_meetings: sometimes
        BACK,  # on payment_chasing: back to missed_meetings
        f"4{ENTER}",  # missed_meetings: always
        f"1{ENTER}",  # payment_chasing: never
        CTRL_C,
    ]
    run = drive(path, keys, lang="en")
    assert run.code == 130, run.out
    answers = saved(path)["answers"]
    assert answers == {
        "more_without_budget": "often",
        "missed_meetings": "always",
        "payment_chasing": "never",
    }
    assert run.out.count("Relationship signals — 2/") == 2  # missed_meetings asked twice


def test_go_back_walks_forward_through_answered_questions(tmp_path: Path):
    path = tmp_path / "back2.yaml"
    keys = [
        *party_keys("A", "B", "C", "D", ""),
        f"3{ENTER}",
        f"2{ENTER}",  # q1 often, q2 sometimes
        BACK,
        BACK,  # on q3 → q2 → q1
        f"1{ENTER}",  # q1 never
        ENTER,  # q2 pre-selected "sometimes": just Enter keeps it
        f"4{ENTER}",  # q3 always
        CTRL_C,
    ]
    run = drive(path, keys, lang="en")
    assert run.code == 130
    assert saved(path)["answers"] == {
        "more_without_budget": "never",
        "missed_meetings": "sometimes",
        "payment_chasing": "always",
    }


def test_back_on_the_first_question_says_so(tmp_path: Path):
    run = drive(
        tmp_path / "first.yaml", [*party_keys("A", "B", "C", "D", ""), BACK, CTRL_C], lang="en"
    )
    assert "This is the first question" in run.out
    assert run.code == 130


def test_review_edit_changes_the_verdict(example):
    path = example("steady-client")
    # review list: 0 = See the verdict, then the relevant questions in flow order;
    # disrespect is the 8th question → 8 downs; set it to "often" (3), back to the list
    keys = [DOWN * 8, ENTER, f"3{ENTER}", ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    assert saved(path)["answers"]["disrespect"] == "often"
    after_rule = run.out.split("Verdict")[-1].splitlines()
    assert after_rule[1] == verdict_label("part_ways", "en")


def test_review_edit_that_makes_a_question_relevant_asks_it(example):
    path = example("steady-client")
    data = example_data("steady-client")
    assert data["answers"]["boundaries_set"] is False
    assert data["answers"]["boundary_reaction"] == "not_applicable"  # kept, not relevant
    # boundaries_set is the 20th relevant question; answering yes makes boundary_reaction
    # relevant, so it is asked (its kept answer pre-selected) before the list comes back
    keys = [DOWN * 20, ENTER, f"1{ENTER}", f"1{ENTER}", ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    answers = saved(path)["answers"]
    assert answers["boundaries_set"] is True
    assert answers["boundary_reaction"] == "accepted"
    assert "What has been tried — 21/28" in run.out  # boundary_reaction, now relevant


def test_review_back_keeps_the_answer(example):
    path = example("scope-creep")
    keys = [DOWN, ENTER, BACK, ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0
    assert saved(path)["answers"]["more_without_budget"] == "often"


def test_ctrl_c_saves_and_says_how_to_resume(tmp_path: Path):
    path = tmp_path / "dir with space" / "interrupted.yaml"
    data = example_data("hostile-after-boundaries")
    keys = [
        *party_keys(
            "Transports Garnier", "Olivier Garnier", "Signal Conseil", "Camille Petit", "Directrice"
        ),
        *walk_keys(data["answers"], stop_after=7),
        CTRL_C,
    ]
    run = drive(path, keys, lang="fr")
    assert run.code == 130
    answers = saved(path)["answers"]
    assert len(answers) == 7
    assert list(answers) == list(data["answers"])[:7]
    assert "7 réponse(s) enregistrée(s)" in run.out
    assert f"partways ask '{path}'" in run.out
    assert "Traceback" not in run.out

    # resuming asks from the 8th question (interrupted again after it: a resume walking on to
    # the verdict is test_resume_asks_only_what_is_unanswered)
    keys = [*walk_keys(data["answers"], already=answers, stop_after=1), CTRL_C]
    run = drive(path, keys)
    assert run.code == 130, run.out
    assert " — 8/" in run.out and " — 7/" not in run.out
    assert list(saved(path)["answers"]) == list(data["answers"])[:8]
    assert "8 réponse(s) enregistrée(s)" in run.out


def test_ctrl_c_while_entering_details_saves_nothing(tmp_path: Path):
    path = tmp_path / "nothing.yaml"
    run = drive(path, [f"Atelier{ENTER}", CTRL_C], lang="en")
    assert run.code == 130
    assert "Nothing was saved" in run.out
    assert not path.exists()


def test_help_in_a_select_and_in_a_text_prompt(example, tmp_path: Path):
    data = example_data("scope-creep")
    answers = data["answers"]
    partial = {k: v for k, v in answers.items() if k != "monthly_fee" and k != "currency"}
    import yaml

    path = tmp_path / "help.yaml"
    partial_first = dict(partial)
    partial_first.pop("more_without_budget")
    path.write_text(yaml.safe_dump({**data, "answers": partial_first}), encoding="utf-8")
    keys = [
        HELP,
        f"3{ENTER}",  # more_without_budget: help, then often
        f"?{ENTER}",
        f"\x153000{ENTER}",  # monthly_fee: "?" typed, then 3000
        f"\x15EUR{ENTER}",
        ENTER,
        NO,
        NO,
    ]
    run = drive(path, keys, lang="en")
    assert run.code == 0, run.out
    out = flat(run.out)
    assert "Over time the team wears itself out" in out
    assert (
        "Sources: “Devriez-vous abandonner ce client cauchemardesque ?”, Jamie Johnson; "
        "“Rupture Client : Raisons et Étapes”" in out
    )
    assert "the clearest argument for renegotiating" in out
    assert (
        "Source: “Pourquoi il faut parfois couper les ponts avec les clients – Partie 3”, "
        "Colette Ballou" in out
    )
    assert ".txt" not in out
    assert saved(path)["answers"]["monthly_fee"] == 3000


def test_invalid_number_is_refused_then_accepted(tmp_path: Path, example):
    data = example_data("scope-creep")
    import yaml

    answers = {k: v for k, v in data["answers"].items() if k != "revenue_share"}
    path = tmp_path / "num.yaml"
    path.write_text(yaml.safe_dump({**data, "answers": answers}), encoding="utf-8")
    # 140 is out of range (≤ 100) and "abc" is not a number: the validator keeps the prompt
    # open; "12,5" is accepted the French way
    keys = [f"\x15140{ENTER}", f"\x15abc{ENTER}", f"\x1512,5{ENTER}", ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    assert saved(path)["answers"]["revenue_share"] == 12.5


def test_skipping_optional_questions(tmp_path: Path):
    import yaml

    data = example_data("steady-client")
    answers = {
        k: v
        for k, v in data["answers"].items()
        if k not in ("monthly_fee", "currency", "hours_spent")
    }
    path = tmp_path / "skip.yaml"
    # the case holds every other answer: the journey asks only the three, each skipped
    path.write_text(yaml.safe_dump({**data, "answers": answers}), encoding="utf-8")
    keys = [*walk_keys(answers, already=answers, skipped=data["skipped"]), ENTER, NO, NO]
    assert len(keys) == 5  # monthly_fee and hours_spent skipped (currency follows the fee)
    run = drive(path, keys, lang="en")
    assert run.code == 0, run.out
    file = saved(path)
    assert "monthly_fee" not in file["answers"] and "currency" not in file["answers"]
    # the two numbers left out, and the questions the example does not answer (its `skipped`)
    assert set(file["skipped"]) == {
        "monthly_fee",
        "hours_spent",
        "after_hours_contact",
        "problem_scope",
        "client_change",
        "problem_duration",
    }
    assert verdict_label("keep", "en") in run.out


def test_new_case_without_path_goes_to_the_user_data_folder(tmp_path: Path):
    keys = [*party_keys("Atelier Dumas", "Claire", "Studio", "Paul", ""), CTRL_C]
    run = drive(None, keys, lang="en")
    assert run.code == 130
    folder = tmp_path / "xdg-data" / "partways" / "cases"
    files = list(folder.glob("atelier-dumas-*.yaml"))
    assert len(files) == 1
    assert str(files[0]) in run.out.replace("\n", "")
    assert saved(files[0])["client"] == {"name": "Atelier Dumas", "contact": "Claire"}


def test_letter_and_report_files_ask_before_overwriting(example):
    path = example("scope-creep")
    letter = path.with_name("scope-creep-renegotiation-fr.md")  # <case>-<kind>-<lang>.md
    letter.write_text("KEEP ME\n", encoding="utf-8")
    # review, letter: contract date left empty, default path exists → do not replace
    anyway = write_anyway_keys(open_case(path)[0], "fr")
    keys = [ENTER, YES, ENTER, *anyway, ENTER, NO, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    assert letter.read_text(encoding="utf-8") == "KEEP ME\n"
    assert "Pas écrit." in run.out

    keys = [ENTER, YES, ENTER, *anyway, ENTER, YES, NO]  # this time replace it
    run = drive(path, keys)
    assert run.code == 0, run.out
    assert "Anne Girard" in letter.read_text(encoding="utf-8")


@pytest.mark.skipif(not HAS_REPORT, reason="partways.report (case_report) not in this checkout yet")
def test_report_is_written(example):
    path = example("steady-client")
    run = drive(path, [ENTER, NO, YES, ENTER])
    assert run.code == 0, run.out
    report = path.with_name("steady-client-report-en.md")
    assert verdict_label("keep", "en") in report.read_text(encoding="utf-8")


def test_english_interface_for_a_french_case(example):
    path = example("scope-creep")
    run = drive(path, [ENTER, NO, NO], lang="en")
    assert run.code == 0
    assert verdict_label("renegotiate", "en") in run.out
    assert "Next steps" in run.out and "Resuming" in run.out
    assert saved(path)["lang"] == "fr"  # --lang does not rewrite the case's language


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_verdict_cites_sources_by_title(example, lang):
    run = drive(example("scope-creep"), [ENTER, NO, NO], lang=lang)
    assert run.code == 0, run.out
    verdict = run.out.split("Verdict", 1)[1]
    assert ".txt" not in verdict
    label = "(sources\u00a0:" if lang == "fr" else "(sources:"
    quote = "« Devriez-vous" if lang == "fr" else "“Devriez-vous"
    assert f"{label} {quote} abandonner ce client" in verdict
    assert "Jamie Johnson" in verdict and "Colette Ballou" in verdict


def test_text_prompt_back_and_dash_skip(tmp_path: Path):
    import yaml

    data = example_data("scope-creep")
    numbers = (
        "monthly_fee",
        "currency",
        "hours_contracted",
        "hours_spent",
        "revenue_share",
        "relationship_years",
        "notice_days",
    )
    answers = {k: v for k, v in data["answers"].items() if k not in numbers}
    path = tmp_path / "text.yaml"
    path.write_text(yaml.safe_dump({**data, "answers": answers}), encoding="utf-8")
    keys = [
        f"\x15<{ENTER}",  # monthly_fee: "<" goes back to boundaries_set
        f"2{ENTER}",  # boundaries_set: no (kept)
        f"\x15-{ENTER}",  # monthly_fee: "-" skips it (currency becomes irrelevant)
        f"\x1535{ENTER}",
        f"\x1549{ENTER}",
        f"\x1518{ENTER}",
        f"\x152{ENTER}",
        f"\x1530{ENTER}",
        ENTER,
        NO,
        NO,
    ]
    run = drive(path, keys)
    assert run.code == 0, run.out
    file = saved(path)
    # monthly_fee skipped with "-", beside the example's own skips
    assert file["skipped"] == [
        "after_hours_contact",
        "client_change",
        "monthly_fee",
        "problem_duration",
        "problem_scope",
    ]
    assert "monthly_fee" not in file["answers"] and "currency" not in file["answers"]
    assert file["answers"]["hours_spent"] == 49 and file["answers"]["notice_days"] == 30
    assert run.out.count("Ce qui a déjà été tenté — 20/") == 1  # boundaries_set, via "<"


def test_resuming_a_case_without_parties_asks_for_them(tmp_path: Path):
    import yaml

    data = example_data("steady-client")
    path = tmp_path / "bare.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "format": "partways/1",
                "flow": "client-review",
                "lang": "en",
                "answers": data["answers"],
                "skipped": data["skipped"],
            }
        ),
        encoding="utf-8",
    )
    run = drive(path, [f"Oakridge{ENTER}", f"Clearpath{ENTER}", ENTER, NO, NO])
    assert run.code == 0, run.out
    file = saved(path)
    assert file["client"] == {"name": "Oakridge"} and file["provider"] == {"name": "Clearpath"}


def test_civility_and_city_are_asked_and_saved(tmp_path: Path):
    path = tmp_path / "details.yaml"
    keys = [
        *party_keys("Atelier Dumas", "Claire Dumas", "Studio Nord", "Paul", "Gérant", city="Lyon"),
        CTRL_C,
    ]
    keys[2] = f"1{ENTER}"  # the civility list: 1 Madame
    run = drive(path, keys, lang="fr")
    assert run.code == 130, run.out
    file = saved(path)
    assert file["client"] == {"name": "Atelier Dumas", "contact": "Claire Dumas", "civility": "ms"}
    assert file["provider"]["city"] == "Lyon"


def test_no_civility_leaves_the_key_out(tmp_path: Path):
    path = tmp_path / "plain.yaml"
    run = drive(path, [*party_keys("A", "B", "C", "D", "", civility="none"), CTRL_C], lang="en")
    assert run.code == 130, run.out
    assert saved(path)["client"] == {"name": "A", "contact": "B"}
    assert "city" not in saved(path)["provider"]


def test_contract_date_is_asked_with_the_letter_and_checked(tmp_path: Path):
    import yaml

    data = example_data("hostile-after-boundaries")  # part_ways: the separation letter
    path = tmp_path / "sep.yaml"
    provider = {k: v for k, v in data["provider"].items() if k != "role"}
    path.write_text(yaml.safe_dump({**data, "provider": provider}), encoding="utf-8")
    # the case as the journey will have it when the letter is checked
    case = open_case(path)[0]
    case.letter.update(next_provider="Agence Lumen", contract_date=dt.date(2024, 2, 29))
    keys = [
        ENTER,  # see the verdict
        YES,  # write the letter
        f"Agence Lumen{ENTER}",  # next provider
        f"2024-02-30{ENTER}",  # refused: no such day…
        f"{CLEAR}2024-02-29{ENTER}",  # …2024 is a leap year
        *write_anyway_keys(case, "fr"),  # if the checker finds something
        ENTER,  # default path
        NO,  # no report
    ]
    run = drive(path, keys, lang="fr")
    assert run.code == 0, run.out
    letter = saved(path)["letter"]  # the impossible date was refused at the prompt
    assert str(letter["contract_date"]) == "2024-02-29"
    assert letter["next_provider"] == "Agence Lumen"
