"""The core session every face drives, the one letter rule, and what saving promises.

Saving: nothing changed → the file is not touched; a hand-edited file keeps its comments and
key order; a file changed on disk by someone else is never silently overwritten; a crash in
the middle of a save never leaves a corrupt case or stale temp copies behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from partways.assessment import assess_case
from partways.case import load_case, open_case
from partways.errors import IncompleteCase, PartwaysError
from partways.letters import (
    letter_text,
    missing_details,
    render_letter,
    required_details,
)
from partways.session import CaseChangedOnDisk, Session
from tests.command import run
from tests.helpers import examples, modules_after, modules_loaded_by

SRC = Path(__file__).resolve().parents[2] / "src"

HAND = """\
# Librairie — written by hand, keep this comment
format: partways/1
flow: client-review
lang: fr
provider: {name: "Atelier Cobalt", signer: "Julien Roux"}   # the provider first
client: {name: "Librairie des Quais", contact: "Anne Girard"}
answers:
  # the money first
  monthly_fee: 3000
  hours_contracted: 35
  more_without_budget: often
skipped:
  - after_hours_contact
"""


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- assess_case and letter_text ---------------------------------------------------------------
def test_assess_case_refuses_an_incomplete_case_unless_partial(example):
    case, flow = open_case(example("scope-creep"))
    assert assess_case(case, flow).verdict == "renegotiate"
    del case.answers["more_without_budget"]
    with pytest.raises(IncompleteCase):
        assess_case(case, flow, "en")
    result = assess_case(case, flow, "en", partial=True)
    assert result.provisional and result.missing == ("more_without_budget",)


def test_letter_text_is_the_saved_edit_of_the_verdicts_kind_unless_fresh(example):
    case, flow = open_case(example("scope-creep"))
    kind = assess_case(case, flow, "fr").letter
    assert kind == "renegotiation"
    fresh = render_letter(case, flow, kind=kind, lang="fr")
    assert letter_text(case, flow, lang="fr") == fresh
    case.set_letter_text(kind, "fr", "Madame, ma version.")
    assert letter_text(case, flow, lang="fr") == "Madame, ma version.\n"
    assert letter_text(case, flow, lang="fr", fresh=True) == fresh
    # the edit belongs to its kind and language only
    assert letter_text(case, flow, lang="en") == render_letter(case, flow, kind=kind, lang="en")
    other = letter_text(case, flow, kind="check_in", lang="fr")
    assert other == render_letter(case, flow, kind="check_in", lang="fr")


def test_every_face_shows_the_same_letter(example, tmp_path):
    """`draft`, the report, the wizard's export and the session all go through letter_text."""
    from partways.report import case_report

    path = example("scope-creep")
    case, flow = open_case(path)
    case.set_letter_text("renegotiation", "fr", "Madame,\n\nma version éditée.")
    Session(case, flow, "fr").save(force=True)
    expected = letter_text(load_case(path, flow), flow, lang="fr")
    assert "ma version éditée" in expected
    out = run("draft", str(path))
    assert out.returncode == 0 and out.stdout == expected
    assert expected.rstrip() in case_report(load_case(path, flow), flow, "fr")
    session = Session.open(path)
    assert session.letter() == expected
    assert session.export_path("letter", None, "fr").name == "scope-creep-renegotiation-fr.md"


def test_required_details_are_known_to_the_core():
    assert required_details("new_lead") == ("new_lead",)
    assert required_details("separation") == ("next_provider", "contract_date")
    assert "contract_date" in required_details("renegotiation")
    assert required_details("check_in") == ()


def test_missing_details_drop_what_the_case_has(example):
    import datetime as dt

    case, _flow = open_case(example("scope-creep"))
    assert missing_details(case, "separation") == ("next_provider", "contract_date")
    case.letter["next_provider"] = "Studio Voisin"
    case.letter["contract_date"] = dt.date(2024, 3, 12)
    assert missing_details(case, "separation") == ()


