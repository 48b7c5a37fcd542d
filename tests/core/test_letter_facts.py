"""Each drafted letter agrees with the case's facts (issue 11's situations, in both languages)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from partways.case import Case
from partways.flow import load_flow
from partways.letters import render_letter
from partways.lettertext import NBSP, NNBSP, first_of_month_after
from tests.core.helpers import calm

FLOW = load_flow()
DAY = dt.date(2026, 11, 27)


def draft(kind: str, lang: str, answers=None, client=None, provider=None, letter=None) -> str:
    case = Case(
        client=client or {"name": "Halden Foods", "contact": "Bertrand Vasseur"},
        provider=provider or {"name": "Studio Nord", "signer": "Paul Martin", "role": "Gérant"},
        answers=answers if answers is not None else calm(),
        letter=letter or {},
    )
    return render_letter(case, FLOW, kind=kind, lang=lang, day=DAY)


LANGS = pytest.mark.parametrize("lang", ["fr", "en"])


@LANGS
def test_renegotiation_without_extra_hours_talks_about_out_of_scope_requests(lang):
    text = draft(
        "renegotiation",
        lang,
        calm(more_without_budget="often", hours_spent=18, hours_contracted=20),
    )
    assert re.search(r"beyond the scope|dépassé le périmètre", text)
    assert not re.search(
        r"more each month|de plus chaque mois|additional time|supplémentaire", text
    )
    assert "90" not in text  # no "around 90 %" of the hours


@LANGS
def test_price_increase_covers_the_hours_really_spent(lang):
    text = draft(
        "price_increase", lang, calm(hours_contracted=30, hours_spent=42, monthly_fee=3000)
    )
    assert re.search(r"42 hours|42 heures", text)
    assert not re.search(r"same 30|même volume", text)
    assert re.search(r"140\s?%", text.replace(NBSP, " "))


@LANGS
def test_price_increase_without_a_new_fee_shows_a_placeholder_never_a_vague_promise(lang):
    text = draft("price_increase", lang, calm(hours_spent=34))  # no shortfall → no computed fee
    assert {"en": "[new monthly fee]", "fr": "[nouveaux honoraires mensuels]"}[lang] in text
    assert not re.search(r"detail (?:soon|shortly)|détaillerons", text)


def test_price_increase_starts_on_the_first_of_the_month_after_the_notice():
    assert first_of_month_after(dt.date(2026, 12, 27)) == dt.date(2027, 1, 1)
    assert first_of_month_after(dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)
    text = draft("price_increase", "fr", calm(notice_days=30, hours_spent=49))
    assert "à compter du 1er janvier 2027" in text
    assert "From 1 January 2027" in draft("price_increase", "en", calm(hours_spent=49))


@LANGS
def test_boundaries_letter_is_built_from_the_real_problem(lang):
    text = draft("boundaries", lang, calm(payment_chasing="often"))
    assert re.search(r"\*\*(Payment|Paiements)\*\*", text)
    assert not re.search(r"Revisions|Révisions|Availability|Disponibilité", text)
    hours = draft("boundaries", lang, calm(after_hours_contact="often"))
    assert re.search(r"Availability|Disponibilité", hours)
    assert not re.search(r"\*\*(Payment|Paiements)\*\*", hours)


@LANGS
def test_new_lead_letter_does_not_contradict_its_subject(lang):
    text = draft("new_lead", lang, letter={"new_lead": {"name": "Inès Roy"}})
    assert "Inès Roy" in text
    assert not re.search(r"stays the same|reste la même|has been done|a été faite", text)
    assert re.search(r"organising the handover|organisons la passation", text)
    unknown = draft("new_lead", lang)
    placeholder = {"en": "[name of the new account lead]", "fr": "[nom du nouveau référent]"}
    assert placeholder[lang] in unknown


@LANGS
def test_separation_after_conduct_is_neutral_and_complete(lang):
    answers = calm(disrespect="often", notice_days=30)
    text = draft("separation", lang, answers)
    assert not re.search(r"door|porte|built together|construit ensemble|réalisé ensemble", text)
    assert re.search(r"final invoice|facture finale", text)
    assert re.search(r"files and access|fichiers et accès", text)
    assert re.search(r"27 December 2026|27 décembre 2026", text)
    assert re.search(r"Thank you for the projects|remercions pour les projets", text)


@LANGS
def test_separation_for_expertise_is_warm_and_refers_to_the_conversation(lang):
    answers = calm(out_of_expertise=True, concerns_raised=True, relationship_years=5)
    text = draft("separation", lang, answers)
    assert re.search(r"five years|cinq années", text)
    assert re.search(r"Further to our conversation of|Comme suite à notre entretien du", text)
    assert re.search(r"paths cross again|chemins se croisent", text)


@LANGS
def test_separation_with_unknown_notice_shows_an_end_date_placeholder(lang):
    answers = calm(disrespect="often")
    answers.pop("notice_days")
    text = draft("separation", lang, answers)
    assert {"en": "[end date]", "fr": "[date de fin]"}[lang] in text
    assert not re.search(r"in line with the notice period of our agreement\.", text)


@LANGS
def test_figures_are_rounded_in_letters(lang):
    answers = calm(hours_contracted=35, hours_spent=44.8, monthly_fee=4065)
    text = draft("renegotiation", lang, answers).replace(NBSP, " ")
    assert re.search(r"128 ?%", text) and not re.search(r"128[.,]\d", text)
    assert not re.search(r"\d[.,]\d\d ?€|€\d[\d,]*\.\d\d", text)


@pytest.mark.parametrize(
    ("civility", "lang", "salutation", "closing"),
    [
        ("ms", "fr", "Madame,", "Je vous prie d’agréer, Madame, l’expression"),
        ("mr", "fr", "Monsieur,", "Je vous prie d’agréer, Monsieur, l’expression"),
        (None, "fr", "Madame, Monsieur,", "Je vous prie d’agréer, Madame, Monsieur, l’expression"),
        ("ms", "en", "Dear Ms Vasseur,", "Yours sincerely,"),
        ("mr", "en", "Dear Mr Vasseur,", "Yours sincerely,"),
        (None, "en", "Dear Bertrand Vasseur,", "Kind regards,"),
    ],
)
def test_salutation_and_closing_follow_the_civility(civility, lang, salutation, closing):
    client = {"name": "Halden Foods", "contact": "Bertrand Vasseur"}
    if civility:
        client["civility"] = civility
    text = draft("separation", lang, calm(disrespect="often"), client=client)
    lines = text.splitlines()
    assert salutation in lines
    assert any(line.startswith(closing) for line in lines)
    # the contact's full name and the company are in every letter, whatever the salutation
    assert "Bertrand Vasseur" in text and "Halden Foods" in text


def test_french_date_line_with_city_and_the_agreement_date():
    text = draft(
        "separation",
        "fr",
        calm(disrespect="often"),
        provider={"name": "Studio Nord", "signer": "Paul Martin", "city": "Lyon"},
        letter={"contract_date": "2024-03-01"},
    )
    assert text.startswith("Lyon, le 27 novembre 2026\n")
    assert "notre accord du 1er mars 2024" in text


def test_french_typography():
    text = draft("renegotiation", "fr", calm(hours_spent=49))
    assert f"Objet{NBSP}:" in text
    assert f"{NNBSP};" in text and " ;" not in text
    assert "'" not in text and "’" in text
    assert f"3{NBSP}000{NBSP}€" in text
    assert not re.search(r" [:;?!]", text)


def test_english_letters_use_british_dates_only():
    text = draft("separation", "en", calm(disrespect="often"))
    assert re.search(r"\b27 December 2026\b", text)
    assert not re.search(
        r"(January|February|March|April|May|June|July|August|September|"
        r"October|November|December) \d{1,2}, \d{4}",
        text,
    )


@LANGS
def test_small_numbers_are_written_in_words(lang):
    text = draft("check_in", lang, calm(relationship_years=3))
    assert re.search(r"three years|trois ans", text)
    assert not re.search(r"\b3 (years|ans)\b", text)
