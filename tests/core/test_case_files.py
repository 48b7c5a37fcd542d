"""Case files: read and written per the contract; bad input is one line naming file and key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from partways.case import load_case, open_case, save_case
from partways.errors import PartwaysError


def _write(tmp_path, text: str | bytes, name: str = "case.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GOOD = """format: partways/1
flow: client-review
lang: en
client: {name: "Acme", contact: "Jo"}
provider: {name: "Studio", signer: "Sam", role: "Owner"}
answers:
  more_without_budget: often
  hours_contracted: 40
custom_key: {kept: [1, 2]}
"""


def test_round_trip_keeps_unknown_keys_and_is_private(tmp_path):
    path = _write(tmp_path, GOOD)
    case, flow = open_case(path)
    case.answers["missed_meetings"] = "never"
    out = tmp_path / "out.yaml"
    save_case(case, out, flow)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["custom_key"] == {"kept": [1, 2]}
    assert data["format"] == "partways/1"
    assert data["answers"] == {
        "more_without_budget": "often",
        "missed_meetings": "never",
        "hours_contracted": 40,
    }
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_replaces_atomically(tmp_path, monkeypatch):
    path = _write(tmp_path, GOOD)
    case, flow = open_case(path)
    before = path.read_text()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    case.answers["missed_meetings"] = "never"
    with pytest.raises(PartwaysError, match="No space left"):
        save_case(case, path, flow)
    assert path.read_text() == before, "a failed save leaves the old file whole"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


BAD = [
    ("malformed YAML", GOOD.replace("answers:\n", "answers: [\n"), r"case\.yaml:\d+: "),
    (
        "wrong answer value",
        GOOD.replace("often", "frequently"),
        r"case\.yaml:7: answers\.more_without_budget: 'frequently' is not one of never",
    ),
    (
        "number out of range",
        GOOD.replace("hours_contracted: 40", "hours_contracted: -4"),
        r"case\.yaml:8: answers\.hours_contracted: -4 is out of range",
    ),
    (
        "unknown question",
        GOOD.replace("hours_contracted: 40", "hours_contracted: 40\n  moodz: 3"),
        r"case\.yaml:9: answers\.moodz: no question 'moodz'",
    ),
    (
        "future format",
        GOOD.replace("partways/1", "partways/2"),
        r"case\.yaml:1: format: written by a newer partways \(partways/2\)",
    ),
    ("missing format", GOOD.replace("format: partways/1\n", ""), r"case\.yaml: format: missing"),
    (
        "python tag",
        GOOD.replace("{kept: [1, 2]}", "!!python/object/apply:os.system ['true']"),
        r"case\.yaml:9: YAML tag .*python.* is not allowed",
    ),
    (
        "bad language",
        GOOD.replace("lang: en", "lang: de"),
        r"case\.yaml:3: lang: 'de' is not a language",
    ),
    (
        "answers not a mapping",
        GOOD.replace(
            "answers:\n  more_without_budget: often\n  hours_contracted: 40\n", "answers: 3\n"
        ),
        r"case\.yaml:6: answers: expected a mapping",
    ),
    ("unknown flow", GOOD.replace("flow: client-review", "flow: nope"), r"unknown flow 'nope'"),
    ("list instead of mapping", "- a\n- b\n", r"case\.yaml: a case file must be a YAML mapping"),
]


@pytest.mark.parametrize(("what", "text", "pattern"), BAD, ids=[b[0] for b in BAD])
def test_bad_case_one_line(tmp_path, what, text, pattern):
    path = _write(tmp_path, text)
    with pytest.raises(PartwaysError) as err:
        open_case(path)
    message = str(err.value)
    assert "\n" not in message
    assert __import__("re").search(pattern, message), message


def test_binary_and_missing_files(tmp_path):
    with pytest.raises(PartwaysError, match="binary file"):
        load_case(_write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00", "img.yaml"))
    with pytest.raises(PartwaysError, match="not UTF-8"):
        load_case(_write(tmp_path, b"answers: \xff\xfe", "latin.yaml"))
    with pytest.raises(PartwaysError, match="file not found"):
        load_case(tmp_path / "absent.yaml")


def test_answer_errors_are_translated():
    from partways.answers import parse_input
    from partways.errors import AnswerError
    from partways.flow import load_flow

    flow = load_flow()
    with pytest.raises(AnswerError) as err:
        parse_input(flow.by_id["revenue_share"], "140")
    assert err.value.localized("en") == "140 is out of range: must be ≤ 100"
    assert err.value.localized("fr") == "140 est hors limites : doit être ≤ 100"
    with pytest.raises(AnswerError) as err:
        parse_input(flow.by_id["hours_spent"], "beaucoup")
    assert "n'est pas un nombre" in err.value.localized("fr")


def test_a_custom_flow_is_found_again_from_the_case(tmp_path):
    import shutil

    from partways.paths import flows_dir

    custom = tmp_path / "flows" / "my-flow.yaml"
    custom.parent.mkdir()
    shutil.copy(flows_dir() / "client-review.yaml", custom)
    path = _write(tmp_path, GOOD)
    case, flow = open_case(path, custom)
    assert case.flow == str(custom.resolve())
    save_case(case, flow=flow)
    again, flow2 = open_case(path)
    assert flow2.path.resolve() == custom.resolve()
    # a relative path in the case file is read from the case's folder
    text = path.read_text(encoding="utf-8").replace(str(custom.resolve()), "flows/my-flow.yaml")
    path.write_text(text, encoding="utf-8")
    assert open_case(path)[1].path.resolve() == custom.resolve()
    # the built-in flow is recorded by its id
    case, flow = open_case(path, "client-review")
    assert case.flow == "client-review" == flow.ref


def test_a_date_that_does_not_exist_is_read_as_text(tmp_path):
    """PyYAML raises a bare ValueError on an unquoted 2026-02-30; partways reads it as text so
    the answer check can name its line."""
    from partways.yamlio import parse_yaml

    data = parse_yaml("log:\n  - date: 2026-02-30\n  - date: 2026-02-28\n", tmp_path / "c.yaml")
    assert data["log"][0]["date"] == "2026-02-30"
    assert str(data["log"][1]["date"]) == "2026-02-28"


def test_ticked_steps_are_a_case_field_and_the_report_shows_them_ticked(tmp_path):
    from partways.case import load_case, save_case
    from partways.flow import load_flow
    from partways.report import case_report

    src = Path(__file__).resolve().parents[1] / "data" / "spec-examples" / "scope-creep.yaml"
    path = tmp_path / "case.yaml"
    path.write_text(
        src.read_text(encoding="utf-8") + "steps_done: [show_numbers, show_numbers]\n",
        encoding="utf-8",
    )
    case = load_case(path)
    assert case.steps_done == ["show_numbers"] and "steps_done" not in case.extra
    report = case_report(case, load_flow(), "en")
    assert "- [x] **Show the numbers**" in report
    assert "- [ ] **Talk before you write**" in report
    save_case(case)
    assert "steps_done:\n- show_numbers" in path.read_text(encoding="utf-8")
    path.write_text(src.read_text(encoding="utf-8") + "steps_done: show_numbers\n")
    with pytest.raises(PartwaysError, match="expected a list of step ids"):
        load_case(path)


@pytest.mark.parametrize(
    ("qid", "typed", "value"),
    [
        ("hours_spent", "38h", 38),
        ("hours_spent", "38 h", 38),
        ("hours_spent", "38,5", 38.5),
        ("hours_spent", "42 heures", 42),
        ("monthly_fee", "2 400 €", 2400),
        ("monthly_fee", "2\u202f400\u00a0€", 2400),
        ("monthly_fee", "2400 EUR", 2400),
        ("revenue_share", "30 %", 30),
        ("notice_days", "60 jours", 60),
        ("relationship_years", "3 ans", 3),
    ],
)
def test_numbers_are_read_as_people_type_them(qid, typed, value):
    from partways.answers import parse_input
    from partways.flow import load_flow

    assert parse_input(load_flow().by_id[qid], typed) == value


def test_a_unit_alone_is_not_a_number():
    from partways.answers import parse_input
    from partways.errors import AnswerError
    from partways.flow import load_flow

    with pytest.raises(AnswerError):
        parse_input(load_flow().by_id["hours_spent"], "h")