# -- saving only what changed --------------------------------------------------------------
def test_what_if_is_searched_once_per_set_of_answers(example, monkeypatch):
    """The verdict and debrief screens ask again at each language switch and each return:
    the same answers give the search's result without searching again; a changed answer
    searches anew."""
    import partways.whatif

    case, flow = open_case(example("scope-creep"))
    session = Session(case, flow, "en")
    calls: list[int] = []
    search = partways.whatif.what_if_engine

    def counted(engine):
        calls.append(1)
        return search(engine)

    monkeypatch.setattr(partways.whatif, "what_if_engine", counted)
    first = session.what_if()
    assert first == search(session.engine) and first
    assert session.what_if() == first and len(calls) == 1
    change = first[0].changes
    for qid, value in change.items():
        session.answer(qid, value)
    assert session.what_if() == search(session.engine) != first
    assert len(calls) == 2


def test_opening_and_saving_unchanged_leaves_the_file_alone(example):
    path = example("scope-creep")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = _state(path)
    session = Session.open(path)
    assert not session.dirty
    session.save()
    session.set_note("more_without_budget", session.case.notes["more_without_budget"])
    session.set_lang(session.lang)
    assert _state(path) == before


def test_a_scheduled_save_is_written_once_when_the_face_runs_it(example):
    path = example("scope-creep")
    before = _state(path)
    session = Session.open(path)
    queued: list[object] = []
    session.schedule_save = queued.append
    session.answer("more_without_budget", "never")
    session.skip("after_hours_contact")
    session.set_note("more_without_budget", "asked twice")
    assert _state(path) == before  # nothing written inside the answer
    assert session.pending and len(queued) == 1  # one save for all three changes
    assert queued[0]() == path  # the face runs it: everything is on disk
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["answers"]["more_without_budget"] == "never"
    assert "after_hours_contact" in data["skipped"]
    assert data["notes"]["more_without_budget"] == "asked twice"
    assert not session.pending


def test_a_save_covers_a_scheduled_one(example):
    path = example("scope-creep")
    session = Session.open(path)
    queued: list[object] = []
    session.schedule_save = queued.append
    session.answer("more_without_budget", "never")
    session.save()  # quitting, for instance
    assert not session.pending
    after = _state(path)
    queued[0]()  # runs later: nothing left to write
    assert _state(path) == after
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]["more_without_budget"] == (
        "never"
    )


def test_a_change_is_written_and_keeps_comments_and_key_order(tmp_path):
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    session = Session.open(path)
    session.answer("hours_spent", 49)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Librairie — written by hand, keep this comment\n")
    assert "# the money first" in text and "# the provider first" in text
    assert text.index("provider:") < text.index("client:")
    assert text.index("monthly_fee") < text.index("hours_contracted") < text.index("hours_spent")
    assert "  - after_hours_contact" in text  # the list keeps its indentation
    assert load_case(path).answers["hours_spent"] == 49
    session.answer("hours_spent", 50)  # a second save keeps them too
    again = path.read_text(encoding="utf-8")
    assert "# the money first" in again and load_case(path).answers["hours_spent"] == 50


def test_an_edited_letter_is_written_as_a_block(tmp_path):
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    session = Session.open(path)
    session.save_letter("renegotiation", "fr", "Madame,\n\nune lettre.\n")
    text = path.read_text(encoding="utf-8")
    assert "fr: |" in text and "# the money first" in text
    assert load_case(path).letter_text("renegotiation", "fr") == "Madame,\n\nune lettre.\n"


def test_a_file_partways_wrote_is_written_without_ruamel(example):
    from partways.yamlio import dump_yaml

    path = example("steady-client")
    case, flow = open_case(path)
    path.write_text(dump_yaml(case.to_data(flow)), encoding="utf-8")  # partways' own layout
    code = (
        "from partways.session import Session;"
        f"s = Session.open({str(path)!r}); s.set_note('hours_spent', 'x')"
    )
    assert modules_after(code, ("ruamel",)) == []
    assert load_case(path).notes["hours_spent"] == "x"


