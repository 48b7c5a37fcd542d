"""The case data letters need (civility, city, role per language, contract date) and the edited
letters kept per (kind, language): read, checked with file:line errors, written back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from partways.case import Case, load_case, open_case, parse_date, role_in, save_case
from partways.errors import PartwaysError
from partways.letters import saved_letter
from tests.core.test_cli import run

GOOD = """format: partways/1
flow: client-review
lang: fr
client:
  name: "Atelier Dumas"
  contact: "Claire Dumas"
  civility: ms
provider:
  name: "Studio Nord"
  signer: "Paul Martin"
  city: "Lyon"
  role: {fr: "Gérante", en: "Managing director"}
answers:
  more_without_budget: often
letter:
  contract_date: 2024-03-12
  next_provider: "Agence Lumen"
"""


def _write(tmp_path, text: str):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path, text: str) -> str:
    with pytest.raises(PartwaysError) as err:
        open_case(_write(tmp_path, text))
    message = str(err.value)
    assert "\n" not in message, message
    return message


def test_new_fields_are_read(tmp_path):
    case, _flow = open_case(_write(tmp_path, GOOD))
    assert case.client["civility"] == "ms" and case.civility() == "ms"
    assert case.provider["city"] == "Lyon"
    assert case.role("fr") == "Gérante" and case.role("en") == "Managing director"
    assert case.contract_date() == dt.date(2024, 3, 12)


def test_absent_fields_have_their_defaults(tmp_path):
    text = GOOD.replace("  civility: ms\n", "").replace("  contract_date: 2024-03-12\n", "")
    text = text.replace('{fr: "Gérante", en: "Managing director"}', '"Gérante"')
    case, _flow = open_case(_write(tmp_path, text))
    assert case.civility() == "none"
    assert case.contract_date() is None
    assert case.role("fr") == case.role("en") == "Gérante"  # a plain role serves both


def test_role_helper():
    assert role_in("Owner", "fr") == "Owner"
    assert role_in({"fr": "Gérante"}, "en") == ""  # no French title in an English letter
    assert role_in(None, "fr") == ""
    case = Case(provider={"role": "Owner"})
    case.set_role("fr", "Gérant")
    assert case.provider["role"] == "Gérant", "a plain role stays one string"
    case = Case(provider={"role": {"fr": "Gérante", "en": "Director"}})
    case.set_role("en", "Managing director")
    assert case.provider["role"] == {"fr": "Gérante", "en": "Managing director"}
    case.set_role("fr", "")
    assert case.provider["role"] == {"en": "Managing director"}


def test_contract_date_as_a_string(tmp_path):
    case, _flow = open_case(_write(tmp_path, GOOD.replace("2024-03-12", "'2024-03-12'")))
    assert case.contract_date() == dt.date(2024, 3, 12)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("2025-02-29")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("12/03/2024")


BAD = [
    (
        "civility",
        GOOD.replace("civility: ms", "civility: mrs"),
        r"^\S*case\.yaml:7: client\.civility: 'mrs' is not one of ms, mr, none$",
    ),
    (
        "nonexistent contract date (YAML date)",
        GOOD.replace("2024-03-12", "2025-02-29"),
        r"^\S*case\.yaml:16: letter\.contract_date: '2025-02-29': not a real date",
    ),
    (
        "nonexistent contract date (string)",
        GOOD.replace("2024-03-12", "'2024-04-31'"),
        r"^\S*case\.yaml:16: letter\.contract_date: '2024-04-31': not a real date",
    ),
    (
        "contract date not a date",
        GOOD.replace("2024-03-12", "'12 mars 2024'"),
        r"^\S*case\.yaml:16: letter\.contract_date: '12 mars 2024': expected a date written "
        r"YYYY-MM-DD",
    ),
    (
        "newline in a name",
        GOOD.replace('contact: "Claire Dumas"', 'contact: "Claire\\nDumas"'),
        r"^\S*case\.yaml:6: client\.contact: must fit on one line",
    ),
    (
        "newline in the city (block scalar)",
        GOOD.replace('city: "Lyon"', "city: |\n    Lyon\n    Rhône"),
        r"^\S*case\.yaml:11: provider\.city: must fit on one line",
    ),
    (
        "newline in the signer",
        GOOD.replace('signer: "Paul Martin"', 'signer: "Paul\\nMartin"'),
        r"^\S*case\.yaml:10: provider\.signer: must fit on one line",
    ),
    (
        "newline in the client's name",
        GOOD.replace('name: "Atelier Dumas"', 'name: "Atelier\\nDumas"'),
        r"^\S*case\.yaml:5: client\.name: must fit on one line",
    ),
    (
        "role in an unknown language",
        GOOD.replace('en: "Managing director"', "de: Geschäftsführerin"),
        r"^\S*case\.yaml:12: provider\.role\.de: 'de' is not a language: use fr or en$",
    ),
    (
        "role neither text nor mapping",
        GOOD.replace('{fr: "Gérante", en: "Managing director"}', "[Gérante]"),
        r"^\S*case\.yaml:12: provider\.role: expected a text, or \{fr: …, en: …\}$",
    ),
    (
        "edited letter of an unknown kind",
        GOOD + "  texts:\n    farewell: {fr: Adieu}\n",
        r"^\S*case\.yaml:19: letter\.texts\.farewell: 'farewell' is not a letter kind",
    ),
    (
        "edited letter in an unknown language",
        GOOD + "  texts:\n    separation: {de: Tschüss}\n",
        r"^\S*case\.yaml:19: letter\.texts\.separation\.de: 'de' is not a language",
    ),
]


@pytest.mark.parametrize(("what", "text", "pattern"), BAD, ids=[b[0] for b in BAD])
def test_bad_details_one_line_with_file_and_line(tmp_path, what, text, pattern):
    message = _error(tmp_path, text)
    assert re.search(pattern, message), message


def test_bad_details_are_one_line_on_the_command_line(tmp_path):
    path = _write(tmp_path, GOOD.replace("2024-03-12", "2025-02-29"))
    out = run("assess", str(path))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert f"{path}:16:" in out.stderr


def test_round_trip_keeps_the_new_fields(tmp_path):
    case, flow = open_case(_write(tmp_path, GOOD))
    out = tmp_path / "out.yaml"
    save_case(case, out, flow)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["client"]["civility"] == "ms"
    assert data["provider"]["city"] == "Lyon"
    assert data["provider"]["role"] == {"fr": "Gérante", "en": "Managing director"}
    assert data["letter"]["contract_date"] == dt.date(2024, 3, 12)
    again = load_case(out, flow)
    assert (again.client, again.provider, again.letter) == (case.client, case.provider, case.letter)


# -- edited letters, one per (kind, language) -------------------------------------------------
OLD = GOOD + '  kind: separation\n  lang: en\n  text: "Dear Claire, edited."\n'


def test_old_single_edit_is_read_as_one_entry_of_the_table(tmp_path):
    case, _flow = open_case(_write(tmp_path, OLD))
    assert case.letter["texts"] == {"separation": {"en": "Dear Claire, edited."}}
    assert saved_letter(case, "separation", "en") == "Dear Claire, edited.\n"
    assert saved_letter(case, "separation", "fr") is None
    assert saved_letter(case, "check_in", "en") is None
    assert not {"text", "kind", "lang"} & set(case.letter)


def test_old_single_edit_without_a_language_takes_the_case_language(tmp_path):
    case, _flow = open_case(_write(tmp_path, OLD.replace("  lang: en\n", "")))
    assert case.letter["texts"] == {"separation": {"fr": "Dear Claire, edited."}}


def test_saving_writes_the_table_and_drops_the_old_keys(tmp_path):
    path = _write(tmp_path, OLD)
    case, flow = open_case(path)
    case.set_letter_text("separation", "fr", "Chère Claire, modifié.")
    save_case(case, flow=flow)
    letter = yaml.safe_load(path.read_text(encoding="utf-8"))["letter"]
    assert letter["texts"] == {
        "separation": {"en": "Dear Claire, edited.", "fr": "Chère Claire, modifié."}
    }
    assert not {"text", "kind", "lang"} & set(letter)
    assert letter["next_provider"] == "Agence Lumen"  # other letter details stay


def test_forgetting_one_edit_keeps_the_others():
    case = Case()
    case.set_letter_text("separation", "fr", "FR")
    case.set_letter_text("separation", "en", "EN")
    case.set_letter_text("check_in", "en", "CHECK")
    case.set_letter_text("separation", "fr", None)
    assert case.letter["texts"] == {"separation": {"en": "EN"}, "check_in": {"en": "CHECK"}}
    case.set_letter_text("separation", "en", "   ")
    case.set_letter_text("check_in", "en", None)
    assert "texts" not in case.letter


def test_draft_prints_the_edit_in_the_language_asked(example):
    path = example("hostile-after-boundaries")  # verdict part_ways → separation letter
    case, flow = open_case(path)
    case.set_letter_text("separation", "fr", "Chère Claire, version française.")
    case.set_letter_text("separation", "en", "Dear Claire, English version.")
    save_case(case, flow=flow)
    assert run("draft", str(path), "--lang", "fr").stdout == "Chère Claire, version française.\n"
    assert run("draft", str(path), "--lang", "en").stdout == "Dear Claire, English version.\n"
    fresh = run("draft", str(path), "--lang", "fr", "--fresh").stdout
    assert "version française" not in fresh and fresh.strip()
    other = run("draft", str(path), "--lang", "fr", "--letter", "check_in").stdout
    assert "version française" not in other


def test_report_quotes_the_edit_of_its_language(example):
    path = example("hostile-after-boundaries")
    case, flow = open_case(path)
    case.set_letter_text("separation", "en", "Dear Claire, English version.")
    save_case(case, flow=flow)
    assert "\n\nDear Claire, English version.\n" in run("report", str(path), "--lang", "en").stdout
    assert "English version" not in run("report", str(path), "--lang", "fr").stdout
