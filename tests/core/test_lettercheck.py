"""The letter checker: each check on small letters in both languages, the data file, the CLI.

Letters here are written by hand (the templates are being rewritten): each test states a clean
letter passes and that one change makes exactly the expected problem appear, at its line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partways.case import Case, load_case
from partways.errors import PartwaysError
from partways.flow import load_flow
from partways.lettercheck import (
    CODES,
    check_letter,
    checks_for,
    checks_path,
    figure_matches,
    guess_kind,
    guess_lang,
    summary,
)
from partways.letters import letter_facts
from tests.core.test_cli import run

NB, NNB = "\u00a0", "\u202f"  # non-breaking space, narrow non-breaking space
SPEC = Path(__file__).resolve().parents[1] / "data" / "spec-examples"


@pytest.fixture
def flow():
    return load_flow()


def scope_case(civility: str | None = "ms", lang: str = "en", **answers) -> Case:
    """The scope-creep example: fee 3 000 €, 35 h agreed, 49 h spent (140 %), shortfall
    1 200 €, new fee 4 200 €, 18 % of revenue, 30 days' notice (today 26 November 2026, so
    the end date is 26 December 2026)."""
    case = load_case(SPEC / "scope-creep.yaml")
    case.lang = lang
    if civility is not None:
        case.client["civility"] = civility
    case.answers.update(answers)
    return case


def codes(problems) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def only(code: str, *args, **kwargs) -> list:
    """The problems of one code that check_letter(*args, **kwargs) finds."""
    return [p for p in check_letter(*args, **kwargs) if p.code == code]


EN_SEPARATION = """\
26 November 2026

For the attention of Ms Anne Girard, Librairie des Quais

**Subject: The end of our collaboration**

Dear Ms Girard,

After careful thought we have decided to end our collaboration. Over the last months the
team spent about 49 hours a month against the 35 hours agreed (140% of the time paid).

In line with the 30-day notice in our agreement, our work together ends on 26 December 2026.
We will hand over every file and access, and send the final invoice for what remains due.
See our terms at https://example.com/terms?x=1 or write to anne@example.com.

Thank you for these two years of work together.

Yours sincerely,

Julien Roux
"""

FR_SEPARATION = f"""\
Lyon, le 26 novembre 2026

À l’attention de Mme Anne Girard — Librairie des Quais

**Objet{NB}: la fin de notre collaboration**

Madame,

Après mûre réflexion, nous avons décidé de mettre fin à notre collaboration. Ces derniers mois,
l’équipe a consacré environ 49{NB}heures par mois à vos projets, contre 35{NB}heures prévues
(140{NB}% du temps payé), soit un écart d’environ 1{NNB}200{NB}€ par mois.

Conformément au préavis de 30 jours prévu dans notre accord, notre collaboration prendra fin
le 26 décembre 2026. Nous vous remettrons l’ensemble des fichiers et des accès, ainsi que la
dernière facture{NNB}; vous y trouverez ce qui reste dû. Une question{NNB}? Écrivez-nous{NNB}!
«{NNB}Une transition{NNB}»{NB}: nous y tenons{NB}: rendez-vous à 14:30 sur https://exemple.fr/a:b.

Merci pour ces deux années de travail ensemble.

Je vous prie d’agréer, Madame, l’expression de mes salutations distinguées.

