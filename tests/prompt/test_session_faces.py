"""`ask` goes through the core session: the letter it writes is `letters.letter_text`, and a
case changed on disk while it runs is not overwritten without a yes."""

from __future__ import annotations

from partways.case import open_case, save_case
from partways.letters import letter_text
from tests.prompt.helpers import ENTER, YES, drive, write_anyway_keys

NO = f"2{ENTER}"


def test_the_letter_ask_writes_is_the_cores_letter_text(example):
    path = example("scope-creep")
    case, flow = open_case(path)
    case.set_letter_text("renegotiation", "fr", "Madame,\n\nNotre proposition.\n\nJulien Roux\n")
    save_case(case, flow=flow)
    expected = letter_text(case, flow, lang="fr")
    assert "Notre proposition." in expected
    # review → verdict, write the letter: yes, contract date: empty, default path, report: no
    keys = [ENTER, YES, ENTER, *write_anyway_keys(case, "fr"), ENTER, NO]
    run = drive(path, keys)
    assert run.code == 0, run.out
    assert path.with_name("scope-creep-renegotiation-fr.md").read_text(encoding="utf-8") == expected


def test_ask_asks_before_overwriting_a_case_changed_on_disk(example, monkeypatch):
    from partways.prompt.session import Journey

    path = example("scope-creep")
    asked: list[str] = []

    class UI:
        lang = "en"

        def yes_no(self, message: str, default: bool = True) -> bool:
            asked.append(message)
            return False

    notes: list[str] = []
    monkeypatch.setattr("partways.prompt.render.note", lambda _c, text, _s: notes.append(text))
    journey = Journey(UI(), None, "en")  # type: ignore[arg-type]
    journey.open(path, None, "en")
    other, flow = open_case(path)
    other.notes["hours_spent"] = "from another window"
    save_case(other, flow=flow)
    journey.case.notes["hours_spent"] = "from ask"
    journey.save()
    assert len(asked) == 1 and "changed on disk" in asked[0]
    assert open_case(path)[0].notes["hours_spent"] == "from another window"
    assert any("Not saved" in n for n in notes)
