"""`partways ask` checks the letter before writing it: problems listed, then a question.

The case holds an edited letter (what `ask` writes in preference to the template), so the text
checked is known here whatever the templates draft; the case answers every question the flow
asks, so the journey goes straight to the review list and the verdict.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from partways.assessment import assess
from partways.engine import Engine
from tests.prompt.helpers import DATA, ENTER, YES, drive, flat, flow

NO = f"2{ENTER}"
NB = "\u00a0"


def complete_case(tmp_path: Path, letter_text: str) -> tuple[Path, str]:
    """scope-creep with every question the current flow asks answered, and an edited letter
    of the verdict's kind in French; returns the path and the letter kind."""
    f = flow()
    data = yaml.safe_load((DATA / "scope-creep.yaml").read_text(encoding="utf-8"))
    engine = Engine(f, data["answers"])
    while (q := engine.next_question()) is not None:
        engine.answer(q.id, q.options[0] if q.options else False if q.type == "boolean" else 0)
    data["answers"] = dict(engine.answers)
    data.pop("skipped")  # the example's skips are all answered now
    kind = assess(f, engine.effective_answers(), "fr").letter
    data["letter"] = {
        "kind": kind,
        "lang": "fr",
        "text": letter_text,
        "new_lead": "Jo Lead",
        "next_provider": "Autre Studio",
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path, kind


#: Letters citing the agreement: `ask` asks the contract date before checking them.
CONTRACT_KINDS = ("boundaries", "renegotiation", "price_increase", "separation")


def contract_date_keys(kind: str) -> list[str]:
    """The contract date, left empty, for a letter that asks it."""
    return [ENTER] if kind in CONTRACT_KINDS else []


PROBLEMS = "Madame, Monsieur,\n\nLa fin est prévue le [date de fin].\n\nVous refusez tout.\n"


def test_problems_are_listed_then_the_letter_is_written_anyway(tmp_path: Path):
    path, kind = complete_case(tmp_path, PROBLEMS)
    # verdict, letter, contract date, write anyway, path, no report
    run = drive(path, [ENTER, YES, *contract_date_keys(kind), YES, ENTER, NO])
    assert run.code == 0, run.out
    out = flat(run.out)
    assert "Cette lettre a" in out and "points à vérifier" in out
    assert "ligne 3 — [date de fin] à compléter" in out
    assert "ligne 5 — « Vous refusez » sonne comme un reproche" in out
    assert letter_file(tmp_path).read_text(encoding="utf-8") == PROBLEMS


def test_answering_no_writes_nothing(tmp_path: Path):
    path, kind = complete_case(tmp_path, PROBLEMS)
    # verdict, letter, contract date, do not write it, no report
    run = drive(path, [ENTER, YES, *contract_date_keys(kind), NO, NO])
    assert run.code == 0, run.out
    assert "Pas écrit." in run.out
    assert not list(tmp_path.glob("case-*-*.md"))


# A clean letter of each kind for this case (civility not recorded: "Madame, Monsieur,").
CLEAN = {
    "separation": "Madame, Monsieur,\n\nMerci. Fin le 26 décembre 2026, remise des fichiers, "
    "dernière facture.\n",
    "renegotiation": "Madame, Monsieur,\n\nMerci. Nous vous proposons deux options.\n",
    "price_increase": "Madame, Monsieur,\n\nMerci. 4 200 € dès le 26 décembre 2026.\n",
}


def test_a_letter_without_problems_is_not_questioned(tmp_path: Path):
    _path, kind = complete_case(tmp_path, "")
    clean = CLEAN.get(kind, "Madame, Monsieur,\n\nMerci.\n").replace("4 200 €", f"4{NB}200{NB}€")
    path, _kind = complete_case(tmp_path, clean)
    # verdict, letter, contract date, path, no report
    run = drive(path, [ENTER, YES, *contract_date_keys(kind), ENTER, NO])
    assert run.code == 0, run.out
    assert "à vérifier" not in run.out
    assert letter_file(tmp_path).read_text(encoding="utf-8") == clean


def letter_file(folder: Path) -> Path:
    """The letter `ask` wrote (`<case>-<kind>-<lang>.md`, the wizard's naming scheme)."""
    (found,) = [p for p in folder.glob("case-*-*.md") if "-report-" not in p.name]
    return found