Julien Roux
"""


# -- clean letters --------------------------------------------------------------------------
def test_clean_letters_pass_with_and_without_a_case(flow):
    assert check_letter(EN_SEPARATION, "en") == []
    case = scope_case("ms")  # its verdict asks for a renegotiation: the kind is given
    assert check_letter(EN_SEPARATION, "en", "separation", case, flow) == []
    assert check_letter(FR_SEPARATION, "fr") == []
    assert check_letter(FR_SEPARATION, "fr", "separation", scope_case("ms", "fr"), flow) == []


def test_every_code_is_documented_in_the_list():
    assert set(CODES) >= {"blame", "placeholder", "figure", "missing", "salutation"}


# -- 1. blame -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "line", "phrase"),
    [
        ("en", "You never answer our e-mails on time.", "You never"),
        ("en", "This is unacceptable and toxic.", "unacceptable"),
        ("en", "You keep asking for more.", "You keep asking"),
        ("fr", "Vous ne cessez de demander davantage.", "Vous ne cessez de"),
        ("fr", "Vous n’avez jamais payé à temps.", "Vous n’avez jamais"),
        ("fr", "C'est votre faute, comme d'habitude.", "votre faute"),
    ],
)
def test_blame_phrasings_are_found_at_their_line(lang, line, phrase):
    text = "Hello,\n\n" + line + "\n"
    problems = [p for p in check_letter(text, lang) if p.code == "blame"]
    assert problems and problems[0].line == 3
    assert phrase in problems[0].message(lang) and "000" in problems[0].message(lang)
    assert "000" in problems[0].message("fr") and "000" in problems[0].message("en")


def test_blame_is_not_found_in_code_or_urls():
    text = "Hello,\n\nSee `you never` and https://x.org/you-never-toxic here.\n"
    assert [p for p in check_letter(text, "en") if p.code == "blame"] == []


# -- 2. placeholders ------------------------------------------------------------------------
def test_placeholders_are_reported_to_fill_in_but_links_are_not():
    text = (
        "Dear [contact name],\n"
        "Our collaboration ends on [end date]; read [our terms](https://example.com).\n"
        "- [ ] done\n- [x] done\n![logo](logo.png) `[not this]` [1]\n"
        "[terms]: https://example.com/terms\n"
    )
    found = [p for p in check_letter(text, "en") if p.code == "placeholder"]
    assert [(p.line, p.message("en")) for p in found] == [
        (1, "[contact name] to fill in"),
        (2, "[end date] to fill in"),
    ]
    assert {p.severity for p in found} == {"info"}
    fr = check_letter("Madame,\n\nLa date de fin sera le [date de fin].\n", "fr")
    assert [(p.line, p.message("fr")) for p in fr if p.code == "placeholder"] == [
        (3, "[date de fin] à compléter")
    ]


# -- 3. figures -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "known", "ok"),
    [
        (3000, 3000, True),
        (86, 85.71, True),  # whole units
        (85, 85.71, True),
        (5200, 5171.43, True),  # "about 5,200 €": nearest 100
        (5170, 5171.43, True),  # nearest 10
        (128, 128.6, True),  # whole percent
        (2004, 2000, True),  # within 1 %
        (2400, 2000, False),
        (20, 14, False),  # small values are not rounded to tens
        (4150, 4200, False),
    ],
)
def test_figure_rounding(value, known, ok):
    assert figure_matches(value, known) is ok


def test_figures_that_differ_from_the_case_are_reported(flow):
    case = scope_case("ms")
    text = (
        "Dear Ms Girard,\n"  # 1
        "Your fee of €3,000 covers 35 hours; we spent 49 hours (about 140%).\n"  # 2
        "The difference is about €1,200 a month, or €85.71 an hour.\n"  # 3
        "Your fee of €2,400 covers 42 hours, about 128% of the time.\n"  # 4
        "With 45 days' notice, we end on 31 December 2026.\n"  # 5
        "We started on 1 March 2023 and end on 26 December 2026.\n"  # 6
        "We could also charge $3,000.\n"  # 7
        "Or meet on 31 February 2027.\n"  # 8
    )
    problems = check_letter(text, "en", "separation", case, flow)
    figures = [(p.line, p.message("en")) for p in problems if p.code == "figure"]
    assert figures == [
        (4, "“€2,400” does not match the case (monthly fee €3,000)"),
        (4, "“42 hours” does not match the case (hours spent 49 h)"),
        (4, "“128%” does not match the case (time spent vs time paid 140%)"),
        (5, "“45 days' notice” does not match the case (notice 30 days)"),
        (5, "“31 December 2026” does not match the case (end date 26 December 2026)"),
        (7, "“$3,000” does not match the case (monthly fee €3,000)"),
        (8, "“31 February 2027” is not a date"),
    ]


def test_french_figures_with_every_kind_of_space(flow):
    case = scope_case("ms", "fr")
    text = (
        "Madame,\n"
        f"Vos honoraires de 3{NB}000{NB}€, soit 3{NNB}000{NNB}€, ou 3 000 €.\n"
        f"Un écart d’environ 1{NB}200{NB}€, 140{NB}% et 49{NB}h par mois.\n"
        f"Vos honoraires de 2{NB}400{NB}€ et un préavis de 45{NB}jours.\n"
        "La collaboration prendra fin le 31 janvier 2027.\n"
    )
    figures = [
        (p.line, p.message("fr")) for p in only("figure", text, "fr", "separation", case, flow)
    ]
    assert figures == [
        (4, "« 2 400 € » ne correspond pas au dossier (honoraires mensuels 3 000 €)"),
        (4, "« préavis de 45 jours » ne correspond pas au dossier (préavis 30 jours)"),
        (5, "« 31 janvier 2027 » ne correspond pas au dossier (date de fin 26 décembre 2026)"),
    ]


def test_an_amount_the_case_leaves_open_is_not_reported(flow):
    case = scope_case("ms", hours_spent=30)  # within the contract: no shortfall, no new fee
    assert letter_facts(case, flow, "en").new_fee is None
    text = "Dear Ms Girard,\nFrom 26 December 2026 your fee will change from €3,000 to €3,300.\n"
    assert only("figure", text, "en", "price_increase", case, flow) == []
    # a check-in has no new amount to write: the same figure is reported there
    check_in = only("figure", text, "en", "check_in", case, flow)
    assert [p.line for p in check_in] == [2]


def test_letter_facts_are_the_drafts_facts(flow):
    facts = letter_facts(scope_case(), flow, "en")
    assert (facts.fee, facts.new_fee, facts.shortfall) == (3000, 4200, 1200)
    assert (facts.hours_contracted, facts.hours_spent, facts.hours_extra) == (35, 49, 14)
    assert facts.ratio_pct == 140 and facts.notice_days == 30
    assert facts.end_date == dt.date(2026, 12, 26) and not facts.start_date_given


# -- 4. elements of the kind -----------------------------------------------------------------
def test_separation_elements_each_missing():
    base = EN_SEPARATION
    assert [p for p in check_letter(base, "en", "separation") if p.code == "missing"] == []
    removals = {
        "thanks": ("Thank you for these two years of work together.", "Two years."),
        "end date": ("ends on 26 December 2026", "ends soon"),
        "handover": ("hand over every file and access, and ", ""),
        "final invoice": ("send the final invoice for what remains due", "say goodbye"),
    }
    for label, (old, new) in removals.items():
        assert old in base, label
        text = base.replace(old, new)
        missing = [p for p in check_letter(text, "en", "separation") if p.code == "missing"]
        assert len(missing) == 1, (label, missing)
        assert missing[0].line == 5  # the subject line
        assert label.split()[0] in missing[0].message("en")


def test_end_date_placeholder_counts_as_the_end_date_and_the_date_line_does_not():
    text = EN_SEPARATION.replace("ends on 26 December 2026", "ends on [end date]")
    assert [p.code for p in check_letter(text, "en", "separation")] == ["placeholder"]
    no_date = EN_SEPARATION.replace("ends on 26 December 2026", "ends soon")
    assert no_date.startswith("26 November 2026")  # the date line is no end date
    assert "missing" in [p.code for p in check_letter(no_date, "en", "separation")]


def test_renegotiation_needs_the_options_and_price_increase_the_amount_and_date():
    letter = "**Subject: Finding the right balance**\n\nDear Anne Girard,\n\n{}\n\nKind regards,\n"
    two = letter.format("We see two options: keep the scope, or adjust the fee.")
    none = letter.format("We would like to talk about the scope.")
    assert [p for p in check_letter(two, "en", "renegotiation") if p.code == "missing"] == []
    assert codes(check_letter(none, "en", "renegotiation")) == [(1, "missing")]
    fr = "**Objet : Ajuster**\n\nMadame,\n\nNous vous proposons deux options.\n"
    assert "missing" not in [p.code for p in check_letter(fr, "fr", "renegotiation")]
    price = letter.format("Your fee will change from [start date] to [new fee].")
    assert [p.code for p in check_letter(price, "en", "price_increase")] == ["placeholder"] * 2
    bare = letter.format("Your fee will change soon.")
    missing = [p.message("en") for p in check_letter(bare, "en", "price_increase")]
    assert len(missing) == 2 and "new amount" in missing[0] and "starts" in missing[1]


def test_the_kind_is_guessed_from_the_subject_line_when_not_given():
    assert guess_kind(EN_SEPARATION, "en") == "separation"
    assert guess_kind("**Objet : Évolution de nos honoraires**\n", "fr") == "price_increase"
    assert guess_kind("Dear Anne,\n\nHello.\n", "en") is None
    text = EN_SEPARATION.replace("send the final invoice for what remains due", "say goodbye")
    assert "missing" in [p.code for p in check_letter(text, "en")]  # guessed: separation
    unknown = text.replace("The end of our collaboration", "A note")
    assert "missing" not in [p.code for p in check_letter(unknown, "en")]  # unknown: skipped


def test_the_kind_comes_from_the_case_verdict(flow):
    case = scope_case("ms")  # verdict renegotiate → renegotiation letter: needs the options
    text = "Dear Ms Girard,\n\nWe would like to talk.\n"
    assert "missing" in [p.code for p in check_letter(text, "en", case=case, flow=flow)]


# -- 5. typography --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Objet : la suite", "typo_colon"),
        ("Objet: la suite", "typo_colon"),
        ("Vraiment ?", "typo_punct"),
        ("Merci !", "typo_punct"),
        ("d’abord ; ensuite", "typo_punct"),
        (f"«{NNB}la suite{NNB}»", None),
        ("« la suite »", "typo_guillemets"),
        ("l'avenir", "typo_apostrophe"),
        ("un montant de 18 500 €", "typo_amount"),
        (f"un montant de 18{NB}500 €", "typo_amount"),
        (f"un montant de 18{NB}500{NB}€", None),
        (f"un montant de 18{NNB}500{NB}€ et 140{NB}%", None),
        ("environ 140 %", "typo_amount"),
        ("le 1 janvier 2027", "typo_ordinal"),
        ("le 1er janvier 2027", None),
        ("rendez-vous à 14:30", None),
        ("voir https://exemple.fr/page?x=1;y=2 et `a:b` ou anne@exemple.fr", None),
    ],
)
def test_french_typography(line, code):
    text = f"Madame,\n\n{line}\n"
    found = [(p.line, p.code) for p in check_letter(text, "fr") if p.code.startswith("typo")]
    assert found == ([(3, code)] if code else [])


def test_typography_problems_are_counted_per_line():
    problems = check_letter("Madame,\n\nl'un et l'autre d'abord\n", "fr")
    assert [p.code for p in problems] == ["typo_apostrophe"]
    assert "3 fois sur cette ligne" in problems[0].message("fr")
    assert "3 times on this line" in problems[0].message("en")


def test_english_letters_use_one_date_style():
    text = (
        "26 November 2026\n\nDear Anne Girard,\n\nWe end on December 26, 2026.\n"
        "The last invoice comes on 20 December 2026.\n"
    )
    problems = check_letter(text, "en")
    assert codes(problems) == [(5, "date_style")]
    assert "26 November 2026" in problems[0].message("en")
    assert check_letter(text.replace("December 26, 2026", "26 December 2026"), "en") == []
    assert check_letter("Madame,\n\nLe 26 décembre 2026.\n", "fr") == []  # no English rule


# -- 6. salutation --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("civility", "lang", "salutation", "ok"),
    [
        ("ms", "fr", "Madame,", True),
        ("ms", "fr", "Monsieur,", False),
        ("ms", "fr", "Madame, Monsieur,", False),
        ("mr", "fr", "Monsieur,", True),
        (None, "fr", "Madame, Monsieur,", True),
        ("none", "fr", "Madame,", False),
        (None, "fr", "Bonjour Anne Girard,", False),  # only for check-in notes
        ("ms", "en", "Dear Ms Girard,", True),
        ("ms", "en", "Dear Mr Girard,", False),
        ("ms", "en", "Dear Anne Girard,", False),
        ("mr", "en", "Dear Mr Girard,", True),
        (None, "en", "Dear Anne Girard,", True),
        (None, "en", "Dear Ms Girard,", False),
        ("none", "en", "Dear Ms Dupont,", False),
        ("ms", "en", "Dear Ms Dupont,", False),  # not the contact's name
    ],
)
def test_salutation_matches_the_civility(flow, civility, lang, salutation, ok):
    case = scope_case(civility, lang)
    text = f"**Subject: hello**\n\n{salutation}\n\nThank you.\n"
    found = only("salutation", text, lang, "boundaries", case, flow)
    assert (found == []) is ok, [p.message("en") for p in found]
    if not ok:
        assert found[0].line == 3


def test_check_in_notes_may_say_bonjour_and_closings_repeat_the_civility(flow):
    case = scope_case("ms", "fr")
    note = "Bonjour Anne,\n\nMerci.\n"
    assert only("salutation", note, "fr", "check_in", case, flow) == []
    letter = (
        "Madame,\n\nMerci.\n\n"
        "Je vous prie d’agréer, Monsieur, l’expression de mes salutations distinguées.\n"
    )
    found = only("salutation", letter, "fr", "boundaries", case, flow)
    assert [p.line for p in found] == [5]


def test_expected_salutation_is_suggested(flow):
    problems = check_letter("Dear Anne Girard,\n", "en", "boundaries", scope_case("ms"), flow)
    assert "Dear Ms Girard," in problems[0].message("en")
    fr = check_letter("Madame,\n", "fr", "boundaries", scope_case(None, "fr"), flow)
    assert "Madame, Monsieur," in fr[0].message("fr")


# -- the data file --------------------------------------------------------------------------
def _flow_with_own_checks(tmp_path: Path, content: str):
    folder = tmp_path / "tpl"
    shutil.copytree(checks_path(None).parent, folder)
    (folder / "letter-checks.yaml").write_text(content, encoding="utf-8")
    return dataclasses.replace(load_flow(), templates=folder)


def test_a_flows_template_folder_may_bring_its_own_lexicon(tmp_path):
    own = (
        "format: partways-letter-checks/1\n"
        "blame:\n  en: [frankly disappointing, {re: '\\bsloppy\\b'}]\n  fr: [franchement]\n"
    )
    flow = _flow_with_own_checks(tmp_path, own)
    text = "Hello,\n\nThis was frankly  disappointing and sloppy. You never call.\n"
    assert checks_path(flow) == tmp_path / "tpl" / "letter-checks.yaml"
    assert [p.message("en").split("”")[0] for p in check_letter(text, "en", flow=flow)] == [
        "“frankly disappointing",
        "“sloppy",
    ]
    builtin = [p.message("en") for p in check_letter(text, "en")]
    assert len(builtin) == 1 and "You never" in builtin[0]
    # without a file of its own, a flow with its own templates uses the built-in lexicon
    (tmp_path / "tpl" / "letter-checks.yaml").unlink()
    assert checks_path(flow) == checks_path(None)


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("format: nope\n", ":1:", "format"),
        (
            "format: partways-letter-checks/1\nblame:\n  en:\n    - ok\n    - {re: '(unclosed'}\n",
            ":5:",
            "bad regular expression",
        ),
        (
            "format: partways-letter-checks/1\nelements:\n  farewell: []\n",
            ":3:",
            "unknown letter kind",
        ),
        (
            "format: partways-letter-checks/1\nelements:\n  separation:\n    - id: x\n"
            "      label: {en: x, fr: x}\n      en: [{builtin: weekday}]\n      fr: [x]\n",
            ":6:",
            "builtin must be one of",
        ),
    ],
)
def test_a_broken_data_file_is_one_line_with_its_place(tmp_path, content, where, message):
    flow = _flow_with_own_checks(tmp_path, content)
    with pytest.raises(PartwaysError) as err:
        checks_for(flow)
    line = err.value.one_line()
    assert f"letter-checks.yaml{where}" in line and message in line, line


def test_the_built_in_data_file_is_sound_and_compiled_once():
    first = checks_for(None)
    assert checks_for(None) is first
    assert set(first.elements) == {"separation", "renegotiation", "price_increase"}
    assert first.blame["fr"] is not None and first.blame["en"] is not None


def test_speed_of_a_two_page_letter(flow):
    case = scope_case("ms")
    facts = letter_facts(case, flow, "en")
    checks = checks_for(flow)
    text = EN_SEPARATION * 3  # ~2 pages
    for lang, letter in (("en", text), ("fr", FR_SEPARATION * 3)):
        check_letter(letter, lang, "separation", case, flow, facts=facts, checks=checks)
        times = []
        for _ in range(15):
            start = time.perf_counter()
            check_letter(letter, lang, "separation", case, flow, facts=facts, checks=checks)
            times.append(time.perf_counter() - start)
        assert statistics.median(times) < 0.05  # the bench script measures it properly


def test_summary_line_for_the_editor():
    problems = check_letter("Madame,\n\nLa fin : le [date de fin].\n", "fr")
    assert summary(problems, "fr") == "2 points à vérifier : ligne 3 — [date de fin] à compléter"
    assert summary(problems[1:], "en") == (
        "1 thing to check: line 3 — “fin :”: French puts a non-breaking space (U+00A0) before “:”"
    )
    assert summary([], "en") == ""


def test_guess_lang():
    assert guess_lang(FR_SEPARATION) == "fr" and guess_lang(EN_SEPARATION) == "en"
    assert guess_lang("") is None


# -- the command ----------------------------------------------------------------------------
def test_check_letter_command_lines_and_exit_codes(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text(EN_SEPARATION, encoding="utf-8")
    out = run("check-letter", str(clean))
    assert out.returncode == 0 and out.stdout == "" and out.stderr == f"{clean}: ok\n"
    french_locale = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}
    out = run("check-letter", str(clean), env=french_locale)  # English letter, French user
    assert out.returncode == 0 and out.stderr == f"{clean}: aucun problème\n"

    bad = tmp_path / "bad.md"
    bad.write_text(EN_SEPARATION.replace("Thank you", "You never thanked us. Thank you"), "utf-8")
    out = run("check-letter", str(bad), "--lang", "en")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        f"{bad}:16: “You never” sounds like blame: article 000 asks to state the reason as facts,"
        " without blame"
    ]


def test_check_letter_with_a_case_kind_and_french_messages(tmp_path):
    case = tmp_path / "case.yaml"
    shutil.copy(SPEC / "scope-creep.yaml", case)  # lang fr: messages in French
    letter = tmp_path / "letter.md"
    letter.write_text(
        "**Subject: The end**\n\nDear Anne Girard,\n\nYour fee of €2,400 ends on [end date].\n",
        encoding="utf-8",
    )
    out = run("check-letter", str(letter), "--case", str(case), "--kind", "separation")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    mismatch = "« €2,400 » ne correspond pas au dossier (honoraires mensuels €3,000)"
    assert f"{letter}:5: {mismatch}" in lines
    assert f"{letter}:5: [end date] à compléter" in lines
    assert all(line.startswith(f"{letter}:") for line in lines)
    assert sum("devrait mentionner" in line for line in lines) == 3  # thanks, handover, invoice


def test_check_letter_bad_input_is_one_line(tmp_path):
    out = run("check-letter", str(tmp_path / "nope.md"))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip() == f"partways: error: {tmp_path / 'nope.md'}: file not found"
    binary = tmp_path / "bin.md"
    binary.write_bytes(bytes(range(256)))
    out = run("check-letter", str(binary))
    assert out.returncode == 1 and "binary file" in out.stderr
    letter = tmp_path / "l.md"
    letter.write_text("Hello\n", encoding="utf-8")
    broken = tmp_path / "case.yaml"
    broken.write_text("format: partways/1\nanswers: {a: [\n", encoding="utf-8")
    for case in (broken, tmp_path / "missing.yaml"):
        out = run("check-letter", str(letter), "--case", str(case))
        lines = out.stderr.strip().splitlines()
        assert out.returncode == 1 and len(lines) == 1 and "Traceback" not in out.stderr
        assert str(case) in lines[0]


def test_check_letter_never_imports_textual(tmp_path):
    letter = tmp_path / "l.md"
    letter.write_text(EN_SEPARATION, encoding="utf-8")
    code = (
        f"import sys, runpy; sys.argv=['partways', 'check-letter', {str(letter)!r}, '--case', "
        f"{str(SPEC / 'scope-creep.yaml')!r}];\n"
        "try:\n    runpy.run_module('partways', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "bad=[m for m in sys.modules "
        "if m.split('.')[0] in ('textual','questionary','prompt_toolkit') "
        "or m.startswith('partways.tui') or m.startswith('partways.prompt')]\n"
        "print('LOADED', bad, file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
        timeout=60,
    )
    assert "LOADED []" in out.stderr, out.stderr


@pytest.mark.parametrize(
    ("subject", "lang", "kind"),
    [
        ("**Subject: Renegotiating our agreement**", "en", "renegotiation"),
        ("**Objet : Renégociation de notre accord**", "fr", "renegotiation"),
        ("Objet : nouveau tarif", "fr", "price_increase"),
        ("**Subject: A change of team for your account**", "en", "new_lead"),
    ],
)
def test_subject_markers_match_inside_words_only_when_written_as_stems(subject, lang, kind):
    assert guess_kind(f"{subject}\n\nHello,\n", lang) == kind


def test_thanks_may_be_written_many_ways():
    for thanks in ("We are grateful for", "Thanks to you", "We appreciated"):
        text = EN_SEPARATION.replace("Thank you for these two years", thanks + " two years")
        assert only("missing", text, "en", "separation") == [], thanks
    fr = FR_SEPARATION.replace("Merci pour ces deux années", "Avec nos remerciements pour ces")
    assert only("missing", fr, "fr", "separation") == []


def test_flow_check_reports_a_broken_letter_checks_file_of_the_flow(tmp_path):
    from partways.flowcheck import check_flow
    from partways.paths import flows_dir

    folder = tmp_path / "tpl"
    shutil.copytree(checks_path(None).parent, folder)
    source = (flows_dir() / "client-review.yaml").read_text(encoding="utf-8")
    flow_file = tmp_path / "flow.yaml"
    flow_file.write_text(
        source.replace("id: client-review\n", "id: client-review\ntemplates: tpl\n", 1), "utf-8"
    )
    assert check_flow(flow_file) == []
    (folder / "letter-checks.yaml").write_text(
        "format: partways-letter-checks/1\nblame:\n  en: [{re: '(x'}]\n", encoding="utf-8"
    )
    problems = check_flow(flow_file)
    assert len(problems) == 1
    assert problems[0].startswith(f"{folder / 'letter-checks.yaml'}:3: blame.en: bad regular")