@pytest.mark.parametrize("command", ["assess", "draft", "report"])
def test_headless_commands_never_import_ruamel(example, command):
    assert modules_loaded_by([command, str(example("scope-creep"))], ("ruamel",)) == []


# -- two sessions on one case --------------------------------------------------------------
def test_a_change_on_disk_is_never_silently_overwritten(example):
    path = example("scope-creep")
    first, second = Session.open(path), Session.open(path)
    second.set_note("hours_spent", "from the second window")
    with pytest.raises(CaseChangedOnDisk) as err:
        first.set_note("hours_spent", "from the first window")
    assert err.value.file == str(path) and "changed on disk" in err.value.one_line()
    assert load_case(path).notes["hours_spent"] == "from the second window"


@pytest.mark.parametrize("choice", ["overwrite", "reload", "cancel"])
def test_the_face_decides_over_a_change_on_disk(example, choice):
    path = example("scope-creep")
    asked: list[Path] = []

    def decide(where: Path):
        asked.append(where)
        return choice

    first, second = Session.open(path, on_conflict=decide), Session.open(path)
    second.set_note("hours_spent", "theirs")
    result = first.set_note("hours_spent", "mine")
    assert result is None and asked == [path]
    on_disk = load_case(path).notes["hours_spent"]
    if choice == "overwrite":
        assert on_disk == "mine"
    elif choice == "reload":
        assert on_disk == "theirs" and first.case.notes["hours_spent"] == "theirs"
        first.set_note("hours_spent", "mine after reload")  # no longer a conflict
        assert load_case(path).notes["hours_spent"] == "mine after reload"
    else:
        assert on_disk == "theirs" and first.case.notes["hours_spent"] == "mine"


def test_a_touched_file_with_the_same_content_is_not_a_change(example):
    path = example("scope-creep")
    session = Session.open(path)
    os.utime(path, ns=(5_000_000_000, 5_000_000_000))
    assert not session.changed_on_disk()
    session.set_note("hours_spent", "fine")
    assert load_case(path).notes["hours_spent"] == "fine"


# -- values that would overflow ------------------------------------------------------------
@pytest.mark.parametrize("value", ["1.0e-300", "1e-300", "0.001", "4.9e-324"])
def test_a_positive_value_too_small_to_divide_by_is_refused(example, value):
    path = example("scope-creep")
    text = path.read_text(encoding="utf-8").replace(
        "hours_contracted: 35", f"hours_contracted: {value}"
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  hours_contracted: {value}") + 1
    with pytest.raises(PartwaysError) as err:
        open_case(path)
    assert err.value.one_line().startswith(f"{path}:{line}:")
    assert "must be ≥ 0.01" in err.value.one_line() or "not a number" in err.value.one_line()


def test_the_smallest_positive_value_is_accepted(example):
    path = example("scope-creep")
    text = path.read_text(encoding="utf-8").replace(
        "hours_contracted: 35", "hours_contracted: 0.01"
    )
    path.write_text(text, encoding="utf-8")
    case, flow = open_case(path)
    assert assess_case(case, flow).figures["service_ratio_pct"] == 490000.0


# -- crashes while saving --------------------------------------------------------------------
SAVER = """
import sys
from partways.session import Session
s = Session.open(sys.argv[1])
i = 0
print("ready", flush=True)
while True:
    i += 1
    s.set_note("hours_spent", "note %d " % i + "x" * (i % 5000))
"""


def test_killing_a_saving_process_never_corrupts_the_case(example, tmp_path):
    path = example("scope-creep")
    shutil.copy(path, tmp_path / "original.yaml")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    count = examples(50)  # each a new interpreter killed while it saves: 5 in CI, 50 with --slow
    for i in range(count):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(0.002 * (i * 10 // count))  # 0 to 18 ms into the saving, however many
        child.send_signal(signal.SIGKILL)
        child.wait()
        case = load_case(path)  # parses every time: the old file or a whole new one
        assert case.answers["monthly_fee"] == 3000
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["format"] == "partways/1"
    Session.open(path)  # the next open removes what the killed writers left
    assert sorted(p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")) == []
